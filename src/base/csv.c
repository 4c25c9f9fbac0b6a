/*
 * csv.c — the CSV reader every import shares (see csv.h).
 */
#include "base/csv.h"
#include "base/buf.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

enum { FIELDS_MAX = 500 };

char csv_guess_separator(const char *p, const char *end)
{
    /* skip blank lines and # comments: the header decides */
    for (;;) {
        const char *q = p;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\r')) q++;
        if (q >= end || (*q != '\n' && *q != '#')) break;
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        if (!nl) return ';';
        p = nl + 1;
    }
    int semi = 0, comma = 0, tab = 0;
    bool quoted = false;
    for (; p < end && (quoted || *p != '\n'); p++) {
        if (*p == '"') quoted = !quoted;
        else if (!quoted) semi += *p == ';', comma += *p == ',', tab += *p == '\t';
    }
    if (tab > semi && tab > comma) return '\t';
    return semi >= comma && semi ? ';' : ',';
}

static void push(CsvRecord *r, char *field)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->f = xrealloc(r->f, (size_t)r->cap * sizeof *r->f);
    }
    r->f[r->n++] = field;
}

void csv_record_free(CsvRecord *r)
{
    for (int i = 0; i < r->n; i++) free(r->f[i]);
    free(r->f);
    memset(r, 0, sizeof *r);
}

static void record_clear(CsvRecord *r)
{
    for (int i = 0; i < r->n; i++) free(r->f[i]);
    r->n = 0;
}

/* One field; stops before the separator or the end of the line. */
static ErrCode read_field(CsvReader *c, Buf *out, Err *e)
{
    if (c->p < c->end && *c->p == '"') {
        int start = c->line;
        c->p++;
        for (;;) {
            if (c->p >= c->end)
                return err_set(e, ERR_INVALID, "rad %d: citattecknet som börjar här avslutas aldrig", start);
            if (*c->p == '"') {
                if (c->p + 1 < c->end && c->p[1] == '"') {
                    buf_putc(out, '"');
                    c->p += 2;
                    continue;
                }
                c->p++;
                break;
            }
            if (*c->p == '\n') c->line++;
            if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n') {
                c->p++; /* CRLF inside a field is one line break */
                continue;
            }
            buf_putc(out, *c->p++);
        }
        while (c->p < c->end && (*c->p == ' ' || *c->p == '\t') && *c->p != c->sep) c->p++;
        if (c->p < c->end && *c->p != c->sep && *c->p != '\n' && *c->p != '\r')
            return err_set(e, ERR_INVALID,
                           "rad %d: text efter ett avslutande citattecken (skriv \"\" för ett citattecken i texten)",
                           c->line);
        return ERR_OK;
    }
    while (c->p < c->end && *c->p != c->sep && *c->p != '\n' && *c->p != '\r') buf_putc(out, *c->p++);
    return ERR_OK;
}

ErrCode csv_read(CsvReader *c, CsvRecord *r, bool *got, Err *e)
{
    *got = false;
    record_clear(r);
    if (c->p >= c->end) return ERR_OK;
    r->line = c->line;
    for (;;) {
        Buf f = BUF_INIT;
        ErrCode rc = read_field(c, &f, e);
        if (rc || r->n == FIELDS_MAX) {
            buf_free(&f);
            record_clear(r);
            return rc ? rc : err_set(e, ERR_INVALID, "rad %d: fler än %d fält", r->line, FIELDS_MAX);
        }
        char *s = buf_take(&f);
        push(r, s ? s : xstrdup(""));
        if (c->p < c->end && *c->p == c->sep) {
            c->p++;
            continue;
        }
        break;
    }
    if (c->p < c->end && *c->p == '\r') c->p++;
    if (c->p < c->end && *c->p == '\n') c->p++;
    c->line++;
    *got = true;
    return ERR_OK;
}

bool csv_record_blank(const CsvRecord *r)
{
    for (int i = 0; i < r->n; i++)
        if (!is_blank(r->f[i])) return false;
    return true;
}

static bool record_comment(const CsvRecord *r)
{
    const char *s = r->n ? r->f[0] : "";
    while (*s == ' ' || *s == '\t') s++;
    return *s == '#';
}

ErrCode csv_each(CsvReader *c, const CsvSteps *steps, void *ctx, Err *e)
{
    CsvRecord r = {0};
    bool have_header = false, got;
    ErrCode rc;
    while (!(rc = csv_read(c, &r, &got, e)) && got) {
        if (csv_record_blank(&r) || (steps->skip_comments && record_comment(&r))) continue;
        rc = have_header ? steps->row(ctx, &r, e) : steps->header(ctx, &r, e);
        have_header = true;
        if (rc) break;
    }
    csv_record_free(&r);
    if (!rc && !have_header) rc = err_set(e, ERR_INVALID, "rad 1: filen är tom – den ska börja med %s", steps->expect);
    return rc;
}

/* --- Windows-1252 --------------------------------------------------------------------------- */

/* 0x80–0x9F in Windows-1252 (0 where the code page leaves a hole). */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

char *cp1252_to_utf8(const char *s, size_t len, size_t *out_len)
{
    Buf b = BUF_INIT;
    buf_reserve(&b, len + len / 4 + 1);
    for (size_t i = 0; i < len; i++) {
        unsigned c = (unsigned char)s[i];
        if (c >= 0x80 && c < 0xA0) c = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD;
        if (c < 0x80) {
            buf_putc(&b, (char)c);
        } else if (c < 0x800) {
            buf_putc(&b, (char)(0xC0 | (c >> 6)));
            buf_putc(&b, (char)(0x80 | (c & 0x3F)));
        } else {
            buf_putc(&b, (char)(0xE0 | (c >> 12)));
            buf_putc(&b, (char)(0x80 | ((c >> 6) & 0x3F)));
            buf_putc(&b, (char)(0x80 | (c & 0x3F)));
        }
    }
    *out_len = b.len;
    buf_cstr(&b);
    return buf_take(&b);
}

ErrCode csv_open(CsvReader *c, const char *text, size_t len, Err *e)
{
    if (memchr(text, '\0', len)) return err_set(e, ERR_INVALID, "filen innehåller NUL-tecken – är den en textfil (CSV)?");
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) text += 3, len -= 3; /* Excel's UTF-8 mark */
    char *copy = xstrndup(text, len);
    bool utf8 = utf8_valid(copy);
    free(copy);
    if (!utf8) return err_set(e, ERR_INVALID, "filen är inte sparad som UTF-8 (spara som ”CSV UTF-8” i Excel)");
    *c = (CsvReader){text, text + len, csv_guess_separator(text, text + len), 1};
    return ERR_OK;
}
