/*
 * test_complaint.c — complaints (core/complaint*.c) and the demo year of
 * deviations and complaints (core/deviation_demo.c): registering a
 * complaint with its source and dates, the personal-number guard in every
 * field, list filters, closing and reopening, the answer to the complainant
 * (required for besvarat), the categories offered to the form; the demo year with its two
 * planted patterns (a rise in deviations, a cluster of complaints) judged by
 * the SPC module, a background in control, and the same year from the same
 * seed. A real SQLite file in a fresh temporary directory per test; the
 * fixture is deviation_fixture.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pnr.h"
#include "base/text.h"
#include "core/deviation.h"
#include "core/spc.h"
#include "deviation_fixture.h"

/* The demo year loads its own organisation into an empty database. */
static int setup_empty(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->t = testdb_open("deviation-demo"))) return -1;
    f->db = f->t->db;
    *state = f;
    return 0;
}

/* --- helpers ---------------------------------------------------------------------------------- */

static ComplaintNew base_complaint(const char *ref)
{
    ComplaintNew in = {0};
    in.v[CF_REF] = ref;
    in.v[CF_SOURCE] = "närstående";
    in.v[CF_UNIT] = "Ortopedi";
    in.v[CF_CATEGORY] = "Bemötande";
    in.v[CF_RECEIVED_DATE] = "2026-04-02";
    in.v[CF_DESCRIPTION] = "Närstående fick inget svar på sina frågor.";
    return in;
}

/* --- the personal-number guard --------------------------------------------------------------- */

static void test_pnr_refused_in_every_complaint_field(void **state)
{
    Fixture *f = *state;
    char valid[12];
    make_pnr("451224", "567", valid, false);
    for (int field = 0; field < CF_N; field++) {
        ComplaintNew in = base_complaint("KLA-PNR");
        char text[96];
        snprintf(text, sizeof text, "Gäller %s", valid);
        in.v[field] = text;
        Err e = ERR_INIT;
        assert_int_equal(complaint_add(f->db, &f->anna, &in, NULL, &e), ERR_INVALID);
        char want[64];
        snprintf(want, sizeof want, "%s innehåller ett personnummer", complaint_fields[field].label);
        if (!strstr(e.msg, want)) fail_msg("'%s' not in '%s'", want, e.msg);
    }
    assert_int_equal(count(f->db, "SELECT count(*) FROM complaints"), 0);
    ComplaintNew ok = base_complaint("KLA-1");
    ok.v[CF_DESCRIPTION] = look_alikes[0];
    Err e = ERR_INIT;
    assert_int_equal(complaint_add(f->db, &f->anna, &ok, NULL, &e), ERR_OK);
}

/* --- complaints ---------------------------------------------------------------------------------------- */

static void test_complaints(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    long long id = 0;
    ComplaintNew in = base_complaint("KLA-1");
    assert_int_equal(complaint_add(f->db, &f->anna, &in, &id, &e), ERR_OK);
    Complaint c;
    assert_int_equal(complaint_get(f->db, id, &c, &e), ERR_OK);
    assert_string_equal(c.source, "närstående");
    assert_string_equal(c.status, "registrerat");
    assert_string_equal(c.event_date, "");
    assert_string_equal(c.closed_date, "");
    complaint_free(&c);
    assert_int_equal(count(f->db, "SELECT count(*) FROM complaints WHERE received_week = '2026-W14' AND received_month = '2026-04'"), 1);
    /* source is required and from the list */
    ComplaintNew bad = base_complaint("KLA-2");
    bad.v[CF_SOURCE] = NULL;
    assert_int_equal(complaint_add(f->db, &f->anna, &bad, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Källa måste fyllas i"));
    bad.v[CF_SOURCE] = "grannen";
    assert_int_equal(complaint_add(f->db, &f->anna, &bad, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "okänd källa 'grannen'"));
    bad = base_complaint("KLA-2");
    bad.v[CF_CLOSED_DATE] = "2026-05-01";
    assert_int_equal(complaint_add(f->db, &f->anna, &bad, NULL, &e), ERR_INVALID); /* not closed */
    bad.v[CF_STATUS] = "avslutat";
    bad.v[CF_CLOSED_DATE] = "2026-03-01";
    assert_int_equal(complaint_add(f->db, &f->anna, &bad, NULL, &e), ERR_INVALID); /* before received */
    bad.v[CF_EVENT_DATE] = "2026-04-03";
    bad.v[CF_CLOSED_DATE] = NULL;
    assert_int_equal(complaint_add(f->db, &f->anna, &bad, NULL, &e), ERR_INVALID); /* event after received */
    assert_int_equal(complaint_add(f->db, &f->anna, &in, NULL, &e), ERR_CONFLICT);
    assert_int_equal(complaint_add(f->db, &f->maria, &bad, NULL, &e), ERR_FORBIDDEN);
    /* more, and filters */
    ComplaintNew k2 = base_complaint("KLA-3");
    k2.v[CF_SOURCE] = "IVO";
    k2.v[CF_UNIT] = "Kirurgi";
    k2.v[CF_CATEGORY] = "Informationsöverföring";
    k2.v[CF_RECEIVED_DATE] = "2026-06-01";
    assert_int_equal(complaint_add(f->db, &f->anna, &k2, NULL, &e), ERR_OK);
    ComplaintNew k3 = base_complaint("KLA-4");
    k3.v[CF_SOURCE] = "Patientnämnden";
    k3.v[CF_UNIT] = "Ortopedmottagningen";
    k3.v[CF_STATUS] = "avslutat";
    k3.v[CF_CLOSED_DATE] = "2026-05-02";
    long long id3;
    assert_int_equal(complaint_add(f->db, &f->anna, &k3, &id3, &e), ERR_OK);
    ComplaintList l;
    assert_int_equal(complaint_list(f->db, &(ComplaintFilter){0}, &l, &e), ERR_OK);
    assert_int_equal(l.total, 3);
    assert_string_equal(l.items[0].ref, "KLA-3"); /* newest received first */
    complaint_list_free(&l);
    assert_int_equal(complaint_list(f->db, &(ComplaintFilter){.source = "ivo"}, &l, &e), ERR_OK);
    assert_int_equal(l.total, 1);
    complaint_list_free(&l);
    assert_int_equal(complaint_list(f->db, &(ComplaintFilter){.unit = "Ortopedi"}, &l, &e), ERR_OK);
    assert_int_equal(l.total, 2);
    complaint_list_free(&l);
    assert_int_equal(complaint_list(f->db, &(ComplaintFilter){.status = "avslutat", .from = "2026-04-01", .to = "2026-04-30"}, &l, &e), ERR_OK);
    assert_int_equal(l.total, 1);
    assert_string_equal(l.items[0].closed_date, "2026-05-02");
    complaint_list_free(&l);
    assert_int_equal(complaint_list(f->db, &(ComplaintFilter){.source = "grannen"}, &l, &e), ERR_INVALID);
    /* closing sets the closed date */
    assert_int_equal(complaint_update(f->db, &f->anna, id, "avslutat", "2026-04-20", NULL, &e), ERR_OK);
    assert_int_equal(complaint_get(f->db, id, &c, &e), ERR_OK);
    assert_string_equal(c.closed_date, "2026-04-20");
    complaint_free(&c);
    assert_int_equal(complaint_update(f->db, &f->anna, id, "under utredning", NULL, NULL, &e), ERR_OK);
    assert_int_equal(complaint_get(f->db, id, &c, &e), ERR_OK);
    assert_string_equal(c.closed_date, "");
    complaint_free(&c);
    assert_int_equal(complaint_update(f->db, &f->anna, id, "avslutat", "2026-01-01", NULL, &e), ERR_INVALID);
    assert_int_equal(complaint_update(f->db, &f->anna, 999, "avslutat", NULL, NULL, &e), ERR_NOTFOUND);
}

/* --- the answer to the complainant ---------------------------------------------------------------------- */

static void test_answer_to_the_complainant(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    /* registered as besvarat: the answer is required, and stored trimmed */
    ComplaintNew in = base_complaint("KLA-SVAR");
    in.v[CF_STATUS] = "besvarat";
    assert_int_equal(complaint_add(f->db, &f->anna, &in, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Svar till den klagande måste fyllas i"));
    assert_int_equal(count(f->db, "SELECT count(*) FROM complaints"), 0);
    in.v[CF_ANSWER] = "  Vi har bett om ursäkt och ändrat rutinen för information vid utskrivning. ";
    long long id = 0;
    assert_int_equal(complaint_add(f->db, &f->anna, &in, &id, &e), ERR_OK);
    Complaint c;
    assert_int_equal(complaint_get(f->db, id, &c, &e), ERR_OK);
    assert_string_equal(c.answer, "Vi har bett om ursäkt och ändrat rutinen för information vid utskrivning.");
    assert_true(c.category_id > 0);
    json_t *j = complaint_to_json(&c);
    assert_string_equal(json_string_value(json_object_get(j, "answer")), c.answer);
    assert_int_equal(json_integer_value(json_object_get(j, "category_id")), c.category_id);
    json_decref(j);
    complaint_free(&c);
    /* the answer is searched */
    ComplaintList l;
    assert_int_equal(complaint_list(f->db, &(ComplaintFilter){.q = "RUTINEN FÖR INFORMATION"}, &l, &e), ERR_OK);
    assert_int_equal(l.total, 1);
    complaint_list_free(&l);

    /* a complaint without an answer cannot be set besvarat; nothing changes */
    long long open = 0;
    ComplaintNew k = base_complaint("KLA-OPPEN");
    assert_int_equal(complaint_add(f->db, &f->anna, &k, &open, &e), ERR_OK);
    assert_int_equal(complaint_update(f->db, &f->anna, open, "besvarat", NULL, NULL, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "fyll i svaret"));
    assert_int_equal(complaint_update(f->db, &f->anna, open, "besvarat", NULL, "   ", &e), ERR_CONFLICT);
    char pnr_text[64], valid[12];
    make_pnr("451224", "567", valid, false);
    snprintf(pnr_text, sizeof pnr_text, "Svar skickat till %s.", valid);
    assert_int_equal(complaint_update(f->db, &f->anna, open, "besvarat", NULL, pnr_text, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Svar till den klagande innehåller ett personnummer"));
    assert_int_equal(complaint_update(f->db, &f->maria, open, "besvarat", NULL, "Svar.", &e), ERR_FORBIDDEN);
    assert_int_equal(count(f->db, "SELECT count(*) FROM complaints WHERE status = 'registrerat' AND answer = ''"), 1);
    /* with the answer it is; a later change without one keeps it, and closing needs none given again */
    assert_int_equal(complaint_update(f->db, &f->anna, open, "besvarat", NULL, "Svar skickat per brev.", &e), ERR_OK);
    assert_int_equal(complaint_update(f->db, &f->anna, open, "avslutat", "2026-05-01", NULL, &e), ERR_OK);
    assert_int_equal(complaint_get(f->db, open, &c, &e), ERR_OK);
    assert_string_equal(c.status, "avslutat");
    assert_string_equal(c.closed_date, "2026-05-01");
    assert_string_equal(c.answer, "Svar skickat per brev.");
    complaint_free(&c);
    /* avslutat without any answer is allowed (withdrawn, anonymous) */
    long long gone = 0;
    ComplaintNew w = base_complaint("KLA-ATERKALLAT");
    w.v[CF_STATUS] = "avslutat";
    assert_int_equal(complaint_add(f->db, &f->anna, &w, &gone, &e), ERR_OK);
    /* the import reads the answer by its label, and takes answered history without one */
    const char *csv = "Referens;Källa;Enhet;Kategori;Inkommet;Beskrivning;Status;Svar till den klagande\n"
                      "KLA-IMP-1;IVO;Ortopedi;Bemötande;2026-04-03;Yttrande begärt.;besvarat;Yttrande skickat.\n"
                      "KLA-IMP-2;patient;Ortopedi;Bemötande;2026-04-04;Fick vänta.;besvarat;\n";
    ImportOptions opt = {.kind = IMPORT_COMPLAINTS, .file_name = "klagomal.csv"};
    ImportCounts counts;
    assert_int_equal(deviation_import_csv(f->db, &f->anna, csv, strlen(csv), &opt, &counts, &e), ERR_OK);
    assert_int_equal(counts.added, 2);
    assert_int_equal(count(f->db, "SELECT count(*) FROM complaints WHERE ref = 'KLA-IMP-1' AND answer = 'Yttrande skickat.'"), 1);
    assert_int_equal(count(f->db, "SELECT count(*) FROM complaints WHERE ref = 'KLA-IMP-2' AND answer = ''"), 1);
}

static void test_category_names_in_swedish_order(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    char **names = NULL;
    size_t n = 99;
    assert_int_equal(complaint_category_names(f->db, &names, &n, &e), ERR_OK);
    assert_int_equal(n, 0);
    complaint_category_names_free(names, n);
    const char *cats[] = {"Övrigt", "Vård och behandling", "Åtkomst", "Ärendehantering", "bemötande", "Bemötande"};
    char ref[16];
    for (size_t i = 0; i < sizeof cats / sizeof *cats; i++) {
        snprintf(ref, sizeof ref, "KLA-C%zu", i);
        ComplaintNew in = base_complaint(ref);
        in.v[CF_CATEGORY] = cats[i];
        assert_int_equal(complaint_add(f->db, &f->anna, &in, NULL, &e), ERR_OK);
    }
    /* a category only deviations use is not offered for complaints */
    DeviationNew d = {0};
    d.v[DF_REF] = "AVV-C1";
    d.v[DF_EVENT_DATE] = "2026-04-01";
    d.v[DF_UNIT] = "Ortopedi";
    d.v[DF_CATEGORY] = "Fall";
    d.v[DF_SEVERITY] = "2";
    d.v[DF_DESCRIPTION] = "Föll vid förflyttning.";
    assert_int_equal(deviation_add(f->db, &f->anna, &d, NULL, &e), ERR_OK);
    assert_int_equal(complaint_category_names(f->db, &names, &n, &e), ERR_OK);
    const char *want[] = {"bemötande", "Vård och behandling", "Åtkomst", "Ärendehantering", "Övrigt"};
    assert_int_equal(n, sizeof want / sizeof *want);
    for (size_t i = 0; i < n; i++) assert_string_equal(names[i], want[i]);
    complaint_category_names_free(names, n);
}

/* --- the demo year ---------------------------------------------------------------------------------------- */

static void load_demo(Db *db, unsigned seed, const char *first)
{
    Err e = ERR_INIT;
    if (db_begin(db, &e) || org_demo_load(db, &e) || deviation_demo_load_from(db, seed, first, &e) ||
        db_commit(db, &e))
        fail_msg("demo: %s", e.msg);
}

typedef struct {
    char month[8];
    long long n;
} MonthCount;

static void fill_month(Stmt *st, void *el)
{
    MonthCount *m = el;
    snprintf(m->month, sizeof m->month, "%s", stmt_text(st, 0));
    m->n = stmt_int(st, 1);
}

/* The twelve monthly counts of one unit × category from 2025-01. */
static void monthly(Db *db, const char *table, const char *unit, const char *category, double out[12])
{
    const char *sql = !strcmp(table, "deviations")
                          ? "SELECT d.event_month, count(*) FROM deviations d JOIN units u ON u.id = d.unit_id "
                            "JOIN event_categories c ON c.id = d.category_id WHERE u.name = :u AND c.name = :c "
                            "GROUP BY d.event_month ORDER BY d.event_month"
                          : "SELECT d.received_month, count(*) FROM complaints d JOIN units u ON u.id = d.unit_id "
                            "JOIN event_categories c ON c.id = d.category_id WHERE u.name = :u AND c.name = :c "
                            "GROUP BY d.received_month ORDER BY d.received_month";
    MonthCount *rows;
    size_t n;
    Err e = ERR_INIT;
    if (db_rows(db, &e, sql, DB_ARGS(DB_TEXT(":u", unit), DB_TEXT(":c", category)), sizeof *rows, fill_month, NULL,
                (void **)&rows, &n))
        fail_msg("monthly: %s", e.msg);
    for (int i = 0; i < 12; i++) {
        char month[16];
        snprintf(month, sizeof month, "2025-%02u", (unsigned)(i + 1) % 100u);
        out[i] = 0;
        for (size_t k = 0; k < n; k++)
            if (!strcmp(rows[k].month, month)) out[i] = (double)rows[k].n;
    }
    free(rows);
}

static void chart(SpcChart kind, const double y[12], size_t freeze, SpcResult *r)
{
    static const char *const x[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"};
    SpcPoint pts[12];
    for (int i = 0; i < 12; i++) pts[i] = (SpcPoint){x[i], y[i], 1};
    SpcOptions opt = {freeze, false, NULL};
    Err e = ERR_INIT;
    if (spc_compute(kind, pts, 12, &opt, r, &e)) fail_msg("spc: %s", e.msg);
}

static void test_demo_year_with_planted_patterns(void **state)
{
    Fixture *f = *state;
    load_demo(f->db, 42, "2025-01");
    assert_true(count(f->db, "SELECT count(*) FROM deviations") > 1500);
    assert_true(count(f->db, "SELECT count(*) FROM complaints") > 300);
    assert_int_equal(count(f->db, "SELECT count(*) FROM deviations WHERE event_date < '2025-01-01' OR event_date > '2025-12-31'"), 0);
    assert_int_equal(count(f->db, "SELECT count(*) FROM complaints WHERE received_date < '2025-01-01' OR received_date > '2025-12-31'"), 0);

    /* pattern 1: the rise, exactly as documented in deviation_demo.c */
    double rise[12];
    monthly(f->db, "deviations", "Medicinkliniken Karlskoga", "Läkemedel", rise);
    static const double want_rise[12] = {3, 2, 4, 3, 2, 9, 11, 10, 12, 11, 13, 12};
    for (int i = 0; i < 12; i++) assert_true(rise[i] == want_rise[i]);
    SpcResult r;
    chart(SPC_RUN, rise, 0, &r);
    assert_true(r.runs.signal);
    assert_int_equal(r.runs.crossings, 1);
    spc_result_free(&r);
    chart(SPC_C, rise, 5, &r);
    for (int i = 5; i < 12; i++) assert_true(r.points[i].signal);
    spc_result_free(&r);

    /* pattern 2: the cluster of complaints */
    double cluster[12];
    monthly(f->db, "complaints", "Geriatrik", "Informationsöverföring", cluster);
    static const double want_cluster[12] = {1, 0, 1, 0, 1, 1, 0, 1, 7, 9, 1, 0};
    for (int i = 0; i < 12; i++) assert_true(cluster[i] == want_cluster[i]);
    chart(SPC_C, cluster, 0, &r);
    for (int i = 0; i < 12; i++) assert_true(r.points[i].signal == (i == 8 || i == 9));
    spc_result_free(&r);

    /* the background is in control month by month */
    static const char *const some_units[] = {"Ortopedi", "Kirurgi", "Geriatrik", "Psykiatri", "Skaraborgs sjukhus"};
    static const char *const dev_cats[] = {"Fall", "Läkemedel", "Informationsöverföring", "Hot och våld", "Vårdhygien"};
    for (size_t u = 0; u < 5; u++)
        for (size_t c = 0; c < 5; c++) {
            double y[12];
            monthly(f->db, "deviations", some_units[u], dev_cats[c], y);
            double sum = 0;
            for (int i = 0; i < 12; i++) sum += y[i];
            if (sum == 0) continue;
            chart(SPC_RUN, y, 0, &r);
            if (r.runs.signal) fail_msg("background %s × %s signals in the run chart", some_units[u], dev_cats[c]);
            spc_result_free(&r);
            chart(SPC_C, y, 0, &r);
            for (int i = 0; i < 12; i++)
                if (r.points[i].signal) fail_msg("background %s × %s month %d above/below limits", some_units[u], dev_cats[c], i + 1);
            spc_result_free(&r);
        }

    /* the serious ones, with händelseanalys and Lex Maria */
    assert_int_equal(count(f->db, "SELECT count(*) FROM deviations WHERE serious = 1"), 2);
    assert_int_equal(count(f->db, "SELECT count(*) FROM event_analyses"), 2);
    assert_int_equal(count(f->db, "SELECT count(*) FROM lex_maria_reports"), 1);
    /* every kind, source and status occurs */
    assert_int_equal(count(f->db, "SELECT count(DISTINCT kind) FROM deviations"), 4);
    assert_int_equal(count(f->db, "SELECT count(DISTINCT source) FROM complaints"), 4);
    assert_int_equal(count(f->db, "SELECT count(DISTINCT status) FROM deviations"), 4);
    /* no personnummer in any text */
    Stmt *st = db_query(f->db, &(Err)ERR_INIT,
                        "SELECT description || ' ' || immediate_action || ' ' || feedback FROM deviations "
                        "UNION ALL SELECT description FROM complaints UNION ALL SELECT event || causes FROM event_analyses",
                        NULL);
    assert_non_null(st);
    Err e = ERR_INIT;
    while (stmt_step(st, &e) == 1)
        if (pnr_find(stmt_text(st, 0), NULL)) fail_msg("personnummer in demo text: %s", stmt_text(st, 0));
    stmt_finalize(st);
}

static long long checksum(Db *db)
{
    return count(db, "SELECT sum(length(ref) * id + severity * unit_id) + count(*) FROM deviations") +
           count(db, "SELECT sum(length(description) * id) FROM complaints");
}

static void test_demo_is_deterministic(void **state)
{
    Fixture *f = *state;
    load_demo(f->db, 7, "2025-01");
    TestDb *other = testdb_open("deviation-demo2");
    assert_non_null(other);
    load_demo(other->db, 7, "2025-01");
    assert_int_equal(checksum(f->db), checksum(other->db));
    TestDb *third = testdb_open("deviation-demo3");
    load_demo(third->db, 8, "2025-01");
    assert_true(checksum(f->db) != checksum(third->db));
    testdb_close(other);
    testdb_close(third);
    /* the default year ends with the last whole month */
    TestDb *now = testdb_open("deviation-demo4");
    Err e = ERR_INIT;
    assert_int_equal(db_begin(now->db, &e), ERR_OK);
    assert_int_equal(org_demo_load(now->db, &e), ERR_OK);
    assert_int_equal(deviation_demo_load(now->db, 1, &e), ERR_OK);
    assert_int_equal(db_commit(now->db, &e), ERR_OK);
    char today[11], month[8];
    iso_today(today);
    snprintf(month, sizeof month, "%.7s", today);
    char *last = db_text(now->db, &e, "SELECT max(event_month) FROM deviations", NULL);
    assert_non_null(last);
    assert_true(strcmp(last, month) < 0);
    free(last);
    assert_int_equal(count(now->db, "SELECT count(DISTINCT event_month) FROM deviations"), 12);
    testdb_close(now);
    assert_int_equal(deviation_demo_load_from(f->db, 1, "2999-01", &e), ERR_INVALID);
    assert_int_equal(deviation_demo_load_from(f->db, 1, "januari", &e), ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_pnr_refused_in_every_complaint_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_complaints, setup, teardown),
        cmocka_unit_test_setup_teardown(test_answer_to_the_complainant, setup, teardown),
        cmocka_unit_test_setup_teardown(test_category_names_in_swedish_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_demo_year_with_planted_patterns, setup_empty, teardown),
        cmocka_unit_test_setup_teardown(test_demo_is_deterministic, setup_empty, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
