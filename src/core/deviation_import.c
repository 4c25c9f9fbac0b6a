/*
 * deviation_import.c — `lots deviation import FILE [--mapping FILE]` and
 * POST /api/v1/deviations/import: deviations or complaints from a CSV export
 * of the deviation system, through the organisation's column mapping.
 *
 * All or nothing in one transaction. The first bad line stops the import with
 * its number and the reason in Swedish ("rad 17: okänd enhet 'Ortopedavd
 * 3'", "rad 5: fältet Beskrivning innehåller ett personnummer …") and nothing
 * is written. The reference is the key: a row whose reference is already
 * stored (by an earlier import, by hand, or earlier in the same file) is
 * counted as existing and left as it is, so a re-import adds nothing twice.
 * Every row is validated all the same, so a file either passes as a whole or
 * not at all.
 *
 * Must not: read files (the caller passes the text) or print.
 */
#include "core/deviation_internal.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/freetext.h"
#include "core/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NF_MAX = (int)DF_N > (int)CF_N ? (int)DF_N : (int)CF_N };

typedef struct {
    int col;           /* column index in the file, -1 if none */
    const char *fixed; /* the mapping's fixed value, or NULL */
    char *label;       /* "fältet Beskrivning": how messages name it */
} Source;

typedef struct {
    char *key; /* the unit as written, folded */
    long long id;
} UnitHit;

typedef struct {
    Db *db;
    const Actor *who;
    ImportKind kind;
    const FieldDef *fields;
    int nfields;
    const ImportMapping *m; /* may be NULL */
    const char *date_format;
    Source src[NF_MAX];
    int ncols;
    long long import_id;
    UnitHit *units;
    size_t nunits;
    ImportCounts *counts;
} Import;

static void import_free(Import *im)
{
    for (int i = 0; i < NF_MAX; i++) free(im->src[i].label);
    for (size_t i = 0; i < im->nunits; i++) free(im->units[i].key);
    free(im->units);
}

/* Prefixes the message with the line: "rad 12: …". */
static ErrCode at_line(int line, Err *e)
{
    return err_prefix(e, e->code == ERR_NOTFOUND || e->code == ERR_CONFLICT ? ERR_INVALID : e->code, "rad %d: ", line);
}

/* --- the header --------------------------------------------------------------------------------- */

static bool same_header(const char *a, const char *b)
{
    char *ta = trim_dup(a), *tb = trim_dup(b);
    char *fa = fold_lower(ta), *fb = fold_lower(tb);
    bool same = !strcmp(fa, fb);
    free(ta);
    free(tb);
    free(fa);
    free(fb);
    return same;
}

static const MapEntry *entry_for(const Import *im, int field)
{
    for (size_t i = 0; im->m && i < im->m->nentries; i++)
        if (field_index(im->fields, im->nfields, im->m->entries[i].field) == field) return &im->m->entries[i];
    return NULL;
}

static void header_list(const CsvRecord *h, Buf *b)
{
    for (int i = 0; i < h->n; i++) buf_printf(b, "%s'%s'", i ? ", " : "", h->f[i]);
}

static ErrCode check_entries_fit(const Import *im, Err *e)
{
    for (size_t i = 0; im->m && i < im->m->nentries; i++)
        if (field_index(im->fields, im->nfields, im->m->entries[i].field) < 0)
            return err_set(e, ERR_INVALID, "mappningen rad %d: fältet %s finns inte för %s", im->m->entries[i].line,
                           im->m->entries[i].field, im->kind == IMPORT_COMPLAINTS ? "klagomål" : "avvikelser");
    for (size_t i = 0; im->m && i < im->m->ntranslations; i++)
        if (field_index(im->fields, im->nfields, im->m->translations[i].field) < 0)
            return err_set(e, ERR_INVALID, "mappningen rad %d: fältet %s finns inte för %s", im->m->translations[i].line,
                           im->m->translations[i].field, im->kind == IMPORT_COMPLAINTS ? "klagomål" : "avvikelser");
    return ERR_OK;
}

/* The field that gives the date patterns count by must come from the file. */
static bool needed(const Import *im, int f)
{
    return im->fields[f].required || (im->kind == IMPORT_COMPLAINTS && f == CF_RECEIVED_DATE);
}

static ErrCode read_header(Import *im, const CsvRecord *h, Err *e)
{
    im->ncols = h->n;
    for (int f = 0; f < im->nfields; f++) {
        Source *s = &im->src[f];
        s->col = -1;
        const MapEntry *me = entry_for(im, f);
        if (me && me->how == MAP_FIXED) {
            s->fixed = me->value;
            Buf b = BUF_INIT;
            buf_printf(&b, "fältet %s (fast värde i mappningen)", im->fields[f].label);
            s->label = buf_take(&b);
            continue;
        }
        if (me && me->how == MAP_IGNORE) continue;
        for (int c = 0; c < h->n && s->col < 0; c++)
            if (me ? same_header(h->f[c], me->value) : field_index(im->fields, im->nfields, h->f[c]) == f) s->col = c;
        if (me && s->col < 0) {
            Buf cols = BUF_INIT;
            header_list(h, &cols);
            err_set(e, ERR_INVALID, "rad %d: kolumnen '%s' finns inte i filen (mappningen rad %d, fältet %s); "
                    "rubrikraden har %s", h->line, me->value, me->line, im->fields[f].key, buf_cstr(&cols));
            buf_free(&cols);
            return ERR_INVALID;
        }
        if (s->col >= 0) {
            char *t = trim_dup(h->f[s->col]);
            Buf b = BUF_INIT;
            buf_printf(&b, "fältet %s", t);
            s->label = buf_take(&b);
            free(t);
        } else if (needed(im, f)) {
            return err_set(e, ERR_INVALID,
                           "rad %d: ingen kolumn för fältet %s (%s) – döp kolumnen till '%s' eller skriv '%s = "
                           "Kolumnrubrik' i mappningen",
                           h->line, im->fields[f].label, im->fields[f].key, im->fields[f].label, im->fields[f].key);
        }
    }
    return ERR_OK;
}

/* --- one line ------------------------------------------------------------------------------------ */

static const char *translate(const Import *im, int f, const char *raw)
{
    if (!im->m || !im->m->ntranslations) return raw;
    char *t = trim_dup(raw);
    char *key = fold_lower(t);
    free(t);
    const char *to = raw;
    for (size_t i = 0; i < im->m->ntranslations; i++) {
        const MapTranslation *tr = &im->m->translations[i];
        if (!strcmp(tr->from_key, key) && field_index(im->fields, im->nfields, tr->field) == f) {
            to = tr->to;
            break;
        }
    }
    free(key);
    return to;
}

static ErrCode find_unit(Import *im, const char *text, int line, long long *id, Err *e)
{
    char *t = trim_dup(text);
    char *key = fold_lower(t);
    for (size_t i = 0; i < im->nunits; i++)
        if (!strcmp(im->units[i].key, key)) {
            *id = im->units[i].id;
            free(t);
            free(key);
            return ERR_OK;
        }
    Unit u;
    Err q = ERR_INIT;
    ErrCode rc = unit_find(im->db, t, &u, &q);
    if (rc == ERR_INTERNAL) *e = q;
    else if (rc) err_set(e, ERR_INVALID, "rad %d: %s", line, q.msg);
    else {
        *id = u.id;
        im->units = xrealloc(im->units, (im->nunits + 1) * sizeof *im->units);
        im->units[im->nunits++] = (UnitHit){key, u.id};
        key = NULL;
        unit_free(&u);
    }
    free(t);
    free(key);
    return rc ? e->code : ERR_OK;
}

/* The line's value of every field, translated, dates in ISO form. `v` holds
 * the texts; `own` what must be freed. */
static ErrCode line_values(Import *im, const CsvRecord *r, const char **v, char **own, long long *unit_id, Err *e)
{
    int unit_field = im->kind == IMPORT_COMPLAINTS ? CF_UNIT : DF_UNIT;
    *unit_id = 0;
    for (int f = 0; f < im->nfields; f++) {
        const Source *s = &im->src[f];
        const char *raw = s->fixed ? s->fixed : s->col >= 0 && s->col < r->n ? r->f[s->col] : NULL;
        v[f] = NULL;
        if (!raw) continue;
        /* Before anything could echo it in a message. */
        if (freetext_check(s->label, raw, 0, false, e)) return at_line(r->line, e);
        const char *val = translate(im, f, raw);
        if (im->fields[f].date && !is_blank(val)) {
            char iso[11];
            if (!date_convert(im->date_format, val, iso))
                return err_set(e, ERR_INVALID, "rad %d: %s: '%s' är inte ett datum i formatet %s", r->line, s->label,
                               val, im->date_format);
            own[f] = xstrdup(iso);
            val = own[f];
        }
        v[f] = val;
        if (f == unit_field && !is_blank(val) && find_unit(im, val, r->line, unit_id, e)) return e->code;
    }
    return ERR_OK;
}

static ErrCode import_deviation(Import *im, const char **v, long long unit_id, int line, ImportCounts *c, Err *e)
{
    DeviationNew in = {.unit_id = unit_id};
    for (int f = 0; f < DF_N; f++) {
        in.v[f] = v[f];
        in.labels[f] = im->src[f].label ? im->src[f].label : NULL;
    }
    DevRow row;
    if (dev_validate(im->db, &in, &row, e)) return at_line(line, e);
    bool exists = db_exists(im->db, e, "SELECT 1 FROM deviations WHERE ref = :ref", DB_ARGS(DB_TEXT(":ref", row.ref)));
    ErrCode rc = e->code;
    if (!rc && exists) c->existing++;
    else if (!rc && !(rc = dev_insert(im->db, im->who, &row, im->import_id, NULL, e))) c->added++;
    dev_row_free(&row);
    return rc ? at_line(line, e) : ERR_OK;
}

static ErrCode import_complaint(Import *im, const char **v, long long unit_id, int line, ImportCounts *c, Err *e)
{
    ComplaintNew in = {.unit_id = unit_id};
    for (int f = 0; f < CF_N; f++) {
        in.v[f] = v[f];
        in.labels[f] = im->src[f].label ? im->src[f].label : NULL;
    }
    ComplaintRow row;
    if (complaint_validate(im->db, &in, &row, e)) return at_line(line, e);
    bool exists = db_exists(im->db, e, "SELECT 1 FROM complaints WHERE ref = :ref", DB_ARGS(DB_TEXT(":ref", row.ref)));
    ErrCode rc = e->code;
    if (!rc && exists) c->existing++;
    else if (!rc && !(rc = complaint_insert(im->db, im->who, &row, im->import_id, NULL, e))) c->added++;
    complaint_row_free(&row);
    return rc ? at_line(line, e) : ERR_OK;
}

static ErrCode import_line(Import *im, const CsvRecord *r, ImportCounts *c, Err *e)
{
    int used = r->n;
    while (used > im->ncols && is_blank(r->f[used - 1])) used--; /* empty trailing fields, as Excel may write */
    if (used > im->ncols)
        return err_set(e, ERR_INVALID, "rad %d: %d fält men rubrikraden har %d kolumner (ett avgränsningstecken för "
                       "mycket, eller ett citattecken som fattas?)", r->line, used, im->ncols);
    const char *v[NF_MAX] = {0};
    char *own[NF_MAX] = {0};
    long long unit_id = 0;
    ErrCode rc = line_values(im, r, v, own, &unit_id, e);
    if (!rc)
        rc = im->kind == IMPORT_COMPLAINTS ? import_complaint(im, v, unit_id, r->line, c, e)
                                           : import_deviation(im, v, unit_id, r->line, c, e);
    for (int f = 0; f < NF_MAX; f++) free(own[f]);
    if (!rc) c->read++;
    return rc;
}

/* --- the file ------------------------------------------------------------------------------------- */

static ErrCode on_header(void *im, const CsvRecord *r, Err *e)
{
    return read_header(im, r, e);
}

static ErrCode on_row(void *ctx, const CsvRecord *r, Err *e)
{
    Import *im = ctx;
    return import_line(im, r, im->counts, e);
}

static const CsvSteps steps = {on_header, on_row, false, "en rubrikrad"};

/* The text as UTF-8 without BOM, or a message naming the first bad line. */
static ErrCode decode(const char *text, size_t len, Charset cs, char **out, size_t *out_len, Err *e)
{
    *out = NULL;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) text += 3, len -= 3, cs = CHARSET_UTF8; /* Excel's UTF-8 mark */
    if (memchr(text, '\0', len)) return err_set(e, ERR_INVALID, "filen innehåller NUL-tecken – är den en textfil (CSV)?");
    if (cs == CHARSET_CP1252) {
        *out = cp1252_to_utf8(text, len, out_len);
        return ERR_OK;
    }
    char *copy = xstrndup(text, len);
    int line = 1;
    for (char *p = copy; p;) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = '\0';
        if (!utf8_valid(p)) {
            free(copy);
            return err_set(e, ERR_INVALID,
                           "rad %d: texten är inte UTF-8 – spara som ”CSV UTF-8” i Excel, eller skriv "
                           "teckenkodning = windows-1252 i mappningen",
                           line);
        }
        if (nl) *nl = '\n';
        p = nl ? nl + 1 : NULL;
        line++;
    }
    *out = copy;
    *out_len = len;
    return ERR_OK;
}

static ErrCode begin_import(Import *im, const ImportOptions *opt, Err *e)
{
    char now[32];
    iso_now(now);
    im->import_id = db_int(im->db, e,
                           "INSERT INTO imports (kind, file_name, mapping, rows_read, rows_new, rows_existing, "
                           "imported_by, imported_at) VALUES (:k, :f, :m, 0, 0, 0, :by, :now) RETURNING id",
                           DB_ARGS(DB_TEXT(":k", im->kind == IMPORT_COMPLAINTS ? "complaints" : "deviations"),
                                   DB_TEXT(":f", opt->file_name ? opt->file_name : ""),
                                   DB_TEXT(":m", opt->mapping_name ? opt->mapping_name : ""),
                                   im->who ? DB_INT(":by", im->who->id) : DB_NULL(":by"), DB_TEXT(":now", now)),
                           -1);
    return im->import_id > 0 ? ERR_OK : e->code ? e->code : ERR_INTERNAL;
}

ErrCode deviation_import_csv(Db *db, const Actor *who, const char *text, size_t len, const ImportOptions *opt,
                             ImportCounts *counts, Err *e)
{
    memset(counts, 0, sizeof *counts);
    err_clear(e);
    if (require_quality_writer(who, e)) return e->code;
    if (opt->file_name && freetext_check("Filnamnet", opt->file_name, SHORT_TEXT_MAX, false, e)) return e->code;
    Import im = {.db = db, .who = who, .kind = opt->kind, .m = opt->mapping, .counts = counts};
    im.fields = im.kind == IMPORT_COMPLAINTS ? complaint_fields : deviation_fields;
    im.nfields = im.kind == IMPORT_COMPLAINTS ? CF_N : DF_N;
    im.date_format = im.m ? im.m->date_format : "ÅÅÅÅ-MM-DD";
    if (check_entries_fit(&im, e)) return e->code;
    char *utf8;
    size_t n;
    if (decode(text, len, im.m ? im.m->charset : CHARSET_UTF8, &utf8, &n, e)) return e->code;
    CsvReader csv = {utf8, utf8 + n, im.m && im.m->sep ? im.m->sep : csv_guess_separator(utf8, utf8 + n), 1};
    ErrCode rc = db_begin(db, e);
    if (!rc && !(rc = begin_import(&im, opt, e)) && !(rc = csv_each(&csv, &steps, &im, e)))
        rc = db_exec(db, e, "UPDATE imports SET rows_read = :r, rows_new = :n, rows_existing = :x WHERE id = :id",
                     DB_ARGS(DB_INT(":r", counts->read), DB_INT(":n", counts->added), DB_INT(":x", counts->existing),
                             DB_INT(":id", im.import_id)));
    if (!rc) rc = db_commit(db, e);
    else db_rollback(db);
    if (rc) memset(counts, 0, sizeof *counts);
    else counts->import_id = im.import_id;
    free(utf8);
    import_free(&im);
    return rc;
}
