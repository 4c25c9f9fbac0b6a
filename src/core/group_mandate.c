/*
 * group_mandate.c — mandates (what a holder may decide) and delegations (a
 * mandate a body has delegated): adding them, ending (withdrawing) them, the
 * mandates that belong to a group, and a group's power: a group decides
 * nothing by itself; its power is the mandates its current members carry —
 * by their role in the group, as the manager of a unit, or in person — and,
 * for a nämnd or råd, what the body as a whole is mandated to decide.
 *
 * Must not: decide who decides a proposed action (core/decide.c does, from
 * its rules), or print.
 */
#include "core/group_internal.h"
#include "base/buf.h"
#include "base/collate.h"
#include "base/text.h"
#include "core/freetext.h"
#include "core/org.h"

#include <stdlib.h>
#include <string.h>

/* --- reading ---------------------------------------------------------------------------------- */

void mandate_free(Mandate *m)
{
    if (!m) return;
    free(m->holder_text);
    free(m->decides);
    free(m->granted_by);
    free(m->decision_ref);
    free(m->from_date);
    free(m->to_date);
    free(m->ended_at);
    free(m->ended_by);
    free(m->end_note);
    memset(m, 0, sizeof *m);
}

static void mandate_release(void *el)
{
    mandate_free(el);
}

static void mandate_fill(Stmt *st, void *el)
{
    Mandate *m = el;
    m->id = stmt_int(st, 0);
    m->delegation = !strcmp(stmt_text(st, 1), "delegation");
    m->group_id = stmt_int(st, 2);
    const char *role = stmt_text(st, 3);
    m->unit_id = stmt_int(st, 4);
    m->person_id = stmt_int(st, 5);
    m->decides = xstrdup(stmt_text(st, 6));
    m->within_mission = stmt_int(st, 7) != 0;
    m->within_budget = stmt_int(st, 8) != 0;
    m->whole_area = stmt_int(st, 9) != 0;
    m->granted_by_id = stmt_int(st, 10);
    m->granted_by = xstrdup(*stmt_text(st, 11) ? stmt_text(st, 11) : stmt_text(st, 12));
    m->decision_ref = xstrdup(stmt_text(st, 13));
    m->from_date = xstrdup(stmt_text(st, 14));
    m->to_date = xstrdup(stmt_text(st, 15));
    const char *group = stmt_text(st, 16), *unit = stmt_text(st, 17), *title = stmt_text(st, 18),
               *person = stmt_text(st, 19);
    m->ended_at = xstrdup(stmt_text(st, 20));
    m->ended_by = xstrdup(stmt_text(st, 21));
    m->end_note = xstrdup(stmt_text(st, 22));
    Buf h = BUF_INIT;
    if (m->person_id) {
        m->holder = MH_PERSON;
        buf_puts(&h, person);
    } else if (m->unit_id) {
        m->holder = MH_UNIT_MANAGER;
        if (*title) buf_printf(&h, "%s, %s", title, unit);
        else buf_printf(&h, "Chefen för %s", unit);
    } else if (*role && group_role_parse(role, &m->role)) {
        m->holder = MH_GROUP_ROLE;
        buf_printf(&h, "%s i %s", role, group);
    } else {
        m->holder = MH_GROUP;
        buf_puts(&h, group);
    }
    buf_cstr(&h);
    m->holder_text = buf_take(&h);
}

#define MANDATE_SELECT                                                                                             \
    "SELECT m.id, m.kind, COALESCE(m.group_id, 0), m.role, COALESCE(m.unit_id, 0), COALESCE(m.person_id, 0), "     \
    "m.decides, m.within_mission, m.within_budget, m.whole_area, COALESCE(m.granted_by_id, 0), "                   \
    "COALESCE(gb.name, ''), m.granted_by_text, m.decision_ref, m.from_date, m.to_date, COALESCE(g.name, ''), "     \
    "COALESCE(u.name, ''), COALESCE(u.manager_title, ''), COALESCE(p.name, ''), m.ended_at, "                      \
    "COALESCE(eb.display_name, ''), m.end_note FROM mandates m "                                                   \
    "LEFT JOIN groups gb ON gb.id = m.granted_by_id LEFT JOIN groups g ON g.id = m.group_id "                      \
    "LEFT JOIN units u ON u.id = m.unit_id LEFT JOIN people p ON p.id = m.person_id "                             \
    "LEFT JOIN users eb ON eb.id = m.ended_by "

static int by_holder(const void *a, const void *b)
{
    const Mandate *x = a, *y = b;
    int c = sv_compare(x->holder_text, y->holder_text);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

ErrCode mandate_list(Db *db, Mandate **out, size_t *n, Err *e)
{
    if (db_rows(db, e, MANDATE_SELECT "ORDER BY m.id", NULL, sizeof **out, mandate_fill, mandate_release,
                (void **)out, n))
        return e->code;
    if (*n) qsort(*out, *n, sizeof **out, by_holder);
    return ERR_OK;
}

void mandate_list_free(Mandate *m, size_t n)
{
    for (size_t i = 0; i < n; i++) mandate_free(&m[i]);
    free(m);
}

ErrCode mandate_get(Db *db, long long id, Mandate *out, Err *e)
{
    Mandate *rows;
    size_t n;
    if (db_rows(db, e, MANDATE_SELECT "WHERE m.id = :id", DB_ARGS(DB_INT(":id", id)), sizeof *rows, mandate_fill,
                mandate_release, (void **)&rows, &n))
        return e->code;
    if (n == 0) {
        free(rows);
        return err_set(e, ERR_NOTFOUND, "Mandatet finns inte (id %lld).", id);
    }
    *out = rows[0];
    free(rows);
    return ERR_OK;
}

bool mandate_in_force(const Mandate *m, const char *day)
{
    return (!*m->from_date || strcmp(m->from_date, day) <= 0) && (!*m->to_date || strcmp(m->to_date, day) >= 0);
}

/* --- adding --------------------------------------------------------------------------------------- */

ErrCode mandate_add_tx(Db *db, const Actor *who, const MandateNew *in, long long *id, Err *e)
{
    int holders = !is_blank(in->group) + !is_blank(in->unit) + !is_blank(in->person);
    if (holders != 1)
        return err_set(e, ERR_INVALID, "Ett mandat har en innehavare: en roll i en grupp (eller gruppen som organ), "
                                       "chefen för en enhet eller en person – ange precis en av dem.");
    if (!is_blank(in->role) && is_blank(in->group))
        return err_set(e, ERR_INVALID, "En roll hör till en grupp: ange gruppen.");
    if (freetext_check("Vad mandatet omfattar", in->decides, 1000, true, e) ||
        freetext_check("Beviljat av", in->granted_by_text, 200, false, e) ||
        freetext_check("Beslutshänvisning", in->decision_ref, 200, false, e) ||
        group_date_check("Från-datum", in->from, e) || group_date_check("Till-datum", in->to, e))
        return e->code;
    if (!is_blank(in->from) && !is_blank(in->to) && strcmp(in->to, in->from) < 0)
        return err_set(e, ERR_INVALID, "Till-datum (%s) ligger före från-datum (%s).", in->to, in->from);
    if (in->delegation && is_blank(in->granted_by))
        return err_set(e, ERR_INVALID, "En delegation ges av ett organ: ange vilken grupp eller nämnd som delegerat.");
    long long group = 0, unit = 0, person = 0, granted = 0;
    GroupRole role = GR_LEDAMOT;
    bool has_role = !is_blank(in->role);
    Group g;
    if (!is_blank(in->group)) {
        if (group_find(db, in->group, &g, e)) return e->code;
        group = g.id;
        group_free(&g);
    }
    if (has_role && !group_role_parse(in->role, &role)) return err_set(e, ERR_INVALID, "okänd roll '%s'", in->role);
    if (!is_blank(in->unit)) {
        Unit u;
        if (unit_find(db, in->unit, &u, e)) return e->code;
        unit = u.id;
        unit_free(&u);
    }
    if (!is_blank(in->person) && group_person_ref(db, in->person, &person, NULL, e)) return e->code;
    if (!is_blank(in->granted_by)) {
        if (group_find(db, in->granted_by, &g, e)) return e->code;
        granted = g.id;
        group_free(&g);
    }
    char *decides = trim_dup(in->decides);
    char now[32];
    iso_now(now);
    Err q = ERR_INIT;
    long long got = db_int(
        db, &q,
        "INSERT INTO mandates (kind, group_id, role, unit_id, person_id, decides, within_mission, within_budget, "
        "whole_area, granted_by_id, granted_by_text, decision_ref, from_date, to_date, created_at) VALUES "
        "(:k, :g, :r, :u, :p, :d, :wm, :wb, :wa, :gb, :gbt, :ref, :f, :t, :now) RETURNING id",
        DB_ARGS(DB_TEXT(":k", in->delegation ? "delegation" : "mandat"), group ? DB_INT(":g", group) : DB_NULL(":g"),
                DB_TEXT(":r", has_role ? group_role_key(role) : ""), unit ? DB_INT(":u", unit) : DB_NULL(":u"),
                person ? DB_INT(":p", person) : DB_NULL(":p"), DB_TEXT(":d", decides),
                DB_INT(":wm", in->within_mission), DB_INT(":wb", in->within_budget), DB_INT(":wa", in->whole_area),
                granted ? DB_INT(":gb", granted) : DB_NULL(":gb"),
                DB_TEXT(":gbt", in->granted_by_text ? in->granted_by_text : ""),
                DB_TEXT(":ref", in->decision_ref ? in->decision_ref : ""), DB_TEXT(":f", in->from ? in->from : ""),
                DB_TEXT(":t", in->to ? in->to : ""), DB_TEXT(":now", now)),
        -1);
    ErrCode rc = got < 0 ? (q.code ? (*e = q, q.code) : err_set(e, ERR_INTERNAL, "mandatet kunde inte sparas")) : ERR_OK;
    long long event_group = group ? group : granted;
    if (!rc && event_group) {
        Buf s = BUF_INIT;
        buf_printf(&s, "%s: %s", in->delegation ? "Delegation" : "Mandat", decides);
        if (has_role) buf_printf(&s, " (för %s)", group_role_key(role));
        rc = group_event(db, event_group, who, "mandate", buf_cstr(&s), NULL, e);
        buf_free(&s);
    }
    if (!rc && id) *id = got;
    free(decides);
    return rc;
}

ErrCode mandate_add(Db *db, const Actor *who, const MandateNew *in, long long *id, Err *e)
{
    GROUP_IN_TX(db, e, mandate_add_tx(db, who, in, id, e));
}

/* --- ending ----------------------------------------------------------------------------------------- */

/* Why the mandate cannot end on `day` (today: the local date), or ERR_OK. */
static ErrCode end_refused(const Mandate *m, const char *day, const char *today, Err *e)
{
    const char *what = m->delegation ? "Delegationen" : "Mandatet";
    if (*m->ended_at)
        return err_set(e, ERR_CONFLICT, "%s är redan %s%s%s.", what, m->delegation ? "avslutad" : "avslutat",
                       *m->to_date ? "; den sista dagen det gäller är " : "", m->to_date);
    if (*m->to_date && strcmp(m->to_date, today) < 0)
        return err_set(e, ERR_CONFLICT, "%s gällde till %s och har redan upphört.", what, m->to_date);
    if (*m->from_date && strcmp(day, m->from_date) < 0)
        return err_set(e, ERR_INVALID, "Slutdatum %s ligger före från-datum %s.", day, m->from_date);
    if (*m->to_date && strcmp(day, m->to_date) > 0)
        return err_set(e, ERR_INVALID,
                       "Slutdatum %s ligger efter till-datum %s; att avsluta ett mandat kan inte förlänga det.", day,
                       m->to_date);
    return ERR_OK;
}

ErrCode mandate_end_tx(Db *db, const Actor *who, long long id, const char *on, const char *note, Err *e)
{
    if (group_date_check("Slutdatum", on, e) || freetext_check("Kommentar", note, 1000, false, e)) return e->code;
    char day[11], today[11], now[32];
    group_today(on, day);
    group_today(NULL, today);
    iso_now(now);
    Mandate m;
    if (mandate_get(db, id, &m, e)) return e->code;
    ErrCode rc = end_refused(&m, day, today, e);
    if (!rc)
        rc = db_exec(db, e,
                     "UPDATE mandates SET to_date = :d, ended_at = :now, ended_by = :u, end_note = :n WHERE id = :id",
                     DB_ARGS(DB_TEXT(":d", day), DB_TEXT(":now", now),
                             who && who->id ? DB_INT(":u", who->id) : DB_NULL(":u"), DB_TEXT(":n", note ? note : ""),
                             DB_INT(":id", id)));
    long long event_group = m.group_id ? m.group_id : m.granted_by_id;
    if (!rc && event_group) {
        Buf s = BUF_INIT;
        buf_printf(&s, "%s avslutades: %s (%s); gäller till och med %s.", m.delegation ? "Delegationen" : "Mandatet",
                   m.decides, m.holder_text, day);
        rc = group_event(db, event_group, who, "mandate_end", buf_cstr(&s), note, e);
        buf_free(&s);
    }
    mandate_free(&m);
    return rc;
}

ErrCode mandate_end(Db *db, const Actor *who, long long id, const char *on, const char *note, Err *e)
{
    GROUP_IN_TX(db, e, mandate_end_tx(db, who, id, on, note, e));
}

/* --- a group's power ------------------------------------------------------------------------------- */

typedef struct {
    long long id, unit_id;
    char *title, *name; /* person: title and name; unit: manager_title and manager_name */
} Holder;

static void holder_fill(Stmt *st, void *el)
{
    Holder *h = el;
    h->id = stmt_int(st, 0);
    h->unit_id = stmt_int(st, 1);
    h->title = xstrdup(stmt_text(st, 2));
    h->name = xstrdup(stmt_text(st, 3));
}

static void holder_release(void *el)
{
    Holder *h = el;
    free(h->title);
    free(h->name);
}

static void holders_free(Holder *h, size_t n)
{
    for (size_t i = 0; i < n; i++) holder_release(&h[i]);
    free(h);
}

static bool folded_equal(const char *a, const char *b)
{
    char *x = fold_lower(a), *y = fold_lower(b);
    bool eq = !strcmp(x, y);
    free(x);
    free(y);
    return eq;
}

static bool folded_prefix(const char *s, const char *prefix)
{
    char *x = fold_lower(s), *y = fold_lower(prefix);
    bool eq = *y && !strncmp(x, y, strlen(y));
    free(x);
    free(y);
    return eq;
}

/* Does this person manage the unit? Its named manager if the unit names one,
 * else a person of the unit whose title begins with the manager's title. */
static bool manages(const Holder *person, const Holder *units, size_t nunits, long long unit_id)
{
    if (person->unit_id != unit_id) return false;
    for (size_t i = 0; i < nunits; i++) {
        if (units[i].id != unit_id) continue;
        if (*units[i].name) return folded_equal(units[i].name, person->name);
        return folded_prefix(person->title, units[i].title);
    }
    return false;
}

static void mandate_copy(Mandate *dst, const Mandate *src)
{
    *dst = *src;
    dst->holder_text = xstrdup(src->holder_text);
    dst->decides = xstrdup(src->decides);
    dst->granted_by = xstrdup(src->granted_by);
    dst->decision_ref = xstrdup(src->decision_ref);
    dst->from_date = xstrdup(src->from_date);
    dst->to_date = xstrdup(src->to_date);
    dst->ended_at = xstrdup(src->ended_at);
    dst->ended_by = xstrdup(src->ended_by);
    dst->end_note = xstrdup(src->end_note);
}

static void item_add(PowerItem **items, size_t *n, long long member_id, const char *person, GroupRole role,
                     const Mandate *md, const char *via)
{
    *items = xrealloc(*items, (*n + 1) * sizeof **items);
    PowerItem *it = &(*items)[(*n)++];
    it->member_id = member_id;
    it->person_name = xstrdup(person);
    it->role = role;
    it->via = xstrdup(via);
    mandate_copy(&it->mandate, md);
}

static void power_add(GroupPower *p, const GroupMember *m, const Mandate *md, const char *via)
{
    item_add(&p->items, &p->n, m->id, m->person_name, m->role, md, via);
}

static void set_note(GroupPower *p, const Group *g)
{
    Buf b = BUF_INIT;
    if (g->type == GT_NAMND) {
        buf_puts(&b, "Nämnden beslutar som organ inom de mandat den har fått");
        buf_puts(&b, p->nown ? " (se egna mandat)." : ", men inga sådana är registrerade.");
        if (p->n) buf_puts(&b, " Ledamöterna bär dessutom de mandat som listas.");
    } else {
        buf_puts(&b, "Gruppen fattar inga beslut i egen kraft: dess beslutskraft är de mandat som dess nuvarande "
                     "ledamöter bär");
        buf_puts(&b, p->n ? "." : ", och inga sådana mandat är registrerade.");
        if (p->nown) buf_puts(&b, " Som organ har gruppen därtill egna mandat (se egna mandat).");
    }
    buf_cstr(&b);
    p->note = buf_take(&b);
}

/* What group_power and group_mandates read: the group, its members as of
 * the day, every mandate, its members' people and the units' managers. */
typedef struct {
    Group g;
    GroupMember *m;
    Mandate *md;
    Holder *people, *units;
    size_t nm, nmd, np, nu;
} PowerData;

static void power_data_free(PowerData *d)
{
    group_members_free(d->m, d->nm);
    mandate_list_free(d->md, d->nmd);
    holders_free(d->people, d->np);
    holders_free(d->units, d->nu);
    group_free(&d->g);
    memset(d, 0, sizeof *d);
}

static ErrCode power_load(Db *db, long long group_id, const char *day, PowerData *d, Err *e)
{
    memset(d, 0, sizeof *d);
    if (group_get(db, group_id, &d->g, e)) return e->code;
    if (group_members(db, group_id, day, &d->m, &d->nm, e) || mandate_list(db, &d->md, &d->nmd, e) ||
        db_rows(db, e,
                "SELECT DISTINCT p.id, COALESCE(p.unit_id, 0), p.title, p.name FROM people p "
                "JOIN group_members m ON m.person_id = p.id WHERE m.group_id = :g",
                DB_ARGS(DB_INT(":g", group_id)), sizeof *d->people, holder_fill, holder_release,
                (void **)&d->people, &d->np) ||
        db_rows(db, e, "SELECT id, id, manager_title, manager_name FROM units", NULL, sizeof *d->units, holder_fill,
                holder_release, (void **)&d->units, &d->nu)) {
        power_data_free(d);
        return e->code;
    }
    return ERR_OK;
}

/* Does the current member m carry x — by their role in the group, in
 * person or as the manager of its unit? The way goes into via. */
static bool member_carries(const PowerData *d, const GroupMember *m, const Mandate *x, char *via, size_t size)
{
    const Holder *person = NULL;
    for (size_t k = 0; k < d->np; k++)
        if (d->people[k].id == m->person_id) person = &d->people[k];
    if (x->holder == MH_GROUP_ROLE && x->group_id == d->g.id && x->role == m->role) {
        snprintf(via, size, "som %s i gruppen", group_role_key(m->role));
    } else if (x->holder == MH_PERSON && x->person_id == m->person_id) {
        snprintf(via, size, "personligt mandat");
    } else if (x->holder == MH_UNIT_MANAGER && person && manages(person, d->units, d->nu, x->unit_id)) {
        snprintf(via, size, "som %s", x->holder_text);
    } else {
        return false;
    }
    return true;
}

ErrCode group_power(Db *db, long long group_id, const char *today, GroupPower *out, Err *e)
{
    memset(out, 0, sizeof *out);
    char day[11];
    group_today(today, day);
    PowerData d;
    if (power_load(db, group_id, day, &d, e)) return e->code;
    for (size_t i = 0; i < d.nm; i++) {
        if (!d.m[i].current) continue;
        for (size_t k = 0; k < d.nmd; k++) {
            char via[300];
            if (mandate_in_force(&d.md[k], day) && member_carries(&d, &d.m[i], &d.md[k], via, sizeof via))
                power_add(out, &d.m[i], &d.md[k], via);
        }
    }
    for (size_t k = 0; k < d.nmd; k++) {
        if (d.md[k].holder != MH_GROUP || d.md[k].group_id != group_id || !mandate_in_force(&d.md[k], day)) continue;
        out->own = xrealloc(out->own, (out->nown + 1) * sizeof *out->own);
        mandate_copy(&out->own[out->nown++], &d.md[k]);
    }
    set_note(out, &d.g);
    power_data_free(&d);
    return ERR_OK;
}

/* Held by the group or a role in it, given by it, or carried by a current member. */
static bool belongs(const PowerData *d, const Mandate *x)
{
    if (x->group_id == d->g.id || x->granted_by_id == d->g.id) return true;
    char via[300];
    for (size_t i = 0; i < d->nm; i++)
        if (d->m[i].current && member_carries(d, &d->m[i], x, via, sizeof via)) return true;
    return false;
}

ErrCode group_mandates(Db *db, long long group_id, const char *today, Mandate **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    char day[11];
    group_today(today, day);
    PowerData d;
    if (power_load(db, group_id, day, &d, e)) return e->code;
    for (size_t k = 0; k < d.nmd; k++) {
        if (!belongs(&d, &d.md[k])) continue;
        *out = xrealloc(*out, (*n + 1) * sizeof **out);
        mandate_copy(&(*out)[(*n)++], &d.md[k]);
    }
    power_data_free(&d);
    return ERR_OK;
}

void power_items_free(PowerItem *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(p[i].person_name);
        free(p[i].via);
        mandate_free(&p[i].mandate);
    }
    free(p);
}

void group_power_free(GroupPower *p)
{
    if (!p) return;
    power_items_free(p->items, p->n);
    mandate_list_free(p->own, p->nown);
    free(p->note);
    memset(p, 0, sizeof *p);
}

/* --- a person's power ------------------------------------------------------------------------------ */

/* The mandate `x` as one the person carries, with the way they carry it in
 * `via`; false when it is not theirs. */
static bool carries(const Mandate *x, const Holder *person, const GroupMember *m, size_t nm, const Holder *units,
                    size_t nu, char *via, size_t size, long long *member_id)
{
    *member_id = 0;
    if (x->holder == MH_PERSON && x->person_id == person->id) {
        snprintf(via, size, "personligt mandat");
        return true;
    }
    if (x->holder == MH_UNIT_MANAGER && manages(person, units, nu, x->unit_id)) {
        snprintf(via, size, "som %s", x->holder_text);
        return true;
    }
    for (size_t i = 0; x->holder == MH_GROUP_ROLE && i < nm; i++) {
        if (!m[i].current || m[i].group_id != x->group_id || m[i].role != x->role) continue;
        snprintf(via, size, "som %s i %s", group_role_key(m[i].role), m[i].group_name);
        *member_id = m[i].id;
        return true;
    }
    return false;
}

ErrCode person_power(Db *db, long long person_id, const char *today, PowerItem **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    char day[11];
    group_today(today, day);
    GroupMember *m = NULL;
    Mandate *md = NULL;
    Holder *person = NULL, *units = NULL;
    size_t nm = 0, nmd = 0, np = 0, nu = 0;
    ErrCode rc = ERR_OK;
    if (db_rows(db, e, "SELECT id, COALESCE(unit_id, 0), title, name FROM people WHERE id = :p",
                DB_ARGS(DB_INT(":p", person_id)), sizeof *person, holder_fill, holder_release, (void **)&person, &np) ||
        person_groups(db, person_id, day, &m, &nm, e) || mandate_list(db, &md, &nmd, e) ||
        db_rows(db, e, "SELECT id, id, manager_title, manager_name FROM units", NULL, sizeof *units, holder_fill,
                holder_release, (void **)&units, &nu)) {
        rc = e->code;
    } else if (!np) {
        rc = err_set(e, ERR_NOTFOUND, "okänd person (id %lld)", person_id);
    }
    for (size_t k = 0; !rc && k < nmd; k++) {
        char via[300];
        long long member_id;
        if (!mandate_in_force(&md[k], day) || !carries(&md[k], person, m, nm, units, nu, via, sizeof via, &member_id))
            continue;
        GroupRole role = GR_LEDAMOT;
        for (size_t i = 0; i < nm; i++)
            if (m[i].id == member_id) role = m[i].role;
        item_add(out, n, member_id, person->name, role, &md[k], via);
    }
    group_members_free(m, nm);
    mandate_list_free(md, nmd);
    holders_free(person, np);
    holders_free(units, nu);
    if (rc) {
        power_items_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}
