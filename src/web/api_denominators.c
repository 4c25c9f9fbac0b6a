/*
 * api_denominators.c — vårddagar and besök per unit and month over the
 * JSON API (core/denominator.h):
 *   POST /api/v1/denominators         a CSV file as the body (enhet;månad;slag;värde),
 *                                     all or nothing → 201 {read, added, updated, unchanged};
 *                                     400 naming the first bad line
 *   GET  /api/v1/denominators         ?unit=ENHET&kind=vårddagar|besök → {items: […]}
 * Thin: parse, call core, answer; policy (writer for the POST) is in
 * web/dispatch.c.
 */
#include "web/handlers.h"
#include "core/denominator.h"

void api_denominator_import(Request *r)
{
    DenominatorCounts c;
    Err e = ERR_INIT;
    if (denominator_import_csv(r->db, &r->user, r->body ? r->body : "", r->body_len, &c, &e)) reply_err(r, &e);
    else reply_json(r, 201, denominator_counts_to_json(&c));
}

void api_denominator_list(Request *r)
{
    Denominator *d;
    size_t n;
    Err e = ERR_INIT;
    if (denominator_list(r->db, query_param(r, "unit"), query_param(r, "kind"), &d, &n, &e)) {
        reply_err(r, &e);
        return;
    }
    reply_json(r, 200, denominator_list_to_json(d, n));
    denominator_list_free(d, n);
}
