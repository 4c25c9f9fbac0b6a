/*
 * test_pattern.c — pattern detection (core/pattern*.c): the two patterns
 * planted in the demo year (core/deviation_demo.c) are found at the right
 * unit, category and rule and rank above everything else; flat series give
 * none; denominators give u charts; overdispersion gives Laney's u′; rare
 * events give the g chart; freeze and split change the judgement; a pattern
 * becomes a signal case in process C with its evidence, once.
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
#include "core/account.h"
#include "core/case.h"
#include "core/deviation.h"
#include "core/org.h"
#include "core/pattern.h"

typedef struct {
    TestDb *t;
    Db *db;
    Actor anna, lars;
} Fixture;

/* The demo organisation and the demo year 2025-01 … 2025-12 (seed 7). */
static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->t = testdb_open("pattern"))) return -1;
    f->db = f->t->db;
    Err e = ERR_INIT;
    if (db_begin(f->db, &e) || org_demo_load(f->db, &e) || deviation_demo_load_from(f->db, 7, "2025-01", &e) ||
        db_commit(f->db, &e)) {
        fprintf(stderr, "demo: %s\n", e.msg);
        return -1;
    }
    testdb_add_actor(f->db, "anna", "anna", ROLE_HANDLAGGARE, &f->anna);
    testdb_add_actor(f->db, "lars", "lars", ROLE_LASARE, &f->lars);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    testdb_close(f->t);
    free(f);
    return 0;
}

static void detect(Fixture *f, DetectStats *st)
{
    Err e = ERR_INIT;
    if (pattern_detect(f->db, &ps, st, &e)) fail_msg("detect: %s", e.msg);
}

/* Index of the pattern at (level, unit, category, source) in the list, or −1. */
static long find(const Pattern *p, size_t n, const char *level, const char *unit, const char *category,
                 const char *source)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(p[i].level, level) && !strcmp(p[i].unit, unit) && !strcmp(p[i].category, category) &&
            !strcmp(p[i].source, source))
            return (long)i;
    return -1;
}

static void list(Fixture *f, Pattern **p, size_t *n)
{
    Err e = ERR_INIT;
    if (pattern_list(f->db, &ps, p, n, &e)) fail_msg("list: %s", e.msg);
}

static void test_planted_patterns_found_and_ranked(void **state)
{
    Fixture *f = *state;
    DetectStats st;
    detect(f, &st);
    assert_true(st.series > 0);
    assert_true(st.judged > 0);
    Pattern *p;
    size_t n;
    list(f, &p, &n);
    long a = find(p, n, "unit", "Medicinkliniken Karlskoga", "Läkemedel", "deviations");
    long b = find(p, n, "unit", "Geriatrik", "Informationsöverföring", "complaints");
    assert_true(a >= 0);
    assert_true(b >= 0);
    /* pattern 1: a sustained rise from month 6. The run chart's median is 9.5 (month 6's 9 lies below
     * it), so the run above begins at month 7; one crossing where Anhøj's minimum for 12 points is 3. */
    assert_string_equal(p[a].chart, "c");
    assert_string_equal(p[a].rule, "few_crossings");
    assert_string_equal(p[a].since_period, "2025-07");
    assert_int_equal(p[a].events, 69);
    /* about 1.8 a week, its weekly series is judged too and signals more weakly: one pattern, per month,
     * naming the weekly rule */
    assert_string_equal(p[a].period, "month");
    assert_string_equal(p[a].also_period, "week");
    assert_true(p[a].also_strength < p[a].strength);

    /* pattern 2: months 9 and 10 above the c chart's UCL 5.90 */
    assert_string_equal(p[b].chart, "c");
    assert_string_equal(p[b].rule, "over_ucl");
    assert_non_null(strstr(p[b].signal_periods, "2025-09"));
    assert_non_null(strstr(p[b].signal_periods, "2025-10"));
    assert_true(fabs(p[b].ucl - 5.895) < 0.01);
    /* 22 complaints in a year: too few for the weekly series to be judged */
    assert_string_equal(p[b].period, "month");
    assert_string_equal(p[b].also_period, "");
    /* above the noise: every other pattern is weaker than both, unless it is the same category and source */
    double weakest = fmin(p[a].strength, p[b].strength);
    for (size_t i = 0; i < n; i++) {
        if ((long)i == a || (long)i == b) continue;
        bool related = (!strcmp(p[i].category, "Läkemedel") && !strcmp(p[i].source, "deviations")) ||
                       (!strcmp(p[i].category, "Informationsöverföring") && !strcmp(p[i].source, "complaints"));
        if (!related && p[i].strength >= weakest)
            fail_msg("noise pattern ranks above a planted one: %s %s %s %s %.3f (rule %s)", p[i].level, p[i].unit,
                     p[i].category, p[i].source, p[i].strength, p[i].rule);
    }
    for (size_t i = 1; i < n; i++) assert_true(p[i - 1].strength >= p[i].strength);
    /* the events behind pattern 2 are the complaints of months 9–12 */
    PatternEvent *ev;
    size_t nev;
    Err e = ERR_INIT;
    assert_int_equal(pattern_events(f->db, &p[b], &ev, &nev, &e), ERR_OK);
    assert_int_equal((long long)nev, p[b].events);
    assert_string_equal(ev[0].kind, "complaint");
    assert_true(strncmp(ev[0].date, "2025-09", 7) >= 0);
    pattern_events_free(ev, nev);
    pattern_list_free(p, n);
}

static const char *const months12[] = {"2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06",
                                       "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12"};

static void test_flat_series_is_no_pattern(void **state)
{
    (void)state;
    double c[12] = {5, 6, 4, 5, 6, 4, 5, 6, 4, 5, 4, 6};
    Judgement j;
    Err e = ERR_INIT;
    assert_int_equal(pattern_judge(months12, c, NULL, 12, NULL, 0, NULL, &j, &e), ERR_OK);
    assert_int_equal(j.chart, SPC_C);
    assert_int_equal(j.rule, RULE_NONE);
    assert_true(j.strength == 0);
    judgement_free(&j);
}

/* A falling series is favourable: no pattern even though it signals. */
static void test_fall_is_no_pattern(void **state)
{
    (void)state;
    double c[12] = {12, 11, 13, 12, 11, 12, 3, 2, 3, 2, 3, 2};
    Judgement j;
    Err e = ERR_INIT;
    assert_int_equal(pattern_judge(months12, c, NULL, 12, NULL, 0, NULL, &j, &e), ERR_OK);
    assert_int_equal(j.rule, RULE_NONE);
    judgement_free(&j);
}

static void test_rates_with_denominators(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    long long unit = db_int(f->db, &e, "SELECT id FROM units WHERE name = 'Medicinkliniken Karlskoga'", NULL, 0);
    assert_true(unit > 0);
    for (int m = 0; m < 12; m++)
        assert_int_equal(db_exec(f->db, &e,
                                 "INSERT INTO denominators (unit_id, month, kind, value) VALUES (:u, :m, 'vårddagar', 2000)",
                                 DB_ARGS(DB_INT(":u", unit), DB_TEXT(":m", months12[m]))),
                         ERR_OK);
    detect(f, NULL);
    Pattern *p;
    size_t n;
    list(f, &p, &n);
    long a = find(p, n, "unit", "Medicinkliniken Karlskoga", "Läkemedel", "deviations");
    assert_true(a >= 0);
    assert_string_equal(p[a].chart, "u");
    /* 92 events over 24 000 vårddagar: 3.83 per 1000 */
    if (fabs(p[a].centre - 92.0 / 24.0) > 1e-6) fail_msg("centre %g", p[a].centre);
    pattern_list_free(p, n);
}

static void test_overdispersed_gives_laney(void **state)
{
    (void)state;
    double c[12] = {10, 40, 8, 35, 12, 45, 9, 38, 11, 42, 10, 80};
    Judgement j;
    Err e = ERR_INIT;
    assert_int_equal(pattern_judge(months12, c, NULL, 12, NULL, 0, NULL, &j, &e), ERR_OK);
    assert_int_equal(j.chart, SPC_UP);
    assert_true(j.sigma_z > 1.5);
    /* u′ with n = 1: limits σz times wider than the c chart's */
    double cbar = j.shewhart.points[0].cl;
    assert_true(j.shewhart.points[0].ucl - cbar > 1.5 * 3 * sqrt(cbar));
    judgement_free(&j);
    /* Poisson-like data stay on the c chart */
    double d[12] = {20, 22, 18, 21, 19, 23, 20, 18, 22, 21, 19, 20};
    assert_int_equal(pattern_judge(months12, d, NULL, 12, NULL, 0, NULL, &j, &e), ERR_OK);
    assert_int_equal(j.chart, SPC_C);
    judgement_free(&j);
}

static void test_rare_gives_g_chart(void **state)
{
    (void)state;
    /* seven events, most months none; the last three come close together */
    double c[12] = {1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 3};
    const char *dates[] = {"2025-01-10", "2025-04-20", "2025-07-25", "2025-09-30",
                           "2025-12-02", "2025-12-05", "2025-12-09"};
    Judgement j;
    Err e = ERR_INIT;
    assert_true(pattern_is_rare(c, 12));
    assert_int_equal(pattern_judge(months12, c, NULL, 12, dates, 7, NULL, &j, &e), ERR_OK);
    assert_int_equal(j.chart, SPC_G);
    assert_int_equal(j.shewhart.n, 6); /* gaps between seven events */
    assert_true(j.shewhart.points[0].y == 100);
    judgement_free(&j);
}

static void test_freeze_and_split(void **state)
{
    (void)state;
    /* pattern 1's counts: frozen on months 1–5, months 6–12 all lie above the UCL 7.82 */
    double c[12] = {3, 2, 4, 3, 2, 9, 11, 10, 12, 11, 13, 12};
    Judgement j;
    Err e = ERR_INIT;
    SeriesSettings frozen = {5, NULL};
    assert_int_equal(pattern_judge(months12, c, NULL, 12, NULL, 0, &frozen, &j, &e), ERR_OK);
    assert_int_equal(j.rule, RULE_OVER_UCL);
    assert_true(fabs(j.shewhart.points[11].ucl - (2.8 + 3 * sqrt(2.8))) < 1e-9);
    assert_true(j.rules & (1u << RULE_OVER_UCL));
    judgement_free(&j);
    /* split at the change: the new level alone is in control */
    SeriesSettings split = {0, "2025-06"};
    double d[18] = {3, 2, 4, 3, 2, 9, 11, 10, 12, 11, 13, 12, 10, 11, 12, 10, 12, 11};
    const char *m18[18];
    char buf[18][16];
    for (int i = 0; i < 18; i++) {
        snprintf(buf[i], sizeof buf[i], "%04d-%02d", 2025 + i / 12, i % 12 + 1);
        m18[i] = buf[i];
    }
    assert_int_equal(pattern_judge(m18, d, NULL, 18, NULL, 0, &split, &j, &e), ERR_OK);
    assert_int_equal(j.first, 5);
    assert_int_equal(j.shewhart.n, 13);
    assert_int_equal(j.rule, RULE_NONE);
    judgement_free(&j);
}

static void test_settings_applied_by_detection(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    long long unit = db_int(f->db, &e, "SELECT id FROM units WHERE name = 'Medicinkliniken Karlskoga'", NULL, 0);
    long long cat = db_int(f->db, &e, "SELECT id FROM event_categories WHERE name = 'Läkemedel'", NULL, 0);
    SeriesKey k = {"unit", unit, cat, "deviations", "month"};
    assert_int_equal(series_set(f->db, &f->lars, &k, 5, NULL, &e), ERR_FORBIDDEN);
    assert_int_equal(series_set(f->db, &f->anna, &k, 5, NULL, &e), ERR_OK);
    detect(f, NULL);
    Pattern *p;
    size_t n;
    list(f, &p, &n);
    long a = find(p, n, "unit", "Medicinkliniken Karlskoga", "Läkemedel", "deviations");
    assert_true(a >= 0);
    assert_string_equal(p[a].rule, "over_ucl"); /* frozen baseline: every month from 6 above 7.82 */
    pattern_list_free(p, n);
    /* split at the rise: nothing left to see */
    assert_int_equal(series_set(f->db, &f->anna, &k, 0, "2025-06", &e), ERR_OK);
    detect(f, NULL);
    list(f, &p, &n);
    assert_int_equal(find(p, n, "unit", "Medicinkliniken Karlskoga", "Läkemedel", "deviations"), -1);
    pattern_list_free(p, n);
    /* an annotation shows on the series */
    assert_int_equal(series_annotate(f->db, &f->anna, &k, "2025-06-01", "Ny rutin för läkemedelsgenomgång", NULL, &e),
                     ERR_OK);
    assert_int_equal(series_annotate(f->db, &f->anna, &k, "2025-13-01", "x", NULL, &e), ERR_INVALID);
    Series s;
    if (series_load(f->db, &k, &s, &e)) fail_msg("series_load: %s", e.msg);
    assert_int_equal(s.nnotes, 1);
    assert_string_equal(s.notes[0].on, "2025-06");
    assert_string_equal(s.split_at, "2025-06");
    series_free(&s);
}

static void test_pattern_to_case(void **state)
{
    Fixture *f = *state;
    detect(f, NULL);
    Pattern *p;
    size_t n;
    list(f, &p, &n);
    long b = find(p, n, "unit", "Geriatrik", "Informationsöverföring", "complaints");
    assert_true(b >= 0);
    long long pid = p[b].id, events = p[b].events;
    pattern_list_free(p, n);
    Err e = ERR_INIT;
    long long cid = 0;
    assert_int_equal(pattern_to_case(f->db, &ps, &f->lars, pid, &cid, &e), ERR_FORBIDDEN);
    assert_int_equal(pattern_to_case(f->db, &ps, &f->anna, pid, &cid, &e), ERR_OK);
    Case c;
    assert_int_equal(case_get(f->db, cid, &c, &e), ERR_OK);
    assert_int_equal(c.origin, 6);
    assert_string_equal(c.process, "C");
    assert_non_null(strstr(c.title, "Informationsöverföring – Geriatrik"));
    assert_non_null(strstr(c.description, "c-diagram"));
    assert_non_null(strstr(c.description, "2025-09"));
    case_free(&c);
    Evidence *ev;
    size_t nev;
    assert_int_equal(case_evidence_list(f->db, cid, &ev, &nev, &e), ERR_OK);
    assert_int_equal((long long)nev, events);
    assert_string_equal(ev[0].kind, "complaint");
    assert_true(strncmp(ev[0].ref, "KLA-", 4) == 0);
    case_evidence_free(ev, nev);
    /* a second case for the same pattern is refused */
    long long again = 0;
    assert_int_equal(pattern_to_case(f->db, &ps, &f->anna, pid, &again, &e), ERR_CONFLICT);
    /* a new detection keeps it with its case and proposes the series no more */
    DetectStats st;
    detect(f, &st);
    assert_int_equal(st.kept, 1);
    list(f, &p, &n);
    size_t same = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(p[i].unit, "Geriatrik") && !strcmp(p[i].category, "Informationsöverföring") &&
            !strcmp(p[i].source, "complaints")) {
            same++;
            assert_int_equal(p[i].case_id, cid);
        }
    assert_int_equal(same, 1);
    pattern_list_free(p, n);
}

/* Another official takes the same pattern between our check and our write
 * (simulated by a trigger that links the pattern to another case as soon as
 * ours is inserted): the refusal leaves no half case behind — no case, no
 * evidence, no reference number used. */
static void test_pattern_taken_meanwhile_leaves_nothing(void **state)
{
    Fixture *f = *state;
    detect(f, NULL);
    Pattern *p;
    size_t n;
    list(f, &p, &n);
    long b = find(p, n, "unit", "Geriatrik", "Informationsöverföring", "complaints");
    assert_true(b >= 0);
    long long pid = p[b].id;
    pattern_list_free(p, n);
    Err e = ERR_INIT;
    CaseNew other = {.title = "Annan handläggares signalärende", .origin = 6};
    Case o;
    assert_int_equal(case_create(f->db, &ps, &f->anna, &other, &o, &e), ERR_OK);
    char sql[256];
    snprintf(sql, sizeof sql,
             "CREATE TEMP TRIGGER taker AFTER INSERT ON cases BEGIN "
             "UPDATE patterns SET case_id = %lld, status = 'case' WHERE id = %lld; END",
             o.id, pid);
    assert_int_equal(db_exec(f->db, &e, sql, NULL), ERR_OK);
    Err none = ERR_INIT;
    long long cases = db_int(f->db, &none, "SELECT count(*) FROM cases", NULL, -1);
    long long cid = 0;
    assert_int_equal(pattern_to_case(f->db, &ps, &f->anna, pid, &cid, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "under tiden"));
    assert_int_equal(db_exec(f->db, &e, "DROP TRIGGER temp.taker", NULL), ERR_OK);
    assert_int_equal(db_int(f->db, &none, "SELECT count(*) FROM cases", NULL, -1), cases);
    assert_int_equal(db_int(f->db, &none, "SELECT count(*) FROM case_evidence", NULL, -1), 0);
    /* the next case gets the next number: the refused one used none */
    Case next;
    assert_int_equal(case_create(f->db, &ps, &f->anna, &other, &next, &e), ERR_OK);
    assert_int_equal(atoi(strrchr(next.ref, '-') + 1), atoi(strrchr(o.ref, '-') + 1) + 1);
    case_free(&next);
    case_free(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_planted_patterns_found_and_ranked, setup, teardown),
        cmocka_unit_test(test_flat_series_is_no_pattern),
        cmocka_unit_test(test_fall_is_no_pattern),
        cmocka_unit_test_setup_teardown(test_rates_with_denominators, setup, teardown),
        cmocka_unit_test(test_overdispersed_gives_laney),
        cmocka_unit_test(test_rare_gives_g_chart),
        cmocka_unit_test(test_freeze_and_split),
        cmocka_unit_test_setup_teardown(test_settings_applied_by_detection, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pattern_to_case, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pattern_taken_meanwhile_leaves_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, pf_group_setup, pf_group_teardown);
}
