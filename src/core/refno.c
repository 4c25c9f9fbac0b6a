/*
 * refno.c — taking the next reference number of the year.
 */
#include "core/refno.h"
#include "core/settings.h"

#include <stdio.h>
#include <stdlib.h>

ErrCode refno_next(Db *db, int year, char out[48], Err *e)
{
    char *prefix = setting_get(db, "ref_prefix", "HS");
    /* Upsert then read back: the row is locked by our write transaction. */
    if (db_exec(db, e,
                "INSERT INTO ref_counters (prefix, year, last) VALUES (:p, :y, 1) "
                "ON CONFLICT (prefix, year) DO UPDATE SET last = ref_counters.last + 1",
                DB_ARGS(DB_TEXT(":p", prefix), DB_INT(":y", year)))) {
        free(prefix);
        return e->code;
    }
    long long n = db_int(db, e, "SELECT last FROM ref_counters WHERE prefix = :p AND year = :y",
                         DB_ARGS(DB_TEXT(":p", prefix), DB_INT(":y", year)), -1);
    if (n < 0) {
        free(prefix);
        return e->code ? e->code : err_set(e, ERR_INTERNAL, "kunde inte läsa diarieräknaren");
    }
    snprintf(out, 48, "%s %d-%05lld", prefix, year, n);
    free(prefix);
    return ERR_OK;
}
