/*
 * group_edit.c — changing a group after it is created (group_update): its
 * type, name, short name, description, the group it belongs under (parent)
 * and the one it reports to, its unit, whether it acts as a body in cases,
 * and the composition flags. group_add's rules hold, and neither the parent
 * chain nor the reporting path may lead back to the group itself: such a
 * loop would make the escalation diagram and paths meaningless. A body keeps
 * its short name, which cases and process definitions use. Every accepted
 * change is one "changed" line in the group's history with old and new
 * values; a refused one changes nothing.
 *
 * Must not: touch members, commissions or mandates, or print.
 */
#include "core/group_internal.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/freetext.h"
#include "core/org.h"

#include <stdlib.h>
#include <string.h>

/* A group as it stands, or as the edit would leave it. Strings malloc'd. */
typedef struct {
    GroupType type;
    char *name, *short_name, *description;
    long long parent, reports, unit, body;
    char *parent_name, *reports_name, *unit_name;
    bool seeks_patient_rep, has_municipal_parts, multiprofessional;
} GroupState;

static void state_of(const Group *g, GroupState *s)
{
    *s = (GroupState){g->type,
                      xstrdup(g->name),
                      xstrdup(g->short_name),
                      xstrdup(g->description),
                      g->parent_id,
                      g->reports_to_id,
                      g->unit_id,
                      g->body_id,
                      xstrdup(g->parent_name),
                      xstrdup(g->reports_to_name),
                      xstrdup(g->unit_name),
                      g->seeks_patient_rep,
                      g->has_municipal_parts,
                      g->multiprofessional};
}

static void state_free(GroupState *s)
{
    free(s->name);
    free(s->short_name);
    free(s->description);
    free(s->parent_name);
    free(s->reports_name);
    free(s->unit_name);
}

static void set_text(char **slot, const char *value)
{
    free(*slot);
    *slot = trim_dup(value);
}

/* --- loops ------------------------------------------------------------------------------------ */

/* Follows the chain up from `start` — parents only, or the reporting path
 * (reports_to, else parent) — and says whether it reaches `self`; the
 * names passed on the way (start excluded) go into `via`. */
static ErrCode reaches(Db *db, long long start, long long self, bool reporting, bool *loop, Buf *via, Err *e)
{
    *loop = false;
    long long seen[256];
    size_t nseen = 0;
    for (long long at = start; at && nseen < sizeof seen / sizeof *seen;) {
        if (at == self) {
            *loop = true;
            return ERR_OK;
        }
        for (size_t i = 0; i < nseen; i++)
            if (seen[i] == at) return ERR_OK; /* a loop elsewhere (older data): not through this group */
        seen[nseen++] = at;
        Group g;
        if (group_get(db, at, &g, e)) return e->code;
        if (at != start) buf_printf(via, "%s'%s'", via->len ? ", " : "", g.name);
        at = reporting && g.reports_to_id ? g.reports_to_id : g.parent_id;
        group_free(&g);
    }
    return ERR_OK;
}

/* The parent chain and the reporting path from the edited group must not
 * come back to it. The field named is the one whose value closes the loop. */
static ErrCode check_loops(Db *db, long long self, const GroupState *s, Err *e)
{
    static const char *const parent_field = "Hör till (överordnad grupp)";
    if (s->parent == self) return err_set(e, ERR_INVALID, "%s: en grupp kan inte höra till sig själv.", parent_field);
    bool reports_own = s->reports != 0;
    const char *field = reports_own ? "Rapporterar till" : parent_field;
    if (s->reports == self)
        return err_set(e, ERR_INVALID, "Rapporterar till: en grupp kan inte rapportera till sig själv.");
    Buf via = BUF_INIT;
    bool loop;
    ErrCode rc = reaches(db, s->parent, self, false, &loop, &via, e);
    if (!rc && loop)
        rc = err_set(e, ERR_INVALID,
                     "%s: '%s' hör redan%s%s%s till den här gruppen – en grupp kan inte höra till en av sina egna "
                     "undergrupper.",
                     parent_field, s->parent_name, via.len ? ", via " : "", buf_cstr(&via), via.len ? "," : "");
    buf_reset(&via);
    long long up = reports_own ? s->reports : s->parent;
    const char *up_name = reports_own ? s->reports_name : s->parent_name;
    if (!rc) rc = reaches(db, up, self, true, &loop, &via, e);
    if (!rc && loop)
        rc = err_set(e, ERR_INVALID,
                     "%s: '%s' rapporterar redan%s%s%s till den här gruppen – en grupp kan inte rapportera till en "
                     "grupp som rapporterar till den (en slinga gör eskaleringsvägen meningslös).",
                     field, up_name, via.len ? ", via " : "", buf_cstr(&via), via.len ? "," : "");
    buf_free(&via);
    return rc;
}

/* --- applying the edit ------------------------------------------------------------------------ */

/* A group reference: "" none, else group_find's; the name kept for the history. */
static ErrCode group_ref(Db *db, const char *ref, long long *id, char **name, Err *e)
{
    free(*name);
    *name = xstrdup("");
    *id = 0;
    if (is_blank(ref)) return ERR_OK;
    Group g;
    if (group_find(db, ref, &g, e)) return e->code;
    *id = g.id;
    free(*name);
    *name = xstrdup(g.name);
    group_free(&g);
    return ERR_OK;
}

static ErrCode unit_ref(Db *db, const char *ref, GroupState *s, Err *e)
{
    free(s->unit_name);
    s->unit_name = xstrdup("");
    s->unit = 0;
    if (is_blank(ref)) return ERR_OK;
    Unit u;
    if (unit_find(db, ref, &u, e)) return e->code;
    s->unit = u.id;
    free(s->unit_name);
    s->unit_name = xstrdup(u.name);
    unit_free(&u);
    return ERR_OK;
}

static ErrCode check_texts(const GroupEdit *in, Err *e)
{
    if (in->type && !is_blank(in->type)) {
        GroupType t;
        if (!group_type_parse(in->type, &t))
            return err_set(e, ERR_INVALID, "okänd grupptyp '%s'; välj en av: %s", in->type, group_type_keys());
    } else if (in->type) {
        return err_set(e, ERR_INVALID, "Ange gruppens typ (%s).", group_type_keys());
    }
    if ((in->name && freetext_check("Gruppens namn", in->name, 200, true, e)) ||
        freetext_check("Kortnamn", in->short_name, 32, false, e) ||
        freetext_check("Beskrivning", in->description, 4000, false, e) ||
        freetext_check("Kommentar", in->note, 1000, false, e))
        return e->code;
    if (group_all_digits(in->name) || group_all_digits(in->short_name))
        return err_set(e, ERR_INVALID, "Gruppens namn och kortnamn får inte vara bara siffror (de läses som id).");
    return ERR_OK;
}

/* The group as the edit would leave it, every reference found. */
static ErrCode apply(Db *db, const GroupEdit *in, GroupState *s, Err *e)
{
    if (check_texts(in, e)) return e->code;
    if (in->type) group_type_parse(in->type, &s->type);
    if (in->name) set_text(&s->name, in->name);
    if (in->short_name) set_text(&s->short_name, in->short_name);
    if (in->description) set_text(&s->description, in->description);
    if (in->seeks_patient_rep >= 0) s->seeks_patient_rep = in->seeks_patient_rep != 0;
    if (in->has_municipal_parts >= 0) s->has_municipal_parts = in->has_municipal_parts != 0;
    if (in->multiprofessional >= 0) s->multiprofessional = in->multiprofessional != 0;
    if ((in->parent && group_ref(db, in->parent, &s->parent, &s->parent_name, e)) ||
        (in->reports_to && group_ref(db, in->reports_to, &s->reports, &s->reports_name, e)) ||
        (in->unit && unit_ref(db, in->unit, s, e)))
        return e->code;
    return ERR_OK;
}

/* A body keeps its short name and its link; a group that becomes one links
 * (or creates) the body of its short name. */
static ErrCode body_rules(Db *db, const Group *g, const GroupEdit *in, GroupState *s, Err *e)
{
    if (g->body_id) {
        if (in->body == 0)
            return err_set(e, ERR_CONFLICT,
                           "Organ i ärenden: gruppen är organet '%s', som ärendenas förankring och beslut och "
                           "processerna hänvisar till; kopplingen kan inte tas bort.",
                           g->short_name);
        if (strcmp(s->short_name, g->short_name))
            return err_set(e, ERR_CONFLICT,
                           "Kortnamn: '%s' är organets namn i ärenden och processer och kan inte ändras.",
                           g->short_name);
        return ERR_OK;
    }
    if (in->body == 1) return group_body_for(db, s->short_name, s->name, s->type, &s->body, e);
    return ERR_OK;
}

/* --- the history line ------------------------------------------------------------------------------ */

static const char *or_none(const char *s, const char *none)
{
    return *s ? s : none;
}

static void diff_text(Buf *b, const char *label, const char *was, const char *now, const char *none)
{
    if (!strcmp(was, now)) return;
    buf_printf(b, "%s%s: ", b->len ? "; " : "", label);
    buf_printf(b, *was ? "'%s'" : "%s", or_none(was, none));
    buf_printf(b, *now ? " → '%s'" : " → %s", or_none(now, none));
}

static void diff_flag(Buf *b, const char *label, bool was, bool now)
{
    if (was != now) buf_printf(b, "%s%s: %s → %s", b->len ? "; " : "", label, was ? "ja" : "nej", now ? "ja" : "nej");
}

/* "namn: 'A' → 'B'; rapporterar till: 'X' → ingen" — "" when nothing differs. */
static void describe(Buf *b, const GroupState *was, const GroupState *now)
{
    diff_text(b, "typ", group_type_key(was->type), group_type_key(now->type), "");
    diff_text(b, "namn", was->name, now->name, "inget");
    diff_text(b, "kortnamn", was->short_name, now->short_name, "inget");
    if (strcmp(was->description, now->description)) buf_printf(b, "%sbeskrivningen ändrad", b->len ? "; " : "");
    diff_text(b, "hör till", was->parent_name, now->parent_name, "ingen");
    diff_text(b, "rapporterar till", was->reports_name, now->reports_name, "den överordnade gruppen");
    diff_text(b, "enhet", was->unit_name, now->unit_name, "ingen");
    if (!was->body && now->body) buf_printf(b, "%sorgan i ärenden: '%s'", b->len ? "; " : "", now->short_name);
    diff_flag(b, "patientföreträdare eftersträvas", was->seeks_patient_rep, now->seeks_patient_rep);
    diff_flag(b, "kommunala delar", was->has_municipal_parts, now->has_municipal_parts);
    diff_flag(b, "multiprofessionell", was->multiprofessional, now->multiprofessional);
}

/* --- writing ----------------------------------------------------------------------------------------- */

static ErrCode store(Db *db, long long id, const GroupState *s, Err *e)
{
    ErrCode rc = db_exec(
        db, e,
        "UPDATE groups SET type = :t, name = :n, short_name = :s, description = :d, parent_id = :p, "
        "reports_to_id = :r, unit_id = :u, body_id = :b, seeks_patient_rep = :spr, has_municipal_parts = :hmp, "
        "multiprofessional = :mp WHERE id = :id",
        DB_ARGS(DB_TEXT(":t", group_type_key(s->type)), DB_TEXT(":n", s->name), DB_TEXT(":s", s->short_name),
                DB_TEXT(":d", s->description), s->parent ? DB_INT(":p", s->parent) : DB_NULL(":p"),
                s->reports ? DB_INT(":r", s->reports) : DB_NULL(":r"), s->unit ? DB_INT(":u", s->unit) : DB_NULL(":u"),
                s->body ? DB_INT(":b", s->body) : DB_NULL(":b"), DB_INT(":spr", s->seeks_patient_rep),
                DB_INT(":hmp", s->has_municipal_parts), DB_INT(":mp", s->multiprofessional), DB_INT(":id", id)));
    /* The body's name and kind follow the group's, so cases' lists show them. */
    if (!rc && s->body)
        rc = db_exec(db, e, "UPDATE bodies SET name = :n, kind = :k WHERE id = :b",
                     DB_ARGS(DB_TEXT(":n", s->name), DB_TEXT(":k", group_type_key(s->type)), DB_INT(":b", s->body)));
    return rc;
}

ErrCode group_update_tx(Db *db, const Actor *who, long long id, const GroupEdit *in, bool *changed, Err *e)
{
    if (changed) *changed = false;
    Group g;
    if (group_get(db, id, &g, e)) return e->code;
    GroupState was, now;
    state_of(&g, &was);
    state_of(&g, &now);
    ErrCode rc = apply(db, in, &now, e);
    if (!rc) rc = group_check_unique(db, id, now.name, now.short_name, e);
    if (!rc) rc = check_loops(db, id, &now, e);
    if (!rc) rc = body_rules(db, &g, in, &now, e);
    Buf what = BUF_INIT;
    if (!rc) describe(&what, &was, &now);
    if (!rc && what.len) {
        char *summary = NULL;
        Buf s = BUF_INIT;
        buf_printf(&s, "Gruppen ändrades: %s.", buf_cstr(&what));
        summary = buf_take(&s);
        rc = store(db, id, &now, e);
        if (!rc) rc = group_event(db, id, who, "changed", summary, is_blank(in->note) ? NULL : in->note, e);
        if (!rc && changed) *changed = true;
        free(summary);
    }
    buf_free(&what);
    state_free(&was);
    state_free(&now);
    group_free(&g);
    return rc;
}

ErrCode group_update(Db *db, const Actor *who, long long id, const GroupEdit *in, bool *changed, Err *e)
{
    GROUP_IN_TX(db, e, group_update_tx(db, who, id, in, changed, e));
}
