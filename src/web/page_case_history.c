/*
 * page_case_history.c — the case's history on its page: every event, oldest
 * first (as it happened), with when, who, what and why. Read-only: history
 * is never changed.
 */
#include "web/page_case.h"
#include "web/page_format.h"
#include "base/html.h"

static void event_item(Request *r, const CaseEvent *ev)
{
    html_printf(&r->out,
                "<li class=\"event ev-%s\"><p class=\"event-head\"><time datetime=\"%s\">%s</time> "
                "<span class=\"who\">%s</span></p><p class=\"what\">%s</p>",
                ev->kind, ev->at, when_text(r, ev->at), *ev->user_name ? ev->user_name : "Systemet", ev->summary);
    if (ev->note && *ev->note) html_printf(&r->out, "<p class=\"why prewrap\">%s</p>", ev->note);
    html_raw(&r->out, "</li>");
}

void case_section_history(const CaseView *v)
{
    Request *r = v->r;
    html_raw(&r->out, "<section id=\"historik\" aria-labelledby=\"h-history\"><h2 id=\"h-history\">Historik</h2>"
                      "<p class=\"hint\">Äldsta händelsen först.</p><ol class=\"timeline\">");
    for (size_t i = 0; i < v->d->nevents; i++) event_item(r, &v->d->events[i]);
    html_raw(&r->out, "</ol></section>");
}
