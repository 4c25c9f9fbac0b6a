/*
 * fuzz_util.h — what the libFuzzer targets share: the CHECK macro that
 * names a broken invariant and aborts, counting lines as an editor does,
 * and the checks on the line a Swedish error message points at.
 *
 * Header-only; a target defines FUZZ_NAME ("fuzz_rules") before including
 * it. Must not: keep state, print unless aborting.
 */
#ifndef LOTS_TESTS_FUZZ_UTIL_H
#define LOTS_TESTS_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"

#ifndef FUZZ_NAME
#error "define FUZZ_NAME before including fuzz_util.h"
#endif

#define CHECK(cond, ...)                                                                                     \
    do {                                                                                                     \
        if (!(cond)) {                                                                                       \
            fprintf(stderr, FUZZ_NAME ": invariant broken: %s (%s:%d)\n  ", #cond, __FILE__, __LINE__);    \
            fprintf(stderr, __VA_ARGS__);                                                                    \
            fputc('\n', stderr);                                                                             \
            abort();                                                                                         \
        }                                                                                                    \
    } while (0)

/* Lines as libyaml (and an editor) counts them: LF, CR, CR LF, and U+0085,
 * U+2028, U+2029 each end a line. For CSV, which ends lines only at CR and
 * LF, this is an upper bound, which is all the checks need. */
static inline long fuzz_count_lines(const uint8_t *d, size_t n)
{
    long lines = 1;
    for (size_t i = 0; i < n; i++) {
        if (d[i] == '\n') lines++;
        else if (d[i] == '\r') {
            lines++;
            if (i + 1 < n && d[i + 1] == '\n') i++;
        } else if (d[i] == 0xC2 && i + 1 < n && d[i + 1] == 0x85) lines++, i++;
        else if (d[i] == 0xE2 && i + 2 < n && d[i + 1] == 0x80 && (d[i + 2] == 0xA8 || d[i + 2] == 0xA9))
            lines++, i += 2;
    }
    return lines;
}

/* Strict UTF-8 over exactly n bytes (no overlongs, surrogates or code
 * points past U+10FFFF); NUL counts as invalid here. */
static inline bool fuzz_utf8_valid(const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint8_t c = s[i];
        size_t len;
        uint32_t cp, min;
        if (c == 0) return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F, min = 0x80;
        else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F, min = 0x800;
        else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07, min = 0x10000;
        else return false;
        if (n - i < len) return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

/* A message for a person: set, NUL-terminated within the buffer and valid
 * UTF-8 (the API sends it as a JSON string, which must be UTF-8). */
static inline void fuzz_check_message(const Err *e)
{
    size_t len = strnlen(e->msg, sizeof e->msg);
    CHECK(len < sizeof e->msg, "the message is not NUL-terminated");
    CHECK(len > 0, "an error (code %d) without a message", (int)e->code);
    CHECK(fuzz_utf8_valid((const uint8_t *)e->msg, len), "the message is not valid UTF-8: '%s'", e->msg);
}

/* If `at` starts with a line number followed by `after` (":" or ": "),
 * returns it; else -1. */
static inline long fuzz_line_at(const char *at, const char *after)
{
    long line = 0;
    const char *p = at;
    while (*p >= '0' && *p <= '9' && line < 100000000) line = line * 10 + (*p++ - '0');
    if (p == at || strncmp(p, after, strlen(after))) return -1;
    return line;
}

/* A message "PREFIX:LINE: …" (a YAML file) names a line of the input. */
static inline void fuzz_check_file_line(const Err *e, const char *prefix, const uint8_t *data, size_t size)
{
    fuzz_check_message(e);
    CHECK(!strncmp(e->msg, prefix, strlen(prefix)), "message does not start with '%s': '%s'", prefix, e->msg);
    if (e->code == ERR_INTERNAL) return; /* "FILE: slut på minne" has no line */
    long line = fuzz_line_at(e->msg + strlen(prefix), ":");
    CHECK(line >= 0, "no 'LINE:' after the file name: '%s'", e->msg);
    CHECK(line >= 1, "line %ld is not a line: '%s'", line, e->msg);
    long lines = fuzz_count_lines(data, size);
    CHECK(line <= lines, "line %ld is past the end of the input (%ld lines): '%s'", line, lines, e->msg);
}

/* Where a message says "<word> N: " (word "rad" or "mappningen rad") at its
 * start, N is a line of the text it speaks of. Messages without it (a file
 * that is not UTF-8, say) are left alone. */
static inline void fuzz_check_rad(const Err *e, const char *word, const uint8_t *data, size_t size)
{
    size_t w = strlen(word);
    if (strncmp(e->msg, word, w) || e->msg[w] != ' ') return;
    long line = fuzz_line_at(e->msg + w + 1, ": ");
    if (line < 0) return; /* "rad" as an ordinary word */
    long lines = fuzz_count_lines(data, size);
    CHECK(line >= 1 && line <= lines, "'%s N' with N = %ld outside 1..%ld: '%s'", word, line, lines, e->msg);
}

#endif
