/*
 * test_deviation_import.c — the import of deviations and complaints from CSV
 * exports (core/deviation_import.c, deviation_csv.c, deviation_mapping.c):
 * mapping mistakes named with their line; a bad data line N named with its
 * number and reason while NOTHING is written; a re-import adds nothing twice;
 * Swedish Excel's semicolons and decimal commas, a UTF-8 BOM, quoted
 * separators and line breaks, CRLF, Windows-1252; date formats; fixed
 * values, ignored columns and translated values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/deviation.h"
#include "core/deviation_internal.h" /* the parsed mapping and date_convert */
#include "core/org.h"
#include "testdb.h"

typedef struct {
    TestDb *t;
    Db *db;
    Actor anna, maria;
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
    if (!f || !(f->t = testdb_open("devimport"))) return -1;
    f->db = f->t->db;
    testdb_add_actor(f->db, "anna.berg", "Anna Berg", ROLE_HANDLAGGARE, &f->anna);
    testdb_add_actor(f->db, "maria.holm", "Maria Holm", ROLE_LASARE, &f->maria);
    long long region = add_unit(f->db, 0, "region", "Region Örebro län", "RÖL");
    long long hsf = add_unit(f->db, region, "förvaltning", "Hälso- och sjukvårdsförvaltningen", "HSF");
    long long uso = add_unit(f->db, hsf, "område", "Universitetssjukhuset Örebro", "USÖ");
    add_unit(f->db, uso, "verksamhet", "Ortopedi", NULL);
    add_unit(f->db, uso, "verksamhet", "Kirurgi", NULL);
    add_unit(f->db, uso, "verksamhet", "Geriatrik", NULL);
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

static long long count(Db *db, const char *sql)
{
    Err e = ERR_INIT;
    long long n = db_int(db, &e, sql, NULL, -1);
    assert_int_equal(e.code, ERR_OK);
    return n;
}

static char *text_of(Db *db, const char *sql)
{
    Err e = ERR_INIT;
    char *s = db_text(db, &e, sql, NULL);
    if (!s) fail_msg("no row for %s (%s)", sql, e.msg);
    return s;
}

static ImportMapping *mapping(const char *text)
{
    ImportMapping *m = NULL;
    Err e = ERR_INIT;
    if (import_mapping_parse(text, strlen(text), &m, &e)) fail_msg("mapping: %s", e.msg);
    return m;
}

static ErrCode run(Fixture *f, const char *csv, const ImportMapping *m, ImportKind kind, ImportCounts *c, Err *e)
{
    ImportOptions opt = {kind, m, "export.csv", m ? "mappning.txt" : NULL};
    return deviation_import_csv(f->db, &f->anna, csv, strlen(csv), &opt, c, e);
}

static void import_ok(Fixture *f, const char *csv, const ImportMapping *m, ImportKind kind, ImportCounts *c)
{
    Err e = ERR_INIT;
    if (run(f, csv, m, kind, c, &e)) fail_msg("import: %s", e.msg);
}

/* Refused with the fragment in the message, and nothing written anywhere. */
static void refused(Fixture *f, const char *csv, const ImportMapping *m, ImportKind kind, const char *fragment)
{
    long long devs = count(f->db, "SELECT count(*) FROM deviations"),
              comps = count(f->db, "SELECT count(*) FROM complaints"),
              imports = count(f->db, "SELECT count(*) FROM imports"),
              cats = count(f->db, "SELECT count(*) FROM event_categories");
    ImportCounts c = {99, 99, 99, 99};
    Err e = ERR_INIT;
    assert_int_equal(run(f, csv, m, kind, &c, &e), ERR_INVALID);
    if (!strstr(e.msg, fragment)) fail_msg("'%s' not in '%s'", fragment, e.msg);
    assert_int_equal(c.added + c.existing + c.read, 0);
    assert_int_equal(count(f->db, "SELECT count(*) FROM deviations"), devs);
    assert_int_equal(count(f->db, "SELECT count(*) FROM complaints"), comps);
    assert_int_equal(count(f->db, "SELECT count(*) FROM imports"), imports);
    assert_int_equal(count(f->db, "SELECT count(*) FROM event_categories"), cats);
}

static void mapping_refused(const char *text, const char *fragment)
{
    ImportMapping *m = NULL;
    Err e = ERR_INIT;
    assert_int_equal(import_mapping_parse(text, strlen(text), &m, &e), ERR_INVALID);
    assert_null(m);
    if (!strstr(e.msg, fragment)) fail_msg("'%s' not in '%s'", fragment, e.msg);
}

/* --- the mapping ------------------------------------------------------------------------------------ */

static void test_mapping_mistakes_are_named_with_their_line(void **state)
{
    (void)state;
    mapping_refused("# MedControl\nref = Ärendenummer\nenhetx = Enhet\n", "mappningen rad 3: okänt fält 'enhetx'");
    mapping_refused("ref = Ärendenummer\n\nunit Enhet\n", "mappningen rad 3: '=' saknas");
    mapping_refused("ref = Nr\nunit = Enhet\nReferens = Löpnummer\n", "mappningen rad 3: fältet Referens mappas redan på rad 1");
    mapping_refused("datumformat = QQ-MM\n", "mappningen rad 1: okänt datumformat 'QQ-MM'");
    mapping_refused("ref = Nr\r\navgränsare = |\r\n", "mappningen rad 2: avgränsaren ska vara ; , eller tab");
    mapping_refused("teckenkodning = ebcdic\n", "mappningen rad 1: teckenkodningen");
    mapping_refused("import = ärenden\n", "mappningen rad 1: import ska vara avvikelser eller klagomål");
    mapping_refused("kind[Vård = vård\n", "mappningen rad 1: en översättning skrivs");
    mapping_refused("kind[] = vård\n", "mappningen rad 1: värdet inom [ ] är tomt");
    mapping_refused("kind[Vård] = vård\nKIND[vård] = patient\n", "mappningen rad 2: 'vård' för KIND översätts redan på rad 1");
    mapping_refused("ref =\n", "mappningen rad 1: kolumnrubriken för ref saknas");
    mapping_refused(" = Enhet\n", "mappningen rad 1: fältnamnet före '=' saknas");
    mapping_refused("\xff\xfe", "inte sparad som UTF-8");
}

static void test_mapping_parses(void **state)
{
    (void)state;
    ImportMapping *m = mapping("\xEF\xBB\xBF# Export från MedControl PRO\n"
                               "import = klagomål\n"
                               "datumformat = DD/MM/ÅÅÅÅ\n"
                               "avgränsare = tab\n"
                               "teckenkodning = windows-1252\n"
                               "ref = \"Ärende nr \"\n"
                               "Händelsedatum = Datum\n"
                               "source := Patientnämnden\n"
                               "status = -\n"
                               "source[Pn] = Patientnämnden\n"
                               "severity[Risk=hög] = 3\n");
    ImportKind k;
    assert_true(import_mapping_kind(m, &k));
    assert_int_equal(k, IMPORT_COMPLAINTS);
    assert_int_equal(m->nentries, 4);
    assert_string_equal(m->entries[0].value, "Ärende nr "); /* quotes keep the space */
    assert_int_equal(m->entries[0].line, 6);
    assert_int_equal(m->entries[2].how, MAP_FIXED);
    assert_int_equal(m->entries[3].how, MAP_IGNORE);
    assert_int_equal(m->ntranslations, 2);
    assert_string_equal(m->translations[1].from_key, "risk=hög");
    assert_string_equal(m->translations[1].to, "3");
    assert_string_equal(m->date_format, "DD/MM/ÅÅÅÅ");
    assert_int_equal(m->sep, '\t');
    assert_int_equal(m->charset, CHARSET_CP1252);
    import_mapping_free(m);
}

static void test_date_formats(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        {"ÅÅÅÅ-MM-DD", "2026-03-05", "2026-03-05"}, {"ÅÅÅÅ-MM-DD", "2026-03-05 14:30", "2026-03-05"},
        {"ÅÅÅÅ-MM-DD", "2026-03-05T14:30:00", "2026-03-05"}, {"DD/MM/ÅÅÅÅ", "05/03/2026", "2026-03-05"},
        {"DD/MM/ÅÅÅÅ", "5/3/2026", "2026-03-05"},    {"D.M.ÅÅÅÅ", "5.3.2026", "2026-03-05"},
        {"ÅÅÅÅMMDD", "20260305", "2026-03-05"},      {"YYYY/MM/DD", "2026/3/5", "2026-03-05"},
        {"MM/DD/YY", "03/05/26", "2026-03-05"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[11];
        if (!date_convert(cases[i][0], cases[i][1], out)) fail_msg("%s %s refused", cases[i][0], cases[i][1]);
        assert_string_equal(out, cases[i][2]);
    }
    char out[11];
    assert_false(date_convert("DD/MM/ÅÅÅÅ", "2026-03-05", out));
    assert_false(date_convert("DD/MM/ÅÅÅÅ", "31/02/2026", out));
    assert_false(date_convert("ÅÅÅÅMMDD", "2026035", out));
    assert_false(date_convert("ÅÅÅÅ-MM-DD", "2026-03-05x", out));
    assert_false(date_format_valid("DD/MM"));
    assert_false(date_format_valid("ÅÅÅÅ-MM-DD-DD"));
}

/* --- all or nothing ------------------------------------------------------------------------------------- */

static const char *const GOOD =
    "Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\n"
    "AVV-1;2026-03-01;Ortopedi;Fall;2;Föll vid förflyttning.\n"
    "AVV-2;2026-03-02;Kirurgi;Läkemedel;1;Fel dos.\n"
    "AVV-3;2026-03-03;Ortopedi;Läkemedel;3;Utebliven dos.\n";

static void test_a_bad_line_is_named_and_nothing_is_written(void **state)
{
    Fixture *f = *state;
    /* line 4 of the file: an unknown unit */
    refused(f,
            "Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\n"
            "AVV-1;2026-03-01;Ortopedi;Fall;2;Föll.\n"
            "AVV-2;2026-03-02;Kirurgi;Nyckelord;1;\"Två\nrader\"\n"
            "AVV-3;2026-03-03;Ortopedavd 3;Fall;2;Föll.\n",
            NULL, IMPORT_DEVIATIONS, "rad 5: okänd enhet 'Ortopedavd 3'");
    /* a personnummer in the description, named by the file's column */
    refused(f,
            "Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\n"
            "AVV-1;2026-03-01;Ortopedi;Fall;2;Föll.\n"
            "AVV-2;2026-03-02;Kirurgi;Fall;1;Föll.\n"
            "AVV-3;2026-03-02;Kirurgi;Fall;1;Föll.\n"
            "AVV-5;2026-03-02;Kirurgi;Fall;1;Patient 19121212-1212 föll.\n",
            NULL, IMPORT_DEVIATIONS, "rad 5: fältet Beskrivning innehåller ett personnummer");
    /* … in any column, even one that is a date */
    refused(f,
            "Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\n"
            "AVV-1;19121212-1212;Ortopedi;Fall;2;Föll.\n",
            NULL, IMPORT_DEVIATIONS, "rad 2: fältet Händelsedatum innehåller ett personnummer");
    refused(f, "Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\n"
               "AVV-1;2026-03-01;Ortopedi;Fall;;Föll.\n",
            NULL, IMPORT_DEVIATIONS, "rad 2: fältet Allvarlighetsgrad måste fyllas i");
    refused(f, "Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\n"
               "AVV-1;2026-03-01;Ortopedi;Fall;2;Föll.;extra\n",
            NULL, IMPORT_DEVIATIONS, "rad 2: 7 fält men rubrikraden har 6 kolumner");
    /* empty trailing fields are no extra columns */
    ImportCounts trailing;
    import_ok(f, "Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\n"
                 "AVV-T;2026-03-01;Ortopedi;Fall;2;Föll.;;\n",
              NULL, IMPORT_DEVIATIONS, &trailing);
    assert_int_equal(trailing.added, 1);
    Err e = ERR_INIT;
    assert_int_equal(db_exec(f->db, &e, "DELETE FROM deviations", NULL), ERR_OK); /* back to empty for the rest */
    assert_int_equal(db_exec(f->db, &e, "DELETE FROM imports", NULL), ERR_OK);
    assert_int_equal(db_exec(f->db, &e, "DELETE FROM event_categories", NULL), ERR_OK);
    refused(f, "Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\n"
               "AVV-1;2026-03-01;Ortopedi;Fall;2;\"Föll.\n",
            NULL, IMPORT_DEVIATIONS, "rad 2: citattecknet som börjar här avslutas aldrig");
    refused(f, "Referens;Händelsedatum;Enhet;Kategori;Beskrivning\nAVV-1;2026-03-01;Ortopedi;Fall;Föll.\n", NULL,
            IMPORT_DEVIATIONS, "rad 1: ingen kolumn för fältet Allvarlighetsgrad (severity)");
    refused(f, "", NULL, IMPORT_DEVIATIONS, "filen är tom");
    refused(f, "Referens;Händelsedatum\nAVV-1;2026-03-01\xff\n", NULL, IMPORT_DEVIATIONS, "rad 2: texten är inte UTF-8");
    assert_int_equal(count(f->db, "SELECT count(*) FROM deviations"), 0);
    /* a läsare may not import */
    ImportOptions opt = {IMPORT_DEVIATIONS, NULL, "x.csv", NULL};
    ImportCounts c;
    assert_int_equal(deviation_import_csv(f->db, &f->maria, GOOD, strlen(GOOD), &opt, &c, &e), ERR_FORBIDDEN);
    assert_int_equal(count(f->db, "SELECT count(*) FROM deviations"), 0);
}

static void test_reimport_adds_nothing_twice(void **state)
{
    Fixture *f = *state;
    ImportCounts c;
    import_ok(f, GOOD, NULL, IMPORT_DEVIATIONS, &c);
    assert_int_equal(c.read, 3);
    assert_int_equal(c.added, 3);
    assert_int_equal(c.existing, 0);
    assert_true(c.import_id > 0);
    long long first = c.import_id;
    import_ok(f, GOOD, NULL, IMPORT_DEVIATIONS, &c);
    assert_int_equal(c.added, 0);
    assert_int_equal(c.existing, 3);
    assert_int_equal(count(f->db, "SELECT count(*) FROM deviations"), 3);
    /* a later export: two old rows and two new, one of them twice */
    const char *later = "Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\n"
                        "AVV-2;2026-03-02;Kirurgi;Läkemedel;1;Fel dos.\n"
                        "AVV-3;2026-03-03;Ortopedi;Läkemedel;3;Utebliven dos.\n"
                        "AVV-4;2026-03-04;Geriatrik;Trycksår;2;Trycksår på hälen.\n"
                        "AVV-4;2026-03-04;Geriatrik;Trycksår;2;Trycksår på hälen.\n"
                        "AVV-5;2026-03-05;Geriatrik;Fall;1;Halkade.\n";
    import_ok(f, later, NULL, IMPORT_DEVIATIONS, &c);
    assert_int_equal(c.read, 5);
    assert_int_equal(c.added, 2);
    assert_int_equal(c.existing, 3);
    assert_int_equal(count(f->db, "SELECT count(*) FROM deviations"), 5);
    /* the import record, and the rows know their import */
    assert_int_equal(count(f->db, "SELECT count(*) FROM imports"), 3);
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT rows_new * 100 + rows_existing * 10 + rows_read FROM imports WHERE id = %lld", first);
    assert_int_equal(count(f->db, sql), 300 + 0 + 3);
    assert_int_equal(count(f->db, "SELECT count(*) FROM deviations WHERE entered_via = 'import' AND import_id IS NOT NULL"), 5);
    char *who = text_of(f->db, "SELECT u.display_name FROM imports i JOIN users u ON u.id = i.imported_by LIMIT 1");
    assert_string_equal(who, "Anna Berg");
    free(who);
}

/* --- the CSV of Swedish Excel -------------------------------------------------------------------------- */

static void test_semicolons_decimal_commas_bom_and_quoted_newlines(void **state)
{
    Fixture *f = *state;
    const char *csv = "\xEF\xBB\xBF"
                      "Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning;Kostnad kr;Omedelbar åtgärd\r\n"
                      "AVV-1;2026-03-01;Ortopedi;Fall;2,0;\"Föll; slog i huvudet.\r\nTillsyn natten, \"\"lugn\"\".\";1 250,50;Tillsyn\r\n"
                      "\r\n"
                      "AVV-2;2026-03-02;kirurgi;LÄKEMEDEL;1;Fel dos;0,5;\r\n";
    ImportCounts c;
    import_ok(f, csv, NULL, IMPORT_DEVIATIONS, &c);
    assert_int_equal(c.added, 2);
    char *desc = text_of(f->db, "SELECT description FROM deviations WHERE ref = 'AVV-1'");
    assert_string_equal(desc, "Föll; slog i huvudet.\nTillsyn natten, \"lugn\".");
    free(desc);
    assert_int_equal(count(f->db, "SELECT severity FROM deviations WHERE ref = 'AVV-1'"), 2);
    char *act = text_of(f->db, "SELECT immediate_action FROM deviations WHERE ref = 'AVV-1'");
    assert_string_equal(act, "Tillsyn");
    free(act);
    /* the unit found in any case, the category kept once as first written */
    char *unit = text_of(f->db, "SELECT u.name FROM deviations d JOIN units u ON u.id = d.unit_id WHERE ref = 'AVV-2'");
    assert_string_equal(unit, "Kirurgi");
    free(unit);
    /* a line after a quoted line break keeps its number */
    refused(f,
            "Referens;Händelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\n"
            "AVV-7;2026-03-01;Ortopedi;Fall;2;\"Rad ett\nrad två\nrad tre\"\n"
            "AVV-8;2026-03-01;Ortopedi;Fall;9;Fel grad\n",
            NULL, IMPORT_DEVIATIONS, "rad 5: fältet Allvarlighetsgrad: okänd allvarlighetsgrad '9'");
}

static void test_commas_and_windows_1252(void **state)
{
    Fixture *f = *state;
    ImportCounts c;
    import_ok(f,
              "ref,event_date,unit,category,severity,description\n"
              "AVV-10,2026-03-01,Ortopedi,Fall,2,\"Föll, igen\"\n",
              NULL, IMPORT_DEVIATIONS, &c);
    assert_int_equal(c.added, 1);
    char *desc = text_of(f->db, "SELECT description FROM deviations WHERE ref = 'AVV-10'");
    assert_string_equal(desc, "Föll, igen");
    free(desc);
    /* Excel's "CSV (semikolonavgränsad)" is Windows-1252: Kirurgi, L\xe4kemedel, "S\xe5r" */
    const char *cp = "Referens;H\xe4ndelsedatum;Enhet;Kategori;Allvarlighetsgrad;Beskrivning\n"
                     "AVV-11;2026-03-01;Kirurgi;L\xe4kemedel;1;S\xe5r \x96 fel dos\n";
    refused(f, cp, NULL, IMPORT_DEVIATIONS, "rad 1: texten är inte UTF-8");
    ImportMapping *m = mapping("teckenkodning = windows-1252\n");
    import_ok(f, cp, m, IMPORT_DEVIATIONS, &c);
    import_mapping_free(m);
    assert_int_equal(c.added, 1);
    desc = text_of(f->db, "SELECT description FROM deviations WHERE ref = 'AVV-11'");
    assert_string_equal(desc, "Sår – fel dos");
    free(desc);
}

/* --- the mapping at work ---------------------------------------------------------------------------------- */

static void test_mapping_columns_fixed_values_and_translations(void **state)
{
    Fixture *f = *state;
    ImportMapping *m = mapping("# Export från vårt avvikelsesystem\n"
                               "datumformat = DD/MM/ÅÅÅÅ\n"
                               "ref = Ärendenummer\n"
                               "event_date = Inträffade\n"
                               "rapporterad = Rapporterades\n"
                               "unit = Avdelning\n"
                               "category = Händelsetyp\n"
                               "severity = Konsekvens\n"
                               "description = Vad hände\n"
                               "kind := tillbud\n"
                               "status = -\n"
                               "severity[Ingen skada] = 1\n"
                               "severity[Allvarlig] = 3\n"
                               "unit[Ortopedavd 3] = Ortopedi\n");
    const char *csv = "Ärendenummer;Inträffade;Rapporterades;Avdelning;Händelsetyp;Konsekvens;Vad hände;Status\n"
                      "MC-100;05/03/2026 14:30;06/03/2026;Ortopedavd 3;Fall;Ingen skada;Snubblade;Pågår\n"
                      "MC-101;5/3/2026;5/3/2026;Kirurgi;Läkemedel;allvarlig;Fel dos;Stängd\n";
    ImportCounts c;
    import_ok(f, csv, m, IMPORT_DEVIATIONS, &c);
    assert_int_equal(c.added, 2);
    char *row = text_of(f->db, "SELECT d.kind || '|' || d.event_date || '|' || d.reported_date || '|' || u.name || '|' || "
                               "d.severity || '|' || d.status FROM deviations d JOIN units u ON u.id = d.unit_id "
                               "WHERE ref = 'MC-100'");
    assert_string_equal(row, "tillbud|2026-03-05|2026-03-06|Ortopedi|1|registrerad");
    free(row);
    assert_int_equal(count(f->db, "SELECT severity FROM deviations WHERE ref = 'MC-101'"), 3);
    char *map = text_of(f->db, "SELECT mapping || ' ' || file_name FROM imports");
    assert_string_equal(map, "mappning.txt export.csv");
    free(map);
    /* a bad date in the mapping's format is named with the line, column and format */
    refused(f,
            "Ärendenummer;Inträffade;Rapporterades;Avdelning;Händelsetyp;Konsekvens;Vad hände\n"
            "MC-102;2026-03-05;06/03/2026;Kirurgi;Fall;1;Föll\n",
            m, IMPORT_DEVIATIONS, "rad 2: fältet Inträffade: '2026-03-05' är inte ett datum i formatet DD/MM/ÅÅÅÅ");
    /* a mapped column the file lacks */
    refused(f, "Nr;Inträffade\nMC-1;05/03/2026\n", m, IMPORT_DEVIATIONS,
            "rad 1: kolumnen 'Ärendenummer' finns inte i filen (mappningen rad 3, fältet ref)");
    import_mapping_free(m);
    /* a field of the other kind */
    m = mapping("severity = Grad\n");
    refused(f, "ref;source\nK-1;patient\n", m, IMPORT_COMPLAINTS, "mappningen rad 1: fältet severity finns inte för klagomål");
    import_mapping_free(m);
}

static void test_complaints_import(void **state)
{
    Fixture *f = *state;
    ImportMapping *m = mapping("import = klagomål\n"
                               "ref = Diarienummer\n"
                               "source = Inkom från\n"
                               "received_date = Inkom\n"
                               "unit = Verksamhet\n"
                               "category = Ämne\n"
                               "description = Sammanfattning\n"
                               "source[Pn] = Patientnämnden\n");
    ImportKind k = IMPORT_DEVIATIONS;
    assert_true(import_mapping_kind(m, &k));
    const char *csv = "Diarienummer;Inkom från;Inkom;Verksamhet;Ämne;Sammanfattning\n"
                      "PN-1;Pn;2026-04-01;Geriatrik;Informationsöverföring;Fick inte veta om utskrivningen.\n"
                      "PN-2;närstående;2026-04-03;Geriatrik;Informationsöverföring;Ingen information.\n"
                      "PN-3;IVO;2026-04-05;Ortopedi;Vård och behandling;Klagomål via IVO.\n";
    ImportCounts c;
    import_ok(f, csv, m, k, &c);
    assert_int_equal(c.added, 3);
    import_ok(f, csv, m, k, &c);
    assert_int_equal(c.added, 0);
    assert_int_equal(c.existing, 3);
    ComplaintList l;
    Err e = ERR_INIT;
    assert_int_equal(complaint_list(f->db, &(ComplaintFilter){.source = "Patientnämnden"}, &l, &e), ERR_OK);
    assert_int_equal(l.total, 1);
    assert_string_equal(l.items[0].ref, "PN-1");
    assert_string_equal(l.items[0].entered_via, "import");
    complaint_list_free(&l);
    /* the date the patterns count by must come from the file */
    refused(f, "Diarienummer;Inkom från;Verksamhet;Ämne;Sammanfattning\nPN-9;patient;Geriatrik;Bemötande;x\n", m, k,
            "rad 1: kolumnen 'Inkom' finns inte i filen (mappningen rad 4, fältet received_date)");
    refused(f, "Referens;Källa;Enhet;Kategori;Beskrivning\nPN-9;patient;Geriatrik;Bemötande;x\n", NULL, k,
            "rad 1: ingen kolumn för fältet Inkommet (received_date)");
    refused(f, "Diarienummer;Inkom från;Inkom;Verksamhet;Ämne;Sammanfattning\nPN-9;grannen;2026-04-01;Geriatrik;Bemötande;x\n",
            m, k, "rad 2: fältet Inkom från: okänd källa 'grannen'");
    import_mapping_free(m);
    assert_int_equal(count(f->db, "SELECT count(*) FROM deviations"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mapping_mistakes_are_named_with_their_line),
        cmocka_unit_test(test_mapping_parses),
        cmocka_unit_test(test_date_formats),
        cmocka_unit_test_setup_teardown(test_a_bad_line_is_named_and_nothing_is_written, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reimport_adds_nothing_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_semicolons_decimal_commas_bom_and_quoted_newlines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commas_and_windows_1252, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mapping_columns_fixed_values_and_translations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_complaints_import, setup, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
