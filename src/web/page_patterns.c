/*
 * page_patterns.c — the patterns page (GET /patterns): every current
 * pattern, strongest first, with its control chart, the rule that fired in
 * Swedish, the events behind it in a collapsible table and a button that
 * makes a signal case of it (POST /patterns/{id}/case → the new case); and a
 * recomputation (POST /patterns/detect). The chart page of one series is
 * web/page_chart_page.c.
 * Thin: core/pattern.h decides everything; this file only renders.
 */
#include "web/handlers.h"
#include "web/layout.h"
#include "web/page_chart.h"
#include "base/html.h"
#include "core/pattern.h"

#include <stdlib.h>
#include <string.h>

static const char *source_sv(const char *s)
{
    return !strcmp(s, "deviations") ? "avvikelser" : "klagomål";
}

static const char *level_sv(const char *l)
{
    return !strcmp(l, "unit") ? "enhet" : !strcmp(l, "förvaltning") ? "förvaltning (alla enheter)" : "hela regionen";
}

static void events_table(Request *r, const Pattern *p)
{
    PatternEvent *ev;
    size_t n;
    Err e = ERR_INIT;
    if (pattern_events(r->db, p, &ev, &n, &e)) {
        error_box(r, e.msg);
        return;
    }
    html_printf(&r->out, "<details><summary>Händelserna bakom mönstret (%zu, från %s)</summary>", n, p->since_period);
    html_raw(&r->out, "<table class=\"events\"><thead><tr><th scope=\"col\">Referens</th><th scope=\"col\">Datum</th>"
                      "<th scope=\"col\">Enhet</th><th scope=\"col\">Beskrivning</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        html_printf(&r->out, "<tr><td>%s</td><td class=\"date\">%s</td><td>%s</td><td>%s</td></tr>", ev[i].ref,
                    ev[i].date, ev[i].unit, ev[i].description);
    html_raw(&r->out, "</tbody></table></details>");
    pattern_events_free(ev, n);
}

/* "2026-07,2026-08" (as stored) → "2026-07, 2026-08", in the request arena. */
static const char *comma_spaced(Request *r, const char *list)
{
    Buf b = BUF_INIT;
    for (const char *c = list; *c; c++) {
        if (*c == ',') buf_puts(&b, ", ");
        else buf_putc(&b, *c);
    }
    const char *out = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return out;
}

static void pattern_section(Request *r, const Pattern *p, size_t rank)
{
    html_printf(&r->out,
                "<section class=\"pattern\" aria-labelledby=\"p%lld-h\"><h2 id=\"p%lld-h\">%zu. %s – %s "
                "<span class=\"period\">%s</span></h2>",
                p->id, p->id, rank, p->category, p->unit, pattern_period_phrase(p->period));
    html_printf(&r->out,
                "<dl class=\"facts\"><dt>Regel</dt><dd>%s</dd><dt>Källa</dt><dd>%s, %s</dd><dt>Period</dt><dd>%s</dd>"
                "<dt>Händelser</dt><dd>%lld sedan %s</dd><dt>Styrka</dt><dd>%s</dd><dt>Signalerande perioder</dt>"
                "<dd>%s</dd>",
                pattern_rule_label(pattern_rule_parse(p->rule)), source_sv(p->source), level_sv(p->level),
                pattern_period_phrase(p->period), p->events, p->since_period, num_sv(r, p->strength),
                comma_spaced(r, p->signal_periods));
    if (*p->also_period)
        html_printf(&r->out, "<dt>Även %s</dt><dd>%s (styrka %s)</dd>", pattern_period_phrase(p->also_period),
                    pattern_rule_label(pattern_rule_parse(p->also_rule)), num_sv(r, p->also_strength));
    html_raw(&r->out, "</dl>");
    Series s;
    SeriesKey k = {p->level, p->unit_id, p->category_id, p->source, p->period};
    Err e = ERR_INIT;
    char id[32];
    snprintf(id, sizeof id, "chart-%lld", p->id);
    if (series_load(r->db, &k, &s, &e)) error_box(r, e.msg);
    else {
        chart_svg(r, &s, id);
        series_free(&s);
    }
    html_printf(&r->out, "<p><a href=\"%s\">Diagrammet för serien</a></p>",
                url(r, "/charts/%lld/%lld?source=%s&level=%s&period=%s", p->unit_id, p->category_id, p->source,
                    p->level, p->period));
    events_table(r, p);
    if (p->case_id)
        html_printf(&r->out, "<p>Signalärende: <a href=\"%s\">%s</a></p>", url(r, "/cases/%lld", p->case_id),
                    p->case_ref);
    else if (role_can_write(r->user.role)) {
        html_printf(&r->out, "<form method=\"post\" action=\"%s\">", url(r, "/patterns/%lld/case", p->id));
        csrf_field(r);
        html_raw(&r->out, "<button type=\"submit\">Skapa signalärende</button></form>");
    }
    html_raw(&r->out, "</section>");
}

void page_patterns(Request *r)
{
    Pattern *p;
    size_t n;
    Err e = ERR_INIT;
    if (pattern_list(r->db, r->cfg->ps, &p, &n, &e)) {
        page_error(r, status_for(e.code), e.msg);
        return;
    }
    page_begin(r, "Mönster");
    html_raw(&r->out, "<h1>Mönster i avvikelser och klagomål</h1>"
                      "<p class=\"lead\">Serier per enhet och kategori (och per förvaltning och region) bedömda med "
                      "statistisk processtyrning: seriediagram med Anhøjs regler och styrdiagram (c, u, Laneys u′, g). "
                      "Ett mönster är en serie där fler händelser visar särskild orsak till variation. Lots föreslår; "
                      "en person avgör om det är en signal om brister (process C).</p>");
    notice_from_query(r);
    if (role_can_write(r->user.role)) {
        html_printf(&r->out, "<form method=\"post\" action=\"%s\">", url(r, "/patterns/detect"));
        csrf_field(r);
        html_raw(&r->out, "<button type=\"submit\">Beräkna om mönstren</button></form>");
    }
    if (!n) html_raw(&r->out, "<p>Inga mönster just nu.</p>");
    for (size_t i = 0; i < n; i++) pattern_section(r, &p[i], i + 1);
    pattern_list_free(p, n);
    page_end(r);
}

void page_pattern_detect(Request *r)
{
    Err e = ERR_INIT;
    if (pattern_detect(r->db, r->cfg->ps, NULL, &e)) {
        page_error(r, status_for(e.code), e.msg);
        return;
    }
    redirect(r, "/patterns");
}

void page_pattern_case(Request *r)
{
    long long id, case_id = 0;
    if (!arg_id_or_reply(r, 0, &id)) return;
    Err e = ERR_INIT;
    if (pattern_to_case(r->db, r->cfg->ps, &r->user, id, &case_id, &e)) {
        page_error(r, status_for(e.code), e.msg);
        return;
    }
    redirect(r, arena_printf(&r->arena, "/cases/%lld?ok=created", case_id));
}
