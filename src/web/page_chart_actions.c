/*
 * page_chart_actions.c — the forms on the chart page (POST
 * /charts/{unit}/{category}/…): an annotation, the frozen baseline and split
 * (or clearing them), and linking a case to the series or removing that
 * link. Each names its series with the hidden fields source and level, asks
 * core as the signed-in person, and then redirects back to the chart with a
 * fixed ?ok= code, or shows the chart page again with core's message and the
 * person's input kept. Login, role and CSRF were checked by dispatch.c.
 */
#include "web/handlers.h"
#include "web/page_chart_page.h"
#include "base/text.h"
#include "core/series.h"

#include <stdlib.h>

/* A missing field reaches core as "" so that core's message names it. */
static const char *field(Request *r, const char *name)
{
    const char *v = form_param(r, name);
    return v ? v : "";
}

static void finish(Request *r, const SeriesKey *k, const Err *e, const char *posted, const char *ok)
{
    if (e->code == ERR_OK) redirect(r, chart_path(r, k, NULL, ok));
    else render_chart_page(r, k, posted, e);
}

void page_chart_annotate(Request *r)
{
    SeriesKey k;
    if (!chart_key_or_reply(r, form_param(r, "source"), form_param(r, "level"), form_param(r, "period"), &k)) return;
    Err e = ERR_INIT;
    series_annotate(r->db, &r->user, &k, field(r, "date"), field(r, "text"), NULL, &e);
    finish(r, &k, &e, "annotate", "annotated");
}

/* The baseline's number of points: blank is none; anything but a whole
 * number reaches core as −1, which core refuses naming the field. */
static long long freeze_field(Request *r)
{
    const char *s = form_param(r, "freeze");
    if (is_blank(s)) return 0;
    char *t = trim_dup(s);
    long v;
    bool ok = parse_long(t, &v);
    free(t);
    return ok ? v : -1;
}

void page_chart_settings(Request *r)
{
    SeriesKey k;
    if (!chart_key_or_reply(r, form_param(r, "source"), form_param(r, "level"), form_param(r, "period"), &k)) return;
    Err e = ERR_INIT;
    bool clear = !is_blank(form_param(r, "clear"));
    char *split = trim_dup(clear ? "" : field(r, "split_at"));
    series_set(r->db, &r->user, &k, clear ? 0 : freeze_field(r), split, &e);
    free(split);
    finish(r, &k, &e, "settings", clear ? "series-cleared" : "series-settings");
}

void page_chart_link(Request *r)
{
    SeriesKey k;
    if (!chart_key_or_reply(r, form_param(r, "source"), form_param(r, "level"), form_param(r, "period"), &k)) return;
    Err e = ERR_INIT;
    series_link_case(r->db, &r->user, &k, field(r, "case"), NULL, &e);
    finish(r, &k, &e, "link", "series-linked");
}

void page_chart_unlink(Request *r)
{
    SeriesKey k;
    long long case_id;
    if (!chart_key_or_reply(r, form_param(r, "source"), form_param(r, "level"), form_param(r, "period"), &k) || !arg_id_or_reply(r, 2, &case_id))
        return;
    Err e = ERR_INIT;
    series_unlink_case(r->db, &r->user, &k, case_id, &e);
    finish(r, &k, &e, "unlink", "series-unlinked");
}
