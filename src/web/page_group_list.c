/*
 * page_group_list.c — GET /groups: every group and body, with the number of
 * problems in its composition, then the problems group by group, then the
 * commissions that overlap; for writers, a link to add a group (/groups/new).
 * All text goes through html_printf (escaped) or html_raw with literals.
 */
#include "web/handlers.h"
#include "web/layout.h"
#include "base/html.h"
#include "base/text.h"
#include "core/group.h"

static void group_row(Request *r, const GroupCheck *c)
{
    const Group *g = &c->group;
    html_printf(&r->out, "<tr><th scope=\"row\"><a href=\"%s\">%s</a>", url(r, "/groups/%lld", g->id), g->name);
    if (*g->short_name) html_printf(&r->out, " <span class=\"meta\">(%s)</span>", g->short_name);
    html_printf(&r->out, "</th><td>%s</td><td>", group_type_label(g->type));
    long long up = g->reports_to_id ? g->reports_to_id : g->parent_id;
    const char *up_name = g->reports_to_id ? g->reports_to_name : g->parent_name;
    if (up) html_printf(&r->out, "<a href=\"%s\">%s</a>", url(r, "/groups/%lld", up), up_name);
    html_printf(&r->out, "</td><td class=\"num\">%d</td><td class=\"num\">", g->nmembers);
    if (c->problems.n) html_printf(&r->out, "<a href=\"#problem-%lld\">%zu</a>", g->id, c->problems.n);
    else html_raw(&r->out, "0");
    html_raw(&r->out, "</td></tr>");
}

static void problems_section(Request *r, const GroupCheck *c, size_t n, const char *today)
{
    size_t groups = 0, total = 0;
    for (size_t i = 0; i < n; i++) groups += c[i].problems.n > 0, total += c[i].problems.n;
    html_raw(&r->out, "<h2 id=\"problem\">Grupper med problem i sammansättningen</h2>");
    html_printf(&r->out,
                "<p>Kontrollerat %s: %zu problem i %zu av %zu grupper. Kontrollerna gäller ordförande, metodstöd "
                "och kontaktperson, patient-, brukar- eller närståendeföreträdare där sådan eftersträvas, "
                "multiprofessionell sammansättning, kommunal representation, RMKS godkännande av lokala "
                "programområden och uppdrag vars tid har gått ut.</p>",
                today, total, groups, n);
    for (size_t i = 0; i < n; i++) {
        if (!c[i].problems.n) continue;
        html_printf(&r->out, "<h3 id=\"problem-%lld\"><a href=\"%s\">%s</a></h3><ul class=\"problems\">",
                    c[i].group.id, url(r, "/groups/%lld", c[i].group.id), c[i].group.name);
        for (size_t k = 0; k < c[i].problems.n; k++)
            html_printf(&r->out, "<li>%s</li>", c[i].problems.items[k].message);
        html_raw(&r->out, "</ul>");
    }
}

static void overlaps_section(Request *r)
{
    GroupOverlap *o;
    size_t n;
    Err e = ERR_INIT;
    html_raw(&r->out, "<h2 id=\"overlapp\">Överlappande uppdrag</h2>");
    if (group_overlaps(r->db, OVERLAP_THRESHOLD, &o, &n, &e)) {
        error_box(r, e.msg);
        return;
    }
    html_printf(&r->out,
                "<p>Överlappande uppdrag ska undvikas. Här jämförs varje grupps gällande uppdragshandling "
                "(ansvarsområde, syfte och uppdragsbeskrivning) med de andras; par med en textlikhet på minst "
                "%d %% visas, starkast först, med de ord som väger tyngst av dem de delar.</p>",
                (int)(OVERLAP_THRESHOLD * 100 + 0.5));
    if (!n) html_raw(&r->out, "<p>Inga uppdragshandlingar överlappar.</p>");
    else html_raw(&r->out, "<ul class=\"overlaps\">");
    for (size_t i = 0; i < n; i++) {
        html_printf(&r->out, "<li><a href=\"%s\">%s</a> och <a href=\"%s\">%s</a>: likhet %d %%",
                    url(r, "/groups/%lld", o[i].a_id), o[i].a_name, url(r, "/groups/%lld", o[i].b_id), o[i].b_name,
                    (int)(o[i].score * 100 + 0.5));
        html_raw(&r->out, "<br><span class=\"meta\">Gemensamt: ");
        for (size_t t = 0; t < o[i].nterms; t++) html_printf(&r->out, "%s%s", t ? ", " : "", o[i].terms[t]);
        html_raw(&r->out, "</span></li>");
    }
    if (n) html_raw(&r->out, "</ul>");
    group_overlaps_free(o, n);
}

void page_group_list(Request *r)
{
    char today[11];
    iso_today(today);
    GroupCheck *c;
    size_t n;
    Err e = ERR_INIT;
    if (group_check_all(r->db, today, &c, &n, &e)) {
        page_error(r, status_for(e.code), e.msg);
        return;
    }
    page_begin(r, "Grupper och organ");
    html_raw(&r->out,
             "<h1>Grupper och organ</h1><p>Nämnder, ledningsgrupper, råd, samordnande grupper, funktionsgrupper, "
             "programområden, arbetsgrupper och nätverk. En grupp fattar inga beslut i egen kraft: dess "
             "beslutskraft är de mandat som dess ledamöter bär.</p>"
             "<p><a href=\"#problem\">Problem i sammansättningen</a> · <a href=\"#overlapp\">Överlappande "
             "uppdrag</a></p>");
    if (role_can_write(r->user.role))
        html_printf(&r->out, "<p><a class=\"button\" href=\"%s\">Ny grupp</a></p>", url(r, "/groups/new"));
    notice_from_query(r);
    if (!n) {
        html_raw(&r->out, "<p>Inga grupper ännu.</p>");
    } else {
        html_raw(&r->out, "<table><caption class=\"visually-hidden\">Alla grupper</caption><thead><tr>"
                          "<th scope=\"col\">Grupp</th><th scope=\"col\">Typ</th>"
                          "<th scope=\"col\">Rapporterar till</th><th scope=\"col\" class=\"num\">Ledamöter</th>"
                          "<th scope=\"col\" class=\"num\">Problem</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) group_row(r, &c[i]);
        html_raw(&r->out, "</tbody></table>");
    }
    problems_section(r, c, n, today);
    overlaps_section(r);
    group_check_all_free(c, n);
    page_end(r);
}
