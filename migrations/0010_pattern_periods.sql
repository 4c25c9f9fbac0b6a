-- 0010 — one pattern per series across periods: pattern detection judges
-- every series per month and per ISO week (core/pattern_detect.c). When
-- both periods of the same (level, unit, category, source) signal, only the
-- stronger is stored, and it names the other period's signal here so that
-- nothing is proposed twice and nothing is hidden.
ALTER TABLE patterns ADD COLUMN also_period TEXT NOT NULL DEFAULT '';   -- 'month', 'week' or ''
ALTER TABLE patterns ADD COLUMN also_rule TEXT NOT NULL DEFAULT '';     -- that series' strongest rule
ALTER TABLE patterns ADD COLUMN also_strength REAL;                     -- and its strength; NULL: none
