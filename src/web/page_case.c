/*
 * page_case.c — the case page (GET /cases/{id}): heading, summary, the
 * process diagram and the main case officer; the other sections come from
 * page_case_step.c, page_case_scope.c (the proposed action and the decision
 * path core proposes), page_case_records.c and page_case_history.c.
 * The same renderer answers a refused form (page_case_actions.c), keeping
 * what the person typed. Policy (login, role, CSRF) is the dispatcher's.
 */
#include "web/page_case.h"
#include "web/form_options.h"
#include "web/handlers.h"
#include "web/layout.h"
#include "web/page_format.h"
#include "base/html.h"

#include <stdlib.h>
#include <string.h>

const char *kept(const CaseView *v, const char *action, const char *key_field, const char *key, const char *field,
                 const char *fallback)
{
    if (!v->posted || strcmp(v->posted, action)) return fallback;
    if (key_field) {
        const char *k = form_param(v->r, key_field);
        if (!k || !key || strcmp(k, key)) return fallback;
    }
    const char *value = form_param(v->r, field);
    return value ? value : fallback;
}

static void summary_facts(const CaseView *v)
{
    Request *r = v->r;
    const Case *c = &v->d->c;
    const Step *s = v->d->step;
    html_printf(&r->out, "<dl class=\"facts\"><dt>Ursprung</dt><dd>%d – %s</dd>", c->origin, origin_label(c->origin));
    html_printf(&r->out, "<dt>Process</dt><dd><a href=\"%s\">Process %s – %s</a></dd>",
                url(r, "/processes/%s", c->process), c->process, v->d->def->name);
    html_printf(&r->out, "<dt>Steg</dt><dd>%s <span class=\"badge kind-%s\">%s</span></dd>", s->name,
                step_kind_class(s->kind), step_kind_label(s->kind));
    if (s->responsible) html_printf(&r->out, "<dt>Ansvarig för steget</dt><dd>%s</dd>", s->responsible);
    html_printf(&r->out, "<dt>Huvudhandläggare</dt><dd>%s</dd>", *c->officer_name ? c->officer_name : "Ingen");
    html_printf(&r->out, "<dt>Registrerad</dt><dd><time datetime=\"%s\">%s</time> av %s</dd>", c->created_at,
                when_text(r, c->created_at), c->created_by_name);
    html_printf(&r->out, "<dt>Senast ändrad</dt><dd><time datetime=\"%s\">%s</time></dd>", c->updated_at,
                when_text(r, c->updated_at));
    if (c->description && *c->description)
        html_printf(&r->out, "<dt>Beskrivning</dt><dd class=\"prewrap\">%s</dd>", c->description);
    else
        html_raw(&r->out, "<dt>Beskrivning</dt><dd>Ingen beskrivning.</dd>");
    html_raw(&r->out, "</dl>");
}

/* The process with the current step highlighted; process_svg escapes its text. */
static void diagram(const CaseView *v)
{
    Request *r = v->r;
    html_raw(&r->out, "<details class=\"diagram\"><summary>Visa processen</summary><figure>");
    process_svg(&r->out, v->d->def, v->d->c.step);
    html_printf(&r->out, "<figcaption>Process %s med ärendets nuvarande steg (%s) markerat.</figcaption>",
                v->d->def->key, v->d->step->name);
    html_raw(&r->out, "</figure></details>");
}

static void officer_form(const CaseView *v)
{
    Request *r = v->r;
    bool open = v->posted && !strcmp(v->posted, "officer");
    const char *chosen = kept(v, "officer", NULL, NULL, "officer", NULL);
    long long selected = v->d->c.officer_id;
    if (chosen) selected = strtoll(chosen, NULL, 10);
    html_printf(&r->out,
                "<details class=\"officer\"%s><summary>Byt huvudhandläggare</summary>"
                "<form method=\"post\" action=\"%s\" class=\"stack\">",
                open ? " open" : "", url(r, "/cases/%lld/officer", v->d->c.id));
    csrf_field(r);
    html_raw(&r->out, "<label for=\"officer\">Ny huvudhandläggare</label><select id=\"officer\" name=\"officer\">");
    options_officers(r, selected);
    html_printf(&r->out,
                "</select><label for=\"officer-note\">Kommentar (valfri)</label>"
                "<input id=\"officer-note\" name=\"note\" maxlength=\"4000\" value=\"%s\">"
                "<button type=\"submit\">Byt huvudhandläggare</button></form></details>",
                kept(v, "officer", NULL, NULL, "note", ""));
}

static void section_summary(const CaseView *v)
{
    html_raw(&v->r->out, "<section aria-labelledby=\"h-summary\"><h2 id=\"h-summary\">Sammanfattning</h2>");
    summary_facts(v);
    diagram(v);
    if (v->can_write) officer_form(v);
    html_raw(&v->r->out, "</section>");
}

void render_case_page(Request *r, long long id, const char *posted, const Err *error)
{
    CaseDetail d;
    Err e = ERR_INIT;
    if (case_detail(r->db, r->cfg->ps, id, &d, &e)) {
        reply_err(r, &e);
        return;
    }
    CaseProposal prop;
    if (case_propose(r->db, r->cfg->rules, d.def, d.c.step, id, &prop, &e)) {
        case_detail_free(&d);
        reply_err(r, &e);
        return;
    }
    CaseView v = {r, &d, &prop, role_can_write(r->user.role), posted};
    buf_reset(&r->out);
    r->status = error ? status_for(error->code) : 200;
    page_begin(r, arena_printf(&r->arena, "%s %s", d.c.ref, d.c.title));
    html_printf(&r->out, "<h1><span class=\"ref\">%s</span> %s</h1>", d.c.ref, d.c.title);
    if (error) error_box(r, error->msg[0] ? error->msg : "Det gick inte att spara.");
    else notice_from_query(r);
    section_summary(&v);
    case_section_evidence(&v);
    case_section_checklist(&v);
    case_section_scope(&v);
    case_section_anchoring(&v);
    case_section_moves(&v);
    case_section_links(&v);
    case_section_history(&v);
    page_end(r);
    case_proposal_free(&prop);
    case_detail_free(&d);
}

void page_case_view(Request *r)
{
    long long id;
    if (arg_id_or_reply(r, 0, &id)) render_case_page(r, id, NULL, NULL);
}
