/*
 * api_cases.c — the JSON API for cases (/api/v1/cases…). Each handler reads
 * its typed fields (web/api_json.h answers 400 naming a bad one), asks core
 * as the person behind the API token, and answers with core's JSON shape
 * (core/case_json.h) or core's message mapped to a status by reply_err.
 * Authentication and the läsare check were done by web/dispatch.c; no SQL,
 * no rules of the domain here.
 */
#include "web/handlers.h"
#include "web/api_action.h"
#include "web/api_json.h"
#include "core/case.h"
#include "core/case_json.h"
#include "core/case_scope.h"

#include <limits.h>

enum { LIMIT_DEFAULT = 25, LIMIT_MAX = 200, OFFSET_MAX = 1000000000 };

/* Answers the case detail after a change, or core's message. */
static void after_change(Request *r, ErrCode rc, const Err *e, int status, long long id)
{
    if (rc) reply_err(r, e);
    else reply_case_detail(r, status, id);
}

void api_case_list(Request *r)
{
    long origin = 0, officer = 0, item = 0, limit = LIMIT_DEFAULT, offset = 0, page = 0;
    if (!query_int_or_reply(r, "origin", 1, 6, &origin) || !query_int_or_reply(r, "officer", 1, LONG_MAX, &officer) ||
        !query_int_or_reply(r, "plan_item", 1, LONG_MAX, &item) ||
        !query_int_or_reply(r, "limit", 1, LIMIT_MAX, &limit) ||
        !query_int_or_reply(r, "offset", 0, OFFSET_MAX, &offset) ||
        !query_int_or_reply(r, "page", 1, OFFSET_MAX / LIMIT_MAX, &page))
        return;
    if (page) offset = (page - 1) * limit; /* page wins over offset */
    CaseFilter f = {.process = query_param(r, "process"),
                    .step = query_param(r, "step"),
                    .origin = (int)origin,
                    .q = query_param(r, "q"),
                    .officer_id = officer,
                    .limit = (int)limit,
                    .offset = (int)offset,
                    .plan_item_id = item};
    CaseList l;
    Err e = ERR_INIT;
    if (case_list(r->db, &f, &l, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *j = case_list_to_json(&l, r->cfg->ps);
    case_list_free(&l);
    json_object_set_new(j, "limit", json_integer(limit));
    json_object_set_new(j, "offset", json_integer(offset));
    reply_json(r, 200, j);
}

void api_case_create(Request *r)
{
    json_t *j = json_body_or_reply(r);
    CaseNew in = {0};
    long long origin = 0, officer = 0;
    bool ok = j && json_str_or_reply(r, j, "title", REQUIRED, &in.title) &&
              json_str_or_reply(r, j, "description", OPTIONAL, &in.description) &&
              json_int_or_reply(r, j, "origin", REQUIRED, 1, 6, &origin) &&
              json_int_or_reply(r, j, "officer", OPTIONAL, 1, LLONG_MAX, &officer);
    json_decref(j);
    if (!ok) return;
    in.origin = (int)origin;
    in.officer_id = officer;
    Case c;
    Err e = ERR_INIT;
    if (case_create(r->db, r->cfg->ps, &r->user, &in, &c, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *out = case_to_json(&c, r->cfg->ps);
    r->location = url(r, "/api/v1/cases/%lld", c.id);
    case_free(&c);
    reply_json(r, 201, out);
}

void api_case_get(Request *r)
{
    long long id;
    if (arg_id_or_reply(r, 0, &id)) reply_case_detail(r, 200, id);
}

void api_case_checklist(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = json_body_or_reply(r);
    const char *item, *state, *note;
    bool ok = j && json_str_or_reply(r, j, "item", REQUIRED, &item) &&
              json_str_or_reply(r, j, "state", REQUIRED, &state) &&
              json_str_or_reply(r, j, "note", OPTIONAL, &note);
    json_decref(j);
    if (!ok) return;
    Err e = ERR_INIT;
    after_change(r, case_set_checklist(r->db, r->cfg->ps, &r->user, id, item, state, note, &e), &e, 200, id);
}

void api_case_transition(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = json_body_or_reply(r);
    const char *to, *note;
    bool ok = j && json_str_or_reply(r, j, "to", REQUIRED, &to) && json_str_or_reply(r, j, "note", OPTIONAL, &note);
    json_decref(j);
    if (!ok) return;
    Err e = ERR_INIT;
    after_change(r, case_move(r->db, r->cfg->ps, &r->user, id, to, note, &e), &e, 200, id);
}

void api_case_link(Request *r)
{
    long long id, item = 0;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = json_body_or_reply(r);
    const char *note;
    bool ok = j && json_int_or_reply(r, j, "plan_item", REQUIRED, 1, LLONG_MAX, &item) &&
              json_str_or_reply(r, j, "note", OPTIONAL, &note);
    json_decref(j);
    if (!ok) return;
    Err e = ERR_INIT;
    after_change(r, case_link(r->db, &r->user, id, item, note, &e), &e, 201, id);
}

void api_case_consult(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = json_body_or_reply(r);
    ConsultationNew in;
    bool ok = j && json_str_or_reply(r, j, "body", REQUIRED, &in.body) &&
              json_str_or_reply(r, j, "answer", REQUIRED, &in.answer) &&
              json_str_or_reply(r, j, "date", REQUIRED, &in.date) &&
              json_str_or_reply(r, j, "note", OPTIONAL, &in.note);
    json_decref(j);
    if (!ok) return;
    Err e = ERR_INIT;
    after_change(r, case_consult(r->db, r->cfg->ps, &r->user, id, &in, &e), &e, 201, id);
}

void api_case_decide(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = json_body_or_reply(r);
    DecisionNew in;
    bool ok = j && json_str_or_reply(r, j, "body", REQUIRED, &in.body) &&
              json_str_or_reply(r, j, "date", REQUIRED, &in.date) &&
              json_str_or_reply(r, j, "paragraph", OPTIONAL, &in.paragraph) &&
              json_str_or_reply(r, j, "text", REQUIRED, &in.text);
    json_decref(j);
    if (!ok) return;
    Err e = ERR_INIT;
    after_change(r, case_decide(r->db, r->cfg->ps, &r->user, id, &in, &e), &e, 201, id);
}

/* Answers the case's scope and proposal after the scope was set. */
static void reply_scope(Request *r, long long id)
{
    Case c;
    Err e = ERR_INIT;
    CaseProposal p;
    if (case_get(r->db, id, &c, &e)) {
        reply_err(r, &e);
        return;
    }
    const ProcessDef *def = process_find(r->cfg->ps, c.process);
    ErrCode rc = case_propose(r->db, r->cfg->rules, def, c.step, id, &p, &e);
    case_free(&c);
    if (rc) {
        reply_err(r, &e);
        return;
    }
    json_t *j = json_object();
    case_json_add_proposal(j, &p);
    case_proposal_free(&p);
    reply_json(r, 200, j);
}

void api_case_scope(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = json_body_or_reply(r);
    DecideInput in = {0};
    const char *note = NULL;
    bool ok = j && action_or_reply(r, j, &in) && json_str_or_reply(r, j, "note", OPTIONAL, &note);
    json_decref(j);
    if (!ok) return;
    Err e = ERR_INIT;
    if (case_set_scope(r->db, &r->user, id, &in, note, &e)) reply_err(r, &e);
    else reply_scope(r, id);
}
