/*
 * org_person.c — people of the organisation: name, title, their unit (or, for
 * a municipal representative, their municipality) and professions. Only what
 * groups and decision paths need; never a personal identity number.
 *
 * Must not: open a transaction, except person_create and person_update (the
 * pages and the API), which write the person and the professions together;
 * person_add runs inside org_import_csv's.
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
    for (size_t i = 0; i < in->nprofessions; i++) {
        if (freetext_check("Profession", in->professions[i], 64, true, e)) return e->code;
        if (strpbrk(in->professions[i], ",;|")) /* they separate professions in lists */
            return err_set(e, ERR_INVALID, "en profession per post: '%s' innehåller , ; eller |", in->professions[i]);
    }
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

/* --- adding and changing from the pages and the API ------------------------------------ */

size_t person_professions_split(char *s, const char **out, size_t max)
{
    size_t n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(s, ",;|", &save); tok && n < max; tok = strtok_r(NULL, ",;|", &save))
        if (!is_blank(tok)) out[n++] = tok;
    return n;
}

/* A unit or municipality reference ("" or blank: none) as an id; an
 * unknown one is bad input (ERR_INVALID), not a missing page. */
static ErrCode unit_ref(Db *db, const char *ref, long long *id, Err *e)
{
    *id = 0;
    if (is_blank(ref)) return ERR_OK;
    Unit u;
    if (unit_find(db, ref, &u, e)) return e->code == ERR_NOTFOUND ? (e->code = ERR_INVALID) : e->code;
    *id = u.id;
    unit_free(&u);
    return ERR_OK;
}

static ErrCode municipality_ref(Db *db, const char *ref, long long *id, Err *e)
{
    *id = 0;
    if (is_blank(ref)) return ERR_OK;
    Municipality m;
    if (municipality_find(db, ref, &m, e)) return e->code == ERR_NOTFOUND ? (e->code = ERR_INVALID) : e->code;
    *id = m.id;
    municipality_free(&m);
    return ERR_OK;
}

/* `in` over `base` (NULL fields keep base's values) as a PersonNew; `base`
 * NULL: a new person. */
static ErrCode person_new_from(Db *db, const PersonEdit *in, const Person *base, PersonNew *out, Err *e)
{
    *out = (PersonNew){in->name ? in->name : base ? base->name : "", in->title ? in->title : base ? base->title : "",
                       base ? base->unit_id : 0, base ? base->municipality_id : 0, in->professions,
                       in->nprofessions};
    if (in->unit && unit_ref(db, in->unit, &out->unit_id, e)) return e->code;
    if (in->municipality && municipality_ref(db, in->municipality, &out->municipality_id, e)) return e->code;
    return ERR_OK;
}

static ErrCode person_create_tx(Db *db, const PersonEdit *in, long long *id, Err *e)
{
    PersonNew pn;
    if (person_new_from(db, in, NULL, &pn, e)) return e->code;
    if (!in->set_professions) pn.nprofessions = 0;
    return person_add(db, &pn, id, e);
}

ErrCode person_create(Db *db, const PersonEdit *in, long long *id, Err *e)
{
    if (db_begin(db, e)) return e->code;
    if (person_create_tx(db, in, id, e) || db_commit(db, e)) {
        db_rollback(db);
        return e->code;
    }
    return ERR_OK;
}

static ErrCode person_update_tx(Db *db, long long id, const PersonEdit *in, Err *e)
{
    Person cur;
    if (person_get(db, id, &cur, e)) return e->code;
    PersonNew pn;
    ErrCode rc = person_new_from(db, in, &cur, &pn, e);
    if (!rc && !in->set_professions) pn.nprofessions = 0;
    if (!rc) rc = check_person(db, &pn, e);
    char *name = trim_dup(pn.name), *title = trim_dup(pn.title ? pn.title : "");
    char *key = fold_lower(name);
    if (!rc)
        rc = db_exec(db, e,
                     "UPDATE people SET name = :n, name_key = :k, title = :t, unit_id = :u, municipality_id = :m "
                     "WHERE id = :id",
                     DB_ARGS(DB_TEXT(":n", name), DB_TEXT(":k", key), DB_TEXT(":t", title),
                             pn.unit_id ? DB_INT(":u", pn.unit_id) : DB_NULL(":u"),
                             pn.municipality_id ? DB_INT(":m", pn.municipality_id) : DB_NULL(":m"), DB_INT(":id", id)));
    if (!rc && in->set_professions) {
        rc = db_exec(db, e, "DELETE FROM person_professions WHERE person_id = :id", DB_ARGS(DB_INT(":id", id)));
        if (!rc) rc = add_professions(db, id, &pn, e);
    }
    free(name);
    free(title);
    free(key);
    person_free(&cur);
    return rc;
}

ErrCode person_update(Db *db, long long id, const PersonEdit *in, Err *e)
{
    if (db_begin(db, e)) return e->code;
    if (person_update_tx(db, id, in, e) || db_commit(db, e)) {
        db_rollback(db);
        return e->code;
    }
    return ERR_OK;
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

void person_free(Person *p)
{
    if (!p) return;
    person_release(p);
    memset(p, 0, sizeof *p);
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
    if (nr) qsort(r, nr, sizeof *r, by_profession);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        Buf b = BUF_INIT;
        while (k < nr && r[k].person < p[i].id) k++;
        for (; k < nr && r[k].person == p[i].id; k++) buf_printf(&b, "%s%s", b.len ? ", " : "", r[k].profession);
        buf_cstr(&b);
        p[i].professions = buf_take(&b);
    }
}

/* The people a query matches, in id order, with their professions. The
 * unit filter takes the units under it too. */
#define PERSON_SELECT                                                                                              \
    "WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE id = :unit UNION ALL "                                   \
    "SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) "                                                  \
    "SELECT p.id, p.name, p.title, COALESCE(p.unit_id, 0), COALESCE(p.municipality_id, 0), "                        \
    "COALESCE(u.name, ''), COALESCE(m.official_name, '') FROM people p "                                           \
    "LEFT JOIN units u ON u.id = p.unit_id LEFT JOIN municipalities m ON m.id = p.municipality_id "                \
    "WHERE (:id = 0 OR p.id = :id) AND (:q = '' OR p.name_key LIKE :q ESCAPE '\\') "                               \
    "AND (:unit = 0 OR p.unit_id IN (SELECT id FROM sub)) AND (:muni = 0 OR p.municipality_id = :muni) "           \
    "ORDER BY p.id"

static ErrCode people_where(Db *db, long long id, const PersonQuery *q, Person **out, size_t *n, Err *e)
{
    char *like = db_like_pattern(q && q->q ? q->q : "");
    ErrCode rc = db_rows(db, e, PERSON_SELECT,
                         DB_ARGS(DB_INT(":id", id), DB_TEXT(":q", like), DB_INT(":unit", q ? q->unit_id : 0),
                                 DB_INT(":muni", q ? q->municipality_id : 0)),
                         sizeof **out, person_fill, person_release, (void **)out, n);
    free(like);
    if (rc) return rc;
    ProfessionRow *r;
    size_t nr;
    if (db_rows(db, e,
                "SELECT person_id, profession FROM person_professions WHERE :id = 0 OR person_id = :id",
                DB_ARGS(DB_INT(":id", id)), sizeof *r, profession_fill, profession_release, (void **)&r, &nr)) {
        person_list_free(*out, *n);
        *out = NULL;
        return e->code;
    }
    attach_professions(*out, *n, r, nr);
    for (size_t k = 0; k < nr; k++) profession_release(&r[k]);
    free(r);
    return ERR_OK;
}

ErrCode person_search(Db *db, const PersonQuery *q, Person **out, size_t *n, long long *total, Err *e)
{
    Person *all;
    size_t count;
    *out = NULL;
    *n = 0;
    if (total) *total = -1;
    if (people_where(db, 0, q, &all, &count, e)) return e->code;
    if (count) qsort(all, count, sizeof *all, by_person_name);
    /* Swedish order is not the database's, so the page is cut here. */
    size_t from = q && q->offset > 0 ? (size_t)q->offset : 0, to = count;
    if (from > count) from = count;
    if (q && q->limit > 0 && (size_t)q->limit < to - from) to = from + (size_t)q->limit;
    for (size_t i = 0; i < count; i++)
        if (i < from || i >= to) person_release(&all[i]);
    if (from && to > from) memmove(all, all + from, (to - from) * sizeof *all);
    *out = all;
    *n = to - from;
    if (total) *total = (long long)count;
    return ERR_OK;
}

ErrCode person_query_refs(Db *db, const char *unit, const char *municipality, PersonQuery *q, Err *e)
{
    if (unit_ref(db, unit, &q->unit_id, e) || municipality_ref(db, municipality, &q->municipality_id, e))
        return e->code;
    return ERR_OK;
}

ErrCode person_list(Db *db, Person **out, size_t *n, Err *e)
{
    return person_search(db, NULL, out, n, NULL, e);
}

ErrCode person_get(Db *db, long long id, Person *out, Err *e)
{
    memset(out, 0, sizeof *out);
    Person *p;
    size_t n;
    if (id <= 0) return err_set(e, ERR_NOTFOUND, "okänd person (id %lld)", id);
    if (people_where(db, id, NULL, &p, &n, e)) return e->code;
    if (!n) {
        free(p);
        return err_set(e, ERR_NOTFOUND, "okänd person (id %lld)", id);
    }
    *out = p[0];
    free(p);
    return ERR_OK;
}

void person_list_free(Person *p, size_t n)
{
    for (size_t i = 0; i < n; i++) person_release(&p[i]);
    free(p);
}
