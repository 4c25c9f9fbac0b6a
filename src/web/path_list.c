/*
 * path_list.c — the ordered list of a decision path (web/path_list.h).
 * Every text goes through html_printf.
 */
#include "web/path_list.h"
#include "base/html.h"

void path_list(Request *r, const DecidePath *p, char *const *bodies)
{
    if (!p->n) {
        html_raw(&r->out, "<p>Reglerna ger inga steg för den här åtgärden.</p>");
        return;
    }
    html_raw(&r->out, "<ol class=\"decide-path\">");
    for (size_t i = 0; i < p->n; i++) {
        const DecideStep *s = &p->steps[i];
        html_printf(&r->out,
                    "<li><p class=\"step\"><strong class=\"actor\">%s</strong> "
                    "<span class=\"kind kind-%s\">%s</span></p>",
                    s->actor, decide_kind_key(s->kind), decide_kind_label(s->kind));
        if (s->person && *s->person) html_printf(&r->out, "<p class=\"meta\">Chef: %s</p>", s->person);
        html_printf(&r->out, "<p class=\"reason\">%s</p><p class=\"meta\">Regel: %s", s->reason, s->rule ? s->rule : "");
        if (bodies && bodies[i]) html_printf(&r->out, " · Organ i Lots: <span class=\"path-body\">%s</span>", bodies[i]);
        html_raw(&r->out, "</p></li>");
    }
    html_raw(&r->out, "</ol>");
}
