/*
 * denominator.c — vårddagar and besök per unit and month (denominator.h):
 * the CSV import, one value set, the list and their JSON.
 *
 * The import reads the whole file inside one transaction and rolls back at
 * the first bad line, whose message starts "rad N: " (the line as an editor
 * shows it). Every field passes freetext_check before a message could echo
 * it, so a personnummer typed into a cell is never repeated back.
 *
 * Must not: read files (the caller passes the text) or print.
 */
#include "core/denominator.h"
#include "base/buf.h"
#include "base/collate.h"
#include "base/csv.h"
#include "base/text.h"
#include "core/freetext.h"
#include "core/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COL_UNIT = 0, COL_MONTH, COL_KIND, COL_VALUE, NCOLS };

static const char *const col_names[NCOLS][2] = {
    {"enhet", "unit"}, {"månad", "month"}, {"slag", "kind"}, {"värde", "value"}};

/* "vårddagar", "besök" as stored, or NULL. */
static const char *kind_of(const char *s)
{
    char *t = trim_dup(s), *k = fold_lower(t);
    const char *out = !strcmp(k, "vårddagar") ? "vårddagar" : !strcmp(k, "besök") ? "besök" : NULL;
    free(t);
    free(k);
    return out;
}

/* YYYY-MM, a real month not after the current one. */
static ErrCode month_field(const char *s, char out[8], Err *e)
{
    char *t = trim_dup(s);
    int y = 0, m = 0;
    char tail = 0;
    ErrCode rc = ERR_OK;
    if (strlen(t) != 7 || sscanf(t, "%4d-%2d%c", &y, &m, &tail) != 2 || t[4] != '-' || y < 1900 || m < 1 || m > 12)
        rc = err_set(e, ERR_INVALID, "månad '%s' ska skrivas ÅÅÅÅ-MM (t.ex. 2026-03)", t);
    else {
        char today[11];
        iso_today(today);
        if (strncmp(t, today, 7) > 0) rc = err_set(e, ERR_INVALID, "månad %s ligger i framtiden", t);
        else snprintf(out, 8, "%s", t);
    }
    free(t);
    return rc;
}

/* A positive whole number; blanks (also the no-break spaces Excel writes) between digit groups. */
static ErrCode value_field(const char *s, long long *out, Err *e)
{
    long long v = 0;
    int digits = 0;
    char *t = trim_dup(s);
    for (const unsigned char *p = (const unsigned char *)t; *p;) {
        if (*p >= '0' && *p <= '9') {
            if (v > 1000000000LL) break;
            v = v * 10 + (*p++ - '0'), digits++;
        } else if (*p == ' ' && digits) p++;
        else if (p[0] == 0xC2 && p[1] == 0xA0 && digits) p += 2;                /* U+00A0 */
        else if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAF && digits) p += 3; /* U+202F */
        else {
            digits = -1;
            break;
        }
    }
    ErrCode rc = ERR_OK;
    if (digits <= 0 || v <= 0 || v > 1000000000LL)
        rc = err_set(e, ERR_INVALID, "värde '%s' ska vara ett positivt heltal (högst 1 000 000 000)", t);
    else *out = v;
    free(t);
    return rc;
}

ErrCode denominator_set(Db *db, long long unit_id, const char *month, const char *kind, long long value,
                        long long *was, Err *e)
{
    Err q = ERR_INIT;
    long long old = db_int(db, &q, "SELECT value FROM denominators WHERE unit_id = :u AND month = :m AND kind = :k",
                           DB_ARGS(DB_INT(":u", unit_id), DB_TEXT(":m", month), DB_TEXT(":k", kind)), 0);
    if (q.code) {
        *e = q;
        return q.code;
    }
    if (was) *was = old;
    if (old == value) return ERR_OK;
    if (old)
        return db_exec(db, e, "UPDATE denominators SET value = :v WHERE unit_id = :u AND month = :m AND kind = :k",
                       DB_ARGS(DB_INT(":v", value), DB_INT(":u", unit_id), DB_TEXT(":m", month), DB_TEXT(":k", kind)));
    return db_exec(db, e, "INSERT INTO denominators (unit_id, month, kind, value) VALUES (:u, :m, :k, :v)",
                   DB_ARGS(DB_INT(":u", unit_id), DB_TEXT(":m", month), DB_TEXT(":k", kind), DB_INT(":v", value)));
}

/* --- the import ------------------------------------------------------------------------------------ */

typedef struct {
    long long unit_id;
    char month[8];
    const char *kind;
    int line;
} Seen;

typedef struct {
    Db *db;
    int col[NCOLS];
    int ncols;
    Seen *seen;
    size_t nseen;
    DenominatorCounts *c;
} Import;

static ErrCode at_line(int line, Err *e)
{
    return err_prefix(e, e->code == ERR_NOTFOUND || e->code == ERR_CONFLICT ? ERR_INVALID : e->code, "rad %d: ", line);
}

static ErrCode read_header(Import *im, const CsvRecord *h, Err *e)
{
    im->ncols = h->n;
    for (int k = 0; k < NCOLS; k++) im->col[k] = -1;
    for (int i = 0; i < h->n; i++) {
        char *t = trim_dup(h->f[i]), *f = fold_lower(t);
        int k = 0;
        while (k < NCOLS && strcmp(f, col_names[k][0]) && strcmp(f, col_names[k][1])) k++;
        ErrCode rc = ERR_OK;
        if (freetext_check("kolumnrubriken", t, 0, false, e)) rc = at_line(h->line, e);
        else if (k == NCOLS)
            rc = err_set(e, ERR_INVALID, "rad %d: okänd kolumn '%s' – kolumnerna är enhet, månad, slag och värde",
                         h->line, t);
        else if (im->col[k] >= 0)
            rc = err_set(e, ERR_INVALID, "rad %d: kolumnen %s står två gånger", h->line, col_names[k][0]);
        else im->col[k] = i;
        free(t);
        free(f);
        if (rc) return rc;
    }
    for (int k = 0; k < NCOLS; k++)
        if (im->col[k] < 0)
            return err_set(e, ERR_INVALID, "rad %d: kolumnen %s saknas – rubrikraden ska vara enhet;månad;slag;värde",
                           h->line, col_names[k][0]);
    return ERR_OK;
}

static ErrCode find_unit(Db *db, const char *text, long long *id, Err *e)
{
    char *t = trim_dup(text);
    Unit u;
    Err q = ERR_INIT;
    ErrCode rc = unit_find(db, t, &u, &q);
    free(t);
    if (rc) {
        *e = q;
        return rc;
    }
    *id = u.id;
    unit_free(&u);
    return ERR_OK;
}

/* The same unit, month and slag earlier in the file: its line, else 0. */
static int seen_before(Import *im, long long unit_id, const char *month, const char *kind, int line)
{
    for (size_t i = 0; i < im->nseen; i++)
        if (im->seen[i].unit_id == unit_id && im->seen[i].kind == kind && !strcmp(im->seen[i].month, month))
            return im->seen[i].line;
    im->seen = xrealloc(im->seen, (im->nseen + 1) * sizeof *im->seen);
    Seen *s = &im->seen[im->nseen++];
    s->unit_id = unit_id, s->kind = kind, s->line = line;
    snprintf(s->month, sizeof s->month, "%s", month);
    return 0;
}

static ErrCode import_line(Import *im, const CsvRecord *r, Err *e)
{
    int used = r->n;
    while (used > im->ncols && is_blank(r->f[used - 1])) used--;
    if (used > im->ncols)
        return err_set(e, ERR_INVALID, "rad %d: %d fält men rubrikraden har %d kolumner", r->line, used, im->ncols);
    const char *v[NCOLS];
    for (int k = 0; k < NCOLS; k++) {
        v[k] = im->col[k] < r->n ? r->f[im->col[k]] : "";
        char label[32];
        snprintf(label, sizeof label, "fältet %s", col_names[k][0]);
        if (freetext_check(label, v[k], 0, false, e)) return at_line(r->line, e);
        if (is_blank(v[k])) return err_set(e, ERR_INVALID, "rad %d: %s saknas", r->line, col_names[k][0]);
    }
    long long unit_id = 0, value = 0, was = 0;
    char month[8];
    const char *kind = kind_of(v[COL_KIND]);
    if (find_unit(im->db, v[COL_UNIT], &unit_id, e) || month_field(v[COL_MONTH], month, e)) return at_line(r->line, e);
    if (!kind) {
        char *t = trim_dup(v[COL_KIND]);
        err_set(e, ERR_INVALID, "rad %d: slag '%s' ska vara vårddagar eller besök", r->line, t);
        free(t);
        return ERR_INVALID;
    }
    if (value_field(v[COL_VALUE], &value, e)) return at_line(r->line, e);
    int earlier = seen_before(im, unit_id, month, kind, r->line);
    if (earlier) {
        char *t = trim_dup(v[COL_UNIT]);
        err_set(e, ERR_INVALID, "rad %d: %s %s %s står redan på rad %d", r->line, t, month, kind, earlier);
        free(t);
        return ERR_INVALID;
    }
    if (denominator_set(im->db, unit_id, month, kind, value, &was, e)) return at_line(r->line, e);
    im->c->read++;
    if (!was) im->c->added++;
    else if (was == value) im->c->unchanged++;
    else im->c->updated++;
    return ERR_OK;
}

static ErrCode on_header(void *im, const CsvRecord *r, Err *e)
{
    return read_header(im, r, e);
}

static ErrCode on_row(void *im, const CsvRecord *r, Err *e)
{
    return import_line(im, r, e);
}

static const CsvSteps steps = {on_header, on_row, false, "rubrikraden enhet;månad;slag;värde"};

/* UTF-8 (an Excel BOM dropped) as it is; anything else is read as Windows-1252, Excel's "CSV". */
static char *as_utf8(const char *text, size_t len, size_t *out_len)
{
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) text += 3, len -= 3;
    char *copy = xstrndup(text, len);
    if (utf8_valid(copy)) {
        *out_len = len;
        return copy;
    }
    free(copy);
    return cp1252_to_utf8(text, len, out_len);
}

ErrCode denominator_import_csv(Db *db, const Actor *who, const char *text, size_t len, DenominatorCounts *counts,
                               Err *e)
{
    memset(counts, 0, sizeof *counts);
    err_clear(e);
    if (!who || !role_can_write(who->role))
        return err_set(e, ERR_FORBIDDEN, "Din roll får inte importera vårddagar och besök.");
    if (memchr(text, '\0', len)) return err_set(e, ERR_INVALID, "filen innehåller NUL-tecken – är den en textfil (CSV)?");
    size_t n;
    char *utf8 = as_utf8(text, len, &n);
    CsvReader csv = {utf8, utf8 + n, csv_guess_separator(utf8, utf8 + n), 1};
    Import im = {.db = db, .c = counts};
    ErrCode rc = db_begin(db, e);
    if (!rc) {
        rc = csv_each(&csv, &steps, &im, e);
        if (rc) db_rollback(db);
        else rc = db_commit(db, e);
    }
    if (rc) memset(counts, 0, sizeof *counts);
    free(im.seen);
    free(utf8);
    return rc;
}

/* --- the list ------------------------------------------------------------------------------------- */

static void fill(Stmt *st, void *el)
{
    Denominator *d = el;
    d->unit_id = stmt_int(st, 0);
    d->unit = xstrdup(stmt_text(st, 1));
    d->month = xstrdup(stmt_text(st, 2));
    d->kind = xstrdup(stmt_text(st, 3));
    d->value = stmt_int(st, 4);
}

static void release(void *el)
{
    Denominator *d = el;
    free(d->unit), free(d->month), free(d->kind);
}

void denominator_list_free(Denominator *d, size_t n)
{
    for (size_t i = 0; i < n; i++) release(&d[i]);
    free(d);
}

static int by_unit_kind_month(const void *a, const void *b)
{
    const Denominator *x = a, *y = b;
    int c = sv_compare(x->unit, y->unit);
    if (!c) c = x->unit_id < y->unit_id ? -1 : x->unit_id > y->unit_id;
    if (!c) c = strcmp(y->kind, x->kind); /* vårddagar before besök */
    return c ? c : strcmp(x->month, y->month);
}

ErrCode denominator_list(Db *db, const char *unit, const char *kind, Denominator **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    err_clear(e);
    long long unit_id = 0;
    if (unit && *unit && find_unit(db, unit, &unit_id, e)) {
        if (e->code == ERR_INTERNAL) return e->code;
        char msg[sizeof e->msg];
        snprintf(msg, sizeof msg, "%s", e->msg);
        return err_set(e, ERR_INVALID, "Parametern 'unit': %s", msg);
    }
    const char *k = NULL;
    if (kind && *kind && !(k = kind_of(kind)))
        return err_set(e, ERR_INVALID, "Parametern 'kind' ska vara vårddagar eller besök, inte '%s'", kind);
    if (db_rows(db, e,
                "SELECT d.unit_id, u.name, d.month, d.kind, d.value FROM denominators d JOIN units u ON u.id = d.unit_id "
                "WHERE (:u = 0 OR d.unit_id = :u) AND (:k = '' OR d.kind = :k)",
                DB_ARGS(DB_INT(":u", unit_id), DB_TEXT(":k", k ? k : "")), sizeof(Denominator), fill, release,
                (void **)out, n))
        return e->code;
    if (*n) qsort(*out, *n, sizeof **out, by_unit_kind_month);
    return ERR_OK;
}

json_t *denominator_list_to_json(const Denominator *d, size_t n)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:I}", "unit_id", (json_int_t)d[i].unit_id, "unit",
                                               d[i].unit, "month", d[i].month, "kind", d[i].kind, "value",
                                               (json_int_t)d[i].value));
    return json_pack("{s:o}", "items", items);
}

json_t *denominator_counts_to_json(const DenominatorCounts *c)
{
    return json_pack("{s:i,s:i,s:i,s:i}", "read", c->read, "added", c->added, "updated", c->updated, "unchanged",
                     c->unchanged);
}
