/*
 * page_chart.h — a judged series (core/pattern.h) as an accessible inline
 * SVG control chart: the points joined by a line, the centre line and the
 * limits, signalling points marked with a shape (a diamond, not only a
 * colour), annotations as vertical markers with their text; role="img" with
 * a <title> and a <desc> that says what the chart shows in words.
 * Colours and lines come from lots.css (CSP: no inline styles).
 */
#ifndef LOTS_WEB_PAGE_CHART_H
#define LOTS_WEB_PAGE_CHART_H

#include "core/pattern.h"
#include "web/request.h"

/* id: unique within the page (for aria-labelledby). */
void chart_svg(Request *r, const Series *s, const char *id);
/* "c-diagram: antal per månad" (or "per vecka") etc., for captions. */
const char *chart_caption(SpcChart c, bool weekly);
/* 7.6667 → "7,67" in the request arena; "–" for NAN. */
const char *num_sv(Request *r, double v);

#endif
