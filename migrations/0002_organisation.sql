-- 0002 — the organisation: the region's units as a tree (region → förvaltning
-- → område → verksamhet → enhet), the municipalities (kommuner) the region
-- works with as partners, and people with their unit or municipality, title
-- and professions. No personal identity numbers anywhere.
--
-- The rules that say who decides what (core/decide*.c) are data files
-- (rules/*.yaml, overridable per organisation), not tables; which rule set is
-- active is the setting `decision_rules`.
--
-- name_key and the other *_key columns hold the name folded to lower case by
-- core (fold_lower, Swedish letters included), so lookups are
-- case-insensitive on both SQLite and PostgreSQL.

CREATE TABLE units (
    id            INTEGER PRIMARY KEY,
    parent_id     INTEGER REFERENCES units(id),
    kind          TEXT NOT NULL CHECK (kind IN ('region', 'förvaltning', 'område', 'verksamhet', 'enhet')),
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL,
    short_name    TEXT NOT NULL DEFAULT '',
    short_key     TEXT NOT NULL DEFAULT '',
    manager_title TEXT NOT NULL DEFAULT '', -- "Verksamhetschef", "Områdeschef" …
    manager_name  TEXT NOT NULL DEFAULT '', -- the person holding it, if known
    created_at    TEXT NOT NULL,
    CHECK ((kind = 'region') = (parent_id IS NULL))
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_name_key ON units(name_key);
-- Two siblings may not share a name; a short name is unique across the region.
CREATE UNIQUE INDEX units_sibling_name ON units(COALESCE(parent_id, 0), name_key);
CREATE UNIQUE INDEX units_short_key ON units(short_key) WHERE short_key <> '';

CREATE TABLE municipalities (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,          -- "Askersund"
    name_key      TEXT NOT NULL UNIQUE,
    official_name TEXT NOT NULL,          -- "Askersunds kommun", "Göteborgs Stad"
    official_key  TEXT NOT NULL UNIQUE,
    county        TEXT NOT NULL DEFAULT '', -- "Örebro län"
    created_at    TEXT NOT NULL
);

CREATE TABLE people (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    name_key        TEXT NOT NULL,
    title           TEXT NOT NULL DEFAULT '',
    unit_id         INTEGER REFERENCES units(id),
    municipality_id INTEGER REFERENCES municipalities(id),
    created_at      TEXT NOT NULL,
    CHECK (unit_id IS NULL OR municipality_id IS NULL)
);
CREATE INDEX people_unit ON people(unit_id);
CREATE INDEX people_municipality ON people(municipality_id);
CREATE INDEX people_name_key ON people(name_key);

-- Professions (läkare, sjuksköterska, fysioterapeut …), so that a group's
-- composition can be checked for being multiprofessional.
CREATE TABLE person_professions (
    person_id  INTEGER NOT NULL REFERENCES people(id),
    profession TEXT NOT NULL,
    PRIMARY KEY (person_id, profession)
);
