-- 0003 — plans grow into trees with owners and indicators: a plan has a period
-- span and a tolerance for "delvis uppnått"; its items (area → delområde →
-- effektmål → aktivitet → indikator) have owners, and an administration's
-- item may point to the regional item it breaks down (its strategy map).
-- Indicators carry a unit, a direction and a period type; their values per
-- period hold target, outcome, a follow-up comment and an owner's override of
-- the computed goal fulfilment. Portable SQL as in 0001.
--
-- Numbers (tolerance, target, outcome) are NUMERIC, written by core as
-- canonical decimal text ("57", "57.5") and read back as text, so both
-- engines keep them exact. Goal fulfilment is never stored: core computes it
-- from outcome, target, direction and the plan's tolerance (core/plan_fulfil.c);
-- only an owner's override is stored.

-- kind: strategi, genomforandeplan, verksamhetsplan, strategikarta, plan.
-- organisation: '' for a regional plan, else the administration (förvaltning)
-- that owns it. based_on: the plan it breaks down. period_from/period_to:
-- periods as core writes them ('2024', '2024-T1' …), '' when not set.
ALTER TABLE plans ADD COLUMN kind TEXT NOT NULL DEFAULT 'plan';
ALTER TABLE plans ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN based_on INTEGER REFERENCES plans(id);
ALTER TABLE plans ADD COLUMN period_from TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN period_to TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN tolerance_pct NUMERIC NOT NULL DEFAULT 5;
ALTER TABLE plans ADD COLUMN created_at TEXT NOT NULL DEFAULT '';

UPDATE plans SET kind = 'strategi', period_from = '2023', period_to = '2027' WHERE key = 'omstallning';

-- kind (0001): area, delomrade, goal (effektmål), activity, indicator.
-- status: for activities: '', planned, ongoing, done, cancelled.
-- refers_to: the item of another plan that this one breaks down.
ALTER TABLE plan_items ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE plan_items ADD COLUMN strategic_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE plan_items ADD COLUMN assignment_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE plan_items ADD COLUMN status TEXT NOT NULL DEFAULT '';
ALTER TABLE plan_items ADD COLUMN refers_to INTEGER REFERENCES plan_items(id);
CREATE UNIQUE INDEX plan_items_code ON plan_items(plan_id, code);
CREATE INDEX plan_items_parent ON plan_items(parent_id);
CREATE INDEX plan_items_refers_to ON plan_items(refers_to);

-- One row per plan item of kind 'indicator'.
CREATE TABLE plan_indicators (
    item_id     INTEGER PRIMARY KEY REFERENCES plan_items(id),
    unit        TEXT NOT NULL DEFAULT '',
    direction   TEXT NOT NULL DEFAULT 'higher' CHECK (direction IN ('higher', 'lower')),
    period_type TEXT NOT NULL DEFAULT 'tertial' CHECK (period_type IN ('tertial', 'quarter', 'month', 'year'))
);

-- period: '2024-T1', '2024-Q3', '2024-05' or '2024', of the indicator's type;
-- period_start: its first day (ISO date), for ordering in SQL.
CREATE TABLE indicator_values (
    indicator_id     INTEGER NOT NULL REFERENCES plan_indicators(item_id),
    period           TEXT NOT NULL,
    period_start     TEXT NOT NULL,
    target           NUMERIC,
    outcome          NUMERIC,
    comment          TEXT NOT NULL DEFAULT '',
    override         TEXT CHECK (override IN ('met', 'partly', 'not_met')),
    override_comment TEXT NOT NULL DEFAULT '',
    updated_by       INTEGER REFERENCES users(id),
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (indicator_id, period)
);
CREATE INDEX indicator_values_start ON indicator_values(indicator_id, period_start);
