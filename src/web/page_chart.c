/*
 * page_chart.c — the SVG control chart of one series (see page_chart.h).
 * Everything goes through html_printf, which escapes every %s; numbers are
 * formatted first. Read-only; no JavaScript.
 */
#include "web/page_chart.h"
#include "base/html.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum { W = 720, H = 280, LEFT = 56, RIGHT = 110, TOP = 24, BOTTOM = 44 };

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

static size_t index_of_month(const SpcResult *res, const char *month)
{
    for (size_t i = 0; i < res->n; i++) /* a month, or a week "2026-W10" on a weekly chart */
        if (strncmp(res->points[i].x, month, strlen(month)) >= 0) return i;
    return res->n;
}

void chart_svg(Request *r, const Series *s, const char *id)
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
    size_t ticks = s->period == SERIES_WEEK ? 8 : 12; /* "2026-W05" is wider than "2026-05" */
    size_t every = res->n > ticks ? (res->n + ticks - 1) / ticks : 1;
    for (size_t i = 0; i < res->n; i++)
        if (i % every == 0 || i + 1 == res->n)
            html_printf(&r->out, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                        x_of(i, res->n), H - BOTTOM + 18, res->points[i].x);
    /* split and annotations: vertical markers */
    if (*s->split_at && s->j.chart != SPC_G && s->j.first > 0)
        html_printf(&r->out, "<text class=\"tick\" x=\"%d\" y=\"%d\">Delad vid %s; tidigare punkter visas inte</text>",
                    LEFT, H - 6, s->split_at);
    for (size_t a = 0; a < s->nnotes; a++) {
        size_t i = index_of_month(res, s->notes[a].on);
        if (i >= res->n) continue;
        int x = x_of(i, res->n);
        html_printf(&r->out,
                    "<g class=\"note\"><line class=\"note-line\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                    "<text class=\"note-text\" x=\"%d\" y=\"%d\">%s</text><title>%s: %s</title></g>",
                    x, TOP, x, H - BOTTOM, x + 4, TOP + 12 + (int)(a % 3) * 14, s->notes[a].text, s->notes[a].date,
                    s->notes[a].text);
    }
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
