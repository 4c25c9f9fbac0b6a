/*
 * decide.h — who decides: the decision path for a proposed action.
 *
 * Given the units and municipalities an action touches, whether it fits the
 * mission and the budget, whether a political decision is needed and what
 * it costs, the engine returns the ordered steps of its path — who decides,
 * who is informed, who endorses, prioritises, proposes or recommends — each
 * with a Swedish reason citing the rule.
 *
 * The rules are data (rules/NAME.yaml, built into the binary; an organisation
 * may replace or add files in a directory of its own, `--rules DIR` or
 * LOTS_RULES). Shipped: "orebro" (seed 001 §10, the default) and "vgr"
 * (seed 000, processes A and C). The setting `decision_rules` picks the set.
 * The format is described at the top of rules/orebro.yaml.
 *
 * Ownership: a RuleSets owns every RuleSet in it and everything reachable
 * from one; after loading it is only read. A DecidePath owns its strings.
 * This module reads units and municipalities (core/org.h) but writes nothing.
 */
#ifndef LOTS_CORE_DECIDE_H
#define LOTS_CORE_DECIDE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/err.h"
#include "core/org.h"
#include "store/db.h"

typedef enum { DK_DECIDES = 0, DK_INFORMED, DK_ENDORSES, DK_PRIORITISES, DK_PROPOSES, DK_RECOMMENDS, DK_N } DecideKind;

const char *decide_kind_key(DecideKind k);   /* "decides" … as in the API */
const char *decide_kind_label(DecideKind k); /* "beslutar", "informeras" … */

/* --- rules ------------------------------------------------------------------------- */

typedef enum { TRI_ANY = 0, TRI_YES, TRI_NO } Tri;

/* One set of conditions; all must hold. */
typedef struct {
    Tri units, municipalities, within_mandate, within_mission, within_budget, political;
    bool has_cost_over;
    double cost_over; /* kronor: the cost is given and larger */
} RuleCond;

typedef enum { EACH_NONE = 0, EACH_UNIT, EACH_MUNICIPALITY, EACH_GROUP } RuleEach;

typedef struct {
    char *key;      /* stable id of the rule, e.g. "verksamhetschef_beslutar" */
    RuleCond *when; /* any of these (none: always) */
    size_t nwhen;
    RuleEach each;  /* one step per deciding unit, municipality or management group */
    char *actor;    /* template, e.g. "{chef} {placering}" */
    DecideKind kind;
    char *reason;   /* template */
    char *body;     /* the body (short name) the actor is, or "Delegation"; NULL: found from the actor's text */
    int line;
} Rule;

typedef struct {
    char *unit;  /* a förvaltning (or any unit) by name or short name */
    char *actor; /* its management group */
    int line;
} ManagementGroup;

typedef struct {
    char *key;         /* "orebro" */
    char *name;
    char *description; /* may be NULL */
    char *basis;       /* the document the rules come from, may be NULL */
    char *source;      /* "rules/orebro.yaml" or the organisation's file */
    bool is_default;   /* a default the organisation is expected to adapt */
    UnitKind mandate_level; /* who decides within mandate: the nearest unit at or above this level */
    bool has_cost_limit;
    double cost_limit;      /* kronor; above it the action is not within mandate */
    ManagementGroup *groups;
    size_t ngroups;
    char *default_group; /* for units under none of the groups; may be NULL */
    Rule *rules;
    size_t nrules;
} RuleSet;

typedef struct {
    RuleSet **sets; /* sorted by key */
    size_t n;
} RuleSets;

/* Parses one rule file; errors name file and line ("rules/x.yaml:12: …"). */
ErrCode rules_parse(const char *yaml, size_t len, const char *filename, RuleSet **out, Err *e);
void rules_free_one(RuleSet *rs);
/* The built-in sets, then every *.yaml in override_dir (may be NULL): a file
 * whose key matches a built-in replaces it. Any error refuses everything. */
ErrCode rules_load(RuleSets *set, const char *override_dir, Err *e);
void rules_free(RuleSets *set);
const RuleSet *rules_find(const RuleSets *set, const char *key);
/* True if a built-in rule file has this key ("orebro", "vgr"). */
bool rules_builtin(const char *key);
/* The set the setting decision_rules names (default "orebro"). */
ErrCode rules_active(Db *db, const RuleSets *set, const RuleSet **out, Err *e);

/* --- the path ----------------------------------------------------------------------- */

typedef struct {
    const char *const *units; /* ids or names, as unit_find takes them */
    size_t nunits;
    const char *const *municipalities; /* names */
    size_t nmunicipalities;
    bool within_mission, within_budget, political;
    bool has_cost;
    double cost; /* kronor, ≥ 0 */
} DecideInput;

typedef struct {
    char *actor;
    DecideKind kind;
    char *reason;
    char *rule;        /* the rule's key */
    long long unit_id; /* the deciding unit for a per-unit step, else 0 */
    char *person;      /* its manager's name if known, else NULL */
    char *body;        /* the rule's `body`, else NULL */
} DecideStep;

typedef struct {
    DecideStep *steps;
    size_t n;
    char *rules_key, *rules_name;
} DecidePath;

/* Unknown unit or municipality, or neither given: ERR_INVALID naming it. */
ErrCode decide_path(Db *db, const RuleSet *rules, const DecideInput *in, DecidePath *out, Err *e);
void decide_path_free(DecidePath *p);

/* {"rules": KEY, "rules_name": …, "steps": [{"actor","kind","reason","rule"
 * [, "unit_id", "person", "body"]}]}. Caller owns it. */
json_t *decide_path_to_json(const DecidePath *p);
/* One step as in that array. Caller owns it. */
json_t *decide_step_to_json(const DecideStep *s);

/* --- amounts ---------------------------------------------------------------------- */

/* A cost as people type it: "750000", "750 000", "1250,50" or "1250.50"
 * kronor (spaces, no-break spaces and _ between digits allowed). Blank:
 * true with *has false. Anything else, or a negative amount: false. */
bool decide_cost_parse(const char *s, bool *has, double *out);
/* "750 000 kr": whole kronor with spaces between thousands. */
void decide_amount(Buf *b, double kronor);

#endif
