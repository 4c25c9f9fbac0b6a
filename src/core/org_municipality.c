/*
 * org_municipality.c — the municipalities (kommuner) the region works with:
 * each decides for itself, so decision paths name them one by one.
 *
 * Must not: open a transaction (org_import_csv holds one).
 */
#include "core/org.h"
#include "base/buf.h"
#include "base/collate.h"
#include "base/text.h"
#include "core/freetext.h"

#include <stdlib.h>
#include <string.h>

/* "Askersund" → "Askersunds kommun"; a name ending in a vowel or s takes no
 * genitive s ("Degerfors kommun", "Laxå kommun", "Örebro kommun"). */
static char *official_from(const char *name)
{
    size_t n = strlen(name);
    const unsigned char *end = (const unsigned char *)name + n;
    bool bare = false;
    if (n && strchr("aeiouyAEIOUYsS", end[-1])) bare = true;
    if (n >= 2 && end[-2] == 0xC3 && strchr("\xA5\xA4\xB6\x85\x84\x96", end[-1])) bare = true; /* å ä ö Å Ä Ö */
    Buf b = BUF_INIT;
    buf_printf(&b, "%s%s kommun", name, bare ? "" : "s");
    return buf_take(&b);
}

void municipality_free(Municipality *m)
{
    if (!m) return;
    free(m->name);
    free(m->official_name);
    free(m->county);
    memset(m, 0, sizeof *m);
}

static void muni_release(void *el)
{
    municipality_free(el);
}

static void muni_fill(Stmt *st, void *el)
{
    Municipality *m = el;
    m->id = stmt_int(st, 0);
    m->name = xstrdup(stmt_text(st, 1));
    m->official_name = xstrdup(stmt_text(st, 2));
    m->county = xstrdup(stmt_text(st, 3));
}

#define MUNI_COLUMNS "SELECT id, name, official_name, county FROM municipalities "

static int by_name(const void *a, const void *b)
{
    return sv_compare(((const Municipality *)a)->name, ((const Municipality *)b)->name);
}

ErrCode municipality_list(Db *db, Municipality **out, size_t *n, Err *e)
{
    if (db_rows(db, e, MUNI_COLUMNS "ORDER BY id", NULL, sizeof **out, muni_fill, muni_release, (void **)out, n))
        return e->code;
    if (*n > 1) qsort(*out, *n, sizeof **out, by_name); /* none: *out is NULL, which qsort may not get */
    return ERR_OK;
}

void municipality_list_free(Municipality *m, size_t n)
{
    for (size_t i = 0; i < n; i++) municipality_free(&m[i]);
    free(m);
}

ErrCode municipality_find(Db *db, const char *ref, Municipality *out, Err *e)
{
    memset(out, 0, sizeof *out);
    char *t = trim_dup(ref ? ref : "");
    if (!*t) {
        free(t);
        return err_set(e, ERR_INVALID, "ett kommunnamn är tomt");
    }
    char *key = fold_lower(t);
    long id = 0;
    if (!parse_long(t, &id)) id = -1;
    Municipality *m = NULL;
    size_t n = 0;
    ErrCode rc = db_rows(db, e, MUNI_COLUMNS "WHERE id = :id OR name_key = :k OR official_key = :k ORDER BY id",
                         DB_ARGS(DB_INT(":id", id), DB_TEXT(":k", key)), sizeof *m, muni_fill, muni_release,
                         (void **)&m, &n);
    free(key);
    if (!rc && !n) rc = err_set(e, ERR_NOTFOUND, "okänd kommun '%s'", t);
    if (!rc) {
        *out = m[0];
        for (size_t i = 1; i < n; i++) municipality_free(&m[i]);
    }
    free(m);
    free(t);
    return rc;
}

ErrCode municipality_add(Db *db, const char *name, const char *official_name, const char *county, long long *id,
                         Err *e)
{
    if (freetext_check("Kommunens namn", name, 100, true, e) ||
        freetext_check("Officiellt namn", official_name, 120, false, e) || freetext_check("Län", county, 100, false, e))
        return e->code;
    char *n = trim_dup(name), *c = trim_dup(county ? county : "");
    long digits;
    if (parse_long(n, &digits)) {
        free(n);
        free(c);
        return err_set(e, ERR_INVALID, "kommunens namn får inte bara vara siffror");
    }
    char *o = is_blank(official_name) ? official_from(n) : trim_dup(official_name);
    char *nk = fold_lower(n), *ok = fold_lower(o);
    char now[32];
    iso_now(now);
    Err q = ERR_INIT;
    ErrCode rc = ERR_OK;
    char *other = db_text(db, &q, "SELECT name FROM municipalities WHERE name_key IN (:a, :b) OR official_key IN (:a, :b)",
                          DB_ARGS(DB_TEXT(":a", nk), DB_TEXT(":b", ok)));
    if (q.code) rc = (*e = q, q.code);
    else if (other) rc = err_set(e, ERR_CONFLICT, "kommunen '%s' finns redan", other);
    if (!rc) {
        long long got = db_int(db, &q,
                               "INSERT INTO municipalities (name, name_key, official_name, official_key, county, "
                               "created_at) VALUES (:n, :nk, :o, :ok, :c, :now) RETURNING id",
                               DB_ARGS(DB_TEXT(":n", n), DB_TEXT(":nk", nk), DB_TEXT(":o", o), DB_TEXT(":ok", ok),
                                       DB_TEXT(":c", c), DB_TEXT(":now", now)),
                               -1);
        if (got < 0) rc = q.code ? (*e = q, q.code) : err_set(e, ERR_INTERNAL, "kommunen kunde inte sparas");
        else if (id) *id = got;
    }
    free(other);
    free(n);
    free(c);
    free(o);
    free(nk);
    free(ok);
    return rc;
}
