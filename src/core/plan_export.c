/*
 * plan_export.c — a plan's follow-up out of Lots: CSV (every indicator value,
 * readable again by plan_import.c) and an Excel workbook (libxlsxwriter):
 * first the summary pivot ("Sammanställning"), then one sheet per area with
 * its indicators' follow-up table (period, utfall, målvärde, måluppfyllelse,
 * kommentar, as in Regionhälsan's table) and the area's items with owners.
 *
 * CSV columns, in this order (the header line is written):
 *   plan, område, indikator, titel, enhet, riktning, period, målvärde, utfall,
 *   måluppfyllelse, bedömning, bedömningskommentar, kommentar
 * område, titel, enhet, riktning and måluppfyllelse are for people: the
 * import ignores them. Decimal point '.', separator ',', UTF-8 without BOM.
 *
 * Everything exported is computed from the database at the time of export.
 */
#include "core/plan_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

/* The area (depth-0 node) above node i, or SIZE_MAX. */
static size_t area_of(const PlanTree *t, size_t i)
{
    while (t->nodes[i].parent != SIZE_MAX) i = t->nodes[i].parent;
    return strcmp(t->nodes[i].kind, "area") ? SIZE_MAX : i;
}

/* "Samverkan › Gemensam målbild …": the titles between the area and node i. */
static void path_text(const PlanTree *t, size_t i, Buf *out)
{
    const PlanNode *chain[16];
    size_t k = 0;
    for (size_t p = t->nodes[i].parent; p != SIZE_MAX && k < 16; p = t->nodes[p].parent)
        if (t->nodes[p].parent != SIZE_MAX) chain[k++] = &t->nodes[p];
    while (k-- > 0) {
        buf_puts(out, chain[k]->title);
        if (k) buf_puts(out, " › ");
    }
}

/* --- CSV --------------------------------------------------------------------------------------- */

static void csv_field(Buf *b, const char *s, bool last)
{
    bool quote = *s && (strpbrk(s, ",;\"\r\n") || s[0] == ' ' || s[strlen(s) - 1] == ' ');
    if (quote) {
        buf_putc(b, '"');
        for (const char *p = s; *p; p++) {
            if (*p == '"') buf_putc(b, '"');
            buf_putc(b, *p);
        }
        buf_putc(b, '"');
    } else {
        buf_puts(b, s);
    }
    buf_putc(b, last ? '\n' : ',');
}

static void csv_number(Buf *b, bool has, double v)
{
    char num[32];
    csv_field(b, has ? plan_number_format(v, num) : "", false);
}

ErrCode plan_export_csv(Db *db, long long plan_id, Buf *out, Err *e)
{
    PlanTree t;
    if (plan_tree_load(db, plan_id, NULL, &t, e)) return e->code;
    buf_puts(out, "plan,område,indikator,titel,enhet,riktning,period,målvärde,utfall,måluppfyllelse,bedömning,"
                  "bedömningskommentar,kommentar\n");
    ErrCode rc = ERR_OK;
    for (size_t i = 0; i < t.n && !rc; i++) {
        const PlanNode *n = &t.nodes[i];
        if (!n->is_indicator) continue;
        IndicatorSeries s;
        if (indicator_series(db, n->id, &s, e)) {
            rc = e->code;
            break;
        }
        size_t a = area_of(&t, i);
        for (size_t k = 0; k < s.n; k++) {
            const IndicatorPoint *p = &s.points[k];
            csv_field(out, t.plan.key, false);
            csv_field(out, a == SIZE_MAX ? "" : t.nodes[a].title, false);
            csv_field(out, n->code, false);
            csv_field(out, n->title, false);
            csv_field(out, n->unit, false);
            csv_field(out, direction_key(n->direction), false);
            csv_field(out, p->text, false);
            csv_number(out, p->has_target, p->target);
            csv_number(out, p->has_outcome, p->outcome);
            csv_field(out, p->fulfilment == FUL_NONE ? "" : fulfilment_label(p->fulfilment), false);
            csv_field(out, p->overridden ? fulfilment_label(p->override) : "", false);
            csv_field(out, p->overridden && p->override_comment ? p->override_comment : "", false);
            csv_field(out, p->comment ? p->comment : "", true);
        }
        indicator_series_free(&s);
    }
    plan_tree_free(&t);
    return rc;
}

/* --- xlsx -------------------------------------------------------------------------------------- */

typedef struct {
    lxw_workbook *wb;
    lxw_format *bold, *title, *head, *wrap, *number;
    char **names; /* sheet names taken, folded */
    size_t nnames;
} Book;

/* Excel's rules: ≤ 31 characters, none of []:*?/\, not starting or ending
 * with an apostrophe, unique regardless of case. */
static char *sheet_name(Book *bk, const char *want)
{
    Buf b = BUF_INIT;
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)want; *p && chars < 28; chars++) {
        size_t len = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : 4;
        if (strchr("[]:*?/\\", *p) && len == 1) buf_putc(&b, '-');
        else buf_append(&b, p, len);
        for (size_t k = 0; k < len && *p; k++) p++;
    }
    while (b.len && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '\'')) b.data[--b.len] = '\0';
    if (!b.len || b.data[0] == '\'') buf_puts(&b, "Blad");
    char *base = buf_take(&b);
    char *name = xstrdup(base);
    for (int k = 2;; k++) {
        bool taken = false;
        for (size_t i = 0; i < bk->nnames && !taken; i++) taken = !strcasecmp(bk->names[i], name);
        if (!taken) break;
        free(name);
        Buf n = BUF_INIT;
        buf_printf(&n, "%s %d", base, k);
        name = buf_take(&n);
    }
    free(base);
    bk->names = xrealloc(bk->names, (bk->nnames + 1) * sizeof *bk->names);
    bk->names[bk->nnames++] = xstrdup(name);
    return name;
}

static void put_text(lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
    if (s && *s) worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, f);
}

static void put_number(lxw_worksheet *ws, int row, int col, bool has, double v, lxw_format *f)
{
    if (has) worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v, f);
}

static void write_summary(Book *bk, const PlanTree *t)
{
    char *name = sheet_name(bk, "Sammanställning");
    lxw_worksheet *ws = workbook_add_worksheet(bk->wb, name);
    free(name);
    if (!ws) return;
    PlanSummary s;
    plan_summary(t, &s);
    put_text(ws, 0, 0, t->plan.name, bk->title);
    put_text(ws, 1, 0, "Antal planpunkter per område, räknade ur planen vid exporten.", NULL);
    static const char *const head[] = {"Område", "Delområde", "Aktiviteter", "Indikator", "Totalsumma"};
    for (int c = 0; c < 5; c++) put_text(ws, 3, c, head[c], bk->head);
    int row = 4;
    for (size_t i = 0; i < s.n; i++, row++) {
        const PlanSummaryRow *r = &s.rows[i];
        put_text(ws, row, 0, r->title, NULL);
        put_number(ws, row, 1, true, r->delomraden, NULL);
        put_number(ws, row, 2, true, r->activities, NULL);
        put_number(ws, row, 3, true, r->indicators, NULL);
        put_number(ws, row, 4, true, r->total, NULL);
    }
    put_text(ws, row, 0, "Totalsumma", bk->bold);
    put_number(ws, row, 1, true, s.total.delomraden, bk->bold);
    put_number(ws, row, 2, true, s.total.activities, bk->bold);
    put_number(ws, row, 3, true, s.total.indicators, bk->bold);
    put_number(ws, row, 4, true, s.total.total, bk->bold);
    char tol[32], line[96];
    snprintf(line, sizeof line, "Tolerans för delvis uppnått (planens inställning): %s %%",
             plan_number_format_sv(t->plan.tolerance_pct, tol));
    put_text(ws, row + 2, 0, line, NULL);
    worksheet_set_column(ws, 0, 0, 48, NULL);
    worksheet_set_column(ws, 1, 4, 13, NULL);
    plan_summary_free(&s);
}

/* The follow-up table of every indicator under area a (a == SIZE_MAX: items
 * outside any area), then the area's items. */
static ErrCode write_area(Book *bk, Db *db, const PlanTree *t, size_t a, Err *e)
{
    Buf want = BUF_INIT;
    if (a == SIZE_MAX) buf_puts(&want, "Utan område");
    else buf_printf(&want, "%s %s", t->nodes[a].code, t->nodes[a].title);
    char *name = sheet_name(bk, buf_cstr(&want));
    buf_free(&want);
    lxw_worksheet *ws = workbook_add_worksheet(bk->wb, name);
    free(name);
    if (!ws) return err_set(e, ERR_INTERNAL, "kunde inte lägga till ett blad i arbetsboken");
    int row = 0;
    if (a != SIZE_MAX) {
        const PlanNode *ar = &t->nodes[a];
        put_text(ws, row++, 0, ar->title, bk->title);
        put_text(ws, row, 0, "Strategisk ägare", bk->bold);
        put_text(ws, row++, 1, ar->strategic_owner, NULL);
        put_text(ws, row, 0, "Uppdragsansvarig", bk->bold);
        put_text(ws, row++, 1, ar->assignment_owner, NULL);
        if (ar->refers_to) {
            Buf ref = BUF_INIT;
            buf_printf(&ref, "%s – %s (%s)", ar->refers_to_code, ar->refers_to_title, ar->refers_to_plan);
            put_text(ws, row, 0, "Bryter ner", bk->bold);
            put_text(ws, row++, 1, buf_cstr(&ref), NULL);
            buf_free(&ref);
        }
    } else {
        put_text(ws, row++, 0, "Utan område", bk->title);
    }
    row++;
    put_text(ws, row++, 0, "Uppföljning", bk->bold);
    static const char *const head[] = {"Kod",     "Indikator",      "Under",    "Enhet",     "Period",
                                       "Utfall",  "Målvärde",       "Måluppfyllelse", "Överstyrd", "Kommentar"};
    for (int c = 0; c < 10; c++) put_text(ws, row, c, head[c], bk->head);
    row++;
    for (size_t i = 0; i < t->n; i++) {
        const PlanNode *n = &t->nodes[i];
        if (!n->is_indicator || area_of(t, i) != a) continue;
        IndicatorSeries s;
        if (indicator_series(db, n->id, &s, e)) return e->code;
        Buf path = BUF_INIT;
        path_text(t, i, &path);
        for (size_t k = 0; k < s.n; k++, row++) {
            const IndicatorPoint *p = &s.points[k];
            put_text(ws, row, 0, n->code, NULL);
            put_text(ws, row, 1, n->title, NULL);
            put_text(ws, row, 2, buf_cstr(&path), NULL);
            put_text(ws, row, 3, n->unit, NULL);
            put_text(ws, row, 4, p->text, NULL);
            put_number(ws, row, 5, p->has_outcome, p->outcome, bk->number);
            put_number(ws, row, 6, p->has_target, p->target, bk->number);
            put_text(ws, row, 7, p->fulfilment == FUL_NONE ? "" : fulfilment_label(p->fulfilment), NULL);
            if (p->overridden) {
                Buf ov = BUF_INIT;
                buf_printf(&ov, "ja, beräknat %s: %s", fulfilment_label(p->computed), p->override_comment);
                put_text(ws, row, 8, buf_cstr(&ov), bk->wrap);
                buf_free(&ov);
            }
            put_text(ws, row, 9, p->comment, bk->wrap);
        }
        if (!s.n) put_text(ws, row++, 0, n->code, NULL);
        buf_free(&path);
        indicator_series_free(&s);
    }
    row++;
    put_text(ws, row++, 0, "Planpunkter", bk->bold);
    static const char *const ihead[] = {"Kod", "Sort", "Rubrik", "Strategisk ägare", "Uppdragsansvarig", "Status",
                                        "Måluppfyllelse"};
    for (int c = 0; c < 7; c++) put_text(ws, row, c, ihead[c], bk->head);
    row++;
    for (size_t i = 0; i < t->n; i++) {
        const PlanNode *n = &t->nodes[i];
        if (area_of(t, i) != a || (size_t)i == a) continue;
        put_text(ws, row, 0, n->code, NULL);
        put_text(ws, row, 1, plan_kind_label(n->kind), NULL);
        put_text(ws, row, 2, n->title, bk->wrap);
        put_text(ws, row, 3, n->strategic_owner, NULL);
        put_text(ws, row, 4, n->assignment_owner, NULL);
        put_text(ws, row, 5, plan_status_label(n->status), NULL);
        put_text(ws, row, 6, n->rollup.level == FUL_NONE ? "" : fulfilment_label(n->rollup.level), NULL);
        row++;
    }
    worksheet_set_column(ws, 0, 0, 14, NULL);
    worksheet_set_column(ws, 1, 2, 40, NULL);
    worksheet_set_column(ws, 3, 8, 14, NULL);
    worksheet_set_column(ws, 9, 9, 60, NULL);
    return ERR_OK;
}

ErrCode plan_export_xlsx(Db *db, long long plan_id, const char *path, Err *e)
{
    PlanTree t;
    if (plan_tree_load(db, plan_id, NULL, &t, e)) return e->code;
    Book bk = {0};
    bk.wb = workbook_new(path);
    if (!bk.wb) {
        plan_tree_free(&t);
        return err_set(e, ERR_INTERNAL, "kunde inte skapa arbetsboken %s", path);
    }
    bk.bold = workbook_add_format(bk.wb);
    format_set_bold(bk.bold);
    bk.title = workbook_add_format(bk.wb);
    format_set_bold(bk.title);
    format_set_font_size(bk.title, 14);
    bk.head = workbook_add_format(bk.wb);
    format_set_bold(bk.head);
    format_set_bottom(bk.head, LXW_BORDER_THIN);
    bk.wrap = workbook_add_format(bk.wb);
    format_set_text_wrap(bk.wrap);
    bk.number = workbook_add_format(bk.wb);
    format_set_num_format(bk.number, "General");
    lxw_doc_properties props = {.title = t.plan.name, .subject = "Uppföljning", .author = "Lots"};
    workbook_set_properties(bk.wb, &props);

    write_summary(&bk, &t);
    ErrCode rc = ERR_OK;
    bool outside = false;
    for (size_t i = 0; i < t.n && !rc; i++) {
        if (t.nodes[i].parent != SIZE_MAX) continue;
        if (!strcmp(t.nodes[i].kind, "area")) rc = write_area(&bk, db, &t, i, e);
        else outside = true;
    }
    if (!rc && outside) rc = write_area(&bk, db, &t, SIZE_MAX, e);
    lxw_error err = workbook_close(bk.wb);
    if (!rc && err != LXW_NO_ERROR)
        rc = err_set(e, ERR_INTERNAL, "kunde inte skriva arbetsboken %s: %s", path, lxw_strerror(err));
    for (size_t i = 0; i < bk.nnames; i++) free(bk.names[i]);
    free(bk.names);
    plan_tree_free(&t);
    return rc;
}

ErrCode plan_export_xlsx_buf(Db *db, long long plan_id, Buf *out, Err *e)
{
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/lots-export-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) return err_set(e, ERR_INTERNAL, "kunde inte skapa en tillfällig fil för exporten");
    close(fd);
    ErrCode rc = plan_export_xlsx(db, plan_id, path, e);
    if (!rc) {
        FILE *f = fopen(path, "rb");
        if (!f) {
            rc = err_set(e, ERR_INTERNAL, "kunde inte läsa den exporterade arbetsboken");
        } else {
            char chunk[8192];
            size_t got;
            while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(out, chunk, got);
            if (ferror(f)) rc = err_set(e, ERR_INTERNAL, "kunde inte läsa den exporterade arbetsboken");
            fclose(f);
        }
    }
    unlink(path);
    return rc;
}
