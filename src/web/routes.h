/*
 * routes.h — the one table of every page and API call: method, path
 * pattern, permission flags, handler and a help line. The dispatcher applies
 * authentication, permission and CSRF policy from the flags, so no handler
 * repeats (or forgets) them. `lots help routes` prints the table.
 */
#ifndef LOTS_WEB_ROUTES_H
#define LOTS_WEB_ROUTES_H

#include <stddef.h>

#include "web/request.h"

enum {
    ROUTE_PUBLIC = 0,      /* anyone, logged in or not */
    ROUTE_USER = 1 << 0,   /* a logged-in user (session for pages, token for the API) */
    ROUTE_WRITE = 1 << 1,  /* … whose role may change things (not läsare) */
    ROUTE_ADMIN = 1 << 2,  /* … who is admin */
    ROUTE_PURE = 1 << 3,   /* a POST that only computes an answer and changes nothing */
};

typedef struct {
    const char *method;
    const char *pattern; /* "/cases/{id}/move": {…} matches one segment, captured in r->args */
    unsigned flags;
    void (*handler)(Request *r);
    const char *help;
} Route;

extern const Route routes[];
extern const size_t route_count;

#endif
