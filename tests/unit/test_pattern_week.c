/*
 * test_pattern_week.c — patterns per ISO week (core/pattern_period.c,
 * pattern_judge.c, pattern_detect.c, pattern_series.c): ISO week numbers
 * across year boundaries (2020-W53, 2021-W01, 2024-12-30 in 2025-W01); when
 * a weekly series is judged at all; a cluster inside one week that the
 * weekly series shows more strongly than the monthly one, proposed once (the
 * weekly pattern naming the monthly rule); a case on it holding the series
 * for both periods; settings stated in months carried over to the weekly
 * chart; annotations drawn at their week, and a week accepted as their date.
 *
 * The events are made by hand (tests/unit/pattern_fixture.h) for 2024,
 * which runs from Monday 2024-01-01 (2024-W01) to Sunday 2024-12-29
 * (2024-W52): one fall on every Tuesday and one on every Thursday — two a
 * week, 104 in the year — and a cluster of 16 more in 2024-W50 (9–15
 * December). Weekly: 2 every week, 18 in W50; c̄ 2.31, UCL 6.87. Monthly:
 * 8–10 a month, 24 in December; c̄ 10, UCL 19.5.
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
#include "core/case.h"

static int setup(void **state)
{
    PFixture *f = pf_open("pattern-week");
    if (!f) return -1;
    const char *dates[128];
    char buf[128][11];
    size_t n = 0;
    for (int d = 0; d < 364; d++) { /* 2024-W01 … 2024-W52 */
        int wd;
        pf_day(d, buf[n], &wd);
        if (wd == 1 || wd == 3) dates[n] = buf[n], n++;
    }
    pf_events(f, 0, "Fall", dates, n);
    n = 0;
    for (int i = 0; i < 16; i++) { /* four a day, Tuesday 10 … Friday 13 December */
        pf_day(344 + i / 4, buf[n], NULL);
        dates[n] = buf[n], n++;
    }
    pf_events(f, 0, "Fall", dates, n);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    pf_close(*state);
    return 0;
}

static void detect(PFixture *f, DetectStats *st)
{
    Err e = ERR_INIT;
    if (pattern_detect(f->db, &ps, st, &e)) fail_msg("detect: %s", e.msg);
}

static void list(PFixture *f, Pattern **p, size_t *n)
{
    Err e = ERR_INIT;
    if (pattern_list(f->db, &ps, p, n, &e)) fail_msg("list: %s", e.msg);
}

static void load(PFixture *f, const char *level, long long unit, const char *period, Series *s)
{
    Err e = ERR_INIT;
    long long cat = db_int(f->db, &e, "SELECT id FROM event_categories WHERE name = 'Fall'", NULL, 0);
    SeriesKey k = {level, unit, cat, "deviations", period};
    if (series_load(f->db, &k, s, &e)) fail_msg("series_load: %s", e.msg);
}

static void test_iso_weeks(void **state)
{
    (void)state;
    char w[PATTERN_LABEL_MAX];
    /* 2020 began on a Wednesday of a leap year: 53 weeks; 2021 has 52 */
    assert_int_equal(pattern_week_weeks_in_year(2020), 53);
    assert_int_equal(pattern_week_weeks_in_year(2021), 52);
    assert_int_equal(pattern_week_weeks_in_year(2026), 53); /* begins on a Thursday */
    assert_true(pattern_week_number("2020-W53") >= 0);
    assert_int_equal(pattern_week_number("2021-W53"), -1);
    assert_int_equal(pattern_week_number("2021-W00"), -1);
    assert_int_equal(pattern_week_number("2021-05"), -1);
    assert_int_equal(pattern_week_number("2021-W01"), pattern_week_number("2020-W53") + 1);
    assert_int_equal(pattern_week_number("2025-W01"), pattern_week_number("2024-W52") + 1);
    static const char *const days[][2] = {
        {"2024-12-30", "2025-W01"}, /* a Monday in December, in the next year's first week */
        {"2021-01-03", "2020-W53"}, /* a Sunday in January, in the year before's last week */
        {"2021-01-04", "2021-W01"}, {"2020-12-31", "2020-W53"}, {"2026-01-01", "2026-W01"},
        {"2027-01-01", "2026-W53"}, {"2024-01-01", "2024-W01"}, {"2024-12-29", "2024-W52"},
    };
    for (size_t i = 0; i < sizeof days / sizeof *days; i++) {
        pattern_week_label(pattern_week_of_date(days[i][0]), w);
        if (strcmp(w, days[i][1])) fail_msg("%s: %s, want %s", days[i][0], w, days[i][1]);
    }
    /* labels and numbers round-trip, week after week, over twelve years */
    int n = pattern_week_number("2015-W01");
    for (int i = 0; i < 12 * 53; i++) {
        pattern_week_label(n + i, w);
        assert_int_equal(pattern_week_number(w), n + i);
    }
    SeriesPeriod p;
    assert_true(series_period_parse("vecka", &p) && p == SERIES_WEEK);
    assert_true(series_period_parse(NULL, &p) && p == SERIES_MONTH);
    assert_false(series_period_parse("dag", &p));
}

static void test_weekly_enough(void **state)
{
    (void)state;
    double c[52];
    for (int i = 0; i < 52; i++) c[i] = i % 2; /* 26 events in 52 weeks: half a week */
    assert_false(pattern_weekly_enough(c, 52));
    for (int i = 0; i < 52; i++) c[i] = 1; /* one a week */
    assert_true(pattern_weekly_enough(c, 52));
    c[0] = 0;
    assert_false(pattern_weekly_enough(c, 52));
    double few[4] = {1, 1, 1, 1}; /* one a week, but fewer than five events */
    assert_false(pattern_weekly_enough(few, 4));
}

/* The cluster is one pattern, per week, naming the monthly rule. */
static void test_cluster_is_one_weekly_pattern(void **state)
{
    PFixture *f = *state;
    DetectStats st;
    detect(f, &st);
    assert_int_equal(st.weeks, 52);
    assert_true(st.judged_weekly >= 3); /* the unit, its förvaltning, the region */
    assert_int_equal(st.merged, 3);     /* each of them signals per month and per week */
    assert_int_equal(st.patterns, 1);   /* the roll-ups give way to the unit */
    Pattern *p;
    size_t n;
    list(f, &p, &n);
    long a;
    assert_int_equal(pf_patterns_of(p, n, "Akutkliniken", "Fall", &a), 1);
    assert_string_equal(p[a].period, "week");
    assert_string_equal(p[a].chart, "c");
    assert_string_equal(p[a].rule, "over_ucl");
    assert_string_equal(p[a].since_period, "2024-W50");
    assert_string_equal(p[a].signal_periods, "2024-W50");
    assert_string_equal(p[a].first_period, "2024-W01");
    assert_string_equal(p[a].last_period, "2024-W52");
    assert_int_equal(p[a].events, 22); /* 18 + 2 + 2 */
    assert_string_equal(p[a].also_period, "month");
    assert_string_equal(p[a].also_rule, "over_ucl");
    assert_true(p[a].also_strength > 0 && p[a].also_strength < p[a].strength);
    assert_true(fabs(p[a].ucl - (120.0 / 52 + 3 * sqrt(120.0 / 52))) < 1e-9);
    json_t *j = pattern_to_json(&p[a]);
    assert_string_equal(json_string_value(json_object_get(j, "period_label")), "per vecka");
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "also"), "period")), "month");
    json_decref(j);
    /* the events behind it are those of weeks 50–52 */
    PatternEvent *ev;
    size_t nev;
    Err e = ERR_INIT;
    assert_int_equal(pattern_events(f->db, &p[a], &ev, &nev, &e), ERR_OK);
    assert_int_equal(nev, 22);
    assert_string_equal(ev[0].date, "2024-12-10");
    assert_string_equal(ev[nev - 1].date, "2024-12-26");
    pattern_events_free(ev, nev);
    pattern_list_free(p, n);
}

static void test_weekly_and_monthly_charts(void **state)
{
    PFixture *f = *state;
    Series w, m;
    load(f, "unit", f->unit[0], "week", &w);
    assert_non_null(strstr(w.title, "Fall – Akutkliniken (avvikelser per vecka)"));
    assert_int_equal(w.period, SERIES_WEEK);
    assert_int_equal(w.n, 52);
    assert_string_equal(w.labels[49], "2024-W50");
    assert_true(w.counts[49] == 18 && w.counts[0] == 2);
    assert_true(w.judged);
    assert_null(w.denom); /* weekly series are counts */
    assert_int_equal(w.j.rule, RULE_OVER_UCL);
    load(f, "unit", f->unit[0], "month", &m);
    assert_int_equal(m.n, 12);
    assert_true(m.counts[11] == 24);
    assert_int_equal(m.j.rule, RULE_OVER_UCL);
    assert_true(m.j.strength < w.j.strength);
    series_free(&w);
    series_free(&m);
    /* an unknown period is refused */
    SeriesKey k = {"unit", f->unit[0], 1, "deviations", "dag"};
    Err e = ERR_INIT;
    assert_int_equal(series_load(f->db, &k, &w, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "okänd period 'dag'"));
}

/* A case on the weekly pattern holds the series: the monthly one is not proposed instead. */
static void test_case_holds_both_periods(void **state)
{
    PFixture *f = *state;
    detect(f, NULL);
    Pattern *p;
    size_t n;
    list(f, &p, &n);
    long a;
    assert_int_equal(pf_patterns_of(p, n, "Akutkliniken", "Fall", &a), 1);
    long long pid = p[a].id;
    pattern_list_free(p, n);
    long long cid = 0;
    Err e = ERR_INIT;
    assert_int_equal(pattern_to_case(f->db, &ps, &f->anna, pid, &cid, &e), ERR_OK);
    Case c;
    assert_int_equal(case_get(f->db, cid, &c, &e), ERR_OK);
    assert_non_null(strstr(c.description, "per vecka 2024-W01 – 2024-W52"));
    assert_non_null(strstr(c.description, "Serien per månad signalerar också"));
    assert_non_null(strstr(c.description, "Antal per vecka:"));
    case_free(&c);
    DetectStats st;
    detect(f, &st);
    assert_int_equal(st.kept, 1);
    assert_int_equal(st.patterns, 0);
    list(f, &p, &n);
    assert_int_equal(pf_patterns_of(p, n, "Akutkliniken", "Fall", &a), 1);
    assert_int_equal(p[a].case_id, cid);
    assert_string_equal(p[a].period, "week");
    pattern_list_free(p, n);
}

/* Freeze and split are set in months; the weekly chart takes them over. */
static void test_settings_in_weeks(void **state)
{
    PFixture *f = *state;
    Err e = ERR_INIT;
    long long cat = db_int(f->db, &e, "SELECT id FROM event_categories WHERE name = 'Fall'", NULL, 0);
    SeriesKey k = {"unit", f->unit[0], cat, "deviations", NULL};
    /* January–March frozen: the weeks that end by Sunday 31 March, W01–W13, two falls each */
    assert_int_equal(series_set(f->db, &f->anna, &k, 3, NULL, &e), ERR_OK);
    Series w;
    load(f, "unit", f->unit[0], "week", &w);
    assert_true(w.judged);
    for (size_t i = 0; i < w.j.shewhart.n; i++) assert_true(w.j.shewhart.points[i].cl == 2.0);
    series_free(&w);
    /* split at July: from 2024-W27, the first week that begins in July (Monday 1 July) */
    assert_int_equal(series_set(f->db, &f->anna, &k, 0, "2024-07", &e), ERR_OK);
    load(f, "unit", f->unit[0], "week", &w);
    assert_true(w.judged);
    assert_string_equal(w.labels[w.j.first], "2024-W27");
    series_free(&w);
    /* an annotation is drawn at its week on the weekly chart, at its month on the monthly one */
    assert_int_equal(series_annotate(f->db, &f->anna, &k, "2024-12-10", "Ny golvbeläggning", NULL, &e), ERR_OK);
    load(f, "unit", f->unit[0], "week", &w);
    assert_int_equal(w.nnotes, 1);
    assert_string_equal(w.notes[0].on, "2024-W50");
    series_free(&w);
    load(f, "unit", f->unit[0], "month", &w);
    assert_string_equal(w.notes[0].on, "2024-12");
    series_free(&w);
    /* a week as the date, as a weekly chart shows it: kept as its Monday */
    assert_int_equal(series_annotate(f->db, &f->anna, &k, "2024-W27", "Nytt larmsystem", NULL, &e), ERR_OK);
    assert_int_equal(series_annotate(f->db, &f->anna, &k, "2024-W53", "x", NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "en vecka (ÅÅÅÅ-Wnn)"));
    load(f, "unit", f->unit[0], "week", &w);
    assert_int_equal(w.nnotes, 2);
    assert_string_equal(w.notes[0].date, "2024-07-01");
    assert_string_equal(w.notes[0].on, "2024-W27");
    series_free(&w);
}

/* Under one event a week the weekly series is not judged, and says why. */
static void test_sparse_weekly_series_not_judged(void **state)
{
    PFixture *f = *state;
    const char *dates[12];
    char buf[12][11];
    for (int i = 0; i < 12; i++) {
        pf_day(i * 30, buf[i], NULL);
        dates[i] = buf[i];
    }
    pf_events(f, 1, "Läkemedel", dates, 12);
    Err e = ERR_INIT;
    long long cat = db_int(f->db, &e, "SELECT id FROM event_categories WHERE name = 'Läkemedel'", NULL, 0);
    SeriesKey k = {"unit", f->unit[1], cat, "deviations", "week"};
    Series s;
    assert_int_equal(series_load(f->db, &k, &s, &e), ERR_OK);
    assert_false(s.judged);
    assert_non_null(strstr(s.not_judged, "färre än en händelse per vecka"));
    series_free(&s);
    k.period = "month";
    assert_int_equal(series_load(f->db, &k, &s, &e), ERR_OK);
    assert_true(s.judged);
    series_free(&s);
}

/* A rare series (most months without an event) is a g chart of the days between events; the
 * dates detection reads in its one scan are the dates the chart page reads by query. */
static void test_rare_series_dates(void **state)
{
    PFixture *f = *state;
    /* seven months of twelve without an event; 20–82 days between events, then one a day in December:
     * the gaps' run chart has one crossing of its median where 11 useful points expect at least two */
    static const char *const dates[] = {"2024-01-05", "2024-01-25", "2024-03-10", "2024-03-30", "2024-06-05",
                                        "2024-06-28", "2024-09-10", "2024-12-01", "2024-12-02", "2024-12-03",
                                        "2024-12-04", "2024-12-05", "2024-12-06", "2024-12-07"};
    pf_events(f, 2, "Trycksår", dates, 14);
    DetectStats st;
    detect(f, &st);
    Pattern *p;
    size_t n;
    list(f, &p, &n);
    long a;
    assert_int_equal(pf_patterns_of(p, n, "Hudkliniken", "Trycksår", &a), 1);
    assert_string_equal(p[a].chart, "g");
    assert_string_equal(p[a].rule, "short_gaps");
    assert_string_equal(p[a].period, "month");
    Err e = ERR_INIT;
    long long cat = db_int(f->db, &e, "SELECT id FROM event_categories WHERE name = 'Trycksår'", NULL, 0);
    SeriesKey k = {"unit", f->unit[2], cat, "deviations", "month"};
    Series s;
    assert_int_equal(series_load(f->db, &k, &s, &e), ERR_OK);
    assert_int_equal(s.j.chart, SPC_G);
    assert_int_equal(s.ndates, 14);
    assert_true(fabs(s.j.strength - p[a].strength) < 1e-9);
    assert_string_equal(p[a].signal_periods, "2024-12-02,2024-12-03,2024-12-04,2024-12-05,2024-12-06,2024-12-07");
    assert_string_equal(p[a].since_period, "2024-12");
    assert_int_equal(p[a].events, 7);
    series_free(&s);
    pattern_list_free(p, n);
}

/* One judged series of 26 points around 4 a period (c̄ ≈ 4.3–4.6, UCL ≈
 * 10.5–11) with `spikes` put into the recent points; weekly or monthly
 * labels. Returns the rule that fired. */
static PatternRule judge_spiked(bool weekly, const double *spikes, size_t nspikes)
{
    static const double base[4] = {3, 5, 4, 4};
    char buf[26][24];
    const char *labels[26];
    double c[26];
    for (int i = 0; i < 26; i++) {
        if (weekly) snprintf(buf[i], sizeof buf[i], "2026-W%02d", i + 1);
        else snprintf(buf[i], sizeof buf[i], "%04d-%02d", 2024 + i / 12, i % 12 + 1);
        labels[i] = buf[i];
        c[i] = base[i % 4];
    }
    for (size_t k = 0; k < nspikes; k++) c[23 - 2 * k] = spikes[k];
    Judgement j;
    Err e = ERR_INIT;
    if (pattern_judge(labels, c, NULL, 26, NULL, 0, NULL, &j, &e)) fail_msg("pattern_judge: %s", e.msg);
    PatternRule rule = j.rule;
    judgement_free(&j);
    return rule;
}

/* A weekly series has four times the points of a monthly one, so one week
 * just over the upper limit is no pattern on its own (pattern_judge.c,
 * WEEKLY SERIES); one far beyond it, or two over it, are. A month just over
 * the limit still is. */
static void test_lone_week_over_the_limit(void **state)
{
    (void)state;
    const double just_over[] = {11}, far_over[] = {13}, two_over[] = {12, 12};
    assert_int_equal(judge_spiked(true, just_over, 1), RULE_NONE);
    assert_int_equal(judge_spiked(true, far_over, 1), RULE_OVER_UCL);
    assert_int_equal(judge_spiked(true, two_over, 2), RULE_OVER_UCL);
    assert_int_equal(judge_spiked(false, just_over, 1), RULE_OVER_UCL);
    assert_int_equal(judge_spiked(true, NULL, 0), RULE_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso_weeks),
        cmocka_unit_test(test_weekly_enough),
        cmocka_unit_test(test_lone_week_over_the_limit),
        cmocka_unit_test_setup_teardown(test_cluster_is_one_weekly_pattern, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weekly_and_monthly_charts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_case_holds_both_periods, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settings_in_weeks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sparse_weekly_series_not_judged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rare_series_dates, setup, teardown),
    };
    return cmocka_run_group_tests(tests, pf_group_setup, pf_group_teardown);
}
