-- 0006 — patterns (mönster) in deviations and complaints, found by
-- statistical process control (core/pattern*.c), the denominators that turn
-- counts into rates, what users note on and set for a chart, and the
-- evidence attached to a signal case made from a pattern.
-- Portable SQL as in 0001: INTEGER keys, TEXT dates/periods in ISO 8601.
--
-- A series is identified by (level, unit_id, category_id, source):
--   level   'unit' (the unit's own events), 'förvaltning' (every unit whose
--           förvaltning ancestor is unit_id) or 'region' (everything;
--           unit_id NULL);
--   source  'deviations' or 'complaints'.
-- The events behind a pattern are not copied: they are found again by query
-- (the unit or subtree × category × the pattern's periods), so a pattern
-- never disagrees with the deviations it stands for.

-- Vårddagar (bed days) or besök (visits) per unit and month: the denominator
-- of a u chart (events per 1000 vårddagar/besök).
CREATE TABLE denominators (
    id      INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    month   TEXT NOT NULL,                   -- 2026-02
    kind    TEXT NOT NULL CHECK (kind IN ('vårddagar', 'besök')),
    value   INTEGER NOT NULL CHECK (value > 0),
    UNIQUE (unit_id, month, kind)
);

-- One row per pattern found by the latest detection, plus every pattern that
-- was turned into a case (kept as the case's origin). A detection replaces
-- the rows without a case.
CREATE TABLE patterns (
    id             INTEGER PRIMARY KEY,
    level          TEXT NOT NULL CHECK (level IN ('unit', 'förvaltning', 'region')),
    unit_id        INTEGER REFERENCES units(id),  -- NULL for the whole region
    category_id    INTEGER NOT NULL REFERENCES event_categories(id),
    source         TEXT NOT NULL CHECK (source IN ('deviations', 'complaints')),
    period         TEXT NOT NULL CHECK (period IN ('month', 'week')),
    chart          TEXT NOT NULL,             -- core/spc.h name: c, u, up, g
    rule           TEXT NOT NULL,             -- the strongest rule: over_ucl, long_run, few_crossings, short_gaps
    rules          TEXT NOT NULL DEFAULT '',  -- every rule that fired, comma separated
    signal_periods TEXT NOT NULL DEFAULT '',  -- the periods that signalled, comma separated
    strength       REAL NOT NULL,             -- core/pattern_judge.c documents the score
    first_period   TEXT NOT NULL,             -- the series judged: first …
    last_period    TEXT NOT NULL,             -- … and last period
    since_period   TEXT NOT NULL,             -- where the unfavourable stretch begins
    events         INTEGER NOT NULL,          -- events from since_period to last_period
    centre         REAL,                      -- the chart's centre line, lower and upper limit
    lcl            REAL,                      --   at the last period (NULL: none)
    ucl            REAL,
    detected_at    TEXT NOT NULL,
    case_id        INTEGER REFERENCES cases(id),
    status         TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'case'))
);
CREATE INDEX patterns_series ON patterns(source, category_id, unit_id);
CREATE INDEX patterns_case ON patterns(case_id);

-- What was changed and when, drawn on the series' chart as a vertical marker.
CREATE TABLE series_annotations (
    id          INTEGER PRIMARY KEY,
    level       TEXT NOT NULL CHECK (level IN ('unit', 'förvaltning', 'region')),
    unit_id     INTEGER REFERENCES units(id),
    category_id INTEGER NOT NULL REFERENCES event_categories(id),
    source      TEXT NOT NULL CHECK (source IN ('deviations', 'complaints')),
    on_date     TEXT NOT NULL,               -- YYYY-MM-DD or YYYY-MM
    text        TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX series_annotations_series ON series_annotations(source, category_id, unit_id);

-- Per series: freeze the centre line and limits on the first N points, or
-- split the series at a period (the chart is judged from there on). One row
-- per series, kept unique by core (unit_id is NULL for the region).
CREATE TABLE series_settings (
    id          INTEGER PRIMARY KEY,
    level       TEXT NOT NULL CHECK (level IN ('unit', 'förvaltning', 'region')),
    unit_id     INTEGER REFERENCES units(id),
    category_id INTEGER NOT NULL REFERENCES event_categories(id),
    source      TEXT NOT NULL CHECK (source IN ('deviations', 'complaints')),
    freeze      INTEGER NOT NULL DEFAULT 0 CHECK (freeze >= 0),
    split_at    TEXT NOT NULL DEFAULT '',    -- YYYY-MM, '' for none
    updated_by  INTEGER REFERENCES users(id),
    updated_at  TEXT NOT NULL
);
CREATE INDEX series_settings_series ON series_settings(source, category_id, unit_id);

-- The deviations and complaints attached to a signal case as its evidence.
CREATE TABLE case_evidence (
    id      INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    kind    TEXT NOT NULL CHECK (kind IN ('deviation', 'complaint')),
    ref_id  INTEGER NOT NULL,                -- deviations.id or complaints.id
    ref     TEXT NOT NULL,                   -- their reference, as it was then
    UNIQUE (case_id, kind, ref_id)
);
