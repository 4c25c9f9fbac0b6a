/*
 * deviation_internal.h — what the deviation_*.c and complaint*.c files share
 * and nothing else includes: validated rows and their inserts (which never
 * open a transaction, so the import and the demo can hold one around many),
 * categories, small helpers, and the CSV reader of the import.
 */
#ifndef LOTS_CORE_DEVIATION_INTERNAL_H
#define LOTS_CORE_DEVIATION_INTERNAL_H

#include "base/buf.h"
#include "base/csv.h"
#include "core/deviation.h"

enum { REF_MAX = 64, CATEGORY_MAX = 100, LONG_TEXT_MAX = 20000, SHORT_TEXT_MAX = 200 };

/* The label a message uses for a field: the caller's, else the Swedish one. */
const char *label_or(const char *given, const char *fallback);

/* Readers (läsare) may not change deviations or complaints. */
ErrCode require_quality_writer(const Actor *who, Err *e);

/* A date field: blank → *out = "" (or ERR_INVALID "<label> måste fyllas i."
 * when required); else a real YYYY-MM-DD date not after today. */
ErrCode date_field(const char *label, const char *text, bool required, char out[11], Err *e);
/* A date filter: "" when blank, else a valid ISO date copied into out;
 * what names the filter in the message ("från"). */
ErrCode filter_date(const char *what, const char *s, char out[11], Err *e);

/* The id of a category by name in any case, adding it when new. */
ErrCode category_id_for(Db *db, const char *name, long long *id, Err *e);

/* Resolves a unit filter ("" → 0) or refuses it naming the filter. */
ErrCode unit_filter_id(Db *db, const char *unit, long long *id, Err *e);
/* The recursive subquery of a unit and everything under it, on :unit. */
#define UNIT_TREE_CTE                                                                                               \
    "WITH RECURSIVE unit_tree(id) AS (SELECT id FROM units WHERE id = :unit UNION ALL "                             \
    "SELECT u.id FROM units u JOIN unit_tree t ON u.parent_id = t.id) "

/* --- deviations --------------------------------------------------------------------------------- */

typedef struct {
    char *ref;
    const char *kind;
    char event_date[11], reported_date[11];
    long long unit_id;
    char *category, *subcategory;
    int severity;
    char *description, *immediate_action;
    const char *status;
    char *feedback;
    bool serious;
} DevRow;

ErrCode dev_validate(Db *db, const DeviationNew *in, DevRow *out, Err *e);
void dev_row_free(DevRow *r);
/* Inserts a validated row (reference not yet taken). import_id 0: manual;
 * who may be NULL (the demo). No transaction of its own. */
ErrCode dev_insert(Db *db, const Actor *who, const DevRow *r, long long import_id, long long *id, Err *e);
char *dev_search_text(const char *ref, const char *category, const char *subcategory, const char *description,
                      const char *immediate_action, const char *feedback);

/* No transaction of their own (deviation_work.c; the demo uses them too). */
ErrCode dev_analysis_insert(Db *db, const Actor *who, long long deviation_id, const EventAnalysisNew *in,
                            long long *id, Err *e);
ErrCode dev_lex_maria_insert(Db *db, const Actor *who, long long deviation_id, const LexMariaNew *in, Err *e);

/* --- complaints ---------------------------------------------------------------------------------- */

typedef struct {
    char *ref;
    const char *source;
    long long unit_id;
    char *category, *subcategory;
    char received_date[11], event_date[11], closed_date[11]; /* "" when not given */
    char *description;
    const char *status;
    char *answer; /* "" when not given */
} ComplaintRow;

ErrCode complaint_validate(Db *db, const ComplaintNew *in, ComplaintRow *out, Err *e);
void complaint_row_free(ComplaintRow *r);
ErrCode complaint_insert(Db *db, const Actor *who, const ComplaintRow *r, long long import_id, long long *id, Err *e);



/* --- history (deviation_history.c): inside the caller's transaction ------------------------------- */

ErrCode record_event_add(Db *db, RecordKind kind, long long id, const Actor *who, const char *what,
                         const char *detail, Err *e);
/* "Registrerad", or for import_id > 0 "Importerad från <file> (import N)". */
ErrCode record_registered(Db *db, RecordKind kind, long long id, const Actor *who, long long import_id, Err *e);
/* Appends "; " and "<label>: before → after" ("–" for empty) when they differ. */
void record_change(Buf *b, const char *label, const char *before, const char *after);
/* Appends "; " and text when changed. */
void record_note(Buf *b, bool changed, const char *text);

/* --- the mapping (deviation_mapping.c) ---------------------------------------------------------- */

typedef enum { MAP_COLUMN, MAP_FIXED, MAP_IGNORE } MapHow;

typedef struct {
    char *field;  /* as written in the mapping: a key or a label */
    MapHow how;
    char *value;  /* the column header, or the fixed value */
    int line;
} MapEntry;

typedef struct {
    char *field;
    char *from_key; /* the export's value, folded */
    char *to;
    int line;
} MapTranslation;

typedef enum { CHARSET_UTF8 = 0, CHARSET_CP1252 } Charset;

struct ImportMapping {
    MapEntry *entries;
    size_t nentries;
    MapTranslation *translations;
    size_t ntranslations;
    char *date_format; /* "ÅÅÅÅ-MM-DD" unless set */
    char sep;          /* 0: guessed */
    Charset charset;
    bool has_kind;
    ImportKind kind;
};

/* Field index of a mapping's field name (key or label, any case, _ or space)
 * in a field table, or -1. */
int field_index(const FieldDef *fields, int n, const char *name);

/* Converts a date written in `format` (ÅÅÅÅ/YYYY, ÅÅ/YY, MM/M, DD/D and
 * literal characters; a time after the date is ignored) to YYYY-MM-DD.
 * False if it does not match or is not a real date. */
bool date_convert(const char *format, const char *text, char out[11]);
/* True if the format is one date_convert understands. */
bool date_format_valid(const char *format);

#endif
