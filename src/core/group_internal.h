/*
 * group_internal.h — what the group_*.c files share and nobody else uses:
 * the writers without their own transaction (for the public wrappers and the
 * demo loader, which runs inside its caller's transaction), the event
 * writer, and small helpers for dates, lenient keyword matching and finding a
 * person by id or name.
 */
#ifndef LOTS_CORE_GROUP_INTERNAL_H
#define LOTS_CORE_GROUP_INTERNAL_H

#include "core/group.h"

/* "today" or the local date, in buf. */
const char *group_today(const char *today, char buf[11]);
/* NULL/"" is fine (not given); otherwise it must be a real YYYY-MM-DD. */
ErrCode group_date_check(const char *field, const char *value, Err *e);
/* Lower case, å/ä→a, ö→o, é→e, _ and - → space, trimmed (malloc'd): for
 * matching keywords typed without Swedish letters. */
char *group_keyword_fold(const char *s);
/* A person of the organisation by id ("12") or name (any case). Several with
 * the name: ERR_INVALID listing their ids. name_out (may be NULL) gets the
 * stored name, malloc'd. */
ErrCode group_person_ref(Db *db, const char *ref, long long *id, char **name_out, Err *e);

/* One line in the group's history (group_events). */
ErrCode group_event(Db *db, long long group_id, const Actor *who, const char *kind, const char *summary,
                    const char *note, Err *e);

/* The writers, inside a transaction the caller holds. */
ErrCode group_add_tx(Db *db, const Actor *who, const GroupNew *in, long long *id, Err *e);
ErrCode group_member_add_tx(Db *db, const Actor *who, long long group_id, const MemberNew *in, long long *id,
                            Err *e);
ErrCode group_member_end_tx(Db *db, const Actor *who, long long group_id, long long member_id, const char *on,
                            const char *note, int *ntasks, Err *e);
ErrCode commission_add_tx(Db *db, const Actor *who, long long group_id, const CommissionNew *in, int *version,
                          Err *e);
ErrCode mandate_add_tx(Db *db, const Actor *who, const MandateNew *in, long long *id, Err *e);
ErrCode group_set_rmks_approval_tx(Db *db, const Actor *who, long long id, const char *date, Err *e);
ErrCode task_add_tx(Db *db, long long person_id, long long group_id, const char *text, const char *link,
                    long long *id, Err *e);

/* Runs fn's change in a transaction of its own: begin, change, commit or
 * roll back. */
#define GROUP_IN_TX(db, e, call)                                                                                   \
    do {                                                                                                           \
        if (db_begin((db), (e))) return (e)->code;                                                                 \
        if ((call) || db_commit((db), (e))) {                                                                      \
            db_rollback(db);                                                                                       \
            return (e)->code;                                                                                      \
        }                                                                                                          \
        return ERR_OK;                                                                                             \
    } while (0)

#endif
