/*
 * page_chart.h — a judged series (core/pattern.h) as an accessible inline
 * SVG control chart: the points joined by a line, the centre line and the
 * limits, signalling points marked with a shape (a diamond, not only a
 * colour), annotations and decisions as vertical markers with their text
 * (web/page_chart.c's last section); role="img" with
 * a <title> and a <desc> that says what the chart shows in words.
 * Colours and lines come from lots.css (CSP: no inline styles).
 */
#ifndef LOTS_WEB_PAGE_CHART_H
#define LOTS_WEB_PAGE_CHART_H

#include <stddef.h>

#include "core/pattern.h"
#include "core/series.h"
#include "web/request.h"

/* id: unique within the page (for aria-labelledby). */
void chart_svg(Request *r, const Series *s, const char *id);

/* What is drawn on a chart besides the series' own annotations, frozen
 * baseline and split: the decisions of the cases that concern it. */
typedef struct {
    const SeriesDecision *decisions;
    size_t ndecisions;
} ChartMarks;
/* chart_svg with the marks (m may be NULL): each decision a solid vertical
 * line with a square at its foot and its label; annotations dotted, the end of
 * a frozen baseline dashed ("Baslinje: de första N punkterna"), a split at
 * the chart's start ("Delad vid 2026-03"). The <desc> counts them in words. */
void chart_svg_marked(Request *r, const Series *s, const char *id, const ChartMarks *m);
/* The charted point whose period holds `date` (YYYY-MM-DD or YYYY-MM; the
 * labels may be months, ISO weeks or a g chart's event dates), or SIZE_MAX
 * when the date lies outside the chart or the series is not judged. */
size_t chart_point_at(const Series *s, const char *date);
/* "Baslinje: de första 4 punkterna"; on a weekly chart the months as set
 * and the weeks they cover. In the request arena. */
const char *chart_baseline_text(Request *r, const Series *s);
/* "c-diagram: antal per månad" (or "per vecka") etc., for captions. */
const char *chart_caption(SpcChart c, bool weekly);
/* 7.6667 → "7,67" in the request arena; "–" for NAN. */
const char *num_sv(Request *r, double v);

#endif
