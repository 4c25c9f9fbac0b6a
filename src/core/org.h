/*
 * org.h — the organisation: the region's units as a tree (region →
 * förvaltning → område → verksamhet → enhet), the municipalities (kommuner)
 * the region works with, and people with their unit or municipality, title
 * and professions.
 *
 * Names are found case-insensitively (Swedish letters included); lists come
 * in Swedish order. Every text passes freetext_check (no personnummer).
 * Errors are Swedish sentences naming the value ("okänd överordnad enhet
 * 'SkaS-Ortopedi'").
 *
 * Ownership: structs filled by these functions own their strings; free them
 * with the matching *_free. Nothing here opens a transaction except
 * org_import_csv, which is all-or-nothing, and person_create and
 * person_update, which write a person and their professions together.
 */
#ifndef LOTS_CORE_ORG_H
#define LOTS_CORE_ORG_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "base/err.h"
#include "store/db.h"

/* --- units ------------------------------------------------------------------------ */

typedef enum { UNIT_REGION = 0, UNIT_FORVALTNING, UNIT_OMRADE, UNIT_VERKSAMHET, UNIT_ENHET, UNIT_KIND_N } UnitKind;

/* "region", "förvaltning", "område", "verksamhet", "enhet" (as stored). */
const char *unit_kind_key(UnitKind k);
/* Accepts the stored words in any case, and förvaltning/område written
 * without å/ä/ö (forvaltning, omrade). */
bool unit_kind_parse(const char *s, UnitKind *out);

typedef struct {
    long long id;
    long long parent_id; /* 0 for the region at the top */
    UnitKind kind;
    char *name;          /* "Ortopedi" */
    char *short_name;    /* "" if none */
    char *manager_title; /* "Verksamhetschef", "" if none */
    char *manager_name;  /* "" if not known */
    char *parent_name;   /* "" at the top */
    int depth;           /* 0 at the top; filled by unit_list */
} Unit;

typedef struct {
    long long parent_id; /* 0: none (only a region) */
    const char *kind;    /* unit_kind_parse's words */
    const char *name;
    const char *short_name;    /* may be NULL */
    const char *manager_title; /* may be NULL */
    const char *manager_name;  /* may be NULL */
} UnitNew;

/* Adds a unit. The parent must exist and stand above the new unit's kind
 * (a verksamhet under an område or a förvaltning, not the other way round);
 * only a region has no parent. Siblings may not share a name, and a short
 * name is unique. */
ErrCode unit_add(Db *db, const UnitNew *in, long long *id, Err *e);
ErrCode unit_get(Db *db, long long id, Unit *out, Err *e); /* ERR_NOTFOUND */
/* Finds a unit by id ("12"), short name ("USÖ"), name ("ortopedi", any case)
 * or name and parent ("Ortopedi, Universitetssjukhuset Örebro"). Unknown:
 * ERR_NOTFOUND "okänd enhet 'X'"; a name several units share: ERR_INVALID
 * listing them. */
ErrCode unit_find(Db *db, const char *ref, Unit *out, Err *e);
void unit_free(Unit *u);
/* Every unit in tree order (depth first, siblings in Swedish order), with
 * depth and parent_name filled in. */
ErrCode unit_list(Db *db, Unit **out, size_t *n, Err *e);
void unit_list_free(Unit *u, size_t n);

/* The parent a form or the API names (unit_find's references) as an id:
 * blank is 0 (none), an unknown one ERR_INVALID "okänd överordnad enhet 'X'". */
ErrCode unit_parent_ref(Db *db, const char *ref, long long *id, Err *e);

/* What an edit changes; NULL keeps the value as it is ("" clears a short
 * name or a manager). */
typedef struct {
    const char *parent;        /* a unit as unit_find takes it (a move); "" only for a region */
    const char *name;
    const char *short_name;
    const char *manager_title;
    const char *manager_name;
} UnitEdit;

/* Renames a unit, changes its manager or moves it under another parent, by
 * unit_add's rules: the parent stands above the unit's kind, siblings may
 * not share a name, a short name is unique. A unit cannot move under itself
 * or under a unit below it. The kind stays. Refused: nothing changes. */
ErrCode unit_update(Db *db, long long id, const UnitEdit *in, Err *e);

/* "Ortopedi, Universitetssjukhuset Örebro": the name with the parent's, unless
 * the parent is the region itself. Malloc'd. */
char *unit_placement(const Unit *u, UnitKind parent_kind);

/* --- municipalities ------------------------------------------------------------- */

typedef struct {
    long long id;
    char *name;          /* "Askersund" */
    char *official_name; /* "Askersunds kommun" */
    char *county;        /* "Örebro län", "" if not given */
} Municipality;

/* official_name NULL: formed from the name ("Askersund" → "Askersunds
 * kommun", "Degerfors" → "Degerfors kommun", "Laxå" → "Laxå kommun").
 * Names and official names are unique. */
ErrCode municipality_add(Db *db, const char *name, const char *official_name, const char *county, long long *id,
                         Err *e);
/* By id, name or official name, any case. Unknown: ERR_NOTFOUND
 * "okänd kommun 'X'". */
ErrCode municipality_find(Db *db, const char *ref, Municipality *out, Err *e);
void municipality_free(Municipality *m);
ErrCode municipality_list(Db *db, Municipality **out, size_t *n, Err *e); /* Swedish order */
void municipality_list_free(Municipality *m, size_t n);

/* --- people ------------------------------------------------------------------------ */

typedef struct {
    long long id;
    char *name;
    char *title;             /* "" if none */
    long long unit_id;       /* 0 if none */
    long long municipality_id; /* 0 if none */
    char *unit_name;         /* "" if none */
    char *municipality_name; /* "" if none */
    char *professions;       /* "läkare, sjuksköterska" in Swedish order; "" if none */
} Person;

typedef struct {
    const char *name;
    const char *title;       /* may be NULL */
    long long unit_id;       /* 0: none */
    long long municipality_id; /* 0: none; not both */
    const char *const *professions;
    size_t nprofessions;
} PersonNew;

ErrCode person_add(Db *db, const PersonNew *in, long long *id, Err *e);
ErrCode person_list(Db *db, Person **out, size_t *n, Err *e); /* Swedish order by name */
void person_list_free(Person *p, size_t n);
ErrCode person_get(Db *db, long long id, Person *out, Err *e); /* ERR_NOTFOUND */
void person_free(Person *p);

typedef struct {
    const char *q;             /* part of the name, any case; NULL or "": everyone */
    long long unit_id;         /* 0: any; else people of this unit and of the units under it */
    long long municipality_id; /* 0: any */
    long long limit, offset;   /* limit 0: all */
} PersonQuery;

/* One page of the people the query matches, in Swedish order by name, and
 * how many match in all. */
ErrCode person_search(Db *db, const PersonQuery *q, Person **out, size_t *n, long long *total, Err *e);
/* Sets q's unit and municipality from references as a page or the API gets
 * them (unit_find's and municipality_find's; blank: any). Unknown:
 * ERR_INVALID naming it. */
ErrCode person_query_refs(Db *db, const char *unit, const char *municipality, PersonQuery *q, Err *e);

/* The professions of a person as the pages and the import write them,
 * "läkare, sjuksköterska | undersköterska" (separated by , ; or |): cuts `s`
 * in place and points out[] at the non-blank ones (at most max). */
size_t person_professions_split(char *s, const char **out, size_t max);

/* A person as the pages and the API give one: the unit and municipality by
 * reference (unit_find's and municipality_find's; "" none). For
 * person_create NULL is "none"; for person_update NULL keeps what is there. */
typedef struct {
    const char *name;
    const char *title;
    const char *unit;
    const char *municipality;
    const char *const *professions;
    size_t nprofessions;
    bool set_professions; /* person_update: replace the professions with these */
} PersonEdit;

/* Adds a person (person_add's rules) in a transaction of its own. */
ErrCode person_create(Db *db, const PersonEdit *in, long long *id, Err *e);
/* Changes a person's name, title, unit or municipality and professions in a
 * transaction of its own. Refused: nothing changes. */
ErrCode person_update(Db *db, long long id, const PersonEdit *in, Err *e);

/* --- import ------------------------------------------------------------------------ */

typedef struct {
    int units, municipalities, people;
} OrgImportCounts;

/* Imports units, municipalities and people from CSV text (separator ; or ,
 * taken from the header line; "quoted" fields; a UTF-8 BOM, blank lines and
 * lines starting with # are ignored). The header names the columns:
 *   typ          enhet | kommun | person                      (required)
 *   namn                                                      (required)
 *   nivå         enhet: region, förvaltning, område, verksamhet, enhet
 *   överordnad   enhet: parent, by id, short name or name (earlier lines count)
 *   kortnamn, chefstitel, chef              enhet
 *   officiellt namn, län                    kommun
 *   titel, enhet, kommun, professioner      person (professions separated by , ; or |)
 * All or nothing, in one transaction: the first bad line is named with its
 * number and reason ("rad 12: okänd överordnad enhet 'SkaS-Ortopedi'") and
 * nothing is written. */
ErrCode org_import_csv(Db *db, const char *text, size_t len, OrgImportCounts *counts, Err *e);

/* --- JSON (org_json.c; the API and the CLI's --json share it) ------------------ */

/* {"items": [{"id", "parent_id" (null at the top), "kind", "name",
 * "short_name", "manager_title", "manager_name", "parent", "depth"}]} in
 * tree order. Caller owns it. */
json_t *units_to_json(const Unit *u, size_t n);
/* {"items": [{"id", "name", "official_name", "county"}]} */
json_t *municipalities_to_json(const Municipality *m, size_t n);
/* One municipality, as an item of municipalities_to_json. */
json_t *municipality_to_json(const Municipality *m);
/* One unit, as an item of units_to_json. */
json_t *unit_to_json(const Unit *u);
/* {"id", "name", "title", "unit_id", "unit", "municipality_id",
 * "municipality", "professions": ["läkare", …]} */
json_t *person_to_json(const Person *p);
/* {"items": [person…], "total"} */
json_t *people_to_json(const Person *p, size_t n, long long total);

/* Demo organisation (org_demo.c): Region Örebro län with its förvaltningar,
 * områden and verksamheter, the 12 municipalities of Örebro län, and a few
 * VGR förvaltningar. For an empty organisation; not in a transaction of its
 * own (the caller's, if any). */
ErrCode org_demo_load(Db *db, Err *e);

#endif
