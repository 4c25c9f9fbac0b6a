/*
 * page_home.c — the start page (GET /): the signed-in person's tasks, own cases
 * (where they are main case officer) and the number of cases per process
 * and step, each count a link to the filtered case list.
 */
#include "web/handlers.h"
#include "web/layout.h"
#include "web/page_format.h"
#include "web/page_tasks.h"
#include "base/html.h"
#include "core/case.h"

#include <stdlib.h>
#include <string.h>

enum { MY_CASES_MAX = 20 };

static void my_case_row(Request *r, const Case *c)
{
    html_printf(&r->out,
                "<tr><th scope=\"row\" class=\"ref\"><a href=\"%s\">%s</a></th><td>%s</td><td>%s</td><td>%s</td>"
                "<td><time datetime=\"%s\">%s</time></td></tr>",
                url(r, "/cases/%lld", c->id), c->ref, c->title, c->process,
                step_name_of(r->cfg->ps, c->process, c->step), c->updated_at, date_text(r, c->updated_at));
}

static void my_cases(Request *r)
{
    Err e = ERR_INIT;
    CaseList l;
    CaseFilter f = {.officer_id = r->user.id, .limit = MY_CASES_MAX};
    html_raw(&r->out, "<section aria-labelledby=\"h-mine\"><h2 id=\"h-mine\">Mina ärenden</h2>");
    if (case_list(r->db, &f, &l, &e)) {
        error_box(r, e.msg);
    } else if (!l.n) {
        html_raw(&r->out, "<p>Du är inte huvudhandläggare för något ärende.</p>");
    } else {
        if (l.total > (long long)l.n)
            html_printf(&r->out,
                        "<p>Visar de %zu senast registrerade av %lld. <a href=\"%s\">Visa alla mina ärenden</a></p>",
                        l.n, l.total, url(r, "/cases?officer=%lld", r->user.id));
        html_raw(&r->out, "<table><thead><tr><th scope=\"col\">Ärende</th><th scope=\"col\">Rubrik</th>"
                          "<th scope=\"col\">Process</th><th scope=\"col\">Steg</th>"
                          "<th scope=\"col\">Uppdaterad</th></tr></thead><tbody>");
        for (size_t i = 0; i < l.n; i++) my_case_row(r, &l.items[i]);
        html_raw(&r->out, "</tbody></table>");
    }
    case_list_free(&l);
    html_raw(&r->out, "</section>");
}

static long long count_of(const StepCount *counts, size_t n, const char *process, const char *step)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(counts[i].process, process) && !strcmp(counts[i].step, step)) return counts[i].count;
    return 0;
}

static void process_counts(Request *r, const ProcessDef *def, const StepCount *counts, size_t n)
{
    long long total = 0;
    html_printf(&r->out, "<div class=\"count-card\"><h3 id=\"p-%s\">Process %s – %s</h3>"
                         "<table class=\"counts\"><thead><tr><th scope=\"col\">Steg</th>"
                         "<th scope=\"col\" class=\"num\">Antal</th></tr></thead><tbody>",
                def->key, def->key, def->name);
    for (size_t i = 0; i < def->nsteps; i++) {
        const Step *s = &def->steps[i];
        long long c = count_of(counts, n, def->key, s->key);
        total += c;
        html_printf(&r->out, "<tr><th scope=\"row\">%s</th><td class=\"num\"><a href=\"%s\">%lld</a></td></tr>",
                    s->name, url(r, "/cases?process=%s&step=%s", def->key, s->key), c);
    }
    html_printf(&r->out, "</tbody><tfoot><tr><th scope=\"row\">Totalt</th><td class=\"num\"><a href=\"%s\">%lld</a>"
                         "</td></tr></tfoot></table></div>",
                url(r, "/cases?process=%s", def->key), total);
}

static void counts_per_step(Request *r)
{
    Err e = ERR_INIT;
    StepCount *counts = NULL;
    size_t n = 0;
    html_raw(&r->out, "<section aria-labelledby=\"h-counts\"><h2 id=\"h-counts\">Ärenden per process och steg</h2>");
    if (case_counts(r->db, &counts, &n, &e)) {
        error_box(r, e.msg);
    } else {
        html_raw(&r->out, "<div class=\"count-grid\">");
        for (size_t i = 0; i < r->cfg->ps->n; i++) process_counts(r, r->cfg->ps->defs[i], counts, n);
        html_raw(&r->out, "</div>");
    }
    free(counts);
    html_raw(&r->out, "</section>");
}

void page_home(Request *r)
{
    page_begin(r, "Start");
    html_printf(&r->out, "<div class=\"page-head\"><h1>Översikt</h1>");
    if (role_can_write(r->user.role))
        html_printf(&r->out, "<a class=\"button\" href=\"%s\">Nytt ärende</a>", url(r, "/cases/new"));
    html_raw(&r->out, "</div>");
    notice_from_query(r);
    home_tasks(r);
    my_cases(r);
    counts_per_step(r);
    page_end(r);
}
