/*
 * page_case_evidence.c — the case page's "Underlag" section: the deviations
 * and complaints a signal case was made from (a pattern's evidence, see
 * core/pattern_case.c). Shown only when there are any.
 */
#include "web/page_case.h"
#include "base/html.h"
#include "core/pattern.h"

#include <string.h>

void case_section_evidence(const CaseView *v)
{
    Request *r = v->r;
    Err e = ERR_INIT;
    Evidence *ev;
    size_t n;
    if (case_evidence_list(r->db, v->d->c.id, &ev, &n, &e) || !n) {
        if (!e.code) case_evidence_free(ev, n);
        return;
    }
    html_printf(&r->out,
                "<section aria-labelledby=\"h-evidence\"><h2 id=\"h-evidence\">Underlag</h2>"
                "<details><summary>%zu händelser bakom mönstret</summary><ul class=\"evidence\">",
                n);
    for (size_t i = 0; i < n; i++)
        html_printf(&r->out, "<li>%s %s</li>", strcmp(ev[i].kind, "complaint") ? "Avvikelse" : "Klagomål", ev[i].ref);
    html_raw(&r->out, "</ul></details></section>");
    case_evidence_free(ev, n);
}
