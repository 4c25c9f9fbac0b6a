/*
 * case.h — cases (ärenden): registering, reading, listing and working them.
 *
 * A case is routed to a process by its origin, gets a reference number at
 * once (core/refno.c) and a main case officer, and moves through the steps of
 * its process. Every change is appended to the case's history (core/history.c)
 * in the same transaction as the change itself.
 *
 * Ownership: Case, CaseList and CaseDetail own their strings; free them with
 * the matching *_free. Functions that change something take the acting person
 * (Actor) and refuse readers (läsare) with ERR_FORBIDDEN.
 */
#ifndef LOTS_CORE_CASE_H
#define LOTS_CORE_CASE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "core/account.h"
#include "core/process.h"
#include "store/db.h"

typedef struct {
    long long id;
    char *ref; /* "HS 2026-00001" */
    char *title;
    char *description;
    int origin;       /* 1–6 */
    char *process;    /* "A", "B", "C" */
    char *step;       /* key of the current step */
    long long officer_id;
    char *officer_name; /* display name of the main case officer, "" if none */
    char *created_by_name;
    char *created_at;
    char *updated_at;
} Case;

/* --- registering and reading ------------------------------------------- */

typedef struct {
    const char *title;       /* required, ≤ 200 characters */
    const char *description; /* may be NULL */
    int origin;              /* 1–6 */
    long long officer_id;    /* 0: the registering person becomes officer */
} CaseNew;

ErrCode case_create(Db *db, const ProcessSet *ps, const Actor *who, const CaseNew *in, Case *out, Err *e);
/* case_create's work (checks, reference number, the row, its "created"
 * event) inside a transaction the caller holds, for a caller that writes
 * more in the same transaction (a signal case with its evidence). */
ErrCode case_create_tx(Db *db, const ProcessSet *ps, const Actor *who, const CaseNew *in, long long *id, Err *e);
ErrCode case_get(Db *db, long long id, Case *out, Err *e);
ErrCode case_get_by_ref(Db *db, const char *ref, Case *out, Err *e);
void case_free(Case *c);

typedef struct {
    const char *process; /* NULL or "" for all */
    const char *step;
    int origin;          /* 0 for all */
    const char *q;       /* free text over ref, title and description */
    long long officer_id; /* 0 for all */
    int limit;           /* page size, 1–200 (default 25) */
    int offset;
    long long plan_item_id; /* 0 for all: else the cases linked to this plan item */
} CaseFilter;

typedef struct {
    Case *items;
    size_t n;
    long long total; /* matching cases, ignoring limit/offset */
} CaseList;

ErrCode case_list(Db *db, const CaseFilter *f, CaseList *out, Err *e);
void case_list_free(CaseList *l);

/* Counts per process and step, for the start page. */
typedef struct {
    char process[16];
    char step[64];
    long long count;
} StepCount;
ErrCode case_counts(Db *db, StepCount **out, size_t *n, Err *e);

/* --- the parts of a case page -------------------------------------------- */

typedef struct {
    const ChecklistItem *def; /* from the process definition */
    char *state;              /* "open", "done", "na" */
    char *note;
    char *updated_by;         /* display name, "" if never answered */
    char *updated_at;
} ChecklistEntry;

typedef struct {
    long long plan_item_id;
    char *code;
    char *title;
    char *plan_name;
    char *note;
} CaseLink;

typedef struct {
    long long id;
    char *step;
    char *body;
    char *answer; /* tillstyrker, tillstyrker_med_andring, avstyrker, information */
    char *note;
    char *consulted_on;
    char *created_by;
} Consultation;

typedef struct {
    long long id;
    char *step;
    char *body;
    char *decided_on;
    char *paragraph;
    char *text;
    char *created_by;
} Decision;

typedef struct {
    long long id;
    char *at;
    char *user_name; /* display name, "" for the system */
    char *kind;
    char *summary;
    char *note;
} CaseEvent;

typedef struct {
    const Transition *t;
    bool blocked;
    char *why; /* the engine's reason when blocked, else NULL */
} OpenTransition;

typedef struct {
    Case c;
    const ProcessDef *def;
    const Step *step;
    ChecklistEntry *checklist; /* items of the current step, definition order */
    size_t nchecklist;
    CaseLink *links;
    size_t nlinks;
    Consultation *consultations; /* all steps, oldest first */
    size_t nconsultations;
    Decision *decisions;
    size_t ndecisions;
    CaseEvent *events; /* oldest first */
    size_t nevents;
    OpenTransition *transitions; /* every transition out of the current step */
    size_t ntransitions;
} CaseDetail;

ErrCode case_detail(Db *db, const ProcessSet *ps, long long id, CaseDetail *out, Err *e);
void case_detail_free(CaseDetail *d);

/* --- working a case ------------------------------------------------------ */

/* state: "open", "done" or "na"; "na" needs a note (the reason). The item
 * must belong to the current step. */
ErrCode case_set_checklist(Db *db, const ProcessSet *ps, const Actor *who, long long id, const char *item,
                           const char *state, const char *note, Err *e);

/* Moves the case to step `to` along a transition that is open from the
 * current step; ERR_CONFLICT with the engine's reason when it is blocked. */
ErrCode case_move(Db *db, const ProcessSet *ps, const Actor *who, long long id, const char *to,
                  const char *note, Err *e);

ErrCode case_link(Db *db, const Actor *who, long long id, long long plan_item_id, const char *note, Err *e);
ErrCode case_unlink(Db *db, const Actor *who, long long id, long long plan_item_id, Err *e);

/* Förankring: allowed in an anchoring step; body must be one of the step's
 * consult list or a known body; date ISO (YYYY-MM-DD). */
typedef struct {
    const char *body;
    const char *answer;
    const char *date;
    const char *note;
} ConsultationNew;
ErrCode case_consult(Db *db, const ProcessSet *ps, const Actor *who, long long id, const ConsultationNew *in,
                     Err *e);

/* Beslut: allowed in a decision step; body one of the step's deciders. */
typedef struct {
    const char *body;
    const char *date;
    const char *paragraph; /* "§ 61", may be empty for a delegation decision */
    const char *text;
} DecisionNew;
ErrCode case_decide(Db *db, const ProcessSet *ps, const Actor *who, long long id, const DecisionNew *in,
                    Err *e);

ErrCode case_set_officer(Db *db, const Actor *who, long long id, long long officer_id, const char *note,
                         Err *e);

/* Labels for the answers a consulted body can give. */
const char *consultation_answer_label(const char *answer);
bool consultation_answer_valid(const char *answer);
const char *checklist_state_label(const char *state);

#endif
