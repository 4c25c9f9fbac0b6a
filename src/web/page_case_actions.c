/*
 * page_case_actions.c — the forms on the case page (POST /cases/{id}/…).
 * Each parses its fields, asks core as the signed-in person, and then
 * either redirects to the case with a fixed ?ok= code (POST-redirect-GET) or
 * shows the case page again with core's message, the matching status and
 * the person's input kept. Login, role and CSRF were checked by dispatch.c.
 */
#include "web/handlers.h"
#include "web/page_case.h"

#include <stdlib.h>

/* A missing field reaches core as "" so that core's message names it. */
static const char *field(Request *r, const char *name)
{
    const char *v = form_param(r, name);
    return v ? v : "";
}

/* A positive integer field, or 0 when absent or not a number. */
static long long id_field(Request *r, const char *name)
{
    const char *s = form_param(r, name);
    char *end;
    long long v = s && *s ? strtoll(s, &end, 10) : 0;
    return s && *s && !*end && v > 0 ? v : 0;
}

/* Success: back to the case. Failure: the case page with the message. */
static void finish(Request *r, long long id, ErrCode rc, const Err *e, const char *posted, const char *ok)
{
    if (rc == ERR_OK) redirect(r, arena_printf(&r->arena, "/cases/%lld?ok=%s", id, ok));
    else render_case_page(r, id, posted, e);
}

void page_case_checklist(Request *r)
{
    long long id;
    Err e = ERR_INIT;
    if (!arg_id_or_reply(r, 0, &id)) return;
    ErrCode rc = case_set_checklist(r->db, r->cfg->ps, &r->user, id, field(r, "item"), field(r, "state"),
                                    field(r, "note"), &e);
    finish(r, id, rc, &e, "checklist", "checklist");
}

void page_case_move(Request *r)
{
    long long id;
    Err e = ERR_INIT;
    if (!arg_id_or_reply(r, 0, &id)) return;
    ErrCode rc = case_move(r->db, r->cfg->ps, &r->user, id, field(r, "to"), field(r, "note"), &e);
    finish(r, id, rc, &e, "move", "moved");
}

void page_case_link(Request *r)
{
    long long id;
    Err e = ERR_INIT;
    if (!arg_id_or_reply(r, 0, &id)) return;
    ErrCode rc = case_link(r->db, &r->user, id, id_field(r, "plan_item"), field(r, "note"), &e);
    finish(r, id, rc, &e, "links", "linked");
}

void page_case_unlink(Request *r)
{
    long long id, item;
    Err e = ERR_INIT;
    if (!arg_id_or_reply(r, 0, &id) || !arg_id_or_reply(r, 1, &item)) return;
    ErrCode rc = case_unlink(r->db, &r->user, id, item, &e);
    finish(r, id, rc, &e, "unlink", "unlinked");
}

void page_case_consult(Request *r)
{
    long long id;
    Err e = ERR_INIT;
    if (!arg_id_or_reply(r, 0, &id)) return;
    ConsultationNew in = {field(r, "body"), field(r, "answer"), field(r, "date"), field(r, "note")};
    ErrCode rc = case_consult(r->db, r->cfg->ps, &r->user, id, &in, &e);
    finish(r, id, rc, &e, "consult", "consulted");
}

void page_case_decide(Request *r)
{
    long long id;
    Err e = ERR_INIT;
    if (!arg_id_or_reply(r, 0, &id)) return;
    DecisionNew in = {field(r, "body"), field(r, "date"), field(r, "paragraph"), field(r, "text")};
    ErrCode rc = case_decide(r->db, r->cfg->ps, &r->user, id, &in, &e);
    finish(r, id, rc, &e, "decide", "decided");
}

void page_case_officer(Request *r)
{
    long long id;
    Err e = ERR_INIT;
    if (!arg_id_or_reply(r, 0, &id)) return;
    ErrCode rc = case_set_officer(r->db, &r->user, id, id_field(r, "officer"), field(r, "note"), &e);
    finish(r, id, rc, &e, "officer", "officer");
}

void page_case_scope(Request *r)
{
    long long id;
    Err e = ERR_INIT;
    if (!arg_id_or_reply(r, 0, &id)) return;
    DecideInput in;
    const char *note = NULL;
    ErrCode rc = scope_form_read(r, &in, &note, &e) ? case_set_scope(r->db, &r->user, id, &in, note, &e) : e.code;
    finish(r, id, rc, &e, "scope", "scope");
}
