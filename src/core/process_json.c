/*
 * process_json.c — a process definition as JSON, for the API and
 * `lots process show --json`. The shape is documented in process.h; absent
 * optional texts are null, so a client sees every field every time.
 */
#include "core/process.h"

static json_t *text_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static const char *kind_name(StepKind k)
{
    switch (k) {
    case STEP_ANCHORING: return "anchoring";
    case STEP_DECISION: return "decision";
    case STEP_FINAL: return "final";
    case STEP_WORK: break;
    }
    return "work";
}

static json_t *string_array(char **list, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(a, json_string(list[i]));
    return a;
}

static json_t *item_json(const ChecklistItem *it)
{
    return json_pack("{s:s, s:s, s:o, s:b}", "key", it->key, "text", it->text, "help", text_or_null(it->help),
                     "required", it->required);
}

static json_t *transition_json(const Transition *t)
{
    return json_pack("{s:s, s:s, s:o, s:b, s:b, s:b, s:b}", "to", t->to, "label", t->label, "when",
                     text_or_null(t->when), "back", t->back, "needs_note", t->needs_note, "needs_consultation",
                     t->needs_consultation, "needs_decision", t->needs_decision);
}

static json_t *step_json(const Step *s)
{
    json_t *items = json_array(), *transitions = json_array();
    for (size_t i = 0; i < s->nitems; i++) json_array_append_new(items, item_json(&s->items[i]));
    for (size_t i = 0; i < s->ntransitions; i++)
        json_array_append_new(transitions, transition_json(&s->transitions[i]));
    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "key", s->key, "name", s->name, "kind",
                     kind_name(s->kind), "responsible", text_or_null(s->responsible), "description",
                     text_or_null(s->description), "checklist", items, "consult", string_array(s->consult, s->nconsult),
                     "deciders", string_array(s->deciders, s->ndeciders), "transitions", transitions);
}

json_t *process_to_json(const ProcessDef *def)
{
    json_t *origins = json_array(), *steps = json_array();
    for (size_t i = 0; i < def->norigins; i++) json_array_append_new(origins, json_integer(def->origins[i]));
    for (size_t i = 0; i < def->nsteps; i++) json_array_append_new(steps, step_json(&def->steps[i]));
    return json_pack("{s:s, s:s, s:o, s:b, s:o, s:o}", "key", def->key, "name", def->name, "description",
                     text_or_null(def->description), "default", def->is_default, "origins", origins, "steps", steps);
}
