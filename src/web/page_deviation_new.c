/*
 * page_deviation_new.c — registering a deviation (GET and POST
 * /deviations/new): reference, kind, event and reported dates, unit (the
 * units in tree order), category, subcategory, severity 1–4 with its Swedish
 * word, description and immediate action. Core checks everything (a
 * personnummer in any text is refused); a refused form comes back with
 * core's message, naming the field by its Swedish label, and everything
 * typed kept.
 */
#include "web/org_options.h"
#include "web/handlers.h"
#include "web/page_deviation.h"
#include "web/layout.h"
#include "base/html.h"
#include "base/text.h"
#include "core/deviation.h"

#include <string.h>

static const char *const form_keys[DF_N] = {
    [DF_REF] = "ref",
    [DF_KIND] = "kind",
    [DF_EVENT_DATE] = "event_date",
    [DF_REPORTED_DATE] = "reported_date",
    [DF_UNIT] = "unit",
    [DF_CATEGORY] = "category",
    [DF_SUBCATEGORY] = "subcategory",
    [DF_SEVERITY] = "severity",
    [DF_DESCRIPTION] = "description",
    [DF_IMMEDIATE_ACTION] = "immediate_action",
};

typedef struct {
    const char *v[DF_N];
} NewForm;

static const char *val(const NewForm *f, DeviationField k)
{
    return f->v[k] ? f->v[k] : "";
}

static void text_field(Request *r, const NewForm *f, DeviationField k, const char *label, bool required,
                       const char *type)
{
    html_printf(&r->out, "<label for=\"%s\">%s%s</label><input id=\"%s\" name=\"%s\" type=\"%s\" value=\"%s\"",
                form_keys[k], label, required ? " (obligatorisk)" : "", form_keys[k], form_keys[k], type, val(f, k));
    if (required) html_raw(&r->out, " required");
    if (!strcmp(type, "text")) html_raw(&r->out, " maxlength=\"200\" aria-describedby=\"pnr-hint\"");
    html_raw(&r->out, ">");
}

static void new_page(Request *r, const NewForm *f, const char *error)
{
    page_begin(r, "Ny avvikelse");
    html_raw(&r->out, "<h1>Ny avvikelse</h1>");
    error_box(r, error);
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"stack wide\">", url(r, "/deviations/new"));
    csrf_field(r);
    html_raw(&r->out, "<p class=\"hint\" id=\"pnr-hint\">Skriv inga personnummer, samordningsnummer eller andra "
                      "uppgifter som pekar ut en enskild patient eller medarbetare.</p>");
    text_field(r, f, DF_REF, "Referens i avvikelsesystemet", true, "text");
    html_raw(&r->out, "<label for=\"kind\">Typ</label><select id=\"kind\" name=\"kind\">");
    const char *kind = f->v[DF_KIND] ? deviation_kind_parse(f->v[DF_KIND]) : NULL;
    if (!kind) kind = "vård";
    for (int i = 0; i < 4; i++)
        html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", deviation_kinds[i],
                    !strcmp(kind, deviation_kinds[i]) ? " selected" : "", deviation_kind_text(deviation_kinds[i]));
    html_raw(&r->out, "</select>");
    text_field(r, f, DF_EVENT_DATE, "Händelsedatum", true, "date");
    text_field(r, f, DF_REPORTED_DATE, "Rapporterad (tomt: i dag)", false, "date");
    html_raw(&r->out, "<label for=\"unit\">Enhet (obligatorisk)</label><select id=\"unit\" name=\"unit\" required>"
                      "<option value=\"\">Välj enhet</option>");
    options_units(r, f->v[DF_UNIT]);
    html_raw(&r->out, "</select>");
    text_field(r, f, DF_CATEGORY, "Kategori", true, "text");
    text_field(r, f, DF_SUBCATEGORY, "Underkategori", false, "text");
    int sev = f->v[DF_SEVERITY] ? severity_parse(f->v[DF_SEVERITY]) : 0;
    html_raw(&r->out, "<fieldset class=\"origins\"><legend>Allvarlighetsgrad (obligatorisk)</legend>");
    for (int s = 1; s <= 4; s++)
        html_printf(&r->out,
                    "<div class=\"choice\"><input type=\"radio\" id=\"severity-%d\" name=\"severity\" value=\"%d\"%s "
                    "required><label for=\"severity-%d\">%d – %s</label></div>",
                    s, s, s == sev ? " checked" : "", s, s, severity_label(s));
    html_printf(&r->out,
                "</fieldset>"
                "<label for=\"description\">Beskrivning (obligatorisk)</label>"
                "<textarea id=\"description\" name=\"description\" rows=\"6\" required "
                "aria-describedby=\"pnr-hint\">%s</textarea>"
                "<label for=\"immediate_action\">Omedelbar åtgärd</label>"
                "<textarea id=\"immediate_action\" name=\"immediate_action\" rows=\"3\" "
                "aria-describedby=\"pnr-hint\">%s</textarea>"
                "<button type=\"submit\">Registrera avvikelsen</button></form>",
                val(f, DF_DESCRIPTION), val(f, DF_IMMEDIATE_ACTION));
    page_end(r);
}

void page_deviation_new_form(Request *r)
{
    NewForm f = {{0}};
    new_page(r, &f, NULL);
}

void page_deviation_new_submit(Request *r)
{
    NewForm f = {{0}};
    DeviationNew in = {{0}, {0}, 0};
    for (int k = 0; k < DF_N; k++) {
        if (!form_keys[k]) continue;
        f.v[k] = form_param(r, form_keys[k]);
        in.v[k] = is_blank(f.v[k]) ? NULL : f.v[k];
    }
    long long id;
    Err e = ERR_INIT;
    if (deviation_add(r->db, &r->user, &in, &id, &e)) {
        r->status = status_for(e.code);
        new_page(r, &f, e.msg[0] ? e.msg : "Avvikelsen kunde inte registreras.");
        return;
    }
    redirect(r, arena_printf(&r->arena, "/deviations/%lld?ok=deviation", id));
}
