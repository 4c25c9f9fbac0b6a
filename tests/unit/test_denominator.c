/*
 * test_denominator.c — vårddagar and besök per unit and month
 * (core/denominator.c) and the rates they give (core/pattern_pass.c,
 * pattern_series.c): the CSV import adds, and a re-import updates instead
 * of duplicating; every refusal names its line and writes nothing; readers
 * may not import; Windows-1252 and English headers are read; the list
 * filters. Roll-ups: a förvaltning is a u chart of the summed denominators
 * only while every unit under it with events has the same kind for every
 * month, else it is counted.
 *
 * Events for the roll-up (tests/unit/pattern_fixture.h): 2024, category
 * Fall, four units A–D of "Förvaltning Test" with two falls each in
 * November and two in December (four each: too few to judge a unit), a
 * Läkemedel event at A in January so the window is 2024-01 … 2024-12, and
 * unit E with no events. The förvaltning's falls: 0 for ten months, then 8
 * and 8 — above the limits whether counted (c̄ 1.33, UCL 4.8) or rated
 * with 1000 vårddagar a unit and month (ū 1/3 per 1000, UCL 1.2; 2 per 1000).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "testdb.h"
#include "pattern_fixture.h"
#include "core/denominator.h"

static int setup(void **state)
{
    PFixture *f = pf_open("denominator");
    *state = f;
    return f ? 0 : -1;
}

static int teardown(void **state)
{
    pf_close(*state);
    return 0;
}

static ErrCode import(PFixture *f, const Actor *who, const char *text, DenominatorCounts *c, Err *e)
{
    *e = (Err)ERR_INIT;
    return denominator_import_csv(f->db, who, text, strlen(text), c, e);
}

static void test_import_adds_then_updates(void **state)
{
    PFixture *f = *state;
    DenominatorCounts c;
    Err e = ERR_INIT;
    const char *file = "enhet;månad;slag;värde\r\n"
                       "Akutkliniken;2024-01;vårddagar;2 480\r\n"
                       "akutkliniken;2024-02;Vårddagar;2300\r\n"
                       "\r\n"
                       "Barnkliniken;2024-01;besök;\"1 200\"\r\n";
    assert_int_equal(import(f, &f->anna, file, &c, &e), ERR_OK);
    assert_int_equal(c.read, 3);
    assert_int_equal(c.added, 3);
    assert_int_equal(pf_count(f->db, "SELECT value FROM denominators WHERE month = '2024-01' AND kind = 'vårddagar'"), 2480);
    /* the same file with one value corrected: updated in place, nothing added */
    const char *again = "enhet;månad;slag;värde\n"
                        "Akutkliniken;2024-01;vårddagar;2480\n"
                        "Akutkliniken;2024-02;vårddagar;2350\n"
                        "Barnkliniken;2024-01;besök;1200\n";
    assert_int_equal(import(f, &f->anna, again, &c, &e), ERR_OK);
    assert_int_equal(c.added, 0);
    assert_int_equal(c.updated, 1);
    assert_int_equal(c.unchanged, 2);
    assert_int_equal(pf_count(f->db, "SELECT count(*) FROM denominators"), 3);
    assert_int_equal(pf_count(f->db, "SELECT value FROM denominators WHERE month = '2024-02'"), 2350);
    /* English headers, commas, columns in another order, a unit by id */
    char file2[200];
    snprintf(file2, sizeof file2, "value,kind,month,unit\n900,besök,2024-03,%lld\n", f->unit[2]);
    assert_int_equal(import(f, &f->anna, file2, &c, &e), ERR_OK);
    assert_int_equal(c.added, 1);
    /* Excel's CSV (semikolonavgränsad): Windows-1252 */
    assert_int_equal(import(f, &f->anna, "enhet;m\xe5nad;slag;v\xe4rde\n\xd6gonkliniken;2024-03;v\xe5rddagar;75\n", &c, &e),
                     ERR_OK);
    assert_int_equal(pf_count(f->db, "SELECT value FROM denominators WHERE kind = 'vårddagar' AND month = '2024-03'"), 75);
}

static void test_refusals_name_the_line_and_write_nothing(void **state)
{
    PFixture *f = *state;
#define H "enhet;månad;slag;värde\n"
#define OK_LINE "Hudkliniken;2024-05;vårddagar;100\n" /* line 2 of the bad files, never written */
    static const char *const bad[][2] = {
        {H OK_LINE "Ortopedavd 3;2024-05;vårddagar;100\n", "rad 3: okänd enhet 'Ortopedavd 3'"},
        {H OK_LINE "Hudkliniken;2024-13;vårddagar;100\n", "rad 3: månad '2024-13' ska skrivas ÅÅÅÅ-MM"},
        {H OK_LINE "Hudkliniken;2999-01;vårddagar;100\n", "rad 3: månad 2999-01 ligger i framtiden"},
        {H OK_LINE "Hudkliniken;2024-06;timmar;100\n", "rad 3: slag 'timmar' ska vara vårddagar eller besök"},
        {H OK_LINE "Hudkliniken;2024-06;vårddagar;24,5\n", "rad 3: värde '24,5' ska vara ett positivt heltal"},
        {H OK_LINE "Hudkliniken;2024-06;vårddagar;0\n", "rad 3: värde '0' ska vara ett positivt heltal"},
        {H OK_LINE "Hudkliniken;2024-06;vårddagar;-5\n", "rad 3: värde '-5'"},
        {H OK_LINE "Hudkliniken;2024-06;vårddagar;\n", "rad 3: värde saknas"},
        {H OK_LINE "hudkliniken;2024-05;Vårddagar;120\n", "rad 3: hudkliniken 2024-05 vårddagar står redan på rad 2"},
        {H OK_LINE "Hudkliniken;2024-06;vårddagar;100;x\n", "rad 3: 5 fält men rubrikraden har 4 kolumner"},
        {H OK_LINE "19121212-1212;2024-06;vårddagar;100\n", "rad 3: fältet enhet innehåller ett personnummer"},
        {"enhet;månad;slag\nHudkliniken;2024-05;vårddagar\n", "rad 1: kolumnen värde saknas"},
        {"enhet;månad;slag;antal\n", "rad 1: okänd kolumn 'antal'"},
        {"", "rad 1: filen är tom"},
    };
#undef H
#undef OK_LINE
    DenominatorCounts c;
    Err e = ERR_INIT;
    assert_int_equal(import(f, &f->anna, "enhet;månad;slag;värde\nAkutkliniken;2024-01;vårddagar;10\n", &c, &e), ERR_OK);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(import(f, &f->anna, bad[i][0], &c, &e), ERR_INVALID);
        if (!strstr(e.msg, bad[i][1])) fail_msg("'%s' not in '%s'", bad[i][1], e.msg);
        assert_int_equal(c.read, 0);
        assert_int_equal(pf_count(f->db, "SELECT count(*) FROM denominators"), 1); /* not even line 2 */
    }
    /* a reader may not import */
    assert_int_equal(import(f, &f->lars, "enhet;månad;slag;värde\nHudkliniken;2024-05;vårddagar;100\n", &c, &e),
                     ERR_FORBIDDEN);
    assert_int_equal(pf_count(f->db, "SELECT count(*) FROM denominators"), 1);
}

static void test_list_filters(void **state)
{
    PFixture *f = *state;
    DenominatorCounts c;
    Err e = ERR_INIT;
    assert_int_equal(import(f, &f->anna,
                            "enhet;månad;slag;värde\nÖgonkliniken;2024-02;besök;30\nAkutkliniken;2024-02;vårddagar;20\n"
                            "Akutkliniken;2024-01;vårddagar;10\nAkutkliniken;2024-01;besök;5\n",
                            &c, &e),
                     ERR_OK);
    Denominator *d;
    size_t n;
    assert_int_equal(denominator_list(f->db, NULL, NULL, &d, &n, &e), ERR_OK);
    assert_int_equal(n, 4);
    /* Swedish order of the units, vårddagar before besök, then the months */
    assert_string_equal(d[0].unit, "Akutkliniken");
    assert_string_equal(d[0].kind, "vårddagar");
    assert_string_equal(d[0].month, "2024-01");
    assert_string_equal(d[2].kind, "besök");
    assert_string_equal(d[3].unit, "Ögonkliniken");
    denominator_list_free(d, n);
    assert_int_equal(denominator_list(f->db, "akutkliniken", "besök", &d, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    assert_true(d[0].value == 5);
    denominator_list_free(d, n);
    assert_int_equal(denominator_list(f->db, "Ortopedavd 3", NULL, &d, &n, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Parametern 'unit'"));
    assert_int_equal(denominator_list(f->db, NULL, "timmar", &d, &n, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Parametern 'kind'"));
}

/* --- roll-ups -------------------------------------------------------------------------------------- */

static void rollup_events(PFixture *f)
{
    static const char *const falls[] = {"2024-11-05", "2024-11-20", "2024-12-03", "2024-12-17"};
    for (int u = 0; u < 4; u++) pf_events(f, u, "Fall", falls, 4);
    static const char *const jan[] = {"2024-01-10"};
    pf_events(f, 0, "Läkemedel", jan, 1);
}

/* vårddagar 1000 for units A–D (or those in `which`) every month of 2024. */
static void rollup_denominators(PFixture *f, const char *kind)
{
    Buf csv = BUF_INIT;
    buf_printf(&csv, "enhet;månad;slag;värde\n");
    for (int u = 0; u < 4; u++)
        for (int m = 1; m <= 12; m++) buf_printf(&csv, "%s;2024-%02d;%s;1000\n", pf_unit_names[u], m, kind);
    DenominatorCounts c;
    Err e = ERR_INIT;
    if (denominator_import_csv(f->db, &f->anna, csv.data, csv.len, &c, &e)) fail_msg("import: %s", e.msg);
    assert_int_equal(c.added, 48);
    buf_free(&csv);
}

/* The chart of the förvaltning's falls as detection stored it ("" when none). */
static void stored_chart(PFixture *f, char out[8], double *centre)
{
    Err e = ERR_INIT;
    if (pattern_detect(f->db, &ps, NULL, &e)) fail_msg("detect: %s", e.msg);
    Pattern *p;
    size_t n;
    if (pattern_list(f->db, &ps, &p, &n, &e)) fail_msg("list: %s", e.msg);
    out[0] = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(p[i].level, "förvaltning") && !strcmp(p[i].category, "Fall") && !strcmp(p[i].period, "month")) {
            snprintf(out, 8, "%s", p[i].chart);
            *centre = p[i].centre;
        }
    pattern_list_free(p, n);
}

static void load(PFixture *f, const char *level, long long unit, Series *s)
{
    Err e = ERR_INIT;
    long long cat = db_int(f->db, &e, "SELECT id FROM event_categories WHERE name = 'Fall'", NULL, 0);
    SeriesKey k = {level, unit, cat, "deviations", "month"};
    if (series_load(f->db, &k, s, &e)) fail_msg("series_load: %s", e.msg);
}

static void test_rollup_rated_only_when_all_units_have_denominators(void **state)
{
    PFixture *f = *state;
    rollup_events(f);
    char chart[8];
    double centre = 0;
    stored_chart(f, chart, &centre);
    assert_string_equal(chart, "c"); /* no denominators: counts */
    rollup_denominators(f, "vårddagar");
    stored_chart(f, chart, &centre);
    assert_string_equal(chart, "u"); /* every reporting unit (A–D; E has no events) has vårddagar */
    if (fabs(centre - 16.0 / 48.0) > 1e-9) fail_msg("centre %g", centre);
    Series s;
    load(f, "förvaltning", f->forv, &s);
    assert_non_null(s.denom);
    assert_string_equal(s.denom_kind, "vårddagar");
    assert_true(s.denom[0] == 4000 && s.denom[11] == 4000);
    series_free(&s);
    load(f, "region", 0, &s);
    assert_non_null(s.denom);
    series_free(&s);
    /* one unit without vårddagar for one month: the whole roll-up is counted */
    Err e = ERR_INIT;
    assert_int_equal(db_exec(f->db, &e, "DELETE FROM denominators WHERE unit_id = :u AND month = '2024-06'",
                             DB_ARGS(DB_INT(":u", f->unit[3]))),
                     ERR_OK);
    stored_chart(f, chart, &centre);
    assert_string_equal(chart, "c");
    load(f, "förvaltning", f->forv, &s);
    assert_null(s.denom);
    series_free(&s);
    /* back again; then unit E reports an event and has no denominators: counted again */
    assert_int_equal(denominator_set(f->db, f->unit[3], "2024-06", "vårddagar", 1000, NULL, &e), ERR_OK);
    stored_chart(f, chart, &centre);
    assert_string_equal(chart, "u");
    static const char *const march[] = {"2024-03-04"};
    pf_events(f, 4, "Läkemedel", march, 1);
    stored_chart(f, chart, &centre);
    assert_string_equal(chart, "c");
    load(f, "förvaltning", f->forv, &s);
    assert_null(s.denom);
    series_free(&s);
}

static void test_rollup_kinds_are_not_mixed(void **state)
{
    PFixture *f = *state;
    rollup_events(f);
    rollup_denominators(f, "besök");
    Series s;
    load(f, "förvaltning", f->forv, &s);
    assert_non_null(s.denom);
    assert_string_equal(s.denom_kind, "besök");
    series_free(&s);
    /* A has vårddagar instead of besök: neither kind covers every unit */
    Err e = ERR_INIT;
    assert_int_equal(db_exec(f->db, &e, "UPDATE denominators SET kind = 'vårddagar' WHERE unit_id = :u",
                             DB_ARGS(DB_INT(":u", f->unit[0]))),
                     ERR_OK);
    load(f, "förvaltning", f->forv, &s);
    assert_null(s.denom);
    series_free(&s);
    char chart[8];
    double centre;
    stored_chart(f, chart, &centre);
    assert_string_equal(chart, "c");
    /* the unit itself is still rated by its own vårddagar */
    static const char *const more[] = {"2024-12-20"};
    pf_events(f, 0, "Fall", more, 1);
    load(f, "unit", f->unit[0], &s);
    assert_non_null(s.denom);
    assert_string_equal(s.denom_kind, "vårddagar");
    series_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_import_adds_then_updates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals_name_the_line_and_write_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollup_rated_only_when_all_units_have_denominators, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollup_kinds_are_not_mixed, setup, teardown),
    };
    return cmocka_run_group_tests(tests, pf_group_setup, pf_group_teardown);
}
