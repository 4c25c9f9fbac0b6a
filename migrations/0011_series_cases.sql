-- 0011 — cases linked by hand to a series, so that a case's decisions are
-- drawn on the charts it concerns (core/series_case.c). A case made from a
-- pattern concerns that pattern's series already (patterns.case_id); this
-- table holds the links an official makes from the chart page for any other
-- case ("Koppla ärende"). The series is identified as in 0006: (level,
-- unit_id, category_id, source), unit_id NULL for the whole region. One row
-- per case and series, kept unique by core (unit_id may be NULL).
-- Portable SQL as in 0001.
CREATE TABLE series_cases (
    id          INTEGER PRIMARY KEY,
    level       TEXT NOT NULL CHECK (level IN ('unit', 'förvaltning', 'region')),
    unit_id     INTEGER REFERENCES units(id),
    category_id INTEGER NOT NULL REFERENCES event_categories(id),
    source      TEXT NOT NULL CHECK (source IN ('deviations', 'complaints')),
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX series_cases_series ON series_cases(source, category_id, unit_id);
CREATE INDEX series_cases_case ON series_cases(case_id);
