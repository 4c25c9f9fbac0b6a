/*
 * fuzz_csv.c — libFuzzer target for the CSV reader every import shares
 * (base/csv.c): csv_guess_separator, csv_read, csv_record_blank and
 * cp1252_to_utf8.
 *
 * The input is first converted as the importers do: kept when it is UTF-8,
 * else read as Windows-1252. cp1252_to_utf8 must give valid UTF-8 with one
 * character per input byte: the same one below 0x80 and from 0xA0 (Latin-1),
 * one beyond U+00FF for 0x80–0x9F (the code page's letters, or U+FFFD).
 *
 * The text is then read record by record, exactly `size` bytes without a
 * NUL after them so ASan sees a read past the end, and compared with a small
 * reference reader written here from the rules in csv.h (fields split at the
 * separator; records end at LF, CR LF or CR; a field starting with '"' is
 * quoted, "" in it is a quote, CR LF in it one line break, and only blanks
 * may follow its closing quote; at most 500 fields): the same records, the
 * same fields byte for byte, the same error after the same records with
 * "rad N:" naming the same line. Then:
 *   - every field is valid UTF-8 without NUL;
 *   - the first record is on line 1, and each next one on the line after
 *     the last line break of the one before (line numbers only grow);
 *   - the separator is ; , or tab, and one the header line has most of;
 *   - what the reader read, written back as Excel writes CSV (a field
 *     quoted when it holds the separator, a quote or a line break; CR LF
 *     after each record), reads back as the same records on the same lines,
 *     CR LF inside a field being one line break (LF) as the reader says.
 * A text with NUL bytes (which every importer refuses) is only read.
 *
 * Must not: print unless aborting.
 */
#define FUZZ_NAME "fuzz_csv"

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"

#include "base/buf.h"
#include "base/csv.h"

enum { REF_FIELDS_MAX = 500 };

/* --- the reference reader ------------------------------------------------------------------------ */

typedef struct {
    Buf *f;
    int n, cap;
    int line;
} RefRecord;

typedef struct {
    const uint8_t *p, *end;
    char sep;
    int line;
} Ref;

static void ref_clear(RefRecord *r)
{
    for (int i = 0; i < r->n; i++) buf_free(&r->f[i]);
    r->n = 0;
}

static Buf *ref_push(RefRecord *r)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->f = realloc(r->f, (size_t)r->cap * sizeof *r->f);
    }
    r->f[r->n] = (Buf)BUF_INIT;
    return &r->f[r->n++];
}

static bool at_end_of_field(const Ref *c)
{
    return c->p == c->end || *c->p == c->sep || *c->p == '\n' || *c->p == '\r';
}

/* One field into out; 0 or the line an error names. */
static int ref_field(Ref *c, Buf *out)
{
    if (c->p == c->end || *c->p != '"') {
        while (!at_end_of_field(c)) buf_putc(out, (char)*c->p++);
        return 0;
    }
    int start = c->line;
    for (c->p++;; c->p++) {
        if (c->p == c->end) return start; /* never closed */
        if (*c->p == '"' && c->end - c->p > 1 && c->p[1] == '"') buf_putc(out, '"'), c->p++;
        else if (*c->p == '"') break;
        else if (*c->p == '\r' && c->end - c->p > 1 && c->p[1] == '\n') continue; /* the LF follows */
        else {
            if (*c->p == '\n') c->line++;
            buf_putc(out, (char)*c->p);
        }
    }
    c->p++;
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t') && *c->p != c->sep) c->p++;
    return at_end_of_field(c) ? 0 : c->line; /* text after the closing quote */
}

/* 1: a record; 0: the end; -1: an error naming line *err_line. */
static int ref_read(Ref *c, RefRecord *r, int *err_line)
{
    ref_clear(r);
    if (c->p == c->end) return 0;
    r->line = c->line;
    for (;;) {
        Buf f = BUF_INIT;
        int bad = ref_field(c, &f);
        if (bad || r->n == REF_FIELDS_MAX) {
            buf_free(&f);
            *err_line = bad ? bad : r->line;
            return -1;
        }
        *ref_push(r) = f;
        if (c->p < c->end && *c->p == c->sep) {
            c->p++;
            continue;
        }
        break;
    }
    if (c->p < c->end && *c->p == '\r') c->p++;
    if (c->p < c->end && *c->p == '\n') c->p++;
    c->line++;
    return 1;
}

/* --- checks ---------------------------------------------------------------------------------------- */

/* One character per byte: ASCII and Latin-1 as they are, 0x80–0x9F beyond
 * U+00FF. */
static void check_cp1252(const uint8_t *in, size_t n)
{
    size_t len;
    char *out = cp1252_to_utf8((const char *)in, n, &len);
    CHECK(out && out[len] == '\0', "cp1252_to_utf8 gave no NUL-terminated text");
    const uint8_t *o = (const uint8_t *)out;
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        CHECK(at < len, "cp1252_to_utf8: %zu bytes gave only %zu characters", n, i);
        size_t k = o[at] < 0x80 ? 1 : o[at] >= 0xF0 ? 4 : o[at] >= 0xE0 ? 3 : 2;
        CHECK(at + k <= len && (o[at] == 0 || fuzz_utf8_valid(o + at, k)), "cp1252_to_utf8: byte %zu (0x%02X) gave "
              "invalid UTF-8", i, in[i]);
        uint32_t cp = k == 1 ? o[at] : k == 2 ? (o[at] & 0x1Fu) << 6 | (o[at + 1] & 0x3Fu)
                                             : (o[at] & 0x0Fu) << 12 | (o[at + 1] & 0x3Fu) << 6 | (o[at + 2] & 0x3Fu);
        CHECK(k <= 3, "cp1252_to_utf8: byte 0x%02X became a 4-byte character", in[i]);
        if (in[i] >= 0x80 && in[i] < 0xA0) CHECK(cp > 0xFF, "cp1252: 0x%02X became U+%04X", in[i], cp);
        else CHECK(cp == in[i], "cp1252: 0x%02X became U+%04X", in[i], cp);
        at += k;
    }
    CHECK(at == len, "cp1252_to_utf8: %zu bytes left over", len - at);
    free(out);
}

/* The separator is one the header line (the first not blank or a #
 * comment) has most of, outside quotes. */
static void check_separator(const uint8_t *t, size_t n, char sep)
{
    CHECK(sep == ';' || sep == ',' || sep == '\t', "separator 0x%02X", (unsigned char)sep);
    size_t i = 0;
    for (;;) {
        size_t q = i;
        while (q < n && (t[q] == ' ' || t[q] == '\t' || t[q] == '\r')) q++;
        if (q == n || (t[q] != '\n' && t[q] != '#')) break;
        const uint8_t *nl = memchr(t + q, '\n', n - q);
        if (!nl) return; /* nothing but blanks and comments */
        i = (size_t)(nl - t) + 1;
    }
    size_t count[3] = {0};
    static const char seps[3] = {';', ',', '\t'};
    bool quoted = false;
    for (; i < n && (quoted || t[i] != '\n'); i++) {
        if (t[i] == '"') quoted = !quoted;
        else if (!quoted)
            for (int s = 0; s < 3; s++) count[s] += t[i] == seps[s];
    }
    size_t mine = count[sep == ';' ? 0 : sep == ',' ? 1 : 2];
    for (int s = 0; s < 3; s++)
        CHECK(mine >= count[s], "separator '%c' chosen, but the header has %zu of '%c' and %zu of it", sep, count[s],
              seps[s], mine);
}

static bool blank(const CsvRecord *r)
{
    for (int i = 0; i < r->n; i++)
        for (const char *p = r->f[i]; *p; p++)
            if (!isspace((unsigned char)*p)) return false;
    return true;
}

static void check_record(const CsvRecord *r, const RefRecord *ref, int want_line, bool clean)
{
    CHECK(r->n == ref->n, "record on line %d: %d fields, the reference %d", ref->line, r->n, ref->n);
    CHECK(r->n >= 1 && r->n <= REF_FIELDS_MAX, "a record of %d fields", r->n);
    CHECK(r->line == ref->line, "record on line %d said to start on line %d", ref->line, r->line);
    CHECK(r->line == want_line, "record on line %d, expected %d after the one before", r->line, want_line);
    CHECK(csv_record_blank(r) == blank(r), "csv_record_blank wrong on line %d", r->line);
    if (!clean) return;
    for (int i = 0; i < r->n; i++) {
        size_t len = strlen(r->f[i]);
        CHECK(len == ref->f[i].len && !memcmp(r->f[i], ref->f[i].data ? ref->f[i].data : "", len),
              "line %d, field %d: '%s', the reference '%.*s'", r->line, i + 1, r->f[i], (int)ref->f[i].len,
              ref->f[i].data ? ref->f[i].data : "");
        CHECK(fuzz_utf8_valid((const uint8_t *)r->f[i], len), "line %d, field %d is not UTF-8", r->line, i + 1);
    }
}

/* --- writing back ------------------------------------------------------------------------------------ */

static void write_record(Buf *out, const CsvRecord *r, char sep)
{
    for (int i = 0; i < r->n; i++) {
        const char *f = r->f[i];
        if (i) buf_putc(out, sep);
        if (!strpbrk(f, "\"\r\n") && !strchr(f, sep)) {
            buf_puts(out, f);
            continue;
        }
        buf_putc(out, '"');
        for (; *f; f++) {
            if (*f == '"') buf_putc(out, '"');
            buf_putc(out, *f);
        }
        buf_putc(out, '"');
    }
    buf_puts(out, "\r\n");
}

/* A field as reading it back gives it: CR LF read as LF. */
static char *expect_back(const char *f)
{
    char *s = strdup(f), *o = s;
    for (const char *p = f; *p; p++)
        if (!(p[0] == '\r' && p[1] == '\n')) *o++ = *p;
    *o = '\0';
    return s;
}

static void check_round_trip(Buf *written, char sep, char ***fields, int *counts, int *lines, int nrecords)
{
    CsvReader c = {buf_cstr(written), buf_cstr(written) + written->len, sep, 1};
    CsvRecord r = {0};
    Err e = ERR_INIT;
    bool got;
    for (int i = 0; i < nrecords; i++) {
        CHECK(csv_read(&c, &r, &got, &e) == ERR_OK && got, "record %d does not read back: %s", i + 1, e.msg);
        CHECK(r.n == counts[i], "record %d reads back with %d fields, not %d", i + 1, r.n, counts[i]);
        CHECK(r.line == lines[i], "record %d reads back on line %d, not %d", i + 1, r.line, lines[i]);
        for (int k = 0; k < r.n; k++) {
            char *want = expect_back(fields[i][k]);
            CHECK(!strcmp(r.f[k], want), "record %d field %d reads back as '%s', not '%s'", i + 1, k + 1, r.f[k],
                  want);
            free(want);
        }
    }
    CHECK(csv_read(&c, &r, &got, &e) == ERR_OK && !got, "more records read back than were written");
    csv_record_free(&r);
}

/* --- the target ---------------------------------------------------------------------------------------- */

static void read_all(const uint8_t *t, size_t n, bool clean)
{
    char sep = csv_guess_separator((const char *)t, (const char *)t + n);
    if (clean) check_separator(t, n, sep);
    CsvReader c = {(const char *)t, (const char *)t + n, sep, 1};
    Ref ref = {t, t + n, sep, 1};
    CsvRecord r = {0};
    RefRecord rr = {0};
    Buf written = BUF_INIT;
    char ***fields = NULL;
    int *counts = NULL, *lines = NULL, nrec = 0, want_line = 1;
    for (;;) {
        Err e = ERR_INIT;
        bool got;
        ErrCode rc = csv_read(&c, &r, &got, &e);
        int err_line = 0, rgot = ref_read(&ref, &rr, &err_line);
        if (rgot < 0) {
            CHECK(rc == ERR_INVALID, "record %d: the reference fails on line %d, csv_read gives %d", nrec + 1,
                  err_line, (int)rc);
            fuzz_check_message(&e);
            CHECK(!strncmp(e.msg, "rad ", 4) && fuzz_line_at(e.msg + 4, ": ") == err_line,
                  "the error should name line %d: '%s'", err_line, e.msg);
            CHECK(r.n == 0, "a failed read leaves %d fields", r.n);
            break;
        }
        CHECK(rc == ERR_OK, "record %d: csv_read fails where the reference does not: %s", nrec + 1, e.msg);
        CHECK(got == (rgot == 1), "record %d: csv_read %s a record, the reference %s", nrec + 1, got ? "read" : "ended",
              rgot ? "read one" : "ended");
        if (!got) break;
        check_record(&r, &rr, want_line, clean);
        int nl = 0; /* from the reference's fields, which may hold NUL */
        for (int i = 0; i < rr.n; i++)
            for (size_t k = 0; k < rr.f[i].len; k++) nl += rr.f[i].data[k] == '\n';
        want_line = r.line + 1 + nl;
        if (clean) {
            write_record(&written, &r, sep);
            fields = realloc(fields, (size_t)(nrec + 1) * sizeof *fields);
            counts = realloc(counts, (size_t)(nrec + 1) * sizeof *counts);
            lines = realloc(lines, (size_t)(nrec + 1) * sizeof *lines);
            fields[nrec] = calloc((size_t)r.n, sizeof **fields);
            for (int i = 0; i < r.n; i++) fields[nrec][i] = strdup(r.f[i]);
            counts[nrec] = r.n;
            lines[nrec] = r.line;
            nrec++;
        }
    }
    CHECK(c.line <= fuzz_count_lines(t, n) + 1, "the reader ends on line %d of %ld", c.line, fuzz_count_lines(t, n));
    if (clean) check_round_trip(&written, sep, fields, counts, lines, nrec);
    for (int i = 0; i < nrec; i++) {
        for (int k = 0; k < counts[i]; k++) free(fields[i][k]);
        free(fields[i]);
    }
    free(fields);
    free(counts);
    free(lines);
    buf_free(&written);
    csv_record_free(&r);
    ref_clear(&rr);
    free(rr.f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_cp1252(data, size);
    bool has_nul = memchr(data, 0, size) != NULL;
    uint8_t *text;
    size_t n = size;
    if (has_nul || fuzz_utf8_valid(data, size)) {
        text = malloc(size ? size : 1);
        if (size) memcpy(text, data, size);
    } else {
        char *u = cp1252_to_utf8((const char *)data, size, &n);
        text = malloc(n ? n : 1); /* exact size: no NUL after it */
        memcpy(text, u, n);
        free(u);
    }
    read_all(text, n, !has_nul);
    free(text);
    return 0;
}
