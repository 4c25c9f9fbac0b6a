/*
 * page_case_new.c — registering a case (GET and POST /cases/new): title,
 * description, origin (which decides the process) and main case officer.
 * A refused form comes back with core's message and everything typed kept.
 */
#include "web/handlers.h"
#include "web/form_options.h"
#include "web/layout.h"
#include "base/html.h"
#include "base/text.h"
#include "core/case.h"

#include <stdlib.h>

typedef struct {
    const char *title, *description;
    int origin;           /* 0: none chosen */
    long long officer_id; /* 0: the signed-in person */
} NewForm;

static void origin_choices(Request *r, int chosen)
{
    html_raw(&r->out, "<fieldset class=\"origins\" aria-describedby=\"origin-hint\"><legend>Ursprung</legend>"
                      "<p class=\"hint\" id=\"origin-hint\">Ursprunget avgör vilken process ärendet följer.</p>");
    for (int o = 1; o <= 6; o++) {
        const ProcessDef *def = process_for_origin(r->cfg->ps, o);
        html_printf(&r->out,
                    "<div class=\"choice\"><input type=\"radio\" id=\"origin-%d\" name=\"origin\" "
                    "value=\"%d\"%s required>"
                    "<label for=\"origin-%d\">%d. %s <span class=\"to\">→ Process %s</span></label></div>",
                    o, o, o == chosen ? " checked" : "", o, o, origin_label(o), def ? def->key : "?");
    }
    html_raw(&r->out, "</fieldset>");
}

static void new_case_page(Request *r, const NewForm *f, const char *error)
{
    page_begin(r, "Nytt ärende");
    html_raw(&r->out, "<h1>Nytt ärende</h1>");
    error_box(r, error);
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"stack wide\">", url(r, "/cases/new"));
    csrf_field(r);
    html_printf(&r->out,
                "<label for=\"title\">Rubrik <span class=\"req\">(obligatorisk)</span></label>"
                "<input id=\"title\" name=\"title\" required maxlength=\"200\" value=\"%s\" "
                "aria-describedby=\"pnr-hint\">"
                "<label for=\"description\">Beskrivning</label>"
                "<textarea id=\"description\" name=\"description\" rows=\"6\" aria-describedby=\"pnr-hint\">%s"
                "</textarea><p class=\"hint\" id=\"pnr-hint\">Skriv inga personnummer eller andra uppgifter som "
                "pekar ut en enskild patient.</p>",
                f->title, f->description);
    origin_choices(r, f->origin);
    html_raw(&r->out, "<label for=\"officer\">Huvudhandläggare</label><select id=\"officer\" name=\"officer\">");
    options_officers(r, f->officer_id ? f->officer_id : r->user.id);
    html_raw(&r->out, "</select><button type=\"submit\">Registrera ärendet</button></form>");
    page_end(r);
}

void page_case_new_form(Request *r)
{
    NewForm f = {"", "", 0, 0};
    new_case_page(r, &f, NULL);
}

static NewForm read_form(Request *r)
{
    NewForm f = {form_param(r, "title"), form_param(r, "description"), 0, 0};
    long n;
    if (!f.title) f.title = "";
    if (!f.description) f.description = "";
    if (parse_long(form_param(r, "origin"), &n) && n >= 1 && n <= 6) f.origin = (int)n;
    if (parse_long(form_param(r, "officer"), &n) && n > 0) f.officer_id = n;
    return f;
}

void page_case_new_submit(Request *r)
{
    NewForm f = read_form(r);
    CaseNew in = {f.title, f.description, f.origin, f.officer_id};
    Case c;
    Err e = ERR_INIT;
    if (case_create(r->db, r->cfg->ps, &r->user, &in, &c, &e)) {
        r->status = status_for(e.code);
        new_case_page(r, &f, e.msg[0] ? e.msg : "Ärendet kunde inte registreras.");
        return;
    }
    redirect(r, arena_printf(&r->arena, "/cases/%lld?ok=created", c.id));
    case_free(&c);
}
