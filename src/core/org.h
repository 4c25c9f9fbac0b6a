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
 * org_import_csv, which is all-or-nothing.
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

/* Demo organisation (org_demo.c): Region Örebro län with its förvaltningar,
 * områden and verksamheter, the 12 municipalities of Örebro län, and a few
 * VGR förvaltningar. For an empty organisation; not in a transaction of its
 * own (the caller's, if any). */
ErrCode org_demo_load(Db *db, Err *e);

#endif
