/*
 * page_plan_indicator.c — one indicator (GET /indicators/{id}): its facts,
 * the follow-up table as Regionhälsan's (period, utfall, målvärde,
 * måluppfyllelse, newest first) and a run chart as inline SVG: outcomes over
 * the periods, the target line and the median, with the run-chart signals
 * (an unusually long run, too few crossings; Anhøj's rules) from the
 * statistics module (core/spc.h). No JavaScript; colours come from lots.css,
 * so the chart follows the page's CSP.
 *
 * For those who may write, the form "Registrera värden" (POST
 * /indicators/{id}/values): a period's target, outcome, follow-up comment and
 * the owner's assessment. The rules (period type, numbers, free text, a
 * comment with every assessment) are core's (indicator_value_set); here only
 * what the fields mean: a blank field keeps the stored value and "-" removes
 * it, except in a form opened for a period from its row ("Ändra", ?period=),
 * where the person sees the stored values and a field emptied is removed.
 */
#include "web/handlers.h"
#include "web/layout.h"
#include "web/page_plan.h"
#include "base/html.h"
#include "base/text.h"
#include "core/spc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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


/* --- the form "Registrera värden" --------------------------------------------------------------- */

/* What the form shows: typed values after a refusal, a period's stored values
 * after "Ändra", or nothing. */
typedef struct {
    const char *period;
    const char *loaded; /* the period whose stored values the form was opened with; "" if none */
    const char *target, *outcome, *comment;
    const char *override; /* "keep", "computed", "met", "partly", "not_met" */
    const char *override_comment;
} ValuesForm;

static const char *example_period(PeriodType t)
{
    switch (t) {
    case PERIOD_YEAR: return "2024";
    case PERIOD_QUARTER: return "2024-Q3";
    case PERIOD_MONTH: return "2024-05";
    default: return "2024-T2";
    }
}

static const char *posted_or(Request *r, const char *name, const char *fallback)
{
    const char *v = form_param(r, name);
    return v ? v : fallback;
}

static ValuesForm form_posted(Request *r)
{
    return (ValuesForm){posted_or(r, "period", ""),  posted_or(r, "loaded", ""),   posted_or(r, "target", ""),
                        posted_or(r, "outcome", ""), posted_or(r, "comment", ""),  posted_or(r, "override", "keep"),
                        posted_or(r, "override_comment", "")};
}

static const char *number_sv(Request *r, bool has, double v)
{
    char buf[32];
    return has ? arena_strdup(&r->arena, plan_number_format_sv(v, buf)) : "";
}

/* ?period=P: the form opened on P with its stored values (if P is one of the
 * indicator's periods; otherwise an empty form). */
static ValuesForm form_for_period(Request *r, const IndicatorSeries *s)
{
    ValuesForm f = {"", "", "", "", "", "keep", ""};
    const char *q = query_param(r, "period");
    Period p;
    Err e = ERR_INIT;
    if (!q || period_parse(q, &p, &e) || p.type != s->period_type) return f;
    char text[PERIOD_TEXT_MAX];
    period_format(p, text);
    f.period = f.loaded = arena_strdup(&r->arena, text);
    f.override = "computed";
    for (size_t i = 0; i < s->n; i++) {
        const IndicatorPoint *pt = &s->points[i];
        if (period_compare(pt->period, p)) continue;
        f.target = number_sv(r, pt->has_target, pt->target);
        f.outcome = number_sv(r, pt->has_outcome, pt->outcome);
        f.comment = pt->comment ? pt->comment : "";
        if (pt->overridden) {
            f.override = fulfilment_key(pt->override);
            f.override_comment = pt->override_comment ? pt->override_comment : "";
        }
    }
    return f;
}

static void override_option(Request *r, const ValuesForm *f, const char *value, const char *label)
{
    html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", value, strcmp(f->override, value) ? "" : " selected",
                label);
}

static void values_form(Request *r, const IndicatorSeries *s, const ValuesForm *f)
{
    bool loaded = *f->loaded && !strcmp(f->loaded, f->period);
    html_printf(&r->out,
                "<section id=\"registrera\" aria-labelledby=\"h-values\"><h2 id=\"h-values\">Registrera värden</h2>"
                "<form method=\"post\" action=\"%s\" class=\"stack entry\">",
                url(r, "/indicators/%lld/values", s->id));
    csrf_field(r);
    if (*f->loaded) html_printf(&r->out, "<input type=\"hidden\" name=\"loaded\" value=\"%s\">", f->loaded);
    html_printf(&r->out,
                "<label for=\"v-period\">Period</label>"
                "<input id=\"v-period\" name=\"period\" required maxlength=\"16\" value=\"%s\" "
                "aria-describedby=\"v-period-hint\">"
                "<p class=\"hint\" id=\"v-period-hint\">Indikatorn följs upp per %s, till exempel %s.</p>"
                "<label for=\"v-target\">Målvärde</label>"
                "<input id=\"v-target\" name=\"target\" inputmode=\"decimal\" maxlength=\"32\" value=\"%s\" "
                "aria-describedby=\"v-number-hint\">"
                "<label for=\"v-outcome\">Utfall</label>"
                "<input id=\"v-outcome\" name=\"outcome\" inputmode=\"decimal\" maxlength=\"32\" value=\"%s\" "
                "aria-describedby=\"v-number-hint\">"
                "<p class=\"hint\" id=\"v-number-hint\">Tal med decimalkomma eller punkt, till exempel 85,5. %s</p>"
                "<label for=\"v-comment\">Uppföljningskommentar</label>"
                "<textarea id=\"v-comment\" name=\"comment\" rows=\"3\" maxlength=\"4000\">%s</textarea>"
                "<fieldset><legend>Ägarens bedömning av måluppfyllelsen</legend>"
                "<label for=\"v-override\">Måluppfyllelse</label><select id=\"v-override\" name=\"override\">",
                f->period, period_type_label(s->period_type), example_period(s->period_type), f->target, f->outcome,
                loaded ? "Ett fält du tömmer tas bort."
                       : "Ett tomt fält behåller det sparade värdet; skriv - för att ta bort det.",
                f->comment);
    if (!loaded) override_option(r, f, "keep", "Oförändrad");
    override_option(r, f, "computed", "Beräknad från utfall och målvärde");
    override_option(r, f, "met", fulfilment_label(FUL_MET));
    override_option(r, f, "partly", fulfilment_label(FUL_PARTLY));
    override_option(r, f, "not_met", fulfilment_label(FUL_NOT_MET));
    html_printf(&r->out,
                "</select><label for=\"v-override-comment\">Motivering till bedömningen</label>"
                "<textarea id=\"v-override-comment\" name=\"override_comment\" rows=\"2\" maxlength=\"4000\" "
                "aria-describedby=\"v-override-hint\">%s</textarea>"
                "<p class=\"hint\" id=\"v-override-hint\">Krävs när du bedömer måluppfyllelsen själv; "
                "bedömningen visas som överstyrd.</p></fieldset>"
                "<button type=\"submit\">Spara värdena</button></form></section>",
                f->override_comment);
}

/* --- the page ----------------------------------------------------------------------------------- */

/* The indicator page; with an error, the refused form again (status from the
 * error) with what was typed. */
static void render_indicator_page(Request *r, long long id, const Err *error)
{
    IndicatorSeries s;
    Err e = ERR_INIT;
    if (indicator_series(r->db, id, &s, &e)) {
        reply_err(r, &e);
        return;
    }
    bool can_write = role_can_write(r->user.role);
    char tol[32];
    buf_reset(&r->out);
    r->status = error ? status_for(error->code) : 200;
    page_begin(r, arena_printf(&r->arena, "%s %s", s.code, s.title));
    html_printf(&r->out,
                "<p class=\"crumbs\"><a href=\"%s\">Planer</a> › <a href=\"%s\">%s</a></p><h1>%s %s</h1>",
                url(r, "/plans"), url(r, "/plans/%lld", s.plan_id), s.plan_name, s.code, s.title);
    if (error) error_box(r, error->msg[0] ? error->msg : "Det gick inte att spara.");
    else notice_from_query(r);
    html_printf(&r->out,
                "<dl class=\"facts\"><dt>Enhet</dt><dd>%s</dd><dt>Riktning</dt><dd>%s</dd>"
                "<dt>Följs upp per</dt><dd>%s</dd><dt>Tolerans för delvis uppnått</dt><dd>%s %% av målvärdet "
                "(planens inställning)</dd></dl>",
                *s.unit ? s.unit : "–", direction_label(s.direction), period_type_label(s.period_type),
                plan_number_format_sv(s.tolerance_pct, tol));
    html_raw(&r->out, "<h2>Uppföljning</h2>");
    if (!s.n) {
        html_printf(&r->out, "<p>Inga målvärden eller utfall ännu. %s <code>lots plan import FIL.csv</code> "
                             "(kolumnerna indikator, period, målvärde, utfall, kommentar; indikatorns kod är %s).</p>",
                    can_write ? "Registrera dem nedan eller importera dem med" : "De registreras på sidan eller med",
                    s.code);
    } else {
        html_raw(&r->out, "<table class=\"follow-up\"><thead><tr><th scope=\"col\">Period</th>"
                          "<th scope=\"col\" class=\"num\">Utfall</th><th scope=\"col\" class=\"num\">Målvärde</th>"
                          "<th scope=\"col\">Måluppfyllelse</th><th scope=\"col\">Uppföljningskommentar</th>");
        if (can_write) html_raw(&r->out, "<th scope=\"col\"><span class=\"visually-hidden\">Ändra</span></th>");
        html_raw(&r->out, "</tr></thead><tbody>");
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
            html_raw(&r->out, "</td>");
            if (can_write)
                html_printf(&r->out, "<td><a href=\"%s#registrera\">Ändra<span class=\"visually-hidden\"> %s</span></a></td>",
                            url(r, "/indicators/%lld?period=%s", s.id, p->text), label);
            html_raw(&r->out, "</tr>");
        }
        html_raw(&r->out, "</tbody></table>");
    }
    if (can_write) {
        ValuesForm f = error ? form_posted(r) : form_for_period(r, &s);
        values_form(r, &s, &f);
    }
    if (s.n) {
        html_raw(&r->out, "<h2>Seriediagram</h2>");
        RunInfo ri = run_analysis(&s);
        run_chart(r, &s, &ri);
        runs_text(r, &ri);
    }
    plan_rules_note(r, s.tolerance_pct);
    page_end(r);
    indicator_series_free(&s);
}

void page_indicator_view(Request *r)
{
    long long id;
    if (arg_id_or_reply(r, 0, &id)) render_indicator_page(r, id, NULL);
}

/* --- POST /indicators/{id}/values ----------------------------------------------------------------- */

static bool is_clear_mark(const char *s)
{
    return !strcmp(s, "-") || !strcmp(s, "\xe2\x80\x93"); /* "-" or an en dash */
}

/* A number field: blank keeps (or, in a form opened on the period, removes),
 * "-" removes, else a number. */
static ErrCode number_field(Request *r, const char *name, const char *what, bool loaded, ValueEdit *edit, double *v,
                            Err *e)
{
    char *s = trim_dup(posted_or(r, name, ""));
    ErrCode rc = ERR_OK;
    if (!*s) *edit = loaded ? EDIT_CLEAR : EDIT_KEEP;
    else if (is_clear_mark(s)) *edit = EDIT_CLEAR;
    else if (plan_number_parse(s, v)) *edit = EDIT_SET;
    else rc = err_set(e, ERR_INVALID, "%s '%s' är inte ett tal (till exempel 85 eller 85,5).", what, s);
    free(s);
    return rc;
}

/* The form's fields as an edit of one period; the rules are core's. */
static ErrCode edit_from_form(Request *r, long long id, IndicatorValueEdit *v, Err *e)
{
    char *ptext = trim_dup(posted_or(r, "period", ""));
    ErrCode rc = ERR_OK;
    *v = (IndicatorValueEdit){.indicator_id = id, .by = r->user.id};
    if (!*ptext) rc = err_set(e, ERR_INVALID, "Ange perioden, till exempel 2024-T2.");
    else rc = period_parse(ptext, &v->period, e);
    free(ptext);
    if (rc) return rc;
    char canon[PERIOD_TEXT_MAX];
    period_format(v->period, canon);
    bool loaded = !strcmp(posted_or(r, "loaded", ""), canon);
    if (number_field(r, "target", "Målvärdet", loaded, &v->target_edit, &v->target, e) ||
        number_field(r, "outcome", "Utfallet", loaded, &v->outcome_edit, &v->outcome, e))
        return e->code;
    const char *comment = posted_or(r, "comment", "");
    v->comment = comment;
    if (is_clear_mark(comment) || (loaded && is_blank(comment))) v->comment_edit = EDIT_CLEAR;
    else if (!is_blank(comment)) v->comment_edit = EDIT_SET;
    const char *ov = posted_or(r, "override", "keep");
    if (!strcmp(ov, "computed")) {
        v->override_edit = EDIT_CLEAR;
    } else if (strcmp(ov, "keep")) {
        if (!fulfilment_parse(ov, &v->override))
            return err_set(e, ERR_INVALID, "Okänd bedömning '%s' (uppnått, delvis uppnått eller ej uppnått).", ov);
        v->override_edit = EDIT_SET;
        v->override_comment = posted_or(r, "override_comment", "");
    }
    return ERR_OK;
}

void page_indicator_values(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    IndicatorValueEdit v;
    Err e = ERR_INIT;
    if (edit_from_form(r, id, &v, &e) || indicator_value_set(r->db, &v, &e)) {
        render_indicator_page(r, id, &e);
        return;
    }
    redirect(r, arena_printf(&r->arena, "/indicators/%lld?ok=values", id));
}
