/*
 * org_import.c — `lots org import FILE`: units, municipalities and people
 * from a CSV file, all or nothing.
 *
 * The format is in core/org.h. One transaction around the whole file; the
 * first bad line stops the import with its number and the reason in Swedish
 * ("rad 12: okänd överordnad enhet 'SkaS-Ortopedi'") and nothing is written.
 * Later lines may refer to units added by earlier ones (same transaction).
 *
 * Must not: read files (the caller passes the text) or print.
 */
#include "core/org.h"
#include "base/csv.h"
#include "base/buf.h"
#include "base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_TYP, C_NAMN, C_NIVA, C_OVERORDNAD, C_KORTNAMN, C_CHEFSTITEL, C_CHEF, C_OFFICIELLT, C_LAN, C_TITEL, C_ENHET,
       C_KOMMUN, C_PROFESSIONER, C_N };

static const struct {
    const char *name, *alt;
    unsigned rows; /* which row types may fill it: bit 0 enhet, 1 kommun, 2 person */
} columns[C_N] = {
    [C_TYP] = {"typ", NULL, 7},
    [C_NAMN] = {"namn", NULL, 7},
    [C_NIVA] = {"nivå", "niva", 1},
    [C_OVERORDNAD] = {"överordnad", "overordnad", 1},
    [C_KORTNAMN] = {"kortnamn", NULL, 1},
    [C_CHEFSTITEL] = {"chefstitel", NULL, 1},
    [C_CHEF] = {"chef", NULL, 1},
    [C_OFFICIELLT] = {"officiellt namn", NULL, 2},
    [C_LAN] = {"län", "lan", 2},
    [C_TITEL] = {"titel", NULL, 4},
    [C_ENHET] = {"enhet", NULL, 4},
    [C_KOMMUN] = {"kommun", NULL, 4},
    [C_PROFESSIONER] = {"professioner", "profession", 4},
};

enum { ROW_ENHET = 0, ROW_KOMMUN, ROW_PERSON };
static const char *const row_types[] = {"enhet", "kommun", "person"};

/* --- the header ---------------------------------------------------------------------------- */

typedef struct {
    int col[C_N]; /* field index of each column, -1 if absent */
    int nfields;
} Header;

static int column_named(const char *raw)
{
    char *t = trim_dup(raw);
    char *f = fold_lower(t);
    free(t);
    for (char *p = f; *p; p++)
        if (*p == '_') *p = ' ';
    int found = -1;
    for (int i = 0; i < C_N && found < 0; i++)
        if (!strcmp(f, columns[i].name) || (columns[i].alt && !strcmp(f, columns[i].alt))) found = i;
    free(f);
    return found;
}

static ErrCode read_header(const CsvRecord *r, Header *h, Err *e)
{
    for (int i = 0; i < C_N; i++) h->col[i] = -1;
    h->nfields = r->n;
    for (int i = 0; i < r->n; i++) {
        if (is_blank(r->f[i])) continue;
        int c = column_named(r->f[i]);
        if (c < 0) {
            Buf known = BUF_INIT;
            for (int k = 0; k < C_N; k++) buf_printf(&known, "%s%s", k ? ", " : "", columns[k].name);
            err_set(e, ERR_INVALID, "rad %d: okänd kolumn '%s' (kända kolumner: %s)", r->line, r->f[i],
                    buf_cstr(&known));
            buf_free(&known);
            return ERR_INVALID;
        }
        if (h->col[c] >= 0) return err_set(e, ERR_INVALID, "rad %d: kolumnen '%s' finns två gånger", r->line, r->f[i]);
        h->col[c] = i;
    }
    if (h->col[C_TYP] < 0 || h->col[C_NAMN] < 0)
        return err_set(e, ERR_INVALID,
                       "rad %d: rubrikraden ska namnge kolumnerna och ha minst 'typ' och 'namn' "
                       "(t.ex. typ;namn;nivå;överordnad;kortnamn;chefstitel)",
                       r->line);
    return ERR_OK;
}

/* The value of a column on this line, trimmed; "" if absent. Owned by the
 * caller. */
static char *value(const Header *h, const CsvRecord *r, int c)
{
    int i = h->col[c];
    return trim_dup(i >= 0 && i < r->n ? r->f[i] : "");
}

/* --- one line ----------------------------------------------------------------------------- */

/* Prefixes core's message with the line: "rad 12: …". */
static ErrCode at_line(int line, Err *e)
{
    return err_prefix(e, e->code == ERR_NOTFOUND ? ERR_INVALID : e->code, "rad %d: ", line);
}

static ErrCode import_unit(Db *db, const Header *h, const CsvRecord *r, Err *e)
{
    char *name = value(h, r, C_NAMN), *kind = value(h, r, C_NIVA), *parent = value(h, r, C_OVERORDNAD);
    char *short_name = value(h, r, C_KORTNAMN), *title = value(h, r, C_CHEFSTITEL), *chef = value(h, r, C_CHEF);
    ErrCode rc = ERR_OK;
    long long parent_id = 0;
    if (!*kind) {
        rc = err_set(e, ERR_INVALID, "rad %d: nivå saknas för enheten '%s' (region, förvaltning, område, verksamhet eller enhet)",
                     r->line, name);
    } else if (*parent) {
        Unit p;
        Err q = ERR_INIT;
        ErrCode f = unit_find(db, parent, &p, &q);
        if (f == ERR_NOTFOUND) rc = err_set(e, ERR_INVALID, "rad %d: okänd överordnad enhet '%s'", r->line, parent);
        else if (f) rc = (*e = q, at_line(r->line, e));
        else parent_id = p.id;
        unit_free(&p);
    }
    if (!rc) {
        UnitNew in = {parent_id, kind, name, short_name, title, chef};
        if (unit_add(db, &in, NULL, e)) rc = at_line(r->line, e);
    }
    free(name);
    free(kind);
    free(parent);
    free(short_name);
    free(title);
    free(chef);
    return rc;
}

static ErrCode import_municipality(Db *db, const Header *h, const CsvRecord *r, Err *e)
{
    char *name = value(h, r, C_NAMN), *official = value(h, r, C_OFFICIELLT), *county = value(h, r, C_LAN);
    ErrCode rc = municipality_add(db, name, *official ? official : NULL, county, NULL, e);
    if (rc) rc = at_line(r->line, e);
    free(name);
    free(official);
    free(county);
    return rc;
}

static ErrCode import_person(Db *db, const Header *h, const CsvRecord *r, Err *e)
{
    char *name = value(h, r, C_NAMN), *title = value(h, r, C_TITEL), *unit = value(h, r, C_ENHET);
    char *kommun = value(h, r, C_KOMMUN), *prof = value(h, r, C_PROFESSIONER);
    const char *professions[32];
    PersonNew in = {name, title, 0, 0, professions, person_professions_split(prof, professions, 32)};
    ErrCode rc = ERR_OK;
    Err q = ERR_INIT;
    if (*unit) {
        Unit u;
        ErrCode f = unit_find(db, unit, &u, &q);
        if (f == ERR_NOTFOUND) rc = err_set(e, ERR_INVALID, "rad %d: okänd enhet '%s'", r->line, unit);
        else if (f) rc = (*e = q, at_line(r->line, e));
        else in.unit_id = u.id;
        unit_free(&u);
    }
    if (!rc && *kommun) {
        Municipality m;
        ErrCode f = municipality_find(db, kommun, &m, &q);
        if (f == ERR_NOTFOUND) rc = err_set(e, ERR_INVALID, "rad %d: okänd kommun '%s'", r->line, kommun);
        else if (f) rc = (*e = q, at_line(r->line, e));
        else in.municipality_id = m.id;
        municipality_free(&m);
    }
    if (!rc && person_add(db, &in, NULL, e)) rc = at_line(r->line, e);
    free(name);
    free(title);
    free(unit);
    free(kommun);
    free(prof);
    return rc;
}

/* A value in a column that does not belong to the line's type is most often
 * a shifted column: refuse rather than guess. */
static ErrCode check_columns_fit(const Header *h, const CsvRecord *r, int type, Err *e)
{
    if (r->n > h->nfields)
        return err_set(e, ERR_INVALID, "rad %d: %d fält men rubrikraden har %d kolumner (ett avgränsningstecken för mycket?)",
                       r->line, r->n, h->nfields);
    for (int c = 0; c < C_N; c++) {
        int i = h->col[c];
        if (i < 0 || i >= r->n || is_blank(r->f[i]) || (columns[c].rows & (1u << type))) continue;
        return err_set(e, ERR_INVALID, "rad %d: kolumnen '%s' gäller inte typen '%s' (värdet '%s')", r->line,
                       columns[c].name, row_types[type], r->f[i]);
    }
    return ERR_OK;
}

static ErrCode import_line(Db *db, const Header *h, const CsvRecord *r, OrgImportCounts *counts, Err *e)
{
    char *typ = value(h, r, C_TYP);
    char *key = fold_lower(typ);
    int type = -1;
    for (int t = 0; t < 3; t++)
        if (!strcmp(key, row_types[t])) type = t;
    free(key);
    ErrCode rc;
    if (type < 0) rc = err_set(e, ERR_INVALID, "rad %d: okänd typ '%s' (enhet, kommun eller person)", r->line, typ);
    else if (!(rc = check_columns_fit(h, r, type, e))) {
        if (type == ROW_ENHET && !(rc = import_unit(db, h, r, e))) counts->units++;
        if (type == ROW_KOMMUN && !(rc = import_municipality(db, h, r, e))) counts->municipalities++;
        if (type == ROW_PERSON && !(rc = import_person(db, h, r, e))) counts->people++;
    }
    free(typ);
    return rc;
}

/* --- the file -------------------------------------------------------------------------------- */

typedef struct {
    Db *db;
    Header h;
    OrgImportCounts *counts;
} Import;

static ErrCode on_header(void *ctx, const CsvRecord *r, Err *e)
{
    return read_header(r, &((Import *)ctx)->h, e);
}

static ErrCode on_row(void *ctx, const CsvRecord *r, Err *e)
{
    Import *im = ctx;
    return import_line(im->db, &im->h, r, im->counts, e);
}

static const CsvSteps steps = {on_header, on_row, true, "en rubrikrad"};

ErrCode org_import_csv(Db *db, const char *text, size_t len, OrgImportCounts *counts, Err *e)
{
    memset(counts, 0, sizeof *counts);
    CsvReader c;
    if (csv_open(&c, text, len, e)) return e->code;
    if (db_begin(db, e)) return e->code;
    Import im = {.db = db, .counts = counts};
    ErrCode rc = csv_each(&c, &steps, &im, e);
    if (rc) {
        db_rollback(db);
        memset(counts, 0, sizeof *counts);
        return rc;
    }
    return db_commit(db, e);
}
