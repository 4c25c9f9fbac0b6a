/*
 * page_chart_page.h — the chart page of one series (GET /charts/{unit}/{category},
 * web/page_chart_page.c), shared with the handlers of its forms
 * (web/page_chart_actions.c). Not for other pages.
 */
#ifndef LOTS_WEB_PAGE_CHART_PAGE_H
#define LOTS_WEB_PAGE_CHART_PAGE_H

#include <stdbool.h>

#include "core/pattern.h"
#include "web/request.h"

/* The series named by the route's {unit}/{category} and `source`/`level`/
 * `period` (blank: deviations, unit, month), or a 404 page and false. */
bool chart_key_or_reply(Request *r, const char *source, const char *level, const char *period, SeriesKey *k);

/* "/charts/3/7[/sub]?source=deviations&level=unit[&period=week][&ok=ok]" without the
 * prefix (for redirect); sub and ok may be NULL. Percent-encoded. */
const char *chart_path(Request *r, const SeriesKey *k, const char *sub, const char *ok);

/* Renders the whole chart page. After a refused form, `posted` names it
 * ("annotate", "settings", "link", "unlink"; its input is kept from r->form) and
 * `error` is shown at the top with status_for(error->code); both NULL on GET. */
void render_chart_page(Request *r, const SeriesKey *k, const char *posted, const Err *error);

#endif
