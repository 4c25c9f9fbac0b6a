/*
 * page_org_people.c — the people of the organisation (GET /org/people): a
 * filter form sent with GET (part of the name, a unit with the units under
 * it, a municipality), the matching people 25 to a page in Swedish order,
 * and links to the previous and next page that keep the filters. An unknown
 * unit or municipality is shown as an error with the form kept.
 * All text goes through html_printf (escaped) or html_raw with literals.
 */
#include "web/handlers.h"
#include "web/layout.h"
#include "web/list_page.h"
#include "web/org_options.h"
#include "web/page_deviation.h"
#include "base/html.h"
#include "base/text.h"
#include "core/org.h"

#include <stdio.h>

typedef struct {
    const char *q, *unit, *municipality;
    long page;
} PeopleQuery;

static const char *param_or_empty(Request *r, const char *name)
{
    const char *v = query_param(r, name);
    return v ? v : "";
}

static const char *list_url(Request *r, const PeopleQuery *pq, long page)
{
    Buf b = BUF_INIT;
    char num[24];
    buf_puts(&b, url(r, "/org/people"));
    query_add(&b, "q", pq->q);
    query_add(&b, "unit", pq->unit);
    query_add(&b, "municipality", pq->municipality);
    snprintf(num, sizeof num, "%ld", page);
    query_add(&b, "page", page > 1 ? num : NULL);
    const char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static void filter_form(Request *r, const PeopleQuery *pq)
{
    html_printf(&r->out,
                "<form method=\"get\" action=\"%s\" class=\"filters\" role=\"search\" aria-label=\"Sök personer\">"
                "<div class=\"field\"><label for=\"f-q\">Namn</label>"
                "<input id=\"f-q\" name=\"q\" type=\"search\" value=\"%s\"></div>"
                "<div class=\"field\"><label for=\"f-unit\">Enhet (med underliggande)</label>"
                "<select id=\"f-unit\" name=\"unit\"><option value=\"\">Alla enheter</option>",
                url(r, "/org/people"), pq->q);
    options_units(r, pq->unit);
    html_raw(&r->out, "</select></div><div class=\"field\"><label for=\"f-muni\">Kommun</label>"
                      "<select id=\"f-muni\" name=\"municipality\"><option value=\"\">Alla kommuner</option>");
    options_municipalities(r, pq->municipality);
    html_printf(&r->out,
                "</select></div><div class=\"actions\"><button type=\"submit\">Sök</button> "
                "<a href=\"%s\">Rensa filter</a></div></form>",
                url(r, "/org/people"));
}

static void results(Request *r, const PeopleQuery *pq)
{
    PersonQuery q = {.q = pq->q, .limit = LIST_PAGE_SIZE, .offset = (pq->page - 1) * LIST_PAGE_SIZE};
    Person *p;
    size_t n;
    long long total;
    Err e = ERR_INIT;
    if (person_query_refs(r->db, pq->unit, pq->municipality, &q, &e) || person_search(r->db, &q, &p, &n, &total, &e)) {
        r->status = status_for(e.code);
        error_box(r, e.msg[0] ? e.msg : "Filtret kunde inte användas.");
        return;
    }
    list_count_line(r, pq->page, n, total, "personer");
    if (n) {
        html_raw(&r->out, "<table><caption class=\"visually-hidden\">Personer</caption><thead><tr>"
                          "<th scope=\"col\">Namn</th><th scope=\"col\">Titel</th>"
                          "<th scope=\"col\">Enhet eller kommun</th><th scope=\"col\">Profession</th>"
                          "</tr></thead><tbody>");
        for (size_t i = 0; i < n; i++)
            html_printf(&r->out, "<tr><th scope=\"row\"><a href=\"%s\">%s</a></th><td>%s</td><td>%s</td><td>%s</td></tr>",
                        url(r, "/org/people/%lld", p[i].id), p[i].name, p[i].title,
                        *p[i].unit_name ? p[i].unit_name : p[i].municipality_name, p[i].professions);
        html_raw(&r->out, "</tbody></table>");
    }
    list_pager(r, pq->page, total, list_url(r, pq, list_prev_page(pq->page, total)), list_url(r, pq, pq->page + 1));
    person_list_free(p, n);
}

void page_org_people(Request *r)
{
    PeopleQuery pq = {param_or_empty(r, "q"), param_or_empty(r, "unit"), param_or_empty(r, "municipality"),
                      list_page_param(r)};
    page_begin(r, "Personer");
    html_printf(&r->out, "<nav aria-label=\"Var sidan står\"><p class=\"meta\"><a href=\"%s\">Organisation</a></p></nav>"
                         "<div class=\"page-head\"><h1>Personer</h1>",
                url(r, "/org"));
    if (role_can_write(r->user.role))
        html_printf(&r->out, "<a class=\"button\" href=\"%s\">Ny person</a>", url(r, "/org/people/new"));
    html_raw(&r->out, "</div><p>Personerna i regionens enheter och kommunerna: de som sitter i grupper, bär mandat "
                      "eller finns i beslutsvägarna. Aldrig personnummer.</p>");
    notice_from_query(r);
    filter_form(r, &pq);
    results(r, &pq);
    page_end(r);
}
