/*
 * api_patterns.c — the JSON API for patterns: the list strongest first, a
 * recomputation, and a signal case from a pattern (one series and what is
 * added to it: web/api_series.c).
 * Thin: parse, call core/pattern.h, answer; policy is in web/dispatch.c.
 */
#include "web/handlers.h"
#include "web/api_json.h"
#include "core/case.h"
#include "core/case_json.h"
#include "core/pattern.h"

void api_pattern_list(Request *r)
{
    Pattern *p;
    size_t n;
    Err e = ERR_INIT;
    if (pattern_list(r->db, r->cfg->ps, &p, &n, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(items, pattern_to_json(&p[i]));
    pattern_list_free(p, n);
    reply_json(r, 200, json_pack("{s:o}", "items", items));
}

void api_pattern_detect(Request *r)
{
    DetectStats st;
    Err e = ERR_INIT;
    if (pattern_detect(r->db, r->cfg->ps, &st, &e)) {
        reply_err(r, &e);
        return;
    }
    reply_json(r, 200, json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "series", (json_int_t)st.series, "judged",
                                 (json_int_t)st.judged, "weeks", (json_int_t)st.weeks, "judged_weekly",
                                 (json_int_t)st.judged_weekly, "patterns", (json_int_t)st.patterns, "merged",
                                 (json_int_t)st.merged, "kept", (json_int_t)st.kept));
}

void api_pattern_case(Request *r)
{
    long long id, case_id = 0;
    if (!arg_id_or_reply(r, 0, &id)) return;
    Err e = ERR_INIT;
    Case c;
    if (pattern_to_case(r->db, r->cfg->ps, &r->user, id, &case_id, &e) || case_get(r->db, case_id, &c, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *j = case_to_json(&c, r->cfg->ps);
    case_free(&c);
    reply_json(r, 201, j);
}
