/*
 * page_decide.c — "Vem beslutar?" (GET /decide): a form describing a
 * proposed action (the units and municipalities it touches, whether it fits
 * the mission and the budget, whether it needs a political decision, its
 * cost) and, when the form has been sent, the decision path core/decide.c
 * returns for it: the steps in order with actor, kind and reason.
 *
 * The form is sent with GET (?unit=6&unit=9&municipality=Kumla&political=1…)
 * so a result can be linked to and needs no CSRF token: the page stores
 * nothing. A refused question (an unknown unit, a bad cost) answers 400 with
 * core's message and the form as it was sent. No rules of the domain here.
 * All text goes through html_printf (escaped) or html_raw with literals.
 */
#include "web/handlers.h"
#include "web/layout.h"
#include "web/path_list.h"
#include "base/html.h"
#include "core/decide.h"
#include "core/org.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_REFS = 200 }; /* units or municipalities in one question, as the API */

typedef struct {
    const char **units; /* as sent: ids or names */
    size_t nunits;
    const char **munis;
    size_t nmunis;
    bool within_mission, within_budget, political;
    const char *cost; /* as typed, "" if none */
    bool asked;       /* the form was sent (any of its fields is in the query) */
} Question;

static bool flag_set(const char *v)
{
    return v && *v && strcmp(v, "0") != 0;
}

/* Every value of a repeated query parameter, in order, skipping blanks. */
static const char **values_of(Request *r, const char *name, size_t *n)
{
    const char **out = arena_alloc(&r->arena, (r->query.n + 1) * sizeof *out);
    *n = 0;
    for (size_t i = 0; i < r->query.n; i++)
        if (!strcmp(r->query.items[i].name, name) && r->query.items[i].value && *r->query.items[i].value)
            out[(*n)++] = r->query.items[i].value;
    return out;
}

static Question read_question(Request *r)
{
    Question q = {0};
    q.units = values_of(r, "unit", &q.nunits);
    q.munis = values_of(r, "municipality", &q.nmunis);
    q.within_mission = flag_set(query_param(r, "within_mission"));
    q.within_budget = flag_set(query_param(r, "within_budget"));
    q.political = flag_set(query_param(r, "political"));
    q.cost = query_param(r, "cost");
    if (!q.cost) q.cost = "";
    static const char *const fields[] = {"unit", "municipality", "within_mission", "within_budget", "political", "cost"};
    for (size_t i = 0; i < r->query.n && !q.asked; i++)
        for (size_t k = 0; k < sizeof fields / sizeof *fields; k++)
            if (!strcmp(r->query.items[i].name, fields[k])) q.asked = true;
    return q;
}

static bool unit_chosen(const Question *q, const Unit *u, const char *id)
{
    for (size_t i = 0; i < q->nunits; i++)
        if (!strcmp(q->units[i], id) || !strcmp(q->units[i], u->name) ||
            (*u->short_name && !strcmp(q->units[i], u->short_name)))
            return true;
    return false;
}

static bool muni_chosen(const Question *q, const Municipality *m, const char *id)
{
    for (size_t i = 0; i < q->nmunis; i++)
        if (!strcmp(q->munis[i], id) || !strcmp(q->munis[i], m->name) || !strcmp(q->munis[i], m->official_name))
            return true;
    return false;
}

static void unit_choice(Request *r, const Question *q, const Unit *u, int indent)
{
    const char *id = arena_printf(&r->arena, "%lld", u->id);
    html_printf(&r->out,
                "<div class=\"choice unit-choice indent-%d\"><input type=\"checkbox\" id=\"unit-%lld\" name=\"unit\" "
                "value=\"%lld\"%s><label for=\"unit-%lld\">%s",
                indent > 4 ? 4 : indent, u->id, u->id, unit_chosen(q, u, id) ? " checked" : "", u->id, u->name);
    if (*u->short_name) html_printf(&r->out, " (%s)", u->short_name);
    html_printf(&r->out, " <span class=\"meta\">%s</span></label></div>", unit_kind_key(u->kind));
}

/* The units in tree order: a group per region, and in it a group per
 * förvaltning (or other unit right under the region) that has units below
 * it, those indented by their depth. */
static void unit_choices(Request *r, const Question *q)
{
    Unit *u;
    size_t n;
    Err e = ERR_INIT;
    html_raw(&r->out, "<fieldset class=\"decide-units\" aria-describedby=\"units-hint\"><legend>Enheter som berörs</legend>"
                      "<p class=\"hint\" id=\"units-hint\">Välj de enheter i regionen som åtgärden gäller. "
                      "Enheterna är ordnade per förvaltning.</p>");
    if (unit_list(r->db, &u, &n, &e)) {
        error_box(r, e.msg);
        html_raw(&r->out, "</fieldset>");
        return;
    }
    if (!n) html_raw(&r->out, "<p>Organisationen har inga enheter ännu (<code>lots org import</code>).</p>");
    bool region_open = false, group_open = false;
    for (size_t i = 0; i < n; i++) {
        bool has_children = i + 1 < n && u[i + 1].depth > u[i].depth;
        if (u[i].depth <= 1 && group_open) {
            html_raw(&r->out, "</div></fieldset>");
            group_open = false;
        }
        if (u[i].depth == 0) {
            if (region_open) html_raw(&r->out, "</div></fieldset>");
            html_printf(&r->out, "<fieldset class=\"decide-region\"><legend>%s</legend>", u[i].name);
            unit_choice(r, q, &u[i], 0);
            html_raw(&r->out, "<div class=\"decide-groups\">");
            region_open = true;
        } else if (u[i].depth == 1 && has_children) {
            html_printf(&r->out, "<fieldset class=\"decide-group\"><legend>%s</legend><div>", u[i].name);
            unit_choice(r, q, &u[i], 0);
            group_open = true;
        } else {
            unit_choice(r, q, &u[i], u[i].depth - 1);
        }
    }
    if (group_open) html_raw(&r->out, "</div></fieldset>");
    if (region_open) html_raw(&r->out, "</div></fieldset>");
    unit_list_free(u, n);
    html_raw(&r->out, "</fieldset>");
}

static void municipality_choices(Request *r, const Question *q)
{
    Municipality *m;
    size_t n;
    Err e = ERR_INIT;
    html_raw(&r->out, "<fieldset class=\"decide-munis\"><legend>Kommuner som berörs</legend>");
    if (municipality_list(r->db, &m, &n, &e)) {
        error_box(r, e.msg);
        html_raw(&r->out, "</fieldset>");
        return;
    }
    if (!n) html_raw(&r->out, "<p>Organisationen har inga kommuner ännu.</p>");
    for (size_t i = 0; i < n; i++) {
        const char *id = arena_printf(&r->arena, "%lld", m[i].id);
        html_printf(&r->out,
                    "<div class=\"choice\"><input type=\"checkbox\" id=\"municipality-%lld\" name=\"municipality\" "
                    "value=\"%s\"%s><label for=\"municipality-%lld\">%s</label></div>",
                    m[i].id, m[i].name, muni_chosen(q, &m[i], id) ? " checked" : "", m[i].id, m[i].name);
    }
    municipality_list_free(m, n);
    html_raw(&r->out, "</fieldset>");
}

static void flag_choice(Request *r, const char *name, const char *label, bool checked)
{
    html_printf(&r->out,
                "<div class=\"choice\"><input type=\"checkbox\" id=\"%s\" name=\"%s\" value=\"1\"%s>"
                "<label for=\"%s\">%s</label></div>",
                name, name, checked ? " checked" : "", name, label);
}

static void question_form(Request *r, const Question *q)
{
    html_printf(&r->out, "<form method=\"get\" action=\"%s\" class=\"stack wide decide-form\">", url(r, "/decide"));
    html_raw(&r->out, "<h2 id=\"fragan\">Åtgärden</h2>");
    unit_choices(r, q);
    municipality_choices(r, q);
    html_raw(&r->out, "<fieldset class=\"decide-flags\"><legend>Åtgärdens art</legend>");
    flag_choice(r, "within_mission", "Ryms inom verksamhetens uppdrag", q->within_mission);
    flag_choice(r, "within_budget", "Ryms inom budget", q->within_budget);
    flag_choice(r, "political", "Kräver politiska beslut", q->political);
    html_raw(&r->out, "</fieldset>");
    html_printf(&r->out,
                "<label for=\"cost\">Kostnad i kronor <span class=\"req\">(valfri)</span></label>"
                "<input id=\"cost\" name=\"cost\" inputmode=\"decimal\" autocomplete=\"off\" value=\"%s\" "
                "aria-describedby=\"cost-hint\" class=\"decide-cost\">"
                "<p class=\"hint\" id=\"cost-hint\">Till exempel 750 000. Lämna tomt om kostnaden inte är känd.</p>",
                q->cost);
    html_raw(&r->out, "<button type=\"submit\">Visa beslutsvägen</button></form>");
}

static void path_section(Request *r, const DecidePath *p)
{
    html_raw(&r->out, "<section class=\"decide-result\" aria-labelledby=\"vag\"><h2 id=\"vag\">Beslutsvägen</h2>");
    path_list(r, p, NULL);
    html_raw(&r->out, "</section>");
}

static void rules_note(Request *r, const RuleSet *rs)
{
    html_printf(&r->out,
                "<p class=\"decide-rules\">Regelverk: <strong>%s</strong>, ändras med inställningen "
                "<code>decision_rules</code>.",
                rs->name);
    if (rs->is_default)
        html_raw(&r->out, " Regelverket följer med Lots som förval; organisationen kan anpassa det.");
    html_raw(&r->out, "</p>");
    if (rs->basis && *rs->basis) html_printf(&r->out, "<p class=\"meta\">Underlag: %s</p>", rs->basis);
}

void page_decide(Request *r)
{
    Question q = read_question(r);
    const RuleSet *rules = NULL;
    DecidePath path;
    bool have_path = false;
    const char *error = NULL;
    Err e = ERR_INIT;

    if (rules_active(r->db, r->cfg->rules, &rules, &e)) {
        r->status = status_for(e.code);
        error = e.msg[0] ? e.msg : "Regelverket för beslutsvägar kunde inte läsas.";
    } else if (q.asked) {
        DecideInput in = {0};
        in.units = q.units;
        in.nunits = q.nunits;
        in.municipalities = q.munis;
        in.nmunicipalities = q.nmunis;
        in.within_mission = q.within_mission;
        in.within_budget = q.within_budget;
        in.political = q.political;
        if (q.nunits > MAX_REFS || q.nmunis > MAX_REFS) {
            r->status = 400;
            error = arena_printf(&r->arena, "Välj högst %d enheter och %d kommuner.", MAX_REFS, MAX_REFS);
        } else if (!decide_cost_parse(q.cost, &in.has_cost, &in.cost)) {
            r->status = 400;
            error = arena_printf(&r->arena, "Kostnaden ska vara ett belopp i kronor, t.ex. 750 000 (inte '%s').",
                                 q.cost);
        } else if (decide_path(r->db, rules, &in, &path, &e)) {
            int st = status_for(e.code);
            r->status = st == 404 ? 400 : st;
            error = e.msg[0] ? arena_strdup(&r->arena, e.msg) : "Beslutsvägen kunde inte tas fram.";
        } else {
            have_path = true;
        }
    }

    page_begin(r, "Vem beslutar?");
    html_raw(&r->out, "<h1>Vem beslutar?</h1>"
                      "<p>Beskriv en föreslagen åtgärd så visar Lots beslutsvägen: vem som beslutar, informeras, "
                      "tillstyrker, prioriterar, föreslår och rekommenderar, med skälet för varje steg. "
                      "En grupp beslutar inget själv; besluten fattas av dem som har mandatet. "
                      "Sidan sparar ingenting, och svaret kan länkas.</p>");
    if (rules) rules_note(r, rules);
    error_box(r, error);
    if (have_path) {
        path_section(r, &path);
        decide_path_free(&path);
    }
    if (rules) question_form(r, &q);
    page_end(r);
}
