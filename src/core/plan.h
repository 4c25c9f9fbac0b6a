/*
 * plan.h — plans and their trees: a strategy, an implementation plan
 * (genomförandeplan), a verksamhetsplan, an administration's strategy map.
 *
 * A plan is a tree of items: area (område) → delområde → effect goal
 * (effektmål) → activity (aktivitet) → indicator (indikator). Levels may be
 * skipped, never reversed. An area has a strategic owner and an assignment
 * owner. An administration's item may point to (refers_to) the regional item
 * it breaks down. An indicator has a unit, a direction (higher or lower is
 * better), a period type (tertial, quarter, month, year) and, per period, a
 * target, an outcome, a follow-up comment and perhaps an owner's override of
 * the goal fulfilment.
 *
 * Goal fulfilment is computed, never typed (core/plan_fulfil.c says exactly
 * how): uppnått / delvis uppnått / ej uppnått from outcome against target
 * with the plan's tolerance, rolled up to activities, goals, delområden and
 * areas. The summary pivot (per area: delområden, activities, indicators) is
 * counted from the tree.
 *
 * Files: plan.c (items for linking cases), plan_plan.c (plans), plan_item.c
 * (items), plan_value.c (indicator values, numbers), plan_fulfil.c (rules),
 * plan_tree.c (tree, roll-ups, summary), plan_json.c, plan_import.c (CSV in),
 * plan_export.c (CSV and xlsx out), plan_demo.c.
 *
 * Ownership: every struct filled by a function here owns its strings (malloc)
 * and is released by the matching _free. Input structs (…New, …Edit) borrow.
 * Writers that change several rows run in one transaction of their own.
 */
#ifndef LOTS_CORE_PLAN_H
#define LOTS_CORE_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/err.h"
#include "core/period.h"
#include "store/db.h"

/* --- items a case can be linked to (the foundation's list) --------------------------- */

typedef struct {
    long long id;
    long long parent_id; /* 0 at the top */
    char *plan_name;
    char *kind; /* "area", "delomrade", "goal", "activity", "indicator" */
    char *code;
    char *title;
    /* added by the plans issue */
    long long plan_id;
    int depth; /* 0 for a top item; plan_items_list returns each plan depth-first */
} PlanItem;

ErrCode plan_items_list(Db *db, PlanItem **out, size_t *n, Err *e);
/* "NV-1 Delaktighet och medskapande" (malloc'd), or NULL if there is no such item. */
char *plan_item_label(Db *db, long long item, Err *e);
void plan_items_free(PlanItem *items, size_t n);

/* --- words ------------------------------------------------------------------------------- */

/* Ordered so that a worse level compares lower (worst-of is min). */
typedef enum { FUL_NONE = 0, FUL_NOT_MET = 1, FUL_PARTLY = 2, FUL_MET = 3 } Fulfilment;
typedef enum { DIR_HIGHER = 0, DIR_LOWER = 1 } Direction;

const char *fulfilment_key(Fulfilment f);   /* "met", "partly", "not_met"; NULL for FUL_NONE */
const char *fulfilment_label(Fulfilment f); /* "uppnått", "delvis uppnått", "ej uppnått", "ej bedömt" */
/* Accepts the keys and the Swedish labels (any case; "ej uppnatt" without
 * diacritics too). FUL_NONE is never parsed. */
bool fulfilment_parse(const char *s, Fulfilment *out);
const char *direction_key(Direction d);   /* "higher", "lower" */
const char *direction_label(Direction d); /* "högre är bättre", "lägre är bättre" */
bool direction_parse(const char *s, Direction *out);

/* Item kinds, from the top: area, delomrade, goal, activity, indicator.
 * rank 0–4, -1 for an unknown kind. */
int plan_kind_rank(const char *kind);
const char *plan_kind_label(const char *kind);        /* "Område", "Delområde", "Effektmål" … */
const char *plan_kind_label_plural(const char *kind); /* "Områden" … */
bool plan_status_valid(const char *status);           /* "", planned, ongoing, done, cancelled */
const char *plan_status_label(const char *status);    /* "", "Planerad", "Pågår", "Klar", "Avbruten" */

/* --- numbers ----------------------------------------------------------------------------- */

/* "57", "57.5", "57,5", "-3", "1 200", "85 %" → double. False for anything
 * else (empty, letters, two decimal marks, not finite). */
bool plan_number_parse(const char *s, double *out);
/* Canonical text: at most 15 significant digits, no trailing zeros, '.' as
 * the decimal mark ("57", "57.5"). out holds 32 bytes. */
char *plan_number_format(double v, char out[32]);
/* The same with a decimal comma, for Swedish readers ("57,5"). */
char *plan_number_format_sv(double v, char out[32]);

/* --- fulfilment (plan_fulfil.c) ------------------------------------------------------- */

/* The computed level of one outcome against its target; see plan_fulfil.c. */
Fulfilment fulfilment_compute(Direction d, double tolerance_pct, double target, double outcome);

/* Counts of the indicators beneath an item (or the indicator itself) by their
 * level, and the rolled-up level (plan_fulfil.c says how). */
typedef struct {
    int met, partly, not_met;
    int missing; /* indicators without a level in the period (no outcome yet) */
    Fulfilment level;
} Rollup;

void rollup_add(Rollup *r, Fulfilment f);
void rollup_merge(Rollup *into, const Rollup *from);
Fulfilment rollup_level(const Rollup *r);

/* --- plans (plan_plan.c) --------------------------------------------------------------- */

typedef struct {
    long long id;
    char *key;
    char *name;
    char *kind; /* strategi, genomforandeplan, verksamhetsplan, strategikarta, plan */
    char *description;
    char *organisation; /* "" for a regional plan */
    long long based_on; /* 0: none */
    char *period_from;  /* "2024" or "" */
    char *period_to;
    double tolerance_pct;
    /* counts from the database */
    long long items;
    long long indicators;
} Plan;

typedef struct {
    const char *key; /* a–z, 0–9, '-', '_'; unique */
    const char *name;
    const char *kind; /* NULL: "plan" */
    const char *description;
    const char *organisation;
    long long based_on;
    const char *period_from; /* NULL or "": not set; else a period */
    const char *period_to;
    double tolerance_pct; /* 0–100 */
} PlanNew;

bool plan_kind_valid(const char *kind);
const char *plan_kind_name(const char *kind); /* "Strategi", "Genomförandeplan" … */

ErrCode plan_list(Db *db, Plan **out, size_t *n, Err *e);
void plan_list_free(Plan *plans, size_t n);
ErrCode plan_get(Db *db, long long id, Plan *out, Err *e); /* ERR_NOTFOUND: "planen 7 finns inte" */
void plan_free(Plan *p);
/* "7" or a key such as "genomforandeplan" → id; ERR_NOTFOUND otherwise. */
ErrCode plan_resolve(Db *db, const char *id_or_key, long long *id, Err *e);
ErrCode plan_create(Db *db, const PlanNew *in, long long *id, Err *e);
ErrCode plan_set_tolerance(Db *db, long long plan_id, double pct, Err *e);

/* --- items (plan_item.c) ---------------------------------------------------------------- */

typedef struct {
    long long plan_id;
    long long parent_id; /* 0: at the top */
    const char *kind;
    const char *code; /* unique within the plan */
    const char *title;
    const char *description;
    const char *strategic_owner;
    const char *assignment_owner;
    const char *status;  /* activities: "", planned, ongoing, done, cancelled */
    long long refers_to; /* 0 or an item of another plan */
    /* indicators only */
    const char *unit;
    Direction direction;
    PeriodType period_type;
} PlanItemNew;

/* Adds one item (and its indicator row) in a transaction of its own. */
ErrCode plan_item_add(Db *db, const PlanItemNew *in, long long *id, Err *e);
/* The id of the item with this code in the plan (plan_id 0: in any plan, which
 * must then be only one); ERR_NOTFOUND / ERR_INVALID with a message naming it. */
ErrCode plan_item_by_code(Db *db, long long plan_id, const char *code, long long *id, Err *e);

/* --- indicator values (plan_value.c) ------------------------------------------------------ */

typedef enum { EDIT_KEEP = 0, EDIT_CLEAR, EDIT_SET } ValueEdit;

typedef struct {
    long long indicator_id;
    Period period; /* must be of the indicator's period type */
    ValueEdit target_edit;
    double target;
    ValueEdit outcome_edit;
    double outcome;
    ValueEdit comment_edit;
    const char *comment;
    ValueEdit override_edit; /* SET needs a level and a comment */
    Fulfilment override;
    const char *override_comment;
    long long by; /* user id, 0: not known (CLI import without --as) */
} IndicatorValueEdit;

/* Writes one period's values (insert or update) in a transaction of its own. */
ErrCode indicator_value_set(Db *db, const IndicatorValueEdit *in, Err *e);

typedef struct {
    Period period;
    char text[PERIOD_TEXT_MAX];
    bool has_target, has_outcome;
    double target, outcome;
    char *comment;
    Fulfilment override; /* FUL_NONE: none */
    char *override_comment;
    Fulfilment computed;   /* from outcome and target; FUL_NONE without both */
    Fulfilment fulfilment; /* the override if any, else computed */
    bool overridden;
} IndicatorPoint;

typedef struct {
    long long id;
    long long plan_id;
    char *plan_name;
    char *code;
    char *title;
    char *unit;
    Direction direction;
    PeriodType period_type;
    double tolerance_pct;
    IndicatorPoint *points; /* in period order */
    size_t n;
} IndicatorSeries;

/* ERR_NOTFOUND unless id is an indicator. */
ErrCode indicator_series(Db *db, long long id, IndicatorSeries *out, Err *e);
void indicator_series_free(IndicatorSeries *s);
void indicator_point_free(IndicatorPoint *p);

/* --- the tree (plan_tree.c) ----------------------------------------------------------------- */

typedef struct {
    long long id;
    long long parent_id; /* 0 at the top */
    size_t parent;       /* index in the tree, SIZE_MAX at the top */
    int depth;           /* 0 at the top */
    char *kind, *code, *title, *description;
    char *strategic_owner, *assignment_owner, *status;
    long long refers_to; /* 0: none */
    char *refers_to_code, *refers_to_title, *refers_to_plan;
    /* indicators */
    bool is_indicator;
    char *unit;
    Direction direction;
    PeriodType period_type;
    bool has_point; /* a value row for the period the tree shows */
    IndicatorPoint point;
    /* every node */
    Rollup rollup;
    long long cases; /* cases linked to this very item (the cases that serve it) */
} PlanNode;

typedef struct {
    Plan plan;
    PlanNode *nodes; /* pre-order: a parent before its children, siblings by sort order */
    size_t n;
    bool has_period; /* false: each indicator's latest assessed period */
    Period period;
} PlanTree;

/* Loads the tree with every indicator's point and the roll-ups.
 * as_of NULL: each indicator shows its latest period with a level (outcome or
 * override). as_of P: each indicator shows its own period that contains P's
 * last month (for a tertial indicator and P = 2024-T1 that is 2024-T1; for a
 * monthly one 2024-04; for a yearly one 2024), whether or not it has an
 * outcome yet. */
ErrCode plan_tree_load(Db *db, long long plan_id, const Period *as_of, PlanTree *out, Err *e);
void plan_tree_free(PlanTree *t);

/* The summary pivot, counted from the tree: per area the items of each kind
 * anywhere beneath it; total = delomraden + activities + indicators (as in
 * the seed's table; goals are counted but not in total). Items outside any
 * area get a row of their own (area 0, "Utan område"). */
typedef struct {
    long long area_id;
    char *code, *title; /* borrowed from the tree */
    int delomraden, goals, activities, indicators, total;
} PlanSummaryRow;

typedef struct {
    PlanSummaryRow *rows;
    size_t n;
    PlanSummaryRow total;
} PlanSummary;

void plan_summary(const PlanTree *t, PlanSummary *out);
void plan_summary_free(PlanSummary *s);

/* --- JSON (plan_json.c); each returns a new reference ------------------------------------------ */

json_t *plan_to_json(const Plan *p);
json_t *plan_tree_to_json(const PlanTree *t); /* {"plan", "period", "items": [nested]} */
json_t *plan_summary_to_json(const PlanSummary *s);
json_t *indicator_series_to_json(const IndicatorSeries *s);
/* The tertial report for t's period: every indicator with its point, grouped
 * under its area, and the counts per level. */
json_t *plan_report_to_json(const PlanTree *t);
/* A number as a JSON integer when it is whole, else a real. */
json_t *plan_number_json(double v);

/* --- CSV import and export (plan_import.c, plan_export.c) ------------------------------------- */

typedef struct {
    int rows;       /* data lines read */
    int indicators; /* distinct indicators touched */
} PlanImportCounts;

/* Imports targets, outcomes, comments and overrides from CSV text (format in
 * plan_import.c and docs), all or nothing in one transaction; the first bad
 * line is named: "rad 7: okänd period '2024-T4': …". by: user id or 0. */
ErrCode plan_import_csv(Db *db, const char *text, size_t len, long long by, PlanImportCounts *counts, Err *e);

typedef struct {
    int plans_new;
    int items_new;
    int items_updated;   /* existing codes whose texts or owners changed */
    int items_unchanged; /* existing codes the file repeats as they are */
} PlanStructureCounts;

/* Plans and their trees from CSV text (plan_structure.c gives the columns):
 * new plans are created, new item codes added, existing codes updated; all
 * or nothing in one transaction, the first bad line named ("rad 7: okänd
 * överordnad punkt 'NV-9' i plan 'hsf'"). Parents stand before children. */
ErrCode plan_structure_import(Db *db, const char *text, size_t len, PlanStructureCounts *counts, Err *e);

/* Every indicator value of the plan as CSV (columns in plan_export.c),
 * which plan_import_csv reads back. */
ErrCode plan_export_csv(Db *db, long long plan_id, Buf *out, Err *e);
/* The follow-up as an Excel workbook: a summary pivot sheet, then one sheet
 * per area with its indicators' periods. Written to path. */
ErrCode plan_export_xlsx(Db *db, long long plan_id, const char *path, Err *e);
/* The same into a buffer (through a temporary file). */
ErrCode plan_export_xlsx_buf(Db *db, long long plan_id, Buf *out, Err *e);

/* --- demo (plan_demo.c) ------------------------------------------------------------------------- */

/* The VGR genomförandeplan 2024–2027 with its areas, owners, delområden and
 * effect goals from the seed, and Regionhälsan's plan with the indicator and
 * the five periods of its follow-up table. Refuses (ERR_CONFLICT) when the
 * demo plans are already there. One transaction. */
ErrCode plan_demo_load(Db *db, Err *e);

#endif
