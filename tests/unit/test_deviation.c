/*
 * test_deviation.c — deviations and complaints (core/deviation_*.c,
 * core/complaint*.c): registering with validation, the personal-number guard
 * in every field (valid numbers refused naming the field; an invalid check
 * digit and look-alikes such as phone and reference numbers accepted), list
 * filters and paging, ISO weeks, händelseanalys, Lex Maria, status and
 * feedback, and the demo year with its two planted patterns judged by the
 * SPC module. A real SQLite file in a fresh temporary directory per test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pnr.h"
#include "base/text.h"
#include "core/deviation.h"
#include "core/org.h"
#include "core/spc.h"
#include "testdb.h"

typedef struct {
    TestDb *t;
    Db *db;
    Actor anna;  /* handläggare */
    Actor maria; /* läsare */
    long long ortopedi, mottagning, kirurgi;
} Fixture;

static int group_setup(void **state)
{
    (void)state;
    setenv("LOTS_FAST_HASH", "1", 1);
    return account_init() ? 0 : -1;
}

static long long add_unit(Db *db, long long parent, const char *kind, const char *name, const char *short_name)
{
    UnitNew in = {parent, kind, name, short_name, NULL, NULL};
    long long id = 0;
    Err e = ERR_INIT;
    if (unit_add(db, &in, &id, &e)) fail_msg("unit_add %s: %s", name, e.msg);
    return id;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->t = testdb_open("deviation"))) return -1;
    f->db = f->t->db;
    testdb_add_actor(f->db, "anna.berg", "Anna Berg", ROLE_HANDLAGGARE, &f->anna);
    testdb_add_actor(f->db, "maria.holm", "Maria Holm", ROLE_LASARE, &f->maria);
    long long region = add_unit(f->db, 0, "region", "Region Örebro län", "RÖL");
    long long hsf = add_unit(f->db, region, "förvaltning", "Hälso- och sjukvårdsförvaltningen", "HSF");
    long long uso = add_unit(f->db, hsf, "område", "Universitetssjukhuset Örebro", "USÖ");
    f->ortopedi = add_unit(f->db, uso, "verksamhet", "Ortopedi", NULL);
    f->mottagning = add_unit(f->db, f->ortopedi, "enhet", "Ortopedmottagningen", NULL);
    f->kirurgi = add_unit(f->db, uso, "verksamhet", "Kirurgi", NULL);
    *state = f;
    return 0;
}

static int setup_empty(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->t = testdb_open("deviation-demo"))) return -1;
    f->db = f->t->db;
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

/* --- helpers ---------------------------------------------------------------------------------- */

static long long count(Db *db, const char *sql)
{
    Err e = ERR_INIT;
    long long n = db_int(db, &e, sql, NULL, -1);
    assert_int_equal(e.code, ERR_OK);
    return n;
}

/* A valid personnummer for a date: YYMMDD-NNN plus the Luhn check digit. */
static void make_pnr(const char *yymmdd, const char *nnn, char out[12], bool wrong_check)
{
    char digits[10];
    memcpy(digits, yymmdd, 6);
    memcpy(digits + 6, nnn, 3);
    int sum = 0;
    for (int i = 0; i < 9; i++) {
        int v = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += v > 9 ? v - 9 : v;
    }
    int check = (10 - sum % 10) % 10;
    if (wrong_check) check = (check + 1) % 10;
    snprintf(out, 12, "%.6s-%.3s%d", yymmdd, nnn, check);
}

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

/* Numbers that look like a personnummer but are not one. */
static const char *const look_alikes[] = {
    "Ring avdelningen på 019-602 10 00 eller 070-123 45 67.",
    "Se ärende RS 2023-01756 och avvikelse AVV-2026-012345.",
    "Inventarienummer 20260305-12 och lot 4711.",
    "Tid 2026-03-05 14:30, sal 12.",
};

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
    assert_int_equal(complaint_update(f->db, &f->anna, id, "avslutat", "2026-04-20", &e), ERR_OK);
    assert_int_equal(complaint_get(f->db, id, &c, &e), ERR_OK);
    assert_string_equal(c.closed_date, "2026-04-20");
    complaint_free(&c);
    assert_int_equal(complaint_update(f->db, &f->anna, id, "under utredning", NULL, &e), ERR_OK);
    assert_int_equal(complaint_get(f->db, id, &c, &e), ERR_OK);
    assert_string_equal(c.closed_date, "");
    complaint_free(&c);
    assert_int_equal(complaint_update(f->db, &f->anna, id, "avslutat", "2026-01-01", &e), ERR_INVALID);
    assert_int_equal(complaint_update(f->db, &f->anna, 999, "avslutat", NULL, &e), ERR_NOTFOUND);
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
        cmocka_unit_test_setup_teardown(test_add_and_get, setup, teardown),
        cmocka_unit_test(test_words_in_any_form),
        cmocka_unit_test(test_iso_weeks),
        cmocka_unit_test_setup_teardown(test_add_validates_and_names_the_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pnr_refused_in_every_deviation_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pnr_refused_in_every_complaint_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_filters_and_paging, setup, teardown),
        cmocka_unit_test_setup_teardown(test_status_and_feedback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_event_analysis, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lex_maria, setup, teardown),
        cmocka_unit_test_setup_teardown(test_complaints, setup, teardown),
        cmocka_unit_test_setup_teardown(test_demo_year_with_planted_patterns, setup_empty, teardown),
        cmocka_unit_test_setup_teardown(test_demo_is_deterministic, setup_empty, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
