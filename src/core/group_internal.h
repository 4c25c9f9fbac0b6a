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

/* Only the digits 0-9 (and at least one): read as an id, not a name. */
bool group_all_digits(const char *s);
/* "nämnd, koncernledningsgrupp, …": every type as stored, for messages. */
const char *group_type_keys(void);
/* Another group than `except` (0: none) with this name or short name (any
 * case, with or without å/ä/ö): ERR_CONFLICT naming it. */
ErrCode group_check_unique(Db *db, long long except, const char *name, const char *short_name, Err *e);
/* The id of the body a group of this short name is to be: an existing body
 * no group has yet, or a new one (kind: the type). Needs a short name. */
ErrCode group_body_for(Db *db, const char *short_name, const char *name, GroupType t, long long *body_id, Err *e);

/* One line in the group's history (group_events). */
ErrCode group_event(Db *db, long long group_id, const Actor *who, const char *kind, const char *summary,
                    const char *note, Err *e);

/* The writers, inside a transaction the caller holds. */
ErrCode group_add_tx(Db *db, const Actor *who, const GroupNew *in, long long *id, Err *e);
ErrCode group_update_tx(Db *db, const Actor *who, long long id, const GroupEdit *in, bool *changed, Err *e);
ErrCode group_member_add_tx(Db *db, const Actor *who, long long group_id, const MemberNew *in, long long *id,
                            Err *e);
ErrCode group_member_change_tx(Db *db, const Actor *who, long long group_id, long long member_id,
                               const MemberChange *in, bool *changed, Err *e);
ErrCode group_member_end_tx(Db *db, const Actor *who, long long group_id, long long member_id, const char *on,
                            const char *note, int *ntasks, Err *e);
ErrCode commission_add_tx(Db *db, const Actor *who, long long group_id, const CommissionNew *in, int *version,
                          Err *e);
ErrCode mandate_add_tx(Db *db, const Actor *who, const MandateNew *in, long long *id, Err *e);
ErrCode mandate_end_tx(Db *db, const Actor *who, long long id, const char *on, const char *note, Err *e);
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
