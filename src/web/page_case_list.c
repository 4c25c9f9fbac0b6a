/*
 * page_case_list.c — the case list (GET /cases): a filter form (process,
 * step, origin, main case officer, free text) sent with GET, the matching
 * cases 25 to a page, and links to the previous and next page that keep
 * the filters.
 * Unknown filter values simply match nothing; a bad page number is page 1.
 */
#include "core/plan.h"
#include "web/handlers.h"
#include "web/list_page.h"
#include "web/form_options.h"
#include "web/layout.h"
#include "web/page_format.h"
#include "base/html.h"
#include "base/text.h"
#include "core/case.h"

#include <stdlib.h>
#include <string.h>


typedef struct {
    const char *process, *step, *q;
    int origin;
    long long officer; /* 0: any */
    long page;
    long long plan_item; /* 0: any; else the cases that serve this plan item */
} ListQuery;

static const char *nonnull(const char *s)
{
    return s ? s : "";
}

static ListQuery read_query(Request *r)
{
    ListQuery lq = {nonnull(query_param(r, "process")), nonnull(query_param(r, "step")), nonnull(query_param(r, "q")),
                    0, 0, 1, 0};
    long n;
    if (parse_long(query_param(r, "origin"), &n) && n >= 1 && n <= 6) lq.origin = (int)n;
    else if (!is_blank(query_param(r, "origin"))) lq.origin = -1; /* matches nothing */
    if (parse_long(query_param(r, "officer"), &n) && n > 0) lq.officer = n;
    lq.page = list_page_param(r);
    if (parse_long(query_param(r, "plan_item"), &n) && n > 0) lq.plan_item = n;
    return lq;
}

/* /cases?… with the current filters (only those set) and page `page`. */
static const char *list_url(Request *r, const ListQuery *lq, long page)
{
    Buf b = BUF_INIT;
    char num[24];
    buf_puts(&b, url(r, "/cases"));
    query_add(&b, "process", lq->process);
    query_add(&b, "step", lq->step);
    snprintf(num, sizeof num, "%d", lq->origin);
    query_add(&b, "origin", lq->origin ? num : NULL);
    snprintf(num, sizeof num, "%lld", lq->officer);
    query_add(&b, "officer", lq->officer ? num : NULL);
    snprintf(num, sizeof num, "%lld", lq->plan_item);
    query_add(&b, "plan_item", lq->plan_item ? num : NULL);
    query_add(&b, "q", lq->q);
    snprintf(num, sizeof num, "%ld", page);
    query_add(&b, "page", page > 1 ? num : NULL);
    const char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* When the list is the cases that serve one plan item, say which, with a
 * way back to all cases. */
static void plan_item_notice(Request *r, const ListQuery *lq)
{
    if (!lq->plan_item) return;
    Err e = ERR_INIT;
    char *label = plan_item_label(r->db, lq->plan_item, &e);
    ListQuery all = *lq;
    all.plan_item = 0;
    html_printf(&r->out, "<p class=\"notice\">Ärenden kopplade till planpunkten <strong>%s</strong>. "
                         "<a href=\"%s\">Visa alla ärenden</a></p>",
                label ? label : "(finns inte)", list_url(r, &all, 1));
    free(label);
}

static void filter_form(Request *r, const ListQuery *lq)
{
    html_printf(&r->out,
                "<form method=\"get\" action=\"%s\" class=\"filters\" role=\"search\" aria-label=\"Filtrera ärenden\">"
                "<div class=\"field\"><label for=\"f-process\">Process</label>"
                "<select id=\"f-process\" name=\"process\"><option value=\"\">Alla processer</option>",
                url(r, "/cases"));
    if (lq->plan_item) html_printf(&r->out, "<input type=\"hidden\" name=\"plan_item\" value=\"%lld\">", lq->plan_item);
    options_processes(r, lq->process);
    html_raw(&r->out, "</select></div><div class=\"field\"><label for=\"f-step\">Steg</label>"
                      "<select id=\"f-step\" name=\"step\"><option value=\"\">Alla steg</option>");
    options_steps(r, lq->process, lq->step);
    html_raw(&r->out, "</select></div><div class=\"field\"><label for=\"f-origin\">Ursprung</label>"
                      "<select id=\"f-origin\" name=\"origin\"><option value=\"\">Alla ursprung</option>");
    options_origins(r, lq->origin);
    html_raw(&r->out, "</select></div><div class=\"field\"><label for=\"f-officer\">Huvudhandläggare</label>"
                      "<select id=\"f-officer\" name=\"officer\"><option value=\"\">Alla</option>");
    options_officers(r, lq->officer);
    html_printf(&r->out,
                "</select></div><div class=\"field\"><label for=\"f-q\">Fritext</label>"
                "<input id=\"f-q\" name=\"q\" type=\"search\" value=\"%s\"></div>"
                "<div class=\"actions\"><button type=\"submit\">Filtrera</button> <a href=\"%s\">Rensa filter</a></div>"
                "</form>",
                lq->q, url(r, "/cases"));
}

static void case_row(Request *r, const Case *c)
{
    html_printf(&r->out,
                "<tr><th scope=\"row\" class=\"ref\"><a href=\"%s\">%s</a></th><td>%s</td><td>%s</td><td>%s</td>"
                "<td>%d – %s</td><td>%s</td><td><time datetime=\"%s\">%s</time></td></tr>",
                url(r, "/cases/%lld", c->id), c->ref, c->title, c->process,
                step_name_of(r->cfg->ps, c->process, c->step), c->origin, origin_label(c->origin),
                c->officer_name, c->updated_at, date_text(r, c->updated_at));
}

static void result_table(Request *r, const CaseList *l)
{
    html_raw(&r->out, "<table class=\"cases\"><thead><tr><th scope=\"col\">Ärende</th><th scope=\"col\">Rubrik</th>"
                      "<th scope=\"col\">Process</th><th scope=\"col\">Steg</th><th scope=\"col\">Ursprung</th>"
                      "<th scope=\"col\">Huvudhandläggare</th><th scope=\"col\">Uppdaterad</th></tr></thead><tbody>");
    for (size_t i = 0; i < l->n; i++) case_row(r, &l->items[i]);
    html_raw(&r->out, "</tbody></table>");
}

static void results(Request *r, const ListQuery *lq)
{
    Err e = ERR_INIT;
    CaseList l;
    CaseFilter f = {.process = lq->process,
                    .step = lq->step,
                    .origin = lq->origin,
                    .q = lq->q,
                    .officer_id = lq->officer,
                    .limit = LIST_PAGE_SIZE,
                    .offset = (int)((lq->page - 1) * LIST_PAGE_SIZE),
                    .plan_item_id = lq->plan_item};
    if (case_list(r->db, &f, &l, &e)) {
        error_box(r, e.msg);
        return;
    }
    list_count_line(r, lq->page, l.n, l.total, "ärenden");
    if (l.n) result_table(r, &l);
    list_pager(r, lq->page, l.total, list_url(r, lq, list_prev_page(lq->page, l.total)), list_url(r, lq, lq->page + 1));
    case_list_free(&l);
}

void page_case_list(Request *r)
{
    ListQuery lq = read_query(r);
    page_begin(r, "Ärenden");
    html_raw(&r->out, "<div class=\"page-head\"><h1>Ärenden</h1>");
    if (role_can_write(r->user.role))
        html_printf(&r->out, "<a class=\"button\" href=\"%s\">Nytt ärende</a>", url(r, "/cases/new"));
    html_raw(&r->out, "</div>");
    plan_item_notice(r, &lq);
    filter_form(r, &lq);
    results(r, &lq);
    page_end(r);
}
