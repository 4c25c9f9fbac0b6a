/*
 * org_unit.c — the region's units as a tree: adding, renaming and moving
 * with the same validation (the parent exists and stands above, no unit under
 * its own descendant, siblings' names differ), finding by id, short name or
 * name in any case, and listing in tree order.
 *
 * Must not: open a transaction (org_import_csv holds one around many adds),
 * or know who decides what (core/decide*.c does).
 */
#include "core/org.h"
#include "base/buf.h"
#include "base/collate.h"
#include "base/text.h"
#include "core/freetext.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *key, *article;
} kinds[UNIT_KIND_N] = {
    [UNIT_REGION] = {"region", "en"},         [UNIT_FORVALTNING] = {"förvaltning", "en"},
    [UNIT_OMRADE] = {"område", "ett"},        [UNIT_VERKSAMHET] = {"verksamhet", "en"},
    [UNIT_ENHET] = {"enhet", "en"},
};

const char *unit_kind_key(UnitKind k)
{
    return k >= 0 && k < UNIT_KIND_N ? kinds[k].key : "enhet";
}

bool unit_kind_parse(const char *s, UnitKind *out)
{
    if (!s) return false;
    char *t = trim_dup(s);
    char *f = fold_lower(t);
    free(t);
    bool ok = false;
    for (int k = 0; k < UNIT_KIND_N && !ok; k++)
        if (!strcmp(f, kinds[k].key)) *out = (UnitKind)k, ok = true;
    if (!ok && !strcmp(f, "forvaltning")) *out = UNIT_FORVALTNING, ok = true;
    if (!ok && !strcmp(f, "omrade")) *out = UNIT_OMRADE, ok = true;
    free(f);
    return ok;
}

static UnitKind kind_from_db(const char *s)
{
    UnitKind k = UNIT_ENHET;
    unit_kind_parse(s, &k);
    return k;
}

/* --- reading ------------------------------------------------------------------ */

#define UNIT_COLUMNS                                                                                                  \
    "SELECT u.id, COALESCE(u.parent_id, 0), u.kind, u.name, u.short_name, u.manager_title, u.manager_name, "          \
    "COALESCE(p.name, '') FROM units u LEFT JOIN units p ON p.id = u.parent_id "

void unit_free(Unit *u)
{
    if (!u) return;
    free(u->name);
    free(u->short_name);
    free(u->manager_title);
    free(u->manager_name);
    free(u->parent_name);
    memset(u, 0, sizeof *u);
}

static void unit_release(void *el)
{
    unit_free(el);
}

static void unit_fill(Stmt *st, void *el)
{
    Unit *u = el;
    u->id = stmt_int(st, 0);
    u->parent_id = stmt_int(st, 1);
    u->kind = kind_from_db(stmt_text(st, 2));
    u->name = xstrdup(stmt_text(st, 3));
    u->short_name = xstrdup(stmt_text(st, 4));
    u->manager_title = xstrdup(stmt_text(st, 5));
    u->manager_name = xstrdup(stmt_text(st, 6));
    u->parent_name = xstrdup(stmt_text(st, 7));
    u->depth = 0;
}

void unit_list_free(Unit *u, size_t n)
{
    for (size_t i = 0; i < n; i++) unit_free(&u[i]);
    free(u);
}

static ErrCode units_where(Db *db, const char *where, const DbArg *args, Unit **out, size_t *n, Err *e)
{
    Buf sql = BUF_INIT;
    buf_printf(&sql, UNIT_COLUMNS "WHERE %s ORDER BY u.id", where);
    ErrCode rc = db_rows(db, e, buf_cstr(&sql), args, sizeof **out, unit_fill, unit_release, (void **)out, n);
    buf_free(&sql);
    return rc;
}

ErrCode unit_get(Db *db, long long id, Unit *out, Err *e)
{
    memset(out, 0, sizeof *out);
    Unit *u;
    size_t n;
    if (units_where(db, "u.id = :id", DB_ARGS(DB_INT(":id", id)), &u, &n, e)) return e->code;
    if (!n) {
        free(u);
        return err_set(e, ERR_NOTFOUND, "okänd enhet (id %lld)", id);
    }
    *out = u[0];
    free(u);
    return ERR_OK;
}

/* Exactly one of `n` candidates, or a message naming them all. */
static ErrCode take_one(Unit *u, size_t n, const char *ref, Unit *out, Err *e)
{
    if (n == 1) {
        *out = u[0];
        free(u);
        return ERR_OK;
    }
    Buf all = BUF_INIT;
    for (size_t i = 0; i < n; i++)
        buf_printf(&all, "%s%s (id %lld%s%s)", i ? ", " : "", u[i].name, u[i].id, *u[i].parent_name ? ", under " : "",
                   u[i].parent_name);
    err_set(e, ERR_INVALID, "flera enheter heter '%s': %s – ange id eller kortnamn", ref, buf_cstr(&all));
    buf_free(&all);
    unit_list_free(u, n);
    return ERR_INVALID;
}

/* "Ortopedi, Universitetssjukhuset Örebro": name and parent's name. */
static ErrCode find_with_parent(Db *db, const char *ref, Unit **u, size_t *n, Err *e)
{
    *u = NULL;
    *n = 0;
    const char *comma = strrchr(ref, ',');
    if (!comma) return ERR_OK;
    char *name = xstrndup(ref, (size_t)(comma - ref));
    char *tname = trim_dup(name), *tparent = trim_dup(comma + 1);
    char *kname = fold_lower(tname), *kparent = fold_lower(tparent);
    ErrCode rc = units_where(db, "u.name_key = :n AND p.name_key = :p",
                             DB_ARGS(DB_TEXT(":n", kname), DB_TEXT(":p", kparent)), u, n, e);
    free(name);
    free(tname);
    free(tparent);
    free(kname);
    free(kparent);
    return rc;
}

ErrCode unit_find(Db *db, const char *ref, Unit *out, Err *e)
{
    memset(out, 0, sizeof *out);
    char *t = trim_dup(ref ? ref : "");
    long id;
    ErrCode rc;
    if (!*t) {
        free(t);
        return err_set(e, ERR_INVALID, "ett enhetsnamn är tomt");
    }
    if (parse_long(t, &id)) {
        rc = unit_get(db, id, out, e);
        if (rc == ERR_NOTFOUND) err_set(e, ERR_NOTFOUND, "okänd enhet '%s'", t);
        free(t);
        return rc;
    }
    char *key = fold_lower(t);
    Unit *u = NULL;
    size_t n = 0;
    rc = units_where(db, "u.short_key = :k", DB_ARGS(DB_TEXT(":k", key)), &u, &n, e);
    if (!rc && !n) {
        free(u);
        rc = units_where(db, "u.name_key = :k", DB_ARGS(DB_TEXT(":k", key)), &u, &n, e);
    }
    if (!rc && !n) {
        free(u);
        rc = find_with_parent(db, t, &u, &n, e);
    }
    free(key);
    if (!rc && !n) {
        free(u);
        rc = err_set(e, ERR_NOTFOUND, "okänd enhet '%s'", t);
    } else if (!rc) {
        rc = take_one(u, n, t, out, e);
    }
    free(t);
    return rc;
}

/* --- listing in tree order ---------------------------------------------------- */

static int by_name(const void *a, const void *b, void *ctx)
{
    const Unit *all = ctx;
    const Unit *x = &all[*(const size_t *)a], *y = &all[*(const size_t *)b];
    int c = sv_compare(x->name, y->name);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* Appends the children of `parent` (depth first) to order[]. Depth is
 * bounded, so a damaged table with a cycle cannot loop for ever. */
static void walk(Unit *all, const size_t *sorted, size_t n, long long parent, int depth, size_t *order, size_t *k,
                 bool *placed)
{
    if (depth > 32) return;
    for (size_t i = 0; i < n; i++) {
        Unit *u = &all[sorted[i]];
        if (u->parent_id != parent || placed[sorted[i]]) continue;
        placed[sorted[i]] = true;
        u->depth = depth;
        order[(*k)++] = sorted[i];
        walk(all, sorted, n, u->id, depth + 1, order, k, placed);
    }
}

ErrCode unit_list(Db *db, Unit **out, size_t *n, Err *e)
{
    Unit *all;
    size_t count;
    if (units_where(db, "1 = 1", NULL, &all, &count, e)) return e->code;
    size_t *sorted = xcalloc(count + 1, sizeof *sorted), *order = xcalloc(count + 1, sizeof *order);
    bool *placed = xcalloc(count + 1, sizeof *placed);
    for (size_t i = 0; i < count; i++) sorted[i] = i;
    qsort_r(sorted, count, sizeof *sorted, by_name, all);
    size_t k = 0;
    walk(all, sorted, count, 0, 0, order, &k, placed);
    for (size_t i = 0; i < count; i++) /* orphans (a parent that vanished): last, at the top level */
        if (!placed[sorted[i]]) order[k++] = sorted[i];
    Unit *res = xcalloc(count + 1, sizeof *res);
    for (size_t i = 0; i < count; i++) res[i] = all[order[i]];
    free(all);
    free(sorted);
    free(order);
    free(placed);
    *out = res;
    *n = count;
    return ERR_OK;
}

char *unit_placement(const Unit *u, UnitKind parent_kind)
{
    Buf b = BUF_INIT;
    buf_puts(&b, u->name);
    if (u->parent_id && *u->parent_name && parent_kind != UNIT_REGION) buf_printf(&b, ", %s", u->parent_name);
    return buf_take(&b);
}

/* --- adding ----------------------------------------------------------------------- */

static bool all_digits(const char *s)
{
    char *t = trim_dup(s);
    long v;
    bool r = parse_long(t, &v);
    free(t);
    return r;
}

static ErrCode check_texts(const UnitNew *in, Err *e)
{
    if (freetext_check("Enhetens namn", in->name, 200, true, e) ||
        freetext_check("Kortnamn", in->short_name, 32, false, e) ||
        freetext_check("Chefstitel", in->manager_title, 100, false, e) ||
        freetext_check("Chefens namn", in->manager_name, 100, false, e))
        return e->code;
    if (all_digits(in->name)) return err_set(e, ERR_INVALID, "enhetens namn får inte bara vara siffror (det tolkas som ett id)");
    if (!is_blank(in->short_name) && all_digits(in->short_name))
        return err_set(e, ERR_INVALID, "kortnamnet får inte bara vara siffror (det tolkas som ett id)");
    return ERR_OK;
}

/* The parent exists and stands above the unit's kind. */
static ErrCode check_parent(Db *db, long long parent_id, UnitKind kind, const char *name, Err *e)
{
    if (kind == UNIT_REGION) {
        if (parent_id) return err_set(e, ERR_INVALID, "en region står högst upp och kan inte ha någon överordnad enhet");
        return ERR_OK;
    }
    if (!parent_id)
        return err_set(e, ERR_INVALID, "%s %s måste ha en överordnad enhet ('%s')", kinds[kind].article, kinds[kind].key,
                       name);
    Unit parent;
    Err q = ERR_INIT;
    if (unit_get(db, parent_id, &parent, &q))
        return q.code == ERR_NOTFOUND ? err_set(e, ERR_INVALID, "okänd överordnad enhet (id %lld)", parent_id)
                                      : (*e = q, e->code);
    ErrCode rc = ERR_OK;
    if (parent.kind >= kind)
        rc = err_set(e, ERR_INVALID, "%s %s kan inte ligga under %s %s ('%s' under '%s')", kinds[kind].article,
                     kinds[kind].key, kinds[parent.kind].article, kinds[parent.kind].key, name, parent.name);
    unit_free(&parent);
    return rc;
}

/* No sibling under parent_id has the name, and no unit the short name;
 * `self` (0 when adding) is not counted against itself. */
static ErrCode check_unique(Db *db, long long self, long long parent_id, const char *name, const char *short_name,
                            Err *e)
{
    Err q = ERR_INIT;
    char *name_key = fold_lower(name), *short_key = fold_lower(short_name);
    char *other = db_text(db, &q, "SELECT COALESCE(p.name, '') FROM units u LEFT JOIN units p ON p.id = u.parent_id "
                                  "WHERE COALESCE(u.parent_id, 0) = :p AND u.name_key = :k AND u.id <> :self",
                          DB_ARGS(DB_INT(":p", parent_id), DB_TEXT(":k", name_key), DB_INT(":self", self)));
    ErrCode rc = ERR_OK;
    if (q.code) rc = (*e = q, e->code);
    else if (other && *other) rc = err_set(e, ERR_CONFLICT, "enheten '%s' finns redan under '%s'", name, other);
    else if (other) rc = err_set(e, ERR_CONFLICT, "enheten '%s' finns redan", name);
    free(other);
    other = NULL;
    if (!rc && *short_key) {
        other = db_text(db, &q, "SELECT name FROM units WHERE short_key = :k AND id <> :self",
                        DB_ARGS(DB_TEXT(":k", short_key), DB_INT(":self", self)));
        if (q.code) rc = (*e = q, e->code);
        else if (other) rc = err_set(e, ERR_CONFLICT, "kortnamnet '%s' används redan av '%s'", short_name, other);
    }
    free(other);
    free(name_key);
    free(short_key);
    return rc;
}

ErrCode unit_add(Db *db, const UnitNew *in, long long *id, Err *e)
{
    UnitKind kind;
    if (!unit_kind_parse(in->kind, &kind))
        return err_set(e, ERR_INVALID, "okänd nivå '%s' (region, förvaltning, område, verksamhet eller enhet)",
                       in->kind ? in->kind : "");
    if (check_texts(in, e)) return e->code;
    char *name = trim_dup(in->name), *short_name = trim_dup(in->short_name ? in->short_name : "");
    char *title = trim_dup(in->manager_title ? in->manager_title : "");
    char *manager = trim_dup(in->manager_name ? in->manager_name : "");
    char *name_key = fold_lower(name), *short_key = fold_lower(short_name);
    char now[32];
    iso_now(now);
    ErrCode rc = check_parent(db, in->parent_id, kind, name, e);
    if (!rc) rc = check_unique(db, 0, in->parent_id, name, short_name, e);
    if (!rc) {
        Err q = ERR_INIT;
        long long got = db_int(db, &q,
                               "INSERT INTO units (parent_id, kind, name, name_key, short_name, short_key, manager_title, "
                               "manager_name, created_at) VALUES (:p, :k, :n, :nk, :s, :sk, :t, :m, :now) RETURNING id",
                               DB_ARGS(in->parent_id ? DB_INT(":p", in->parent_id) : DB_NULL(":p"),
                                       DB_TEXT(":k", kinds[kind].key), DB_TEXT(":n", name), DB_TEXT(":nk", name_key),
                                       DB_TEXT(":s", short_name), DB_TEXT(":sk", short_key), DB_TEXT(":t", title),
                                       DB_TEXT(":m", manager), DB_TEXT(":now", now)),
                               -1);
        if (got < 0) rc = q.code ? (*e = q, q.code) : err_set(e, ERR_INTERNAL, "enheten kunde inte sparas");
        else if (id) *id = got;
    }
    free(name);
    free(short_name);
    free(title);
    free(manager);
    free(name_key);
    free(short_key);
    return rc;
}

/* --- editing and moving ------------------------------------------------------------ */

ErrCode unit_parent_ref(Db *db, const char *ref, long long *id, Err *e)
{
    *id = 0;
    if (is_blank(ref)) return ERR_OK;
    Unit p;
    Err q = ERR_INIT;
    if (unit_find(db, ref, &p, &q))
        return q.code == ERR_NOTFOUND ? err_set(e, ERR_INVALID, "okänd överordnad enhet '%s'", ref) : (*e = q, q.code);
    *id = p.id;
    unit_free(&p);
    return ERR_OK;
}

/* The new parent named by `ref` ("" or blank: none), refused when it is the
 * unit itself or one of the units under it (the tree would become a loop). */
static ErrCode new_parent(Db *db, const Unit *u, const char *ref, long long *parent_id, Err *e)
{
    *parent_id = 0;
    if (is_blank(ref)) return ERR_OK;
    Unit p;
    long long pid;
    if (unit_parent_ref(db, ref, &pid, e) || unit_get(db, pid, &p, e)) return e->code;
    Err q = ERR_INIT;
    ErrCode rc = ERR_OK;
    long long at = p.id;
    for (int steps = 0; at && steps < 64 && !rc; steps++) {
        if (at == u->id)
            rc = at == p.id ? err_set(e, ERR_INVALID, "enheten '%s' kan inte ligga under sig själv", u->name)
                            : err_set(e, ERR_INVALID,
                                      "enheten '%s' kan inte flyttas under '%s', som själv ligger under den", u->name,
                                      p.name);
        else at = db_int(db, &q, "SELECT COALESCE(parent_id, 0) FROM units WHERE id = :id", DB_ARGS(DB_INT(":id", at)), 0);
        if (!rc && q.code) rc = (*e = q, q.code);
    }
    if (!rc) *parent_id = p.id;
    unit_free(&p);
    return rc;
}

ErrCode unit_update(Db *db, long long id, const UnitEdit *in, Err *e)
{
    Unit u;
    if (unit_get(db, id, &u, e)) return e->code;
    UnitNew next = {u.parent_id, kinds[u.kind].key, in->name ? in->name : u.name,
                    in->short_name ? in->short_name : u.short_name,
                    in->manager_title ? in->manager_title : u.manager_title,
                    in->manager_name ? in->manager_name : u.manager_name};
    ErrCode rc = check_texts(&next, e);
    if (!rc && in->parent) rc = new_parent(db, &u, in->parent, &next.parent_id, e);
    char *name = trim_dup(next.name), *short_name = trim_dup(next.short_name);
    char *title = trim_dup(next.manager_title), *manager = trim_dup(next.manager_name);
    char *name_key = fold_lower(name), *short_key = fold_lower(short_name);
    if (!rc) rc = check_parent(db, next.parent_id, u.kind, name, e);
    if (!rc) rc = check_unique(db, id, next.parent_id, name, short_name, e);
    if (!rc)
        rc = db_exec(db, e,
                     "UPDATE units SET parent_id = :p, name = :n, name_key = :nk, short_name = :s, short_key = :sk, "
                     "manager_title = :t, manager_name = :m WHERE id = :id",
                     DB_ARGS(next.parent_id ? DB_INT(":p", next.parent_id) : DB_NULL(":p"), DB_TEXT(":n", name),
                             DB_TEXT(":nk", name_key), DB_TEXT(":s", short_name), DB_TEXT(":sk", short_key),
                             DB_TEXT(":t", title), DB_TEXT(":m", manager), DB_INT(":id", id)));
    free(name);
    free(short_name);
    free(title);
    free(manager);
    free(name_key);
    free(short_key);
    unit_free(&u);
    return rc;
}
