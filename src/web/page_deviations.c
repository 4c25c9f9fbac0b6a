/*
 * page_deviations.c — the deviation list (GET /deviations): a filter form
 * (unit with the units under it, category, kind, status, event dates, free
 * text, only serious ones) sent with GET, the matching deviations 25 to a
 * page, and links to the previous and next page that keep the filters.
 * A filter core refuses (a bad date, an unknown unit) is shown as an error
 * with the form kept; a bad page number is page 1.
 *
 * Also the shared pieces of the deviation pages (declared in handlers.h):
 * the units in tree order as <option>s and the Swedish words of the kinds.
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
#include "core/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* --- shared with page_deviation.c and page_deviation_new.c ----------------------------------- */

const char *const deviation_kinds[4] = {"patient", "vård", "arbetsrelaterad", "tillbud"};
const char *const deviation_statuses[4] = {"registrerad", "under utredning", "åtgärdad", "avslutad"};

const char *deviation_kind_text(const char *kind)
{
    if (!kind) return "";
    if (!strcmp(kind, "patient")) return "Patientrelaterad";
    if (!strcmp(kind, "vård")) return "Vårdrelaterad";
    if (!strcmp(kind, "arbetsrelaterad")) return "Arbetsrelaterad";
    if (!strcmp(kind, "tillbud")) return "Tillbud";
    return kind;
}

/* --- the list --------------------------------------------------------------------------------- */

typedef struct {
    const char *unit, *category, *kind, *status, *from, *to, *q;
    bool serious;
    long page;
} ListQuery;

static const char *nonnull(const char *s)
{
    return s ? s : "";
}

static ListQuery read_query(Request *r)
{
    ListQuery lq = {nonnull(query_param(r, "unit")),   nonnull(query_param(r, "category")),
                    nonnull(query_param(r, "kind")),   nonnull(query_param(r, "status")),
                    nonnull(query_param(r, "from")),   nonnull(query_param(r, "to")),
                    nonnull(query_param(r, "q")),      false,
                    1};
    const char *s = query_param(r, "serious");
    lq.serious = s && *s && yes_no_parse(s) != 0;
    lq.page = list_page_param(r);
    return lq;
}

/* /deviations?… with the current filters (only those set) and page `page`. */
static const char *list_url(Request *r, const ListQuery *lq, long page)
{
    Buf b = BUF_INIT;
    char num[24];
    buf_puts(&b, url(r, "/deviations"));
    query_add(&b, "unit", lq->unit);
    query_add(&b, "category", lq->category);
    query_add(&b, "kind", lq->kind);
    query_add(&b, "status", lq->status);
    query_add(&b, "from", lq->from);
    query_add(&b, "to", lq->to);
    query_add(&b, "q", lq->q);
    query_add(&b, "serious", lq->serious ? "1" : NULL);
    snprintf(num, sizeof num, "%ld", page);
    query_add(&b, "page", page > 1 ? num : NULL);
    const char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static void options_words(Request *r, const char *const *words, size_t n, const char *selected, bool kinds)
{
    for (size_t i = 0; i < n; i++) {
        const char *w = words[i];
        html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", w,
                    selected && !strcmp(selected, w) ? " selected" : "", kinds ? deviation_kind_text(w) : w);
    }
}

static void filter_form(Request *r, const ListQuery *lq)
{
    html_printf(&r->out,
                "<form method=\"get\" action=\"%s\" class=\"filters\" role=\"search\" "
                "aria-label=\"Filtrera avvikelser\">"
                "<div class=\"field\"><label for=\"f-unit\">Enhet (med underliggande)</label>"
                "<select id=\"f-unit\" name=\"unit\"><option value=\"\">Alla enheter</option>",
                url(r, "/deviations"));
    options_units(r, lq->unit);
    html_printf(&r->out,
                "</select></div><div class=\"field\"><label for=\"f-category\">Kategori</label>"
                "<input id=\"f-category\" name=\"category\" value=\"%s\"></div>"
                "<div class=\"field\"><label for=\"f-kind\">Typ</label>"
                "<select id=\"f-kind\" name=\"kind\"><option value=\"\">Alla typer</option>",
                lq->category);
    options_words(r, deviation_kinds, 4, lq->kind, true);
    html_raw(&r->out, "</select></div><div class=\"field\"><label for=\"f-status\">Status</label>"
                      "<select id=\"f-status\" name=\"status\"><option value=\"\">Alla</option>");
    options_words(r, deviation_statuses, 4, lq->status, false);
    html_printf(&r->out,
                "</select></div>"
                "<div class=\"field\"><label for=\"f-from\">Händelsedatum från</label>"
                "<input id=\"f-from\" name=\"from\" type=\"date\" value=\"%s\"></div>"
                "<div class=\"field\"><label for=\"f-to\">Händelsedatum till</label>"
                "<input id=\"f-to\" name=\"to\" type=\"date\" value=\"%s\"></div>"
                "<div class=\"field\"><label for=\"f-q\">Fritext</label>"
                "<input id=\"f-q\" name=\"q\" type=\"search\" value=\"%s\"></div>"
                "<div class=\"field check\"><input id=\"f-serious\" name=\"serious\" type=\"checkbox\" value=\"1\"%s>"
                "<label for=\"f-serious\">Bara allvarliga</label></div>"
                "<div class=\"actions\"><button type=\"submit\">Filtrera</button> <a href=\"%s\">Rensa filter</a></div>"
                "</form>",
                lq->from, lq->to, lq->q, lq->serious ? " checked" : "", url(r, "/deviations"));
}

static void deviation_row(Request *r, const Deviation *d)
{
    html_printf(&r->out, "<tr><th scope=\"row\" class=\"ref\"><a href=\"%s\">%s</a>", url(r, "/deviations/%lld", d->id),
                d->ref);
    if (d->serious) html_raw(&r->out, " <span class=\"badge serious\">Allvarlig</span>");
    html_printf(&r->out,
                "</th><td><time datetime=\"%s\">%s</time></td><td>%s</td><td>%s%s%s</td><td>%d – %s</td>"
                "<td>%s</td></tr>",
                d->event_date, d->event_date, d->unit_name, d->category, *d->subcategory ? " / " : "",
                d->subcategory, d->severity, severity_label(d->severity), d->status);
}

static void result_table(Request *r, const DeviationList *l)
{
    html_raw(&r->out, "<table class=\"cases deviations\"><thead><tr><th scope=\"col\">Avvikelse</th>"
                      "<th scope=\"col\">Händelsedatum</th><th scope=\"col\">Enhet</th>"
                      "<th scope=\"col\">Kategori / underkategori</th><th scope=\"col\">Allvarlighetsgrad</th>"
                      "<th scope=\"col\">Status</th></tr></thead><tbody>");
    for (size_t i = 0; i < l->n; i++) deviation_row(r, &l->items[i]);
    html_raw(&r->out, "</tbody></table>");
}

static void results(Request *r, const ListQuery *lq)
{
    Err e = ERR_INIT;
    DeviationList l;
    DeviationFilter f = {.unit = lq->unit,
                         .category = lq->category,
                         .kind = lq->kind,
                         .status = lq->status,
                         .from = lq->from,
                         .to = lq->to,
                         .q = lq->q,
                         .serious = lq->serious ? 1 : 0,
                         .limit = LIST_PAGE_SIZE,
                         .offset = (int)((lq->page - 1) * LIST_PAGE_SIZE)};
    if (deviation_list(r->db, &f, &l, &e)) {
        r->status = status_for(e.code);
        error_box(r, e.msg[0] ? e.msg : "Filtret kunde inte användas.");
        return;
    }
    list_count_line(r, lq->page, l.n, l.total, "avvikelser");
    if (l.n) result_table(r, &l);
    list_pager(r, lq->page, l.total, list_url(r, lq, list_prev_page(lq->page, l.total)), list_url(r, lq, lq->page + 1));
    deviation_list_free(&l);
}

void page_deviation_list(Request *r)
{
    ListQuery lq = read_query(r);
    page_begin(r, "Avvikelser");
    html_raw(&r->out, "<div class=\"page-head\"><h1>Avvikelser</h1>");
    if (role_can_write(r->user.role))
        html_printf(&r->out, "<a class=\"button\" href=\"%s\">Ny avvikelse</a>", url(r, "/deviations/new"));
    html_printf(&r->out, "<a href=\"%s\">Klagomål</a></div>", url(r, "/complaints"));
    notice_from_query(r);
    filter_form(r, &lq);
    results(r, &lq);
    page_end(r);
}
