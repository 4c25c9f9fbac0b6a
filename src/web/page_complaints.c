/*
 * page_complaints.c — complaints (klagomål): the list (GET /complaints) with
 * filters (source, unit with the units under it, status, free text) sent
 * with GET, 25 to a page with links that keep the filters; and one
 * complaint (GET /complaints/{id}) with every field. Reading only: core's
 * complaint_add and complaint_update are reached through the API and the
 * import.
 */
#include "web/org_options.h"
#include "web/handlers.h"
#include "web/list_page.h"
#include "web/page_deviation.h"
#include "web/layout.h"
#include "web/page_format.h"
#include "base/html.h"
#include "base/text.h"
#include "core/deviation.h"

#include <stdio.h>
#include <string.h>


static const char *const sources[4] = {"patient", "närstående", "IVO", "Patientnämnden"};
static const char *const statuses[4] = {"registrerat", "under utredning", "besvarat", "avslutat"};

typedef struct {
    const char *source, *unit, *status, *q;
    long page;
} ListQuery;

static const char *nonnull(const char *s)
{
    return s ? s : "";
}

static ListQuery read_query(Request *r)
{
    ListQuery lq = {nonnull(query_param(r, "source")), nonnull(query_param(r, "unit")),
                    nonnull(query_param(r, "status")), nonnull(query_param(r, "q")), 1};
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
    query_add(&b, "status", lq->status);
    query_add(&b, "q", lq->q);
    snprintf(num, sizeof num, "%ld", page);
    query_add(&b, "page", page > 1 ? num : NULL);
    const char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static void options(Request *r, const char *const *words, const char *selected)
{
    for (int i = 0; i < 4; i++)
        html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", words[i],
                    selected && !strcmp(selected, words[i]) ? " selected" : "", words[i]);
}

static void filter_form(Request *r, const ListQuery *lq)
{
    html_printf(&r->out,
                "<form method=\"get\" action=\"%s\" class=\"filters\" role=\"search\" "
                "aria-label=\"Filtrera klagomål\">"
                "<div class=\"field\"><label for=\"f-source\">Källa</label>"
                "<select id=\"f-source\" name=\"source\"><option value=\"\">Alla källor</option>",
                url(r, "/complaints"));
    options(r, sources, lq->source);
    html_raw(&r->out, "</select></div><div class=\"field\"><label for=\"f-unit\">Enhet (med underliggande)</label>"
                      "<select id=\"f-unit\" name=\"unit\"><option value=\"\">Alla enheter</option>");
    options_units(r, lq->unit);
    html_raw(&r->out, "</select></div><div class=\"field\"><label for=\"f-status\">Status</label>"
                      "<select id=\"f-status\" name=\"status\"><option value=\"\">Alla</option>");
    options(r, statuses, lq->status);
    html_printf(&r->out,
                "</select></div><div class=\"field\"><label for=\"f-q\">Fritext</label>"
                "<input id=\"f-q\" name=\"q\" type=\"search\" value=\"%s\"></div>"
                "<div class=\"actions\"><button type=\"submit\">Filtrera</button> <a href=\"%s\">Rensa filter</a></div>"
                "</form>",
                lq->q, url(r, "/complaints"));
}

static void results(Request *r, const ListQuery *lq)
{
    Err e = ERR_INIT;
    ComplaintList l;
    ComplaintFilter f = {.unit = lq->unit,
                         .source = lq->source,
                         .status = lq->status,
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
    html_printf(&r->out, "<div class=\"page-head\"><h1>Klagomål</h1><a href=\"%s\">Avvikelser</a></div>",
                url(r, "/deviations"));
    filter_form(r, &lq);
    results(r, &lq);
    page_end(r);
}

static void fact(Request *r, const char *label, const char *value)
{
    if (value && *value) html_printf(&r->out, "<dt>%s</dt><dd class=\"prewrap\">%s</dd>", label, value);
    else html_printf(&r->out, "<dt>%s</dt><dd>Ej angivet</dd>", label);
}

void page_complaint_view(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    Complaint c;
    Err e = ERR_INIT;
    if (complaint_get(r->db, id, &c, &e)) {
        reply_err(r, &e);
        return;
    }
    page_begin(r, arena_printf(&r->arena, "Klagomål %s", c.ref));
    html_printf(&r->out, "<h1>Klagomål <span class=\"ref\">%s</span></h1><p><a href=\"%s\">← Alla klagomål</a></p>",
                c.ref, url(r, "/complaints"));
    html_raw(&r->out, "<dl class=\"facts\">");
    fact(r, "Referens", c.ref);
    fact(r, "Källa", c.source);
    fact(r, "Enhet", c.unit_name);
    fact(r, "Kategori", c.category);
    fact(r, "Underkategori", c.subcategory);
    fact(r, "Inkom", c.received_date);
    fact(r, "Händelsedatum", c.event_date);
    fact(r, "Beskrivning", c.description);
    fact(r, "Status", c.status);
    fact(r, "Avslutat", c.closed_date);
    html_printf(&r->out, "<dt>Registrerat</dt><dd><time datetime=\"%s\">%s</time> (%s)</dd>", c.created_at,
                when_text(r, c.created_at), strcmp(c.entered_via, "import") ? "manuellt" : "importerat");
    html_printf(&r->out, "<dt>Senast ändrat</dt><dd><time datetime=\"%s\">%s</time></dd></dl>", c.updated_at,
                when_text(r, c.updated_at));
    page_end(r);
    complaint_free(&c);
}
