/*
 * fuzz_form.c — libFuzzer target for parse_urlencoded() (web/request.c), the
 * parser of every query string and application/x-www-form-urlencoded body.
 *
 * The input is handed over as it arrives from the network: exactly `size`
 * bytes, not NUL-terminated, so ASan sees any read past the end. The result
 * is compared with a small independent decoder written here from the rules
 * (pairs split on '&', empty pairs skipped, name up to the first '=', '+' is
 * a space, %XX needs two hex digits, an encoded NUL is refused, parsing stops
 * at the first bad pair and keeps the pairs before it). Then: every name and
 * value is a NUL-free C string no longer than the input, and param() returns
 * the value of the first pair with that name.
 *
 * Must not: touch anything but the arena it creates; print unless aborting.
 */
#define FUZZ_NAME "fuzz_form"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"

#include "base/arena.h"
#include "web/request.h"

typedef struct {
    char *name, *value;
    size_t name_len, value_len;
} RefPair;

static int hex(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes s[0..len) into a fresh buffer; false on a bad escape or a NUL. */
static bool ref_decode(const uint8_t *s, size_t len, char **out, size_t *out_len)
{
    char *o = malloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        int c;
        if (s[i] == '+') c = ' ';
        else if (s[i] == '%') {
            if (len - i < 3 || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0) goto bad;
            c = hex(s[i + 1]) * 16 + hex(s[i + 2]);
            i += 2;
        } else c = s[i];
        if (c == 0) goto bad;
        o[n++] = (char)c;
    }
    o[n] = '\0';
    *out = o;
    *out_len = n;
    return true;
bad:
    free(o);
    return false;
}

/* The reference parse; returns false if it stopped at a bad pair. */
static bool ref_parse(const uint8_t *s, size_t len, RefPair **pairs, size_t *n)
{
    *pairs = NULL;
    *n = 0;
    size_t cap = 0;
    for (size_t i = 0; i < len;) {
        size_t end = i;
        while (end < len && s[end] != '&') end++;
        if (end > i) {
            size_t eq = i;
            while (eq < end && s[eq] != '=') eq++;
            RefPair p = {0};
            bool ok = ref_decode(s + i, eq - i, &p.name, &p.name_len);
            if (ok && eq < end && !ref_decode(s + eq + 1, end - eq - 1, &p.value, &p.value_len)) {
                free(p.name);
                ok = false;
            }
            if (!ok) return false;
            if (!p.value) {
                p.value = calloc(1, 1);
                p.value_len = 0;
            }
            if (*n == cap) {
                cap = cap ? cap * 2 : 8;
                *pairs = realloc(*pairs, cap * sizeof **pairs);
            }
            (*pairs)[(*n)++] = p;
        }
        i = end + 1;
    }
    return true;
}

static void check_string(const char *what, size_t i, const char *got, const char *want, size_t want_len,
                         size_t input_len)
{
    CHECK(got != NULL, "%s of pair %zu is NULL", what, i);
    size_t len = strnlen(got, input_len + 1);
    CHECK(len <= input_len, "%s of pair %zu is longer than the input (%zu bytes)", what, i, input_len);
    CHECK(len == want_len && !memcmp(got, want, want_len), "%s of pair %zu: got '%s', expected '%s'", what, i,
          got, want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena a = {0};
    Params p = {0};
    bool ok = parse_urlencoded(&a, (const char *)data, size, &p);

    RefPair *ref;
    size_t nref;
    bool ref_ok = ref_parse(data, size, &ref, &nref);

    CHECK(ok == ref_ok, "parse_urlencoded said %s, the reference %s", ok ? "ok" : "bad", ref_ok ? "ok" : "bad");
    CHECK(p.n == nref, "%zu pairs parsed, %zu expected", p.n, nref);
    CHECK(p.n == 0 || p.items != NULL, "items NULL with %zu pairs", p.n);
    for (size_t i = 0; i < p.n; i++) {
        check_string("name", i, p.items[i].name, ref[i].name, ref[i].name_len, size);
        check_string("value", i, p.items[i].value, ref[i].value, ref[i].value_len, size);
    }
    /* param() answers with the first pair of a name, and NULL for a name
     * that is not there. */
    for (size_t i = 0; i < p.n; i++) {
        size_t first = 0;
        while (strcmp(p.items[first].name, p.items[i].name)) first++;
        const char *v = param(&p, p.items[i].name);
        CHECK(v == p.items[first].value, "param('%s') is not the value of pair %zu", p.items[i].name, first);
    }
    static const char absent[] = "\x01 no such name \x01";
    bool present = false;
    for (size_t i = 0; i < p.n; i++) present |= !strcmp(p.items[i].name, absent);
    if (!present) CHECK(param(&p, absent) == NULL, "param() found a name that was not parsed");

    for (size_t i = 0; i < nref; i++) {
        free(ref[i].name);
        free(ref[i].value);
    }
    free(ref);
    arena_free(&a);
    return 0;
}
