/*
 * page_plan_indicator.c — one indicator (GET /indicators/{id}): its facts,
 * the follow-up table as Regionhälsan's (period, utfall, målvärde,
 * måluppfyllelse, newest first) and a run chart as inline SVG: outcomes over
 * the periods, the target line and the median, with the run-chart signals
 * (an unusually long run, too few crossings; Anhøj's rules) from the
 * statistics module (core/spc.h). Read-only; no JavaScript; colours come
 * from lots.css, so the chart follows the page's CSP.
 */
#include "web/handlers.h"
#include "web/layout.h"
#include "web/page_plan.h"
#include "base/html.h"
#include "core/spc.h"

#include <math.h>
#include <stdlib.h>

enum { W = 720, H = 300, LEFT = 64, RIGHT = 96, TOP = 30, BOTTOM = 44 };

typedef struct {
    double lo, hi, step;
} Scale;

static double nice_step(double raw)
{
    if (!(raw > 0)) return 1;
    double mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

static Scale scale_of(const IndicatorSeries *s, bool has_median, double median)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < s->n; i++) {
        const IndicatorPoint *p = &s->points[i];
        if (p->has_outcome) lo = fmin(lo, p->outcome), hi = fmax(hi, p->outcome);
        if (p->has_target) lo = fmin(lo, p->target), hi = fmax(hi, p->target);
    }
    if (has_median) lo = fmin(lo, median), hi = fmax(hi, median);
    if (!isfinite(lo)) lo = 0, hi = 1;
    if (hi - lo < 1e-9) lo -= fmax(1, fabs(lo) * 0.1), hi += fmax(1, fabs(hi) * 0.1);
    double pad = (hi - lo) * 0.1;
    if (lo >= 0 && lo - pad < 0) lo = 0;
    else lo -= pad;
    hi += pad;
    Scale sc = {lo, hi, nice_step((hi - lo) / 4)};
    sc.lo = floor(sc.lo / sc.step) * sc.step;
    sc.hi = ceil(sc.hi / sc.step) * sc.step;
    return sc;
}

static int y_of(const Scale *sc, double v)
{
    return (int)lround(TOP + (sc->hi - v) / (sc->hi - sc->lo) * (H - TOP - BOTTOM));
}

static int x_of(size_t i, size_t n)
{
    int plot = W - LEFT - RIGHT;
    return n <= 1 ? LEFT + plot / 2 : LEFT + (int)lround((double)i * plot / (double)(n - 1));
}

/* A polyline through the points that have the value. */
static void line_of(Request *r, const IndicatorSeries *s, const Scale *sc, bool outcome, const char *cls)
{
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++) {
        const IndicatorPoint *p = &s->points[i];
        if (!(outcome ? p->has_outcome : p->has_target)) continue;
        if (!k++) html_printf(&r->out, "<polyline class=\"%s\" points=\"", cls);
        html_printf(&r->out, "%s%d,%d", k > 1 ? " " : "", x_of(i, s->n), y_of(sc, outcome ? p->outcome : p->target));
    }
    if (k) html_raw(&r->out, "\"/>");
}

typedef struct {
    bool has_median;
    double median;
    SpcRuns runs;
    size_t used;
} RunInfo;

/* The run chart's median and Anhøj's runs analysis of the outcomes. */
static RunInfo run_analysis(const IndicatorSeries *s)
{
    RunInfo ri = {0};
    SpcPoint *pts = calloc(s->n ? s->n : 1, sizeof *pts);
    for (size_t i = 0; i < s->n; i++)
        if (s->points[i].has_outcome) pts[ri.used++] = (SpcPoint){s->points[i].text, s->points[i].outcome, 1};
    if (ri.used) {
        SpcResult res;
        SpcOptions opt = {0};
        Err e = ERR_INIT;
        if (!spc_compute(SPC_RUN, pts, ri.used, &opt, &res, &e)) {
            ri.has_median = res.n && isfinite(res.points[0].cl);
            ri.median = ri.has_median ? res.points[0].cl : 0;
            ri.runs = res.runs;
            spc_result_free(&res);
        }
    }
    free(pts);
    return ri;
}

static void run_chart(Request *r, const IndicatorSeries *s, const RunInfo *ri)
{
    Scale sc = scale_of(s, ri->has_median, ri->median);
    char a[32], b[32];
    html_printf(&r->out,
                "<figure><svg class=\"run-chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
                "aria-labelledby=\"chart-title chart-desc\"><title id=\"chart-title\">Seriediagram: %s</title>"
                "<desc id=\"chart-desc\">Utfall per period som linje med punkter, målvärdet som streckad linje",
                W, H, W, H, s->title);
    if (ri->has_median) html_printf(&r->out, " och medianen %s", plan_number_format_sv(ri->median, a));
    html_raw(&r->out, ". Samma värden står i tabellen ovan.</desc>");
    /* the value axis: grid lines with labels */
    for (double v = sc.lo; v <= sc.hi + sc.step * 1e-6; v += sc.step) {
        int y = y_of(&sc, v);
        html_printf(&r->out, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                             "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                    LEFT, y, W - RIGHT, y, LEFT - 8, y + 4, plan_number_format_sv(fabs(v) < 1e-12 ? 0 : v, a));
    }
    if (*s->unit)
        html_printf(&r->out, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", LEFT - 8, TOP - 12,
                    s->unit); /* above the top tick */
    /* the periods along the bottom, at most about a dozen labels */
    size_t every = s->n > 12 ? (s->n + 11) / 12 : 1;
    for (size_t i = 0; i < s->n; i++)
        if (i % every == 0 || i + 1 == s->n)
            html_printf(&r->out, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", x_of(i, s->n),
                        H - BOTTOM + 20, s->points[i].text);
    line_of(r, s, &sc, false, "target");
    if (ri->has_median)
        html_printf(&r->out,
                    "<line class=\"median\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                    "<text class=\"median-label\" x=\"%d\" y=\"%d\">Median %s</text>",
                    LEFT, y_of(&sc, ri->median), W - RIGHT, y_of(&sc, ri->median), W - RIGHT + 6,
                    y_of(&sc, ri->median) + 4, plan_number_format_sv(ri->median, b));
    line_of(r, s, &sc, true, "outcome");
    for (size_t i = 0; i < s->n; i++) {
        const IndicatorPoint *p = &s->points[i];
        if (p->has_target)
            html_printf(&r->out, "<rect class=\"target-mark\" x=\"%d\" y=\"%d\" width=\"6\" height=\"6\"/>",
                        x_of(i, s->n) - 3, y_of(&sc, p->target) - 3);
        if (!p->has_outcome) continue;
        html_printf(&r->out, "<circle class=\"outcome-mark\" cx=\"%d\" cy=\"%d\" r=\"5\"><title>%s: utfall %s",
                    x_of(i, s->n), y_of(&sc, p->outcome), p->text, plan_number_format_sv(p->outcome, a));
        if (p->has_target) html_printf(&r->out, ", målvärde %s", plan_number_format_sv(p->target, b));
        html_printf(&r->out, " – %s</title></circle>", fulfilment_label(p->fulfilment));
    }
    html_raw(&r->out, "</svg><figcaption><span class=\"key key-outcome\" aria-hidden=\"true\"></span> Utfall "
                      "<span class=\"key key-target\" aria-hidden=\"true\"></span> Målvärde "
                      "<span class=\"key key-median\" aria-hidden=\"true\"></span> Median av utfallen</figcaption>"
                      "</figure>");
}

static void runs_text(Request *r, const RunInfo *ri)
{
    if (!ri->used) {
        html_raw(&r->out, "<p>Inga utfall ännu: diagrammet visar målvärdena.</p>");
        return;
    }
    const SpcRuns *ru = &ri->runs;
    html_printf(&r->out, "<p>Serieanalys enligt Anhøj över %zu utfall (%zu utanför medianen): längsta serie på "
                         "samma sida om medianen %zu (signal över %zu), antal korsningar %zu (signal under %zu). ",
                ri->used, ru->useful, ru->longest, ru->longest_max, ru->crossings, ru->crossings_min);
    if (ru->useful && ru->longest > ru->longest_max)
        html_raw(&r->out, "<strong>Signal: ovanligt lång serie</strong> – utfallen har troligen förskjutits. ");
    if (ru->useful && ru->crossings < ru->crossings_min)
        html_raw(&r->out, "<strong>Signal: för få korsningar</strong> – utfallen klumpar ihop sig. ");
    if (!ru->signal) html_raw(&r->out, "Ingen signal om icke-slumpmässig variation. ");
    if (ri->used < 10) html_raw(&r->out, "Med färre än tio utfall säger serieanalysen lite.");
    html_raw(&r->out, "</p>");
}

void page_indicator_view(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    IndicatorSeries s;
    Err e = ERR_INIT;
    if (indicator_series(r->db, id, &s, &e)) {
        reply_err(r, &e);
        return;
    }
    char tol[32];
    page_begin(r, arena_printf(&r->arena, "%s %s", s.code, s.title));
    html_printf(&r->out,
                "<p class=\"crumbs\"><a href=\"%s\">Planer</a> › <a href=\"%s\">%s</a></p><h1>%s %s</h1>"
                "<dl class=\"facts\"><dt>Enhet</dt><dd>%s</dd><dt>Riktning</dt><dd>%s</dd>"
                "<dt>Följs upp per</dt><dd>%s</dd><dt>Tolerans för delvis uppnått</dt><dd>%s %% av målvärdet "
                "(planens inställning)</dd></dl>",
                url(r, "/plans"), url(r, "/plans/%lld", s.plan_id), s.plan_name, s.code, s.title,
                *s.unit ? s.unit : "–", direction_label(s.direction), period_type_label(s.period_type),
                plan_number_format_sv(s.tolerance_pct, tol));
    html_raw(&r->out, "<h2>Uppföljning</h2>");
    if (!s.n) {
        html_printf(&r->out, "<p>Inga målvärden eller utfall ännu. Importera dem med "
                             "<code>lots plan import FIL.csv</code> (kolumnerna indikator, period, målvärde, utfall, "
                             "kommentar; indikatorns kod är %s).</p>",
                    s.code);
    } else {
        html_raw(&r->out, "<table class=\"follow-up\"><thead><tr><th scope=\"col\">Period</th>"
                          "<th scope=\"col\" class=\"num\">Utfall</th><th scope=\"col\" class=\"num\">Målvärde</th>"
                          "<th scope=\"col\">Måluppfyllelse</th><th scope=\"col\">Uppföljningskommentar</th>"
                          "</tr></thead><tbody>");
        for (size_t i = s.n; i-- > 0;) { /* newest first, as the follow-up table in the seed */
            const IndicatorPoint *p = &s.points[i];
            char label[32];
            html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td><td class=\"num\">%s</td><td>",
                        period_label(p->period, label), plan_value_text(r, p->has_outcome, p->outcome, s.unit),
                        plan_value_text(r, p->has_target, p->target, s.unit));
            plan_badge(r, p->fulfilment, p->overridden);
            html_printf(&r->out, "</td><td>%s", p->comment ? p->comment : "");
            if (p->overridden)
                html_printf(&r->out, "%s<em>Bedömning (beräknat: %s):</em> %s", p->comment && *p->comment ? "<br>" : "",
                            fulfilment_label(p->computed), p->override_comment);
            html_raw(&r->out, "</td></tr>");
        }
        html_raw(&r->out, "</tbody></table>");
        html_raw(&r->out, "<h2>Seriediagram</h2>");
        RunInfo ri = run_analysis(&s);
        run_chart(r, &s, &ri);
        runs_text(r, &ri);
    }
    plan_rules_note(r, s.tolerance_pct);
    page_end(r);
    indicator_series_free(&s);
}
