/*
 * test_base.c — the base layer: escaping printf, URL encoding, personal
 * identity number detection, buffers, Swedish case folding, error messages
 * and Windows-1252.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/collate.h"
#include "base/csv.h"
#include "base/err.h"
#include "base/html.h"
#include "base/pnr.h"
#include "base/text.h"

static void html_printf_escapes_strings(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    html_printf(&b, "<p title=\"%s\">%s %d%%</p>", "a\"b", "<script>alert('x')&</script>", 42);
    assert_string_equal(buf_cstr(&b),
                        "<p title=\"a&quot;b\">&lt;script&gt;alert(&#39;x&#39;)&amp;&lt;/script&gt; 42%</p>");
    buf_free(&b);
}

static void html_printf_handles_integers_and_url(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    html_printf(&b, "%lld|%zu|%05d|%U", -7LL, (size_t)3, 12, "å ä&x=1/");
    assert_string_equal(buf_cstr(&b), "-7|3|00012|%C3%A5%20%C3%A4%26x%3D1%2F");
    buf_free(&b);
}

static void html_printf_null_string_is_empty(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    html_printf(&b, "[%s]", (const char *)NULL);
    assert_string_equal(buf_cstr(&b), "[]");
    buf_free(&b);
}

static void pnr_finds_valid_numbers(void **state)
{
    (void)state;
    size_t at = 0;
    assert_true(pnr_find("Patient 19121212-1212 kom in", &at));
    assert_int_equal(at, 8);
    assert_true(pnr_find("121212-1212", NULL));
    assert_true(pnr_find("1212121212", NULL));
    assert_true(pnr_find("191212121212", NULL));
    assert_true(pnr_find("121212+1212", NULL)); /* over 100 years old */
    assert_true(pnr_find("samordningsnummer 701063-2391", NULL)); /* day 63 = 3 + 60 */
}

static void pnr_ignores_other_digits(void **state)
{
    (void)state;
    assert_false(pnr_find("19121212-1213", NULL));  /* wrong check digit */
    assert_false(pnr_find("HS 2026-00001", NULL));  /* a reference number */
    assert_false(pnr_find("121312-1212", NULL));     /* month 13 */
    assert_false(pnr_find("tel 031-123 45 67", NULL));
    assert_false(pnr_find("12345678901234", NULL));  /* longer digit run */
    assert_false(pnr_find("", NULL));
    assert_false(pnr_find(NULL, NULL));
}

static void fold_lower_handles_swedish_letters(void **state)
{
    (void)state;
    char *s = fold_lower("ÅÄÖ Éa Z × åäö");
    assert_string_equal(s, "åäö éa z × åäö");
    free(s);
}

static void text_helpers(void **state)
{
    (void)state;
    assert_true(iso_date_valid("2024-02-29"));
    assert_false(iso_date_valid("2023-02-29"));
    assert_false(iso_date_valid("2024-13-01"));
    assert_false(iso_date_valid("24-01-01"));
    assert_true(utf8_valid("Nära vård"));
    assert_false(utf8_valid("\xC3\x28"));
    assert_false(utf8_valid("\xE0\x80\x80"));     /* overlong */
    assert_false(utf8_valid("\xED\xA0\x80"));     /* a surrogate */
    assert_false(utf8_valid("\xF4\x90\x80\x80")); /* above U+10FFFF */
    assert_true(utf8_valid("\xF0\x9F\x98\x80"));  /* an emoji */
    assert_true(utf8_valid("\xE2\x80\x93"));       /* an en dash */
    assert_int_equal(utf8_length("åäö"), 3);
    char *t = trim_dup("  rubrik \n");
    assert_string_equal(t, "rubrik");
    free(t);
    long v;
    assert_true(parse_long("42", &v));
    assert_int_equal(v, 42);
    assert_false(parse_long("4x", &v));
    assert_false(parse_long("", &v));
}

static void buf_grows_and_takes(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    assert_string_equal(buf_cstr(&b), "");
    for (int i = 0; i < 1000; i++) buf_printf(&b, "%d,", i % 10);
    assert_int_equal(b.len, 2000);
    char *s = buf_take(&b);
    assert_null(b.data);
    assert_int_equal(strlen(s), 2000);
    free(s);
}

/* Found by tests/fuzz/fuzz_csv: a buffer reserved but never written gave
 * an unterminated string, so cp1252_to_utf8 of an empty file did too. */
static void buf_reserved_but_empty_is_an_empty_string(void **state)
{
    (void)state;
    Buf b = BUF_INIT;
    buf_reserve(&b, 100);
    memset(b.data, 'x', b.cap); /* what malloc may leave there */
    assert_string_equal(buf_cstr(&b), "");
    buf_free(&b);
    size_t n = 99;
    char *s = cp1252_to_utf8("", 0, &n);
    assert_int_equal(n, 0);
    assert_string_equal(s, "");
    free(s);
    s = cp1252_to_utf8("\xe5\x80\x81", 3, &n);
    assert_string_equal(s, "å€\xef\xbf\xbd");
    assert_int_equal(n, strlen(s));
    free(s);
}

/* Found by tests/fuzz/fuzz_import: a message cut at the end of the buffer
 * could end inside a character, and the API then answered `null` instead
 * of {"error": …} (jansson refuses a string that is not UTF-8). */
static void err_set_cuts_long_messages_between_characters(void **state)
{
    (void)state;
    char name[600] = "";
    for (int len = 0; len < 270; len++) {
        strcat(name, "å"); /* two bytes: every length cuts one in two, or not */
        Err e = ERR_INIT;
        assert_int_equal(err_set(&e, ERR_INVALID, "rad 1: okänd kolumn '%s' (nivå, överordnad, län)", name),
                         ERR_INVALID);
        assert_true(utf8_valid(e.msg));
        size_t full = strlen(name) + 50; /* the whole message */
        if (full < sizeof e.msg) assert_int_equal(strlen(e.msg), full);
        else assert_true(strlen(e.msg) >= sizeof e.msg - 2); /* only the broken character goes */
    }
    Err e = ERR_INIT;
    err_set(&e, ERR_INVALID, "rad %d: kort", 3);
    assert_string_equal(e.msg, "rad 3: kort");
}

static void err_prefix_puts_the_line_before_the_message(void **state)
{
    (void)state;
    Err e = ERR_INIT;
    err_set(&e, ERR_NOTFOUND, "okänd enhet 'Ortopedavd'");
    assert_int_equal(err_prefix(&e, ERR_INVALID, "rad %d: ", 12), ERR_INVALID);
    assert_string_equal(e.msg, "rad 12: okänd enhet 'Ortopedavd'");
    assert_int_equal(err_prefix(&e, ERR_OK, "fil.csv, "), ERR_INVALID); /* keeps its code */
    assert_string_equal(e.msg, "fil.csv, rad 12: okänd enhet 'Ortopedavd'");
    char long_name[600] = "";
    for (int i = 0; i < 250; i++) strcat(long_name, "å");
    err_set(&e, ERR_INVALID, "%s", long_name);
    err_prefix(&e, ERR_OK, "rad %d: ", 7); /* the end is cut: still UTF-8 */
    assert_true(utf8_valid(e.msg));
    assert_true(!strncmp(e.msg, "rad 7: å", 9));
}

static int cmp_sv(const void *a, const void *b)
{
    return sv_compare(*(const char *const *)a, *(const char *const *)b);
}

static void swedish_order(void **state)
{
    (void)state;
    const char *names[] = {"Öberg", "Zetterlund", "Ängel", "Åberg", "anna", "Östen", "Ärlig", "Berg", "Éric", "Eva"};
    qsort(names, 10, sizeof *names, cmp_sv);
    const char *want[] = {"anna", "Berg", "Éric", "Eva", "Zetterlund", "Åberg", "Ängel", "Ärlig", "Öberg", "Östen"};
    for (int i = 0; i < 10; i++) assert_string_equal(names[i], want[i]);
    assert_true(sv_compare("å", "ä") < 0);
    assert_true(sv_compare("Å", "ä") < 0);
    assert_true(sv_compare("z", "å") < 0);
    assert_int_equal(sv_compare("Nära vård", "Nära vård"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(html_printf_escapes_strings), cmocka_unit_test(html_printf_handles_integers_and_url),
        cmocka_unit_test(html_printf_null_string_is_empty), cmocka_unit_test(pnr_finds_valid_numbers),
        cmocka_unit_test(pnr_ignores_other_digits), cmocka_unit_test(fold_lower_handles_swedish_letters),
        cmocka_unit_test(text_helpers), cmocka_unit_test(buf_grows_and_takes), cmocka_unit_test(swedish_order),
        cmocka_unit_test(buf_reserved_but_empty_is_an_empty_string),
        cmocka_unit_test(err_set_cuts_long_messages_between_characters),
        cmocka_unit_test(err_prefix_puts_the_line_before_the_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
