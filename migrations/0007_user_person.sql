-- 0007 — an account may be a person of the organisation, so that what the
-- organisation gives a person (a task for a LAG's metodstöd, a membership)
-- reaches that person's start page. One account per person at most.
ALTER TABLE users ADD COLUMN person_id INTEGER REFERENCES people(id);
CREATE UNIQUE INDEX users_person ON users(person_id) WHERE person_id IS NOT NULL;
