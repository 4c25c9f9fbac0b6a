/*
 * page_plan.c — the plan pages: the list of plans (GET /plans), one plan's
 * tree with owners and fulfilment badges and its summary pivot
 * (GET /plans/{id}, ?period=2024-T1 optional), and the printable tertial
 * report (GET /plans/{id}/report?period=…). Read-only; what is shown is
 * computed by core/plan_*.c at the time of the request.
 */
#include "web/handlers.h"
#include "web/layout.h"
#include "web/page_plan.h"
#include "base/html.h"

#include <stdint.h>
#include <string.h>

/* --- shared pieces (page_plan.h) ------------------------------------------------------------- */

void plan_badge(Request *r, Fulfilment f, bool overridden)
{
    static const char *const sym[] = {"○", "■", "◐", "●"}; /* none, not met, partly, met (as the seed's table) */
    const char *cls = f == FUL_MET ? "met" : f == FUL_PARTLY ? "partly" : f == FUL_NOT_MET ? "not-met" : "none";
    html_printf(&r->out, "<span class=\"badge ful-%s\"><span aria-hidden=\"true\">%s</span> %s%s</span>", cls,
                sym[f], fulfilment_label(f), overridden ? " (överstyrd)" : "");
}

const char *plan_value_text(Request *r, bool has, double v, const char *unit)
{
    char num[32];
    if (!has) return "–";
    plan_number_format_sv(v, num);
    return unit && *unit ? arena_printf(&r->arena, "%s %s", num, unit) : arena_printf(&r->arena, "%s", num);
}

void plan_rules_note(Request *r, double tolerance_pct)
{
    char tol[32];
    plan_number_format_sv(tolerance_pct, tol);
    html_printf(&r->out,
                "<p class=\"help\">Måluppfyllelsen räknas fram ur utfall och målvärde. <strong>Uppnått</strong>: "
                "utfallet når målvärdet. <strong>Delvis uppnått</strong>: utfallet ligger högst %s %% av målvärdet "
                "från det (toleransen är en inställning för planen). <strong>Ej uppnått</strong>: längre ifrån. "
                "Riktningen (högre eller lägre är bättre) gäller per indikator. En ägare kan ersätta bedömningen med "
                "en motivering; den visas då som överstyrd. För områden, delområden, effektmål och aktiviteter: "
                "uppnått när alla bedömda indikatorer under är uppnådda, ej uppnått när alla är ej uppnådda, "
                "annars delvis uppnått. Indikatorer utan utfall räknas inte.</p>",
                tol);
}

bool plan_page_id(Request *r, long long *id)
{
    Err e = ERR_INIT;
    if (plan_resolve(r->db, r->args[0], id, &e)) {
        reply_error(r, 404, "Planen finns inte.");
        return false;
    }
    return true;
}

static void counts_text(Request *r, const Rollup *c)
{
    if (!(c->met + c->partly + c->not_met + c->missing)) return;
    html_printf(&r->out, " <span class=\"counts\">%d uppnått, %d delvis, %d ej uppnått", c->met, c->partly,
                c->not_met);
    if (c->missing) html_printf(&r->out, ", %d utan utfall", c->missing);
    html_raw(&r->out, "</span>");
}

/* ?period=… or none; a bad one is a 400 page. */
static bool page_period(Request *r, bool required, Period *p, bool *has)
{
    const char *s = query_param(r, "period");
    *has = false;
    if (!s || !*s) {
        if (required) reply_error(r, 400, "Ange perioden, t.ex. 2024-T1.");
        return !required;
    }
    Err e = ERR_INIT;
    if (period_parse(s, p, &e)) {
        reply_error(r, 400, arena_printf(&r->arena, "Perioden går inte att läsa: %s.", e.msg));
        return false;
    }
    *has = true;
    return true;
}

/* --- GET /plans ------------------------------------------------------------------------------ */

void page_plan_list(Request *r)
{
    Plan *p;
    size_t n;
    Err e = ERR_INIT;
    if (plan_list(r->db, &p, &n, &e)) {
        reply_err(r, &e);
        return;
    }
    page_begin(r, "Planer");
    html_raw(&r->out, "<h1>Planer</h1><p>Strategin för omställningen, genomförandeplanen, verksamhetsplanen och "
                      "förvaltningarnas nedbrytningar (strategikartor). Varje plan är ett träd: område → delområde → "
                      "effektmål → aktivitet → indikator.</p>"
                      "<table><thead><tr><th scope=\"col\">Plan</th><th scope=\"col\">Sort</th>"
                      "<th scope=\"col\">Förvaltning</th><th scope=\"col\">Period</th>"
                      "<th scope=\"col\" class=\"num\">Punkter</th><th scope=\"col\" class=\"num\">Indikatorer</th>"
                      "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_printf(&r->out, "<tr><th scope=\"row\"><a href=\"%s\">%s</a></th><td>%s</td><td>%s</td><td>",
                    url(r, "/plans/%lld", p[i].id), p[i].name, plan_kind_name(p[i].kind),
                    *p[i].organisation ? p[i].organisation : "Regional");
        if (*p[i].period_from || *p[i].period_to) html_printf(&r->out, "%s–%s", p[i].period_from, p[i].period_to);
        html_printf(&r->out, "</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>", p[i].items,
                    p[i].indicators);
    }
    html_raw(&r->out, "</tbody></table>");
    page_end(r);
    plan_list_free(p, n);
}

/* --- GET /plans/{id} -------------------------------------------------------------------------- */

static void node_line(Request *r, const PlanTree *t, const PlanNode *n)
{
    (void)t;
    html_printf(&r->out, "<span class=\"kind\">%s</span> <span class=\"code\">%s</span> ", plan_kind_label(n->kind),
                n->code);
    if (n->is_indicator) html_printf(&r->out, "<a href=\"%s\">%s</a> ", url(r, "/indicators/%lld", n->id), n->title);
    else html_printf(&r->out, "%s ", n->title);
    if (*n->status) html_printf(&r->out, "<span class=\"badge status\">%s</span> ", plan_status_label(n->status));
    if (n->is_indicator) {
        plan_badge(r, n->has_point ? n->point.fulfilment : FUL_NONE, n->has_point && n->point.overridden);
        if (n->has_point)
            html_printf(&r->out, " <span class=\"counts\">%s: utfall %s, mål %s</span>", n->point.text,
                        plan_value_text(r, n->point.has_outcome, n->point.outcome, n->unit),
                        plan_value_text(r, n->point.has_target, n->point.target, n->unit));
    } else if (n->rollup.met + n->rollup.partly + n->rollup.not_met + n->rollup.missing) {
        plan_badge(r, n->rollup.level, false);
        counts_text(r, &n->rollup);
    }
    if (n->cases)
        html_printf(&r->out, " <a class=\"counts\" href=\"%s\">%lld %s</a>", url(r, "/cases?plan_item=%lld", n->id),
                    n->cases, n->cases == 1 ? "ärende" : "ärenden");
}

/* Owners and what the item breaks down, under its line. */
static void node_more(Request *r, const PlanNode *n, const char *tag)
{
    if (*n->strategic_owner || *n->assignment_owner)
        html_printf(&r->out, "<%s class=\"owners\">Strategisk ägare: %s · Uppdragsansvarig: %s</%s>", tag,
                    *n->strategic_owner ? n->strategic_owner : "–", *n->assignment_owner ? n->assignment_owner : "–",
                    tag);
    if (n->refers_to)
        html_printf(&r->out, "<%s class=\"owners\">Bryter ner %s %s (%s)</%s>", tag, n->refers_to_code,
                    n->refers_to_title, n->refers_to_plan, tag);
}

static void tree_html(Request *r, const PlanTree *t)
{
    int open = 0; /* nested <ul> levels open below the area */
    for (size_t i = 0; i < t->n; i++) {
        const PlanNode *n = &t->nodes[i];
        for (; open > (n->depth > 0 ? n->depth : 0); open--) html_raw(&r->out, "</li></ul>");
        if (n->depth == 0) {
            if (i) html_raw(&r->out, "</section>");
            html_printf(&r->out, "<section class=\"plan-area\" aria-labelledby=\"area-%lld\"><h2 id=\"area-%lld\">",
                        n->id, n->id);
            node_line(r, t, n);
            html_raw(&r->out, "</h2>");
            node_more(r, n, "p");
            continue;
        }
        if (open < n->depth) {
            html_raw(&r->out, "<ul class=\"plan-tree\"><li>");
            open++;
        } else {
            html_raw(&r->out, "</li><li>");
        }
        node_line(r, t, n);
        node_more(r, n, "div");
    }
    for (; open > 0; open--) html_raw(&r->out, "</li></ul>");
    if (t->n) html_raw(&r->out, "</section>");
}

static void summary_html(Request *r, const PlanTree *t)
{
    PlanSummary s;
    plan_summary(t, &s);
    html_raw(&r->out, "<h2 id=\"sammanstallning\">Sammanställning</h2><table class=\"pivot\">"
                      "<caption>Antal planpunkter per område, räknade ur planen</caption><thead><tr>"
                      "<th scope=\"col\">Område</th><th scope=\"col\" class=\"num\">Delområden</th>"
                      "<th scope=\"col\" class=\"num\">Aktiviteter</th><th scope=\"col\" class=\"num\">Indikatorer</th>"
                      "<th scope=\"col\" class=\"num\">Totalt</th></tr></thead><tbody>");
    for (size_t i = 0; i < s.n; i++)
        html_printf(&r->out,
                    "<tr><th scope=\"row\">%s</th><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                    "<td class=\"num\">%d</td><td class=\"num\">%d</td></tr>",
                    s.rows[i].title, s.rows[i].delomraden, s.rows[i].activities, s.rows[i].indicators, s.rows[i].total);
    html_printf(&r->out,
                "</tbody><tfoot><tr><th scope=\"row\">Totalt</th><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                "<td class=\"num\">%d</td><td class=\"num\">%d</td></tr></tfoot></table>",
                s.total.delomraden, s.total.activities, s.total.indicators, s.total.total);
    plan_summary_free(&s);
}

static void period_form(Request *r, const char *action, const PlanTree *t, const char *button)
{
    char text[PERIOD_TEXT_MAX] = "";
    if (t->has_period) period_format(t->period, text);
    html_printf(&r->out,
                "<form class=\"filters\" method=\"get\" action=\"%s\"><p><label for=\"period\">Period</label> "
                "<input id=\"period\" name=\"period\" value=\"%s\" size=\"8\" aria-describedby=\"period-help\"> "
                "<button type=\"submit\">%s</button><br><span id=\"period-help\" class=\"help\">Till exempel "
                "2024-T1 (tertial), 2024-Q3, 2024-05 eller 2024.</span></p></form>",
                action, text, button);
}

void page_plan_view(Request *r)
{
    long long id;
    Period p;
    bool has;
    if (!plan_page_id(r, &id) || !page_period(r, false, &p, &has)) return;
    PlanTree t;
    Err e = ERR_INIT;
    if (plan_tree_load(r->db, id, has ? &p : NULL, &t, &e)) {
        reply_err(r, &e);
        return;
    }
    page_begin(r, t.plan.name);
    html_printf(&r->out, "<p class=\"crumbs\"><a href=\"%s\">Planer</a></p><h1>%s</h1><p>%s", url(r, "/plans"),
                t.plan.name, plan_kind_name(t.plan.kind));
    if (*t.plan.organisation) html_printf(&r->out, " · %s", t.plan.organisation);
    if (*t.plan.period_from || *t.plan.period_to)
        html_printf(&r->out, " · %s–%s", t.plan.period_from, t.plan.period_to);
    html_raw(&r->out, "</p>");
    if (*t.plan.description) html_printf(&r->out, "<p>%s</p>", t.plan.description);
    char label[32];
    if (has) html_printf(&r->out, "<p>Måluppfyllelse för <strong>%s</strong>.</p>", period_label(p, label));
    else html_raw(&r->out, "<p>Måluppfyllelse: varje indikators senaste bedömda period.</p>");
    period_form(r, url(r, "/plans/%lld", id), &t, "Visa perioden");
    html_printf(&r->out,
                "<ul class=\"actions\"><li><a href=\"%s\">Sammanställning</a></li>"
                "<li><a href=\"%s\">Tertialrapport</a></li><li><a href=\"%s\">Exportera till Excel</a></li>"
                "<li><a href=\"%s\">Exportera till CSV</a></li></ul>",
                "#sammanstallning", url(r, "/plans/%lld/report", id), url(r, "/api/v1/plans/%lld/export.xlsx", id),
                url(r, "/api/v1/plans/%lld/export.csv", id));
    if (!t.n) html_raw(&r->out, "<p>Planen har inga punkter ännu.</p>");
    tree_html(r, &t);
    summary_html(r, &t);
    plan_rules_note(r, t.plan.tolerance_pct);
    page_end(r);
    plan_tree_free(&t);
}

/* --- GET /plans/{id}/report?period=… ---------------------------------------------------------------- */

static void report_rows(Request *r, const PlanTree *t, size_t area)
{
    bool any = false;
    for (size_t i = 0; i < t->n; i++) {
        const PlanNode *n = &t->nodes[i];
        size_t top = i;
        while (t->nodes[top].parent != SIZE_MAX) top = t->nodes[top].parent;
        if (!n->is_indicator || top != area) continue;
        if (!any)
            html_raw(&r->out, "<table><thead><tr><th scope=\"col\">Indikator</th><th scope=\"col\">Period</th>"
                              "<th scope=\"col\" class=\"num\">Utfall</th><th scope=\"col\" class=\"num\">Målvärde</th>"
                              "<th scope=\"col\">Måluppfyllelse</th><th scope=\"col\">Kommentar</th></tr></thead><tbody>");
        any = true;
        const IndicatorPoint *p = n->has_point ? &n->point : NULL;
        html_printf(&r->out, "<tr><th scope=\"row\"><a href=\"%s\">%s %s</a></th><td>%s</td><td class=\"num\">%s</td>"
                             "<td class=\"num\">%s</td><td>",
                    url(r, "/indicators/%lld", n->id), n->code, n->title, p ? p->text : "–",
                    plan_value_text(r, p && p->has_outcome, p ? p->outcome : 0, n->unit),
                    plan_value_text(r, p && p->has_target, p ? p->target : 0, n->unit));
        plan_badge(r, p ? p->fulfilment : FUL_NONE, p && p->overridden);
        html_printf(&r->out, "</td><td>%s", p && p->comment ? p->comment : "");
        if (p && p->overridden) html_printf(&r->out, "<br><em>Bedömning:</em> %s", p->override_comment);
        html_raw(&r->out, "</td></tr>");
    }
    if (any) html_raw(&r->out, "</tbody></table>");
    else html_raw(&r->out, "<p>Inga indikatorer under området.</p>");
}

void page_plan_report(Request *r)
{
    long long id;
    Period p;
    bool has;
    if (!plan_page_id(r, &id) || !page_period(r, false, &p, &has)) return;
    PlanTree t;
    Err e = ERR_INIT;
    if (plan_tree_load(r->db, id, has ? &p : NULL, &t, &e)) {
        reply_err(r, &e);
        return;
    }
    char label[32];
    page_begin(r, has ? arena_printf(&r->arena, "Tertialrapport %s", period_label(p, label)) : "Tertialrapport");
    html_printf(&r->out, "<p class=\"crumbs\"><a href=\"%s\">Planer</a> › <a href=\"%s\">%s</a></p>",
                url(r, "/plans"), url(r, "/plans/%lld", id), t.plan.name);
    if (!has) {
        html_printf(&r->out, "<h1>Tertialrapport</h1><p>Välj perioden rapporten gäller.</p>");
        period_form(r, url(r, "/plans/%lld/report", id), &t, "Visa rapporten");
        page_end(r);
        plan_tree_free(&t);
        return;
    }
    html_printf(&r->out, "<h1>Tertialrapport %s</h1><p>%s</p>", period_label(p, label), t.plan.name);
    period_form(r, url(r, "/plans/%lld/report", id), &t, "Byt period");
    Rollup all = {0};
    for (size_t i = 0; i < t.n; i++)
        if (t.nodes[i].parent == SIZE_MAX) rollup_merge(&all, &t.nodes[i].rollup);
    html_raw(&r->out, "<p>Sammantaget: ");
    plan_badge(r, all.level, false);
    counts_text(r, &all);
    html_raw(&r->out, "</p>");
    for (size_t i = 0; i < t.n; i++) {
        const PlanNode *n = &t.nodes[i];
        if (n->parent != SIZE_MAX) continue;
        html_printf(&r->out, "<section class=\"plan-area\"><h2>%s %s ", n->code, n->title);
        plan_badge(r, n->rollup.level, false);
        html_raw(&r->out, "</h2>");
        if (*n->strategic_owner || *n->assignment_owner)
            html_printf(&r->out, "<p class=\"owners\">Strategisk ägare: %s · Uppdragsansvarig: %s</p>",
                        *n->strategic_owner ? n->strategic_owner : "–",
                        *n->assignment_owner ? n->assignment_owner : "–");
        report_rows(r, &t, i);
        html_raw(&r->out, "</section>");
    }
    plan_rules_note(r, t.plan.tolerance_pct);
    page_end(r);
    plan_tree_free(&t);
}
