/*
 * test_record_history.c — the history of deviations and complaints
 * (core/deviation_history.c and the change functions that write it): each
 * change writes exactly one event with the right Swedish text and person, a
 * refused change writes none, a change that changes nothing writes none; an
 * import writes one event per added record, naming the file; the history
 * reads newest first. Fixture: deviation_fixture.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/deviation.h"
#include "deviation_fixture.h"

static long long add_deviation(Fixture *f, const char *ref)
{
    DeviationNew in = {0};
    in.v[DF_REF] = ref;
    in.v[DF_EVENT_DATE] = "2026-03-05";
    in.v[DF_UNIT] = "Ortopedi";
    in.v[DF_CATEGORY] = "Fall";
    in.v[DF_SEVERITY] = "2";
    in.v[DF_DESCRIPTION] = "Patienten föll vid förflyttning.";
    long long id = 0;
    Err e = ERR_INIT;
    if (deviation_add(f->db, &f->anna, &in, &id, &e)) fail_msg("deviation_add: %s", e.msg);
    return id;
}

static long long add_complaint(Fixture *f, const char *ref)
{
    ComplaintNew in = {0};
    in.v[CF_REF] = ref;
    in.v[CF_SOURCE] = "patient";
    in.v[CF_UNIT] = "Ortopedi";
    in.v[CF_CATEGORY] = "Bemötande";
    in.v[CF_RECEIVED_DATE] = "2026-04-02";
    in.v[CF_DESCRIPTION] = "Fick vänta länge utan besked.";
    long long id = 0;
    Err e = ERR_INIT;
    if (complaint_add(f->db, &f->anna, &in, &id, &e)) fail_msg("complaint_add: %s", e.msg);
    return id;
}

static long long events(Fixture *f, RecordKind kind, long long id)
{
    RecordHistory h;
    Err e = ERR_INIT;
    assert_int_equal(record_history(f->db, kind, id, &h, &e), ERR_OK);
    long long n = (long long)h.n;
    record_history_free(&h);
    return n;
}

/* The newest event is (what, detail) by Anna Berg, and there are n in all. */
static void newest_is(Fixture *f, RecordKind kind, long long id, size_t n, const char *what, const char *detail)
{
    RecordHistory h;
    Err e = ERR_INIT;
    assert_int_equal(record_history(f->db, kind, id, &h, &e), ERR_OK);
    assert_int_equal(h.n, n);
    assert_string_equal(h.items[0].what, what);
    assert_string_equal(h.items[0].detail, detail);
    assert_string_equal(h.items[0].user_name, "Anna Berg");
    assert_true(*h.items[0].at);
    record_history_free(&h);
}

static void test_deviation_changes_write_one_event_each(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    long long id = add_deviation(f, "AVV-H1");
    newest_is(f, RECORD_DEVIATION, id, 1, "registered", "Registrerad");

    assert_int_equal(deviation_update(f->db, &f->anna, id, "under utredning", NULL, &e), ERR_OK);
    newest_is(f, RECORD_DEVIATION, id, 2, "status", "Status: registrerad → under utredning");
    assert_int_equal(deviation_update(f->db, &f->anna, id, NULL, "Vi har gått igenom rutinen.", &e), ERR_OK);
    newest_is(f, RECORD_DEVIATION, id, 3, "feedback", "Återkoppling ifylld");
    assert_int_equal(deviation_update(f->db, &f->anna, id, "åtgärdad", "Rutinen är ändrad.", &e), ERR_OK);
    newest_is(f, RECORD_DEVIATION, id, 4, "status", "Status: under utredning → åtgärdad; Återkoppling ändrad");

    assert_int_equal(deviation_set_serious(f->db, &f->anna, id, true, &e), ERR_OK);
    newest_is(f, RECORD_DEVIATION, id, 5, "serious", "Markerad som allvarlig");
    assert_int_equal(deviation_set_serious(f->db, &f->anna, id, false, &e), ERR_OK);
    newest_is(f, RECORD_DEVIATION, id, 6, "serious", "Markeringen som allvarlig borttagen");

    AnalysisActionNew act = {"Ny rutin för förflyttning", "Vårdenhetschef", "2026-06-01"};
    EventAnalysisNew an = {"2026-03-10", NULL, "Patienten föll.", "Ingen rutin.", NULL, &act, 1};
    assert_int_equal(deviation_add_analysis(f->db, &f->anna, id, &an, NULL, &e), ERR_OK);
    newest_is(f, RECORD_DEVIATION, id, 7, "analysis", "Händelseanalys tillagd (påbörjad 2026-03-10)");

    LexMariaNew lm = {"2026-03-20", "IVO 3.1-123/2026", NULL};
    assert_int_equal(deviation_add_lex_maria(f->db, &f->anna, id, &lm, &e), ERR_OK);
    newest_is(f, RECORD_DEVIATION, id, 8, "lex_maria",
              "Anmäld enligt Lex Maria (skickad till IVO 2026-03-20); markerad som allvarlig");
}

static void test_deviation_refused_or_unchanged_writes_nothing(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    long long id = add_deviation(f, "AVV-H2");
    /* no-ops */
    assert_int_equal(deviation_update(f->db, &f->anna, id, "registrerad", NULL, &e), ERR_OK);
    assert_int_equal(deviation_update(f->db, &f->anna, id, NULL, NULL, &e), ERR_OK);
    assert_int_equal(deviation_set_serious(f->db, &f->anna, id, false, &e), ERR_OK);
    assert_int_equal(events(f, RECORD_DEVIATION, id), 1);
    /* refused: closing without feedback, a läsare, an unknown status */
    assert_int_equal(deviation_update(f->db, &f->anna, id, "avslutad", NULL, &e), ERR_CONFLICT);
    assert_int_equal(deviation_update(f->db, &f->maria, id, "åtgärdad", NULL, &e), ERR_FORBIDDEN);
    assert_int_equal(deviation_update(f->db, &f->anna, id, "klar", NULL, &e), ERR_INVALID);
    assert_int_equal(deviation_set_serious(f->db, &f->maria, id, true, &e), ERR_FORBIDDEN);
    LexMariaNew early = {"2026-03-01", NULL, NULL}; /* before the event */
    assert_int_equal(deviation_add_lex_maria(f->db, &f->anna, id, &early, &e), ERR_INVALID);
    assert_int_equal(events(f, RECORD_DEVIATION, id), 1);
    /* a refused registration (the reference is taken) leaves no event either */
    DeviationNew dup = {0};
    dup.v[DF_REF] = "AVV-H2";
    dup.v[DF_EVENT_DATE] = "2026-03-05";
    dup.v[DF_UNIT] = "Ortopedi";
    dup.v[DF_CATEGORY] = "Fall";
    dup.v[DF_SEVERITY] = "2";
    dup.v[DF_DESCRIPTION] = "Samma igen.";
    assert_int_equal(deviation_add(f->db, &f->anna, &dup, NULL, &e), ERR_CONFLICT);
    assert_int_equal(count(f->db, "SELECT count(*) FROM record_events"), 1);
}

static void test_complaint_changes_write_one_event_each(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    long long id = add_complaint(f, "KLA-H1");
    newest_is(f, RECORD_COMPLAINT, id, 1, "registered", "Registrerat");
    assert_int_equal(complaint_update(f->db, &f->anna, id, "under utredning", NULL, NULL, &e), ERR_OK);
    newest_is(f, RECORD_COMPLAINT, id, 2, "status", "Status: registrerat → under utredning");
    assert_int_equal(complaint_update(f->db, &f->anna, id, NULL, NULL, "Vi ber om ursäkt.", &e), ERR_OK);
    newest_is(f, RECORD_COMPLAINT, id, 3, "answer", "Svar till den klagande ifyllt");
    assert_int_equal(complaint_update(f->db, &f->anna, id, "avslutat", "2026-04-20", NULL, &e), ERR_OK);
    newest_is(f, RECORD_COMPLAINT, id, 4, "status", "Status: under utredning → avslutat; Avslutat: – → 2026-04-20");
    assert_int_equal(complaint_update(f->db, &f->anna, id, "avslutat", "2026-04-22", NULL, &e), ERR_OK);
    newest_is(f, RECORD_COMPLAINT, id, 5, "closed_date", "Avslutat: 2026-04-20 → 2026-04-22");
    /* a no-op (the same status, date and answer) writes nothing */
    assert_int_equal(complaint_update(f->db, &f->anna, id, "avslutat", NULL, "Vi ber om ursäkt.", &e), ERR_OK);
    assert_int_equal(events(f, RECORD_COMPLAINT, id), 5);
    /* refused: a läsare, a closed date before it came in, besvarat without answer elsewhere */
    assert_int_equal(complaint_update(f->db, &f->maria, id, "besvarat", NULL, NULL, &e), ERR_FORBIDDEN);
    assert_int_equal(complaint_update(f->db, &f->anna, id, "avslutat", "2026-04-01", NULL, &e), ERR_INVALID);
    assert_int_equal(events(f, RECORD_COMPLAINT, id), 5);
    long long other = add_complaint(f, "KLA-H2");
    assert_int_equal(complaint_update(f->db, &f->anna, other, "besvarat", NULL, NULL, &e), ERR_CONFLICT);
    assert_int_equal(events(f, RECORD_COMPLAINT, other), 1);
    /* the deviation with the same id has a history of its own */
    assert_int_equal(events(f, RECORD_DEVIATION, id), 0);
}

static void test_import_writes_one_event_per_added_record(void **state)
{
    Fixture *f = *state;
    const char *csv = "Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\n"
                      "AVV-I1;2026-03-01;Ortopedi;Fall;2;Föll i duschen.\n"
                      "AVV-I2;2026-03-02;Kirurgi;Läkemedel;1;Fel dos.\n";
    ImportOptions opt = {IMPORT_DEVIATIONS, NULL, "export.csv", NULL};
    ImportCounts c;
    Err e = ERR_INIT;
    assert_int_equal(deviation_import_csv(f->db, &f->anna, csv, strlen(csv), &opt, &c, &e), ERR_OK);
    assert_int_equal(count(f->db, "SELECT count(*) FROM record_events WHERE kind = 'deviation'"), 2);
    long long id = count(f->db, "SELECT id FROM deviations WHERE ref = 'AVV-I2'");
    char detail[96];
    snprintf(detail, sizeof detail, "Importerad från export.csv (import %lld)", c.import_id);
    newest_is(f, RECORD_DEVIATION, id, 1, "imported", detail);
    /* the same file again adds nothing and writes nothing */
    assert_int_equal(deviation_import_csv(f->db, &f->anna, csv, strlen(csv), &opt, &c, &e), ERR_OK);
    assert_int_equal(count(f->db, "SELECT count(*) FROM record_events"), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_deviation_changes_write_one_event_each, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deviation_refused_or_unchanged_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_complaint_changes_write_one_event_each, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_writes_one_event_per_added_record, setup, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
