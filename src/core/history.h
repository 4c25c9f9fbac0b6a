/*
 * history.h — the append-only history of a case (who, when, what, why).
 *
 * Called inside the transaction that makes the change, so a change and its
 * event land together or not at all. History is never updated or deleted.
 */
#ifndef LOTS_CORE_HISTORY_H
#define LOTS_CORE_HISTORY_H

#include "base/err.h"
#include "core/account.h"
#include "store/db.h"

/* kind: a short machine word (created, checklist, transition, link, unlink,
 * consultation, decision, officer); summary: the Swedish line shown in the
 * timeline; note: the person's why, may be NULL. */
ErrCode history_add(Db *db, long long case_id, const Actor *who, const char *kind, const char *summary,
                    const char *note, Err *e);

/* Runs one change (`sql` with `args`) and its event in one transaction. */
ErrCode history_write(Db *db, const Actor *who, long long case_id, const char *sql, const DbArg *args,
                      const char *kind, const char *summary, const char *note, Err *e);

#endif
