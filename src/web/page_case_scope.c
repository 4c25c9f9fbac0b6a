/*
 * page_case_scope.c — the case page's "Åtgärdens omfattning och föreslagen
 * beslutsväg": the proposed action as set, the decision path core proposes
 * from it with each step's reason, the proposed deciding body and the
 * bodies to anchor in, and for writers the form that sets the scope
 * (POST /cases/{id}/scope, handled in page_case_actions.c with
 * scope_form_read below). What is proposed, and how a misfit is said, is
 * core's (core/case_proposal.c); this file only shows it.
 * All text goes through html_printf (escaped) or html_raw with literals.
 */
#include "web/page_case.h"
#include "web/layout.h"
#include "web/page_format.h"
#include "web/path_list.h"
#include "base/html.h"
#include "core/org.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The three yes/no questions: form field, question, and label in the facts. */
static const struct {
    const char *field, *question, *fact;
} questions[] = {
    {"within_mission", "Ryms åtgärden inom verksamhetens uppdrag?", "Ryms inom uppdraget"},
    {"within_budget", "Ryms åtgärden inom budget?", "Ryms inom budget"},
    {"political", "Kräver åtgärden politiska beslut?", "Kräver politiskt beslut"},
};

static bool scope_flag(const CaseScope *s, size_t q)
{
    return q == 0 ? s->within_mission : q == 1 ? s->within_budget : s->political;
}

/* --- reading the form ------------------------------------------------------------------- */

/* Every non-blank value of a repeated form field, in order. */
static const char **form_values(Request *r, const char *name, size_t *n)
{
    const char **out = arena_alloc(&r->arena, (r->form.n + 1) * sizeof *out);
    *n = 0;
    for (size_t i = 0; i < r->form.n; i++)
        if (!strcmp(r->form.items[i].name, name) && r->form.items[i].value && *r->form.items[i].value)
            out[(*n)++] = r->form.items[i].value;
    return out;
}

bool scope_form_read(Request *r, DecideInput *in, const char **note, Err *e)
{
    memset(in, 0, sizeof *in);
    in->units = form_values(r, "unit", &in->nunits);
    in->municipalities = form_values(r, "municipality", &in->nmunicipalities);
    bool *flags[] = {&in->within_mission, &in->within_budget, &in->political};
    for (size_t q = 0; q < sizeof questions / sizeof *questions; q++) {
        const char *v = form_param(r, questions[q].field);
        if (!v || (strcmp(v, "1") && strcmp(v, "0"))) {
            err_set(e, ERR_INVALID, "Svara ja eller nej på frågan '%s'", questions[q].question);
            return false;
        }
        *flags[q] = !strcmp(v, "1");
    }
    const char *cost = form_param(r, "cost");
    if (!decide_cost_parse(cost, &in->has_cost, &in->cost)) {
        err_set(e, ERR_INVALID, "Kostnaden ska vara ett belopp i kronor, till exempel 750 000 (inte '%s').", cost);
        return false;
    }
    *note = form_param(r, "note");
    return true;
}

/* --- the scope as set ---------------------------------------------------------------------- */

static void ref_list(Request *r, const ScopeRef *refs, size_t n)
{
    if (!n) {
        html_raw(&r->out, "Inga");
        return;
    }
    html_raw(&r->out, "<ul class=\"plain\">");
    for (size_t i = 0; i < n; i++) html_printf(&r->out, "<li>%s</li>", refs[i].label);
    html_raw(&r->out, "</ul>");
}

static void scope_facts(const CaseView *v)
{
    Request *r = v->r;
    const CaseScope *s = &v->prop->scope;
    html_raw(&r->out, "<dl class=\"facts scope-facts\"><dt>Enheter som berörs</dt><dd>");
    ref_list(r, s->units, s->nunits);
    html_raw(&r->out, "</dd><dt>Kommuner som berörs</dt><dd>");
    ref_list(r, s->municipalities, s->nmunicipalities);
    html_raw(&r->out, "</dd>");
    for (size_t q = 0; q < sizeof questions / sizeof *questions; q++)
        html_printf(&r->out, "<dt>%s</dt><dd>%s</dd>", questions[q].fact, scope_flag(s, q) ? "Ja" : "Nej");
    Buf cost = BUF_INIT;
    if (s->has_cost) decide_amount(&cost, s->cost);
    html_printf(&r->out, "<dt>Kostnad</dt><dd>%s</dd>", s->has_cost ? buf_cstr(&cost) : "Ej angiven");
    buf_free(&cost);
    html_printf(&r->out, "<dt>Senast ändrad</dt><dd><time datetime=\"%s\">%s</time>%s%s</dd></dl>", s->updated_at,
                when_text(r, s->updated_at), *s->updated_by ? " av " : "", s->updated_by);
}

/* --- what is proposed ------------------------------------------------------------------------ */

static void anchoring_text(Request *r, const CaseProposal *p)
{
    if (!p->nanchoring) {
        html_raw(&r->out, "Beslutsvägen föreslår ingen förankring i något organ.");
        return;
    }
    for (size_t i = 0; i < p->nanchoring; i++)
        html_printf(&r->out, "%s<strong>%s</strong>", i == 0 ? "" : i + 1 == p->nanchoring ? " och " : ", ",
                    p->anchoring[i]);
    if (p->anchoring_step) html_printf(&r->out, " (i steget %s)", p->anchoring_step->name);
}

static void proposal(const CaseView *v)
{
    Request *r = v->r;
    const CaseProposal *p = v->prop;
    html_raw(&r->out, "<h3 id=\"h-proposal\">Föreslagen beslutsväg</h3>");
    if (p->error) {
        html_printf(&r->out, "<p class=\"blocked\">Lots kan inte föreslå någon beslutsväg: %s</p>", p->error);
        return;
    }
    html_printf(&r->out,
                "<p class=\"meta\">Enligt regelverket %s. Förslaget är förvalt i förankringen och beslutet; "
                "handläggaren kan alltid välja annat.</p>",
                p->path.rules_name);
    html_printf(&r->out, "<dl class=\"facts proposal\"><dt>Föreslaget beslut</dt><dd class=\"proposal-decides%s\">%s",
                p->decides >= 0 && !p->decides_allowed ? " misfit" : "", p->decides_note);
    if (p->decides >= 0) html_printf(&r->out, " <span class=\"meta\">%s</span>", p->path.steps[p->decides].reason);
    html_raw(&r->out, "</dd><dt>Föreslagen förankring</dt><dd class=\"proposal-anchoring\">");
    anchoring_text(r, p);
    html_raw(&r->out, "</dd></dl>");
    path_list(r, &p->path, p->bodies);
}

/* --- the form --------------------------------------------------------------------------------- */

static bool value_posted(Request *r, const char *name, long long id)
{
    for (size_t i = 0; i < r->form.n; i++)
        if (!strcmp(r->form.items[i].name, name) && r->form.items[i].value &&
            strtoll(r->form.items[i].value, NULL, 10) == id)
            return true;
    return false;
}

static bool ref_chosen(const CaseView *v, const char *name, const ScopeRef *refs, size_t n, long long id)
{
    if (v->posted && !strcmp(v->posted, "scope")) return value_posted(v->r, name, id);
    for (size_t i = 0; i < n; i++)
        if (refs[i].id == id) return true;
    return false;
}

/* The units in tree order, a group per region, indented by depth. */
static void unit_select(const CaseView *v)
{
    Request *r = v->r;
    const CaseScope *s = &v->prop->scope;
    Unit *u;
    size_t n = 0;
    Err e = ERR_INIT;
    html_raw(&r->out, "<label for=\"s-units\">Enheter som berörs</label>"
                      "<p class=\"hint\" id=\"s-units-hint\">Enheterna står i organisationens ordning. "
                      "Håll ned Ctrl (⌘ på Mac) för att välja flera.</p>"
                      "<select id=\"s-units\" name=\"unit\" multiple size=\"10\" class=\"scope-units\" "
                      "aria-describedby=\"s-units-hint\">");
    if (!unit_list(r->db, &u, &n, &e)) {
        for (size_t i = 0; i < n; i++) {
            if (u[i].depth == 0) html_printf(&r->out, "%s<optgroup label=\"%s\">", i ? "</optgroup>" : "", u[i].name);
            html_printf(&r->out, "<option value=\"%lld\"%s>", u[i].id,
                        ref_chosen(v, "unit", s->units, s->nunits, u[i].id) ? " selected" : "");
            for (int d = 0; d < u[i].depth && d < 6; d++) html_raw(&r->out, "\u00a0\u00a0\u00a0"); /* tree indent */
            html_printf(&r->out, "%s%s%s%s</option>", u[i].name, *u[i].short_name ? " (" : "", u[i].short_name,
                        *u[i].short_name ? ")" : "");
        }
        if (n) html_raw(&r->out, "</optgroup>");
        unit_list_free(u, n);
    }
    html_raw(&r->out, "</select>");
    if (!n) html_raw(&r->out, "<p>Organisationen har inga enheter ännu (<code>lots org import</code>).</p>");
}

static void municipality_choices(const CaseView *v)
{
    Request *r = v->r;
    const CaseScope *s = &v->prop->scope;
    Municipality *m;
    size_t n;
    Err e = ERR_INIT;
    html_raw(&r->out, "<fieldset class=\"scope-munis\"><legend>Kommuner som berörs</legend>");
    if (!municipality_list(r->db, &m, &n, &e)) {
        if (!n) html_raw(&r->out, "<p>Organisationen har inga kommuner ännu.</p>");
        for (size_t i = 0; i < n; i++)
            html_printf(&r->out,
                        "<span class=\"choice\"><input type=\"checkbox\" id=\"s-muni-%lld\" name=\"municipality\" "
                        "value=\"%lld\"%s><label for=\"s-muni-%lld\">%s</label></span>",
                        m[i].id, m[i].id,
                        ref_chosen(v, "municipality", s->municipalities, s->nmunicipalities, m[i].id) ? " checked" : "",
                        m[i].id, m[i].name);
        municipality_list_free(m, n);
    }
    html_raw(&r->out, "</fieldset>");
}

/* One yes/no question as two radio buttons; none checked until answered. */
static void question(const CaseView *v, size_t q)
{
    Request *r = v->r;
    const CaseScope *s = &v->prop->scope;
    const char *now = s->set ? (scope_flag(s, q) ? "1" : "0") : NULL;
    const char *f = questions[q].field;
    bool refused = v->posted && !strcmp(v->posted, "scope"); /* then only what the person answered */
    const char *val = refused ? form_param(r, f) : now;
    html_printf(&r->out, "<fieldset class=\"yes-no\"><legend>%s</legend>", questions[q].question);
    static const char *const answers[][2] = {{"1", "Ja"}, {"0", "Nej"}};
    for (size_t a = 0; a < 2; a++)
        html_printf(&r->out,
                    "<span class=\"choice\"><input type=\"radio\" id=\"s-%s-%s\" name=\"%s\" value=\"%s\"%s%s>"
                    "<label for=\"s-%s-%s\">%s</label></span>",
                    f, answers[a][0], f, answers[a][0], val && !strcmp(val, answers[a][0]) ? " checked" : "",
                    a == 0 ? " required" : "", f, answers[a][0], answers[a][1]);
    html_raw(&r->out, "</fieldset>");
}

static void scope_form(const CaseView *v)
{
    Request *r = v->r;
    const CaseScope *s = &v->prop->scope;
    bool open = !s->set || (v->posted && !strcmp(v->posted, "scope"));
    char cost[64] = "";
    if (s->set && s->has_cost) snprintf(cost, sizeof cost, s->cost == floor(s->cost) ? "%.0f" : "%.2f", s->cost);
    html_printf(&r->out,
                "<details id=\"omfattning-form\" class=\"scope-form\"%s><summary>%s</summary>"
                "<form method=\"post\" action=\"%s\" class=\"stack wide\">",
                open ? " open" : "", s->set ? "Ändra omfattningen" : "Ange omfattningen",
                url(r, "/cases/%lld/scope", v->d->c.id));
    csrf_field(r);
    unit_select(v);
    municipality_choices(v);
    for (size_t q = 0; q < sizeof questions / sizeof *questions; q++) question(v, q);
    html_printf(&r->out,
                "<label for=\"s-cost\">Kostnad i kronor <span class=\"req\">(valfri)</span></label>"
                "<input id=\"s-cost\" name=\"cost\" inputmode=\"decimal\" autocomplete=\"off\" value=\"%s\" "
                "aria-describedby=\"s-cost-hint\" class=\"decide-cost\">"
                "<p class=\"hint\" id=\"s-cost-hint\">Till exempel 750 000. Lämna tomt om kostnaden inte är känd.</p>"
                "<label for=\"s-note\">Kommentar (valfri)</label>"
                "<input id=\"s-note\" name=\"note\" maxlength=\"4000\" value=\"%s\">"
                "<button type=\"submit\">Spara omfattningen</button></form></details>",
                kept(v, "scope", NULL, NULL, "cost", cost), kept(v, "scope", NULL, NULL, "note", ""));
}

void case_section_scope(const CaseView *v)
{
    Request *r = v->r;
    html_raw(&r->out, "<section id=\"omfattning\" aria-labelledby=\"h-scope\">"
                      "<h2 id=\"h-scope\">Åtgärdens omfattning och föreslagen beslutsväg</h2>");
    if (!v->prop->scope.set) {
        html_raw(&r->out, "<p class=\"scope-unset\">Åtgärdens omfattning är inte angiven, så Lots kan inte föreslå "
                          "vem som beslutar eller vilka organ ärendet ska förankras i.");
        if (v->can_write) html_raw(&r->out, " <a href=\"#omfattning-form\">Ange omfattningen</a>.");
        html_raw(&r->out, "</p>");
    } else {
        scope_facts(v);
        proposal(v);
    }
    if (v->can_write) scope_form(v);
    html_raw(&r->out, "</section>");
}
