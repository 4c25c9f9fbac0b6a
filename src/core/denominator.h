/*
 * denominator.h — vårddagar (bed days) and besök (visits) per unit and
 * month: the denominators that turn a unit's monthly count of deviations or
 * complaints into a rate (events per 1000 vårddagar/besök, a u chart; see
 * core/pattern_judge.c for when a series, or a roll-up, is rated).
 *
 * They come from the region's production statistics as a CSV file in the
 * Swedish Excel style (base/csv.h: ; or , or tab, "quoted" fields, UTF-8
 * with or without BOM, or Windows-1252 as Excel saves "CSV
 * (semikolonavgränsad)"), with a header line and the columns
 *     enhet;månad;slag;värde
 *     Ortopedi;2026-03;vårddagar;2480
 * enhet   the unit as unit_find takes it: id, short name or name (any case)
 * månad   YYYY-MM, not after the current month
 * slag    vårddagar or besök
 * värde   a positive whole number; spaces between thousands ("2 480") are
 *         allowed, decimals are not
 * Column order is free; the header names them (English unit;month;kind;
 * value is accepted too). A file is imported all or nothing in one
 * transaction: the first bad line stops it with its number and the reason
 * ("rad 7: okänd enhet 'Ortopedavd 3'") and nothing is written. A unit,
 * month and slag already stored gets the file's value (re-importing a
 * corrected file updates, never duplicates); the same unit, month and slag
 * twice in one file is refused.
 *
 * Ownership: lists filled here own their strings; free with the *_free.
 */
#ifndef LOTS_CORE_DENOMINATOR_H
#define LOTS_CORE_DENOMINATOR_H

#include <stddef.h>

#include <jansson.h>

#include "base/err.h"
#include "core/account.h"
#include "store/db.h"

typedef struct {
    int read;      /* data lines */
    int added;     /* new unit + month + slag */
    int updated;   /* stored before with another value: now the file's */
    int unchanged; /* stored before with the same value */
} DenominatorCounts;

/* The import described above. Readers are refused (ERR_FORBIDDEN). */
ErrCode denominator_import_csv(Db *db, const Actor *who, const char *text, size_t len, DenominatorCounts *counts,
                               Err *e);

/* Sets one value (adds or updates), without a transaction of its own and
 * without checking the actor: for the importer and the demo. kind is
 * "vårddagar" or "besök"; month YYYY-MM; value > 0. *was: the old value, 0
 * when there was none (may be NULL). */
ErrCode denominator_set(Db *db, long long unit_id, const char *month, const char *kind, long long value,
                        long long *was, Err *e);

typedef struct {
    long long unit_id;
    char *unit;  /* its name */
    char *month; /* "2026-03" */
    char *kind;  /* "vårddagar", "besök" */
    long long value;
} Denominator;

/* Stored values, by unit (Swedish order), kind and month. unit NULL/"": all,
 * else as unit_find takes it (that unit only; ERR_INVALID "okänd enhet …"
 * naming it); kind NULL/"": both, else vårddagar or besök (ERR_INVALID). */
ErrCode denominator_list(Db *db, const char *unit, const char *kind, Denominator **out, size_t *n, Err *e);
void denominator_list_free(Denominator *d, size_t n);

/* {"items": [{"unit_id","unit","month","kind","value"}]} */
json_t *denominator_list_to_json(const Denominator *d, size_t n);
/* {"read","added","updated","unchanged"} */
json_t *denominator_counts_to_json(const DenominatorCounts *c);

#endif
