/*
 * body.h — bodies that anchor and decide (nämnder, ledningsgrupper, råd,
 * funktionsgrupper). The organisation issue grows this into groups with
 * members and mandates; here a body is a short name, a name and a kind.
 */
#ifndef LOTS_CORE_BODY_H
#define LOTS_CORE_BODY_H

#include <stddef.h>

#include "base/err.h"
#include "store/db.h"

typedef struct {
    long long id;
    char *short_name; /* "SSN" */
    char *name;       /* "Strategiska hälso- och sjukvårdsnämnden" */
    char *kind;       /* "nämnd", "koncernledningsgrupp", "råd", "samordningsråd", "funktionsgrupp" … */
} Body;

ErrCode body_add(Db *db, const char *short_name, const char *name, const char *kind, Err *e);
ErrCode body_list(Db *db, Body **out, size_t *n, Err *e);
void body_list_free(Body *b, size_t n);

#endif
