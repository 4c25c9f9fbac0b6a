-- 0005 — deviations (avvikelser), event analyses (händelseanalyser), Lex Maria
-- reports, complaints (klagomål) and the imports that brought them in.
-- Portable SQL as in 0001: INTEGER keys, TEXT dates in ISO 8601, no
-- engine-only functions; every value is written by core (core/deviation_*.c,
-- core/complaint.c), which validates it first.
--
-- Counting for the patterns (statistical process control per unit ×
-- category × week or month) is one indexed query: core writes the ISO week
-- ('2026-W07') and the month ('2026-02') of the event beside its date, and
-- the indexes (unit_id, category_id, event_week|event_month) cover
--     SELECT unit_id, category_id, event_month, count(*)
--       FROM deviations GROUP BY unit_id, category_id, event_month;
-- so it never touches the table itself. Categories are a small table shared by
-- deviations and complaints (integer keys keep those indexes small, and a
-- category spelt "Läkemedel" in one export and "LÄKEMEDEL" in another is one).
--
-- Severity (allvarlighetsgrad) is the consequence scale of the risk matrix in
-- Socialstyrelsen/SKR, "Riskanalys & händelseanalys – handbok för
-- patientsäkerhetsarbete": 1 mindre, 2 måttlig, 3 betydande, 4 katastrofal.
--
-- No personal identity numbers anywhere: every free text passes
-- freetext_check before it is written.

-- One row per successful import (all or nothing: a refused file leaves no row).
CREATE TABLE imports (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('deviations', 'complaints')),
    file_name     TEXT NOT NULL,
    mapping       TEXT NOT NULL DEFAULT '',  -- the mapping file's name, '' for the standard columns
    rows_read     INTEGER NOT NULL,          -- data lines in the file
    rows_new      INTEGER NOT NULL,          -- added by this import
    rows_existing INTEGER NOT NULL,          -- their reference was already there: left as they were
    imported_by   INTEGER REFERENCES users(id),
    imported_at   TEXT NOT NULL
);

CREATE TABLE event_categories (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,         -- as first written: "Läkemedel"
    name_key TEXT NOT NULL UNIQUE   -- folded to lower case by core
);

CREATE TABLE deviations (
    id               INTEGER PRIMARY KEY,
    ref              TEXT NOT NULL UNIQUE,  -- the deviation system's number; the key for re-imports
    kind             TEXT NOT NULL CHECK (kind IN ('patient', 'vård', 'arbetsrelaterad', 'tillbud')),
    event_date       TEXT NOT NULL,         -- YYYY-MM-DD, when it happened
    event_week       TEXT NOT NULL,         -- ISO week of event_date: 2026-W07
    event_month      TEXT NOT NULL,         -- 2026-02
    reported_date    TEXT NOT NULL,         -- YYYY-MM-DD, when it was reported
    unit_id          INTEGER NOT NULL REFERENCES units(id),
    category_id      INTEGER NOT NULL REFERENCES event_categories(id),
    subcategory      TEXT NOT NULL DEFAULT '',
    severity         INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),
    description      TEXT NOT NULL,
    immediate_action TEXT NOT NULL DEFAULT '',  -- omedelbar åtgärd
    status           TEXT NOT NULL DEFAULT 'registrerad'
                     CHECK (status IN ('registrerad', 'under utredning', 'åtgärdad', 'avslutad')),
    feedback         TEXT NOT NULL DEFAULT '',  -- återkoppling till den som rapporterade
    serious          INTEGER NOT NULL DEFAULT 0 CHECK (serious IN (0, 1)),
    search_text      TEXT NOT NULL DEFAULT '',  -- ref, texts and category folded by core, for q=
    entered_via      TEXT NOT NULL CHECK (entered_via IN ('manual', 'import')),
    import_id        INTEGER REFERENCES imports(id),
    created_by       INTEGER REFERENCES users(id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((entered_via = 'import') = (import_id IS NOT NULL))
);
CREATE INDEX deviations_unit_category_date ON deviations(unit_id, category_id, event_date);
CREATE INDEX deviations_unit_category_week ON deviations(unit_id, category_id, event_week);
CREATE INDEX deviations_unit_category_month ON deviations(unit_id, category_id, event_month);
CREATE INDEX deviations_category_date ON deviations(category_id, event_date);
CREATE INDEX deviations_event_date ON deviations(event_date);
CREATE INDEX deviations_import ON deviations(import_id);

-- Händelseanalys: for a serious event or a Lex Maria report. The analysis
-- describes the event and its causes; its actions have an owner and a due date.
CREATE TABLE event_analyses (
    id           INTEGER PRIMARY KEY,
    deviation_id INTEGER NOT NULL REFERENCES deviations(id),
    started_on   TEXT NOT NULL,             -- YYYY-MM-DD
    finished_on  TEXT,                      -- YYYY-MM-DD, NULL while it goes on
    event        TEXT NOT NULL,             -- händelseförloppet
    causes       TEXT NOT NULL,             -- bakomliggande orsaker
    conclusion   TEXT NOT NULL DEFAULT '',
    created_by   INTEGER REFERENCES users(id),
    created_at   TEXT NOT NULL
);
CREATE INDEX event_analyses_deviation ON event_analyses(deviation_id);

CREATE TABLE event_analysis_actions (
    id          INTEGER PRIMARY KEY,
    analysis_id INTEGER NOT NULL REFERENCES event_analyses(id),
    action      TEXT NOT NULL,
    owner       TEXT NOT NULL,              -- who answers for it ("Verksamhetschef Ortopedi")
    due_date    TEXT NOT NULL,              -- YYYY-MM-DD
    done_on     TEXT,
    sort        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX event_analysis_actions_analysis ON event_analysis_actions(analysis_id, sort);

-- Anmälan enligt Lex Maria (patientsäkerhetslagen 3 kap. 5 §) to IVO: one per
-- deviation.
CREATE TABLE lex_maria_reports (
    id           INTEGER PRIMARY KEY,
    deviation_id INTEGER NOT NULL UNIQUE REFERENCES deviations(id),
    sent_on      TEXT NOT NULL,             -- YYYY-MM-DD
    ivo_ref      TEXT NOT NULL DEFAULT '',  -- IVO:s diarienummer, when known
    note         TEXT NOT NULL DEFAULT '',
    created_by   INTEGER REFERENCES users(id),
    created_at   TEXT NOT NULL
);

CREATE TABLE complaints (
    id             INTEGER PRIMARY KEY,
    ref            TEXT NOT NULL UNIQUE,    -- the key for re-imports
    source         TEXT NOT NULL CHECK (source IN ('patient', 'närstående', 'IVO', 'Patientnämnden')),
    unit_id        INTEGER NOT NULL REFERENCES units(id),
    category_id    INTEGER NOT NULL REFERENCES event_categories(id),
    subcategory    TEXT NOT NULL DEFAULT '',
    received_date  TEXT NOT NULL,           -- YYYY-MM-DD: the date patterns count by
    received_week  TEXT NOT NULL,           -- 2026-W07
    received_month TEXT NOT NULL,           -- 2026-02
    event_date     TEXT,                    -- YYYY-MM-DD, when known
    description    TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'registrerat'
                   CHECK (status IN ('registrerat', 'under utredning', 'besvarat', 'avslutat')),
    closed_date    TEXT,                    -- YYYY-MM-DD, set when avslutat
    search_text    TEXT NOT NULL DEFAULT '',
    entered_via    TEXT NOT NULL CHECK (entered_via IN ('manual', 'import')),
    import_id      INTEGER REFERENCES imports(id),
    created_by     INTEGER REFERENCES users(id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK ((entered_via = 'import') = (import_id IS NOT NULL))
);
CREATE INDEX complaints_unit_category_date ON complaints(unit_id, category_id, received_date);
CREATE INDEX complaints_unit_category_week ON complaints(unit_id, category_id, received_week);
CREATE INDEX complaints_unit_category_month ON complaints(unit_id, category_id, received_month);
CREATE INDEX complaints_category_date ON complaints(category_id, received_date);
CREATE INDEX complaints_received_date ON complaints(received_date);
CREATE INDEX complaints_import ON complaints(import_id);
