/*
 * group_group.c — groups themselves: types, adding (and linking a group to
 * the body cases name), finding, listing, RMKS approval of an LPO, the path
 * a group reports along, and the group events (written and read); plus the
 * small helpers the other group_*.c files share (group_internal.h).
 *
 * Must not: decide anything about members or commissions (group_member.c,
 * group_commission.c), or print.
 */
#include "core/group_internal.h"
#include "base/buf.h"
#include "base/collate.h"
#include "base/text.h"
#include "core/body.h"
#include "core/freetext.h"
#include "core/org.h"

#include <stdlib.h>
#include <string.h>

/* --- shared helpers --------------------------------------------------------------------- */

const char *group_today(const char *today, char buf[11])
{
    if (today && *today) {
        snprintf(buf, 11, "%s", today);
    } else {
        iso_today(buf);
    }
    return buf;
}

ErrCode group_date_check(const char *field, const char *value, Err *e)
{
    if (!value || !*value || iso_date_valid(value)) return ERR_OK;
    return err_set(e, ERR_INVALID, "%s ska vara ett datum ÅÅÅÅ-MM-DD, inte '%s'.", field, value);
}

char *group_keyword_fold(const char *s)
{
    char *t = trim_dup(s ? s : "");
    char *low = fold_lower(t);
    free(t);
    Buf b = BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)low; *p; p++) {
        if (p[0] == 0xC3 && (p[1] == 0xA5 || p[1] == 0xA4)) { /* å ä */
            buf_putc(&b, 'a');
            p++;
        } else if (p[0] == 0xC3 && p[1] == 0xB6) { /* ö */
            buf_putc(&b, 'o');
            p++;
        } else if (p[0] == 0xC3 && p[1] == 0xA9) { /* é */
            buf_putc(&b, 'e');
            p++;
        } else if (*p == '_' || *p == '-') {
            buf_putc(&b, ' ');
        } else {
            buf_putc(&b, (char)*p);
        }
    }
    free(low);
    buf_cstr(&b);
    return buf_take(&b);
}

bool group_all_digits(const char *s)
{
    if (!s || !*s) return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return false;
    return true;
}

typedef struct {
    long long id;
    char *name;
} IdName;

static void idname_fill(Stmt *st, void *el)
{
    IdName *x = el;
    x->id = stmt_int(st, 0);
    x->name = xstrdup(stmt_text(st, 1));
}

static void idname_release(void *el)
{
    free(((IdName *)el)->name);
}

ErrCode group_person_ref(Db *db, const char *ref, long long *id, char **name_out, Err *e)
{
    if (is_blank(ref)) return err_set(e, ERR_INVALID, "Ange en person (id eller namn).");
    IdName *rows;
    size_t n;
    if (group_all_digits(ref)) {
        if (db_rows(db, e, "SELECT id, name FROM people WHERE id = :id", DB_ARGS(DB_INT(":id", atoll(ref))),
                    sizeof *rows, idname_fill, idname_release, (void **)&rows, &n))
            return e->code;
    } else {
        char *t = trim_dup(ref), *key = fold_lower(t);
        free(t);
        ErrCode rc = db_rows(db, e, "SELECT id, name FROM people WHERE name_key = :k ORDER BY id",
                             DB_ARGS(DB_TEXT(":k", key)), sizeof *rows, idname_fill, idname_release, (void **)&rows,
                             &n);
        free(key);
        if (rc) return rc;
    }
    ErrCode rc = ERR_OK;
    if (n == 0) {
        rc = err_set(e, ERR_NOTFOUND, "okänd person '%s'", ref);
    } else if (n > 1) {
        Buf ids = BUF_INIT;
        for (size_t i = 0; i < n; i++) buf_printf(&ids, "%s%lld", i ? ", " : "", rows[i].id);
        rc = err_set(e, ERR_INVALID, "flera personer heter '%s' (id %s); ange id", ref, buf_cstr(&ids));
        buf_free(&ids);
    } else {
        *id = rows[0].id;
        if (name_out) *name_out = xstrdup(rows[0].name);
    }
    for (size_t i = 0; i < n; i++) idname_release(&rows[i]);
    free(rows);
    return rc;
}

ErrCode group_event(Db *db, long long group_id, const Actor *who, const char *kind, const char *summary,
                    const char *note, Err *e)
{
    char now[32];
    iso_now(now);
    return db_exec(db, e,
                   "INSERT INTO group_events (group_id, at, user_id, kind, summary, note) "
                   "VALUES (:g, :at, :u, :k, :s, :n)",
                   DB_ARGS(DB_INT(":g", group_id), DB_TEXT(":at", now),
                           who && who->id ? DB_INT(":u", who->id) : DB_NULL(":u"), DB_TEXT(":k", kind),
                           DB_TEXT(":s", summary), DB_TEXT(":n", note ? note : "")));
}

static void event_fill(Stmt *st, void *el)
{
    GroupEvent *h = el;
    h->id = stmt_int(st, 0);
    h->at = xstrdup(stmt_text(st, 1));
    h->user = xstrdup(stmt_text(st, 2));
    h->kind = xstrdup(stmt_text(st, 3));
    h->summary = xstrdup(stmt_text(st, 4));
    h->note = xstrdup(stmt_text(st, 5));
}

static void event_release(void *el)
{
    GroupEvent *h = el;
    free(h->at);
    free(h->user);
    free(h->kind);
    free(h->summary);
    free(h->note);
}

ErrCode group_history(Db *db, long long group_id, GroupEvent **out, size_t *n, Err *e)
{
    return db_rows(db, e,
                   "SELECT ev.id, ev.at, COALESCE(u.display_name, ''), ev.kind, ev.summary, ev.note "
                   "FROM group_events ev LEFT JOIN users u ON u.id = ev.user_id WHERE ev.group_id = :g "
                   "ORDER BY ev.id DESC",
                   DB_ARGS(DB_INT(":g", group_id)), sizeof **out, event_fill, event_release, (void **)out, n);
}

void group_history_free(GroupEvent *h, size_t n)
{
    for (size_t i = 0; i < n; i++) event_release(&h[i]);
    free(h);
}

/* --- types -------------------------------------------------------------------------------- */

static const struct {
    const char *key, *label;
    bool patient_rep, multiprofessional; /* defaults */
} types[GT_N] = {
    [GT_NAMND] = {"nämnd", "Nämnd", false, false},
    [GT_KONCERNLEDNINGSGRUPP] = {"koncernledningsgrupp", "Koncernledningsgrupp", false, false},
    [GT_SAMORDNINGSRAD] = {"samordningsråd", "Samordningsråd", false, false},
    [GT_SAMORDNANDE_GRUPP] = {"samordnande grupp", "Samordnande grupp", false, false},
    [GT_FUNKTIONSGRUPP] = {"funktionsgrupp", "Funktionsgrupp", false, false},
    [GT_SAKKUNNIGGRUPP] = {"sakkunniggrupp", "Sakkunniggrupp", false, false},
    [GT_LAGSTADGAD_GRUPP] = {"lagstadgad grupp", "Lagstadgad grupp", false, false},
    [GT_KUNDRAD] = {"kundråd", "Kundråd", false, false},
    [GT_RAD] = {"råd", "Råd", false, false},
    [GT_RPO] = {"RPO", "Regionalt programområde (RPO)", false, true},
    [GT_LPO] = {"LPO", "Lokalt programområde (LPO)", false, true},
    [GT_LAG] = {"LAG", "Lokal arbetsgrupp (LAG)", true, true},
    [GT_NATVERK] = {"nätverk", "Nätverk", false, false},
    [GT_LEDNINGSGRUPP] = {"ledningsgrupp", "Ledningsgrupp", false, false},
};

const char *group_type_key(GroupType t)
{
    return t >= 0 && t < GT_N ? types[t].key : "";
}

const char *group_type_label(GroupType t)
{
    return t >= 0 && t < GT_N ? types[t].label : "";
}

bool group_type_parse(const char *s, GroupType *out)
{
    char *want = group_keyword_fold(s);
    bool found = false;
    for (int i = 0; i < GT_N && !found; i++) {
        char *k = group_keyword_fold(types[i].key);
        if (!strcmp(k, want)) {
            *out = (GroupType)i;
            found = true;
        }
        free(k);
    }
    free(want);
    return found;
}

const char *group_type_keys(void)
{
    return "nämnd, koncernledningsgrupp, samordningsråd, samordnande grupp, funktionsgrupp, sakkunniggrupp, "
           "lagstadgad grupp, kundråd, råd, RPO, LPO, LAG, nätverk, ledningsgrupp";
}

/* --- reading ------------------------------------------------------------------------------- */

#define GROUP_SELECT                                                                                               \
    "SELECT g.id, g.type, g.name, g.short_name, g.description, COALESCE(g.parent_id, 0), "                         \
    "COALESCE(g.reports_to_id, 0), COALESCE(g.unit_id, 0), COALESCE(g.body_id, 0), COALESCE(p.name, ''), "        \
    "COALESCE(r.name, ''), COALESCE(u.name, ''), g.seeks_patient_rep, g.has_municipal_parts, "                     \
    "g.multiprofessional, g.rmks_approved_on, "                                                                    \
    "(SELECT count(*) FROM group_members m WHERE m.group_id = g.id AND m.ended_on = '' "                           \
    "  AND (m.from_date = '' OR m.from_date <= :today)) "                                                          \
    "FROM groups g LEFT JOIN groups p ON p.id = g.parent_id LEFT JOIN groups r ON r.id = g.reports_to_id "         \
    "LEFT JOIN units u ON u.id = g.unit_id "

void group_free(Group *g)
{
    if (!g) return;
    free(g->name);
    free(g->short_name);
    free(g->description);
    free(g->parent_name);
    free(g->reports_to_name);
    free(g->unit_name);
    free(g->rmks_approved_on);
    memset(g, 0, sizeof *g);
}

static void group_release(void *el)
{
    group_free(el);
}

static void group_fill(Stmt *st, void *el)
{
    Group *g = el;
    g->id = stmt_int(st, 0);
    if (!group_type_parse(stmt_text(st, 1), &g->type)) g->type = GT_RAD;
    g->name = xstrdup(stmt_text(st, 2));
    g->short_name = xstrdup(stmt_text(st, 3));
    g->description = xstrdup(stmt_text(st, 4));
    g->parent_id = stmt_int(st, 5);
    g->reports_to_id = stmt_int(st, 6);
    g->unit_id = stmt_int(st, 7);
    g->body_id = stmt_int(st, 8);
    g->parent_name = xstrdup(stmt_text(st, 9));
    g->reports_to_name = xstrdup(stmt_text(st, 10));
    g->unit_name = xstrdup(stmt_text(st, 11));
    g->seeks_patient_rep = stmt_int(st, 12) != 0;
    g->has_municipal_parts = stmt_int(st, 13) != 0;
    g->multiprofessional = stmt_int(st, 14) != 0;
    g->rmks_approved_on = xstrdup(stmt_text(st, 15));
    g->nmembers = (int)stmt_int(st, 16);
}

static int by_type_and_name(const void *a, const void *b)
{
    const Group *x = a, *y = b;
    if (x->type != y->type) return x->type < y->type ? -1 : 1;
    int c = sv_compare(x->name, y->name);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

ErrCode group_list(Db *db, const char *today, Group **out, size_t *n, Err *e)
{
    char day[11];
    if (db_rows(db, e, GROUP_SELECT "ORDER BY g.id", DB_ARGS(DB_TEXT(":today", group_today(today, day))),
                sizeof **out, group_fill, group_release, (void **)out, n))
        return e->code;
    if (*n) qsort(*out, *n, sizeof **out, by_type_and_name);
    return ERR_OK;
}

void group_list_free(Group *g, size_t n)
{
    for (size_t i = 0; i < n; i++) group_free(&g[i]);
    free(g);
}

ErrCode group_get(Db *db, long long id, Group *out, Err *e)
{
    Group *rows;
    size_t n;
    char day[11];
    if (db_rows(db, e, GROUP_SELECT "WHERE g.id = :id",
                DB_ARGS(DB_INT(":id", id), DB_TEXT(":today", group_today(NULL, day))), sizeof *rows, group_fill,
                group_release, (void **)&rows, &n))
        return e->code;
    if (n == 0) {
        free(rows);
        return err_set(e, ERR_NOTFOUND, "Gruppen finns inte (id %lld).", id);
    }
    *out = rows[0];
    free(rows);
    return ERR_OK;
}

ErrCode group_find(Db *db, const char *ref, Group *out, Err *e)
{
    if (is_blank(ref)) return err_set(e, ERR_INVALID, "Ange en grupp (id, kortnamn eller namn).");
    if (group_all_digits(ref)) {
        Err q = ERR_INIT;
        if (group_get(db, atoll(ref), out, &q) == ERR_OK) return ERR_OK;
        if (q.code != ERR_NOTFOUND) return *e = q, q.code;
    }
    IdName *rows;
    size_t n;
    if (db_rows(db, e, "SELECT id, name FROM groups UNION ALL SELECT id, short_name FROM groups WHERE short_name <> ''",
                NULL, sizeof *rows, idname_fill, idname_release, (void **)&rows, &n))
        return e->code;
    char *want = group_keyword_fold(ref);
    long long found = 0;
    for (size_t i = 0; i < n && !found; i++) {
        char *k = group_keyword_fold(rows[i].name);
        if (!strcmp(k, want)) found = rows[i].id;
        free(k);
    }
    free(want);
    for (size_t i = 0; i < n; i++) idname_release(&rows[i]);
    free(rows);
    if (!found) return err_set(e, ERR_NOTFOUND, "okänd grupp '%s'", ref);
    return group_get(db, found, out, e);
}

/* --- adding -------------------------------------------------------------------------------- */

ErrCode group_check_unique(Db *db, long long except, const char *name, const char *short_name, Err *e)
{
    IdName *rows;
    size_t n;
    if (db_rows(db, e,
                "SELECT id, name FROM groups WHERE id <> :x "
                "UNION ALL SELECT id, short_name FROM groups WHERE short_name <> '' AND id <> :x",
                DB_ARGS(DB_INT(":x", except)), sizeof *rows, idname_fill, idname_release, (void **)&rows, &n))
        return e->code;
    char *kn = group_keyword_fold(name), *ks = group_keyword_fold(short_name);
    ErrCode rc = ERR_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        char *k = group_keyword_fold(rows[i].name);
        if (!strcmp(k, kn)) rc = err_set(e, ERR_CONFLICT, "Det finns redan en grupp som heter '%s'.", name);
        else if (*ks && !strcmp(k, ks))
            rc = err_set(e, ERR_CONFLICT, "Kortnamnet '%s' används redan av en annan grupp.", short_name);
        free(k);
    }
    free(kn);
    free(ks);
    for (size_t i = 0; i < n; i++) idname_release(&rows[i]);
    free(rows);
    return rc;
}

ErrCode group_body_for(Db *db, const char *short_name, const char *name, GroupType t, long long *body_id, Err *e)
{
    if (is_blank(short_name))
        return err_set(e, ERR_INVALID, "En grupp som förankrar och beslutar i ärenden (organ) behöver ett kortnamn.");
    Err q = ERR_INIT;
    long long id = db_int(db, &q, "SELECT id FROM bodies WHERE short = :s", DB_ARGS(DB_TEXT(":s", short_name)), 0);
    if (q.code) return *e = q, q.code;
    if (id) {
        char *owner = db_text(db, &q, "SELECT name FROM groups WHERE body_id = :b", DB_ARGS(DB_INT(":b", id)));
        if (owner) {
            err_set(e, ERR_CONFLICT, "Organet '%s' hör redan till gruppen '%s'.", short_name, owner);
            free(owner);
            return e->code;
        }
        if (q.code) return *e = q, q.code;
    } else {
        if (body_add(db, short_name, name, group_type_key(t), e)) return e->code;
        id = db_int(db, &q, "SELECT id FROM bodies WHERE short = :s", DB_ARGS(DB_TEXT(":s", short_name)), 0);
        if (q.code || !id) return q.code ? (*e = q, q.code) : err_set(e, ERR_INTERNAL, "organet kunde inte sparas");
    }
    *body_id = id;
    return ERR_OK;
}

static int flag(int given, bool fallback)
{
    return given < 0 ? (fallback ? 1 : 0) : given ? 1 : 0;
}

ErrCode group_add_tx(Db *db, const Actor *who, const GroupNew *in, long long *id, Err *e)
{
    GroupType t;
    if (is_blank(in->type)) return err_set(e, ERR_INVALID, "Ange gruppens typ (%s).", group_type_keys());
    if (!group_type_parse(in->type, &t))
        return err_set(e, ERR_INVALID, "okänd grupptyp '%s'; välj en av: %s", in->type, group_type_keys());
    if (freetext_check("Gruppens namn", in->name, 200, true, e) ||
        freetext_check("Kortnamn", in->short_name, 32, false, e) ||
        freetext_check("Beskrivning", in->description, 4000, false, e) ||
        group_date_check("Datum för RMKS godkännande", in->rmks_approved_on, e))
        return e->code;
    if (group_all_digits(in->name) || group_all_digits(in->short_name))
        return err_set(e, ERR_INVALID, "Gruppens namn och kortnamn får inte vara bara siffror (de läses som id).");
    if (!is_blank(in->rmks_approved_on) && t != GT_LPO)
        return err_set(e, ERR_INVALID, "RMKS godkänner sammansättningen av lokala programområden (LPO), inte av en %s.",
                       group_type_key(t));
    char *name = trim_dup(in->name), *short_name = trim_dup(in->short_name ? in->short_name : "");
    char *desc = trim_dup(in->description ? in->description : "");
    long long parent = 0, reports = 0, unit = 0, body = 0;
    Group g;
    Unit u;
    ErrCode rc = group_check_unique(db, 0, name, short_name, e);
    if (!rc && !is_blank(in->parent)) {
        if (!(rc = group_find(db, in->parent, &g, e))) parent = g.id, group_free(&g);
    }
    if (!rc && !is_blank(in->reports_to)) {
        if (!(rc = group_find(db, in->reports_to, &g, e))) reports = g.id, group_free(&g);
    }
    if (!rc && !is_blank(in->unit)) {
        if (!(rc = unit_find(db, in->unit, &u, e))) unit = u.id, unit_free(&u);
    }
    if (!rc && in->body) rc = group_body_for(db, short_name, name, t, &body, e);
    char now[32];
    iso_now(now);
    long long got = -1;
    if (!rc) {
        Err q = ERR_INIT;
        got = db_int(db, &q,
                     "INSERT INTO groups (type, name, short_name, description, parent_id, reports_to_id, unit_id, "
                     "body_id, seeks_patient_rep, has_municipal_parts, multiprofessional, rmks_approved_on, "
                     "created_at) VALUES (:t, :n, :s, :d, :p, :r, :u, :b, :spr, :hmp, :mp, :rmks, :now) RETURNING id",
                     DB_ARGS(DB_TEXT(":t", group_type_key(t)), DB_TEXT(":n", name), DB_TEXT(":s", short_name),
                             DB_TEXT(":d", desc), parent ? DB_INT(":p", parent) : DB_NULL(":p"),
                             reports ? DB_INT(":r", reports) : DB_NULL(":r"), unit ? DB_INT(":u", unit) : DB_NULL(":u"),
                             body ? DB_INT(":b", body) : DB_NULL(":b"),
                             DB_INT(":spr", flag(in->seeks_patient_rep, types[t].patient_rep)),
                             DB_INT(":hmp", flag(in->has_municipal_parts, false)),
                             DB_INT(":mp", flag(in->multiprofessional, types[t].multiprofessional)),
                             DB_TEXT(":rmks", in->rmks_approved_on ? in->rmks_approved_on : ""), DB_TEXT(":now", now)),
                     -1);
        if (got < 0) rc = q.code ? (*e = q, q.code) : err_set(e, ERR_INTERNAL, "gruppen kunde inte sparas");
    }
    if (!rc) {
        char summary[400];
        snprintf(summary, sizeof summary, "Gruppen lades upp (%s)%s.", group_type_label(t),
                 body ? ", förankrar och beslutar i ärenden som organ" : "");
        rc = group_event(db, got, who, "created", summary, NULL, e);
    }
    if (!rc && id) *id = got;
    free(name);
    free(short_name);
    free(desc);
    return rc;
}

ErrCode group_add(Db *db, const Actor *who, const GroupNew *in, long long *id, Err *e)
{
    GROUP_IN_TX(db, e, group_add_tx(db, who, in, id, e));
}

ErrCode group_set_rmks_approval_tx(Db *db, const Actor *who, long long id, const char *date, Err *e)
{
    Group g;
    if (group_get(db, id, &g, e)) return e->code;
    ErrCode rc = ERR_OK;
    if (g.type != GT_LPO)
        rc = err_set(e, ERR_INVALID, "RMKS godkänner sammansättningen av lokala programområden (LPO); '%s' är en %s.",
                     g.name, group_type_key(g.type));
    else if (is_blank(date) || !iso_date_valid(date))
        rc = err_set(e, ERR_INVALID, "Ange dagen då RMKS godkände sammansättningen (ÅÅÅÅ-MM-DD).");
    if (!rc)
        rc = db_exec(db, e, "UPDATE groups SET rmks_approved_on = :d WHERE id = :id",
                     DB_ARGS(DB_TEXT(":d", date), DB_INT(":id", id)));
    if (!rc) {
        char summary[200];
        snprintf(summary, sizeof summary, "RMKS godkände sammansättningen %s.", date);
        rc = group_event(db, id, who, "approval", summary, NULL, e);
    }
    group_free(&g);
    return rc;
}

ErrCode group_set_rmks_approval(Db *db, const Actor *who, long long id, const char *date, Err *e)
{
    GROUP_IN_TX(db, e, group_set_rmks_approval_tx(db, who, id, date, e));
}

/* --- paths and bodies ---------------------------------------------------------------------------- */

ErrCode group_report_path(Db *db, long long id, Group **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    Group g;
    if (group_get(db, id, &g, e)) return e->code;
    long long seen[64];
    size_t nseen = 0;
    seen[nseen++] = id;
    long long next = g.reports_to_id ? g.reports_to_id : g.parent_id;
    group_free(&g);
    while (next && nseen < sizeof seen / sizeof *seen) {
        bool again = false;
        for (size_t i = 0; i < nseen; i++) again |= seen[i] == next;
        if (again) break;
        if (group_get(db, next, &g, e)) {
            group_list_free(*out, *n);
            *out = NULL;
            *n = 0;
            return e->code;
        }
        seen[nseen++] = next;
        next = g.reports_to_id ? g.reports_to_id : g.parent_id;
        *out = xrealloc(*out, (*n + 1) * sizeof **out);
        (*out)[(*n)++] = g;
    }
    return ERR_OK;
}

typedef struct {
    long long id;
    char *short_name, *name, *kind;
} BodyRow;

static void bodyrow_fill(Stmt *st, void *el)
{
    BodyRow *b = el;
    b->id = stmt_int(st, 0);
    b->short_name = xstrdup(stmt_text(st, 1));
    b->name = xstrdup(stmt_text(st, 2));
    b->kind = xstrdup(stmt_text(st, 3));
}

static void bodyrow_release(void *el)
{
    BodyRow *b = el;
    free(b->short_name);
    free(b->name);
    free(b->kind);
}

ErrCode groups_from_bodies(Db *db, int *added, Err *e)
{
    BodyRow *b;
    size_t n;
    if (added) *added = 0;
    if (db_rows(db, e,
                "SELECT b.id, b.short, b.name, b.kind FROM bodies b "
                "WHERE NOT EXISTS (SELECT 1 FROM groups g WHERE g.body_id = b.id) ORDER BY b.id",
                NULL, sizeof *b, bodyrow_fill, bodyrow_release, (void **)&b, &n))
        return e->code;
    char now[32];
    iso_now(now);
    ErrCode rc = ERR_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        GroupType t;
        if (!group_type_parse(b[i].kind, &t)) t = GT_RAD;
        Group same;
        Err q = ERR_INIT;
        if (group_find(db, b[i].name, &same, &q) == ERR_OK) {
            /* A group of that name already: it becomes the body if it is none. */
            if (!same.body_id)
                rc = db_exec(db, e, "UPDATE groups SET body_id = :b WHERE id = :g",
                             DB_ARGS(DB_INT(":b", b[i].id), DB_INT(":g", same.id)));
            group_free(&same);
            continue;
        }
        if (q.code != ERR_NOTFOUND) {
            *e = q;
            rc = q.code;
            break;
        }
        rc = db_exec(db, e,
                     "INSERT INTO groups (type, name, short_name, body_id, seeks_patient_rep, multiprofessional, "
                     "created_at) VALUES (:t, :n, :s, :b, :spr, :mp, :now)",
                     DB_ARGS(DB_TEXT(":t", group_type_key(t)), DB_TEXT(":n", b[i].name),
                             DB_TEXT(":s", b[i].short_name), DB_INT(":b", b[i].id),
                             DB_INT(":spr", types[t].patient_rep), DB_INT(":mp", types[t].multiprofessional),
                             DB_TEXT(":now", now)));
        if (!rc && added) (*added)++;
    }
    for (size_t i = 0; i < n; i++) bodyrow_release(&b[i]);
    free(b);
    return rc;
}
