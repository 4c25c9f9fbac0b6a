/*
 * layout.c — the shared page frame.
 */
#include "web/layout.h"
#include "base/html.h"

#include <string.h>

/* Success messages after a redirect are named by a code, never carried as
 * text in the URL, so a link cannot put words in Lots' mouth. */
static const struct {
    const char *code, *text;
} notices[] = {
    {"created", "Ärendet är registrerat."},
    {"checklist", "Checklistan är uppdaterad."},
    {"moved", "Ärendet har flyttats."},
    {"linked", "Kopplingen är sparad."},
    {"unlinked", "Kopplingen är borttagen."},
    {"consulted", "Förankringen är registrerad."},
    {"decided", "Beslutet är registrerat."},
    {"officer", "Huvudhandläggaren är ändrad."},
    {"loggedout", "Du är utloggad."},
    {"taskdone", "Uppgiften är markerad som klar."},
    {"values", "Värdena är sparade."},
    {"deviation", "Avvikelsen är registrerad."},
    {"deviation-updated", "Avvikelsen är uppdaterad."},
    /* chart forms and deviation forms (issue 4) */
    {"annotated", "Anteckningen är sparad."},
    {"series-settings", "Baslinjen och delningen är sparade."},
    {"series-cleared", "Baslinjen och delningen är borttagna."},
    {"series-linked", "Ärendet är kopplat till diagrammet."},
    {"series-unlinked", "Ärendets koppling till diagrammet är borttagen."},
    {"serious", "Avvikelsen är markerad som allvarlig."},
    {"not-serious", "Avvikelsen är inte längre markerad som allvarlig."},
    {"analysis", "Händelseanalysen är registrerad."},
    {"lex-maria", "Lex Maria-anmälan är registrerad."},
    /* end of chart forms and deviation forms */
    {"scope", "Åtgärdens omfattning är sparad."}, /* case scope and proposal */
    /* organisation pages and group forms */
    {"unit-created", "Enheten är upplagd."},
    {"unit-updated", "Enheten är ändrad."},
    {"municipality", "Kommunen är upplagd."},
    {"person-created", "Personen är upplagd."},
    {"person-updated", "Personen är ändrad."},
    {"group-created", "Gruppen är upplagd."},
    {"member-added", "Ledamoten är tillagd."},
    {"member-ended", "Uppdraget är avslutat."},
    {"member-ended-task", "Uppdraget är avslutat. Gruppens metodstöd (eller, om metodstöd saknas, ordföranden) har "
                          "fått en uppgift: att stämma av en ny kommunal representant."},
    {"commission", "Den nya versionen av uppdragshandlingen är registrerad; de tidigare finns kvar."},
    {"rmks", "RMKS godkännande är registrerat."},
    {"mandate", "Mandatet är registrerat."},
    /* end of organisation pages and group forms */
    /* complaint forms */
    {"complaint", "Klagomålet är registrerat."},
    {"complaint-updated", "Klagomålet är uppdaterat."},
    /* end of complaint forms */
    /* group edit */
    {"group-updated", "Gruppen är ändrad."},
    {"group-unchanged", "Inget ändrades: uppgifterna var desamma som förut."},
    {"member-changed", "Uppdraget är ändrat."},
    {"member-unchanged", "Inget ändrades i uppdraget."},
    {"mandate-ended", "Mandatet är avslutat; det räknas inte i beslutskraften efter sista dagen."},
    /* end of group edit */
};

/* A menu link; `path` is one of Lots' own constant paths. */
static void nav_link(Request *r, const char *path, const char *label)
{
    size_t n = strlen(path);
    bool here = !strcmp(r->path, path) ||
                (n > 1 && !strncmp(r->path, path, n) && r->path[n] == '/' && strcmp(r->path, "/cases/new"));
    html_printf(&r->out, "<li><a href=\"%s%s\"", r->cfg->prefix, path);
    if (here) html_raw(&r->out, " aria-current=\"page\"");
    html_printf(&r->out, ">%s</a></li>", label);
}

static void header_bar(Request *r)
{
    html_printf(&r->out, "<header class=\"top\"><a class=\"brand\" href=\"%s\">Lots</a>", url(r, "/"));
    if (r->logged_in) {
        html_raw(&r->out, "<nav aria-label=\"Huvudmeny\"><ul>");
        nav_link(r, "/", "Start");
        nav_link(r, "/cases", "Ärenden");
        if (role_can_write(r->user.role)) nav_link(r, "/cases/new", "Nytt ärende");
        nav_link(r, "/plans", "Planer");
        nav_link(r, "/groups", "Grupper");
        nav_link(r, "/org", "Organisation");
        nav_link(r, "/deviations", "Avvikelser");
        nav_link(r, "/patterns", "Mönster");
        nav_link(r, "/decide", "Vem beslutar?");
        nav_link(r, "/processes", "Processer");
        html_raw(&r->out, "</ul></nav>");
        html_printf(&r->out,
                    "<form class=\"user\" method=\"post\" action=\"%s\"><span>%s <small>(%s)</small></span>",
                    url(r, "/logout"), r->user.display_name, role_label(r->user.role));
        csrf_field(r);
        html_raw(&r->out, "<button type=\"submit\" class=\"link\">Logga ut</button></form>");
    }
    html_raw(&r->out, "</header>");
}

void page_begin(Request *r, const char *title)
{
    r->content_type = "text/html; charset=utf-8";
    html_printf(&r->out,
                "<!doctype html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>%s – Lots</title><link rel=\"stylesheet\" href=\"%s\"></head><body>"
                "<a class=\"skip\" href=\"#main\">Hoppa till innehållet</a>",
                title, url(r, "/assets/lots.css"));
    header_bar(r);
    html_raw(&r->out, "<main id=\"main\">");
}

void page_end(Request *r)
{
    html_raw(&r->out, "</main><footer><p>Lots – ärenden och förbättringsarbete i hälso- och sjukvården</p>"
                      "</footer></body></html>\n");
}

void page_error(Request *r, int status, const char *msg)
{
    r->status = status;
    page_begin(r, status == 404 ? "Hittades inte" : "Något gick fel");
    html_printf(&r->out, "<h1>%s</h1>", status == 404   ? "Hittades inte"
                                        : status == 403 ? "Inte tillåtet"
                                        : status == 401 ? "Inte inloggad"
                                        : status < 500  ? "Det gick inte"
                                                        : "Något gick fel");
    error_box(r, msg);
    html_printf(&r->out, "<p><a href=\"%s\">Till startsidan</a></p>", url(r, "/"));
    page_end(r);
}

void csrf_field(Request *r)
{
    html_printf(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->csrf);
}

void error_box(Request *r, const char *msg)
{
    if (msg && *msg) html_printf(&r->out, "<div class=\"error\" role=\"alert\"><p>%s</p></div>", msg);
}

void notice_from_query(Request *r)
{
    const char *code = query_param(r, "ok");
    for (size_t i = 0; code && i < sizeof notices / sizeof *notices; i++)
        if (!strcmp(code, notices[i].code))
            html_printf(&r->out, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", notices[i].text);
}
