/*
 * page_group_new.c — a new group or body (GET and POST /groups/new, core's
 * group_add): type, name, short name, description, the group it belongs
 * under and the one it reports to, the unit it is tied to, whether it acts
 * as a body in cases (förankring, beslut), and the composition flags, each
 * "as the type says" unless chosen. A refused form comes back with core's
 * message and everything typed kept.
 * All text goes through html_printf (escaped) or html_raw with literals.
 */
#include "web/handlers.h"
#include "web/layout.h"
#include "web/org_options.h"
#include "web/page_deviation.h"
#include "base/html.h"
#include "base/text.h"
#include "core/group.h"

#include <string.h>

typedef struct {
    const char *type, *name, *short_name, *description, *parent, *reports_to, *unit, *body;
    const char *seeks_patient_rep, *has_municipal_parts, *multiprofessional, *rmks_approved_on;
} GroupForm;

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* "" (as the type says), "1" or "0". */
static void flag_select(Request *r, const char *id, const char *label, const char *value)
{
    const char *v = or_empty(value);
    html_printf(&r->out,
                "<label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\" aria-describedby=\"flags-hint\">"
                "<option value=\"\"%s>Som typen säger</option><option value=\"1\"%s>Ja</option>"
                "<option value=\"0\"%s>Nej</option></select>",
                id, label, id, id, !*v ? " selected" : "", !strcmp(v, "1") ? " selected" : "",
                !strcmp(v, "0") ? " selected" : "");
}

static void group_select(Request *r, const char *id, const char *label, const char *none, const char *value)
{
    html_printf(&r->out, "<label for=\"g-%s\">%s</label><select id=\"g-%s\" name=\"%s\"><option value=\"\">%s</option>",
                id, label, id, id, none);
    options_groups(r, value);
    html_raw(&r->out, "</select>");
}

static void new_page(Request *r, const GroupForm *f, const char *error)
{
    page_begin(r, "Ny grupp");
    html_printf(&r->out, "<p class=\"meta\"><a href=\"%s\">Grupper och organ</a></p><h1>Ny grupp eller nytt organ</h1>",
                url(r, "/groups"));
    error_box(r, error);
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"stack wide\">", url(r, "/groups/new"));
    csrf_field(r);
    html_raw(&r->out, "<label for=\"g-type\">Typ</label><select id=\"g-type\" name=\"type\">");
    options_group_types(r, f->type ? f->type : "samordnande grupp");
    html_printf(&r->out,
                "</select><label for=\"g-name\">Namn (obligatoriskt)</label>"
                "<input id=\"g-name\" name=\"name\" required maxlength=\"200\" value=\"%s\">"
                "<label for=\"g-short\">Kortnamn</label>"
                "<input id=\"g-short\" name=\"short_name\" maxlength=\"32\" value=\"%s\">"
                "<label for=\"g-desc\">Beskrivning</label>"
                "<textarea id=\"g-desc\" name=\"description\" rows=\"3\" maxlength=\"4000\">%s</textarea>",
                or_empty(f->name), or_empty(f->short_name), or_empty(f->description));
    group_select(r, "parent", "Hör till (överordnad grupp)", "Ingen", f->parent);
    group_select(r, "reports_to", "Rapporterar till", "Samma som överordnad grupp", f->reports_to);
    html_raw(&r->out, "<label for=\"g-unit\">Enhet</label><select id=\"g-unit\" name=\"unit\">"
                      "<option value=\"\">Ingen enhet</option>");
    options_units(r, f->unit);
    html_printf(&r->out,
                "</select><div class=\"choice\"><input type=\"checkbox\" id=\"g-body\" name=\"body\" value=\"1\"%s "
                "aria-describedby=\"body-hint\"><label for=\"g-body\">Förankrar och beslutar i ärenden (organ)</label>"
                "</div><p class=\"hint\" id=\"body-hint\">Ett organ kan väljas vid förankring och beslut i "
                "ärenden och behöver ett kortnamn.</p><fieldset><legend>Sammansättning</legend>"
                "<p class=\"hint\" id=\"flags-hint\">Som typen säger: en LAG eftersträvar patientföreträdare; "
                "LAG, LPO och RPO ska vara multiprofessionella.</p>",
                !is_blank(f->body) ? " checked" : "");
    flag_select(r, "seeks_patient_rep", "Patient-, brukar- eller närståendeföreträdare eftersträvas",
                f->seeks_patient_rep);
    flag_select(r, "has_municipal_parts", "Området har kommunala delar (kommunal representant behövs)",
                f->has_municipal_parts);
    flag_select(r, "multiprofessional", "Ska vara multiprofessionell", f->multiprofessional);
    html_printf(&r->out,
                "</fieldset><label for=\"g-rmks\">Godkänd av RMKS (bara LPO)</label>"
                "<input id=\"g-rmks\" name=\"rmks_approved_on\" type=\"date\" value=\"%s\">"
                "<button type=\"submit\">Lägg upp gruppen</button></form>",
                or_empty(f->rmks_approved_on));
    page_end(r);
}

void page_group_new_form(Request *r)
{
    GroupForm f = {0};
    f.parent = query_param(r, "parent");
    new_page(r, &f, NULL);
}

static int flag_of(const char *v)
{
    return is_blank(v) ? -1 : strcmp(v, "0") != 0;
}

static const char *blank_null(const char *s)
{
    return is_blank(s) ? NULL : s;
}

void page_group_new_submit(Request *r)
{
    GroupForm f = {form_param(r, "type"),        form_param(r, "name"),       form_param(r, "short_name"),
                   form_param(r, "description"), form_param(r, "parent"),     form_param(r, "reports_to"),
                   form_param(r, "unit"),        form_param(r, "body"),       form_param(r, "seeks_patient_rep"),
                   form_param(r, "has_municipal_parts"), form_param(r, "multiprofessional"),
                   form_param(r, "rmks_approved_on")};
    GroupNew in = {f.type,
                   f.name,
                   f.short_name,
                   f.description,
                   blank_null(f.parent),
                   blank_null(f.reports_to),
                   blank_null(f.unit),
                   !is_blank(f.body),
                   flag_of(f.seeks_patient_rep),
                   flag_of(f.has_municipal_parts),
                   flag_of(f.multiprofessional),
                   blank_null(f.rmks_approved_on)};
    long long id;
    Err e = ERR_INIT;
    if (group_add(r->db, &r->user, &in, &id, &e)) {
        r->status = status_for(e.code);
        new_page(r, &f, e.msg[0] ? e.msg : "Gruppen kunde inte läggas upp.");
        return;
    }
    redirect(r, arena_printf(&r->arena, "/groups/%lld?ok=group-created", id));
}
