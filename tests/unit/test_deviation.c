/*
 * test_deviation.c — deviations (core/deviation_*.c): registering with
 * validation, the personal-number guard in every field (valid numbers
 * refused naming the field; an invalid check digit and look-alikes such as
 * phone and reference numbers accepted), list filters and paging, ISO weeks,
 * status and feedback, händelseanalys and Lex Maria. A real SQLite file in a
 * fresh temporary directory per test. Complaints and the demo year are in
 * test_complaint.c; the fixture is deviation_fixture.h.
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
#include "deviation_fixture.h"

/* --- helpers ---------------------------------------------------------------------------------- */

/* A deviation with every required field filled in, for the tests to vary. */
static DeviationNew base_deviation(const char *ref)
{
    DeviationNew in = {0};
    in.v[DF_REF] = ref;
    in.v[DF_EVENT_DATE] = "2026-03-05";
    in.v[DF_REPORTED_DATE] = "2026-03-06";
    in.v[DF_UNIT] = "Ortopedi";
    in.v[DF_CATEGORY] = "Fall";
    in.v[DF_SEVERITY] = "2";
    in.v[DF_DESCRIPTION] = "Patienten föll vid förflyttning.";
    return in;
}

static long long add_ok(Fixture *f, const DeviationNew *in)
{
    long long id = 0;
    Err e = ERR_INIT;
    if (deviation_add(f->db, &f->anna, in, &id, &e)) fail_msg("deviation_add %s: %s", in->v[DF_REF], e.msg);
    return id;
}

/* --- registering -------------------------------------------------------------------------------- */

static void test_add_and_get(void **state)
{
    Fixture *f = *state;
    DeviationNew in = base_deviation("AVV-2026-00001");
    in.v[DF_SUBCATEGORY] = "Fall vid förflyttning";
    in.v[DF_IMMEDIATE_ACTION] = "Tillsyn av läkare.";
    long long id = add_ok(f, &in);
    Deviation d;
    Err e = ERR_INIT;
    assert_int_equal(deviation_get(f->db, id, &d, &e), ERR_OK);
    assert_string_equal(d.ref, "AVV-2026-00001");
    assert_string_equal(d.kind, "vård"); /* the default */
    assert_string_equal(d.status, "registrerad");
    assert_string_equal(d.unit_name, "Ortopedi");
    assert_string_equal(d.category, "Fall");
    assert_string_equal(d.subcategory, "Fall vid förflyttning");
    assert_int_equal(d.severity, 2);
    assert_string_equal(severity_label(d.severity), "måttlig");
    assert_false(d.serious);
    assert_string_equal(d.entered_via, "manual");
    assert_int_equal(d.import_id, 0);
    deviation_free(&d);
    /* by reference too */
    assert_int_equal(deviation_find(f->db, "AVV-2026-00001", &d, &e), ERR_OK);
    assert_int_equal(d.id, id);
    deviation_free(&d);
    assert_int_equal(deviation_find(f->db, "AVV-9", &d, &e), ERR_NOTFOUND);
    /* week and month for the pattern counts, written beside the date */
    assert_int_equal(count(f->db, "SELECT count(*) FROM deviations WHERE event_week = '2026-W10' AND event_month = '2026-03'"), 1);
    /* the category is one row whatever its case */
    DeviationNew again = base_deviation("AVV-2026-00002");
    again.v[DF_CATEGORY] = "  FALL ";
    add_ok(f, &again);
    assert_int_equal(count(f->db, "SELECT count(*) FROM event_categories"), 1);
    /* the unit by short name of its parent's tree or by id */
    DeviationNew by_id = base_deviation("AVV-2026-00003");
    char unit[24];
    snprintf(unit, sizeof unit, "%lld", f->kirurgi);
    by_id.v[DF_UNIT] = unit;
    id = add_ok(f, &by_id);
    assert_int_equal(deviation_get(f->db, id, &d, &e), ERR_OK);
    assert_string_equal(d.unit_name, "Kirurgi");
    deviation_free(&d);
}

static void test_words_in_any_form(void **state)
{
    (void)state;
    assert_string_equal(deviation_kind_parse("Vårdrelaterad"), "vård");
    assert_string_equal(deviation_kind_parse("vard"), "vård");
    assert_string_equal(deviation_kind_parse("TILLBUD"), "tillbud");
    assert_string_equal(deviation_kind_parse("arbetsrelaterad"), "arbetsrelaterad");
    assert_null(deviation_kind_parse("olycka"));
    assert_string_equal(deviation_status_parse("Under_utredning"), "under utredning");
    assert_string_equal(deviation_status_parse("atgardad"), "åtgärdad");
    assert_string_equal(complaint_source_parse("patientnämnden"), "Patientnämnden");
    assert_string_equal(complaint_source_parse("ivo"), "IVO");
    assert_string_equal(complaint_source_parse("Närstående"), "närstående");
    assert_null(complaint_source_parse("granne"));
    assert_int_equal(severity_parse("3"), 3);
    assert_int_equal(severity_parse("3,0"), 3);
    assert_int_equal(severity_parse("Katastrofal"), 4);
    assert_int_equal(severity_parse("mindre allvarlig"), 1);
    assert_int_equal(severity_parse("5"), 0);
    assert_int_equal(severity_parse("2,5"), 0);
    assert_int_equal(yes_no_parse("Ja"), 1);
    assert_int_equal(yes_no_parse(""), 0);
    assert_int_equal(yes_no_parse("kanske"), -1);
}

static void test_iso_weeks(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"2026-01-01", "2026-W01"}, /* a Thursday: week 1 */
        {"2025-12-29", "2026-W01"}, /* the Monday of that week, in the year before */
        {"2027-01-01", "2026-W53"}, /* a Friday: the last week of 2026 */
        {"2024-12-30", "2025-W01"},
        {"2021-01-03", "2020-W53"},
        {"2026-03-05", "2026-W10"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char w[9];
        iso_week_of(cases[i][0], w);
        assert_string_equal(w, cases[i][1]);
    }
    char m[8];
    month_of("2026-03-05", m);
    assert_string_equal(m, "2026-03");
}

static void expect_refusal(Fixture *f, const DeviationNew *in, ErrCode code, const char *fragment)
{
    Err e = ERR_INIT;
    long long before = count(f->db, "SELECT count(*) FROM deviations");
    assert_int_equal(deviation_add(f->db, &f->anna, in, NULL, &e), code);
    if (!strstr(e.msg, fragment)) fail_msg("'%s' not in '%s'", fragment, e.msg);
    assert_int_equal(count(f->db, "SELECT count(*) FROM deviations"), before);
}

static void test_add_validates_and_names_the_field(void **state)
{
    Fixture *f = *state;
    /* every required field, by its Swedish label */
    static const struct {
        DeviationField field;
        const char *label;
    } required[] = {{DF_REF, "Referens"},        {DF_EVENT_DATE, "Händelsedatum"}, {DF_UNIT, "Enhet"},
                    {DF_CATEGORY, "Kategori"},   {DF_SEVERITY, "Allvarlighetsgrad"},
                    {DF_DESCRIPTION, "Beskrivning"}};
    for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
        DeviationNew in = base_deviation("AVV-1");
        in.v[required[i].field] = "  ";
        char want[64];
        snprintf(want, sizeof want, "%s måste fyllas i", required[i].label);
        expect_refusal(f, &in, ERR_INVALID, want);
    }
    /* the caller's labels: how the API names its fields */
    DeviationNew in = base_deviation("AVV-1");
    in.v[DF_DESCRIPTION] = NULL;
    in.labels[DF_DESCRIPTION] = "Fältet 'description'";
    expect_refusal(f, &in, ERR_INVALID, "Fältet 'description' måste fyllas i");
    in = base_deviation("AVV-1");
    in.v[DF_UNIT] = "Ortopedavd 3";
    in.labels[DF_UNIT] = "Fältet 'unit'";
    expect_refusal(f, &in, ERR_INVALID, "Fältet 'unit': okänd enhet 'Ortopedavd 3'");
    in = base_deviation("AVV-1");
    in.v[DF_EVENT_DATE] = "2026-02-30";
    expect_refusal(f, &in, ERR_INVALID, "Händelsedatum: '2026-02-30' är inte ett datum");
    in = base_deviation("AVV-1");
    in.v[DF_EVENT_DATE] = "2999-01-01";
    in.v[DF_REPORTED_DATE] = NULL;
    expect_refusal(f, &in, ERR_INVALID, "ligger i framtiden");
    in = base_deviation("AVV-1");
    in.v[DF_REPORTED_DATE] = "2026-03-01";
    expect_refusal(f, &in, ERR_INVALID, "Rapporterad: 2026-03-01 är före händelsedatumet 2026-03-05");
    in = base_deviation("AVV-1");
    in.v[DF_SEVERITY] = "5";
    expect_refusal(f, &in, ERR_INVALID, "okänd allvarlighetsgrad '5'");
    in = base_deviation("AVV-1");
    in.v[DF_KIND] = "olycka";
    expect_refusal(f, &in, ERR_INVALID, "Typ: okänd typ 'olycka'");
    in = base_deviation("AVV-1");
    in.v[DF_STATUS] = "pågår";
    expect_refusal(f, &in, ERR_INVALID, "okänd status 'pågår'");
    in = base_deviation("AVV-1");
    in.v[DF_SERIOUS] = "kanske";
    expect_refusal(f, &in, ERR_INVALID, "ska vara ja eller nej");
    /* closing at once needs feedback to the reporter */
    in = base_deviation("AVV-1");
    in.v[DF_STATUS] = "avslutad";
    expect_refusal(f, &in, ERR_INVALID, "Återkoppling måste fyllas i");
    in.v[DF_FEEDBACK] = "Återkopplat på APT.";
    add_ok(f, &in);
    /* the reference is the key */
    expect_refusal(f, &in, ERR_CONFLICT, "finns redan");
    /* a läsare may not register */
    Err e = ERR_INIT;
    in = base_deviation("AVV-2");
    assert_int_equal(deviation_add(f->db, &f->maria, &in, NULL, &e), ERR_FORBIDDEN);
    assert_int_equal(count(f->db, "SELECT count(*) FROM deviations"), 1);
}

static void test_pnr_refused_in_every_deviation_field(void **state)
{
    Fixture *f = *state;
    char valid[12], century[16], coordination[12], invalid[12];
    make_pnr("800101", "123", valid, false);
    snprintf(century, sizeof century, "19%.6s%.4s", valid, valid + 7); /* 198001011234: no separator, century */
    make_pnr("800161", "234", coordination, false);                     /* samordningsnummer: day + 60 */
    make_pnr("800101", "123", invalid, true);
    assert_true(pnr_find(valid, NULL) && pnr_find(century, NULL) && pnr_find(coordination, NULL));
    assert_false(pnr_find(invalid, NULL));
    const char *numbers[] = {valid, century, coordination};
    for (int field = 0; field < DF_N; field++) {
        for (size_t k = 0; k < 3; k++) {
            DeviationNew in = base_deviation("AVV-PNR");
            char text[128];
            snprintf(text, sizeof text, "Gäller %s enligt journalen", numbers[k]);
            in.v[field] = text;
            char label[64];
            snprintf(label, sizeof label, "Fältet '%s'", deviation_fields[field].key);
            in.labels[field] = label;
            char want[96];
            snprintf(want, sizeof want, "%s innehåller ett personnummer", label);
            expect_refusal(f, &in, ERR_INVALID, want);
        }
    }
    /* an invalid check digit and the look-alikes pass where free text goes */
    static const DeviationField texts[] = {DF_REF, DF_CATEGORY, DF_SUBCATEGORY, DF_DESCRIPTION, DF_IMMEDIATE_ACTION,
                                           DF_FEEDBACK};
    char ref[32], with_invalid[64];
    snprintf(with_invalid, sizeof with_invalid, "Nummer %s", invalid);
    int n = 0;
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        const char *samples[] = {with_invalid, look_alikes[0], look_alikes[1], look_alikes[2], look_alikes[3]};
        for (size_t s = 0; s < 5; s++) {
            assert_false(pnr_find(samples[s], NULL));
            DeviationNew in = base_deviation(NULL);
            snprintf(ref, sizeof ref, "AVV-OK-%d", ++n);
            in.v[DF_REF] = ref;
            if (texts[t] == DF_REF) {
                in.v[DF_REF] = samples[s];
            } else {
                in.v[texts[t]] = samples[s];
            }
            add_ok(f, &in);
        }
    }
    /* and the stored text never holds one */
    assert_int_equal(count(f->db, "SELECT count(*) FROM deviations"), n);
}

/* --- lists ------------------------------------------------------------------------------------------ */

static void add_listed(Fixture *f, const char *ref, const char *date, const char *unit, const char *category,
                       const char *kind, const char *status, const char *text)
{
    DeviationNew in = base_deviation(ref);
    in.v[DF_EVENT_DATE] = date;
    in.v[DF_REPORTED_DATE] = date;
    in.v[DF_UNIT] = unit;
    in.v[DF_CATEGORY] = category;
    in.v[DF_KIND] = kind;
    in.v[DF_STATUS] = status;
    in.v[DF_DESCRIPTION] = text;
    if (status && !strcmp(status, "avslutad")) in.v[DF_FEEDBACK] = "Återkopplat.";
    add_ok(f, &in);
}

static long long total(Fixture *f, DeviationFilter flt)
{
    DeviationList l;
    Err e = ERR_INIT;
    if (deviation_list(f->db, &flt, &l, &e)) fail_msg("deviation_list: %s", e.msg);
    long long t = l.total;
    deviation_list_free(&l);
    return t;
}

static void test_list_filters_and_paging(void **state)
{
    Fixture *f = *state;
    add_listed(f, "A1", "2026-01-10", "Ortopedi", "Fall", "vård", NULL, "Föll i korridoren.");
    add_listed(f, "A2", "2026-02-11", "Ortopedmottagningen", "Läkemedel", "tillbud", NULL, "Nästan fel dos.");
    add_listed(f, "A3", "2026-03-12", "Kirurgi", "Läkemedel", "vård", "avslutad", "Utebliven dos av antibiotika.");
    add_listed(f, "A4", "2026-04-13", "Kirurgi", "Fall", "patient", "under utredning", "Halkade i duschen.");
    add_listed(f, "A5", "2026-05-14", "Ortopedi", "Informationsöverföring", "vård", NULL, "Remissen kom bort.");

    assert_int_equal(total(f, (DeviationFilter){0}), 5);
    /* a unit with everything under it, by name or short name of an ancestor */
    assert_int_equal(total(f, (DeviationFilter){.unit = "Ortopedi"}), 3);
    assert_int_equal(total(f, (DeviationFilter){.unit = "Ortopedmottagningen"}), 1);
    assert_int_equal(total(f, (DeviationFilter){.unit = "USÖ"}), 5);
    assert_int_equal(total(f, (DeviationFilter){.category = "läkemedel"}), 2);
    assert_int_equal(total(f, (DeviationFilter){.category = "Läkemedel", .unit = "Kirurgi"}), 1);
    assert_int_equal(total(f, (DeviationFilter){.kind = "Tillbud"}), 1);
    assert_int_equal(total(f, (DeviationFilter){.status = "avslutad"}), 1);
    assert_int_equal(total(f, (DeviationFilter){.status = "registrerad"}), 3);
    assert_int_equal(total(f, (DeviationFilter){.from = "2026-02-11", .to = "2026-04-13"}), 3);
    assert_int_equal(total(f, (DeviationFilter){.q = "DOS"}), 2);
    assert_int_equal(total(f, (DeviationFilter){.q = "50%"}), 0); /* LIKE wildcards are text */
    /* newest event first, paged, total counts all */
    DeviationList l;
    Err e = ERR_INIT;
    assert_int_equal(deviation_list(f->db, &(DeviationFilter){.limit = 2, .offset = 1}, &l, &e), ERR_OK);
    assert_int_equal(l.total, 5);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.items[0].ref, "A4");
    assert_string_equal(l.items[1].ref, "A3");
    deviation_list_free(&l);
    /* bad filters are named */
    assert_int_equal(deviation_list(f->db, &(DeviationFilter){.unit = "Ortopedavd 3"}, &l, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "okänd enhet 'Ortopedavd 3'"));
    assert_int_equal(deviation_list(f->db, &(DeviationFilter){.kind = "olycka"}, &l, &e), ERR_INVALID);
    assert_int_equal(deviation_list(f->db, &(DeviationFilter){.from = "2026-13-01"}, &l, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Filtret från"));
    /* serious */
    assert_int_equal(deviation_set_serious(f->db, &f->anna, 4, true, &e), ERR_OK);
    assert_int_equal(total(f, (DeviationFilter){.serious = 1}), 1);
    assert_int_equal(total(f, (DeviationFilter){.serious = -1}), 4);
    assert_int_equal(deviation_set_serious(f->db, &f->maria, 4, false, &e), ERR_FORBIDDEN);
    assert_int_equal(deviation_set_serious(f->db, &f->anna, 99, true, &e), ERR_NOTFOUND);
}

/* --- working a deviation ------------------------------------------------------------------------------ */

static void test_status_and_feedback(void **state)
{
    Fixture *f = *state;
    DeviationNew in = base_deviation("AVV-S");
    long long id = add_ok(f, &in);
    Err e = ERR_INIT;
    assert_int_equal(deviation_update(f->db, &f->anna, id, "avslutad", NULL, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "återkoppling"));
    assert_int_equal(deviation_update(f->db, &f->anna, id, "under utredning", NULL, &e), ERR_OK);
    assert_int_equal(deviation_update(f->db, &f->anna, id, "klar", NULL, &e), ERR_INVALID);
    char pnr[12], text[64];
    make_pnr("010203", "456", pnr, false);
    snprintf(text, sizeof text, "Ringde %s", pnr);
    assert_int_equal(deviation_update(f->db, &f->anna, id, NULL, text, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Återkoppling innehåller ett personnummer"));
    assert_int_equal(deviation_update(f->db, &f->anna, id, "avslutad", "Återkopplat vid samtal med rapportören.", &e), ERR_OK);
    assert_int_equal(deviation_update(f->db, &f->maria, id, "registrerad", NULL, &e), ERR_FORBIDDEN);
    Deviation d;
    assert_int_equal(deviation_get(f->db, id, &d, &e), ERR_OK);
    assert_string_equal(d.status, "avslutad");
    assert_string_equal(d.feedback, "Återkopplat vid samtal med rapportören.");
    deviation_free(&d);
    /* the feedback is searchable */
    assert_int_equal(total(f, (DeviationFilter){.q = "rapportören"}), 1);
}

static void test_event_analysis(void **state)
{
    Fixture *f = *state;
    DeviationNew in = base_deviation("AVV-H");
    in.v[DF_SEVERITY] = "4";
    long long id = add_ok(f, &in);
    AnalysisActionNew actions[] = {
        {"Fallriskbedömning vid inskrivning.", "Vårdenhetschef", "2026-12-31"},
        {"Se över nattbemanningen.", "Verksamhetschef", "2027-03-31"},
    };
    EventAnalysisNew a = {"2026-03-10", "2026-04-01", "Patienten föll nattetid.", "Larmet var inte inkopplat.",
                          "Kunde ha förebyggts.", actions, 2};
    long long aid = 0;
    Err e = ERR_INIT;
    assert_int_equal(deviation_add_analysis(f->db, &f->anna, id, &a, &aid, &e), ERR_OK);
    assert_true(aid > 0);
    DeviationDetail d;
    assert_int_equal(deviation_detail(f->db, id, &d, &e), ERR_OK);
    assert_int_equal(d.nanalyses, 1);
    assert_int_equal(d.d.analyses, 1);
    assert_string_equal(d.analyses[0].causes, "Larmet var inte inkopplat.");
    assert_string_equal(d.analyses[0].finished_on, "2026-04-01");
    assert_string_equal(d.analyses[0].created_by, "Anna Berg");
    assert_int_equal(d.analyses[0].nactions, 2);
    assert_string_equal(d.analyses[0].actions[1].owner, "Verksamhetschef");
    assert_string_equal(d.analyses[0].actions[1].due_date, "2027-03-31");
    assert_string_equal(d.analyses[0].actions[0].done_on, "");
    assert_null(d.lex_maria);
    json_t *j = deviation_detail_to_json(&d);
    assert_int_equal(json_array_size(json_object_get(json_array_get(json_object_get(j, "analyses"), 0), "actions")), 2);
    assert_true(json_is_null(json_object_get(j, "lex_maria")));
    json_decref(j);
    deviation_detail_free(&d);
    /* each action needs an owner and a due date; texts are guarded */
    actions[1].owner = " ";
    assert_int_equal(deviation_add_analysis(f->db, &f->anna, id, &a, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Åtgärd 2: ansvarig måste fyllas i"));
    actions[1].owner = "Verksamhetschef";
    actions[0].due_date = "snart";
    assert_int_equal(deviation_add_analysis(f->db, &f->anna, id, &a, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Åtgärd 1: klart senast"));
    actions[0].due_date = "2026-12-31";
    char pnr[12], causes[64];
    make_pnr("990909", "090", pnr, false);
    snprintf(causes, sizeof causes, "Patient %s", pnr);
    a.causes = causes;
    assert_int_equal(deviation_add_analysis(f->db, &f->anna, id, &a, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Orsaker innehåller ett personnummer"));
    a.causes = "Larmet var inte inkopplat.";
    a.finished_on = "2026-03-01";
    assert_int_equal(deviation_add_analysis(f->db, &f->anna, id, &a, NULL, &e), ERR_INVALID);
    assert_int_equal(deviation_add_analysis(f->db, &f->anna, 999, &a, NULL, &e), ERR_NOTFOUND);
    assert_int_equal(deviation_add_analysis(f->db, &f->maria, id, &a, NULL, &e), ERR_FORBIDDEN);
    assert_int_equal(count(f->db, "SELECT count(*) FROM event_analyses"), 1);
    assert_int_equal(count(f->db, "SELECT count(*) FROM event_analysis_actions"), 2);
}

static void test_lex_maria(void **state)
{
    Fixture *f = *state;
    DeviationNew in = base_deviation("AVV-LM");
    long long id = add_ok(f, &in);
    Err e = ERR_INIT;
    LexMariaNew lm = {"2026-03-01", "IVO 3.5.1-12345/2026", NULL};
    assert_int_equal(deviation_add_lex_maria(f->db, &f->anna, id, &lm, &e), ERR_INVALID); /* before the event */
    lm.sent_on = "2026-03-20";
    assert_int_equal(deviation_add_lex_maria(f->db, &f->maria, id, &lm, &e), ERR_FORBIDDEN);
    assert_int_equal(deviation_add_lex_maria(f->db, &f->anna, id, &lm, &e), ERR_OK);
    DeviationDetail d;
    assert_int_equal(deviation_detail(f->db, id, &d, &e), ERR_OK);
    assert_non_null(d.lex_maria);
    assert_string_equal(d.lex_maria->sent_on, "2026-03-20");
    assert_string_equal(d.lex_maria->ivo_ref, "IVO 3.5.1-12345/2026");
    assert_true(d.d.serious); /* a Lex Maria report is about a serious event */
    assert_true(d.d.lex_maria);
    deviation_detail_free(&d);
    assert_int_equal(deviation_add_lex_maria(f->db, &f->anna, id, &lm, &e), ERR_CONFLICT);
    /* and it stays serious */
    assert_int_equal(deviation_set_serious(f->db, &f->anna, id, false, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "Lex Maria"));
    assert_int_equal(count(f->db, "SELECT serious FROM deviations WHERE ref = 'AVV-LM'"), 1);
    /* work-related deviations go to Arbetsmiljöverket */
    DeviationNew work = base_deviation("AVV-AM");
    work.v[DF_KIND] = "arbetsrelaterad";
    long long wid = add_ok(f, &work);
    assert_int_equal(deviation_add_lex_maria(f->db, &f->anna, wid, &lm, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "Arbetsmiljöverket"));
    char pnr[12], ivo[32];
    make_pnr("700707", "707", pnr, false);
    snprintf(ivo, sizeof ivo, "IVO %s", pnr);
    DeviationNew other = base_deviation("AVV-LM2");
    long long oid = add_ok(f, &other);
    lm.ivo_ref = ivo;
    assert_int_equal(deviation_add_lex_maria(f->db, &f->anna, oid, &lm, &e), ERR_INVALID);
    assert_int_equal(count(f->db, "SELECT count(*) FROM lex_maria_reports"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_add_and_get, setup, teardown),
        cmocka_unit_test(test_words_in_any_form),
        cmocka_unit_test(test_iso_weeks),
        cmocka_unit_test_setup_teardown(test_add_validates_and_names_the_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pnr_refused_in_every_deviation_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_filters_and_paging, setup, teardown),
        cmocka_unit_test_setup_teardown(test_status_and_feedback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_event_analysis, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lex_maria, setup, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
