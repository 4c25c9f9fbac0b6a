-- 0001 — the foundation: settings, accounts, strategy items, bodies, cases and
-- their history. Written in the SQL that SQLite and PostgreSQL share where we
-- can (INTEGER keys, TEXT dates in ISO 8601 UTC, no SQLite-only functions).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('ref_prefix', 'HS');

CREATE TABLE users (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'handlaggare', 'lasare')),
    pw_hash      TEXT NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL
);

-- Only hashes of session ids and API tokens are stored: a copy of the
-- database does not let anyone log in.
CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    label      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- Plans and their items. The foundation ships the strategy for the transition
-- with its five areas; the plans issue grows this into full plan trees.
CREATE TABLE plans (
    id    INTEGER PRIMARY KEY,
    key   TEXT NOT NULL UNIQUE,
    name  TEXT NOT NULL
);
CREATE TABLE plan_items (
    id        INTEGER PRIMARY KEY,
    plan_id   INTEGER NOT NULL REFERENCES plans(id),
    parent_id INTEGER REFERENCES plan_items(id),
    kind      TEXT NOT NULL,
    code      TEXT NOT NULL,
    title     TEXT NOT NULL,
    sort      INTEGER NOT NULL DEFAULT 0
);
INSERT INTO plans (id, key, name) VALUES
    (1, 'omstallning', 'Strategi för hälso- och sjukvårdens omställning 2023–2027');
INSERT INTO plan_items (plan_id, kind, code, title, sort) VALUES
    (1, 'area', 'NV', 'Nära vård', 1),
    (1, 'area', 'PR', 'Prioritering', 2),
    (1, 'area', 'DI', 'Digitalisering', 3),
    (1, 'area', 'KV', 'Kvalitetsdriven verksamhetsutveckling och kompetensförsörjning', 4),
    (1, 'area', 'BU', 'Barnuppdraget', 5);

-- Bodies that anchor and decide (nämnder, ledningsgrupper, råd, funktionsgrupper).
-- The organisation issue extends this into the full group structure.
CREATE TABLE bodies (
    id    INTEGER PRIMARY KEY,
    short TEXT NOT NULL UNIQUE,
    name  TEXT NOT NULL,
    kind  TEXT NOT NULL
);

-- Reference numbers: one running counter per series prefix and year, taken
-- inside the same write transaction that inserts the case.
CREATE TABLE ref_counters (
    prefix TEXT NOT NULL,
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (prefix, year)
);

CREATE TABLE cases (
    id          INTEGER PRIMARY KEY,
    ref         TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    search_text TEXT NOT NULL DEFAULT '', -- ref, title, description folded to lower case by core
    origin      INTEGER NOT NULL CHECK (origin BETWEEN 1 AND 6),
    process     TEXT NOT NULL,
    step        TEXT NOT NULL,
    officer_id  INTEGER REFERENCES users(id),
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX cases_process_step ON cases(process, step);
CREATE INDEX cases_officer ON cases(officer_id);

-- The latest answer per checklist item; every answer is also an event.
CREATE TABLE case_checklist (
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    step       TEXT NOT NULL,
    item       TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('open', 'done', 'na')),
    note       TEXT NOT NULL DEFAULT '',
    updated_by INTEGER REFERENCES users(id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (case_id, step, item)
);

CREATE TABLE case_links (
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    plan_item_id INTEGER NOT NULL REFERENCES plan_items(id),
    note         TEXT NOT NULL DEFAULT '',
    created_by   INTEGER REFERENCES users(id),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (case_id, plan_item_id)
);

-- Förankring: which body was consulted in which step, and what it answered.
CREATE TABLE case_consultations (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    step        TEXT NOT NULL,
    body        TEXT NOT NULL,
    answer      TEXT NOT NULL CHECK (answer IN ('tillstyrker', 'tillstyrker_med_andring', 'avstyrker', 'information')),
    note        TEXT NOT NULL DEFAULT '',
    consulted_on TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX case_consultations_case ON case_consultations(case_id);

-- Beslut: the deciding body (or 'Delegation'), date, text and paragraph.
CREATE TABLE case_decisions (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    step       TEXT NOT NULL,
    body       TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    paragraph  TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX case_decisions_case ON case_decisions(case_id);

-- The history: append-only. kind is a short machine word (created, checklist,
-- link, unlink, consultation, decision, transition, officer, edit); summary is
-- the Swedish line the timeline shows; note is the user's why.
CREATE TABLE case_events (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES cases(id),
    at       TEXT NOT NULL,
    user_id  INTEGER REFERENCES users(id),
    kind     TEXT NOT NULL,
    summary  TEXT NOT NULL,
    note     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events(case_id, id);
