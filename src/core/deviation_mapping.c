/*
 * deviation_mapping.c — the column mapping an organisation keeps for the
 * exports of its deviation system (the format is in docs/import.md), and
 * date formats.
 *
 * One statement per line; blank lines and lines starting with # are skipped:
 *     FÄLT = Kolumnrubrik          the field is read from that column
 *     FÄLT := värde                every row gets this value
 *     FÄLT = -                     the field is not read, even if a column has its standard name
 *     FÄLT[exportens värde] = värde   a value of the export translated
 *     import = avvikelser | klagomål
 *     datumformat = DD/MM/ÅÅÅÅ
 *     avgränsare = ; | , | tab
 *     teckenkodning = utf-8 | windows-1252
 * A field is named by its key (event_date) or its Swedish label
 * (Händelsedatum), in any case. Mistakes are named with the mapping's line.
 *
 * Must not: read files or touch the database.
 */
#include "core/deviation_internal.h"
#include "base/buf.h"
#include "base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- field names --------------------------------------------------------------------------------- */

/* Folded, with _ - and runs of spaces as one space. */
static char *name_key(const char *s)
{
    char *t = trim_dup(s);
    char *f = fold_lower(t);
    free(t);
    Buf b = BUF_INIT;
    bool space = false;
    for (const char *p = f; *p; p++) {
        if (*p == '_' || *p == '-' || *p == ' ' || *p == '\t') {
            space = b.len > 0;
            continue;
        }
        if (space) buf_putc(&b, ' ');
        space = false;
        buf_putc(&b, *p);
    }
    free(f);
    return buf_take(&b);
}

int field_index(const FieldDef *fields, int n, const char *name)
{
    char *k = name_key(name);
    int found = -1;
    for (int i = 0; i < n && found < 0; i++) {
        char *a = name_key(fields[i].key), *b = name_key(fields[i].label);
        if (!strcmp(k, a) || !strcmp(k, b)) found = i;
        free(a);
        free(b);
    }
    free(k);
    return found;
}

static bool known_field(const char *name)
{
    return field_index(deviation_fields, DF_N, name) >= 0 || field_index(complaint_fields, CF_N, name) >= 0;
}

/* Two names of the same field (ref and Referens), in either table. */
static bool same_field(const char *a, const char *b)
{
    int da = field_index(deviation_fields, DF_N, a), ca = field_index(complaint_fields, CF_N, a);
    return (da >= 0 && da == field_index(deviation_fields, DF_N, b)) ||
           (ca >= 0 && ca == field_index(complaint_fields, CF_N, b));
}

static void list_fields(Buf *b, const FieldDef *fields, int n)
{
    for (int i = 0; i < n; i++) buf_printf(b, "%s%s", i ? ", " : "", fields[i].key);
}

/* --- dates --------------------------------------------------------------------------------------- */

typedef enum { T_Y4, T_Y2, T_M, T_D, T_LIT } TokKind;
typedef struct {
    TokKind kind;
    char lit;
} Tok;

enum { TOKS_MAX = 16 };

/* Splits a format into tokens; false if it is not a date format. */
static bool tokenize(const char *f, Tok *toks, int *n)
{
    int ny = 0, nm = 0, nd = 0;
    *n = 0;
    for (const char *p = f; *p;) {
        if (*n == TOKS_MAX) return false;
        Tok *t = &toks[(*n)++];
        bool y8 = !strncmp(p, "ÅÅÅÅ", 8) || !strncmp(p, "åååå", 8);
        bool y4 = !strncasecmp(p, "YYYY", 4), y2b = !strncmp(p, "ÅÅ", 4) || !strncmp(p, "åå", 4);
        if (y8) t->kind = T_Y4, p += 8, ny++;
        else if (y4) t->kind = T_Y4, p += 4, ny++;
        else if (y2b) t->kind = T_Y2, p += 4, ny++;
        else if (!strncasecmp(p, "YY", 2)) t->kind = T_Y2, p += 2, ny++;
        else if (!strncasecmp(p, "MM", 2)) t->kind = T_M, p += 2, nm++;
        else if (*p == 'M' || *p == 'm') t->kind = T_M, p += 1, nm++;
        else if (!strncasecmp(p, "DD", 2)) t->kind = T_D, p += 2, nd++;
        else if (*p == 'D' || *p == 'd') t->kind = T_D, p += 1, nd++;
        else if (*p == '-' || *p == '/' || *p == '.' || *p == ' ') t->kind = T_LIT, t->lit = *p++;
        else return false;
    }
    return ny == 1 && nm == 1 && nd == 1;
}

bool date_format_valid(const char *format)
{
    Tok toks[TOKS_MAX];
    int n;
    return format && tokenize(format, toks, &n);
}

bool date_convert(const char *format, const char *text, char out[11])
{
    Tok toks[TOKS_MAX];
    int n;
    if (!tokenize(format, toks, &n)) return false;
    char *t = trim_dup(text ? text : "");
    const char *p = t;
    int y = 0, m = 0, d = 0;
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        if (toks[i].kind == T_LIT) {
            ok = *p == toks[i].lit;
            p++;
            continue;
        }
        int max = toks[i].kind == T_Y4 ? 4 : 2;
        /* without separators (ÅÅÅÅMMDD) every part has all its digits */
        bool exact = toks[i].kind == T_Y4 || toks[i].kind == T_Y2 || (i + 1 < n && toks[i + 1].kind != T_LIT) ||
                     (i > 0 && toks[i - 1].kind != T_LIT);
        int v = 0, digits = 0;
        while (digits < max && *p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0'), digits++;
        ok = digits > 0 && (!exact || digits == max);
        if (toks[i].kind == T_Y4) y = v;
        else if (toks[i].kind == T_Y2) y = 2000 + v;
        else if (toks[i].kind == T_M) m = v;
        else d = v;
    }
    /* a time of day after the date ("2026-03-05 14:30", "…T14:30") is not ours to keep */
    if (ok && *p && *p != ' ' && *p != 'T') ok = false;
    free(t);
    if (!ok) return false;
    char buf[40];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    if (!iso_date_valid(buf)) return false;
    memcpy(out, buf, 11);
    return true;
}

/* --- the mapping ---------------------------------------------------------------------------------- */

void import_mapping_free(ImportMapping *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->nentries; i++) {
        free(m->entries[i].field);
        free(m->entries[i].value);
    }
    for (size_t i = 0; i < m->ntranslations; i++) {
        free(m->translations[i].field);
        free(m->translations[i].from_key);
        free(m->translations[i].to);
    }
    free(m->entries);
    free(m->translations);
    free(m->date_format);
    free(m);
}

bool import_mapping_kind(const ImportMapping *m, ImportKind *out)
{
    if (m && m->has_kind) *out = m->kind;
    return m && m->has_kind;
}

/* "Enhet" or "\"Enhet \"": the value without surrounding space or quotes. */
static char *unquote(const char *s)
{
    char *t = trim_dup(s);
    size_t n = strlen(t);
    if (n >= 2 && t[0] == '"' && t[n - 1] == '"') {
        memmove(t, t + 1, n - 2);
        t[n - 2] = '\0';
    }
    return t;
}

static bool same_name(const char *a, const char *b)
{
    char *ka = name_key(a), *kb = name_key(b);
    bool same = !strcmp(ka, kb);
    free(ka);
    free(kb);
    return same;
}

static ErrCode option(ImportMapping *m, const char *name, const char *value, int line, bool *taken, Err *e)
{
    *taken = true;
    char *v = fold_lower(value);
    ErrCode rc = ERR_OK;
    if (same_name(name, "import")) {
        if (!strcmp(v, "avvikelser") || !strcmp(v, "deviations")) m->kind = IMPORT_DEVIATIONS;
        else if (!strcmp(v, "klagomål") || !strcmp(v, "klagomal") || !strcmp(v, "complaints")) m->kind = IMPORT_COMPLAINTS;
        else rc = err_set(e, ERR_INVALID, "mappningen rad %d: import ska vara avvikelser eller klagomål, inte '%s'", line, value);
        m->has_kind = true;
    } else if (same_name(name, "datumformat") || same_name(name, "date format")) {
        if (!date_format_valid(value))
            rc = err_set(e, ERR_INVALID,
                         "mappningen rad %d: okänt datumformat '%s' (t.ex. ÅÅÅÅ-MM-DD, DD/MM/ÅÅÅÅ, D.M.ÅÅÅÅ eller ÅÅÅÅMMDD)",
                         line, value);
        else {
            free(m->date_format);
            m->date_format = xstrdup(value);
        }
    } else if (same_name(name, "avgränsare") || same_name(name, "separator")) {
        if (!strcmp(v, ";") || !strcmp(v, "semikolon")) m->sep = ';';
        else if (!strcmp(v, ",") || !strcmp(v, "komma")) m->sep = ',';
        else if (!strcmp(v, "tab") || !strcmp(v, "\t") || !strcmp(v, "tabb")) m->sep = '\t';
        else rc = err_set(e, ERR_INVALID, "mappningen rad %d: avgränsaren ska vara ; , eller tab, inte '%s'", line, value);
    } else if (same_name(name, "teckenkodning") || same_name(name, "encoding")) {
        if (!strcmp(v, "utf-8") || !strcmp(v, "utf8")) m->charset = CHARSET_UTF8;
        else if (!strcmp(v, "windows-1252") || !strcmp(v, "cp1252") || !strcmp(v, "latin1") ||
                 !strcmp(v, "latin-1") || !strcmp(v, "iso-8859-1") || !strcmp(v, "ansi"))
            m->charset = CHARSET_CP1252;
        else rc = err_set(e, ERR_INVALID, "mappningen rad %d: teckenkodningen ska vara utf-8 eller windows-1252, inte '%s'",
                          line, value);
    } else {
        *taken = false;
    }
    free(v);
    return rc;
}

static ErrCode unknown_field(const char *name, int line, Err *e)
{
    Buf b = BUF_INIT;
    buf_puts(&b, "avvikelser: ");
    list_fields(&b, deviation_fields, DF_N);
    buf_puts(&b, "; klagomål: ");
    list_fields(&b, complaint_fields, CF_N);
    err_set(e, ERR_INVALID, "mappningen rad %d: okänt fält '%s' (fälten för %s)", line, name, buf_cstr(&b));
    buf_free(&b);
    return ERR_INVALID;
}

/* FÄLT[exportens värde] = värde */
static ErrCode translation(ImportMapping *m, const char *s, int line, Err *e)
{
    const char *open = strchr(s, '[');
    const char *close = NULL;
    for (const char *p = open + 1; *p && !close; p++) {
        if (*p != ']') continue;
        const char *q = p + 1;
        while (*q == ' ' || *q == '\t') q++;
        if (*q == '=') close = p;
    }
    if (!close)
        return err_set(e, ERR_INVALID, "mappningen rad %d: en översättning skrivs FÄLT[exportens värde] = värde", line);
    char *field = xstrndup(s, (size_t)(open - s));
    char *from = xstrndup(open + 1, (size_t)(close - open - 1));
    const char *eq = strchr(close, '=');
    char *to = unquote(eq + 1);
    char *tfield = trim_dup(field), *tfrom = trim_dup(from);
    ErrCode rc = ERR_OK;
    if (!known_field(tfield)) rc = unknown_field(tfield, line, e);
    else if (!*tfrom) rc = err_set(e, ERR_INVALID, "mappningen rad %d: värdet inom [ ] är tomt", line);
    char *key = fold_lower(tfrom);
    for (size_t i = 0; !rc && i < m->ntranslations; i++)
        if (same_field(m->translations[i].field, tfield) && !strcmp(m->translations[i].from_key, key))
            rc = err_set(e, ERR_INVALID, "mappningen rad %d: '%s' för %s översätts redan på rad %d", line, tfrom, tfield,
                         m->translations[i].line);
    if (!rc) {
        m->translations = xrealloc(m->translations, (m->ntranslations + 1) * sizeof *m->translations);
        m->translations[m->ntranslations++] = (MapTranslation){tfield, key, to, line};
        tfield = key = to = NULL;
    }
    free(field);
    free(from);
    free(tfrom);
    free(tfield);
    free(key);
    free(to);
    return rc;
}

static ErrCode statement(ImportMapping *m, const char *s, int line, Err *e)
{
    const char *eq = strchr(s, '=');
    const char *bracket = strchr(s, '[');
    if (bracket && (!eq || bracket < eq)) return translation(m, s, line, e);
    if (!eq)
        return err_set(e, ERR_INVALID, "mappningen rad %d: '=' saknas (skriv FÄLT = Kolumnrubrik, t.ex. ref = Ärendenummer)",
                       line);
    bool fixed = eq > s && eq[-1] == ':';
    char *value = unquote(eq + 1);
    char *name = xstrndup(s, (size_t)(eq - s - (fixed ? 1 : 0)));
    char *tname = trim_dup(name);
    free(name);
    ErrCode rc = ERR_OK;
    bool taken = false;
    if (!*tname) rc = err_set(e, ERR_INVALID, "mappningen rad %d: fältnamnet före '=' saknas", line);
    else if (!fixed) rc = option(m, tname, value, line, &taken, e);
    if (!rc && !taken) {
        MapHow how = fixed ? MAP_FIXED : !strcmp(value, "-") ? MAP_IGNORE : MAP_COLUMN;
        if (!known_field(tname)) rc = unknown_field(tname, line, e);
        else if (how == MAP_COLUMN && !*value)
            rc = err_set(e, ERR_INVALID, "mappningen rad %d: kolumnrubriken för %s saknas (skriv %s = - för att inte läsa fältet)",
                         line, tname, tname);
        for (size_t i = 0; !rc && i < m->nentries; i++)
            if (same_field(m->entries[i].field, tname))
                rc = err_set(e, ERR_INVALID, "mappningen rad %d: fältet %s mappas redan på rad %d", line, tname,
                             m->entries[i].line);
        if (!rc) {
            m->entries = xrealloc(m->entries, (m->nentries + 1) * sizeof *m->entries);
            m->entries[m->nentries++] = (MapEntry){tname, how, value, line};
            tname = value = NULL;
        }
    }
    free(tname);
    free(value);
    return rc;
}

ErrCode import_mapping_parse(const char *text, size_t len, ImportMapping **out, Err *e)
{
    *out = NULL;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) text += 3, len -= 3;
    if (memchr(text, '\0', len)) return err_set(e, ERR_INVALID, "mappningen innehåller NUL-tecken – är den en textfil?");
    char *copy = xstrndup(text, len);
    if (!utf8_valid(copy)) {
        free(copy);
        return err_set(e, ERR_INVALID, "mappningen är inte sparad som UTF-8");
    }
    ImportMapping *m = xcalloc(1, sizeof *m);
    m->date_format = xstrdup("ÅÅÅÅ-MM-DD");
    ErrCode rc = ERR_OK;
    int line = 0;
    /* strtok_r would skip empty lines and lose the count: split by hand */
    for (char *p = copy; p && !rc;) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = '\0';
        line++;
        size_t n = strlen(p);
        if (n && p[n - 1] == '\r') p[n - 1] = '\0';
        char *t = trim_dup(p);
        if (*t && *t != '#') rc = statement(m, t, line, e);
        free(t);
        p = nl ? nl + 1 : NULL;
    }
    free(copy);
    if (rc) {
        import_mapping_free(m);
        return rc;
    }
    *out = m;
    return ERR_OK;
}
