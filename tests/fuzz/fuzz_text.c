/*
 * fuzz_text.c — libFuzzer target for the base/ helpers that see free text
 * from users: pnr_find (pnr.h), utf8_valid, utf8_length and fold_lower
 * (text.h), sv_compare (collate.h), html_printf, html_escape and url_escape
 * (html.h). Each gets NUL-terminated, exact-size copies of the input.
 *
 * Checked, beyond "no sanitizer report":
 *   pnr_find   same answer with and without `at`; the match starts at a digit
 *              not preceded by one, is found again at offset 0 of the rest,
 *              and is 10 or 12 digits (one '-' or '+' allowed before the last
 *              four) with a real date and a valid Luhn digit.
 *   utf8       utf8_length counts every byte that is not a continuation
 *              byte; valid text has no more characters than bytes.
 *   fold_lower same length, no ASCII capitals left, idempotent, keeps valid
 *              UTF-8 valid and its length in characters.
 *   sv_compare x == x; sign(a,b) == -sign(b,a); 0 exactly when strcmp is 0;
 *              and transitive over three strings.
 *   html       escaped text has no raw < > " ' and unescapes to the input;
 *              url_escape leaves only unreserved bytes and %XX and decodes
 *              back; %s, %U and integers in html_printf do the same.
 *
 * The input is split at NUL bytes into up to three strings a, b, c (without
 * a NUL, the whole input is `a` and is also cut in halves for b and c).
 */
#define FUZZ_NAME "fuzz_text"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"

#include "base/buf.h"
#include "base/collate.h"
#include "base/html.h"
#include "base/pnr.h"
#include "base/text.h"

static char *copy(const uint8_t *d, size_t n)
{
    char *s = malloc(n + 1);
    if (n) memcpy(s, d, n);
    s[n] = '\0';
    return s;
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* --- pnr ------------------------------------------------------------------ */

/* Independent of pnr.c: is there a personal identity number right at s? */
static bool pnr_at(const char *s)
{
    for (int century = 1; century >= 0; century--) {
        int d[12], n = 0;
        const char *p = s;
        int want = century ? 12 : 10;
        while (n < want) {
            if (n == want - 4 && (*p == '-' || *p == '+')) p++;
            if (!is_digit(*p)) break;
            d[n++] = *p++ - '0';
        }
        if (n < want || is_digit(*p)) continue;
        const int *t = century ? d + 2 : d; /* the ten-digit form */
        if (century) {
            int cc = d[0] * 10 + d[1];
            if (cc != 18 && cc != 19 && cc != 20) continue;
        }
        int month = t[2] * 10 + t[3], day = t[4] * 10 + t[5];
        if (day > 60) day -= 60;
        static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (month < 1 || month > 12 || day < 1 || day > mdays[month - 1]) continue;
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int v = t[i] * (i % 2 ? 1 : 2);
            sum += v > 9 ? v - 9 : v;
        }
        if (sum % 10 == 0) return true;
    }
    return false;
}

static void check_pnr(const char *s)
{
    size_t at = (size_t)-1;
    bool found = pnr_find(s, &at);
    CHECK(found == pnr_find(s, NULL), "pnr_find answers differently without `at`");
    if (!found) return;
    CHECK(at < strlen(s), "match offset %zu is past the end", at);
    CHECK(is_digit(s[at]) && (at == 0 || !is_digit(s[at - 1])), "match at %zu does not start a digit run", at);
    CHECK(pnr_at(s + at), "'%.16s' at %zu is not a personal identity number", s + at, at);
    size_t again = (size_t)-1;
    CHECK(pnr_find(s + at, &again) && again == 0, "not found again at the start of '%.16s'", s + at);
}

/* --- utf8 and folding ------------------------------------------------------ */

static void check_utf8(const char *s)
{
    size_t bytes = strlen(s), chars = 0;
    for (size_t i = 0; i < bytes; i++) chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    CHECK(utf8_length(s) == chars, "utf8_length %zu, expected %zu", utf8_length(s), chars);
    bool valid = utf8_valid(s);
    if (valid) CHECK(chars <= bytes, "more characters than bytes");

    char *f = fold_lower(s);
    CHECK(f && strlen(f) == bytes, "fold_lower changed the length");
    for (size_t i = 0; i < bytes; i++) CHECK(!(f[i] >= 'A' && f[i] <= 'Z'), "capital '%c' left at %zu", f[i], i);
    char *ff = fold_lower(f);
    CHECK(!strcmp(f, ff), "fold_lower is not idempotent");
    if (valid) {
        CHECK(utf8_valid(f), "fold_lower made valid UTF-8 invalid");
        CHECK(utf8_length(f) == chars, "fold_lower changed the number of characters");
    }
    free(ff);
    free(f);
    free(fold_lower(NULL));
}

/* --- collation ------------------------------------------------------------- */

static void check_collate(const char *a, const char *b, const char *c)
{
    CHECK(sv_compare(a, a) == 0, "sv_compare(a, a) != 0");
    int ab = sign(sv_compare(a, b)), ba = sign(sv_compare(b, a));
    CHECK(ab == -ba, "sv_compare not antisymmetric: %d and %d for '%s' / '%s'", ab, ba, a, b);
    CHECK((ab == 0) == (strcmp(a, b) == 0), "sv_compare is %d but strcmp is %d for '%s' / '%s'", ab,
          strcmp(a, b), a, b);
    int bc = sign(sv_compare(b, c)), ac = sign(sv_compare(a, c));
    if (ab <= 0 && bc <= 0) CHECK(ac <= 0, "not transitive: a<=b, b<=c but a>c ('%s' '%s' '%s')", a, b, c);
    if (ab >= 0 && bc >= 0) CHECK(ac >= 0, "not transitive: a>=b, b>=c but a<c ('%s' '%s' '%s')", a, b, c);
}

/* --- escaping -------------------------------------------------------------- */

/* Undoes html_escape; false on anything html_escape would not write. */
static bool html_unescape(const char *s, size_t len, Buf *out)
{
    static const struct {
        const char *ent;
        char c;
    } ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    for (size_t i = 0; i < len;) {
        if (strchr("<>\"'", s[i])) return false;
        if (s[i] != '&') {
            buf_putc(out, s[i++]);
            continue;
        }
        size_t k = 0;
        while (k < 5 && strncmp(s + i, ents[k].ent, strlen(ents[k].ent))) k++;
        if (k == 5) return false;
        buf_putc(out, ents[k].c);
        i += strlen(ents[k].ent);
    }
    return true;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Undoes url_escape; false on a byte url_escape would have encoded. */
static bool url_unescape(const char *s, size_t len, Buf *out)
{
    for (size_t i = 0; i < len;) {
        char c = s[i];
        if (c == '%') {
            if (len - i < 3 || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0) return false;
            buf_putc(out, (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
            i += 3;
            continue;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || strchr("-_.~", c))) return false;
        buf_putc(out, c);
        i++;
    }
    return true;
}

static void check_html(const char *s)
{
    Buf b = BUF_INIT, d = BUF_INIT;
    html_escape(&b, s);
    CHECK(html_unescape(b.data ? b.data : "", b.len, &d), "html_escape output has a raw character: '%s'",
          buf_cstr(&b));
    CHECK(!strcmp(buf_cstr(&d), s), "html_escape does not decode back");

    buf_reset(&b);
    html_printf(&b, "%s", s);
    buf_reset(&d);
    CHECK(html_unescape(b.data ? b.data : "", b.len, &d) && !strcmp(buf_cstr(&d), s), "html_printf %%s differs");

    buf_reset(&b);
    url_escape(&b, s);
    buf_reset(&d);
    CHECK(url_unescape(b.data ? b.data : "", b.len, &d), "url_escape output has a raw byte: '%s'", buf_cstr(&b));
    CHECK(!strcmp(buf_cstr(&d), s), "url_escape does not decode back");
    char *url = buf_take(&b);

    /* A whole template: the literal parts stay, %U equals url_escape, the
     * integers print as printf would. */
    html_printf(&b, "<a href=\"/x?q=%U&n=%zu\" title=\"%s\">%d%%</a>", s, strlen(s), s, -42);
    Buf want = BUF_INIT, esc = BUF_INIT;
    html_escape(&esc, s);
    buf_printf(&want, "<a href=\"/x?q=%s&n=%zu\" title=\"%s\">%d%%</a>", url, strlen(s), buf_cstr(&esc), -42);
    CHECK(!strcmp(buf_cstr(&b), buf_cstr(&want)), "html_printf template: '%s' != '%s'", buf_cstr(&b),
          buf_cstr(&want));
    free(url);
    buf_free(&want);
    buf_free(&esc);
    buf_free(&b);
    buf_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *whole = copy(data, size);
    char *a, *b, *c;
    const uint8_t *nul = memchr(data, 0, size);
    if (nul) {
        size_t na = (size_t)(nul - data);
        const uint8_t *rest = nul + 1;
        size_t nrest = size - na - 1;
        const uint8_t *nul2 = memchr(rest, 0, nrest);
        size_t nb = nul2 ? (size_t)(nul2 - rest) : nrest;
        a = copy(data, na);
        b = copy(rest, nb);
        c = nul2 ? copy(nul2 + 1, strnlen((const char *)nul2 + 1, nrest - nb - 1)) : copy(data, 0);
    } else {
        a = copy(data, size);
        b = copy(data, size / 2);
        c = copy(data + size / 2, size - size / 2);
    }

    check_pnr(whole);
    check_utf8(a);
    check_utf8(b);
    check_collate(a, b, c);
    check_collate(c, b, a);
    check_html(a);

    free(whole);
    free(a);
    free(b);
    free(c);
    return 0;
}
