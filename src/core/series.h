/*
 * series.h — what hangs on a series (core/pattern.h: one unit × category ×
 * source, at the level of a unit, a förvaltning or the region) besides its
 * counts: the cases that concern it and their decisions, drawn on its chart;
 * and the series as JSON for GET /api/v1/series.
 *
 * A case concerns a series when it was made from a pattern of that series
 * (patterns.case_id with the same level, unit, category and source), or when
 * an official linked it to the series by hand (series_cases, migration
 * 0011), so that an ordinary case about the same deficiency shows too.
 * Linking and unlinking is a change to the case: it lands in the case's
 * history in the same transaction.
 *
 * Ownership: arrays filled here own their strings; free them with the
 * matching *_free. Functions that change something take the acting person
 * and refuse läsare with ERR_FORBIDDEN.
 */
#ifndef LOTS_CORE_SERIES_H
#define LOTS_CORE_SERIES_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "base/err.h"
#include "core/account.h"
#include "core/pattern.h"
#include "store/db.h"

/* --- identity (pattern_series.c) ---------------------------------------------------------------- */

/* Checks a key: a known level and source, an existing category and unit (a
 * förvaltning for that level). Fills the unit's name ("Hela regionen" for the
 * region) and the category's name, both malloc'd (NULL on failure).
 * ERR_INVALID for a bad level or source, ERR_NOTFOUND for an unknown unit or
 * category. */
ErrCode series_key_check(Db *db, const SeriesKey *k, char **unit, char **category, Err *e);
/* The unit id a series is stored under: 0 for the region. */
long long series_key_unit(const SeriesKey *k);
/* "avvikelser", "klagomål". */
const char *series_source_noun(const char *source);

/* --- the cases that concern a series (series_case.c) ---------------------------------------------- */

typedef struct {
    long long id;
    char *ref, *title;
    bool from_pattern;     /* made from a pattern of the series */
    bool linked;           /* linked by hand */
    char *linked_by;       /* display name, "" when not linked */
    char *linked_at;       /* ISO time, "" when not linked */
} SeriesCase;

/* By reference. */
ErrCode series_cases(Db *db, const SeriesKey *k, SeriesCase **out, size_t *n, Err *e);
void series_cases_free(SeriesCase *c, size_t n);

typedef struct {
    long long case_id;
    char *case_ref;
    char *body, *date, *paragraph, *text; /* case_decisions: body, decided_on, paragraph ("§ 45"), text */
    char *label;                          /* "Beslut SSN § 45 (HS 2026-00012)" */
} SeriesDecision;

/* Every decision of every case that concerns the series, oldest first. */
ErrCode series_decisions(Db *db, const SeriesKey *k, SeriesDecision **out, size_t *n, Err *e);
void series_decisions_free(SeriesDecision *d, size_t n);

/* Links the case with reference `case_ref` ("HS 2026-00012", or its id) to
 * the series. ERR_INVALID naming the field when the reference is blank or
 * no case has it; ERR_CONFLICT when the case concerns the series already
 * (linked, or made from one of its patterns). *case_id may be NULL. */
ErrCode series_link_case(Db *db, const Actor *who, const SeriesKey *k, const char *case_ref, long long *case_id,
                         Err *e);
/* Removes a link made by hand (ERR_NOTFOUND when there is none; a case made
 * from a pattern of the series cannot be unlinked). */
ErrCode series_unlink_case(Db *db, const Actor *who, const SeriesKey *k, long long case_id, Err *e);

/* The series a case concerns, for links from the case page to their charts. */
typedef struct {
    char level[16];
    long long unit_id; /* 0 for the region */
    long long category_id;
    char source[16];
    char *name; /* "Läkemedel – Ortopedi (avvikelser)" */
    bool linked; /* linked by hand (else made from one of its patterns) */
} CaseSeries;

ErrCode case_series(Db *db, long long case_id, CaseSeries **out, size_t *n, Err *e);
void case_series_free(CaseSeries *s, size_t n);

/* --- JSON (series_json.c) ------------------------------------------------------------------------- */

/* {"level","unit_id","unit","category_id","category","source","title",
 *  "judged","chart" (null if not judged),"rule" (null if none),
 *  "counts": [{"period","count","denominator" (null)}],
 *  "points": [{"x","y","cl","lcl","ucl","signal"}] (the charted points;
 *             signal: marked as signalling, on the unfavourable side),
 *  "annotations": [{"date","on","text","created_by"}],
 *  "settings": {"freeze","split_at" (null)},
 *  "cases": [{"id","ref","title","from_pattern","linked"}],
 *  "decisions": [{"case","case_ref","body","date","paragraph","text","label"}]} */
json_t *series_to_json(const SeriesKey *k, const Series *s, const SeriesCase *cases, size_t ncases,
                       const SeriesDecision *dec, size_t ndec);

#endif
