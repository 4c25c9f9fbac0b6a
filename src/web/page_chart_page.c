/*
 * page_chart_page.c — the chart page of one series (GET /charts/{unit}/{category}
 * ?source=…&level=…): the control chart with what users and cases add to it
 * (annotations, a frozen baseline, a split, the decisions of the cases that
 * concern the series), the same marks in a table under the chart, the
 * cases that concern the series, and for writers the forms that add to it
 * (handled in web/page_chart_actions.c). A refused form comes back here
 * with core's message and what was typed kept.
 * Thin: core/pattern.h and core/series.h decide everything; this renders.
 */
#include "web/handlers.h"
#include "web/page_chart_page.h"
#include "web/layout.h"
#include "web/page_chart.h"
#include "web/page_format.h"
#include "base/html.h"
#include "core/series.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool chart_key_or_reply(Request *r, const char *source, const char *level, const char *period, SeriesKey *k)
{
    char *end;
    long long unit = strtoll(r->args[0], &end, 10);
    if (*end || unit < 0) {
        page_error(r, 404, "Okänd enhet.");
        return false;
    }
    long long cat = strtoll(r->args[1], &end, 10);
    if (*end || cat <= 0) {
        page_error(r, 404, "Okänd kategori.");
        return false;
    }
    *k = (SeriesKey){level && *level ? level : "unit", unit, cat, source && *source ? source : "deviations",
                     period && *period ? period : "month"};
    return true;
}

const char *chart_path(Request *r, const SeriesKey *k, const char *sub, const char *ok)
{
    /* url() encodes; redirect() adds the prefix again */
    const char *p = url(r, "/charts/%lld/%lld%s%s?source=%s&level=%s&period=%s", k->unit_id, k->category_id,
                        sub ? "/" : "", sub ? sub : "", k->source, k->level, k->period) +
                    strlen(r->cfg->prefix);
    return ok ? arena_printf(&r->arena, "%s&ok=%s", p, ok) : p;
}

/* What one rendering of the chart page needs. */
typedef struct {
    Request *r;
    const SeriesKey *k;
    const Series *s;
    const SeriesCase *cases;
    size_t ncases;
    const SeriesDecision *dec;
    size_t ndec;
    const char *posted; /* the refused form, NULL on GET */
} ChartView;

/* What the person typed into `field` of the refused form `form`, else fallback. */
static const char *kept(const ChartView *v, const char *form, const char *field, const char *fallback)
{
    if (!v->posted || strcmp(v->posted, form)) return fallback;
    const char *value = form_param(v->r, field);
    return value ? value : fallback;
}

/* Opens a form posting to /charts/{unit}/{category}/{sub}, with the CSRF
 * field and the hidden fields that name the series; cls is its class.
 * case_id > 0: to /charts/{unit}/{category}/cases/{case_id}/{sub}. */
static void form_open(const ChartView *v, const char *sub, long long case_id, const char *cls)
{
    Request *r = v->r;
    const char *action = case_id > 0 ? url(r, "/charts/%lld/%lld/cases/%lld/%s", v->k->unit_id, v->k->category_id, case_id, sub)
                                     : url(r, "/charts/%lld/%lld/%s", v->k->unit_id, v->k->category_id, sub);
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"%s\">", action, cls);
    csrf_field(r);
    html_printf(&r->out,
                "<input type=\"hidden\" name=\"source\" value=\"%s\"><input type=\"hidden\" name=\"level\" value=\"%s\">"
                "<input type=\"hidden\" name=\"period\" value=\"%s\">",
                v->k->source, v->k->level, v->k->period);
}

/* --- the marks under the chart ------------------------------------------------------------------- */

typedef enum { MARK_SPLIT, MARK_BASELINE, MARK_NOTE, MARK_DECISION } MarkKind;

typedef struct {
    const char *date;
    MarkKind kind;
    size_t i; /* index into the notes or decisions */
} Mark;

static int mark_cmp(const void *a, const void *b)
{
    const Mark *x = a, *y = b;
    int c = strcmp(x->date, y->date);
    return c ? c : (int)x->kind - (int)y->kind;
}

/* A note or decision whose date lies outside the charted periods is listed but not drawn. */
static void undrawn(const ChartView *v, const char *date)
{
    if (chart_point_at(v->s, date) == SIZE_MAX)
        html_raw(&v->r->out, " <span class=\"meta\">(utanför diagrammets perioder, ritas inte)</span>");
}

static void mark_row(const ChartView *v, const Mark *m)
{
    Request *r = v->r;
    const Series *s = v->s;
    html_printf(&r->out, "<tr><td class=\"date\">%s</td>", m->date);
    switch (m->kind) {
    case MARK_SPLIT:
        html_printf(&r->out, "<td>Delning</td><td>Delad vid %s: serien bedöms från och med den perioden; tidigare "
                             "perioder visas inte i diagrammet.</td><td></td>",
                    s->split_at);
        break;
    case MARK_BASELINE:
        html_printf(&r->out, "<td>Baslinje</td><td>%s. Centrallinjen och styrgränserna bygger på dem.</td><td></td>",
                    chart_baseline_text(r, s));
        break;
    case MARK_NOTE:
        html_printf(&r->out, "<td>Anteckning</td><td>%s", s->notes[m->i].text);
        undrawn(v, m->date);
        html_printf(&r->out, "</td><td>%s</td>", s->notes[m->i].created_by);
        break;
    case MARK_DECISION: {
        const SeriesDecision *d = &v->dec[m->i];
        html_printf(&r->out, "<td>Beslut</td><td><a href=\"%s\">%s</a>: <span class=\"prewrap\">%s</span>",
                    url(r, "/cases/%lld", d->case_id), d->label, d->text);
        undrawn(v, m->date);
        html_printf(&r->out, "</td><td>%s</td>", d->case_ref);
        break;
    }
    }
    html_raw(&r->out, "</tr>");
}

/* The date a baseline row is listed under: the last frozen point's period. */
static const char *baseline_date(const Series *s)
{
    if (s->judged && s->freeze_points && s->freeze_points <= s->j.shewhart.n)
        return s->j.shewhart.points[s->freeze_points - 1].x;
    return "–";
}

static void marks_table(const ChartView *v)
{
    Request *r = v->r;
    const Series *s = v->s;
    size_t n = 0, cap = s->nnotes + v->ndec + 2;
    Mark *marks = arena_alloc(&r->arena, cap * sizeof *marks);
    if (*s->split_at) marks[n++] = (Mark){s->split_at, MARK_SPLIT, 0};
    if (s->freeze_points > 0) marks[n++] = (Mark){baseline_date(s), MARK_BASELINE, 0};
    for (size_t i = 0; i < s->nnotes; i++) marks[n++] = (Mark){s->notes[i].date, MARK_NOTE, i};
    for (size_t i = 0; i < v->ndec; i++) marks[n++] = (Mark){v->dec[i].date, MARK_DECISION, i};
    qsort(marks, n, sizeof *marks, mark_cmp);
    html_raw(&r->out, "<section aria-labelledby=\"h-marks\"><h2 id=\"h-marks\">Markeringar i diagrammet</h2>");
    if (!n) {
        html_raw(&r->out, "<p>Inga anteckningar, beslut, baslinje eller delning.</p></section>");
        return;
    }
    html_raw(&r->out, "<table class=\"marks\"><caption>Anteckningar, beslut, baslinje och delning, i datumordning. "
                      "Det som ligger utanför diagrammets perioder ritas inte.</caption><thead><tr>"
                      "<th scope=\"col\">Datum</th><th scope=\"col\">Slag</th><th scope=\"col\">Vad</th>"
                      "<th scope=\"col\">Av eller ärende</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) mark_row(v, &marks[i]);
    html_raw(&r->out, "</tbody></table></section>");
}

/* --- the cases that concern the series -------------------------------------------------------------- */

static void case_item(const ChartView *v, const SeriesCase *c, bool can_write)
{
    Request *r = v->r;
    html_printf(&r->out, "<li><a href=\"%s\">%s</a> %s <span class=\"meta\">", url(r, "/cases/%lld", c->id), c->ref,
                c->title);
    if (c->from_pattern) html_raw(&r->out, "(gjort av ett mönster i serien)");
    else html_printf(&r->out, "(kopplat av %s %s)", *c->linked_by ? c->linked_by : "okänd", date_text(r, c->linked_at));
    html_raw(&r->out, "</span>");
    if (can_write && c->linked && !c->from_pattern) {
        form_open(v, "delete", c->id, "inline");
        html_printf(&r->out, "<button type=\"submit\" class=\"small secondary\" aria-label=\"Ta bort kopplingen till %s\">"
                             "Ta bort kopplingen</button></form>",
                    c->ref);
    }
    html_raw(&r->out, "</li>");
}

static void cases_section(const ChartView *v, bool can_write)
{
    Request *r = v->r;
    html_raw(&r->out, "<section aria-labelledby=\"h-series-cases\"><h2 id=\"h-series-cases\">Ärenden som gäller serien</h2>"
                      "<p class=\"hint\">Ärenden gjorda av ett mönster i serien, och ärenden som kopplats hit. "
                      "Deras beslut ritas i diagrammet.</p>");
    if (!v->ncases) html_raw(&r->out, "<p>Inga ärenden gäller serien ännu.</p>");
    else {
        html_raw(&r->out, "<ul class=\"series-cases\">");
        for (size_t i = 0; i < v->ncases; i++) case_item(v, &v->cases[i], can_write);
        html_raw(&r->out, "</ul>");
    }
    if (can_write) {
        form_open(v, "cases", 0, "stack");
        html_printf(&r->out,
                    "<label for=\"link-case\">Koppla ärende: ärendets referens</label>"
                    "<input id=\"link-case\" name=\"case\" maxlength=\"40\" value=\"%s\" aria-describedby=\"link-case-hint\">"
                    "<p class=\"hint\" id=\"link-case-hint\">T.ex. HS 2026-00012: ett ärende som gäller samma brist.</p>"
                    "<button type=\"submit\">Koppla ärende</button></form>",
                    kept(v, "link", "case", ""));
    }
    html_raw(&r->out, "</section>");
}

/* --- the forms ---------------------------------------------------------------------------------------- */

static void annotate_form(const ChartView *v)
{
    Request *r = v->r;
    html_raw(&r->out, "<section aria-labelledby=\"h-annotate\"><h2 id=\"h-annotate\">Anteckna diagrammet</h2>");
    form_open(v, "annotations", 0, "stack");
    html_printf(&r->out,
                "<label for=\"note-date\">Datum</label>"
                "<input id=\"note-date\" name=\"date\" maxlength=\"10\" value=\"%s\" aria-describedby=\"note-date-hint\">"
                "<p class=\"hint\" id=\"note-date-hint\">ÅÅÅÅ-MM-DD, eller ÅÅÅÅ-MM för en hel månad.</p>"
                "<label for=\"note-text\">Vad ändrades?</label>"
                "<input id=\"note-text\" name=\"text\" maxlength=\"300\" value=\"%s\" aria-describedby=\"note-text-hint\">"
                "<p class=\"hint\" id=\"note-text-hint\">T.ex. Ny rutin för läkemedelsgenomgång. Skriv inga personnummer.</p>"
                "<button type=\"submit\">Spara anteckningen</button></form></section>",
                kept(v, "annotate", "date", ""), kept(v, "annotate", "text", ""));
}

static void settings_form(const ChartView *v)
{
    Request *r = v->r;
    const Series *s = v->s;
    html_raw(&r->out, "<section aria-labelledby=\"h-settings\"><h2 id=\"h-settings\">Baslinje och delning</h2>"
                      "<p class=\"hint\">Lås baslinjen: centrallinjen och styrgränserna räknas på de första punkterna, så "
                      "att en förändring efter dem syns. Dela serien vid en förändring: den bedöms från och med den "
                      "månaden.</p>");
    if (s->period == SERIES_WEEK)
        html_raw(&r->out, "<p class=\"hint\">Baslinje och delning gäller hela serien och anges i månader, som i "
                          "diagrammet per månad; veckodiagrammet använder veckorna inom de månaderna.</p>");
    form_open(v, "settings", 0, "stack");
    const char *freeze = s->freeze > 0 ? arena_printf(&r->arena, "%lld", s->freeze) : "";
    html_printf(&r->out,
                "<label for=\"freeze\">Baslinje: antal %s</label>"
                "<input id=\"freeze\" name=\"freeze\" inputmode=\"numeric\" maxlength=\"3\" value=\"%s\" aria-describedby=\"freeze-hint\">"
                "<p class=\"hint\" id=\"freeze-hint\">0–%d; tomt eller 0: ingen låst baslinje.</p>"
                "<label for=\"split-at\">Dela vid månad</label>"
                "<input id=\"split-at\" name=\"split_at\" maxlength=\"7\" value=\"%s\" aria-describedby=\"split-hint\">"
                "<p class=\"hint\" id=\"split-hint\">ÅÅÅÅ-MM; tomt: ingen delning.</p>"
                "<button type=\"submit\">Spara baslinje och delning</button></form>",
                s->period == SERIES_WEEK ? "månader" : "punkter", kept(v, "settings", "freeze", freeze), PATTERN_MAX_PERIODS,
                kept(v, "settings", "split_at", s->split_at));
    if (s->freeze > 0 || *s->split_at) {
        form_open(v, "settings", 0, "clear-form");
        html_raw(&r->out, "<input type=\"hidden\" name=\"clear\" value=\"1\">"
                          "<button type=\"submit\" class=\"secondary\">Ta bort baslinje och delning</button></form>");
    }
    html_raw(&r->out, "</section>");
}

/* "Per månad / Per vecka": the same series in the other period. */
static void period_switch(Request *r, const SeriesKey *k, SeriesPeriod cur)
{
    html_raw(&r->out, "<nav class=\"period-switch\" aria-label=\"Period\"><ul>");
    for (int p = 0; p < SERIES_PERIODS; p++) {
        const char *href = url(r, "/charts/%lld/%lld?source=%s&level=%s&period=%s", k->unit_id, k->category_id,
                               k->source, k->level, series_period_key((SeriesPeriod)p));
        const char *label = p == SERIES_MONTH ? "Per månad" : "Per vecka";
        if (p == (int)cur) html_printf(&r->out, "<li><a href=\"%s\" aria-current=\"page\">%s</a></li>", href, label);
        else html_printf(&r->out, "<li><a href=\"%s\">%s</a></li>", href, label);
    }
    html_raw(&r->out, "</ul></nav>");
}

/* The counts (and, for a rate, the denominators) under the chart. */
static void counts_table(Request *r, const Series *s)
{
    bool week = s->period == SERIES_WEEK;
    html_printf(&r->out, "<h2>Antal %s</h2><table class=\"series\"><thead><tr><th scope=\"col\">%s</th>"
                         "<th scope=\"col\">Antal</th>",
                series_period_label(s->period), week ? "Vecka" : "Månad");
    if (s->denom)
        html_printf(&r->out, "<th scope=\"col\">%s</th><th scope=\"col\">Per 1000 %s</th>", s->denom_kind,
                    s->denom_kind);
    html_raw(&r->out, "</tr></thead><tbody>");
    for (size_t i = 0; i < s->n; i++) {
        html_printf(&r->out, "<tr><td>%s</td><td>%s</td>", s->labels[i], num_sv(r, s->counts[i]));
        if (s->denom)
            html_printf(&r->out, "<td>%s</td><td>%s</td>", num_sv(r, s->denom[i]),
                        num_sv(r, s->counts[i] / s->denom[i] * 1000));
        html_raw(&r->out, "</tr>");
    }
    html_raw(&r->out, "</tbody></table>");
}

/* --- the page ----------------------------------------------------------------------------------------------- */

static void render(ChartView *v, const Err *error)
{
    Request *r = v->r;
    const Series *s = v->s;
    bool can_write = role_can_write(r->user.role);
    buf_reset(&r->out);
    r->status = error ? status_for(error->code) : 200;
    page_begin(r, s->title);
    html_printf(&r->out, "<p><a href=\"%s\">Alla mönster</a></p><h1>%s</h1>", url(r, "/patterns"), s->title);
    period_switch(r, v->k, s->period);
    if (error) error_box(r, error->msg[0] ? error->msg : "Det gick inte att spara.");
    else notice_from_query(r);
    if (s->denom)
        html_printf(&r->out, "<p>Diagrammet visar händelser per 1000 %s: varje enhet i serien har %s för varje månad.</p>",
                    s->denom_kind, s->denom_kind);
    ChartMarks marks = {v->dec, v->ndec};
    chart_svg_marked(r, s, "chart", &marks);
    marks_table(v);
    cases_section(v, can_write);
    if (can_write) {
        annotate_form(v);
        settings_form(v);
    }
    counts_table(r, s);
    page_end(r);
}

void render_chart_page(Request *r, const SeriesKey *k, const char *posted, const Err *error)
{
    Series s;
    Err e = ERR_INIT;
    if (series_load(r->db, k, &s, &e)) {
        page_error(r, status_for(e.code), e.msg);
        return;
    }
    ChartView v = {r, k, &s, NULL, 0, NULL, 0, posted};
    SeriesCase *cases = NULL;
    SeriesDecision *dec = NULL;
    if (series_cases(r->db, k, &cases, &v.ncases, &e) || series_decisions(r->db, k, &dec, &v.ndec, &e))
        page_error(r, status_for(e.code), e.msg);
    else {
        v.cases = cases;
        v.dec = dec;
        render(&v, error);
    }
    series_cases_free(cases, v.ncases);
    series_decisions_free(dec, v.ndec);
    series_free(&s);
}

void page_chart(Request *r)
{
    SeriesKey k;
    if (chart_key_or_reply(r, query_param(r, "source"), query_param(r, "level"), query_param(r, "period"), &k))
        render_chart_page(r, &k, NULL, NULL);
}
