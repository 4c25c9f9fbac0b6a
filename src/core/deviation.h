/*
 * deviation.h — deviations (avvikelser), their event analyses
 * (händelseanalyser) and Lex Maria reports, complaints (klagomål), and the
 * import of both from CSV exports of the deviation system.
 *
 * The raw material for the patterns: core/spc.h judges the series that these
 * tables give per unit × category × week or month (see migrations/0005).
 *
 * Vocabularies (stored as written here; input is taken in any case, with or
 * without å/ä/ö):
 *   deviation kind   patient, vård, arbetsrelaterad, tillbud
 *   deviation status registrerad, under utredning, åtgärdad, avslutad
 *   severity         1 mindre, 2 måttlig, 3 betydande, 4 katastrofal — the
 *                    consequence scale of the risk matrix in Socialstyrelsen/SKR,
 *                    "Riskanalys & händelseanalys – handbok för
 *                    patientsäkerhetsarbete"; given as the digit or the word
 *   complaint source patient, närstående, IVO, Patientnämnden
 *   complaint status registrerat, under utredning, besvarat, avslutat
 *
 * Every free text (reference, category, descriptions, feedback, answers,
 * analysis texts, owners, IVO reference …) passes freetext_check: a valid
 * personnummer or samordningsnummer anywhere is refused with a message
 * naming the field.
 * Messages name fields by the caller's labels (DeviationNew.labels), so the
 * API says "Fältet 'description' …" and the import "rad 5: fältet
 * Beskrivning …".
 *
 * Ownership: structs filled here own their strings; free them with the
 * matching *_free. Functions that change something take the acting person
 * and refuse läsare (ERR_FORBIDDEN); each runs in its own transaction, except
 * deviation_demo_load, which runs in the caller's.
 */
#ifndef LOTS_CORE_DEVIATION_H
#define LOTS_CORE_DEVIATION_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "base/err.h"
#include "core/account.h"
#include "store/db.h"

/* --- fields --------------------------------------------------------------------------------- */

typedef enum {
    DF_REF,
    DF_KIND,
    DF_EVENT_DATE,
    DF_REPORTED_DATE,
    DF_UNIT,
    DF_CATEGORY,
    DF_SUBCATEGORY,
    DF_SEVERITY,
    DF_DESCRIPTION,
    DF_IMMEDIATE_ACTION,
    DF_STATUS,
    DF_FEEDBACK,
    DF_SERIOUS,
    DF_N
} DeviationField;

typedef enum {
    CF_REF,
    CF_SOURCE,
    CF_UNIT,
    CF_CATEGORY,
    CF_SUBCATEGORY,
    CF_RECEIVED_DATE,
    CF_EVENT_DATE,
    CF_DESCRIPTION,
    CF_STATUS,
    CF_CLOSED_DATE,
    CF_ANSWER,
    CF_N
} ComplaintField;

typedef struct {
    const char *key;   /* "event_date": the API's and the mapping's name */
    const char *label; /* "Händelsedatum": Swedish, in messages and as the standard CSV header */
    bool required;     /* must be given when adding */
    bool date;         /* YYYY-MM-DD (the import converts with the mapping's date format) */
} FieldDef;

extern const FieldDef deviation_fields[DF_N];
extern const FieldDef complaint_fields[CF_N];

/* --- vocabularies ---------------------------------------------------------------------------- */

/* The stored word for an input in any case ("Vårdrelaterad" → "vård"), or
 * NULL when it is none of them. */
const char *deviation_kind_parse(const char *s);
const char *deviation_status_parse(const char *s);
const char *complaint_source_parse(const char *s);
const char *complaint_status_parse(const char *s);
/* 1–4 from "3", "3,0", "betydande" …; 0 when it is none of them. */
int severity_parse(const char *s);
const char *severity_label(int severity); /* "betydande"; "" outside 1–4 */
/* "ja", "x", "1", "true" → 1; "nej", "0", "false", blank → 0; else -1. */
int yes_no_parse(const char *s);

/* "2026-W07" (ISO 8601 week) and "2026-02" of a valid YYYY-MM-DD date. */
void iso_week_of(const char *date, char out[9]);
void month_of(const char *date, char out[8]);

/* --- deviations -------------------------------------------------------------------------------- */

typedef struct {
    const char *v[DF_N];      /* the texts as given, NULL or blank when not given */
    const char *labels[DF_N]; /* how messages name each field; NULL: the Swedish label */
    long long unit_id;        /* > 0: the unit, already found (v[DF_UNIT] is then not read) */
} DeviationNew;
/* Defaults: kind vård, reported date today, status registrerad, not serious.
 * Dates are real, not in the future, and reported ≥ event. A deviation added
 * as avslutad must carry feedback to the reporter. A reference that exists is
 * ERR_CONFLICT. id may be NULL. */
ErrCode deviation_add(Db *db, const Actor *who, const DeviationNew *in, long long *id, Err *e);

typedef struct {
    long long id;
    char *ref;
    char *kind;
    char *event_date, *reported_date;
    long long unit_id;
    char *unit_name;
    long long category_id; /* with unit_id, the deviation's series (/charts/{unit}/{category}) */
    char *category, *subcategory;
    int severity;
    char *description, *immediate_action;
    char *status;
    char *feedback;
    bool serious;
    char *entered_via; /* "manual" or "import" */
    long long import_id; /* 0 unless imported */
    int analyses;        /* how many händelseanalyser */
    bool lex_maria;      /* reported under Lex Maria */
    char *created_at, *updated_at;
} Deviation;

ErrCode deviation_get(Db *db, long long id, Deviation *out, Err *e); /* ERR_NOTFOUND */
/* By id ("12") or reference ("AVV-2026-00123"). */
ErrCode deviation_find(Db *db, const char *id_or_ref, Deviation *out, Err *e);
void deviation_free(Deviation *d);

typedef struct {
    const char *unit;     /* id or name: the unit and every unit under it; NULL/"" all */
    const char *category; /* name, any case */
    const char *kind;     /* deviation_kind_parse's words */
    const char *status;
    const char *from, *to; /* event date range, inclusive, YYYY-MM-DD */
    const char *q;         /* free text over reference, category and texts */
    int serious;           /* 0 any, 1 serious only, -1 not serious */
    int limit;  /* 1–200 (default 25) */
    int offset;
} DeviationFilter;

typedef struct {
    Deviation *items;
    size_t n;
    long long total; /* matching, ignoring limit/offset */
} DeviationList;

/* Newest event first. An unknown unit, kind or status or a bad date is
 * ERR_INVALID naming the filter. */
ErrCode deviation_list(Db *db, const DeviationFilter *f, DeviationList *out, Err *e);
void deviation_list_free(DeviationList *l);

/* --- händelseanalys, Lex Maria, status ------------------------------------------------------------ */

typedef struct {
    long long id;
    char *action, *owner, *due_date, *done_on; /* done_on "" while open */
} AnalysisAction;

typedef struct {
    long long id;
    char *started_on, *finished_on; /* finished_on "" while it goes on */
    char *event, *causes, *conclusion;
    char *created_by, *created_at;
    AnalysisAction *actions;
    size_t nactions;
} EventAnalysis;

typedef struct {
    long long id;
    char *sent_on, *ivo_ref, *note, *created_by, *created_at;
} LexMaria;

typedef struct {
    Deviation d;
    EventAnalysis *analyses; /* oldest first */
    size_t nanalyses;
    LexMaria *lex_maria; /* NULL if not reported */
} DeviationDetail;

ErrCode deviation_detail(Db *db, long long id, DeviationDetail *out, Err *e);
void deviation_detail_free(DeviationDetail *d);

/* Marks the deviation serious or takes the mark away; a deviation reported
 * under Lex Maria stays serious (ERR_CONFLICT). */
ErrCode deviation_set_serious(Db *db, const Actor *who, long long id, bool serious, Err *e);

/* status and/or feedback; NULL leaves it as it is. Closing (avslutad) needs
 * feedback to the reporter, given now or before (ERR_CONFLICT otherwise). */
ErrCode deviation_update(Db *db, const Actor *who, long long id, const char *status, const char *feedback, Err *e);

typedef struct {
    const char *action, *owner, *due_date;
} AnalysisActionNew;

typedef struct {
    const char *started_on;  /* required */
    const char *finished_on; /* may be NULL */
    const char *event;       /* händelseförloppet, required */
    const char *causes;      /* bakomliggande orsaker, required */
    const char *conclusion;  /* may be NULL */
    const AnalysisActionNew *actions;
    size_t nactions;
} EventAnalysisNew;

/* Adds a händelseanalys with its actions (each with owner and due date). */
ErrCode deviation_add_analysis(Db *db, const Actor *who, long long deviation_id, const EventAnalysisNew *in,
                               long long *id, Err *e);

typedef struct {
    const char *sent_on; /* required, not before the event */
    const char *ivo_ref; /* may be NULL */
    const char *note;    /* may be NULL */
} LexMariaNew;

/* Records the Lex Maria report to IVO and marks the deviation serious. One per
 * deviation; an arbetsrelaterad one goes to Arbetsmiljöverket instead
 * (ERR_CONFLICT for both). */
ErrCode deviation_add_lex_maria(Db *db, const Actor *who, long long deviation_id, const LexMariaNew *in, Err *e);

/* --- complaints ------------------------------------------------------------------------------------- */

typedef struct {
    const char *v[CF_N];
    const char *labels[CF_N];
    long long unit_id; /* > 0: the unit, already found */
} ComplaintNew;
/* Defaults: received today, status registrerat. event ≤ received ≤ today;
 * a closed date only when avslutat (then today if not given). A complaint
 * registered as besvarat must carry the answer to the complainant
 * (ERR_INVALID naming the field); the import takes history as it is. */
ErrCode complaint_add(Db *db, const Actor *who, const ComplaintNew *in, long long *id, Err *e);

typedef struct {
    long long id;
    char *ref;
    char *source;
    long long unit_id;
    char *unit_name;
    long long category_id; /* with unit_id, the complaint's series (/charts/{unit}/{category}) */
    char *category, *subcategory;
    char *received_date, *event_date; /* event_date "" if not known */
    char *description;
    char *status;
    char *closed_date; /* "" while open */
    char *answer;      /* svar till den klagande, "" until given */
    char *entered_via;
    long long import_id;
    char *created_at, *updated_at;
} Complaint;

ErrCode complaint_get(Db *db, long long id, Complaint *out, Err *e);
void complaint_free(Complaint *c);

typedef struct {
    const char *unit, *category, *source, *status;
    const char *from, *to; /* received date range, inclusive */
    const char *q;
    int limit, offset;
} ComplaintFilter;

typedef struct {
    Complaint *items;
    size_t n;
    long long total;
} ComplaintList;

ErrCode complaint_list(Db *db, const ComplaintFilter *f, ComplaintList *out, Err *e);
void complaint_list_free(ComplaintList *l);

/* The categories complaints have been given, each once, in Swedish order:
 * what a registration form offers, so that a new complaint joins its series
 * rather than starting one under another spelling. *names owns its strings;
 * free with complaint_category_names_free. */
ErrCode complaint_category_names(Db *db, char ***names, size_t *n, Err *e);
void complaint_category_names_free(char **names, size_t n);

/* status (NULL: unchanged), closed date (NULL: the one it had, else today
 * when closing) and the answer to the complainant (NULL: unchanged). Setting
 * it besvarat needs an answer, given now or before (ERR_CONFLICT otherwise);
 * avslutat does not (a complaint may be withdrawn or anonymous). */
ErrCode complaint_update(Db *db, const Actor *who, long long id, const char *status, const char *closed_date,
                         const char *answer, Err *e);

/* --- history (deviation_history.c) ------------------------------------------------------------------ */

/* Every change above appends one event to its record's history in the same
 * transaction (registration, status, feedback/answer, serious, händelseanalys,
 * Lex Maria, closed date); a change that changes nothing appends none. */
typedef enum { RECORD_DEVIATION = 0, RECORD_COMPLAINT } RecordKind;

typedef struct {
    long long id;
    char *at;        /* ISO 8601 time */
    char *user_name; /* display name, "" for the system (the demo) */
    char *what;      /* registered, imported, status, serious, analysis, lex_maria, answer … */
    char *detail;    /* Swedish: "Status: registrerad → under utredning" */
} RecordEvent;

typedef struct {
    RecordEvent *items; /* newest first */
    size_t n;
} RecordHistory;

ErrCode record_history(Db *db, RecordKind kind, long long id, RecordHistory *out, Err *e);
void record_history_free(RecordHistory *h);

/* --- import ------------------------------------------------------------------------------------------ */

typedef enum { IMPORT_DEVIATIONS = 0, IMPORT_COMPLAINTS } ImportKind;

/* A column mapping (docs/import.md): which column of the export holds which
 * field, fixed values, translations of the export's values, date format,
 * separator and character set. */
typedef struct ImportMapping ImportMapping;

/* Parses a mapping file; a mistake is named with its line ("mappningen rad 4:
 * okänt fält 'enhetx' …"). */
ErrCode import_mapping_parse(const char *text, size_t len, ImportMapping **out, Err *e);
void import_mapping_free(ImportMapping *m);
/* The kind the mapping declares (import = avvikelser|klagomål); false if none. */
bool import_mapping_kind(const ImportMapping *m, ImportKind *out);

typedef struct {
    ImportKind kind;
    const ImportMapping *mapping; /* NULL: the standard headers (a field's key or label) */
    const char *file_name;        /* for the import record */
    const char *mapping_name;     /* for the import record; NULL: "" */
} ImportOptions;

typedef struct {
    long long import_id;
    int read;     /* data lines */
    int added;    /* new references */
    int existing; /* references already there, left as they were */
} ImportCounts;

/* Imports deviations or complaints from a CSV export (UTF-8 with or without
 * BOM, or the mapping's character set; separator ; , or tab; "quoted"
 * fields with separators, quotes and newlines). All or nothing in one
 * transaction: the first bad line is named with its number and reason ("rad
 * 17: okänd enhet 'Ortopedavd 3'") and nothing is written. A reference
 * already stored is counted as existing and left as it is, so importing the
 * same file twice adds nothing the second time. */
ErrCode deviation_import_csv(Db *db, const Actor *who, const char *text, size_t len, const ImportOptions *opt,
                             ImportCounts *counts, Err *e);

/* --- JSON (deviation_json.c; the API and the CLI's --json share it) ------------------------------- */

/* {"id","ref","kind","event_date","reported_date","unit_id","unit","category",
 *  "subcategory","severity","severity_label","description","immediate_action",
 *  "status","feedback","serious","analyses","lex_maria","entered_via",
 *  "import_id" (null if manual),"created_at","updated_at"} */
json_t *deviation_to_json(const Deviation *d);
json_t *deviation_list_to_json(const DeviationList *l); /* {"items": […], "total": N} */
/* The summary with "analyses": [{…, "actions": […]}] and "lex_maria": null|{…}. */
json_t *deviation_detail_to_json(const DeviationDetail *d);
/* {"id","ref","source","unit_id","unit","category_id","category","subcategory",
 *  "received_date","event_date" (null if unknown),"description","status",
 *  "closed_date" (null),"answer","entered_via","import_id","created_at","updated_at"} */
json_t *complaint_to_json(const Complaint *c);
json_t *complaint_list_to_json(const ComplaintList *l);
/* [{"at","user" (null for the system),"what","detail"}, …], newest first */
json_t *record_history_to_json(const RecordHistory *h);
/* {"import_id","kind","read","added","existing"} */
json_t *import_counts_to_json(const ImportCounts *c, ImportKind kind);

/* --- demo data (deviation_demo.c) ------------------------------------------------------------------ */

/* A year of generated deviations and complaints for the units of
 * org_demo_load, deterministic from the seed, with two patterns planted
 * (described exactly at the top of deviation_demo.c). The year is the twelve
 * whole months before the current one. Runs in the caller's transaction. */
ErrCode deviation_demo_load(Db *db, unsigned seed, Err *e);
/* The same for the twelve months from first_month ("2025-11"). */
ErrCode deviation_demo_load_from(Db *db, unsigned seed, const char *first_month, Err *e);

#endif
