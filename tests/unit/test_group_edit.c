/*
 * test_group_edit.c — changing what is registered about groups
 * (core/group_edit.c, group_member.c, group_mandate.c): a group changed after
 * it is created, with every field validated as when it was added, loops in
 * the parent chain or the reporting path refused (directly and through
 * others) and nothing changed by a refusal, each accepted change one line in
 * the group's history; a membership's role and term corrected; a mandate
 * ended, so that it leaves the group's and the person's power after its last
 * day but stays listed as ended. The fixture is group_fixture.h.
 * A real SQLite file in a fresh temporary directory per test; "today" is
 * passed in where the code takes one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/body.h"
#include "group_fixture.h"

/* --- helpers ---------------------------------------------------------------------------------- */

/* Everything group_update may touch, as one text, to see that a refusal changed nothing. */
static char *snapshot(Db *db)
{
    Err e = ERR_INIT;
    char *s = db_text(db, &e,
                      "SELECT (SELECT group_concat(x, ';') FROM (SELECT id || '|' || type || '|' || name || '|' || "
                      "short_name || '|' || description || '|' || COALESCE(parent_id, '') || '|' || "
                      "COALESCE(reports_to_id, '') || '|' || COALESCE(unit_id, '') || '|' || COALESCE(body_id, '') || "
                      "'|' || seeks_patient_rep || has_municipal_parts || multiprofessional AS x FROM groups ORDER BY id)) "
                      "|| '#' || COALESCE((SELECT group_concat(short || name || kind, ';') FROM bodies), '') "
                      "|| '#' || (SELECT count(*) FROM group_events)",
                      NULL);
    assert_int_equal(e.code, ERR_OK);
    assert_non_null(s);
    return s;
}

static GroupEdit keep_all(void)
{
    return (GroupEdit){.body = -1, .seeks_patient_rep = -1, .has_municipal_parts = -1, .multiprofessional = -1};
}

/* group_update refused with `code`, its message containing `want`, nothing changed. */
static void refused(Db *db, long long id, const GroupEdit *in, ErrCode code, const char *want)
{
    char *before = snapshot(db);
    Err e = ERR_INIT;
    bool changed = true;
    assert_int_equal(group_update(db, NULL, id, in, &changed, &e), code);
    if (!strstr(e.msg, want)) fail_msg("message '%s' lacks '%s'", e.msg, want);
    assert_false(changed);
    char *after = snapshot(db);
    assert_string_equal(after, before);
    free(before);
    free(after);
}

static long long reporting(Db *db, const char *type, const char *name, const char *parent, const char *reports_to)
{
    GroupNew in = {.type = type, .name = name, .parent = parent, .reports_to = reports_to, .seeks_patient_rep = -1,
                   .has_municipal_parts = -1, .multiprofessional = -1};
    long long id = 0;
    Err e = ERR_INIT;
    if (group_add(db, NULL, &in, &id, &e)) fail_msg("group_add %s: %s", name, e.msg);
    return id;
}

/* The newest line of the group's history. */
static void last_event(Db *db, long long g, const char *kind, const char *summary_part, const char *note)
{
    GroupEvent *h;
    size_t n;
    Err e = ERR_INIT;
    assert_int_equal(group_history(db, g, &h, &n, &e), ERR_OK);
    assert_true(n > 0);
    assert_string_equal(h[0].kind, kind);
    if (!strstr(h[0].summary, summary_part)) fail_msg("summary '%s' lacks '%s'", h[0].summary, summary_part);
    if (note) assert_string_equal(h[0].note, note);
    group_history_free(h, n);
}

static bool in_power(Db *db, long long g, const char *day, const char *decides)
{
    GroupPower p;
    Err e = ERR_INIT;
    if (group_power(db, g, day, &p, &e)) fail_msg("group_power: %s", e.msg);
    bool found = false;
    for (size_t i = 0; i < p.n; i++) found |= !strcmp(p.items[i].mandate.decides, decides);
    for (size_t i = 0; i < p.nown; i++) found |= !strcmp(p.own[i].decides, decides);
    group_power_free(&p);
    return found;
}

/* --- changing a group ----------------------------------------------------------------------------- */

static void test_a_group_is_changed_and_the_change_recorded(void **state)
{
    Fixture *f = *state;
    long long lpo = group(f->db, "LPO", "LPO Rörelseorganens sjukdomar", NULL);
    long long g = group(f->db, "LAG", "LAG Höft", "LPO Rörelseorganens sjukdomar");
    GroupEdit in = keep_all();
    in.name = "  LAG Höftledsartros ";
    in.short_name = "LAG Höft";
    in.description = "Gapanalys mot vårdförloppet.";
    in.unit = "Ortopedi";
    in.has_municipal_parts = 1;
    in.seeks_patient_rep = 0;
    in.note = "Nytt namn efter beslut i LPO.";
    bool changed = false;
    Err e = ERR_INIT;
    assert_int_equal(group_update(f->db, NULL, g, &in, &changed, &e), ERR_OK);
    assert_true(changed);
    Group got;
    assert_int_equal(group_get(f->db, g, &got, &e), ERR_OK);
    assert_string_equal(got.name, "LAG Höftledsartros");
    assert_string_equal(got.short_name, "LAG Höft");
    assert_string_equal(got.unit_name, "Ortopedi");
    assert_int_equal(got.parent_id, lpo); /* absent: kept */
    assert_int_equal(got.type, GT_LAG);
    assert_true(got.has_municipal_parts);
    assert_false(got.seeks_patient_rep);
    assert_true(got.multiprofessional); /* absent: kept */
    group_free(&got);
    last_event(f->db, g, "changed", "namn: 'LAG Höft' → 'LAG Höftledsartros'", "Nytt namn efter beslut i LPO.");
    last_event(f->db, g, "changed", "enhet: ingen → 'Ortopedi'", NULL);
    last_event(f->db, g, "changed", "patientföreträdare eftersträvas: ja → nej", NULL);

    /* the same values again: nothing changes, and the history does not grow */
    long long events = count(f->db, "SELECT count(*) FROM group_events");
    assert_int_equal(group_update(f->db, NULL, g, &in, &changed, &e), ERR_OK);
    assert_false(changed);
    assert_int_equal(count(f->db, "SELECT count(*) FROM group_events"), events);

    /* "" clears the unit and the parent; a type changes */
    GroupEdit clear = keep_all();
    clear.unit = "";
    clear.parent = "";
    clear.type = "lpo";
    assert_int_equal(group_update(f->db, NULL, g, &clear, &changed, &e), ERR_OK);
    assert_int_equal(group_get(f->db, g, &got, &e), ERR_OK);
    assert_int_equal(got.parent_id, 0);
    assert_int_equal(got.unit_id, 0);
    assert_int_equal(got.type, GT_LPO);
    group_free(&got);
    last_event(f->db, g, "changed", "typ: 'LAG' → 'LPO'", NULL);
    last_event(f->db, g, "changed", "hör till: 'LPO Rörelseorganens sjukdomar' → ingen", NULL);
    assert_int_equal(group_update(f->db, NULL, 9999, &clear, NULL, &e), ERR_NOTFOUND);
}

static void test_reporting_loops_are_refused_and_change_nothing(void **state)
{
    Fixture *f = *state;
    long long top = reporting(f->db, "koncernledningsgrupp", "Koncernledning", NULL, NULL);
    long long mid = reporting(f->db, "samordnande grupp", "Samordnande grupp", NULL, "Koncernledning");
    long long low = reporting(f->db, "funktionsgrupp", "Funktionsgrupp", NULL, "Samordnande grupp");
    (void)mid;
    GroupEdit in = keep_all();
    in.reports_to = "Koncernledning";
    refused(f->db, top, &in, ERR_INVALID, "Rapporterar till: en grupp kan inte rapportera till sig själv.");
    in.reports_to = "Samordnande grupp"; /* directly: it reports to the top */
    refused(f->db, top, &in, ERR_INVALID, "Rapporterar till: 'Samordnande grupp' rapporterar redan till den här gruppen");
    in.reports_to = "Funktionsgrupp"; /* through another */
    refused(f->db, top, &in, ERR_INVALID,
            "Rapporterar till: 'Funktionsgrupp' rapporterar redan, via 'Samordnande grupp', till den här gruppen – en "
            "grupp kan inte rapportera till en grupp som rapporterar till den");
    /* the same through the parent, which the reporting path follows when reports_to is empty */
    GroupEdit up = keep_all();
    up.parent = "Funktionsgrupp";
    refused(f->db, top, &up, ERR_INVALID, "Hör till (överordnad grupp): 'Funktionsgrupp' rapporterar redan, via");
    /* a refused change of several fields changes none of them */
    GroupEdit many = keep_all();
    many.name = "Koncernledningen";
    many.unit = "Ortopedi";
    many.reports_to = "Funktionsgrupp";
    refused(f->db, top, &many, ERR_INVALID, "Rapporterar till");
    /* reporting down the chain, and sideways, is fine */
    GroupEdit ok = keep_all();
    ok.reports_to = "Koncernledning";
    Err e = ERR_INIT;
    assert_int_equal(group_update(f->db, NULL, low, &ok, NULL, &e), ERR_OK);
    Group *path;
    size_t n;
    assert_int_equal(group_report_path(f->db, low, &path, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(path[0].name, "Koncernledning");
    group_list_free(path, n);
}

static void test_parent_loops_are_refused_and_change_nothing(void **state)
{
    Fixture *f = *state;
    long long lpo = group(f->db, "LPO", "LPO Stroke", NULL);
    long long lag = group(f->db, "LAG", "LAG Stroke", "LPO Stroke");
    group(f->db, "LAG", "LAG Stroke rehab", "LAG Stroke");
    GroupEdit in = keep_all();
    in.parent = "LPO Stroke";
    refused(f->db, lpo, &in, ERR_INVALID, "Hör till (överordnad grupp): en grupp kan inte höra till sig själv.");
    in.parent = "LAG Stroke";
    refused(f->db, lpo, &in, ERR_INVALID, "Hör till (överordnad grupp): 'LAG Stroke' hör redan till den här gruppen");
    in.parent = "LAG Stroke rehab";
    refused(f->db, lpo, &in, ERR_INVALID,
            "'LAG Stroke rehab' hör redan, via 'LAG Stroke', till den här gruppen – en grupp kan inte höra till en av "
            "sina egna undergrupper.");
    /* a group that reports elsewhere may still not belong under its own subgroup */
    group(f->db, "råd", "RMKS", NULL);
    GroupEdit away = keep_all();
    away.reports_to = "RMKS";
    Err e = ERR_INIT;
    assert_int_equal(group_update(f->db, NULL, lpo, &away, NULL, &e), ERR_OK);
    refused(f->db, lpo, &in, ERR_INVALID, "Hör till (överordnad grupp)");
    /* but once its subgroup reports elsewhere, the group may report to it: the path is no loop */
    assert_int_equal(group_update(f->db, NULL, lag, &away, NULL, &e), ERR_OK);
    GroupEdit to_lag = keep_all();
    to_lag.reports_to = "LAG Stroke";
    assert_int_equal(group_update(f->db, NULL, lpo, &to_lag, NULL, &e), ERR_OK);
    Group *path;
    size_t n;
    assert_int_equal(group_report_path(f->db, lpo, &path, &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(path[0].name, "LAG Stroke");
    assert_string_equal(path[1].name, "RMKS");
    group_list_free(path, n);
}

static void test_fields_are_validated_as_when_added(void **state)
{
    Fixture *f = *state;
    long long g = group(f->db, "LAG", "LAG Demens", NULL);
    group(f->db, "LAG", "LAG Stroke", NULL);
    Err e = ERR_INIT;
    GroupEdit s = keep_all();
    s.short_name = "LAG S";
    assert_int_equal(group_update(f->db, NULL, group(f->db, "LAG", "LAG Övrigt", NULL), &s, NULL, &e), ERR_OK);
    GroupEdit in = keep_all();
    in.type = "styrgrupp";
    refused(f->db, g, &in, ERR_INVALID, "okänd grupptyp 'styrgrupp'");
    in = keep_all();
    in.name = "  ";
    refused(f->db, g, &in, ERR_INVALID, "Gruppens namn");
    in.name = "lag stroke";
    refused(f->db, g, &in, ERR_CONFLICT, "Det finns redan en grupp som heter 'lag stroke'.");
    in.name = "1234";
    refused(f->db, g, &in, ERR_INVALID, "bara siffror");
    in = keep_all();
    in.short_name = "lag s";
    refused(f->db, g, &in, ERR_CONFLICT, "Kortnamnet 'lag s' används redan");
    in = keep_all();
    in.description = "Kontakt 19121212-1212";
    refused(f->db, g, &in, ERR_INVALID, "personnummer");
    in = keep_all();
    in.parent = "LPO Finns inte";
    refused(f->db, g, &in, ERR_NOTFOUND, "okänd grupp 'LPO Finns inte'");
    in = keep_all();
    in.unit = "Kardiologi";
    refused(f->db, g, &in, ERR_NOTFOUND, "Kardiologi");
    in = keep_all();
    in.body = 1; /* a body needs a short name */
    refused(f->db, g, &in, ERR_INVALID, "kortnamn");
    in = keep_all();
    in.note = "Ring 19121212-1212";
    in.name = "LAG Demenssjukdom";
    refused(f->db, g, &in, ERR_INVALID, "personnummer");
    /* the group's own name and short name are no conflict */
    in = keep_all();
    in.name = "LAG DEMENS";
    assert_int_equal(group_update(f->db, NULL, g, &in, NULL, &e), ERR_OK);
}

static void test_a_body_keeps_its_short_name_and_follows_a_rename(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    GroupNew ssn = {.type = "nämnd", .name = "Strategiska nämnden", .short_name = "SSN", .body = true,
                    .seeks_patient_rep = -1, .has_municipal_parts = -1, .multiprofessional = -1};
    long long id;
    assert_int_equal(group_add(f->db, NULL, &ssn, &id, &e), ERR_OK);
    GroupEdit in = keep_all();
    in.short_name = "SHSN";
    refused(f->db, id, &in, ERR_CONFLICT, "Kortnamn: 'SSN' är organets namn i ärenden och processer");
    in = keep_all();
    in.body = 0;
    refused(f->db, id, &in, ERR_CONFLICT, "Organ i ärenden: gruppen är organet 'SSN'");
    in = keep_all();
    in.name = "Strategiska hälso- och sjukvårdsnämnden";
    in.short_name = "SSN"; /* the same: fine */
    assert_int_equal(group_update(f->db, NULL, id, &in, NULL, &e), ERR_OK);
    assert_int_equal(
        count(f->db, "SELECT count(*) FROM bodies WHERE short = 'SSN' AND name = 'Strategiska hälso- och sjukvårdsnämnden'"),
        1);
    /* a group becomes a body: the body row cases will name is made */
    long long fg = group(f->db, "funktionsgrupp", "Funktionsgrupp chefläkare", NULL);
    in = keep_all();
    in.short_name = "FG Chefläkare";
    in.body = 1;
    assert_int_equal(group_update(f->db, NULL, fg, &in, NULL, &e), ERR_OK);
    assert_int_equal(count(f->db, "SELECT count(*) FROM bodies WHERE short = 'FG Chefläkare' AND kind = 'funktionsgrupp'"), 1);
    last_event(f->db, fg, "changed", "organ i ärenden: 'FG Chefläkare'", NULL);
    Group g;
    assert_int_equal(group_get(f->db, fg, &g, &e), ERR_OK);
    assert_true(g.body_id > 0);
    group_free(&g);
}

/* --- a membership's role and term --------------------------------------------------------------------- */

static void test_a_membership_term_and_role_are_corrected(void **state)
{
    Fixture *f = *state;
    long long g = group(f->db, "LAG", "LAG Demens", NULL);
    long long olof = member(f->db, g, "Olof Bergman", "ledamot", "2025-01-01", NULL);
    member(f->db, g, "Olof Bergman", "metodstöd", "2025-01-01", NULL);
    long long lina = member(f->db, g, "Lina Ahmadi", "ledamot", "2025-01-01", NULL);
    Err e = ERR_INIT;
    bool changed = false;
    MemberChange in = {.to = "2026-12-31", .note = "Förlängt av LPO."};
    assert_int_equal(group_member_change(f->db, NULL, g, olof, &in, &changed, &e), ERR_OK);
    assert_true(changed);
    assert_int_equal(count(f->db, "SELECT count(*) FROM group_members WHERE to_date = '2026-12-31' AND role = 'ledamot'"), 1);
    last_event(f->db, g, "member_change", "Uppdraget för Olof Bergman ändrades: till: öppet → 2026-12-31", "Förlängt av LPO.");
    /* refused: before the start, the role he already has, an unknown role; nothing changes */
    char *before = snapshot(f->db);
    MemberChange bad = {.to = "2024-12-31"};
    assert_int_equal(group_member_change(f->db, NULL, g, olof, &bad, NULL, &e), ERR_INVALID);
    assert_string_equal(e.msg, "Till-datum (2024-12-31) ligger före från-datum (2025-01-01).");
    bad = (MemberChange){.role = "metodstöd"};
    assert_int_equal(group_member_change(f->db, NULL, g, olof, &bad, NULL, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "Olof Bergman är redan metodstöd"));
    bad = (MemberChange){.role = "vice ordförande"};
    assert_int_equal(group_member_change(f->db, NULL, g, olof, &bad, NULL, &e), ERR_INVALID);
    bad = (MemberChange){.to = "2025-02-30"};
    assert_int_equal(group_member_change(f->db, NULL, g, olof, &bad, NULL, &e), ERR_INVALID);
    assert_int_equal(group_member_change(f->db, NULL, g, 9999, &in, NULL, &e), ERR_NOTFOUND);
    char *after = snapshot(f->db);
    assert_string_equal(after, before);
    free(before);
    free(after);
    assert_int_equal(count(f->db, "SELECT count(*) FROM group_members WHERE to_date = '2026-12-31'"), 1);
    /* a new role; a kommunal representant takes the person's municipality, and leaves it with the role */
    MemberChange rep = {.role = "kommunal representant"};
    assert_int_equal(group_member_change(f->db, NULL, g, lina, &rep, NULL, &e), ERR_OK);
    assert_int_equal(count(f->db, "SELECT count(*) FROM group_members m JOIN municipalities k ON k.id = m.municipality_id "
                                  "WHERE k.name = 'Kumla' AND m.role = 'kommunal representant'"),
                     1);
    last_event(f->db, g, "member_change", "roll: ledamot → kommunal representant; kommun: Kumla kommun", NULL);
    MemberChange back = {.role = "ledamot", .to = ""};
    assert_int_equal(group_member_change(f->db, NULL, g, lina, &back, NULL, &e), ERR_OK);
    assert_int_equal(count(f->db, "SELECT count(*) FROM group_members WHERE municipality_id IS NOT NULL"), 0);
    /* an ended membership is not changed */
    assert_int_equal(group_member_end(f->db, NULL, g, lina, "2025-06-01", NULL, NULL, &e), ERR_OK);
    assert_int_equal(group_member_change(f->db, NULL, g, lina, &in, NULL, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "avslutades 2025-06-01"));
}

/* --- ending a mandate ------------------------------------------------------------------------------------ */

static void test_an_ended_mandate_leaves_the_power_but_stays_listed(void **state)
{
    Fixture *f = *state;
    long long lpo = group(f->db, "LPO", "LPO Rörelse", NULL);
    long long g = group(f->db, "LAG", "LAG Höft", "LPO Rörelse");
    member(f->db, g, "Sofia Nilsson", "ordförande", "2024-01-01", NULL);
    MandateNew in = {.group = "LAG Höft", .role = "ordförande", .decides = "Leda arbetsgruppens arbete.",
                     .delegation = true, .granted_by = "LPO Rörelse", .from = "2024-01-01"};
    long long id;
    Err e = ERR_INIT;
    assert_int_equal(mandate_add(f->db, NULL, &in, &id, &e), ERR_OK);
    assert_true(in_power(f->db, g, TODAY, "Leda arbetsgruppens arbete."));
    /* refused: before it began, an invalid day, a personnummer in the note; nothing changes */
    assert_int_equal(mandate_end(f->db, NULL, id, "2023-12-31", NULL, &e), ERR_INVALID);
    assert_string_equal(e.msg, "Slutdatum 2023-12-31 ligger före från-datum 2024-01-01.");
    assert_int_equal(mandate_end(f->db, NULL, id, "2025-06-31", NULL, &e), ERR_INVALID);
    assert_int_equal(mandate_end(f->db, NULL, id, "2025-06-30", "Ring 19121212-1212", &e), ERR_INVALID);
    assert_int_equal(mandate_end(f->db, NULL, 9999, NULL, NULL, &e), ERR_NOTFOUND);
    assert_int_equal(count(f->db, "SELECT count(*) FROM mandates WHERE to_date <> '' OR ended_at <> ''"), 0);

    assert_int_equal(mandate_end(f->db, NULL, id, "2025-06-30", "Ny ordförande utses.", &e), ERR_OK);
    assert_true(in_power(f->db, g, "2025-06-30", "Leda arbetsgruppens arbete.")); /* its last day */
    assert_false(in_power(f->db, g, "2025-07-01", "Leda arbetsgruppens arbete."));
    PowerItem *pp;
    size_t np;
    long long sofia = count(f->db, "SELECT id FROM people WHERE name = 'Sofia Nilsson'");
    assert_int_equal(person_power(f->db, sofia, "2025-07-01", &pp, &np, &e), ERR_OK);
    assert_int_equal(np, 0);
    power_items_free(pp, np);
    /* still listed, as ended, for the group that holds it and the one that gave it */
    long long holders[] = {g, lpo};
    for (size_t k = 0; k < 2; k++) {
        Mandate *m;
        size_t n;
        assert_int_equal(group_mandates(f->db, holders[k], "2025-07-01", &m, &n, &e), ERR_OK);
        assert_int_equal(n, 1);
        assert_string_equal(m[0].to_date, "2025-06-30");
        assert_string_equal(m[0].end_note, "Ny ordförande utses.");
        assert_true(*m[0].ended_at);
        assert_false(mandate_in_force(&m[0], "2025-07-01"));
        mandate_list_free(m, n);
    }
    last_event(f->db, g, "mandate_end", "Delegationen avslutades: Leda arbetsgruppens arbete.", "Ny ordförande utses.");
    /* ending it again is refused */
    assert_int_equal(mandate_end(f->db, NULL, id, "2025-06-01", NULL, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "Delegationen är redan avslutad"));
    assert_int_equal(count(f->db, "SELECT count(*) FROM mandates WHERE to_date = '2025-06-30'"), 1);
}

static void test_ending_respects_the_term_a_mandate_has(void **state)
{
    Fixture *f = *state;
    group(f->db, "råd", "RMKS", NULL);
    MandateNew later = {.group = "RMKS", .decides = "Godkänna LPO.", .to = "2099-12-31"};
    MandateNew gone = {.group = "RMKS", .decides = "Tillstyrka.", .from = "2019-01-01", .to = "2020-12-31"};
    long long a, b;
    Err e = ERR_INIT;
    assert_int_equal(mandate_add(f->db, NULL, &later, &a, &e), ERR_OK);
    assert_int_equal(mandate_add(f->db, NULL, &gone, &b, &e), ERR_OK);
    /* ending cannot lengthen it; one whose term ran out has ended already */
    assert_int_equal(mandate_end(f->db, NULL, a, "2100-01-01", NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "kan inte förlänga det"));
    assert_int_equal(mandate_end(f->db, NULL, b, "2020-06-30", NULL, &e), ERR_CONFLICT);
    assert_string_equal(e.msg, "Mandatet gällde till 2020-12-31 och har redan upphört.");
    assert_int_equal(mandate_end(f->db, NULL, a, "2098-12-31", NULL, &e), ERR_OK);
    Mandate m;
    assert_int_equal(mandate_get(f->db, a, &m, &e), ERR_OK);
    assert_string_equal(m.to_date, "2098-12-31");
    mandate_free(&m);
    assert_int_equal(mandate_end(f->db, NULL, a, NULL, NULL, &e), ERR_CONFLICT);
    assert_string_equal(e.msg, "Mandatet är redan avslutat; den sista dagen det gäller är 2098-12-31.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_a_group_is_changed_and_the_change_recorded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reporting_loops_are_refused_and_change_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parent_loops_are_refused_and_change_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fields_are_validated_as_when_added, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_body_keeps_its_short_name_and_follows_a_rename, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_membership_term_and_role_are_corrected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_an_ended_mandate_leaves_the_power_but_stays_listed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ending_respects_the_term_a_mandate_has, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
