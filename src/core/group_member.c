/*
 * group_member.c — who sits in a group, in which role and for how long:
 * adding a member, changing a membership's role or term, ending a
 * membership (and, when a municipal representative leaves, the task for the
 * group's metodstöd of seed 001 §9), listing them.
 *
 * Must not: judge the composition (group_check.c does), or print.
 */
#include "core/group_internal.h"
#include "base/buf.h"
#include "base/collate.h"
#include "base/text.h"
#include "core/freetext.h"
#include "core/org.h"

#include <stdlib.h>
#include <string.h>

/* --- roles ------------------------------------------------------------------------------- */

static const char *const role_keys[GR_N] = {
    [GR_ORDFORANDE] = "ordförande",
    [GR_LEDAMOT] = "ledamot",
    [GR_ADJUNGERAD] = "adjungerad",
    [GR_METODSTOD] = "metodstöd",
    [GR_SEKRETERARE] = "sekreterare",
    [GR_KONTAKTPERSON] = "kontaktperson",
    [GR_KOMMUNAL] = "kommunal representant",
    [GR_PATIENT] = "patientföreträdare",
    [GR_BRUKAR] = "brukarföreträdare",
    [GR_NARSTAENDE] = "närståendeföreträdare",
};

const char *group_role_key(GroupRole r)
{
    return r >= 0 && r < GR_N ? role_keys[r] : "";
}

bool group_role_parse(const char *s, GroupRole *out)
{
    char *want = group_keyword_fold(s);
    bool found = false;
    for (int i = 0; i < GR_N && !found; i++) {
        char *k = group_keyword_fold(role_keys[i]);
        if (!strcmp(k, want)) {
            *out = (GroupRole)i;
            found = true;
        }
        free(k);
    }
    free(want);
    return found;
}

bool group_role_is_patient_rep(GroupRole r)
{
    return r == GR_PATIENT || r == GR_BRUKAR || r == GR_NARSTAENDE;
}

static const char *all_role_keys(void)
{
    return "ordförande, ledamot, adjungerad, metodstöd, sekreterare, kontaktperson, kommunal representant, "
           "patientföreträdare, brukarföreträdare, närståendeföreträdare";
}

/* --- listing -------------------------------------------------------------------------------- */

static void member_release(void *el)
{
    GroupMember *m = el;
    free(m->group_name);
    free(m->person_name);
    free(m->person_title);
    free(m->professions);
    free(m->municipality_name);
    free(m->from_date);
    free(m->to_date);
    free(m->ended_on);
    free(m->end_note);
}

static void member_fill(Stmt *st, void *el)
{
    GroupMember *m = el;
    m->id = stmt_int(st, 0);
    m->group_id = stmt_int(st, 1);
    m->person_id = stmt_int(st, 2);
    if (!group_role_parse(stmt_text(st, 3), &m->role)) m->role = GR_LEDAMOT;
    m->municipality_id = stmt_int(st, 4);
    m->person_name = xstrdup(stmt_text(st, 5));
    m->person_title = xstrdup(stmt_text(st, 6));
    m->municipality_name = xstrdup(stmt_text(st, 7));
    m->from_date = xstrdup(stmt_text(st, 8));
    m->to_date = xstrdup(stmt_text(st, 9));
    m->ended_on = xstrdup(stmt_text(st, 10));
    m->end_note = xstrdup(stmt_text(st, 11));
    m->group_name = xstrdup(stmt_text(st, 12));
    m->professions = NULL;
}

typedef struct {
    long long person;
    char *profession;
} Prof;

static void prof_fill(Stmt *st, void *el)
{
    Prof *p = el;
    p->person = stmt_int(st, 0);
    p->profession = xstrdup(stmt_text(st, 1));
}

static void prof_release(void *el)
{
    free(((Prof *)el)->profession);
}

static int by_prof(const void *a, const void *b)
{
    return sv_compare(((const Prof *)a)->profession, ((const Prof *)b)->profession);
}

static int member_order(const void *a, const void *b)
{
    const GroupMember *x = a, *y = b;
    if (x->current != y->current) return x->current ? -1 : 1;
    if (x->current) {
        if (x->role != y->role) return x->role < y->role ? -1 : 1;
        int c = sv_compare(x->person_name, y->person_name);
        return c ? c : (x->id > y->id) - (x->id < y->id);
    }
    const char *ex = *x->ended_on ? x->ended_on : x->from_date, *ey = *y->ended_on ? y->ended_on : y->from_date;
    int c = strcmp(ey, ex); /* newest first */
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* A person's memberships: current first (by group name), then the others,
 * newest end first. */
static int membership_order(const void *a, const void *b)
{
    const GroupMember *x = a, *y = b;
    if (x->current != y->current) return x->current ? -1 : 1;
    if (!x->current) return member_order(a, b);
    int c = sv_compare(x->group_name, y->group_name);
    return c ? c : x->role != y->role ? (x->role < y->role ? -1 : 1) : (x->id > y->id) - (x->id < y->id);
}

#define MEMBER_SELECT                                                                                              \
    "SELECT m.id, m.group_id, m.person_id, m.role, COALESCE(m.municipality_id, 0), p.name, p.title, "              \
    "COALESCE(k.official_name, ''), m.from_date, m.to_date, m.ended_on, m.end_note, g.name "                       \
    "FROM group_members m JOIN people p ON p.id = m.person_id JOIN groups g ON g.id = m.group_id "                 \
    "LEFT JOIN municipalities k ON k.id = m.municipality_id "

/* The memberships of one group (group_id) or of one person (person_id; the
 * other 0), with professions, current and term_passed as of `today`. */
static ErrCode members_of(Db *db, long long group_id, long long person_id, const char *today, GroupMember **out,
                          size_t *n, Err *e)
{
    char day[11];
    group_today(today, day);
    const DbArg *args = DB_ARGS(DB_INT(":g", group_id), DB_INT(":p", person_id));
    if (db_rows(db, e, MEMBER_SELECT "WHERE (:g = 0 OR m.group_id = :g) AND (:p = 0 OR m.person_id = :p) ORDER BY m.id",
                args, sizeof **out, member_fill, member_release, (void **)out, n))
        return e->code;
    Prof *p;
    size_t np;
    if (db_rows(db, e,
                "SELECT DISTINCT pp.person_id, pp.profession FROM person_professions pp "
                "JOIN group_members m ON m.person_id = pp.person_id "
                "WHERE (:g = 0 OR m.group_id = :g) AND (:p = 0 OR m.person_id = :p)",
                args, sizeof *p, prof_fill, prof_release, (void **)&p, &np)) {
        group_members_free(*out, *n);
        *out = NULL;
        return e->code;
    }
    if (np) qsort(p, np, sizeof *p, by_prof);
    for (size_t i = 0; i < *n; i++) {
        GroupMember *m = &(*out)[i];
        Buf b = BUF_INIT;
        for (size_t k = 0; k < np; k++)
            if (p[k].person == m->person_id) buf_printf(&b, "%s%s", b.len ? ", " : "", p[k].profession);
        buf_cstr(&b);
        m->professions = buf_take(&b);
        m->current = !*m->ended_on && (!*m->from_date || strcmp(m->from_date, day) <= 0);
        m->term_passed = m->current && *m->to_date && strcmp(m->to_date, day) < 0;
    }
    for (size_t k = 0; k < np; k++) prof_release(&p[k]);
    free(p);
    if (*n) qsort(*out, *n, sizeof **out, person_id ? membership_order : member_order);
    return ERR_OK;
}

ErrCode group_members(Db *db, long long group_id, const char *today, GroupMember **out, size_t *n, Err *e)
{
    return members_of(db, group_id, 0, today, out, n, e);
}

ErrCode person_groups(Db *db, long long person_id, const char *today, GroupMember **out, size_t *n, Err *e)
{
    if (person_id <= 0) return err_set(e, ERR_NOTFOUND, "okänd person (id %lld)", person_id);
    return members_of(db, 0, person_id, today, out, n, e);
}

void group_members_free(GroupMember *m, size_t n)
{
    for (size_t i = 0; i < n; i++) member_release(&m[i]);
    free(m);
}

/* --- adding ------------------------------------------------------------------------------------ */

static ErrCode member_municipality(Db *db, const MemberNew *in, GroupRole role, long long person,
                                   const char *person_name, long long *out, Err *e)
{
    *out = 0;
    if (role != GR_KOMMUNAL) {
        if (!is_blank(in->municipality))
            return err_set(e, ERR_INVALID, "Kommun anges bara för en kommunal representant, inte för en %s.",
                           group_role_key(role));
        return ERR_OK;
    }
    if (!is_blank(in->municipality)) {
        Municipality m;
        if (municipality_find(db, in->municipality, &m, e)) return e->code;
        *out = m.id;
        municipality_free(&m);
        return ERR_OK;
    }
    Err q = ERR_INIT;
    *out = db_int(db, &q, "SELECT COALESCE(municipality_id, 0) FROM people WHERE id = :p",
                  DB_ARGS(DB_INT(":p", person)), 0);
    if (q.code) return *e = q, q.code;
    if (!*out)
        return err_set(e, ERR_INVALID, "En kommunal representant representerar en kommun: ange vilken kommun %s representerar.",
                       person_name);
    return ERR_OK;
}

ErrCode group_member_add_tx(Db *db, const Actor *who, long long group_id, const MemberNew *in, long long *id,
                            Err *e)
{
    Group g;
    if (group_get(db, group_id, &g, e)) return e->code;
    group_free(&g);
    GroupRole role;
    if (is_blank(in->role)) return err_set(e, ERR_INVALID, "Ange en roll (%s).", all_role_keys());
    if (!group_role_parse(in->role, &role))
        return err_set(e, ERR_INVALID, "okänd roll '%s'; välj en av: %s", in->role, all_role_keys());
    if (group_date_check("Från-datum", in->from, e) || group_date_check("Till-datum", in->to, e)) return e->code;
    if (!is_blank(in->from) && !is_blank(in->to) && strcmp(in->to, in->from) < 0)
        return err_set(e, ERR_INVALID, "Till-datum (%s) ligger före från-datum (%s).", in->to, in->from);
    long long person;
    char *pname = NULL;
    if (group_person_ref(db, in->person, &person, &pname, e)) return e->code;
    long long muni;
    ErrCode rc = member_municipality(db, in, role, person, pname, &muni, e);
    Err q = ERR_INIT;
    if (!rc && db_exists(db, &q,
                         "SELECT 1 FROM group_members WHERE group_id = :g AND person_id = :p AND role = :r "
                         "AND ended_on = ''",
                         DB_ARGS(DB_INT(":g", group_id), DB_INT(":p", person), DB_TEXT(":r", group_role_key(role)))))
        rc = err_set(e, ERR_CONFLICT, "%s är redan %s i gruppen.", pname, group_role_key(role));
    if (!rc && q.code) rc = (*e = q, q.code);
    char now[32];
    iso_now(now);
    long long got = -1;
    if (!rc) {
        got = db_int(db, &q,
                     "INSERT INTO group_members (group_id, person_id, role, municipality_id, from_date, to_date, "
                     "created_at) VALUES (:g, :p, :r, :m, :f, :t, :now) RETURNING id",
                     DB_ARGS(DB_INT(":g", group_id), DB_INT(":p", person), DB_TEXT(":r", group_role_key(role)),
                             muni ? DB_INT(":m", muni) : DB_NULL(":m"), DB_TEXT(":f", in->from ? in->from : ""),
                             DB_TEXT(":t", in->to ? in->to : ""), DB_TEXT(":now", now)),
                     -1);
        if (got < 0) rc = q.code ? (*e = q, q.code) : err_set(e, ERR_INTERNAL, "medlemskapet kunde inte sparas");
    }
    if (!rc) {
        Buf s = BUF_INIT;
        buf_printf(&s, "%s blev %s", pname, group_role_key(role));
        if (!is_blank(in->from)) buf_printf(&s, " från %s", in->from);
        if (!is_blank(in->to)) buf_printf(&s, " till %s", in->to);
        buf_puts(&s, ".");
        rc = group_event(db, group_id, who, "member", buf_cstr(&s), NULL, e);
        buf_free(&s);
    }
    if (!rc && id) *id = got;
    free(pname);
    return rc;
}

ErrCode group_member_add(Db *db, const Actor *who, long long group_id, const MemberNew *in, long long *id, Err *e)
{
    GROUP_IN_TX(db, e, group_member_add_tx(db, who, group_id, in, id, e));
}

/* --- changing the role or the term ---------------------------------------------------------------- */

/* The membership `member_id` of the group, as of today; ERR_NOTFOUND naming the group. */
static ErrCode membership(Db *db, const Group *g, long long member_id, GroupMember **all, size_t *n,
                          const GroupMember **out, Err *e)
{
    *out = NULL;
    if (group_members(db, g->id, NULL, all, n, e)) return e->code;
    for (size_t i = 0; i < *n; i++)
        if ((*all)[i].id == member_id) *out = &(*all)[i];
    if (!*out) return err_set(e, ERR_NOTFOUND, "Gruppen '%s' har inget medlemskap med id %lld.", g->name, member_id);
    return ERR_OK;
}

/* "roll: ledamot → ordförande; till: öppet → 2026-12-31" — "" when nothing differs. */
static void describe_change(Buf *b, const GroupMember *x, GroupRole role, const char *to, long long muni,
                            const char *muni_name)
{
    if (role != x->role) buf_printf(b, "roll: %s → %s", group_role_key(x->role), group_role_key(role));
    if (strcmp(to, x->to_date))
        buf_printf(b, "%still: %s → %s", b->len ? "; " : "", *x->to_date ? x->to_date : "öppet", *to ? to : "öppet");
    if (muni && muni != x->municipality_id)
        buf_printf(b, "%skommun: %s", b->len ? "; " : "", muni_name);
}

static ErrCode change_checks(const MemberChange *in, const GroupMember *x, GroupRole *role, const char **to, Err *e)
{
    *role = x->role;
    *to = in->to ? in->to : x->to_date;
    if (*x->ended_on)
        return err_set(e, ERR_CONFLICT, "Uppdraget för %s som %s avslutades %s; ett avslutat uppdrag ändras inte.",
                       x->person_name, group_role_key(x->role), x->ended_on);
    if (in->role && !group_role_parse(in->role, role))
        return err_set(e, ERR_INVALID, "okänd roll '%s'; välj en av: %s", in->role, all_role_keys());
    if (group_date_check("Till-datum", *to, e) || freetext_check("Kommentar", in->note, 1000, false, e))
        return e->code;
    if (**to && *x->from_date && strcmp(*to, x->from_date) < 0)
        return err_set(e, ERR_INVALID, "Till-datum (%s) ligger före från-datum (%s).", *to, x->from_date);
    return ERR_OK;
}

ErrCode group_member_change_tx(Db *db, const Actor *who, long long group_id, long long member_id,
                               const MemberChange *in, bool *changed, Err *e)
{
    if (changed) *changed = false;
    Group g;
    if (group_get(db, group_id, &g, e)) return e->code;
    GroupMember *m = NULL;
    size_t n = 0;
    const GroupMember *x;
    GroupRole role;
    const char *to = NULL;
    long long muni = 0;
    ErrCode rc = membership(db, &g, member_id, &m, &n, &x, e);
    if (!rc) rc = change_checks(in, x, &role, &to, e);
    for (size_t i = 0; !rc && role != x->role && i < n; i++)
        if (m[i].id != x->id && m[i].person_id == x->person_id && m[i].role == role && !*m[i].ended_on)
            rc = err_set(e, ERR_CONFLICT, "%s är redan %s i gruppen.", x->person_name, group_role_key(role));
    if (!rc) { /* a kommunal representant keeps (or gets) a municipality; no other role has one */
        MemberNew mn = {NULL, NULL, in->municipality, NULL, NULL};
        if (role == GR_KOMMUNAL && !in->municipality && x->municipality_id) muni = x->municipality_id;
        else rc = member_municipality(db, &mn, role, x->person_id, x->person_name, &muni, e);
    }
    char *muni_name = NULL;
    Err q = ERR_INIT;
    if (!rc && muni)
        muni_name =
            db_text(db, &q, "SELECT official_name FROM municipalities WHERE id = :m", DB_ARGS(DB_INT(":m", muni)));
    if (!rc && q.code) rc = (*e = q, q.code);
    Buf what = BUF_INIT;
    if (!rc) describe_change(&what, x, role, to, muni, muni_name ? muni_name : "");
    if (!rc && what.len) {
        rc = db_exec(db, e, "UPDATE group_members SET role = :r, to_date = :t, municipality_id = :m WHERE id = :id",
                     DB_ARGS(DB_TEXT(":r", group_role_key(role)), DB_TEXT(":t", to),
                             muni ? DB_INT(":m", muni) : DB_NULL(":m"), DB_INT(":id", member_id)));
        Buf s = BUF_INIT;
        buf_printf(&s, "Uppdraget för %s ändrades: %s.", x->person_name, buf_cstr(&what));
        if (!rc)
            rc = group_event(db, group_id, who, "member_change", buf_cstr(&s), is_blank(in->note) ? NULL : in->note, e);
        if (!rc && changed) *changed = true;
        buf_free(&s);
    }
    buf_free(&what);
    free(muni_name);
    group_members_free(m, n);
    group_free(&g);
    return rc;
}

ErrCode group_member_change(Db *db, const Actor *who, long long group_id, long long member_id, const MemberChange *in,
                            bool *changed, Err *e)
{
    GROUP_IN_TX(db, e, group_member_change_tx(db, who, group_id, member_id, in, changed, e));
}

/* --- ending ------------------------------------------------------------------------------------- */

/* Seed 001 §9: when a municipal representative leaves, the LAG's metodstöd is
 * told, and agrees a possible successor with the chair; if needed the
 * områdeschef for Välfärd och folkhälsa is contacted. One task per current
 * metodstöd; without one, the chair gets it; without a chair, nobody yet. */
static ErrCode tell_metodstod(Db *db, const Actor *who, const Group *g, const GroupMember *left, const char *on,
                              int *ntasks, Err *e)
{
    GroupMember *m;
    size_t n;
    if (group_members(db, g->id, on, &m, &n, e)) return e->code;
    const GroupMember *chair = NULL;
    size_t nmetod = 0;
    for (size_t i = 0; i < n; i++) {
        if (!m[i].current || m[i].id == left->id) continue;
        if (m[i].role == GR_ORDFORANDE && !chair) chair = &m[i];
        if (m[i].role == GR_METODSTOD) nmetod++;
    }
    Buf text = BUF_INIT;
    buf_printf(&text, "%s, kommunal representant för %s, har lämnat %s (%s). ", left->person_name,
               *left->municipality_name ? left->municipality_name : "kommunen", g->name, on);
    if (chair) buf_printf(&text, "Stäm av med ordförande %s om en ny representant", chair->person_name);
    else buf_puts(&text, "Gruppen saknar ordförande: stäm av med den som leder arbetet om en ny representant");
    buf_puts(&text, "; vid behov kontaktas områdeschefen för Välfärd och folkhälsa, som utser kommunala "
                    "representanter via nätverken.");
    char link[64];
    snprintf(link, sizeof link, "/groups/%lld", g->id);
    ErrCode rc = ERR_OK;
    int made = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        if (!m[i].current || m[i].role != GR_METODSTOD || m[i].id == left->id) continue;
        if (!(rc = task_add_tx(db, m[i].person_id, g->id, buf_cstr(&text), link, NULL, e))) made++;
    }
    if (!rc && !nmetod) {
        if (!(rc = task_add_tx(db, chair ? chair->person_id : 0, g->id, buf_cstr(&text), link, NULL, e))) made++;
    }
    if (!rc) {
        char summary[300];
        snprintf(summary, sizeof summary, "%s om att %s har lämnat gruppen.",
                 nmetod ? "Uppgift till metodstöd" : chair ? "Gruppen saknar metodstöd; uppgift till ordförande"
                                                           : "Gruppen saknar metodstöd och ordförande; uppgift utan mottagare",
                 left->person_name);
        rc = group_event(db, g->id, who, "task", summary, NULL, e);
    }
    if (!rc && ntasks) *ntasks = made;
    buf_free(&text);
    group_members_free(m, n);
    return rc;
}

ErrCode group_member_end_tx(Db *db, const Actor *who, long long group_id, long long member_id, const char *on,
                            const char *note, int *ntasks, Err *e)
{
    if (ntasks) *ntasks = 0;
    char day[11];
    if (group_date_check("Slutdatum", on, e) || freetext_check("Kommentar", note, 1000, false, e)) return e->code;
    group_today(on, day);
    Group g;
    if (group_get(db, group_id, &g, e)) return e->code;
    GroupMember *m;
    size_t n;
    ErrCode rc = group_members(db, group_id, day, &m, &n, e);
    const GroupMember *x = NULL;
    for (size_t i = 0; !rc && i < n; i++)
        if (m[i].id == member_id) x = &m[i];
    if (!rc && !x) rc = err_set(e, ERR_NOTFOUND, "Gruppen '%s' har inget medlemskap med id %lld.", g.name, member_id);
    if (!rc && *x->ended_on)
        rc = err_set(e, ERR_CONFLICT, "Uppdraget för %s som %s avslutades redan %s.", x->person_name,
                     group_role_key(x->role), x->ended_on);
    if (!rc && *x->from_date && strcmp(day, x->from_date) < 0)
        rc = err_set(e, ERR_INVALID, "Slutdatum %s ligger före uppdragets start %s.", day, x->from_date);
    if (!rc)
        rc = db_exec(db, e,
                     "UPDATE group_members SET ended_on = :on, end_note = :n, "
                     "to_date = CASE WHEN to_date = '' OR to_date > :on THEN :on ELSE to_date END WHERE id = :id",
                     DB_ARGS(DB_TEXT(":on", day), DB_TEXT(":n", note ? note : ""), DB_INT(":id", member_id)));
    if (!rc) {
        char summary[400];
        snprintf(summary, sizeof summary, "Uppdraget för %s som %s avslutades %s.", x->person_name,
                 group_role_key(x->role), day);
        rc = group_event(db, group_id, who, "member_end", summary, note, e);
    }
    if (!rc && x->role == GR_KOMMUNAL) rc = tell_metodstod(db, who, &g, x, day, ntasks, e);
    group_members_free(m, n);
    group_free(&g);
    return rc;
}

ErrCode group_member_end(Db *db, const Actor *who, long long group_id, long long member_id, const char *on,
                         const char *note, int *ntasks, Err *e)
{
    GROUP_IN_TX(db, e, group_member_end_tx(db, who, group_id, member_id, on, note, ntasks, e));
}
