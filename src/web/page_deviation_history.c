/*
 * page_deviation_history.c — the folded "Historik" section of a deviation's
 * or a complaint's page: every change to it, newest first, with when, who
 * and what (core's record_history). Read-only: history is never changed.
 */
#include "web/page_deviation.h"
#include "web/page_format.h"
#include "base/html.h"

static void event_item(Request *r, const RecordEvent *ev)
{
    html_printf(&r->out,
                "<li class=\"event ev-%s\"><p class=\"event-head\"><time datetime=\"%s\">%s</time> "
                "<span class=\"who\">%s</span></p><p class=\"what\">%s</p></li>",
                ev->what, ev->at, when_text(r, ev->at), *ev->user_name ? ev->user_name : "Systemet", ev->detail);
}

void record_history_section(Request *r, RecordKind kind, long long id)
{
    RecordHistory h;
    Err e = ERR_INIT;
    html_raw(&r->out, "<section id=\"historik\" aria-labelledby=\"h-history\"><h2 id=\"h-history\">Historik</h2>");
    if (record_history(r->db, kind, id, &h, &e)) {
        html_raw(&r->out, "<p>Historiken kunde inte läsas.</p></section>");
        return;
    }
    if (!h.n) html_raw(&r->out, "<p>Inga ändringar är registrerade.</p>");
    else {
        html_printf(&r->out, "<details class=\"history\"><summary>Visa historiken (%zu %s)</summary>"
                             "<p class=\"hint\">Senaste händelsen först.</p><ol class=\"timeline\">",
                    h.n, h.n == 1 ? "händelse" : "händelser");
        for (size_t i = 0; i < h.n; i++) event_item(r, &h.items[i]);
        html_raw(&r->out, "</ol></details>");
    }
    html_raw(&r->out, "</section>");
    record_history_free(&h);
}
