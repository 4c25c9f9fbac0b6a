/*
 * process.h — processes as data: definitions, loading, and the engine.
 *
 * A process (A, B, C …) is read from YAML (processes/NAME.yaml, built into the
 * binary; an organisation may override or add files in a directory of its
 * own). The engine answers, for a case standing in a step: which transitions
 * exist from here, and what blocks one (an open required checklist item, a
 * missing consultation answer or decision, a missing note).
 *
 * Ownership: a ProcessSet owns every definition in it; everything reachable
 * from a ProcessDef lives as long as the set. Loaded once at start-up and read
 * by many threads afterwards, never changed.
 * This module knows nothing of cases in the database: core/case*.c gathers the
 * StepFacts and asks.
 */
#ifndef LOTS_CORE_PROCESS_H
#define LOTS_CORE_PROCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

typedef enum {
    STEP_WORK = 0,  /* ordinary work step (beredning, genomförande …) */
    STEP_ANCHORING, /* förankring: bodies are consulted and answer */
    STEP_DECISION,  /* beslut: a body (or delegation) decides */
    STEP_FINAL      /* avslutad: no transitions out */
} StepKind;

typedef struct {
    char *key;     /* stable id within the step, e.g. "gapanalys" */
    char *text;    /* Swedish text shown to the user */
    char *help;    /* optional longer guidance, may be NULL */
    bool required; /* must be done or not applicable before moving on */
} ChecklistItem;

typedef struct {
    char *to;                /* key of the target step */
    char *label;             /* button text, e.g. "Till förankring" */
    char *when;              /* for branches: when to choose this one, may be NULL */
    bool back;               /* a return to an earlier step: checklist does not block */
    bool needs_note;         /* the person moving the case must say why */
    bool needs_consultation; /* at least one consultation answer recorded in this step */
    bool needs_decision;     /* a decision recorded in this step */
    int line;                /* line in the definition file */
} Transition;

typedef struct {
    char *key;
    char *name;
    char *description; /* may be NULL */
    char *responsible; /* role or body responsible for the step, may be NULL */
    StepKind kind;
    ChecklistItem *items;
    size_t nitems;
    char **consult; /* bodies consulted in an anchoring step */
    size_t nconsult;
    char **deciders; /* bodies that may decide in a decision step ("Delegation" allowed) */
    size_t ndeciders;
    Transition *transitions;
    size_t ntransitions;
    int line;
} Step;

typedef struct {
    char *key;         /* "A", "B", "C" … */
    char *name;        /* "Beredning genom tjänsteperson på Koncernkontoret" */
    char *description; /* may be NULL */
    char *source;      /* "processes/A.yaml" or the override file's path */
    bool is_default;   /* a default the organisation is expected to adapt */
    int origins[6];    /* the origins (1–6) routed to this process */
    size_t norigins;
    int origins_line;  /* line of `origins` in the source, for messages about routing */
    Step *steps; /* steps[0] is where a new case starts */
    size_t nsteps;
} ProcessDef;

typedef struct {
    ProcessDef **defs; /* sorted by key */
    size_t n;
} ProcessSet;

/* Parses one definition. On error, e names the file and line:
 * "processes/A.yaml:12: okänt fält 'tranistions' i steg 'beredning'". */
ErrCode process_parse(const char *yaml, size_t len, const char *filename, ProcessDef **out, Err *e);
void process_free(ProcessDef *def);

/* Loads the built-in definitions, then every *.yaml in override_dir (may be
 * NULL); a file whose key matches a built-in replaces it. The whole set is
 * validated: every origin 1–6 routed to exactly one process, every transition
 * target an existing step. Any error refuses the whole set. */
ErrCode process_set_load(ProcessSet *set, const char *override_dir, Err *e);
void process_set_free(ProcessSet *set);

const ProcessDef *process_find(const ProcessSet *set, const char *key);
const ProcessDef *process_for_origin(const ProcessSet *set, int origin);
const Step *process_step(const ProcessDef *def, const char *key);
const Transition *step_transition(const Step *step, const char *to);
const ChecklistItem *step_item(const Step *step, const char *key);

/* The six origins (seed 000): 1 "Politiska initiativ/uppdrag" … 6 "Signaler om
 * brister i vården som kommer in till Koncernkontoret". NULL outside 1–6. */
const char *origin_label(int origin);

/* What the engine needs to know about a case in its current step. */
typedef struct {
    const char *item;  /* checklist item key */
    const char *state; /* "open", "done" or "na" */
} ItemState;

typedef struct {
    const ItemState *items; /* answers recorded in the current step */
    size_t nitems;
    int consultations; /* consultation answers recorded in the current step */
    int decisions;     /* decisions recorded in the current step */
    bool has_note;     /* the mover gave a note */
} StepFacts;

/* True if the transition is blocked; `why` then receives a Swedish sentence
 * naming every blocker, e.g. "Obligatoriska punkter är inte klara: Gapanalys,
 * Behovsanalys." An item with no answer counts as open. */
bool transition_blocked(const Step *from, const Transition *t, const StepFacts *facts, Buf *why);

/* The process as an inline SVG diagram (steps as boxes, transitions as
 * arrows, branches labelled); current_step, if not NULL, is highlighted.
 * All text is escaped. */
void process_svg(Buf *out, const ProcessDef *def, const char *current_step);


/* JSON description of a process (for the API and `lots process show --json`):
 * {"key","name","description","default","origins":[…],"steps":[{"key","name",
 * "kind","responsible","description","checklist":[{"key","text","required"}],
 * "consult":[…],"deciders":[…],"transitions":[{"to","label","when","back",
 * "needs_note","needs_consultation","needs_decision"}]}]}. Caller owns it. */
#include <jansson.h>
json_t *process_to_json(const ProcessDef *def);
#endif
