/*
 * group.h — groups and bodies (nämnder, koncernledningsgrupper, samordningsråd,
 * samordnande grupper, funktionsgrupper, sakkunniggrupper, lagstadgade grupper,
 * kundråd, råd, RPO, LPO, LAG, nätverk, ledningsgrupper): their members with a
 * role and a term, their commission documents (uppdragshandling, versioned),
 * mandates and delegations, composition checks, overlap warnings between
 * commissions, and the tasks a change leaves for someone (the metodstöd told
 * that a municipal representative has left).
 *
 * A body (core/body.h: the short name cases use for förankring and beslut)
 * is a group seen from the cases: a group created with `body` set is linked
 * to (or creates) the body row of its short name. See migrations/0004.
 *
 * A group decides nothing by itself: its power is the mandates its current
 * members carry (group_power), plus, for a nämnd or råd, mandates given to the
 * body as a whole.
 *
 * "today" parameters are "YYYY-MM-DD" or NULL for the local date; tests pass
 * a fixed day. Every text passes freetext_check (no personnummer); errors are
 * Swedish sentences naming the value.
 *
 * Transactions: the writers (group_add, group_update, group_member_add,
 * group_member_change, group_member_end, commission_add, mandate_add,
 * mandate_end, group_set_rmks_approval, task_done) each make their change and
 * its group event in one transaction of their own; a refused change changes
 * nothing. The demo loader (group_demo_load) runs inside its caller's
 * transaction instead.
 *
 * Ownership: structs filled here own their strings; free them with the
 * matching *_free. JSON returned by *_to_json belongs to the caller.
 */
#ifndef LOTS_CORE_GROUP_H
#define LOTS_CORE_GROUP_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "base/err.h"
#include "core/account.h"
#include "store/db.h"

/* --- types and roles ------------------------------------------------------------------- */

typedef enum {
    GT_NAMND = 0,
    GT_KONCERNLEDNINGSGRUPP,
    GT_SAMORDNINGSRAD,
    GT_SAMORDNANDE_GRUPP,
    GT_FUNKTIONSGRUPP,
    GT_SAKKUNNIGGRUPP,
    GT_LAGSTADGAD_GRUPP,
    GT_KUNDRAD,
    GT_RAD,
    GT_RPO,
    GT_LPO,
    GT_LAG,
    GT_NATVERK,
    GT_LEDNINGSGRUPP,
    GT_N
} GroupType;

const char *group_type_key(GroupType t);   /* as stored: "nämnd", "samordnande grupp", "LPO" */
const char *group_type_label(GroupType t); /* "Lokalt programområde (LPO)" */
/* Accepts the stored words in any case, with or without å/ä/ö, and _ or -
 * for a space ("samordnande_grupp", "namnd", "lpo"). */
bool group_type_parse(const char *s, GroupType *out);

typedef enum {
    GR_ORDFORANDE = 0,
    GR_LEDAMOT,
    GR_ADJUNGERAD,
    GR_METODSTOD,
    GR_SEKRETERARE,
    GR_KONTAKTPERSON,
    GR_KOMMUNAL,     /* kommunal representant */
    GR_PATIENT,      /* patientföreträdare */
    GR_BRUKAR,       /* brukarföreträdare */
    GR_NARSTAENDE,   /* närståendeföreträdare */
    GR_N
} GroupRole;

const char *group_role_key(GroupRole r); /* "ordförande", "kommunal representant" … */
bool group_role_parse(const char *s, GroupRole *out); /* same leniency as group_type_parse */
/* Patient-, brukar- or närståendeföreträdare. */
bool group_role_is_patient_rep(GroupRole r);

/* --- groups ---------------------------------------------------------------------------- */

typedef struct {
    long long id;
    GroupType type;
    char *name;        /* "Lokal arbetsgrupp Stroke" */
    char *short_name;  /* "" if none; the body's short name when body_id */
    char *description; /* "" */
    long long parent_id, reports_to_id, unit_id, body_id; /* 0: none */
    char *parent_name, *reports_to_name, *unit_name;       /* "" if none */
    bool seeks_patient_rep, has_municipal_parts, multiprofessional;
    char *rmks_approved_on; /* "" if not approved (or not an LPO) */
    int nmembers;           /* current members (as of the day asked) */
} Group;

typedef struct {
    const char *type; /* group_type_parse's words */
    const char *name;
    const char *short_name;  /* may be NULL; required when body */
    const char *description; /* may be NULL */
    const char *parent;      /* a group by id, short name or name; may be NULL */
    const char *reports_to;  /* likewise; NULL: reports to the parent */
    const char *unit;        /* a unit as unit_find takes it; may be NULL */
    bool body;               /* acts as a body in cases: link (or create) the body row of short_name */
    /* -1: the type's default (LAG: seeks a patient representative; LAG, LPO
     * and RPO: multiprofessional; none has municipal parts by default). */
    int seeks_patient_rep, has_municipal_parts, multiprofessional;
    const char *rmks_approved_on; /* LPO only; may be NULL */
} GroupNew;

/* Names are unique (any case), and so are non-empty short names. */
ErrCode group_add(Db *db, const Actor *who, const GroupNew *in, long long *id, Err *e);
ErrCode group_get(Db *db, long long id, Group *out, Err *e); /* ERR_NOTFOUND */
/* By id ("12"), short name ("KL HoS") or name, any case. Unknown:
 * ERR_NOTFOUND "okänd grupp 'X'". */
ErrCode group_find(Db *db, const char *ref, Group *out, Err *e);
void group_free(Group *g);
/* Every group, by type (the enum's order) and then name in Swedish order;
 * nmembers counted as of `today`. */
ErrCode group_list(Db *db, const char *today, Group **out, size_t *n, Err *e);
void group_list_free(Group *g, size_t n);
/* RMKS has approved an LPO's composition on `date` (YYYY-MM-DD). Only an LPO. */
ErrCode group_set_rmks_approval(Db *db, const Actor *who, long long id, const char *date, Err *e);
/* What a change of a group (group_update) changes: NULL, or -1 for a flag,
 * keeps what is there. parent, reports_to and unit: "" clears (reports_to
 * cleared: the group reports to its parent). */
typedef struct {
    const char *type, *name, *short_name, *description;
    const char *parent, *reports_to, *unit; /* as group_add takes them */
    /* 1: acts as a body in cases (links or creates the body of its short
     * name); 0: does not — refused for a group that is a body already, since
     * cases and process definitions name the body by its short name. */
    int body;
    int seeks_patient_rep, has_municipal_parts, multiprofessional;
    const char *note; /* why; kept in the group's history; may be NULL */
} GroupEdit;

/* Changes a group by group_add's rules, and: a group neither belongs under
 * (parent) nor reports to itself or a group that, directly or through
 * others, belongs under or reports to it — a loop would make the reporting
 * and escalation path meaningless. A body keeps its short name (cases and
 * processes name it so); renaming a body renames it in cases' lists too.
 * Refused: a Swedish message naming the field, nothing changed. Accepted: one
 * "changed" event listing old and new values. *changed (may be NULL) says
 * whether anything differed. */
ErrCode group_update(Db *db, const Actor *who, long long id, const GroupEdit *in, bool *changed, Err *e);

/* One line of a group's history (group_events). */
typedef struct {
    long long id;
    char *at;      /* ISO time */
    char *user;    /* display name; "" for the system */
    char *kind;    /* created, changed, member, member_change, member_end, commission, mandate, mandate_end,
                      approval, task, task_done */
    char *summary; /* the Swedish sentence */
    char *note;    /* the why given, "" */
} GroupEvent;

/* Newest first. */
ErrCode group_history(Db *db, long long group_id, GroupEvent **out, size_t *n, Err *e);
void group_history_free(GroupEvent *h, size_t n);

/* The groups above this one, following reports_to (else parent), nearest
 * first; stops at a group met twice. */
ErrCode group_report_path(Db *db, long long id, Group **out, size_t *n, Err *e);
/* A group for every body that has none (type from the body's kind; a group
 * of the body's name becomes its group). In the caller's transaction, if any. */
ErrCode groups_from_bodies(Db *db, int *added, Err *e);

/* --- members ----------------------------------------------------------------------------- */

typedef struct {
    long long id, group_id, person_id;
    GroupRole role;
    long long municipality_id; /* kommunal representant: the municipality represented */
    char *group_name;
    char *person_name, *person_title, *professions; /* professions: "läkare, sjuksköterska" or "" */
    char *municipality_name;                       /* "Kumla kommun", "" */
    char *from_date, *to_date, *ended_on, *end_note; /* "" when not set */
    bool current;     /* not ended and started, as of the day asked */
    bool term_passed; /* current, but to_date is before the day asked */
} GroupMember;

typedef struct {
    const char *person;       /* id or name (any case) of a person of the organisation */
    const char *role;         /* group_role_parse's words */
    const char *municipality; /* kommunal representant: by name; NULL: the person's own municipality */
    const char *from, *to;    /* YYYY-MM-DD or NULL */
} MemberNew;

/* A kommunal representant needs a municipality; no one holds the same role
 * in a group twice at the same time. */
ErrCode group_member_add(Db *db, const Actor *who, long long group_id, const MemberNew *in, long long *id, Err *e);
/* What group_member_change changes in a membership not ended: NULL keeps. */
typedef struct {
    const char *role;         /* group_role_parse's words */
    const char *to;           /* end of the term as appointed, YYYY-MM-DD; "" open */
    const char *municipality; /* a kommunal representant's; NULL: kept, or the person's own when the role
                                 becomes kommunal representant */
    const char *note;         /* why; may be NULL */
} MemberChange;

/* Sets or corrects the role and the end of the term (to ≥ from) of a
 * membership that has not ended; no one holds the same role twice at once.
 * *changed (may be NULL): whether anything differed (then one event). */
ErrCode group_member_change(Db *db, const Actor *who, long long group_id, long long member_id, const MemberChange *in,
                            bool *changed, Err *e);
/* Ends a membership on `on` (NULL: today); note is the why (may be NULL).
 * When a kommunal representant leaves, a task goes to each current metodstöd
 * of the group (else the chair, else to nobody yet): tell them and agree a
 * successor with the chair. *ntasks (may be NULL) gets how many. */
ErrCode group_member_end(Db *db, const Actor *who, long long group_id, long long member_id, const char *on,
                         const char *note, int *ntasks, Err *e);
/* Current members first (by role, then name in Swedish order), then the
 * others (ended or not yet started), newest end first. */
ErrCode group_members(Db *db, long long group_id, const char *today, GroupMember **out, size_t *n, Err *e);
/* A person's memberships in every group: current first (by group name), then
 * the ended and the coming ones, newest end first. */
ErrCode person_groups(Db *db, long long person_id, const char *today, GroupMember **out, size_t *n, Err *e);
void group_members_free(GroupMember *m, size_t n);

/* --- commissions (uppdragshandling) ------------------------------------------------------- */

typedef enum {
    COMM_DATUM = 0,
    COMM_DIARIENUMMER,
    COMM_ANSVARSOMRADE,
    COMM_UPPDRAGSGIVARE,
    COMM_UPPDRAGSTAGARE,
    COMM_SYFTE,
    COMM_UPPDRAGSBESKRIVNING,
    COMM_ORDFORANDE,  /* arbetsorganisation */
    COMM_DELTAGARE,   /* arbetsorganisation */
    COMM_ADJUNGERADE, /* arbetsorganisation */
    COMM_MOTESFREKVENS,
    COMM_UNDERGRUPPER,
    COMM_SAMBAND, /* samband och gränsdragning */
    COMM_KOMMUNIKATION,
    COMM_RAPPORTERING,     /* beslutsordning */
    COMM_BESLUTSFATTANDE,  /* beslutsordning */
    COMM_N
} CommissionField;

const char *commission_field_key(CommissionField f);   /* JSON key and column: "ansvarsomrade" */
const char *commission_field_label(CommissionField f); /* "Ansvarsområde" */
/* The JSON object a field is nested in ("arbetsorganisation", "beslutsordning")
 * or NULL for a top-level field. */
const char *commission_field_section(CommissionField f);

typedef struct {
    long long id, group_id;
    int version;
    char *f[COMM_N]; /* every field, "" when empty */
    char *note;    /* why this version */
    char *created_by, *created_at; /* display name ("" for the system) and time */
} Commission;

typedef struct {
    const char *f[COMM_N]; /* NULL: carried over from the current version ("" clears) */
    const char *note;    /* may be NULL */
} CommissionNew;

/* Adds the next version (1 for the first). datum is required (YYYY-MM-DD)
 * and so is uppdragsbeskrivning, each either given or carried over. The
 * earlier versions stay as they were. */
ErrCode commission_add(Db *db, const Actor *who, long long group_id, const CommissionNew *in, int *version, Err *e);
/* The newest version; ERR_NOTFOUND when the group has none. */
ErrCode commission_current(Db *db, long long group_id, Commission *out, Err *e);
/* Every version, newest first. */
ErrCode commission_versions(Db *db, long long group_id, Commission **out, size_t *n, Err *e);
void commission_free(Commission *c);
void commission_list_free(Commission *c, size_t n);

/* --- mandates and the power of a group ------------------------------------------------------ */

typedef enum { MH_GROUP_ROLE = 0, MH_GROUP, MH_UNIT_MANAGER, MH_PERSON } MandateHolder;

typedef struct {
    long long id;
    bool delegation;
    MandateHolder holder;
    long long group_id, unit_id, person_id; /* the one the holder kind uses */
    GroupRole role;                          /* MH_GROUP_ROLE */
    char *holder_text;   /* "ordförande i Samordnande grupp …", "Verksamhetschef, Ortopedi", "Maja Ek" */
    char *decides;
    bool within_mission, within_budget, whole_area;
    long long granted_by_id; /* 0: none */
    char *granted_by;        /* the granting group's name, else granted_by_text, else "" */
    char *decision_ref;      /* "" */
    char *from_date, *to_date; /* to_date: the last day it holds, "" open */
    char *ended_at;            /* ISO time mandate_end was registered; "" not ended */
    char *ended_by, *end_note; /* display name and why, "" */
} Mandate;

typedef struct {
    const char *group;  /* holder: a role in this group (with role) or the group as a whole */
    const char *role;   /* with group; NULL: the group as a whole */
    const char *unit;   /* holder: the manager of this unit */
    const char *person; /* holder: this person */
    const char *decides;
    bool within_mission, within_budget, whole_area;
    bool delegation;             /* delegated by granted_by (required then) */
    const char *granted_by;      /* a group by id, short name or name; may be NULL */
    const char *granted_by_text; /* in words, when not a group; may be NULL */
    const char *decision_ref;    /* may be NULL */
    const char *from, *to;       /* may be NULL */
} MandateNew;

/* Exactly one holder: group (± role), unit or person. */
ErrCode mandate_add(Db *db, const Actor *who, const MandateNew *in, long long *id, Err *e);
/* Ends (withdraws) a mandate or delegation: it holds through `on` (NULL:
 * today) and no longer after. Not before its from_date, not after a to_date
 * it already has; one already ended (or whose to_date has passed) is refused
 * (ERR_CONFLICT). note: why (may be NULL). The event goes to the holding
 * group, else the granting one. */
ErrCode mandate_end(Db *db, const Actor *who, long long id, const char *on, const char *note, Err *e);
/* Every mandate, holders in Swedish order. */
ErrCode mandate_list(Db *db, Mandate **out, size_t *n, Err *e);
ErrCode mandate_get(Db *db, long long id, Mandate *out, Err *e); /* ERR_NOTFOUND */
/* In force on `day`: started (or no from_date) and not past its to_date. */
bool mandate_in_force(const Mandate *m, const char *day);
/* The mandates of a group, in force or not, holders in Swedish order: held
 * by a role in it or by the group as a whole, granted or delegated by it, or
 * carried by a current member (in person or as a unit's manager, as
 * group_power counts them). */
ErrCode group_mandates(Db *db, long long group_id, const char *today, Mandate **out, size_t *n, Err *e);
void mandate_free(Mandate *m);
void mandate_list_free(Mandate *m, size_t n);

typedef struct {
    long long member_id;
    char *person_name;
    GroupRole role;  /* the member's role in the group */
    char *via;       /* "som ordförande i gruppen", "som Verksamhetschef, Ortopedi", "personligt mandat" */
    Mandate mandate; /* owned */
} PowerItem;

typedef struct {
    char *note;      /* the Swedish sentence saying what this list is */
    PowerItem *items; /* what the current members carry */
    size_t n;
    Mandate *own;    /* mandates of the group as a whole (a nämnd, a råd) */
    size_t nown;
} GroupPower;

/* The group's power as the mandates its current members carry — by their
 * role in this group, as managers of a unit, or in person — in force on
 * `today`; plus the mandates held by the group as a whole. */
ErrCode group_power(Db *db, long long group_id, const char *today, GroupPower *out, Err *e);
void group_power_free(GroupPower *p);
/* The mandates a person carries on `today`: in person, by a role in a group
 * they sit in now ("som ordförande i LAG Stroke"; member_id that
 * membership), and as the manager of their unit (group_power's rule). */
ErrCode person_power(Db *db, long long person_id, const char *today, PowerItem **out, size_t *n, Err *e);
void power_items_free(PowerItem *p, size_t n);

/* --- composition checks (group_check.c) ------------------------------------------------------- */

typedef struct {
    char *code;    /* machine word: no_chair, no_patient_rep, not_multiprofessional, no_municipal_rep,
                      not_rmks_approved, changed_after_approval, term_passed, no_metodstod, no_contact */
    char *message; /* the Swedish sentence */
    long long member_id; /* the member concerned, else 0 */
} GroupProblem;

typedef struct {
    GroupProblem *items;
    size_t n;
} GroupProblems;

/* The problems of one group's composition as of `today`. A group without any
 * current member is not checked on its members (its composition is not
 * known, not wrong); an LPO's RMKS approval is checked regardless. */
ErrCode group_check(Db *db, long long group_id, const char *today, GroupProblems *out, Err *e);
void group_problems_free(GroupProblems *p);

typedef struct {
    Group group;
    GroupProblems problems;
} GroupCheck;

/* Every group (group_list's order) with its problems. */
ErrCode group_check_all(Db *db, const char *today, GroupCheck **out, size_t *n, Err *e);
void group_check_all_free(GroupCheck *c, size_t n);

/* --- tasks (group_task.c) ---------------------------------------------------------------------- */

typedef struct {
    long long id, person_id, group_id; /* 0: none */
    char *person_name, *group_name;    /* "" */
    char *text, *link, *created_at, *done_at;
} Task;

/* Open tasks, oldest first; person_id 0: everyone's. */
ErrCode task_list_open(Db *db, long long person_id, Task **out, size_t *n, Err *e);
void task_list_free(Task *t, size_t n);
/* Marks a task done; ERR_CONFLICT if it already is. */
ErrCode task_done(Db *db, const Actor *who, long long id, Err *e);

/* --- overlap between commissions (group_overlap.c) ---------------------------------------------- */

typedef struct {
    long long id;
    const char *name;
    const char *text; /* ansvarsområde, uppdragsbeskrivning and syfte, joined */
} OverlapDoc;

typedef struct {
    long long a_id, b_id;
    char *a_name, *b_name;
    double score;   /* cosine of TF-IDF vectors, 0–1 */
    char **terms;   /* the shared words that weigh most, strongest first */
    size_t nterms;
} GroupOverlap;

#define OVERLAP_THRESHOLD 0.35

/* The words of a Swedish text as the comparison sees them: lower case,
 * split on anything but letters, stop words and words under 3 letters
 * dropped, common endings stripped. Returns how many; *out (malloc'd,
 * free with overlap_words_free) holds the stems. */
size_t overlap_words(const char *text, char ***out);
void overlap_words_free(char **w, size_t n);
/* A crude Swedish stemmer for one lower-case word (malloc'd). */
char *overlap_stem(const char *word);
/* Pairs of documents whose similarity is at least threshold, strongest
 * first, each with up to 8 shared words (shown as they were written). */
void overlap_compute(const OverlapDoc *docs, size_t n, double threshold, GroupOverlap **out, size_t *nout);
/* The same over every group's current commission. */
ErrCode group_overlaps(Db *db, double threshold, GroupOverlap **out, size_t *n, Err *e);
void group_overlaps_free(GroupOverlap *o, size_t n);

/* --- the group page's whole --------------------------------------------------------------------- */

typedef struct {
    Group group;
    GroupMember *members;
    size_t nmembers;
    GroupPower power;
    GroupProblems problems;
    bool has_commission;
    Commission commission; /* the current version, when has_commission */
    Group *path;           /* group_report_path */
    size_t npath;
    Group *subgroups;      /* groups whose parent or reports_to is this one */
    size_t nsubgroups;
    Mandate *mandates;     /* group_mandates */
    size_t nmandates;
    GroupEvent *history;   /* group_history, newest first */
    size_t nhistory;
    char today[11];
} GroupDetail;

ErrCode group_detail(Db *db, long long id, const char *today, GroupDetail *out, Err *e);
void group_detail_free(GroupDetail *d);

/* --- JSON (group_json.c; the API and the CLI's --json share it) ---------------------------------- */

json_t *group_to_json(const Group *g);
/* {"today", "items": [group + "problems": count]} */
json_t *group_checks_to_json(const GroupCheck *c, size_t n, const char *today, bool only_with_problems);
json_t *group_problems_to_json(const GroupProblems *p);
json_t *group_members_to_json(const GroupMember *m, size_t n);
json_t *commission_to_json(const Commission *c);
/* {"current": … or null, "versions": [...]} */
json_t *commission_versions_to_json(const Commission *c, size_t n);
json_t *mandate_to_json(const Mandate *m);
json_t *group_power_to_json(const GroupPower *p);
/* [{"member_id", "person", "role", "via", "mandate"}] */
json_t *power_items_to_json(const PowerItem *p, size_t n);
/* [{"at", "user", "kind", "summary", "note"}] */
json_t *group_history_to_json(const GroupEvent *h, size_t n);
json_t *group_detail_to_json(const GroupDetail *d);
json_t *group_overlaps_to_json(const GroupOverlap *o, size_t n, double threshold);
json_t *tasks_to_json(const Task *t, size_t n);

/* --- demo (group_demo.c) -------------------------------------------------------------------------- */

/* The VGR groups of seed 002 (the samordnande grupp with its commission RS
 * 2023-01756, funktionsgrupper, KL HoS …) and the Örebro structure of seed
 * 001 (RMKS, LPO with LAG, metodstöd, municipal representatives), a few
 * mandates, and groups for the demo bodies. Needs org_demo_load and the demo
 * bodies first; runs in the caller's transaction, if any. */
ErrCode group_demo_load(Db *db, Err *e);

#endif
