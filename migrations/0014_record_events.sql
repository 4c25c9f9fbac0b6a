-- 0014 — the history of deviations and complaints (who, when, what): every
-- change core makes to one (registration, status, feedback or answer,
-- serious on/off, händelseanalys, Lex Maria report, closed date) appends one
-- row here in the same transaction as the change, as case_events do for
-- cases. Written only by core/deviation_history.c; never updated or deleted.
--
-- One table for both kinds rather than two: the rows have the same shape,
-- one writer and one reader serve both, and the (kind, record_id) index
-- keeps reading one record's history a single index range. The price is no
-- foreign key on record_id; deviations and complaints are never deleted.
--
-- what: a short machine word (registered, status, serious, analysis,
-- lex_maria, answer …); detail: the Swedish line shown on the page
-- ("Status: registrerad → under utredning"). An import writes one row per
-- record it adds, naming the import. Portable SQL as in 0001.
CREATE TABLE record_events (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('deviation', 'complaint')),
    record_id INTEGER NOT NULL,
    at        TEXT NOT NULL,
    user_id   INTEGER REFERENCES users(id),  -- NULL: the system (the demo)
    what      TEXT NOT NULL,
    detail    TEXT NOT NULL
);
CREATE INDEX record_events_record ON record_events(kind, record_id, id);
