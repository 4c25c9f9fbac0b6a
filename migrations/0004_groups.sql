-- 0004 — groups: nämnder, koncernledningsgrupper, samordningsråd, samordnande
-- grupper, funktionsgrupper, sakkunniggrupper, lagstadgade grupper, kundråd,
-- råd (RMKS, PPR), regionala and lokala programområden (RPO/LPO), lokala
-- arbetsgrupper (LAG), nätverk and ledningsgrupper; their members with roles
-- and terms; their commission documents (uppdragshandling, versioned);
-- mandates and delegations; and tasks (the metodstöd told when a municipal
-- representative leaves). Portable SQL as in 0001/0002: INTEGER keys, TEXT
-- dates (YYYY-MM-DD, '' when not set), flags as INTEGER 0/1.
--
-- Bodies and groups. A body (bodies, 0001: SSN, OSN, KL HoS, PPR …) is the
-- name under which a group anchors and decides in cases: case_consultations
-- and case_decisions store its short name, and core/body.c keeps the table.
-- So a body IS a group, seen from the cases: `bodies` stays as it is (nothing
-- that reads it changes), and a group that acts as a body points to its row
-- through groups.body_id (unique: one group per body). Moving bodies into
-- groups behind a view would need INSTEAD OF triggers to keep body_add
-- working, which SQLite and PostgreSQL write differently; a link keeps both
-- engines on the same SQL. Every body already in the database becomes a
-- group here (its kind taken as the type, 'råd' when the kind is none of
-- the types); core adds the body row when a group is created as a body.
--
-- A group decides nothing by itself: its power is the mandates its members
-- carry (core/group_mandate.c lists them that way). A nämnd's own mandate is
-- a mandate held by the group as a whole (role '').

CREATE TABLE groups (
    id                  INTEGER PRIMARY KEY,
    type                TEXT NOT NULL CHECK (type IN ('nämnd', 'koncernledningsgrupp', 'samordningsråd',
                            'samordnande grupp', 'funktionsgrupp', 'sakkunniggrupp', 'lagstadgad grupp',
                            'kundråd', 'råd', 'RPO', 'LPO', 'LAG', 'nätverk', 'ledningsgrupp')),
    name                TEXT NOT NULL,
    short_name          TEXT NOT NULL DEFAULT '',
    description         TEXT NOT NULL DEFAULT '',
    -- parent: the group it belongs under (a LAG under its LPO, an undergrupp);
    -- reports_to: the group it reports to, when that is not the parent.
    parent_id           INTEGER REFERENCES groups(id),
    reports_to_id       INTEGER REFERENCES groups(id),
    unit_id             INTEGER REFERENCES units(id),
    body_id             INTEGER UNIQUE REFERENCES bodies(id),
    -- What the composition checks ask of the group (core/group_check.c).
    seeks_patient_rep   INTEGER NOT NULL DEFAULT 0, -- a patient-/brukar-/närståendeföreträdare is sought (LAG)
    has_municipal_parts INTEGER NOT NULL DEFAULT 0, -- the area has municipal parts: a kommunal representant belongs
    multiprofessional   INTEGER NOT NULL DEFAULT 0, -- members of at least two professions (LAG, LPO, RPO)
    rmks_approved_on    TEXT NOT NULL DEFAULT '',   -- LPO: the day RMKS approved the composition
    created_at          TEXT NOT NULL
);
CREATE INDEX groups_parent ON groups(parent_id);
CREATE INDEX groups_reports_to ON groups(reports_to_id);

INSERT INTO groups (type, name, short_name, body_id, created_at)
SELECT CASE WHEN kind IN ('nämnd', 'koncernledningsgrupp', 'samordningsråd', 'samordnande grupp', 'funktionsgrupp',
                          'sakkunniggrupp', 'lagstadgad grupp', 'kundråd', 'råd', 'RPO', 'LPO', 'LAG', 'nätverk',
                          'ledningsgrupp')
            THEN kind ELSE 'råd' END,
       name, short, id, ''
FROM bodies;

-- Membership: ended_on is '' while the person is a current member (from
-- from_date on); to_date is the end of the term as appointed ('' open). A
-- current member whose to_date has passed is a problem the checks report.
CREATE TABLE group_members (
    id              INTEGER PRIMARY KEY,
    group_id        INTEGER NOT NULL REFERENCES groups(id),
    person_id       INTEGER NOT NULL REFERENCES people(id),
    role            TEXT NOT NULL CHECK (role IN ('ordförande', 'ledamot', 'adjungerad', 'metodstöd', 'sekreterare',
                        'kontaktperson', 'kommunal representant', 'patientföreträdare', 'brukarföreträdare',
                        'närståendeföreträdare')),
    municipality_id INTEGER REFERENCES municipalities(id),
    from_date       TEXT NOT NULL DEFAULT '',
    to_date         TEXT NOT NULL DEFAULT '',
    ended_on        TEXT NOT NULL DEFAULT '',
    end_note        TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    CHECK ((role = 'kommunal representant') = (municipality_id IS NOT NULL))
);
CREATE INDEX group_members_group ON group_members(group_id);
CREATE INDEX group_members_person ON group_members(person_id);

-- Uppdragshandling för koncernövergripande grupp (the VGR template), one row
-- per version: a revision inserts version n+1 and keeps every predecessor.
-- Column names are the template's headings without å/ä/ö.
CREATE TABLE commissions (
    id                  INTEGER PRIMARY KEY,
    group_id            INTEGER NOT NULL REFERENCES groups(id),
    version             INTEGER NOT NULL,
    datum               TEXT NOT NULL,
    diarienummer        TEXT NOT NULL DEFAULT '',
    ansvarsomrade       TEXT NOT NULL DEFAULT '',
    uppdragsgivare      TEXT NOT NULL DEFAULT '',
    uppdragstagare      TEXT NOT NULL DEFAULT '',
    syfte               TEXT NOT NULL DEFAULT '',
    uppdragsbeskrivning TEXT NOT NULL DEFAULT '',
    ordforande          TEXT NOT NULL DEFAULT '', -- arbetsorganisation: ordförande
    deltagare           TEXT NOT NULL DEFAULT '', -- arbetsorganisation: deltagare
    adjungerade         TEXT NOT NULL DEFAULT '', -- arbetsorganisation: adjungerade
    motesfrekvens       TEXT NOT NULL DEFAULT '',
    undergrupper        TEXT NOT NULL DEFAULT '',
    samband             TEXT NOT NULL DEFAULT '', -- samband och gränsdragning
    kommunikation       TEXT NOT NULL DEFAULT '',
    rapportering        TEXT NOT NULL DEFAULT '', -- beslutsordning: rapportering
    beslutsfattande     TEXT NOT NULL DEFAULT '', -- beslutsordning: beslutsfattande
    note                TEXT NOT NULL DEFAULT '', -- why this version was written
    created_by          INTEGER REFERENCES users(id),
    created_at          TEXT NOT NULL,
    UNIQUE (group_id, version)
);

-- Mandates: what a holder may decide. The holder is one of: a role in a group
-- (group_id + role), a group as a whole (group_id, role '': a nämnd, a råd),
-- the manager of a unit (unit_id: its manager_title), or a named person.
-- A delegation is a mandate a body has delegated (kind 'delegation',
-- granted_by_id the body's group, decision_ref its decision); the view
-- `delegations` lists them.
CREATE TABLE mandates (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL DEFAULT 'mandat' CHECK (kind IN ('mandat', 'delegation')),
    group_id        INTEGER REFERENCES groups(id),
    role            TEXT NOT NULL DEFAULT '',
    unit_id         INTEGER REFERENCES units(id),
    person_id       INTEGER REFERENCES people(id),
    decides         TEXT NOT NULL,                 -- what it may decide, in words
    within_mission  INTEGER NOT NULL DEFAULT 0,    -- only within the unit's or group's mission (uppdrag)
    within_budget   INTEGER NOT NULL DEFAULT 0,    -- only within the budget
    whole_area      INTEGER NOT NULL DEFAULT 0,    -- everything in its area (a board)
    granted_by_id   INTEGER REFERENCES groups(id), -- the body or group that granted it
    granted_by_text TEXT NOT NULL DEFAULT '',      -- or in words: "Reglemente", "Regiondirektören"
    decision_ref    TEXT NOT NULL DEFAULT '',      -- "SSN 2024-03-12 § 41", "Delegationsordning 3.2"
    from_date       TEXT NOT NULL DEFAULT '',
    to_date         TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    CHECK ((CASE WHEN group_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN unit_id IS NULL THEN 0 ELSE 1 END) +
           (CASE WHEN person_id IS NULL THEN 0 ELSE 1 END) = 1),
    CHECK (role = '' OR group_id IS NOT NULL),
    CHECK (kind = 'mandat' OR granted_by_id IS NOT NULL)
);
CREATE INDEX mandates_group ON mandates(group_id);
CREATE INDEX mandates_unit ON mandates(unit_id);
CREATE INDEX mandates_person ON mandates(person_id);

CREATE VIEW delegations AS
SELECT id, granted_by_id AS from_group_id, group_id, role, unit_id, person_id, decides, decision_ref, from_date,
       to_date
FROM mandates WHERE kind = 'delegation';

-- Tasks for a person of the organisation (e.g. a LAG's metodstöd: "a
-- municipal representative has left; agree a successor with the chair").
-- person_id NULL: nobody to give it to yet (the group has no metodstöd).
CREATE TABLE tasks (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER REFERENCES people(id),
    group_id   INTEGER REFERENCES groups(id),
    text       TEXT NOT NULL,
    link       TEXT NOT NULL DEFAULT '', -- a path inside Lots, "/groups/12"
    created_at TEXT NOT NULL,
    done_at    TEXT NOT NULL DEFAULT '',
    done_by    INTEGER REFERENCES users(id)
);
CREATE INDEX tasks_person ON tasks(person_id);

-- What happened to a group, append-only like case_events: created, member,
-- member_end, commission, mandate, approval, task_done.
CREATE TABLE group_events (
    id       INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES groups(id),
    at       TEXT NOT NULL,
    user_id  INTEGER REFERENCES users(id),
    kind     TEXT NOT NULL,
    summary  TEXT NOT NULL,
    note     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX group_events_group ON group_events(group_id, id);
