/*
 * cmd_spc.c — `lots spc CHART [--freeze N] [--screen-mr] < data.csv`: one
 * series from standard input through the statistics module (core/spc.h),
 * printed as the same JSON the API answers.
 *
 * Input: one point a line, `x,y` or `x,y,n` (n the denominator, required by
 * u, up, p and pp). A first line whose y is not a number is a header; blank
 * lines are skipped; an empty y (or NA) is a missing value, a gap. Fields may
 * be quoted ("2024-01"). A file whose first line holds a semicolon is read
 * as Swedish Excel writes CSV: `;` between fields, decimal comma.
 *
 * Only parsing and printing here: which values a chart accepts is asked of
 * core (spc_point_problem), so the CLI and the API refuse the same things.
 * Never opens the database.
 */
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/spc.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *usage = "lots spc CHART [--freeze N] [--screen-mr] < data.csv";

typedef struct {
    SpcPoint *pts;
    size_t n, cap;
    char sep;     /* ',' or ';' (then the decimal mark is a comma) */
    bool started; /* a non-blank line has been seen */
} Series;

static void series_free(Series *s)
{
    for (size_t i = 0; i < s->n; i++) free((char *)s->pts[i].x);
    free(s->pts);
}

/* Splits a line into at most `max` fields, in place. A field may be quoted
 * with "…", where "" is a literal quote. Returns the number of fields, or
 * max + 1 when there are more. */
static size_t split(char *line, char sep, char **field, size_t max)
{
    size_t nf = 0;
    char *p = line;
    for (;;) {
        if (nf == max) return max + 1;
        char *start = p, *w = p;
        if (*p == '"') {
            for (p++; *p && !(*p == '"' && p[1] != '"'); p++) *w++ = *p == '"' ? *++p : *p;
            if (*p == '"') p++;
        }
        while (*p && *p != sep) *w++ = *p++;
        char end = *p;
        *w = '\0';
        field[nf++] = start;
        if (!end) return nf;
        p++;
    }
}

/* Empty or NA (as R writes a missing value), spaces around allowed. */
static bool is_missing(const char *s)
{
    s += strspn(s, " \t");
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    return !len || (len == 2 && !strncmp(s, "NA", 2));
}

/* A finite decimal number, the whole (trimmed) field; with sep ';' a
 * decimal comma. */
static bool parse_number(const char *field, char sep, double *out)
{
    char *t = trim_dup(field);
    if (sep == ';')
        for (char *c = t; *c; c++)
            if (*c == ',') *c = '.';
    char *end;
    errno = 0;
    double v = strtod(t, &end);
    /* decimal notation only: strtod would also take "nan", "inf" and hex */
    bool ok = *t && !*end && !errno && isfinite(v) && strspn(t, "0123456789+-.eE") == strlen(t);
    free(t);
    if (ok) *out = v;
    return ok;
}

static int line_error(size_t line, const char *msg)
{
    fprintf(stderr, "lots: rad %zu: %s\n", line, msg);
    return EXIT_FAIL;
}

/* y or n: missing → NAN; otherwise a number or an error naming the line. */
static bool field_value(const char *field, char sep, size_t line, const char *noun, double *out)
{
    if (is_missing(field)) {
        *out = NAN;
        return true;
    }
    if (parse_number(field, sep, out)) return true;
    fprintf(stderr, "lots: rad %zu: %s '%s' är inte ett tal\n", line, noun, field);
    return false;
}

static void push(Series *s, const char *x, double y, double n)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->pts = xrealloc(s->pts, s->cap * sizeof *s->pts);
    }
    s->pts[s->n++] = (SpcPoint){trim_dup(x), y, n};
}

/* One non-blank line. Returns EXIT_OK, or EXIT_FAIL after the message. */
static int read_line(Series *s, SpcChart chart, char *line, size_t lineno)
{
    bool first = !s->started;
    if (first) {
        s->started = true;
        s->sep = strchr(line, ';') ? ';' : ',';
    }
    char *f[3];
    size_t nf = split(line, s->sep, f, 3);
    if (nf > 3) return line_error(lineno, "för många fält; väntade x,y eller x,y,n");
    double y, dummy;
    if (first && nf >= 2 && !is_missing(f[1]) && !parse_number(f[1], s->sep, &dummy)) return EXIT_OK; /* header */
    if (nf < 2) return line_error(lineno, "värdet y saknas; väntade x,y eller x,y,n");
    double n = NAN;
    if (!field_value(f[1], s->sep, lineno, "värdet y", &y)) return EXIT_FAIL;
    if (nf == 3 && !field_value(f[2], s->sep, lineno, "nämnaren n", &n)) return EXIT_FAIL;
    const char *field, *why = spc_point_problem(chart, y, n, &field);
    if (why) {
        fprintf(stderr, "lots: rad %zu: %s %s\n", lineno, spc_field_noun(field), why);
        return EXIT_FAIL;
    }
    push(s, f[0], y, n);
    return EXIT_OK;
}

static int read_series(FILE *in, SpcChart chart, Series *s)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t len;
    int rc = EXIT_OK;
    while (rc == EXIT_OK && (len = getline(&line, &cap, in)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (lineno == 1 && !strncmp(line, "\xEF\xBB\xBF", 3)) memmove(line, line + 3, (size_t)len - 2); /* BOM */
        if (is_blank(line)) continue;
        rc = read_line(s, chart, line, lineno);
    }
    free(line);
    if (rc == EXIT_OK && !s->n) rc = cli_fail("inga punkter i indata; väntade rader x,y eller x,y,n på stdin");
    return rc;
}

/* CHART and the flags, or EXIT_USAGE after a message. */
static int parse_args(int argc, char **argv, SpcChart *chart, SpcOptions *opt)
{
    CliOpt o[] = {{"--freeze", true, NULL, false}, {"--screen-mr", false, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 2, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1) return cli_usage(usage);
    if (!spc_chart_parse(pos[0], chart)) {
        fprintf(stderr, "lots: okänd diagramtyp '%s'; välj en av %s\n", pos[0], spc_chart_names());
        return cli_usage(usage);
    }
    long freeze = 0;
    if (o[0].present && (!parse_long(o[0].value, &freeze) || freeze < 1)) {
        fprintf(stderr, "lots: --freeze måste vara ett heltal från 1 (antal punkter i basperioden)\n");
        return cli_usage(usage);
    }
    *opt = (SpcOptions){(size_t)freeze, o[1].present, NULL};
    return EXIT_OK;
}

int cmd_spc(int argc, char **argv)
{
    SpcChart chart;
    SpcOptions opt;
    int rc = parse_args(argc, argv, &chart, &opt);
    if (rc != EXIT_OK) return rc;
    Series s = {0};
    rc = read_series(stdin, chart, &s);
    SpcResult res;
    Err e = ERR_INIT;
    if (rc == EXIT_OK && spc_compute(chart, s.pts, s.n, &opt, &res, &e)) rc = cli_fail(e.msg);
    if (rc == EXIT_OK) {
        json_t *j = spc_result_to_json(&res);
        json_dumpf(j, stdout, JSON_INDENT(2));
        putchar('\n');
        json_decref(j);
        spc_result_free(&res);
    }
    series_free(&s);
    return rc;
}
