-- 0012 — a mandate or delegation ended (withdrawn) before its term, or when
-- no end was set: core/group_mandate.c mandate_end sets to_date to the last
-- day it holds (so group power and a person's mandates stop counting it after
-- that day) and records here when that was registered, by whom and why. An
-- ended mandate is not ended again; the group page lists it with its reason.
-- ended_at is '' while the mandate has not been ended (its to_date, if any,
-- is then the term it was given). Portable SQL as in 0001.
ALTER TABLE mandates ADD COLUMN ended_at TEXT NOT NULL DEFAULT '';
ALTER TABLE mandates ADD COLUMN ended_by INTEGER REFERENCES users(id);
ALTER TABLE mandates ADD COLUMN end_note TEXT NOT NULL DEFAULT '';
