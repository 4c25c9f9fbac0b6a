/*
 * page_complaint_new.c — registering a complaint (GET and POST
 * /complaints/new) with every field the API takes: reference, source
 * (patient, närstående, IVO, Patientnämnden), unit (the units in tree
 * order), category (the categories complaints already have are offered, so
 * the complaint joins its series), subcategory, received and event dates,
 * description, and — for one that is already handled — status, closed date
 * and the answer to the complainant. Core checks everything (a personnummer
 * in any text is refused; besvarat needs the answer); a refused form comes
 * back with core's message, naming the field by the label shown here, and
 * everything typed kept. Success goes to the complaint's page.
 */
#include "web/org_options.h"
#include "web/handlers.h"
#include "web/page_complaint.h"
#include "web/page_deviation.h"
#include "web/layout.h"
#include "base/html.h"
#include "base/text.h"
#include "core/deviation.h"

#include <string.h>

typedef struct {
    const char *v[CF_N]; /* as typed, NULL on GET */
} NewForm;

static const char *key(ComplaintField k)
{
    return complaint_fields[k].key;
}

static const char *val(const NewForm *f, ComplaintField k)
{
    return f->v[k] ? f->v[k] : "";
}

/* <label> and <input>, labelled as core's messages name the field. */
static void input(Request *r, const NewForm *f, ComplaintField k, const char *type, const char *extra)
{
    bool required = complaint_fields[k].required;
    html_printf(&r->out, "<label for=\"%s\">%s%s</label><input id=\"%s\" name=\"%s\" type=\"%s\" value=\"%s\"",
                key(k), complaint_fields[k].label, extra, key(k), key(k), type, val(f, k));
    if (required) html_raw(&r->out, " required");
    if (!strcmp(type, "text")) html_raw(&r->out, " maxlength=\"200\" aria-describedby=\"pnr-hint\"");
    html_raw(&r->out, ">");
}

static void textarea(Request *r, const NewForm *f, ComplaintField k, const char *extra, int rows)
{
    html_printf(&r->out,
                "<label for=\"%s\">%s%s</label><textarea id=\"%s\" name=\"%s\" rows=\"%d\"%s "
                "aria-describedby=\"pnr-hint\">%s</textarea>",
                key(k), complaint_fields[k].label, extra, key(k), key(k), rows,
                complaint_fields[k].required ? " required" : "", val(f, k));
}

/* The category field with the categories in use as suggestions. */
static void category_field(Request *r, const NewForm *f)
{
    html_printf(&r->out,
                "<label for=\"category\">Kategori (obligatorisk)</label>"
                "<input id=\"category\" name=\"category\" type=\"text\" value=\"%s\" required maxlength=\"100\" "
                "list=\"categories\" aria-describedby=\"category-hint\">"
                "<p class=\"hint\" id=\"category-hint\">Välj helst en kategori som redan används, så räknas "
                "klagomålet i samma serie (mönster per enhet och kategori).</p><datalist id=\"categories\">",
                val(f, CF_CATEGORY));
    char **names = NULL;
    size_t n = 0;
    Err e = ERR_INIT;
    if (!complaint_category_names(r->db, &names, &n, &e)) {
        for (size_t i = 0; i < n; i++) html_printf(&r->out, "<option value=\"%s\"></option>", names[i]);
        complaint_category_names_free(names, n);
    }
    html_raw(&r->out, "</datalist>");
}

/* Status, closed date and answer: only for a complaint already handled. */
static void outcome(Request *r, const NewForm *f)
{
    html_raw(&r->out, "<fieldset class=\"complaint-outcome\"><legend>Om klagomålet redan är handlagt</legend>"
                      "<label for=\"status\">Status</label><select id=\"status\" name=\"status\">");
    status_options(r, complaint_statuses, 4, f->v[CF_STATUS] ? f->v[CF_STATUS] : "registrerat");
    html_raw(&r->out, "</select>");
    input(r, f, CF_CLOSED_DATE, "date", " (bara för status avslutat; tomt: i dag)");
    textarea(r, f, CF_ANSWER, " (krävs för status besvarat)", 4);
    html_raw(&r->out, "</fieldset>");
}

static void new_page(Request *r, const NewForm *f, const char *error)
{
    page_begin(r, "Registrera klagomål");
    html_printf(&r->out, "<h1>Registrera klagomål</h1><p><a href=\"%s\">← Alla klagomål</a></p>", url(r, "/complaints"));
    error_box(r, error);
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"stack wide\">", url(r, "/complaints/new"));
    csrf_field(r);
    html_raw(&r->out, "<p class=\"hint\" id=\"pnr-hint\">Skriv inga personnummer, samordningsnummer eller andra "
                      "uppgifter som pekar ut en enskild patient, närstående eller medarbetare.</p>");
    input(r, f, CF_REF, "text", " (obligatorisk)");
    html_raw(&r->out, "<label for=\"source\">Källa (obligatorisk)</label><select id=\"source\" name=\"source\" required>"
                      "<option value=\"\">Välj källa</option>");
    status_options(r, complaint_sources, 4, f->v[CF_SOURCE]);
    html_raw(&r->out, "</select><label for=\"unit\">Enhet (obligatorisk)</label>"
                      "<select id=\"unit\" name=\"unit\" required><option value=\"\">Välj enhet</option>");
    options_units(r, f->v[CF_UNIT]);
    html_raw(&r->out, "</select>");
    category_field(r, f);
    input(r, f, CF_SUBCATEGORY, "text", "");
    input(r, f, CF_RECEIVED_DATE, "date", " (tomt: i dag)");
    input(r, f, CF_EVENT_DATE, "date", " (om det är känt)");
    textarea(r, f, CF_DESCRIPTION, " (obligatorisk)", 6);
    outcome(r, f);
    html_raw(&r->out, "<button type=\"submit\">Registrera klagomålet</button></form>");
    page_end(r);
}

void page_complaint_new_form(Request *r)
{
    NewForm f = {{0}};
    new_page(r, &f, NULL);
}

void page_complaint_new_submit(Request *r)
{
    NewForm f = {{0}};
    ComplaintNew in = {{0}, {0}, 0};
    for (int k = 0; k < CF_N; k++) {
        f.v[k] = form_param(r, key(k));
        in.v[k] = is_blank(f.v[k]) ? NULL : f.v[k];
    }
    long long id;
    Err e = ERR_INIT;
    if (complaint_add(r->db, &r->user, &in, &id, &e)) {
        r->status = status_for(e.code);
        new_page(r, &f, e.msg[0] ? e.msg : "Klagomålet kunde inte registreras.");
        return;
    }
    redirect(r, arena_printf(&r->arena, "/complaints/%lld?ok=complaint", id));
}
