/*
 * page_chart.c — the SVG control chart of one series (see page_chart.h).
 * Everything goes through html_printf, which escapes every %s; numbers are
 * formatted first. Read-only; no JavaScript.
 */
#include "web/page_chart.h"
#include "base/html.h"
#include "base/text.h"
#include "core/deviation.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { W = 720, H = 300, LEFT = 56, RIGHT = 110, TOP = 40, BOTTOM = 44 };

const char *num_sv(Request *r, double v)
{
    if (isnan(v)) return "–";
    char b[32];
    snprintf(b, sizeof b, "%.2f", v);
    char *dot = strchr(b, '.');
    if (dot) *dot = ',';
    size_t n = strlen(b);
    while (n && b[n - 1] == '0') b[--n] = 0;
    if (n && b[n - 1] == ',') b[--n] = 0;
    return arena_strdup(&r->arena, b);
}

const char *chart_baseline_text(Request *r, const Series *s)
{
    if (s->period == SERIES_WEEK)
        return arena_printf(&r->arena, "Baslinje: de första %lld månaderna (%zu veckor)", s->freeze, s->freeze_points);
    return arena_printf(&r->arena, "Baslinje: de första %zu punkterna", s->freeze_points);
}

const char *chart_caption(SpcChart c, bool weekly)
{
    switch (c) {
    case SPC_U: return "u-diagram: händelser per 1000 vårddagar eller besök";
    case SPC_UP: return weekly ? "Laneys u′-diagram (överspridning): antal per vecka"
                               : "Laneys u′-diagram (överspridning): antal per månad";
    case SPC_G: return "g-diagram: dagar mellan händelserna (sällsynta händelser)";
    default: return weekly ? "c-diagram: antal per vecka" : "c-diagram: antal per månad";
    }
}

typedef struct {
    double lo, hi;
} Range;

static int y_of(const Range *g, double v)
{
    return (int)lround(TOP + (g->hi - v) / (g->hi - g->lo) * (H - TOP - BOTTOM));
}

static int x_of(size_t i, size_t n)
{
    int plot = W - LEFT - RIGHT;
    return n <= 1 ? LEFT + plot / 2 : LEFT + (int)lround((double)i * plot / (double)(n - 1));
}

/* A stepped or straight line through one of cl/lcl/ucl. */
static void limit_line(Request *r, const SpcResult *res, const Range *g, int which, const char *cls)
{
    size_t k = 0;
    for (size_t i = 0; i < res->n; i++) {
        const SpcOut *o = &res->points[i];
        double v = which == 0 ? o->cl : which == 1 ? o->lcl : o->ucl;
        if (isnan(v)) continue;
        if (!k++) html_printf(&r->out, "<polyline class=\"%s\" points=\"", cls);
        html_printf(&r->out, "%s%d,%d", k > 1 ? " " : "", x_of(i, res->n), y_of(g, v));
    }
    if (k) html_raw(&r->out, "\"/>");
}

static void marks_desc(Request *r, const Series *s, const ChartMarks *m);
static void draw_marks(Request *r, const Series *s, const ChartMarks *m);

void chart_svg(Request *r, const Series *s, const char *id)
{
    chart_svg_marked(r, s, id, NULL);
}

void chart_svg_marked(Request *r, const Series *s, const char *id, const ChartMarks *m)
{
    if (!s->judged) {
        html_printf(&r->out, "<p class=\"meta\">%s</p>",
                    s->not_judged ? s->not_judged : "Serien har för få händelser för ett styrdiagram.");
        return;
    }
    const SpcResult *res = &s->j.shewhart;
    Range g = {0, 1};
    for (size_t i = 0; i < res->n; i++) {
        const SpcOut *o = &res->points[i];
        double vals[4] = {o->y, o->cl, o->ucl, o->lcl};
        for (int k = 0; k < 4; k++)
            if (!isnan(vals[k]) && vals[k] > g.hi) g.hi = vals[k];
    }
    g.hi *= 1.1;
    size_t nsig = 0;
    for (size_t i = 0; i < res->n; i++) nsig += s->j.signal[i];
    const SpcOut *last = &res->points[res->n - 1];
    html_printf(&r->out,
                "<figure class=\"spc\"><svg class=\"spc-chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                "role=\"img\" aria-labelledby=\"%s-t %s-d\"><title id=\"%s-t\">%s</title><desc id=\"%s-d\">%s. ",
                W, H, W, H, id, id, id, s->title, id, chart_caption(s->j.chart, s->period == SERIES_WEEK));
    html_printf(&r->out, "Centrallinje %s, övre styrgräns %s, nedre styrgräns %s. ", num_sv(r, last->cl),
                num_sv(r, last->ucl), num_sv(r, last->lcl));
    if (s->j.rule != RULE_NONE)
        html_printf(&r->out, "Mönster: %s; %zu signalerande punkter, markerade med romber, från %s.",
                    pattern_rule_label(s->j.rule), nsig, s->j.since_x);
    else html_raw(&r->out, "Inget mönster: variationen är slumpmässig.");
    marks_desc(r, s, m);
    html_raw(&r->out, "</desc>");
    /* value axis */
    for (int k = 0; k <= 4; k++) {
        double v = g.lo + (g.hi - g.lo) * k / 4;
        int y = y_of(&g, v);
        html_printf(&r->out,
                    "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                    "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                    LEFT, y, W - RIGHT, y, LEFT - 6, y + 4, num_sv(r, v));
    }
    /* As many period labels as fit without touching (about 7 px a character at
     * 12 px, and a gap), counted back from the latest period, which always
     * has its label. */
    size_t label_w = strlen(res->points[res->n - 1].x) * 7 + 12;
    double step = res->n > 1 ? (double)(W - LEFT - RIGHT) / (double)(res->n - 1) : W;
    size_t every = step >= (double)label_w ? 1 : (size_t)ceil((double)label_w / step);
    for (size_t i = 0; i < res->n; i++)
        if ((res->n - 1 - i) % every == 0)
            html_printf(&r->out, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                        x_of(i, res->n), H - BOTTOM + 18, res->points[i].x);
    draw_marks(r, s, m);
    limit_line(r, res, &g, 2, "ucl");
    limit_line(r, res, &g, 1, "lcl");
    limit_line(r, res, &g, 0, "cl");
    html_printf(&r->out, "<text class=\"limit-label\" x=\"%d\" y=\"%d\">CL %s</text>", W - RIGHT + 6,
                y_of(&g, last->cl) + 4, num_sv(r, last->cl));
    if (!isnan(last->ucl))
        html_printf(&r->out, "<text class=\"limit-label\" x=\"%d\" y=\"%d\">UCL %s</text>", W - RIGHT + 6,
                    y_of(&g, last->ucl) + 4, num_sv(r, last->ucl));
    size_t k = 0;
    for (size_t i = 0; i < res->n; i++) {
        if (isnan(res->points[i].y)) continue;
        if (!k++) html_raw(&r->out, "<polyline class=\"series\" points=\"");
        html_printf(&r->out, "%s%d,%d", k > 1 ? " " : "", x_of(i, res->n), y_of(&g, res->points[i].y));
    }
    if (k) html_raw(&r->out, "\"/>");
    for (size_t i = 0; i < res->n; i++) {
        const SpcOut *o = &res->points[i];
        if (isnan(o->y)) continue;
        int x = x_of(i, res->n), y = y_of(&g, o->y);
        if (s->j.signal[i])
            html_printf(&r->out, "<path class=\"point signal\" d=\"M%d %dl6 6-6 6-6-6z\"><title>%s: %s (signal)</title></path>",
                        x, y - 6, o->x, num_sv(r, o->y));
        else
            html_printf(&r->out, "<circle class=\"point\" cx=\"%d\" cy=\"%d\" r=\"4\"><title>%s: %s</title></circle>", x,
                        y, o->x, num_sv(r, o->y));
    }
    html_printf(&r->out, "</svg><figcaption>%s. Romb: signalerande punkt. Heldragen linje: centrallinje; streckad: styrgränser.</figcaption></figure>",
                chart_caption(s->j.chart, s->period == SERIES_WEEK));
}

/* --- what users and cases add: vertical markers (annotations, decisions, baseline, split) --------- */

/* date ("2026-03-15" or "2026-03") in the shape of a charted label: a month
 * "2026-03", an ISO week "2026-W11" or a date (the g chart's events). */
static void date_key(const char *label, const char *date, char key[11])
{
    char full[16];
    snprintf(full, sizeof full, "%.10s%s", date, strlen(date) == 7 ? "-01" : "");
    size_t n = strlen(label);
    if (n == 8 && label[5] == 'W' && iso_date_valid(full)) iso_week_of(full, key);
    else snprintf(key, 11, "%.*s", (int)(n < 10 ? n : 10), full);
}

size_t chart_point_at(const Series *s, const char *date)
{
    if (!s->judged || !date || !*date) return SIZE_MAX;
    const SpcResult *res = &s->j.shewhart;
    char key[11];
    for (size_t i = 0; i < res->n; i++) {
        date_key(res->points[i].x, date, key);
        int c = strcmp(res->points[i].x, key);
        if (c >= 0) return i == 0 && c > 0 ? SIZE_MAX : i; /* before the first point: not on the chart */
    }
    return SIZE_MAX;
}

/* A label beside a marker at x, on the side where it fits. */
static void mark_label(Request *r, int x, int y, const char *cls, const char *text)
{
    bool left = x > (LEFT + W - RIGHT) / 2;
    html_printf(&r->out, "<text class=\"%s\" x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>", cls, left ? x - 4 : x + 4,
                y, left ? "end" : "start", text);
}

static void mark_line(Request *r, int x, const char *cls)
{
    html_printf(&r->out, "<line class=\"%s\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", cls, x, TOP - 4, x, H - BOTTOM);
}

static void draw_settings(Request *r, const Series *s)
{
    const SpcResult *res = &s->j.shewhart;
    if (*s->split_at) { /* the chart begins where the series is split */
        html_printf(&r->out, "<g class=\"split\"><title>Serien är delad vid %s</title>", s->split_at);
        mark_line(r, x_of(0, res->n), "split-line");
        mark_label(r, x_of(0, res->n), 14, "split-text", arena_printf(&r->arena, "Delad vid %s", s->split_at));
        html_raw(&r->out, "</g>");
    }
    if (s->freeze_points > 0 && s->freeze_points < res->n) {
        size_t f = s->freeze_points;
        int x = (x_of(f - 1, res->n) + x_of(f, res->n)) / 2;
        const char *text = chart_baseline_text(r, s);
        html_printf(&r->out, "<g class=\"baseline\"><title>%s (till och med %s)</title>", text, res->points[f - 1].x);
        mark_line(r, x, "baseline-line");
        mark_label(r, x, 30, "baseline-text", text);
        html_raw(&r->out, "</g>");
    }
}

static void draw_marks(Request *r, const Series *s, const ChartMarks *m)
{
    const SpcResult *res = &s->j.shewhart;
    draw_settings(r, s);
    size_t k = 0; /* label rows under the top edge, shared by annotations and decisions */
    for (size_t a = 0; a < s->nnotes; a++) {
        size_t i = chart_point_at(s, s->notes[a].date);
        if (i == SIZE_MAX) continue;
        int x = x_of(i, res->n);
        html_printf(&r->out, "<g class=\"note\"><title>Anteckning %s: %s</title>", s->notes[a].date, s->notes[a].text);
        mark_line(r, x, "note-line");
        mark_label(r, x, TOP + 12 + (int)(k++ % 4) * 14, "note-text", s->notes[a].text);
        html_raw(&r->out, "</g>");
    }
    for (size_t d = 0; m && d < m->ndecisions; d++) {
        const SeriesDecision *dec = &m->decisions[d];
        size_t i = chart_point_at(s, dec->date);
        if (i == SIZE_MAX) continue;
        int x = x_of(i, res->n), y = TOP + 12 + (int)(k++ % 4) * 14;
        html_printf(&r->out, "<g class=\"decision\"><title>%s %s: %s</title>", dec->label, dec->date, dec->text);
        mark_line(r, x, "decision-line");
        html_printf(&r->out, "<rect class=\"decision-mark\" x=\"%d\" y=\"%d\" width=\"8\" height=\"8\"/>", x - 4,
                    H - BOTTOM - 4);
        mark_label(r, x, y, "decision-text", dec->label);
        html_raw(&r->out, "</g>");
    }
}

/* The markers in words, for the chart's <desc>. */
static void marks_desc(Request *r, const Series *s, const ChartMarks *m)
{
    size_t notes = 0, decisions = 0;
    for (size_t a = 0; a < s->nnotes; a++) notes += chart_point_at(s, s->notes[a].date) != SIZE_MAX;
    for (size_t d = 0; m && d < m->ndecisions; d++) decisions += chart_point_at(s, m->decisions[d].date) != SIZE_MAX;
    if (*s->split_at)
        html_printf(&r->out, " Serien är delad vid %s: den bedöms från och med den perioden och tidigare punkter visas inte.",
                    s->split_at);
    if (s->freeze_points > 0 && s->period == SERIES_WEEK)
        html_printf(&r->out, " Baslinje: centrallinjen och styrgränserna bygger på de första %lld månaderna (%zu veckor).",
                    s->freeze, s->freeze_points);
    else if (s->freeze_points > 0)
        html_printf(&r->out, " Baslinje: centrallinjen och styrgränserna bygger på de första %zu punkterna.",
                    s->freeze_points);
    if (notes || decisions)
        html_printf(&r->out, " Lodräta linjer markerar %zu %s och %zu %s; de står i tabellen under diagrammet.", notes,
                    notes == 1 ? "anteckning" : "anteckningar", decisions, "beslut");
}
