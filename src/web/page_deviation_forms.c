/*
 * page_deviation_forms.c — working a deviation from its page, for those who
 * may write: mark it serious or take the mark away (POST
 * /deviations/{id}/serious), register a händelseanalys with its actions as
 * rows of action, owner and due date (POST /deviations/{id}/analyses), and
 * register the Lex Maria report to IVO (POST /deviations/{id}/lex-maria).
 * Through core's deviation_set_serious, deviation_add_analysis and
 * deviation_add_lex_maria; a refused form comes back on the deviation's page
 * with core's message and what was typed kept. No JavaScript: the analysis
 * form has a fixed number of action rows, blank ones are left out.
 */
#include "web/handlers.h"
#include "web/page_deviation.h"
#include "web/layout.h"
#include "base/html.h"
#include "base/text.h"

#include <stdio.h>
#include <string.h>

enum { ACTION_ROWS = 4 };

/* What the person typed into `field` of the refused form `form`, else fallback. */
static const char *kept(Request *r, const char *posted, const char *form, const char *field, const char *fallback)
{
    if (!posted || strcmp(posted, form)) return fallback;
    const char *v = form_param(r, field);
    return v ? v : fallback;
}

static const char *field_name(Request *r, const char *name, int row)
{
    return arena_printf(&r->arena, "%s_%d", name, row);
}

/* --- rendering ------------------------------------------------------------------------------------ */

/* A form folded under its summary, open again after it was refused. */
static void folded_form(Request *r, const char *summary, bool open, const char *action, const char *cls)
{
    html_printf(&r->out, "<details class=\"work-form\"%s><summary>%s</summary><form method=\"post\" action=\"%s\" class=\"%s\">",
                open ? " open" : "", summary, action, cls);
    csrf_field(r);
}

void deviation_serious_form(Request *r, const DeviationDetail *d)
{
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"serious-form\">",
                url(r, "/deviations/%lld/serious", d->d.id));
    csrf_field(r);
    if (d->d.serious && d->lex_maria)
        html_raw(&r->out, "<p class=\"hint\">Avvikelsen är anmäld enligt Lex Maria och är därför allvarlig.</p></form>");
    else if (d->d.serious)
        html_raw(&r->out, "<input type=\"hidden\" name=\"serious\" value=\"nej\">"
                          "<button type=\"submit\" class=\"secondary\">Ta bort markeringen som allvarlig</button></form>");
    else
        html_raw(&r->out, "<input type=\"hidden\" name=\"serious\" value=\"ja\">"
                          "<button type=\"submit\" class=\"secondary\">Markera som allvarlig händelse</button></form>");
}

static void action_row(Request *r, const char *posted, int row)
{
    const char *a = field_name(r, "action", row), *o = field_name(r, "owner", row), *due = field_name(r, "due", row);
    html_printf(&r->out,
                "<tr><th scope=\"row\">%d</th>"
                "<td><input name=\"%s\" maxlength=\"4000\" aria-label=\"Åtgärd %d\" value=\"%s\"></td>"
                "<td><input name=\"%s\" maxlength=\"200\" aria-label=\"Åtgärd %d: ansvarig\" value=\"%s\"></td>"
                "<td><input type=\"date\" name=\"%s\" aria-label=\"Åtgärd %d: klart senast\" value=\"%s\"></td></tr>",
                row, a, row, kept(r, posted, "analysis", a, ""), o, row, kept(r, posted, "analysis", o, ""), due, row,
                kept(r, posted, "analysis", due, ""));
}

void deviation_analysis_form(Request *r, const DeviationDetail *d, const char *posted)
{
    folded_form(r, "Registrera händelseanalys", posted && !strcmp(posted, "analysis"),
                url(r, "/deviations/%lld/analyses", d->d.id), "stack wide");
    html_printf(&r->out,
                "<label for=\"an-started\">Startdatum</label>"
                "<input type=\"date\" id=\"an-started\" name=\"started_on\" value=\"%s\">"
                "<label for=\"an-finished\">Slutdatum (valfritt)</label>"
                "<input type=\"date\" id=\"an-finished\" name=\"finished_on\" value=\"%s\">"
                "<label for=\"an-event\">Händelseförlopp</label>"
                "<textarea id=\"an-event\" name=\"event\" rows=\"4\">%s</textarea>"
                "<label for=\"an-causes\">Orsaker</label>"
                "<textarea id=\"an-causes\" name=\"causes\" rows=\"4\" aria-describedby=\"an-causes-hint\">%s</textarea>"
                "<p class=\"hint\" id=\"an-causes-hint\">Bakomliggande orsaker och bidragande faktorer.</p>"
                "<label for=\"an-conclusion\">Slutsats (valfri)</label>"
                "<textarea id=\"an-conclusion\" name=\"conclusion\" rows=\"3\">%s</textarea>",
                kept(r, posted, "analysis", "started_on", ""), kept(r, posted, "analysis", "finished_on", ""),
                kept(r, posted, "analysis", "event", ""), kept(r, posted, "analysis", "causes", ""),
                kept(r, posted, "analysis", "conclusion", ""));
    html_printf(&r->out,
                "<table class=\"action-rows\"><caption>Åtgärder: fyll i de rader som behövs (högst %d); tomma rader "
                "sparas inte</caption><thead><tr><th scope=\"col\">Rad</th><th scope=\"col\">Åtgärd</th>"
                "<th scope=\"col\">Ansvarig</th><th scope=\"col\">Klart senast</th></tr></thead><tbody>",
                ACTION_ROWS);
    for (int i = 1; i <= ACTION_ROWS; i++) action_row(r, posted, i);
    html_raw(&r->out, "</tbody></table><p class=\"hint\">Skriv inga personnummer.</p>"
                      "<button type=\"submit\">Registrera händelseanalysen</button></form></details>");
}

void deviation_lex_maria_form(Request *r, const DeviationDetail *d, const char *posted)
{
    if (d->lex_maria) return;
    if (!strcmp(d->d.kind, "arbetsrelaterad")) {
        html_raw(&r->out, "<p class=\"hint\">En arbetsrelaterad avvikelse anmäls till Arbetsmiljöverket, inte enligt Lex Maria.</p>");
        return;
    }
    folded_form(r, "Registrera Lex Maria-anmälan", posted && !strcmp(posted, "lex-maria"),
                url(r, "/deviations/%lld/lex-maria", d->d.id), "stack");
    html_printf(&r->out,
                "<label for=\"lm-sent\">Skickad till IVO</label>"
                "<input type=\"date\" id=\"lm-sent\" name=\"sent_on\" value=\"%s\">"
                "<label for=\"lm-ivo\">IVO:s diarienummer (valfritt)</label>"
                "<input id=\"lm-ivo\" name=\"ivo_ref\" maxlength=\"200\" value=\"%s\">"
                "<label for=\"lm-note\">Anteckning (valfri)</label>"
                "<textarea id=\"lm-note\" name=\"note\" rows=\"3\">%s</textarea>"
                "<p class=\"hint\">Anmälan markerar avvikelsen som allvarlig. Skriv inga personnummer.</p>"
                "<button type=\"submit\">Registrera anmälan</button></form></details>",
                kept(r, posted, "lex-maria", "sent_on", ""), kept(r, posted, "lex-maria", "ivo_ref", ""),
                kept(r, posted, "lex-maria", "note", ""));
}

/* --- handlers ------------------------------------------------------------------------------------- */

/* Success: back to the deviation. Failure: its page with the message (a
 * deviation that does not exist is a plain 404). */
static void finish(Request *r, long long id, const Err *e, const char *posted, const char *ok)
{
    if (e->code == ERR_OK) redirect(r, arena_printf(&r->arena, "/deviations/%lld?ok=%s", id, ok));
    else if (e->code == ERR_NOTFOUND) reply_err(r, e);
    else render_deviation_page(r, id, posted, e);
}

void page_deviation_serious(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    Err e = ERR_INIT;
    int yes = yes_no_parse(form_param(r, "serious"));
    if (yes < 0 || is_blank(form_param(r, "serious")))
        err_set(&e, ERR_INVALID, "Allvarlig (fältet 'serious'): ange ja eller nej.");
    else deviation_set_serious(r->db, &r->user, id, yes == 1, &e);
    finish(r, id, &e, "serious", yes == 1 ? "serious" : "not-serious");
}

/* The action rows up to the last one with anything in it, so that core's
 * "Åtgärd N" is the row's number; rows after it are left out. */
static size_t action_rows(Request *r, AnalysisActionNew *out)
{
    size_t n = 0;
    for (int i = 1; i <= ACTION_ROWS; i++) {
        const char *a = form_param(r, field_name(r, "action", i)), *o = form_param(r, field_name(r, "owner", i)),
                   *due = form_param(r, field_name(r, "due", i));
        out[i - 1] = (AnalysisActionNew){a ? a : "", o ? o : "", due ? due : ""};
        if (!is_blank(a) || !is_blank(o) || !is_blank(due)) n = (size_t)i;
    }
    return n;
}

void page_deviation_analysis(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    AnalysisActionNew actions[ACTION_ROWS];
    const char *finished = form_param(r, "finished_on");
    EventAnalysisNew in = {form_param(r, "started_on"), is_blank(finished) ? NULL : finished, form_param(r, "event"),
                           form_param(r, "causes"), form_param(r, "conclusion"), actions, action_rows(r, actions)};
    Err e = ERR_INIT;
    deviation_add_analysis(r->db, &r->user, id, &in, NULL, &e);
    finish(r, id, &e, "analysis", "analysis");
}

void page_deviation_lex_maria(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    LexMariaNew in = {form_param(r, "sent_on"), form_param(r, "ivo_ref"), form_param(r, "note")};
    Err e = ERR_INIT;
    deviation_add_lex_maria(r->db, &r->user, id, &in, &e);
    finish(r, id, &e, "lex-maria", "lex-maria");
}
