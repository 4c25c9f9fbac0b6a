/*
 * case_scope.h — a case's proposed action ("Åtgärdens omfattning") and what
 * the decision rules propose from it.
 *
 * The scope says which units and municipalities the action touches, whether
 * it fits the mission and the budget, whether a political decision is needed
 * and what it costs (case_scope.c). From it and the active rule set
 * (core/decide.h) the proposal is the case's decision path, the body it
 * proposes to decide and the bodies it proposes to anchor the case in,
 * matched to the bodies of the organisation and of the case's process
 * (case_proposal.c). The proposal is computed each time, never stored: a
 * change of rules or organisation shows at once. The official always
 * chooses; a proposal only pre-selects.
 *
 * Ownership: CaseScope and CaseProposal own everything in them; free them
 * with the matching *_free. A CaseProposal points into the ProcessDef it was
 * made for (decision_step, anchoring_step), which must outlive it.
 */
#ifndef LOTS_CORE_CASE_SCOPE_H
#define LOTS_CORE_CASE_SCOPE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "base/err.h"
#include "core/account.h"
#include "core/body.h"
#include "core/decide.h"
#include "core/process.h"
#include "store/db.h"

/* --- the scope ----------------------------------------------------------------------- */

typedef struct {
    long long id;
    char *name;  /* "Ortopedi", "Kumla" */
    char *label; /* units: "Ortopedi, Universitetssjukhuset Örebro"; municipalities: the name */
} ScopeRef;

typedef struct {
    bool set; /* false: no scope yet, nothing else is filled */
    ScopeRef *units;
    size_t nunits; /* Swedish order of label */
    ScopeRef *municipalities;
    size_t nmunicipalities; /* Swedish order */
    bool within_mission, within_budget, political;
    bool has_cost;
    double cost; /* kronor */
    char *updated_by; /* display name, "" if unknown */
    char *updated_at;
} CaseScope;

/* A case without a scope is ERR_OK with out->set false; an unknown case is
 * ERR_NOTFOUND. */
ErrCode case_scope_get(Db *db, long long case_id, CaseScope *out, Err *e);
void case_scope_free(CaseScope *s);

enum { SCOPE_MAX_REFS = 200 }; /* units or municipalities in one scope */

/* Sets (or replaces) the scope from the same input the engine takes: units
 * by id, short name or name, municipalities by id or name. At least one of
 * them; an unknown or ambiguous one, a reference or note holding a
 * personnummer, or a cost that is negative or not a number is refused with
 * ERR_INVALID and a Swedish message naming it, and nothing is changed.
 * The change and its history event ("Åtgärdens omfattning: …", saying what
 * changed) are written in one transaction; setting the same scope again
 * writes nothing. `note` (the person's why) may be NULL. Readers:
 * ERR_FORBIDDEN. */
ErrCode case_set_scope(Db *db, const Actor *who, long long case_id, const DecideInput *in, const char *note, Err *e);

/* {"units": [{"id", "name", "label"}], "municipalities": [{"id", "name"}],
 * "within_mission", "within_budget", "political", "cost" (kronor or null),
 * "updated_by", "updated_at"}, or JSON null when not set. Caller owns it. */
json_t *case_scope_to_json(const CaseScope *s);

/* --- the proposal --------------------------------------------------------------------- */

typedef struct {
    CaseScope scope;   /* scope.set false: nothing is proposed */
    char *error;       /* the rules gave no path (or could not be read): why; else NULL */
    DecidePath path;   /* the decision path for the scope (empty without one) */
    char **bodies;     /* per step of the path: the body it names, "Delegation", or NULL */
    long decides;      /* the step proposed to decide, -1 if none */
    const Step *decision_step;  /* the process's decision step: the current one, else the first; may be NULL */
    bool decides_allowed;       /* that step lets bodies[decides] decide */
    char *decides_note;         /* one Swedish sentence: what is proposed, or plainly why it does not fit */
    char **anchoring;           /* bodies proposed for förankring, in path order, once each */
    size_t nanchoring;
    const Step *anchoring_step; /* the process's anchoring step: the current one, else the first; may be NULL */
} CaseProposal;

/* The body an actor of a decision path is: an explicit body of its rule
 * wins; else a body whose short name or name the actor is, or "Name
 * (SHORT)" names (case-insensitive); `extra` (short names a process step
 * lists, may be NULL) count as bodies too. NULL when the actor is no body
 * (a verksamhetschef, a municipality). Returns a pointer into the
 * arguments. */
const char *proposal_body_for(const DecideStep *s, const Body *bodies, size_t nbodies, char *const *extra,
                              size_t nextra);

/* The proposal for case `case_id` of process `def` standing in `current_step`,
 * with the rule set named by the setting decision_rules. A scope the rules
 * give no path for is not an error: out->error says why. Fails only when
 * the case or the database cannot be read. */
ErrCode case_propose(Db *db, const RuleSets *rules, const ProcessDef *def, const char *current_step, long long case_id,
                     CaseProposal *out, Err *e);
void case_proposal_free(CaseProposal *p);

/* True if `body` (a short name) is one the proposal asks to anchor in. */
bool proposal_anchors(const CaseProposal *p, const char *body);

/* {"rules", "rules_name", "steps": [{"actor", "kind", "reason", "rule",
 * "body" (or null) …}], "decides": {"body", "actor", "reason", "allowed",
 * "note"} or null, "anchoring": [short names], "error" (when no path)}, or
 * JSON null when the case has no scope. Caller owns it. */
json_t *case_proposal_to_json(const CaseProposal *p);

/* Adds "scope" and "proposal" to a case's JSON detail. */
void case_json_add_proposal(json_t *detail, const CaseProposal *p);

#endif
