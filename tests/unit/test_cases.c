/*
 * test_cases.c — the case module (core/case_*.c) and the demo data
 * (core/demo.c) against a real SQLite file in a fresh temporary directory per
 * test, with the built-in process definitions.
 *
 * The tests find steps, items and transitions by asking the loaded
 * definitions (the first step, a step with required items, a transition that
 * needs a decision …) rather than by their keys, so they keep testing the
 * same rules when a definition is edited.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testdb.h"
#include "base/buf.h"
#include "base/pnr.h"
#include "base/text.h"
#include "core/account.h"
#include "core/case.h"
#include "core/demo.h"
#include "core/settings.h"
#include "store/db.h"

static ProcessSet ps;

typedef struct {
    TestDb *t; /* tests/unit/testdb.h */
    Db *db;
    Actor anna;  /* handläggare */
    Actor maria; /* läsare */
} Fixture;

/* --- fixture -------------------------------------------------------------- */

static int group_setup(void **state)
{
    (void)state;
    setenv("LOTS_FAST_HASH", "1", 1);
    if (!account_init()) return -1;
    Err e = ERR_INIT;
    if (process_set_load(&ps, NULL, &e)) {
        fprintf(stderr, "process_set_load: %s\n", e.msg);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    process_set_free(&ps);
    return 0;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->t = testdb_open("cases"))) return -1;
    f->db = f->t->db;
    *state = f;
    return 0;
}

/* Most tests want two people; the demo test wants an empty database. */
static int setup_people(void **state)
{
    if (setup(state)) return -1;
    Fixture *f = *state;
    testdb_add_actor(f->db, "anna.berg", "Anna Berg", ROLE_HANDLAGGARE, &f->anna);
    testdb_add_actor(f->db, "maria.holm", "Maria Holm", ROLE_LASARE, &f->maria);
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    testdb_close(f->t);
    free(f);
    return 0;
}

/* --- helpers ----------------------------------------------------------------- */

static long long count(Db *db, const char *sql)
{
    Err e = ERR_INIT;
    long long n = db_int(db, &e, sql, NULL, -1);
    assert_int_equal(e.code, ERR_OK);
    return n;
}

static long long new_case(Fixture *f, int origin, const char *title)
{
    CaseNew in = {.title = title, .description = "Beskrivning av ärendet.", .origin = origin};
    Case c;
    Err e = ERR_INIT;
    if (case_create(f->db, &ps, &f->anna, &in, &c, &e)) fail_msg("case_create: %s", e.msg);
    long long id = c.id;
    case_free(&c);
    return id;
}

static const ProcessDef *def_of(Fixture *f, long long id)
{
    Case c;
    Err e = ERR_INIT;
    if (case_get(f->db, id, &c, &e)) fail_msg("case_get: %s", e.msg);
    const ProcessDef *def = process_find(&ps, c.process);
    case_free(&c);
    assert_non_null(def);
    return def;
}

static const Step *step_of(Fixture *f, long long id)
{
    Case c;
    Err e = ERR_INIT;
    if (case_get(f->db, id, &c, &e)) fail_msg("case_get: %s", e.msg);
    const Step *s = process_step(process_find(&ps, c.process), c.step);
    case_free(&c);
    assert_non_null(s);
    return s;
}

static void answer_required(Fixture *f, long long id, const Step *s)
{
    Err e = ERR_INIT;
    for (size_t i = 0; i < s->nitems; i++)
        if (s->items[i].required && case_set_checklist(f->db, &ps, &f->anna, id, s->items[i].key, "done", NULL, &e))
            fail_msg("checklist %s: %s", s->items[i].key, e.msg);
}

/* Does what the current step asks (required items, one consultation, a
 * decision), so that its transitions open. */
static void complete_step(Fixture *f, long long id, const Step *s)
{
    Err e = ERR_INIT;
    char today[11];
    iso_today(today);
    answer_required(f, id, s);
    if (s->kind == STEP_ANCHORING) {
        ConsultationNew cn = {.body = s->nconsult ? s->consult[0] : "SSN", .answer = "tillstyrker", .date = today};
        if (case_consult(f->db, &ps, &f->anna, id, &cn, &e)) fail_msg("consult: %s", e.msg);
    }
    if (s->kind == STEP_DECISION) {
        assert_true(s->ndeciders > 0);
        DecisionNew dn = {.body = s->deciders[0], .date = today, .paragraph = "§ 1", .text = "Förslaget godkänns."};
        if (case_decide(f->db, &ps, &f->anna, id, &dn, &e)) fail_msg("decide: %s", e.msg);
    }
}

/* True if `target` can be reached from `from` along forward transitions. */
static bool reaches(const ProcessDef *def, const Step *from, const char *target, int depth)
{
    if (!strcmp(from->key, target)) return true;
    if (depth > 40) return false;
    for (size_t i = 0; i < from->ntransitions; i++) {
        const Transition *t = &from->transitions[i];
        const Step *to = process_step(def, t->to);
        if (!t->back && to && reaches(def, to, target, depth + 1)) return true;
    }
    return false;
}

/* Completes steps and moves forward until the case stands in `target`. */
static void walk_to(Fixture *f, long long id, const char *target)
{
    const ProcessDef *def = def_of(f, id);
    for (int guard = 0; guard < 40; guard++) {
        const Step *s = step_of(f, id);
        if (!strcmp(s->key, target)) return;
        const Transition *via = NULL;
        for (size_t i = 0; i < s->ntransitions && !via; i++) {
            const Step *to = process_step(def, s->transitions[i].to);
            if (!s->transitions[i].back && to && reaches(def, to, target, 0)) via = &s->transitions[i];
        }
        if (!via) fail_msg("no way from %s to %s", s->key, target);
        complete_step(f, id, s);
        Err e = ERR_INIT;
        if (case_move(f->db, &ps, &f->anna, id, via->to, "Vidare enligt processen.", &e))
            fail_msg("move %s → %s: %s", s->key, via->to, e.msg);
    }
    fail_msg("walk_to %s did not arrive", target);
}

/* The first step of `def` (in walking order) that satisfies pred. */
static const Step *find_step(const ProcessDef *def, bool (*pred)(const Step *))
{
    for (size_t i = 0; i < def->nsteps; i++)
        if (reaches(def, &def->steps[0], def->steps[i].key, 0) && pred(&def->steps[i])) return &def->steps[i];
    return NULL;
}

static bool has_items(const Step *s)
{
    return s->nitems > 0;
}

/* A step with a required item and a plain forward transition out of it:
 * only the checklist can block that transition. */
static const Transition *plain_forward(const Step *s)
{
    for (size_t i = 0; i < s->ntransitions; i++) {
        const Transition *t = &s->transitions[i];
        if (!t->back && !t->needs_consultation && !t->needs_decision) return t;
    }
    return NULL;
}

static bool has_required_and_plain_exit(const Step *s)
{
    bool req = false;
    for (size_t i = 0; i < s->nitems; i++) req |= s->items[i].required;
    return req && plain_forward(s);
}

/* Where a new case of `def` goes first. */
static const char *choose_next_key(const ProcessDef *def)
{
    const Step *s = &def->steps[0];
    for (size_t i = 0; i < s->ntransitions; i++)
        if (!s->transitions[i].back) return s->transitions[i].to;
    fail_msg("process %s: no way out of the first step", def->key);
    return NULL;
}

static bool is_decision(const Step *s)
{
    return s->kind == STEP_DECISION;
}

static const char *ref_of(Fixture *f, long long id, char out[48])
{
    Case c;
    Err e = ERR_INIT;
    if (case_get(f->db, id, &c, &e)) fail_msg("case_get: %s", e.msg);
    snprintf(out, 48, "%s", c.ref);
    case_free(&c);
    return out;
}

/* --- registering ----------------------------------------------------------------- */

static void test_origin_routes_to_process_and_first_step(void **state)
{
    Fixture *f = *state;
    static const struct {
        int origin;
        const char *process;
    } want[] = {{1, "A"}, {2, "A"}, {3, "B"}, {4, "B"}, {5, "B"}, {6, "C"}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        long long id = new_case(f, want[i].origin, "Ett ärende");
        Case c;
        Err e = ERR_INIT;
        err_clear(&e);
        assert_int_equal(case_get(f->db, id, &c, &e), ERR_OK);
        assert_string_equal(c.process, want[i].process);
        const ProcessDef *def = process_find(&ps, want[i].process);
        assert_non_null(def);
        assert_string_equal(c.step, def->steps[0].key);
        assert_int_equal(c.origin, want[i].origin);
        assert_string_equal(c.officer_name, "Anna Berg"); /* the registering person by default */
        case_free(&c);
    }
}

static void test_reference_numbers_run_per_year(void **state)
{
    Fixture *f = *state;
    char want[48], ref[48];
    new_case(f, 1, "Första");
    long long second = new_case(f, 3, "Andra");
    snprintf(want, sizeof want, "HS %d-00002", current_year());
    assert_string_equal(ref_of(f, second, ref), want);
    Case c;
    Err e = ERR_INIT;
    snprintf(want, sizeof want, "HS %d-00001", current_year());
    err_clear(&e);
    assert_int_equal(case_get_by_ref(f->db, want, &c, &e), ERR_OK);
    assert_string_equal(c.title, "Första");
    case_free(&c);
}

static void test_ref_prefix_setting_changes_next_ref(void **state)
{
    Fixture *f = *state;
    char want[48], ref[48];
    new_case(f, 1, "Före bytet");
    Err e = ERR_INIT;
    err_clear(&e);
    assert_int_equal(setting_set(f->db, "ref_prefix", "KS", &e), ERR_OK);
    long long id = new_case(f, 1, "Efter bytet");
    snprintf(want, sizeof want, "KS %d-00001", current_year());
    assert_string_equal(ref_of(f, id, ref), want);
    err_clear(&e);
    assert_int_not_equal(setting_set(f->db, "ref_prefix", "ks 1", &e), ERR_OK);
}

static void test_reader_cannot_create(void **state)
{
    Fixture *f = *state;
    CaseNew in = {.title = "Läsaren försöker", .origin = 1};
    Err e = ERR_INIT;
    err_clear(&e);
    assert_int_equal(case_create(f->db, &ps, &f->maria, &in, NULL, &e), ERR_FORBIDDEN);
    assert_true(strlen(e.msg) > 0);
    assert_int_equal(count(f->db, "SELECT count(*) FROM cases"), 0);
    assert_int_equal(count(f->db, "SELECT count(*) FROM case_events"), 0);
    assert_int_equal(count(f->db, "SELECT count(*) FROM ref_counters"), 0);
}

/* A personnummer-shaped string for a real date with a valid (or, with
 * `wrong`, an invalid) Luhn check digit, made here rather than written out. */
static void make_pnr(char out[12], bool wrong)
{
    const char *digits = "800101123";
    int sum = 0;
    for (int i = 0; i < 9; i++) {
        int d = (digits[i] - '0') * (i % 2 ? 1 : 2);
        sum += d > 9 ? d - 9 : d;
    }
    int check = (10 - sum % 10) % 10;
    if (wrong) check = (check + 1) % 10;
    snprintf(out, 12, "800101-123%d", check % 10);
}

static void test_title_rules(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    CaseNew in = {.title = "   ", .origin = 1};
    err_clear(&e);
    assert_int_equal(case_create(f->db, &ps, &f->anna, &in, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Rubrik"));

    char long_title[2 * 201 + 1] = "";
    for (int i = 0; i < 201; i++) strcat(long_title, "ä");
    in.title = long_title;
    err_clear(&e);
    assert_int_equal(case_create(f->db, &ps, &f->anna, &in, NULL, &e), ERR_INVALID);
    long_title[2 * 200] = '\0'; /* 200 characters (400 bytes) is allowed */
    err_clear(&e);
    assert_int_equal(case_create(f->db, &ps, &f->anna, &in, NULL, &e), ERR_OK);

    char pnr[12], title[80];
    make_pnr(pnr, false);
    assert_true(pnr_find(pnr, NULL));
    snprintf(title, sizeof title, "Klagomål från patient %s", pnr);
    in.title = title;
    err_clear(&e);
    assert_int_equal(case_create(f->db, &ps, &f->anna, &in, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "personnummer"));
    in.title = "Ärende utan personuppgifter";
    in.description = title;
    err_clear(&e);
    assert_int_equal(case_create(f->db, &ps, &f->anna, &in, NULL, &e), ERR_INVALID);

    make_pnr(pnr, true);
    snprintf(title, sizeof title, "Uppföljning av ärende %s", pnr); /* wrong check digit: not a personnummer */
    assert_false(pnr_find(title, NULL));
    in.title = title;
    in.description = NULL;
    err_clear(&e);
    assert_int_equal(case_create(f->db, &ps, &f->anna, &in, NULL, &e), ERR_OK);
    assert_int_equal(count(f->db, "SELECT count(*) FROM cases"), 2);
}

static void test_bad_origin_refused(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    CaseNew in = {.title = "Okänt ursprung", .origin = 7};
    err_clear(&e);
    assert_int_equal(case_create(f->db, &ps, &f->anna, &in, NULL, &e), ERR_INVALID);
    in.origin = 0;
    err_clear(&e);
    assert_int_equal(case_create(f->db, &ps, &f->anna, &in, NULL, &e), ERR_INVALID);
    assert_int_equal(count(f->db, "SELECT count(*) FROM cases"), 0);
}

/* --- working ----------------------------------------------------------------------- */

static void test_checklist_na_needs_note(void **state)
{
    Fixture *f = *state;
    long long id = new_case(f, 1, "Checklista");
    const Step *s = find_step(def_of(f, id), has_items);
    assert_non_null(s);
    walk_to(f, id, s->key);
    const char *item = s->items[0].key;
    Err e = ERR_INIT;
    err_clear(&e);
    assert_int_equal(case_set_checklist(f->db, &ps, &f->anna, id, item, "na", NULL, &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(case_set_checklist(f->db, &ps, &f->anna, id, item, "na", "  ", &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(case_set_checklist(f->db, &ps, &f->anna, id, item, "klar", NULL, &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(case_set_checklist(f->db, &ps, &f->anna, id, "finns_inte", "done", NULL, &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(case_set_checklist(f->db, &ps, &f->maria, id, item, "done", NULL, &e), ERR_FORBIDDEN);
    err_clear(&e);
    assert_int_equal(case_set_checklist(f->db, &ps, &f->anna, id, item, "na", "Inte aktuellt här.", &e), ERR_OK);

    CaseDetail d;
    err_clear(&e);
    assert_int_equal(case_detail(f->db, &ps, id, &d, &e), ERR_OK);
    assert_string_equal(d.checklist[0].state, "na");
    assert_string_equal(d.checklist[0].note, "Inte aktuellt här.");
    assert_string_equal(d.checklist[0].updated_by, "Anna Berg");
    case_detail_free(&d);
}

static void test_move_blocked_until_required_items_answered(void **state)
{
    Fixture *f = *state;
    long long id = new_case(f, 1, "Beredning");
    const Step *s = find_step(def_of(f, id), has_required_and_plain_exit);
    assert_non_null(s);
    walk_to(f, id, s->key);
    const Transition *t = plain_forward(s);
    const ChecklistItem *req = NULL;
    for (size_t i = 0; i < s->nitems && !req; i++)
        if (s->items[i].required) req = &s->items[i];

    Err e = ERR_INIT;
    long long events = count(f->db, "SELECT count(*) FROM case_events");
    err_clear(&e);
    assert_int_equal(case_move(f->db, &ps, &f->anna, id, t->to, "Försöker gå vidare.", &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, req->text));
    assert_string_equal(step_of(f, id)->key, s->key); /* nothing moved, nothing recorded */
    assert_int_equal(count(f->db, "SELECT count(*) FROM case_events"), events);

    CaseDetail d;
    err_clear(&e);
    assert_int_equal(case_detail(f->db, &ps, id, &d, &e), ERR_OK);
    bool shown_blocked = false;
    for (size_t i = 0; i < d.ntransitions; i++)
        if (d.transitions[i].t == t) shown_blocked = d.transitions[i].blocked && strstr(d.transitions[i].why, req->text);
    assert_true(shown_blocked);
    case_detail_free(&d);

    answer_required(f, id, s);
    err_clear(&e);
    assert_int_equal(case_move(f->db, &ps, &f->anna, id, t->to, "Klart för nästa steg.", &e), ERR_OK);
    assert_string_equal(step_of(f, id)->key, t->to);

    err_clear(&e);
    assert_int_equal(case_move(f->db, &ps, &f->anna, id, "finns_inte", NULL, &e), ERR_INVALID); /* no such step */
    err_clear(&e);
    assert_int_equal(case_move(f->db, &ps, &f->maria, id, s->key, "x", &e), ERR_FORBIDDEN);
}

static void test_history_records_each_change_with_actor_and_note(void **state)
{
    Fixture *f = *state;
    long long id = new_case(f, 1, "Historik");
    const Step *s = find_step(def_of(f, id), has_required_and_plain_exit);
    walk_to(f, id, s->key);
    Err e = ERR_INIT;
    long long before = count(f->db, "SELECT count(*) FROM case_events");
    size_t answered = 0;
    for (size_t i = 0; i < s->nitems; i++) {
        if (!s->items[i].required) continue;
        assert_int_equal(
            case_set_checklist(f->db, &ps, &f->anna, id, s->items[i].key, "done", "Underlag från samordningsrådet.", &e),
            ERR_OK);
        answered++;
    }
    err_clear(&e);
    assert_int_equal(case_move(f->db, &ps, &f->anna, id, plain_forward(s)->to, "Beredningen är klar.", &e), ERR_OK);
    assert_int_equal(count(f->db, "SELECT count(*) FROM case_events"), before + (long long)answered + 1);

    CaseDetail d;
    err_clear(&e);
    assert_int_equal(case_detail(f->db, &ps, id, &d, &e), ERR_OK);
    assert_true(d.nevents >= answered + 2);
    assert_string_equal(d.events[0].kind, "created");
    const CaseEvent *last = &d.events[d.nevents - 1], *check = &d.events[d.nevents - 2];
    assert_string_equal(last->kind, "transition");
    assert_string_equal(last->user_name, "Anna Berg");
    assert_string_equal(last->note, "Beredningen är klar.");
    assert_string_equal(check->kind, "checklist");
    assert_string_equal(check->user_name, "Anna Berg");
    assert_string_equal(check->note, "Underlag från samordningsrådet.");
    case_detail_free(&d);
}

static void test_list_filters_and_paging(void **state)
{
    Fixture *f = *state;
    long long a1 = new_case(f, 1, "Åtgärder för äldre i Östra Skaraborg");
    new_case(f, 2, "Initiativ från patientförening");
    new_case(f, 3, "Riktlinjer för depression");
    new_case(f, 6, "Brister i överrapportering");
    CaseList l;
    Err e = ERR_INIT;
    const char *queries[] = {"åtgärder", "ÅTGÄRDER", "östra", "ÖSTRA SKARA", "ÄLDRE"};
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
        CaseFilter q = {.q = queries[i]};
        err_clear(&e);
        assert_int_equal(case_list(f->db, &q, &l, &e), ERR_OK);
        assert_int_equal(l.total, 1);
        assert_int_equal(l.items[0].id, a1);
        case_list_free(&l);
    }
    CaseFilter q = {.q = "100%"}; /* LIKE wildcards are literal */
    err_clear(&e);
    assert_int_equal(case_list(f->db, &q, &l, &e), ERR_OK);
    assert_int_equal(l.total, 0);
    case_list_free(&l);

    CaseFilter byproc = {.process = "A"};
    err_clear(&e);
    assert_int_equal(case_list(f->db, &byproc, &l, &e), ERR_OK);
    assert_int_equal(l.total, 2);
    case_list_free(&l);
    CaseFilter byorigin = {.origin = 3};
    err_clear(&e);
    assert_int_equal(case_list(f->db, &byorigin, &l, &e), ERR_OK);
    assert_int_equal(l.total, 1);
    assert_string_equal(l.items[0].process, "B");
    case_list_free(&l);

    const ProcessDef *A = process_find(&ps, "A");
    CaseFilter bystep = {.process = "A", .step = A->steps[0].key};
    err_clear(&e);
    assert_int_equal(case_list(f->db, &bystep, &l, &e), ERR_OK);
    assert_int_equal(l.total, 2);
    case_list_free(&l);
    walk_to(f, a1, choose_next_key(A));
    err_clear(&e);
    assert_int_equal(case_list(f->db, &bystep, &l, &e), ERR_OK);
    assert_int_equal(l.total, 1);
    case_list_free(&l);

    CaseFilter page = {.limit = 3};
    err_clear(&e);
    assert_int_equal(case_list(f->db, &page, &l, &e), ERR_OK);
    assert_int_equal(l.total, 4);
    assert_int_equal(l.n, 3);
    case_list_free(&l);
    page.offset = 3;
    err_clear(&e);
    assert_int_equal(case_list(f->db, &page, &l, &e), ERR_OK);
    assert_int_equal(l.total, 4);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.items[0].id, a1); /* newest first, so the first one is last */
    case_list_free(&l);
}

/* --- förankring and beslut ------------------------------------------------------ */

static void test_consult_only_in_anchoring_step(void **state)
{
    Fixture *f = *state;
    long long id = new_case(f, 1, "Förankring");
    char today[11];
    iso_today(today);
    Err e = ERR_INIT;
    ConsultationNew cn = {.body = "SSN", .answer = "tillstyrker", .date = today};
    assert_int_not_equal(step_of(f, id)->kind, STEP_ANCHORING);
    err_clear(&e);
    assert_int_equal(case_consult(f->db, &ps, &f->anna, id, &cn, &e), ERR_CONFLICT);
    assert_int_equal(count(f->db, "SELECT count(*) FROM case_consultations"), 0);

    const ProcessDef *def = def_of(f, id);
    const Step *anchor = NULL;
    for (size_t i = 0; i < def->nsteps && !anchor; i++)
        if (def->steps[i].kind == STEP_ANCHORING && def->steps[i].nconsult) anchor = &def->steps[i];
    assert_non_null(anchor);
    walk_to(f, id, anchor->key);
    cn.body = anchor->consult[0];
    cn.answer = "ja";
    err_clear(&e);
    assert_int_equal(case_consult(f->db, &ps, &f->anna, id, &cn, &e), ERR_INVALID);
    cn.answer = "tillstyrker";
    cn.date = "2026-02-30";
    err_clear(&e);
    assert_int_equal(case_consult(f->db, &ps, &f->anna, id, &cn, &e), ERR_INVALID);
    cn.date = today;
    cn.body = "Okänt organ";
    err_clear(&e);
    assert_int_equal(case_consult(f->db, &ps, &f->anna, id, &cn, &e), ERR_INVALID);
    cn.body = anchor->consult[0];
    err_clear(&e);
    assert_int_equal(case_consult(f->db, &ps, &f->maria, id, &cn, &e), ERR_FORBIDDEN);
    err_clear(&e);
    cn.note = "Tillstyrkt vid mötet.";
    err_clear(&e);
    assert_int_equal(case_consult(f->db, &ps, &f->anna, id, &cn, &e), ERR_OK);
    CaseDetail d;
    err_clear(&e);
    assert_int_equal(case_detail(f->db, &ps, id, &d, &e), ERR_OK);
    assert_int_equal(d.nconsultations, 1);
    assert_string_equal(d.consultations[0].body, anchor->consult[0]);
    assert_string_equal(d.consultations[0].answer, "tillstyrker");
    case_detail_free(&d);
}

static void test_decide_only_in_decision_step_by_a_decider(void **state)
{
    Fixture *f = *state;
    long long id = new_case(f, 1, "Beslut");
    char today[11];
    iso_today(today);
    const Step *dstep = find_step(def_of(f, id), is_decision);
    assert_non_null(dstep);
    assert_true(dstep->ndeciders > 0);
    Err e = ERR_INIT;
    DecisionNew dn = {.body = dstep->deciders[0], .date = today, .paragraph = "§ 61", .text = "Nämnden beslutar."};
    err_clear(&e);
    assert_int_equal(case_decide(f->db, &ps, &f->anna, id, &dn, &e), ERR_CONFLICT);
    walk_to(f, id, dstep->key);
    dn.body = "Kommunfullmäktige";
    err_clear(&e);
    assert_int_equal(case_decide(f->db, &ps, &f->anna, id, &dn, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, dstep->deciders[0]));
    dn.body = dstep->deciders[0];
    dn.text = " ";
    err_clear(&e);
    assert_int_equal(case_decide(f->db, &ps, &f->anna, id, &dn, &e), ERR_INVALID);
    dn.text = "Nämnden beslutar enligt förslaget.";
    dn.date = "61";
    err_clear(&e);
    assert_int_equal(case_decide(f->db, &ps, &f->anna, id, &dn, &e), ERR_INVALID);
    assert_int_equal(count(f->db, "SELECT count(*) FROM case_decisions"), 0);
    dn.date = today;
    err_clear(&e);
    assert_int_equal(case_decide(f->db, &ps, &f->anna, id, &dn, &e), ERR_OK);
    CaseDetail d;
    err_clear(&e);
    assert_int_equal(case_detail(f->db, &ps, id, &d, &e), ERR_OK);
    assert_int_equal(d.ndecisions, 1);
    assert_string_equal(d.decisions[0].paragraph, "§ 61");
    assert_string_equal(d.decisions[0].body, dstep->deciders[0]);
    case_detail_free(&d);
}

static void test_unmet_needs_decision_blocks(void **state)
{
    Fixture *f = *state;
    const ProcessDef *def = NULL;
    const Step *from = NULL;
    const Transition *t = NULL;
    for (size_t p = 0; p < ps.n && !t; p++)
        for (size_t i = 0; i < ps.defs[p]->nsteps && !t; i++)
            for (size_t k = 0; k < ps.defs[p]->steps[i].ntransitions && !t; k++)
                if (ps.defs[p]->steps[i].transitions[k].needs_decision &&
                    ps.defs[p]->steps[i].kind == STEP_DECISION) {
                    def = ps.defs[p];
                    from = &def->steps[i];
                    t = &from->transitions[k];
                }
    assert_non_null(t);
    long long id = new_case(f, def->origins[0], "Kräver beslut");
    walk_to(f, id, from->key);
    answer_required(f, id, from);
    Err e = ERR_INIT;
    err_clear(&e);
    assert_int_equal(case_move(f->db, &ps, &f->anna, id, t->to, "Vidare utan beslut.", &e), ERR_CONFLICT);
    assert_true(strlen(e.msg) > 0);
    assert_string_equal(step_of(f, id)->key, from->key);
    char today[11];
    iso_today(today);
    DecisionNew dn = {.body = from->deciders[0], .date = today, .paragraph = "§ 9", .text = "Beslut enligt förslag."};
    err_clear(&e);
    assert_int_equal(case_decide(f->db, &ps, &f->anna, id, &dn, &e), ERR_OK);
    err_clear(&e);
    assert_int_equal(case_move(f->db, &ps, &f->anna, id, t->to, "Beslut fattat.", &e), ERR_OK);
    assert_string_equal(step_of(f, id)->key, t->to);
}

/* --- demo data ------------------------------------------------------------------- */

static void test_demo_load(void **state)
{
    Fixture *f = *state;
    char pw[33];
    Err e = ERR_INIT;
    if (demo_load(f->db, &ps, pw, &e)) fail_msg("demo_load: %s", e.msg);
    assert_int_equal(strlen(pw), 32);
    Actor admin;
    err_clear(&e);
    assert_int_equal(account_login(f->db, "admin", pw, &admin, &e), ERR_OK);
    assert_int_equal(admin.role, ROLE_ADMIN);

    assert_true(count(f->db, "SELECT count(*) FROM cases") >= 12);
    assert_int_equal(count(f->db, "SELECT count(DISTINCT process) FROM cases WHERE process IN ('A','B','C')"), 3);
    assert_true(count(f->db, "SELECT count(*) FROM case_decisions") >= 3);
    assert_true(count(f->db, "SELECT count(*) FROM case_consultations") >= 3);
    assert_true(count(f->db, "SELECT count(*) FROM case_links") >= 12);
    assert_true(count(f->db, "SELECT count(*) FROM bodies") >= 10);
    assert_int_equal(count(f->db, "SELECT count(*) FROM cases WHERE officer_id IS NULL"), 0);

    char pw2[33];
    Err e2 = ERR_INIT;
    long long cases = count(f->db, "SELECT count(*) FROM cases");
    assert_int_equal(demo_load(f->db, &ps, pw2, &e2), ERR_CONFLICT);
    assert_non_null(strstr(e2.msg, "redan"));
    assert_int_equal(count(f->db, "SELECT count(*) FROM cases"), cases);
    err_clear(&e);
    assert_int_equal(account_login(f->db, "admin", pw, &admin, &e), ERR_OK); /* password unchanged */

    CaseList l;
    CaseFilter all = {.limit = 200};
    err_clear(&e);
    assert_int_equal(case_list(f->db, &all, &l, &e), ERR_OK);
    bool kinds[4] = {false}, processes_at_start = false;
    for (size_t i = 0; i < l.n; i++) {
        CaseDetail d;
        if (case_detail(f->db, &ps, l.items[i].id, &d, &e)) fail_msg("case_detail %s: %s", l.items[i].ref, e.msg);
        assert_true(d.nevents >= 1);
        assert_true(d.nlinks >= 1);
        assert_false(pnr_find(d.c.title, NULL) || pnr_find(d.c.description, NULL));
        kinds[d.step->kind] = true;
        processes_at_start |= d.step == &d.def->steps[0];
        for (size_t k = 0; k < d.nevents; k++) assert_true(strlen(d.events[k].user_name) > 0);
        case_detail_free(&d);
    }
    case_list_free(&l);
    assert_true(kinds[STEP_WORK] && kinds[STEP_ANCHORING] && kinds[STEP_DECISION] && kinds[STEP_FINAL]);
    assert_true(processes_at_start);
}

static void test_demo_refuses_database_with_users(void **state)
{
    Fixture *f = *state;
    Actor a;
    testdb_add_actor(f->db, "kalle", "Kalle Anka", ROLE_ADMIN, &a);
    char pw[33];
    Err e = ERR_INIT;
    assert_int_equal(demo_load(f->db, &ps, pw, &e), ERR_CONFLICT);
    assert_int_equal(count(f->db, "SELECT count(*) FROM bodies"), 0);
    assert_int_equal(count(f->db, "SELECT count(*) FROM cases"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_origin_routes_to_process_and_first_step, setup_people, teardown),
        cmocka_unit_test_setup_teardown(test_reference_numbers_run_per_year, setup_people, teardown),
        cmocka_unit_test_setup_teardown(test_ref_prefix_setting_changes_next_ref, setup_people, teardown),
        cmocka_unit_test_setup_teardown(test_reader_cannot_create, setup_people, teardown),
        cmocka_unit_test_setup_teardown(test_title_rules, setup_people, teardown),
        cmocka_unit_test_setup_teardown(test_bad_origin_refused, setup_people, teardown),
        cmocka_unit_test_setup_teardown(test_checklist_na_needs_note, setup_people, teardown),
        cmocka_unit_test_setup_teardown(test_move_blocked_until_required_items_answered, setup_people, teardown),
        cmocka_unit_test_setup_teardown(test_history_records_each_change_with_actor_and_note, setup_people, teardown),
        cmocka_unit_test_setup_teardown(test_list_filters_and_paging, setup_people, teardown),
        cmocka_unit_test_setup_teardown(test_consult_only_in_anchoring_step, setup_people, teardown),
        cmocka_unit_test_setup_teardown(test_decide_only_in_decision_step_by_a_decider, setup_people, teardown),
        cmocka_unit_test_setup_teardown(test_unmet_needs_decision_blocks, setup_people, teardown),
        cmocka_unit_test_setup_teardown(test_demo_load, setup, teardown),
        cmocka_unit_test_setup_teardown(test_demo_refuses_database_with_users, setup, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
