/*
 * api_series.c — the JSON API for one series (a unit × category × source at
 * the level of a unit, a förvaltning or the region):
 *   GET  /api/v1/series?level=&unit=&category=&source=   the series: counts, charted points with
 *                                                          cl/lcl/ucl/signal, annotations, settings,
 *                                                          the cases that concern it and their decisions
 *   POST /api/v1/series/annotations  {level, unit, category, source, date, text}
 *   POST /api/v1/series/settings     {level, unit, category, source, freeze, split_at}
 *   POST /api/v1/series/cases        {level, unit, category, source, case}
 * Thin: parse, call core/pattern.h and core/series.h, answer with
 * series_to_json; policy is in web/dispatch.c.
 */
#include "web/handlers.h"
#include "web/api_json.h"
#include "core/series.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Answers `status` with the whole series, or core's error. */
static void reply_series(Request *r, int status, const SeriesKey *k)
{
    Series s;
    Err e = ERR_INIT;
    if (series_load(r->db, k, &s, &e)) {
        reply_err(r, &e);
        return;
    }
    SeriesCase *cases = NULL;
    SeriesDecision *dec = NULL;
    size_t ncases = 0, ndec = 0;
    if (series_cases(r->db, k, &cases, &ncases, &e) || series_decisions(r->db, k, &dec, &ndec, &e)) reply_err(r, &e);
    else reply_json(r, status, series_to_json(k, &s, cases, ncases, dec, ndec));
    series_cases_free(cases, ncases);
    series_decisions_free(dec, ndec);
    series_free(&s);
}

/* level (default unit), unit (required except for the region), category
 * and source from a request body. */
static bool key_or_reply(Request *r, const json_t *j, SeriesKey *k)
{
    const char *level = NULL, *source = NULL, *period = NULL;
    long long unit = 0, category = 0;
    if (!json_str_or_reply(r, j, "level", OPTIONAL, &level) || !json_str_or_reply(r, j, "period", OPTIONAL, &period) || !json_int_or_reply(r, j, "unit", OPTIONAL, 1, LLONG_MAX, &unit) ||
        !json_int_or_reply(r, j, "category", REQUIRED, 1, LLONG_MAX, &category) ||
        !json_str_or_reply(r, j, "source", REQUIRED, &source))
        return false;
    *k = (SeriesKey){level ? level : "unit", unit, category, source, period ? period : "month"};
    if (!unit && strcmp(k->level, "region")) {
        reply_error(r, 400, "Fältet 'unit' krävs (utom för level region).");
        return false;
    }
    return true;
}

void api_series_get(Request *r)
{
    long unit = 0, category = 0;
    if (!query_int_or_reply(r, "unit", 1, LONG_MAX, &unit) || !query_int_or_reply(r, "category", 1, LONG_MAX, &category))
        return;
    const char *level = query_param(r, "level"), *source = query_param(r, "source"), *period = query_param(r, "period");
    SeriesKey k = {level && *level ? level : "unit", unit, category, source && *source ? source : "deviations",
                   period && *period ? period : "month"};
    if (!category) reply_error(r, 400, "Parametern 'category' krävs.");
    else if (!unit && strcmp(k.level, "region")) reply_error(r, 400, "Parametern 'unit' krävs (utom för level=region).");
    else {
        Err e = ERR_INIT;
        char *u = NULL, *c = NULL;
        /* an unknown level or source is bad input (400), not a missing series */
        if (series_key_check(r->db, &k, &u, &c, &e)) reply_err(r, &e);
        else reply_series(r, 200, &k);
        free(u), free(c);
    }
}

void api_series_annotate(Request *r)
{
    json_t *j = json_body_or_reply(r);
    if (!j) return;
    SeriesKey k;
    const char *date = NULL, *text = NULL;
    bool ok = key_or_reply(r, j, &k) && json_str_or_reply(r, j, "date", REQUIRED, &date) &&
              json_str_or_reply(r, j, "text", REQUIRED, &text);
    json_decref(j);
    if (!ok) return;
    long long id = 0;
    Err e = ERR_INIT;
    if (series_annotate(r->db, &r->user, &k, date, text, &id, &e)) {
        reply_err(r, &e);
        return;
    }
    reply_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

void api_series_settings(Request *r)
{
    json_t *j = json_body_or_reply(r);
    if (!j) return;
    SeriesKey k;
    long long freeze = 0;
    const char *split = NULL;
    bool ok = key_or_reply(r, j, &k) && json_int_or_reply(r, j, "freeze", OPTIONAL, 0, PATTERN_MAX_PERIODS, &freeze) &&
              json_str_or_reply(r, j, "split_at", OPTIONAL, &split);
    json_decref(j);
    if (!ok) return;
    Err e = ERR_INIT;
    if (series_set(r->db, &r->user, &k, freeze, split ? split : "", &e)) reply_err(r, &e);
    else reply_series(r, 200, &k);
}

void api_series_link(Request *r)
{
    json_t *j = json_body_or_reply(r);
    if (!j) return;
    SeriesKey k;
    const char *ref = NULL;
    bool ok = key_or_reply(r, j, &k) && json_str_or_reply(r, j, "case", REQUIRED, &ref);
    json_decref(j);
    if (!ok) return;
    Err e = ERR_INIT;
    if (series_link_case(r->db, &r->user, &k, ref, NULL, &e)) reply_err(r, &e);
    else reply_series(r, 201, &k);
}
