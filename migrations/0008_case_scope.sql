-- 0008 — a case's proposed action ("Åtgärdens omfattning"): the units and
-- municipalities it touches, whether it fits the mission and the budget,
-- whether a political decision is needed, and what it costs. From it and the
-- active decision rules (rules/*.yaml, setting decision_rules) core proposes
-- the case's decision path: the deciding body and the bodies to anchor in.
-- The proposal is computed, never stored; only the scope is.
--
-- Written by core/case_scope.c only, which validates every value and writes
-- the change and its history event in one transaction. Portable SQL as in
-- 0001. The cost is kept in öre so that no engine rounds it.

CREATE TABLE case_scopes (
    case_id        INTEGER PRIMARY KEY REFERENCES cases(id),
    within_mission INTEGER NOT NULL CHECK (within_mission IN (0, 1)),
    within_budget  INTEGER NOT NULL CHECK (within_budget IN (0, 1)),
    political      INTEGER NOT NULL CHECK (political IN (0, 1)),
    cost_ore       INTEGER CHECK (cost_ore IS NULL OR cost_ore >= 0), -- NULL: not given
    updated_by     INTEGER REFERENCES users(id),
    updated_at     TEXT NOT NULL
);

CREATE TABLE case_scope_units (
    case_id INTEGER NOT NULL REFERENCES cases(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (case_id, unit_id)
);
CREATE INDEX case_scope_units_unit ON case_scope_units(unit_id);

CREATE TABLE case_scope_municipalities (
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    PRIMARY KEY (case_id, municipality_id)
);
CREATE INDEX case_scope_municipalities_municipality ON case_scope_municipalities(municipality_id);
