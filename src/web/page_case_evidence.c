/*
 * page_case_evidence.c — the case page's "Underlag" section: the deviations
 * and complaints a signal case was made from (a pattern's evidence, see
 * core/pattern_case.c), and links to the charts of the series the case
 * concerns (core/series.h: made from one of its patterns, or linked from the
 * chart page), where its decisions are drawn. Shown only when there are any.
 */
#include "web/page_case.h"
#include "base/html.h"
#include "core/pattern.h"
#include "core/series.h"

#include <string.h>

static void chart_links(Request *r, const CaseSeries *s, size_t n)
{
    if (!n) return;
    html_raw(&r->out, "<ul class=\"case-charts\">");
    for (size_t i = 0; i < n; i++)
        html_printf(&r->out, "<li>Diagram: <a href=\"%s\">%s</a>%s</li>",
                    url(r, "/charts/%lld/%lld?source=%s&level=%s", s[i].unit_id, s[i].category_id, s[i].source,
                        s[i].level),
                    s[i].name, s[i].linked ? " (kopplat för hand)" : "");
    html_raw(&r->out, "</ul>");
}

void case_section_evidence(const CaseView *v)
{
    Request *r = v->r;
    Err e = ERR_INIT;
    Evidence *ev = NULL;
    CaseSeries *series = NULL;
    size_t n = 0, ns = 0;
    if (case_evidence_list(r->db, v->d->c.id, &ev, &n, &e) || case_series(r->db, v->d->c.id, &series, &ns, &e) ||
        (!n && !ns)) {
        case_evidence_free(ev, n);
        case_series_free(series, ns);
        return;
    }
    html_raw(&r->out, "<section aria-labelledby=\"h-evidence\"><h2 id=\"h-evidence\">Underlag</h2>");
    chart_links(r, series, ns);
    if (n) {
        html_printf(&r->out, "<details><summary>%zu händelser bakom mönstret</summary><ul class=\"evidence\">", n);
        for (size_t i = 0; i < n; i++)
            html_printf(&r->out, "<li>%s %s</li>", strcmp(ev[i].kind, "complaint") ? "Avvikelse" : "Klagomål", ev[i].ref);
        html_raw(&r->out, "</ul></details>");
    }
    html_raw(&r->out, "</section>");
    case_evidence_free(ev, n);
    case_series_free(series, ns);
}
