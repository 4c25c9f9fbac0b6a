/*
 * org_person.c — people of the organisation: name, title, their unit (or, for
 * a municipal representative, their municipality) and professions. Only what
 * groups and decision paths need; never a personal identity number.
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

static ErrCode check_person(Db *db, const PersonNew *in, Err *e)
{
    if (freetext_check("Personens namn", in->name, 120, true, e) || freetext_check("Titel", in->title, 120, false, e))
        return e->code;
    for (size_t i = 0; i < in->nprofessions; i++)
        if (freetext_check("Profession", in->professions[i], 64, true, e)) return e->code;
    if (in->unit_id && in->municipality_id)
        return err_set(e, ERR_INVALID, "en person hör till en enhet i regionen eller till en kommun, inte båda");
    Err q = ERR_INIT;
    if (in->unit_id && !db_exists(db, &q, "SELECT 1 FROM units WHERE id = :id", DB_ARGS(DB_INT(":id", in->unit_id))))
        return q.code ? (*e = q, q.code) : err_set(e, ERR_INVALID, "okänd enhet (id %lld)", in->unit_id);
    if (in->municipality_id && !db_exists(db, &q, "SELECT 1 FROM municipalities WHERE id = :id",
                                          DB_ARGS(DB_INT(":id", in->municipality_id))))
        return q.code ? (*e = q, q.code) : err_set(e, ERR_INVALID, "okänd kommun (id %lld)", in->municipality_id);
    return ERR_OK;
}

static ErrCode add_professions(Db *db, long long id, const PersonNew *in, Err *e)
{
    for (size_t i = 0; i < in->nprofessions; i++) {
        char *t = trim_dup(in->professions[i]);
        char *p = fold_lower(t);
        free(t);
        ErrCode rc = db_exec(db, e,
                             "INSERT INTO person_professions (person_id, profession) VALUES (:id, :p) "
                             "ON CONFLICT (person_id, profession) DO NOTHING",
                             DB_ARGS(DB_INT(":id", id), DB_TEXT(":p", p)));
        free(p);
        if (rc) return rc;
    }
    return ERR_OK;
}

ErrCode person_add(Db *db, const PersonNew *in, long long *id, Err *e)
{
    if (check_person(db, in, e)) return e->code;
    char *name = trim_dup(in->name), *title = trim_dup(in->title ? in->title : "");
    char *key = fold_lower(name);
    char now[32];
    iso_now(now);
    Err q = ERR_INIT;
    long long got = db_int(db, &q,
                           "INSERT INTO people (name, name_key, title, unit_id, municipality_id, created_at) "
                           "VALUES (:n, :k, :t, :u, :m, :now) RETURNING id",
                           DB_ARGS(DB_TEXT(":n", name), DB_TEXT(":k", key), DB_TEXT(":t", title),
                                   in->unit_id ? DB_INT(":u", in->unit_id) : DB_NULL(":u"),
                                   in->municipality_id ? DB_INT(":m", in->municipality_id) : DB_NULL(":m"),
                                   DB_TEXT(":now", now)),
                           -1);
    free(name);
    free(title);
    free(key);
    if (got < 0) return q.code ? (*e = q, q.code) : err_set(e, ERR_INTERNAL, "personen kunde inte sparas");
    if (id) *id = got;
    return add_professions(db, got, in, e);
}

/* --- listing ------------------------------------------------------------------------ */

static void person_release(void *el)
{
    Person *p = el;
    free(p->name);
    free(p->title);
    free(p->unit_name);
    free(p->municipality_name);
    free(p->professions);
}

static void person_fill(Stmt *st, void *el)
{
    Person *p = el;
    p->id = stmt_int(st, 0);
    p->name = xstrdup(stmt_text(st, 1));
    p->title = xstrdup(stmt_text(st, 2));
    p->unit_id = stmt_int(st, 3);
    p->municipality_id = stmt_int(st, 4);
    p->unit_name = xstrdup(stmt_text(st, 5));
    p->municipality_name = xstrdup(stmt_text(st, 6));
    p->professions = NULL;
}

typedef struct {
    long long person;
    char *profession;
} ProfessionRow;

static void profession_fill(Stmt *st, void *el)
{
    ProfessionRow *r = el;
    r->person = stmt_int(st, 0);
    r->profession = xstrdup(stmt_text(st, 1));
}

static void profession_release(void *el)
{
    free(((ProfessionRow *)el)->profession);
}

static int by_profession(const void *a, const void *b)
{
    const ProfessionRow *x = a, *y = b;
    if (x->person != y->person) return x->person < y->person ? -1 : 1;
    return sv_compare(x->profession, y->profession);
}

static int by_person_name(const void *a, const void *b)
{
    const Person *x = a, *y = b;
    int c = sv_compare(x->name, y->name);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* Joins each person's professions into "läkare, sjuksköterska". Both lists
 * are in id order, so one pass over each. */
static void attach_professions(Person *p, size_t n, ProfessionRow *r, size_t nr)
{
    qsort(r, nr, sizeof *r, by_profession);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        Buf b = BUF_INIT;
        while (k < nr && r[k].person < p[i].id) k++;
        for (; k < nr && r[k].person == p[i].id; k++) buf_printf(&b, "%s%s", b.len ? ", " : "", r[k].profession);
        buf_cstr(&b);
        p[i].professions = buf_take(&b);
    }
}

ErrCode person_list(Db *db, Person **out, size_t *n, Err *e)
{
    if (db_rows(db, e,
                "SELECT p.id, p.name, p.title, COALESCE(p.unit_id, 0), COALESCE(p.municipality_id, 0), "
                "COALESCE(u.name, ''), COALESCE(m.official_name, '') FROM people p "
                "LEFT JOIN units u ON u.id = p.unit_id LEFT JOIN municipalities m ON m.id = p.municipality_id "
                "ORDER BY p.id",
                NULL, sizeof **out, person_fill, person_release, (void **)out, n))
        return e->code;
    ProfessionRow *r;
    size_t nr;
    if (db_rows(db, e, "SELECT person_id, profession FROM person_professions", NULL, sizeof *r, profession_fill,
                profession_release, (void **)&r, &nr)) {
        for (size_t i = 0; i < *n; i++) person_release(&(*out)[i]);
        free(*out);
        *out = NULL;
        return e->code;
    }
    attach_professions(*out, *n, r, nr);
    for (size_t k = 0; k < nr; k++) profession_release(&r[k]);
    free(r);
    qsort(*out, *n, sizeof **out, by_person_name);
    return ERR_OK;
}

void person_list_free(Person *p, size_t n)
{
    for (size_t i = 0; i < n; i++) person_release(&p[i]);
    free(p);
}
