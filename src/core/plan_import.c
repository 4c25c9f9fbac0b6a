/*
 * plan_import.c — targets, outcomes, follow-up comments and owners'
 * assessments of indicators from a CSV file, all or nothing.
 *
 * The file (docs: "Importera målvärden och utfall"):
 *   - UTF-8 (a byte order mark is skipped), "CSV UTF-8" from Excel works.
 *   - Read by base/csv.c like the other imports: separator ';' (Swedish
 *     Excel), ',' or tab, whichever the header has most of; fields may be
 *     quoted "…" with "" for a quote, and may then hold separators and line
 *     breaks; CRLF or LF.
 *   - The first non-empty line is a header naming the columns, in any order; case,
 *     å/ä/ö and spaces or underscores do not matter:
 *       indikator (or indicator, indicator_code, kod)   required: the code
 *       period                                           required: 2024-T1 …
 *       plan         the plan's key or id; needed only when the code is used
 *                    in more than one plan
 *       målvärde     (malvarde, mal, target)
 *       utfall       (outcome)
 *       kommentar    (uppföljningskommentar, comment)
 *       bedömning    (override): uppnått, delvis uppnått, ej uppnått (or met,
 *                    partly, not_met) — overrides the computed level
 *       bedömningskommentar (override_comment): required with a bedömning
 *     Columns that `lots plan export` writes for people to read (område,
 *     titel, enhet, riktning, måluppfyllelse) are read and ignored,
 *     so an exported file can be edited and imported again. Any other column
 *     name is refused, so a misspelt "utfal" is not silently dropped.
 *   - A value cell: empty keeps what is stored; "-" (or "–") clears it;
 *     otherwise a number ("85", "85,5", "85 %", "1 200").
 *   - Empty lines are skipped; one indicator and period appears once.
 * The first bad line stops the import and is named ("rad 7: okänd period
 * '2024-T4': …"); nothing is written then.
 */
#include "core/plan_internal.h"
#include "base/csv.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

enum { COL_IGNORED = -1, COL_PLAN, COL_INDICATOR, COL_PERIOD, COL_TARGET, COL_OUTCOME, COL_COMMENT, COL_OVERRIDE,
       COL_OVERRIDE_COMMENT, COL_COUNT };

static const struct {
    const char *name; /* folded: lower case, no å/ä/ö, no spaces or underscores */
    int col;
} column_names[] = {
    {"plan", COL_PLAN},
    {"indikator", COL_INDICATOR},
    {"indicator", COL_INDICATOR},
    {"indicatorcode", COL_INDICATOR},
    {"kod", COL_INDICATOR},
    {"period", COL_PERIOD},
    {"malvarde", COL_TARGET},
    {"mal", COL_TARGET},
    {"target", COL_TARGET},
    {"utfall", COL_OUTCOME},
    {"outcome", COL_OUTCOME},
    {"kommentar", COL_COMMENT},
    {"uppfoljningskommentar", COL_COMMENT},
    {"comment", COL_COMMENT},
    {"bedomning", COL_OVERRIDE},
    {"override", COL_OVERRIDE},
    {"bedomningskommentar", COL_OVERRIDE_COMMENT},
    {"overridecomment", COL_OVERRIDE_COMMENT},
    /* written by the export for people to read */
    {"omrade", COL_IGNORED},
    {"titel", COL_IGNORED},
    {"enhet", COL_IGNORED},
    {"riktning", COL_IGNORED},
    {"maluppfyllelse", COL_IGNORED},
};

/* "Målvärde" → "malvarde", "Bedömnings_kommentar" → "bedomningskommentar". */
static char *fold_header(const char *s)
{
    char *low = fold_lower(s);
    Buf b = BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)low; *p; p++) {
        if (*p == ' ' || *p == '_' || *p == '\t' || *p == '-') continue;
        if (p[0] == 0xc3 && (p[1] == 0xa5 || p[1] == 0xa4)) { /* å ä */
            buf_putc(&b, 'a');
            p++;
        } else if (p[0] == 0xc3 && p[1] == 0xb6) { /* ö */
            buf_putc(&b, 'o');
            p++;
        } else {
            buf_putc(&b, (char)*p);
        }
    }
    free(low);
    char *out = buf_take(&b);
    return out ? out : xstrdup("");
}

/* --- one row -------------------------------------------------------------------------------- */

typedef struct {
    long long indicator;
    char period[PERIOD_TEXT_MAX];
    int line;
} Seen;

typedef struct {
    Db *db;
    long long by;
    int cols[COL_COUNT]; /* index of each column in the record, -1 if absent */
    Seen *seen;
    size_t nseen, capseen;
    int indicators;
    PlanImportCounts *counts;
} Import;

static const char *cell(const Import *im, const CsvRecord *fs, int col)
{
    int i = im->cols[col];
    return i >= 0 && i < fs->n ? fs->f[i] : "";
}

static bool is_clear_mark(const char *s)
{
    return !strcmp(s, "-") || !strcmp(s, "\xe2\x80\x93"); /* "-" or an en dash */
}

/* Reads a value cell into (edit, value); message names the column. */
static ErrCode value_cell(const char *raw, const char *column, ValueEdit *edit, double *v, Err *e)
{
    char *s = trim_dup(raw);
    ErrCode rc = ERR_OK;
    if (!*s) *edit = EDIT_KEEP;
    else if (is_clear_mark(s)) *edit = EDIT_CLEAR;
    else if (plan_number_parse(s, v)) *edit = EDIT_SET;
    else rc = err_set(e, ERR_INVALID, "%s '%s' är inte ett tal", column, s);
    free(s);
    return rc;
}

static ErrCode resolve_indicator(Import *im, const char *plan_text, const char *code, long long *id, Err *e)
{
    long long plan = 0;
    if (!*code) return err_set(e, ERR_INVALID, "indikatorns kod saknas");
    if (*plan_text && plan_resolve(im->db, plan_text, &plan, e)) return e->code;
    if (plan_item_by_code(im->db, plan, code, id, e)) return e->code;
    char *kind = db_text(im->db, e, "SELECT kind FROM plan_items WHERE id = :id", DB_ARGS(DB_INT(":id", *id)));
    if (!kind) return e->code ? e->code : err_set(e, ERR_INTERNAL, "planpunkten försvann");
    bool ok = !strcmp(kind, "indicator");
    if (!ok) {
        char lower[64];
        snprintf(lower, sizeof lower, "%s", plan_kind_label(kind));
        if (lower[0] >= 'A' && lower[0] <= 'Z') lower[0] = (char)(lower[0] - 'A' + 'a');
        else if (!strncmp(lower, "\xc3\x96", 2)) memcpy(lower, "\xc3\xb6", 2); /* Ö → ö */
        err_set(e, ERR_INVALID, "'%s' är en planpunkt av sorten %s, inte en indikator", code, lower);
    }
    free(kind);
    return ok ? ERR_OK : e->code;
}

static ErrCode import_row(Import *im, const CsvRecord *fs, int line, Err *e)
{
    char *code = trim_dup(cell(im, fs, COL_INDICATOR));
    char *plan_text = trim_dup(cell(im, fs, COL_PLAN));
    char *ptext = trim_dup(cell(im, fs, COL_PERIOD));
    char *override_text = trim_dup(cell(im, fs, COL_OVERRIDE));
    IndicatorValueEdit v = {.by = im->by};
    ErrCode rc = ERR_OK;
    if (resolve_indicator(im, plan_text, code, &v.indicator_id, e) || period_parse(ptext, &v.period, e) ||
        value_cell(cell(im, fs, COL_TARGET), "målvärdet", &v.target_edit, &v.target, e) ||
        value_cell(cell(im, fs, COL_OUTCOME), "utfallet", &v.outcome_edit, &v.outcome, e)) {
        rc = e->code;
        goto out;
    }
    const char *comment = cell(im, fs, COL_COMMENT);
    if (im->cols[COL_COMMENT] >= 0 && *comment) {
        v.comment_edit = is_clear_mark(comment) ? EDIT_CLEAR : EDIT_SET;
        v.comment = comment;
    }
    if (*override_text) {
        if (is_clear_mark(override_text)) {
            v.override_edit = EDIT_CLEAR;
        } else if (fulfilment_parse(override_text, &v.override)) {
            v.override_edit = EDIT_SET;
            v.override_comment = cell(im, fs, COL_OVERRIDE_COMMENT);
        } else {
            rc = err_set(e, ERR_INVALID, "okänd bedömning '%s' (uppnått, delvis uppnått eller ej uppnått)",
                         override_text);
            goto out;
        }
    }
    char canon[PERIOD_TEXT_MAX];
    period_format(v.period, canon);
    bool new_indicator = true;
    for (size_t i = 0; i < im->nseen; i++) {
        if (im->seen[i].indicator != v.indicator_id) continue;
        new_indicator = false;
        if (!strcmp(im->seen[i].period, canon)) {
            rc = err_set(e, ERR_INVALID, "%s %s står redan på rad %d", code, canon, im->seen[i].line);
            goto out;
        }
    }
    if (indicator_value_write(im->db, &v, e)) {
        rc = e->code;
        goto out;
    }
    if (im->nseen == im->capseen) {
        im->capseen = im->capseen ? im->capseen * 2 : 32;
        im->seen = xrealloc(im->seen, im->capseen * sizeof *im->seen);
    }
    im->seen[im->nseen] = (Seen){v.indicator_id, "", line};
    memcpy(im->seen[im->nseen].period, canon, sizeof canon);
    im->nseen++;
    if (new_indicator) im->indicators++;
out:
    free(code);
    free(plan_text);
    free(ptext);
    free(override_text);
    return rc;
}

/* --- the header ------------------------------------------------------------------------------- */

static ErrCode read_header(Import *im, const CsvRecord *fs, Err *e)
{
    for (int c = 0; c < COL_COUNT; c++) im->cols[c] = -1;
    for (int i = 0; i < fs->n; i++) {
        char *name = fold_header(fs->f[i]);
        int col = -2;
        for (size_t k = 0; k < sizeof column_names / sizeof *column_names && col == -2; k++)
            if (!strcmp(name, column_names[k].name)) col = column_names[k].col;
        free(name);
        if (col == -2) {
            if (is_blank(fs->f[i])) continue; /* a trailing separator */
            return err_set(e, ERR_INVALID,
                           "rad 1: okänd kolumn '%s' (kolumnerna är indikator, period, plan, målvärde, utfall, "
                           "kommentar, bedömning, bedömningskommentar)",
                           fs->f[i]);
        }
        if (col == COL_IGNORED) continue;
        if (im->cols[col] >= 0) return err_set(e, ERR_INVALID, "rad 1: kolumnen '%s' står två gånger", fs->f[i]);
        im->cols[col] = i;
    }
    if (im->cols[COL_INDICATOR] < 0 || im->cols[COL_PERIOD] < 0)
        return err_set(e, ERR_INVALID,
                       "rad 1: första raden ska vara en rubrikrad med minst kolumnerna indikator och period "
                       "(t.ex. indikator,period,målvärde,utfall,kommentar)");
    if (im->cols[COL_TARGET] < 0 && im->cols[COL_OUTCOME] < 0 && im->cols[COL_COMMENT] < 0 &&
        im->cols[COL_OVERRIDE] < 0)
        return err_set(e, ERR_INVALID, "rad 1: ingen kolumn att importera (målvärde, utfall, kommentar eller bedömning)");
    if (im->cols[COL_OVERRIDE_COMMENT] >= 0 && im->cols[COL_OVERRIDE] < 0)
        return err_set(e, ERR_INVALID, "rad 1: kolumnen bedömningskommentar kräver kolumnen bedömning");
    return ERR_OK;
}

static ErrCode on_header(void *im, const CsvRecord *r, Err *e)
{
    return read_header(im, r, e);
}

static ErrCode on_row(void *ctx, const CsvRecord *r, Err *e)
{
    Import *im = ctx;
    if (import_row(im, r, r->line, e)) return err_prefix(e, ERR_OK, "rad %d: ", r->line);
    im->counts->rows++;
    return ERR_OK;
}

static const CsvSteps steps = {on_header, on_row, false,
                               "en rubrikrad (t.ex. indikator,period,målvärde,utfall,kommentar)"};

ErrCode plan_import_csv(Db *db, const char *text, size_t len, long long by, PlanImportCounts *counts, Err *e)
{
    err_clear(e); /* the checks below read e->code after each query */
    memset(counts, 0, sizeof *counts);
    CsvReader c;
    if (csv_open(&c, text, len, e)) return e->code;
    Import im = {.db = db, .by = by, .counts = counts};
    if (db_begin(db, e)) return e->code;
    ErrCode rc = csv_each(&c, &steps, &im, e);
    free(im.seen);
    if (!rc && !counts->rows) rc = err_set(e, ERR_INVALID, "filen har inga rader under rubrikraden");
    if (rc) {
        db_rollback(db);
        memset(counts, 0, sizeof *counts);
        return rc;
    }
    counts->indicators = im.indicators;
    return db_commit(db, e);
}
