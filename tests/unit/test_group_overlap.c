/*
 * test_group_overlap.c — overlap warnings between commissions
 * (core/group_overlap.c): the Swedish word handling (folding, stop words,
 * short words, the crude stemmer), TF-IDF cosine on realistic commission
 * texts (two that overlap clearly, one about something else), the order and
 * the explaining words, and the same over the database's current versions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "core/group.h"

static void assert_stem(const char *a, const char *b)
{
    char *x = overlap_stem(a), *y = overlap_stem(b);
    if (strcmp(x, y)) fail_msg("'%s' → '%s' but '%s' → '%s'", a, x, b, y);
    free(x);
    free(y);
}

static void assert_stem_is(const char *word, const char *stem)
{
    char *x = overlap_stem(word);
    if (strcmp(x, stem)) fail_msg("'%s' → '%s', want '%s'", word, x, stem);
    free(x);
}

static void test_inflected_forms_meet(void **state)
{
    (void)state;
    assert_stem("digitaliseringen", "digitalisering");
    assert_stem("utveckla", "utveckling");
    assert_stem("utvecklingen", "utveckling");
    assert_stem("patienterna", "patienter");
    assert_stem("patientens", "patient");
    assert_stem("verksamheterna", "verksamhet");
    assert_stem("riktlinjerna", "riktlinjer");
    assert_stem("rutiner", "rutinerna");
    assert_stem("frågorna", "fråga");
    assert_stem("vården", "vårds");
    assert_stem("avvikelser", "avvikelserna");
    assert_stem("samordnande", "samordna");
    assert_stem("verksamhet", "verksamheten");
    assert_stem_is("verksamheterna", "verksam");
    assert_stem_is("omställningen", "omställ");
    assert_stem_is("process", "process"); /* an -s after -s stays */
    assert_stem_is("processer", "process");
    assert_stem_is("vård", "vård");
    assert_stem_is("barnen", "barn"); /* never shorter than three letters */
    assert_stem_is("åren", "åren");
}

static void test_words_drop_stop_words_short_words_and_numbers(void **state)
{
    (void)state;
    char **w;
    size_t n = overlap_words("Gruppen ska bidra till Hälso- och SJUKVÅRDENS omställning 2023–2027 i VGR.", &w);
    /* gruppen, ska, bidra, till, och, i: stop words; 2023, 2027: no letters; kept: hälso, sjukvård, omställ, vgr */
    assert_int_equal(n, 4);
    assert_string_equal(w[0], "hälso");
    assert_string_equal(w[1], "sjukvård");
    assert_string_equal(w[2], "omställ");
    assert_string_equal(w[3], "vgr");
    overlap_words_free(w, n);
    n = overlap_words("", &w);
    assert_int_equal(n, 0);
    overlap_words_free(w, n);
    n = overlap_words("Ökad tillgänglighet – för ALLA!", &w);
    assert_int_equal(n, 2);
    assert_string_equal(w[0], "ökad");
    assert_string_equal(w[1], "tillgänglig");
    overlap_words_free(w, n);
}

/* Three commission texts as officials write them: two about patient safety
 * (the chefläkare's funktionsgrupp and a newly proposed patient safety
 * council), one about digitalisation. */
static const char *const cheflakare =
    "Patientsäkerhet och medicinsk kvalitet. Funktionsgruppen ska stärka patientsäkerhetsarbetet och samordna "
    "chefläkarnas arbete med vårdskador, avvikelser och anmälningar enligt lex Maria. "
    "- Samordna förvaltningarnas arbete med händelseanalyser och riskanalyser. "
    "- Följa vårdskador och avvikelser över förvaltningsgränser och föreslå gemensamma åtgärder. "
    "- Bereda ärenden om patientsäkerhet till koncernledningen.";
static const char *const patientrad =
    "Patientsäkerhet. Rådet ska minska vårdskadorna i regionen genom att samordna analysen av avvikelser och "
    "händelseanalyser, följa upp åtgärder efter lex Maria-anmälningar och föreslå gemensamma åtgärder för ökad "
    "patientsäkerhet över förvaltningsgränser. Rådet sammanställer riskanalyser och vårdskador per tertial.";
static const char *const digitalisering =
    "Digitala vårdtjänster och vårdinformationsstöd. Funktionsgruppen ska leda införandet av Millennium och av "
    "digitala vårdtjänster för invånarna: egenmonitorering, digitala vårdmöten och invånartjänster i 1177. "
    "Följa andelen digitala vårdkontakter och vårdinbjudningar.";

static void test_two_overlapping_commissions_and_one_unrelated(void **state)
{
    (void)state;
    OverlapDoc docs[] = {{1, "Funktionsgrupp chefläkare", cheflakare},
                         {2, "Funktionsgrupp digitalisering", digitalisering},
                         {3, "Patientsäkerhetsrådet", patientrad}};
    GroupOverlap *o;
    size_t n;
    overlap_compute(docs, 3, OVERLAP_THRESHOLD, &o, &n);
    assert_int_equal(n, 1);
    assert_int_equal(o[0].a_id, 1);
    assert_int_equal(o[0].b_id, 3);
    assert_true(o[0].score >= OVERLAP_THRESHOLD && o[0].score < 1);
    /* explained by the words they share, as written in the first */
    bool vardskador = false, avvikelser = false;
    for (size_t i = 0; i < o[0].nterms; i++) {
        vardskador |= !strcmp(o[0].terms[i], "vårdskador");
        avvikelser |= !strcmp(o[0].terms[i], "avvikelser");
        assert_null(strstr(o[0].terms[i], "digital"));
    }
    assert_true(vardskador && avvikelser);
    assert_true(o[0].nterms <= 8);
    group_overlaps_free(o, n);
    /* below the threshold the unrelated pairs are weak */
    overlap_compute(docs, 3, 0.0001, &o, &n);
    assert_int_equal(n, 3);
    assert_int_equal(o[0].a_id, 1); /* strongest first */
    assert_true(o[1].score < 0.2 && o[2].score < 0.2);
    assert_true(o[0].score > o[1].score && o[1].score >= o[2].score);
    group_overlaps_free(o, n);
}

static void test_identical_and_empty_texts(void **state)
{
    (void)state;
    OverlapDoc docs[] = {{1, "A", digitalisering}, {2, "B", digitalisering}, {3, "C", ""}, {4, "D", "och i på"}};
    GroupOverlap *o;
    size_t n;
    overlap_compute(docs, 4, OVERLAP_THRESHOLD, &o, &n);
    assert_int_equal(n, 1);
    assert_true(o[0].score > 0.999);
    group_overlaps_free(o, n);
    overlap_compute(docs, 0, OVERLAP_THRESHOLD, &o, &n);
    assert_int_equal(n, 0);
    group_overlaps_free(o, n);
}

/* --- over the database: each group's current commission --------------------------------------------- */

static long long group_with(Db *db, const char *name, const char *text)
{
    GroupNew in = {.type = "funktionsgrupp", .name = name, .seeks_patient_rep = -1, .has_municipal_parts = -1,
                   .multiprofessional = -1};
    long long id = 0;
    Err e = ERR_INIT;
    if (group_add(db, NULL, &in, &id, &e)) fail_msg("group_add: %s", e.msg);
    CommissionNew c = {{NULL}, NULL};
    c.f[COMM_DATUM] = "2024-01-01";
    c.f[COMM_UPPDRAGSBESKRIVNING] = text;
    if (commission_add(db, NULL, id, &c, NULL, &e)) fail_msg("commission_add: %s", e.msg);
    return id;
}

static void test_overlaps_use_the_current_commissions(void **state)
{
    (void)state;
    TestDb *t = testdb_open("overlap");
    assert_non_null(t);
    long long a = group_with(t->db, "Funktionsgrupp chefläkare", cheflakare);
    long long b = group_with(t->db, "Funktionsgrupp digitalisering", digitalisering);
    group_with(t->db, "Gruppen utan uppdragshandling", "Kort.");
    GroupOverlap *o;
    size_t n;
    Err e = ERR_INIT;
    assert_int_equal(group_overlaps(t->db, OVERLAP_THRESHOLD, &o, &n, &e), ERR_OK);
    assert_int_equal(n, 0);
    group_overlaps_free(o, n);
    /* the digitalisation group's commission is revised into a patient safety commission */
    CommissionNew rev = {{NULL}, "Nytt uppdrag."};
    rev.f[COMM_UPPDRAGSBESKRIVNING] = patientrad;
    assert_int_equal(commission_add(t->db, NULL, b, &rev, NULL, &e), ERR_OK);
    assert_int_equal(group_overlaps(t->db, OVERLAP_THRESHOLD, &o, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(o[0].a_id, a);
    assert_int_equal(o[0].b_id, b);
    json_t *j = group_overlaps_to_json(o, n, OVERLAP_THRESHOLD);
    json_t *item = json_array_get(json_object_get(j, "items"), 0);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(item, "a"), "id")), a);
    assert_true(json_array_size(json_object_get(item, "terms")) > 0);
    json_decref(j);
    group_overlaps_free(o, n);
    testdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inflected_forms_meet),
        cmocka_unit_test(test_words_drop_stop_words_short_words_and_numbers),
        cmocka_unit_test(test_two_overlapping_commissions_and_one_unrelated),
        cmocka_unit_test(test_identical_and_empty_texts),
        cmocka_unit_test(test_overlaps_use_the_current_commissions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
