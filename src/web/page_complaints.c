/*
 * page_complaints.c — the complaint list (GET /complaints): filters (source,
 * unit with the units under it, category, status, received dates, free
 * text) sent with GET, 25 to a page with links that keep the filters, and
 * for writers the link to register one (web/page_complaint_new.c). A filter
 * core refuses is shown as an error with the form kept. One complaint is
 * web/page_complaint.c.
 *
 * Also the complaint pages' shared words (web/page_complaint.h).
 */
#include "web/org_options.h"
#include "web/handlers.h"
#include "web/list_page.h"
#include "web/page_complaint.h"
#include "web/page_deviation.h"
#include "web/layout.h"
#include "web/page_format.h"
#include "base/html.h"
#include "base/text.h"
#include "core/deviation.h"

#include <stdio.h>
#include <string.h>

const char *const complaint_sources[4] = {"patient", "närstående", "IVO", "Patientnämnden"};
const char *const complaint_statuses[4] = {"registrerat", "under utredning", "besvarat", "avslutat"};

typedef struct {
    const char *source, *unit, *category, *status, *from, *to, *q;
    long page;
} ListQuery;

static const char *nonnull(const char *s)
{
    return s ? s : "";
}

static ListQuery read_query(Request *r)
{
    ListQuery lq = {nonnull(query_param(r, "source")), nonnull(query_param(r, "unit")),
                    nonnull(query_param(r, "category")), nonnull(query_param(r, "status")),
                    nonnull(query_param(r, "from")),     nonnull(query_param(r, "to")),
                    nonnull(query_param(r, "q")),        1};
    lq.page = list_page_param(r);
    return lq;
}

static const char *list_url(Request *r, const ListQuery *lq, long page)
{
    Buf b = BUF_INIT;
    char num[24];
    buf_puts(&b, url(r, "/complaints"));
    query_add(&b, "source", lq->source);
    query_add(&b, "unit", lq->unit);
    query_add(&b, "category", lq->category);
    query_add(&b, "status", lq->status);
    query_add(&b, "from", lq->from);
    query_add(&b, "to", lq->to);
    query_add(&b, "q", lq->q);
    snprintf(num, sizeof num, "%ld", page);
    query_add(&b, "page", page > 1 ? num : NULL);
    const char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static void filter_form(Request *r, const ListQuery *lq)
{
    html_printf(&r->out,
                "<form method=\"get\" action=\"%s\" class=\"filters\" role=\"search\" "
                "aria-label=\"Filtrera klagomål\">"
                "<div class=\"field\"><label for=\"f-source\">Källa</label>"
                "<select id=\"f-source\" name=\"source\"><option value=\"\">Alla källor</option>",
                url(r, "/complaints"));
    status_options(r, complaint_sources, 4, lq->source);
    html_raw(&r->out, "</select></div><div class=\"field\"><label for=\"f-unit\">Enhet (med underliggande)</label>"
                      "<select id=\"f-unit\" name=\"unit\"><option value=\"\">Alla enheter</option>");
    options_units(r, lq->unit);
    html_printf(&r->out,
                "</select></div><div class=\"field\"><label for=\"f-category\">Kategori</label>"
                "<input id=\"f-category\" name=\"category\" value=\"%s\"></div>"
                "<div class=\"field\"><label for=\"f-status\">Status</label>"
                "<select id=\"f-status\" name=\"status\"><option value=\"\">Alla</option>",
                lq->category);
    status_options(r, complaint_statuses, 4, lq->status);
    html_printf(&r->out,
                "</select></div>"
                "<div class=\"field\"><label for=\"f-from\">Inkommet från</label>"
                "<input id=\"f-from\" name=\"from\" type=\"date\" value=\"%s\"></div>"
                "<div class=\"field\"><label for=\"f-to\">Inkommet till</label>"
                "<input id=\"f-to\" name=\"to\" type=\"date\" value=\"%s\"></div>"
                "<div class=\"field\"><label for=\"f-q\">Fritext</label>"
                "<input id=\"f-q\" name=\"q\" type=\"search\" value=\"%s\"></div>"
                "<div class=\"actions\"><button type=\"submit\">Filtrera</button> <a href=\"%s\">Rensa filter</a></div>"
                "</form>",
                lq->from, lq->to, lq->q, url(r, "/complaints"));
}

static void results(Request *r, const ListQuery *lq)
{
    Err e = ERR_INIT;
    ComplaintList l;
    ComplaintFilter f = {.unit = lq->unit,
                         .category = lq->category,
                         .source = lq->source,
                         .status = lq->status,
                         .from = lq->from,
                         .to = lq->to,
                         .q = lq->q,
                         .limit = LIST_PAGE_SIZE,
                         .offset = (int)((lq->page - 1) * LIST_PAGE_SIZE)};
    if (complaint_list(r->db, &f, &l, &e)) {
        r->status = status_for(e.code);
        error_box(r, e.msg[0] ? e.msg : "Filtret kunde inte användas.");
        return;
    }
    list_count_line(r, lq->page, l.n, l.total, "klagomål");
    if (l.n) {
        html_raw(&r->out, "<table class=\"cases complaints\"><thead><tr><th scope=\"col\">Klagomål</th>"
                          "<th scope=\"col\">Inkom</th><th scope=\"col\">Källa</th><th scope=\"col\">Enhet</th>"
                          "<th scope=\"col\">Kategori / underkategori</th><th scope=\"col\">Status</th></tr></thead>"
                          "<tbody>");
        for (size_t i = 0; i < l.n; i++) {
            const Complaint *c = &l.items[i];
            html_printf(&r->out,
                        "<tr><th scope=\"row\" class=\"ref\"><a href=\"%s\">%s</a></th>"
                        "<td><time datetime=\"%s\">%s</time></td><td>%s</td><td>%s</td><td>%s%s%s</td>"
                        "<td>%s</td></tr>",
                        url(r, "/complaints/%lld", c->id), c->ref, c->received_date, c->received_date, c->source,
                        c->unit_name, c->category, *c->subcategory ? " / " : "", c->subcategory, c->status);
        }
        html_raw(&r->out, "</tbody></table>");
    }
    list_pager(r, lq->page, l.total, list_url(r, lq, list_prev_page(lq->page, l.total)), list_url(r, lq, lq->page + 1));
    complaint_list_free(&l);
}

void page_complaint_list(Request *r)
{
    ListQuery lq = read_query(r);
    page_begin(r, "Klagomål");
    html_raw(&r->out, "<div class=\"page-head\"><h1>Klagomål</h1>");
    if (role_can_write(r->user.role))
        html_printf(&r->out, "<a class=\"button\" href=\"%s\">Registrera klagomål</a>", url(r, "/complaints/new"));
    html_printf(&r->out, "<a href=\"%s\">Avvikelser</a></div>", url(r, "/deviations"));
    filter_form(r, &lq);
    results(r, &lq);
    page_end(r);
}
