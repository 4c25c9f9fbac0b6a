/*
 * test_plan_import.c — a plan's values in and out (core/plan_*.c) against a
 * real SQLite file in a fresh temporary directory per test: the
 * all-or-nothing CSV import, each refusal naming its line, and the exports
 * (the CSV read back in; the xlsx opened again and read cell by cell with
 * tests/unit/xlsx_cells.py) of the Regionhälsan demo plan. The fixture is
 * plan_fixture.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan_fixture.h"
#include "base/buf.h"

/* --- import ---------------------------------------------------------------------------------------- */

static ErrCode import(Fixture *f, const char *csv, PlanImportCounts *c, Err *e)
{
    return plan_import_csv(f->db, csv, strlen(csv), 0, c, e);
}

static void test_import_refusal_writes_nothing(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    assert_int_equal(plan_demo_load(f->db, &e), ERR_OK);
    long long values = count(f->db, "SELECT count(*) FROM indicator_values");
    char *before = db_text(f->db, &e, "SELECT group_concat(period || '=' || COALESCE(target, '') || '/' || "
                                      "COALESCE(outcome, ''), ';') FROM indicator_values", NULL);
    PlanImportCounts c;
    const char *csv = "indikator,period,målvärde,utfall,kommentar\n"
                      "RH-NV-I1,2024-T2,57,61,Bra tertial\n"
                      "RH-NV-I1,2025-T1,70,,\n"
                      "\n"
                      "RH-NV-I1,2025-T2,71,,\n"
                      "RH-NV-I1,2025-T3,72,,\n"
                      "RH-NV-I1,2024-T4,73,,\n"
                      "RH-NV-I1,2026-T1,74,,\n";
    assert_int_equal(import(f, csv, &c, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "rad 7: okänd period '2024-T4'"));
    assert_int_equal(c.rows, 0); /* the lines before the bad one are not reported as imported */
    assert_int_equal(count(f->db, "SELECT count(*) FROM indicator_values"), values);
    char *after = db_text(f->db, &e, "SELECT group_concat(period || '=' || COALESCE(target, '') || '/' || "
                                     "COALESCE(outcome, ''), ';') FROM indicator_values", NULL);
    assert_string_equal(before, after);
    free(after);
    /* other refusals, each naming its line */
    static const struct {
        const char *csv, *msg;
    } bad[] = {
        {"indikator,period,utfall\nRH-NV-I1,2024-T2,sextio\n", "rad 2: utfallet 'sextio' är inte ett tal"},
        {"indikator,period,utfall\nNOPE,2024-T2,1\n", "rad 2: koden 'NOPE' finns inte"},
        {"indikator,period,utfall\nRH-NV-A1,2024-T2,1\n", "rad 2: 'RH-NV-A1' är en planpunkt av sorten aktivitet"},
        {"indikator,period,utfall\nRH-NV-I1,2024-05,1\n", "rad 2: perioden '2024-05' är en månad"},
        {"indikator,period,utfal\nRH-NV-I1,2024-T2,1\n", "rad 1: okänd kolumn 'utfal'"},
        {"period,utfall\n2024-T2,1\n", "rad 1: första raden ska vara en rubrikrad"},
        {"indikator,period,utfall\nRH-NV-I1,2024-T2,1\nRH-NV-I1,2024-t2,2\n", "rad 3: RH-NV-I1 2024-T2 står redan på rad 2"},
        {"indikator,period,bedömning\nRH-NV-I1,2024-T1,uppnått\n", "rad 2: Kommentar till bedömningen"},
        {"indikator,period,bedömning,bedömningskommentar\nRH-NV-I1,2024-T1,kanske,x\n", "rad 2: okänd bedömning 'kanske'"},
        {"indikator,period,kommentar\nRH-NV-I1,2024-T1,\"aldrig stängd\n", "rad 2: citattecknet som börjar här avslutas aldrig"},
        {"indikator,period,kommentar\nRH-NV-I1,2024-T1,Patienten 19121212-1212\n", "rad 2: "},
        {"indikator,period,utfall\n", "inga rader"},
        {"", "rad 1: filen är tom – den ska börja med en rubrikrad"},
        {"plan,indikator,period,utfall\nfinnsinte,RH-NV-I1,2024-T2,1\n", "rad 2: planen 'finnsinte' finns inte"},
        {"indikator,period,utfall\nRH-NV-I1,2024-T2,\xff\n", "UTF-8"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err_clear(&e);
        if (import(f, bad[i].csv, &c, &e) == ERR_OK) fail_msg("accepted: %s", bad[i].csv);
        if (!strstr(e.msg, bad[i].msg)) fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, bad[i].msg);
    }
    after = db_text(f->db, &e, "SELECT group_concat(period || '=' || COALESCE(target, '') || '/' || "
                               "COALESCE(outcome, ''), ';') FROM indicator_values", NULL);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_import_writes_values(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    assert_int_equal(plan_demo_load(f->db, &e), ERR_OK);
    long long ind = item_by_code(f, plan_by_key(f, "regionhalsan"), "RH-NV-I1");
    PlanImportCounts c;
    /* Swedish Excel: semicolons, decimal comma, a quoted comment with a separator and a line break */
    const char *csv = "\xef\xbb\xbfIndikator;Period;Målvärde;Utfall;Kommentar;Bedömning;Bedömningskommentar\n"
                      "RH-NV-I1;2024-T2;;55,5;\"Fler uppdrag; smärtmottagningen\nstartade i juni\";;\n"
                      "RH-NV-I1;2024-T3;-;;;delvis uppnått;Prognos efter augusti\r\n"
                      ";;;;;;\r\n" /* an empty row as Excel writes it */
                      "RH-NV-I1;2025-T1;80;;;;\r\n";
    if (import(f, csv, &c, &e)) fail_msg("import: %s", e.msg);
    assert_int_equal(c.rows, 3);
    assert_int_equal(c.indicators, 1);
    IndicatorSeries s;
    assert_int_equal(indicator_series(f->db, ind, &s, &e), ERR_OK);
    assert_int_equal(s.n, 6);
    /* 2024-T2: target kept (empty cell), outcome set; 57 − 2.85 ≤ 55.5 < 57: delvis */
    assert_string_equal(s.points[3].text, "2024-T2");
    assert_true(s.points[3].target == 57);
    assert_true(s.points[3].outcome == 55.5);
    assert_int_equal(s.points[3].fulfilment, FUL_PARTLY);
    assert_string_equal(s.points[3].comment, "Fler uppdrag; smärtmottagningen\nstartade i juni");
    /* 2024-T3: target cleared with "-", an owner's assessment */
    assert_false(s.points[4].has_target);
    assert_true(s.points[4].overridden);
    assert_int_equal(s.points[4].fulfilment, FUL_PARTLY);
    assert_string_equal(s.points[4].override_comment, "Prognos efter augusti");
    assert_string_equal(s.points[5].text, "2025-T1");
    indicator_series_free(&s);
    /* the code in more than one plan needs the plan column */
    long long p = new_plan(f, "annan", 5);
    indicator(f, p, item(f, p, 0, "area", "A"), "RH-NV-I1", DIR_HIGHER);
    assert_int_equal(import(f, "indikator,period,utfall\nRH-NV-I1,2024-T2,60\n", &c, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "finns i 2 planer"));
    if (import(f, "plan,indikator,period,utfall\nannan,RH-NV-I1,2024-T2,60\n", &c, &e)) fail_msg("%s", e.msg);
    assert_int_equal(count(f->db, "SELECT count(*) FROM indicator_values WHERE outcome = 60"), 1);
}

/* --- export ---------------------------------------------------------------------------------------- */

static void test_export_csv_round_trip(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    assert_int_equal(plan_demo_load(f->db, &e), ERR_OK);
    long long rh = plan_by_key(f, "regionhalsan");
    Buf out = BUF_INIT;
    assert_int_equal(plan_export_csv(f->db, rh, &out, &e), ERR_OK);
    const char *csv = buf_cstr(&out);
    assert_true(!strncmp(csv, "plan,område,indikator,titel,enhet,riktning,period,målvärde,utfall,måluppfyllelse,"
                              "bedömning,bedömningskommentar,kommentar\n",
                         120));
    if (!strstr(csv, "\nregionhalsan,Nära vård,RH-NV-I1,\"Regionhälsans indikator i uppföljningen T2 2024 (andel, "
                     "%)\",%,higher,2024-T1,83,85,uppnått,,,\n"))
        fail_msg("line for 2024-T1 missing:\n%s", csv);
    assert_non_null(strstr(csv, ",2023-T2,63,57,ej uppnått,,,\n"));
    assert_non_null(strstr(csv, ",2024-T3,74,,,,,\n"));
    char *before = db_text(f->db, &e, "SELECT group_concat(period || '=' || COALESCE(target, '') || '/' || "
                                      "COALESCE(outcome, '') || '/' || comment, ';') FROM indicator_values", NULL);
    PlanImportCounts c;
    if (plan_import_csv(f->db, out.data, out.len, 0, &c, &e)) fail_msg("re-import: %s", e.msg);
    assert_int_equal(c.rows, 5);
    char *after = db_text(f->db, &e, "SELECT group_concat(period || '=' || COALESCE(target, '') || '/' || "
                                     "COALESCE(outcome, '') || '/' || comment, ';') FROM indicator_values", NULL);
    assert_string_equal(before, after);
    free(before);
    free(after);
    buf_free(&out);
}

/* Reads every cell of the workbook through tests/unit/xlsx_cells.py. */
static char *xlsx_cells(const char *path)
{
    char cmd[400];
    snprintf(cmd, sizeof cmd, "python3 tests/unit/xlsx_cells.py '%s'", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    Buf b = BUF_INIT;
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, p)) > 0) buf_append(&b, chunk, got);
    int rc = pclose(p);
    if (rc != 0) fail_msg("xlsx_cells.py failed (%d) on %s", rc, path);
    return buf_take(&b);
}

static void assert_cell(const char *cells, const char *ref, const char *value)
{
    char want[512];
    snprintf(want, sizeof want, "%s\t%s\n", ref, value);
    bool found = !strncmp(cells, want, strlen(want));
    if (!found) {
        char line[520];
        snprintf(line, sizeof line, "\n%s", want);
        found = strstr(cells, line) != NULL;
    }
    if (!found) fail_msg("cell %s is not '%s':\n%.3000s", ref, value, cells);
}

static void test_export_xlsx_cell_by_cell(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    assert_int_equal(plan_demo_load(f->db, &e), ERR_OK);
    char path[200];
    snprintf(path, sizeof path, "%s/export.xlsx", f->t->dir);
    assert_int_equal(plan_export_xlsx(f->db, plan_by_key(f, "regionhalsan"), path, &e), ERR_OK);
    char *cells = xlsx_cells(path);
    assert_cell(cells, "Sammanställning!A1", "Genomförandeplan 2024–2027 – Regionhälsan");
    assert_cell(cells, "Sammanställning!A4", "Område");
    assert_cell(cells, "Sammanställning!E4", "Totalsumma");
    assert_cell(cells, "Sammanställning!A5", "Nära vård");
    assert_cell(cells, "Sammanställning!C5", "2"); /* activities */
    assert_cell(cells, "Sammanställning!D5", "1"); /* indicators */
    assert_cell(cells, "Sammanställning!E5", "3");
    assert_cell(cells, "Sammanställning!A6", "Uppföljning");
    assert_cell(cells, "Sammanställning!C6", "3");
    assert_cell(cells, "Sammanställning!A7", "Totalsumma");
    assert_cell(cells, "Sammanställning!E7", "6");
    /* the area's sheet: the follow-up table as the seed's (period, utfall, målvärde) */
    assert_cell(cells, "RH-NV Nära vård!A1", "Nära vård");
    assert_cell(cells, "RH-NV Nära vård!A4", "Bryter ner");
    assert_cell(cells, "RH-NV Nära vård!B4", "NV – Nära vård (Genomförandeplan 2024–2027 för omställningen av hälso- "
                                              "och sjukvården)");
    assert_cell(cells, "RH-NV Nära vård!E7", "Period");
    assert_cell(cells, "RH-NV Nära vård!F7", "Utfall");
    assert_cell(cells, "RH-NV Nära vård!G7", "Målvärde");
    assert_cell(cells, "RH-NV Nära vård!E8", "2023-T2");
    assert_cell(cells, "RH-NV Nära vård!F8", "57");
    assert_cell(cells, "RH-NV Nära vård!G8", "63");
    assert_cell(cells, "RH-NV Nära vård!H8", "ej uppnått");
    assert_cell(cells, "RH-NV Nära vård!E10", "2024-T1");
    assert_cell(cells, "RH-NV Nära vård!F10", "85");
    assert_cell(cells, "RH-NV Nära vård!H10", "uppnått");
    assert_cell(cells, "RH-NV Nära vård!E12", "2024-T3");
    assert_cell(cells, "RH-NV Nära vård!G12", "74");
    assert_null(strstr(cells, "RH-NV Nära vård!F12\t")); /* no outcome yet: an empty cell */
    assert_cell(cells, "RH-UP Uppföljning!A1", "Uppföljning");
    free(cells);
    /* into a buffer: the same workbook */
    Buf b = BUF_INIT;
    assert_int_equal(plan_export_xlsx_buf(f->db, plan_by_key(f, "regionhalsan"), &b, &e), ERR_OK);
    assert_true(b.len > 1000);
    assert_memory_equal(b.data, "PK\x03\x04", 4);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_import_refusal_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_writes_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_csv_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_xlsx_cell_by_cell, setup, teardown),
    };
    return cmocka_run_group_tests_name("plan import and export", tests, NULL, NULL);
}
