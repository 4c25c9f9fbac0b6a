/*
 * test_process.c — the built-in processes A, B and C as the engine loads
 * them: routing of the six origins, the seed's checklist, B as a default,
 * C's branch, what blocks a transition, and the JSON description.
 * Parse errors and overrides are in test_process_parse.c, the diagram in
 * test_process_svg.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/process.h"

static ProcessSet ps;

static int load(void **state)
{
    (void)state;
    Err e = ERR_INIT;
    if (process_set_load(&ps, NULL, &e)) {
        fprintf(stderr, "process_set_load: %s\n", e.msg);
        return -1;
    }
    return 0;
}

static int unload(void **state)
{
    (void)state;
    process_set_free(&ps);
    return 0;
}

static const ProcessDef *def(const char *key)
{
    const ProcessDef *d = process_find(&ps, key);
    if (!d) fail_msg("process %s not loaded", key);
    return d;
}

static const Step *step(const char *process, const char *key)
{
    const Step *s = process_step(def(process), key);
    if (!s) fail_msg("process %s has no step %s", process, key);
    return s;
}

/* --- loading and routing --------------------------------------------------------- */

static void builtins_load_sorted_with_sources(void **state)
{
    (void)state;
    assert_int_equal(ps.n, 3);
    assert_string_equal(ps.defs[0]->key, "A");
    assert_string_equal(ps.defs[1]->key, "B");
    assert_string_equal(ps.defs[2]->key, "C");
    assert_string_equal(def("A")->source, "processes/A.yaml");
    assert_string_equal(def("C")->source, "processes/C.yaml");
    assert_null(process_find(&ps, "D"));
    assert_null(process_find(&ps, NULL));
    assert_null(process_find(NULL, "A"));
}

static void origins_route_to_their_process(void **state)
{
    (void)state;
    const char *want[] = {NULL, "A", "A", "B", "B", "B", "C", NULL};
    for (int o = 0; o <= 7; o++) {
        const ProcessDef *d = process_for_origin(&ps, o);
        if (!want[o]) assert_null(d);
        else assert_string_equal(d->key, want[o]);
    }
    assert_null(process_for_origin(&ps, -1));
}

static void origin_labels_follow_the_seed(void **state)
{
    (void)state;
    assert_string_equal(origin_label(1), "Politiska initiativ/uppdrag");
    assert_string_equal(origin_label(3), "Nationella riktlinjer eller rekommendationer från Socialstyrelsen");
    assert_string_equal(origin_label(6), "Signaler om brister i vården som kommer in till Koncernkontoret");
    assert_null(origin_label(0));
    assert_null(origin_label(7));
}

static void every_process_starts_in_a_work_step_and_ends_in_a_final_one(void **state)
{
    (void)state;
    for (size_t p = 0; p < ps.n; p++) {
        const ProcessDef *d = ps.defs[p];
        assert_int_equal(d->steps[0].kind, STEP_WORK);
        assert_int_equal(d->steps[d->nsteps - 1].kind, STEP_FINAL);
        assert_int_equal(d->steps[d->nsteps - 1].ntransitions, 0);
        assert_true(d->nsteps >= 6 && d->nsteps <= 10);
    }
}

/* --- the seed's content ---------------------------------------------------------------- */

static void a_beredning_has_the_eleven_seed_items(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool required;
    } want[] = {
        {"Avstämning med samordningsråd, regionala programområden, regionala processteam", false},
        {"Avstämning/samberedning mellan staber", false},
        {"Nulägeskartläggning", true},
        {"Gapanalys", true},
        {"Behovsanalys", true},
        {"Finns det befintliga planer eller strategier för området?", false},
        {"Hur förhåller sig ärendet till omställningen/genomförandeplanen?", true},
        {"God och nära vård-områden", false},
        {"Aktuellt med ordnat införande?", false},
        {"Förslag på genomförande", true},
        {"Uppföljning", true},
    };
    const Step *s = step("A", "beredning");
    assert_int_equal(s->nitems, 11);
    for (size_t i = 0; i < 11; i++) {
        assert_string_equal(s->items[i].text, want[i].text);
        assert_int_equal(s->items[i].required, want[i].required);
    }
    assert_non_null(step_item(s, "gapanalys"));
    assert_string_equal(step_item(s, "gapanalys")->text, "Gapanalys");
    assert_null(step_item(s, "gapanalyss"));
}

static void a_anchors_in_three_bodies_and_ssn_decides(void **state)
{
    (void)state;
    const Step *f = step("A", "forankring");
    assert_int_equal(f->kind, STEP_ANCHORING);
    assert_int_equal(f->nconsult, 3);
    assert_string_equal(f->consult[0], "KL HoS");
    assert_string_equal(f->consult[1], "PPR");
    assert_string_equal(f->consult[2], "Klinisk ledning");
    const Step *b = step("A", "beslut");
    assert_int_equal(b->kind, STEP_DECISION);
    assert_int_equal(b->ndeciders, 1);
    assert_string_equal(b->deciders[0], "SSN");
    assert_true(step_transition(b, "genomforande")->needs_decision);
    assert_null(step_transition(b, "fordelning"));
}

static void b_is_a_default_and_says_so(void **state)
{
    (void)state;
    assert_true(def("B")->is_default);
    assert_false(def("A")->is_default);
    assert_false(def("C")->is_default);
    assert_non_null(strstr(def("B")->description, "Standardförslag"));
    assert_non_null(strstr(def("B")->description, "anpassa"));
    const Step *b = NULL;
    for (size_t i = 0; i < def("B")->nsteps && !b; i++)
        if (def("B")->steps[i].kind == STEP_DECISION) b = &def("B")->steps[i];
    assert_non_null(b);
    assert_true(b->ndeciders >= 2); /* within mandate, or the board */
}

/* True if `target` is reachable from `from` along forward transitions. */
static bool reaches(const ProcessDef *d, const Step *from, bool (*pred)(const Step *), const Step **found, int depth)
{
    if (pred(from)) {
        *found = from;
        return true;
    }
    for (size_t i = 0; depth < 20 && i < from->ntransitions; i++)
        if (!from->transitions[i].back && reaches(d, process_step(d, from->transitions[i].to), pred, found, depth + 1))
            return true;
    return false;
}

static bool is_decision(const Step *s)
{
    return s->kind == STEP_DECISION;
}

static bool is_anchoring(const Step *s)
{
    return s->kind == STEP_ANCHORING;
}

static bool delegation_decides(const Step *s)
{
    for (size_t i = 0; s->kind == STEP_DECISION && i < s->ndeciders; i++)
        if (!strcmp(s->deciders[i], "Delegation")) return true;
    return false;
}

static void c_branches_in_the_funktionsgrupp(void **state)
{
    (void)state;
    const ProcessDef *c = def("C");
    const Step *fg = step("C", "funktionsgrupp");
    const Transition *fwd[4];
    size_t n = 0;
    for (size_t i = 0; i < fg->ntransitions; i++)
        if (!fg->transitions[i].back && n < 4) fwd[n++] = &fg->transitions[i];
    assert_int_equal(n, 2);
    assert_string_not_equal(fwd[0]->to, fwd[1]->to);
    assert_string_equal(fwd[0]->when,
                        "Funktionsgruppen löser det inom ramen för sitt uppdrag och sina mandat i förvaltningen");
    assert_string_equal(fwd[1]->when, "Frågan behöver beredas av en avdelning på Koncernkontoret");

    /* Within the mandate: on to a decision taken by delegation, without förankring. */
    const Step *found = NULL;
    assert_true(reaches(c, process_step(c, fwd[0]->to), delegation_decides, &found, 0));
    const Step *first_decision = NULL, *anchoring = NULL;
    assert_true(reaches(c, process_step(c, fwd[0]->to), is_decision, &first_decision, 0));
    assert_ptr_equal(first_decision, found);

    /* Prepared by a department: förankring, then SSN or OSN may decide. */
    assert_true(reaches(c, process_step(c, fwd[1]->to), is_anchoring, &anchoring, 0));
    assert_int_equal(anchoring->nconsult, 3);
    assert_true(reaches(c, anchoring, is_decision, &found, 0));
    bool osn = false;
    for (size_t i = 0; i < found->ndeciders; i++) osn |= !strcmp(found->deciders[i], "OSN");
    assert_true(osn);
}

/* --- what blocks a transition ---------------------------------------------------------- */

static void open_required_items_block_and_are_named(void **state)
{
    (void)state;
    const Step *s = step("A", "beredning");
    const Transition *t = step_transition(s, "forankring");
    StepFacts none = {0};
    Buf why = BUF_INIT;
    assert_true(transition_blocked(s, t, &none, &why));
    assert_string_equal(buf_cstr(&why),
                        "Obligatoriska punkter är inte klara: Nulägeskartläggning, Gapanalys, Behovsanalys, Hur "
                        "förhåller sig ärendet till omställningen/genomförandeplanen?, Förslag på genomförande, "
                        "Uppföljning.");

    ItemState some[] = {{"nulageskartlaggning", "done"}, {"omstallningen", "na"}, {"forslag_genomforande", "done"},
                        {"uppfoljning", "done"},         {"gapanalys", "open"},   {"befintliga_planer", "open"}};
    StepFacts f = {.items = some, .nitems = 6};
    buf_reset(&why);
    assert_true(transition_blocked(s, t, &f, &why));
    assert_string_equal(buf_cstr(&why), "Obligatoriska punkter är inte klara: Gapanalys, Behovsanalys.");
    buf_free(&why);
}

static void answered_items_open_the_transition_and_leave_why_alone(void **state)
{
    (void)state;
    const Step *s = step("A", "beredning");
    ItemState all[] = {{"nulageskartlaggning", "done"},  {"gapanalys", "na"},
                       {"behovsanalys", "done"},         {"omstallningen", "done"},
                       {"forslag_genomforande", "done"}, {"uppfoljning", "na"}};
    StepFacts f = {.items = all, .nitems = 6};
    Buf why = BUF_INIT;
    buf_puts(&why, "orörd");
    assert_false(transition_blocked(s, step_transition(s, "forankring"), &f, &why));
    assert_string_equal(buf_cstr(&why), "orörd");
    /* Optional items, never answered here, do not block. */
    assert_false(step_item(s, "befintliga_planer")->required);
    buf_free(&why);
}

static void a_back_transition_ignores_the_checklist(void **state)
{
    (void)state;
    const Step *s = step("A", "beredning");
    const Transition *back = step_transition(s, "fordelning");
    assert_true(back->back);
    StepFacts f = {.has_note = true};
    Buf why = BUF_INIT;
    assert_false(transition_blocked(s, back, &f, &why));
    assert_int_equal(why.len, 0);
    f.has_note = false;
    assert_true(transition_blocked(s, back, &f, &why));
    assert_string_equal(buf_cstr(&why), "En kommentar krävs för den här övergången.");
    buf_free(&why);
}

static void forankring_needs_an_answer(void **state)
{
    (void)state;
    const Step *s = step("A", "forankring");
    const Transition *t = step_transition(s, "beslut");
    ItemState done[] = {{"beslutsunderlag", "done"}};
    StepFacts f = {.items = done, .nitems = 1};
    Buf why = BUF_INIT;
    assert_true(transition_blocked(s, t, &f, &why));
    assert_string_equal(buf_cstr(&why), "Inget svar från förankringen är registrerat (KL HoS, PPR, Klinisk ledning).");
    f.consultations = 1;
    buf_reset(&why);
    assert_false(transition_blocked(s, t, &f, &why));
    buf_free(&why);
}

static void beslut_needs_a_decision_and_all_blockers_are_named(void **state)
{
    (void)state;
    const Step *s = step("A", "beslut");
    StepFacts f = {0};
    Buf why = BUF_INIT;
    assert_true(transition_blocked(s, step_transition(s, "genomforande"), &f, &why));
    assert_string_equal(buf_cstr(&why), "Inget beslut är registrerat i steget.");
    buf_reset(&why);
    assert_true(transition_blocked(s, step_transition(s, "avslutad"), &f, &why));
    assert_string_equal(buf_cstr(&why),
                        "Inget beslut är registrerat i steget. En kommentar krävs för den här övergången.");
    f.decisions = 1;
    f.has_note = true;
    assert_false(transition_blocked(s, step_transition(s, "avslutad"), &f, NULL));

    const Step *b = step("A", "beredning");
    buf_reset(&why);
    assert_true(transition_blocked(b, step_transition(b, "avslutad"), NULL, &why));
    assert_non_null(strstr(buf_cstr(&why), "Obligatoriska punkter är inte klara: Nulägeskartläggning,"));
    assert_non_null(strstr(buf_cstr(&why), "Uppföljning. En kommentar krävs för den här övergången."));
    buf_free(&why);
}

/* --- JSON -------------------------------------------------------------------------------- */

static void json_describes_steps_checklists_and_transitions(void **state)
{
    (void)state;
    json_t *j = process_to_json(def("A"));
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "key")), "A");
    assert_true(json_is_false(json_object_get(j, "default")));
    json_t *origins = json_object_get(j, "origins");
    assert_int_equal(json_array_size(origins), 2);
    assert_int_equal(json_integer_value(json_array_get(origins, 1)), 2);
    json_t *steps = json_object_get(j, "steps");
    assert_int_equal(json_array_size(steps), def("A")->nsteps);
    json_t *beredning = json_array_get(steps, 1);
    assert_string_equal(json_string_value(json_object_get(beredning, "key")), "beredning");
    assert_string_equal(json_string_value(json_object_get(beredning, "kind")), "work");
    json_t *items = json_object_get(beredning, "checklist");
    assert_int_equal(json_array_size(items), 11);
    const Step *s = step("A", "beredning");
    for (size_t i = 0; i < 11; i++) {
        json_t *it = json_array_get(items, i);
        assert_string_equal(json_string_value(json_object_get(it, "key")), s->items[i].key);
        assert_int_equal(json_is_true(json_object_get(it, "required")), s->items[i].required);
    }
    json_t *anchor = json_array_get(steps, 2);
    assert_string_equal(json_string_value(json_object_get(anchor, "kind")), "anchoring");
    assert_int_equal(json_array_size(json_object_get(anchor, "consult")), 3);
    json_t *t = json_array_get(json_object_get(anchor, "transitions"), 0);
    assert_string_equal(json_string_value(json_object_get(t, "to")), "beslut");
    assert_true(json_is_true(json_object_get(t, "needs_consultation")));
    assert_true(json_is_false(json_object_get(t, "back")));
    assert_true(json_is_null(json_object_get(t, "when")));
    json_decref(j);

    j = process_to_json(def("B"));
    assert_true(json_is_true(json_object_get(j, "default")));
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "steps"), 6), "kind")),
                        "final");
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtins_load_sorted_with_sources),
        cmocka_unit_test(origins_route_to_their_process),
        cmocka_unit_test(origin_labels_follow_the_seed),
        cmocka_unit_test(every_process_starts_in_a_work_step_and_ends_in_a_final_one),
        cmocka_unit_test(a_beredning_has_the_eleven_seed_items),
        cmocka_unit_test(a_anchors_in_three_bodies_and_ssn_decides),
        cmocka_unit_test(b_is_a_default_and_says_so),
        cmocka_unit_test(c_branches_in_the_funktionsgrupp),
        cmocka_unit_test(open_required_items_block_and_are_named),
        cmocka_unit_test(answered_items_open_the_transition_and_leave_why_alone),
        cmocka_unit_test(a_back_transition_ignores_the_checklist),
        cmocka_unit_test(forankring_needs_an_answer),
        cmocka_unit_test(beslut_needs_a_decision_and_all_blockers_are_named),
        cmocka_unit_test(json_describes_steps_checklists_and_transitions),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
