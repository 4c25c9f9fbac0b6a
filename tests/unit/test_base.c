/*
 * test_base.c — the base layer: escaping printf, URL encoding, personal
 * identity number detection, buffers and Swedish case folding.
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
