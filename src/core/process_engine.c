/*
 * process_engine.c — what a definition says about a case standing in a step:
 * finding steps, transitions and checklist items, and what blocks a move.
 *
 * Works only on the definition and the StepFacts it is given; core/case*.c
 * gathers those facts from the database. Never allocates except into `why`.
 */
#include <string.h>

#include "core/process.h"

const Step *process_step(const ProcessDef *def, const char *key)
{
    for (size_t i = 0; def && key && i < def->nsteps; i++)
        if (!strcmp(def->steps[i].key, key)) return &def->steps[i];
    return NULL;
}

const Transition *step_transition(const Step *step, const char *to)
{
    for (size_t i = 0; step && to && i < step->ntransitions; i++)
        if (!strcmp(step->transitions[i].to, to)) return &step->transitions[i];
    return NULL;
}

const ChecklistItem *step_item(const Step *step, const char *key)
{
    for (size_t i = 0; step && key && i < step->nitems; i++)
        if (!strcmp(step->items[i].key, key)) return &step->items[i];
    return NULL;
}

/* The recorded state of an item; an item never answered is open. */
static const char *item_state(const StepFacts *facts, const char *key)
{
    for (size_t i = 0; facts && i < facts->nitems; i++)
        if (facts->items[i].item && facts->items[i].state && !strcmp(facts->items[i].item, key))
            return facts->items[i].state;
    return "open";
}

static bool item_settled(const StepFacts *facts, const char *key)
{
    const char *state = item_state(facts, key);
    return !strcmp(state, "done") || !strcmp(state, "na");
}

/* Appends one sentence, separated from the previous by a space. */
static void sentence_start(Buf *why, bool *any)
{
    if (why && *any) buf_putc(why, ' ');
    *any = true;
}

static void open_items(const Step *from, const StepFacts *facts, Buf *why, bool *any)
{
    size_t n = 0;
    for (size_t i = 0; i < from->nitems; i++) {
        const ChecklistItem *it = &from->items[i];
        if (!it->required || item_settled(facts, it->key)) continue;
        if (n++ == 0) {
            sentence_start(why, any);
            if (why) buf_puts(why, "Obligatoriska punkter är inte klara: ");
        } else if (why) {
            buf_puts(why, ", ");
        }
        if (why) buf_puts(why, it->text);
    }
    if (n && why) buf_putc(why, '.');
}

static void no_consultation(const Step *from, Buf *why, bool *any)
{
    sentence_start(why, any);
    if (!why) return;
    buf_puts(why, "Inget svar från förankringen är registrerat");
    for (size_t i = 0; i < from->nconsult; i++) buf_printf(why, "%s%s", i ? ", " : " (", from->consult[i]);
    buf_puts(why, from->nconsult ? ")." : ".");
}

static void add_sentence(Buf *why, bool *any, const char *text)
{
    sentence_start(why, any);
    if (why) buf_puts(why, text);
}

bool transition_blocked(const Step *from, const Transition *t, const StepFacts *facts, Buf *why)
{
    bool any = false;
    if (!from || !t) return false;
    if (!t->back) open_items(from, facts, why, &any);
    if (t->needs_consultation && (!facts || facts->consultations <= 0)) no_consultation(from, why, &any);
    if (t->needs_decision && (!facts || facts->decisions <= 0))
        add_sentence(why, &any, "Inget beslut är registrerat i steget.");
    if (t->needs_note && (!facts || !facts->has_note))
        add_sentence(why, &any, "En kommentar krävs för den här övergången.");
    return any;
}
