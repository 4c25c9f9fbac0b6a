/*
 * dispatch.h — finds the route for a request and applies the central policy:
 * database connection, authentication, permission, CSRF.
 */
#ifndef LOTS_WEB_DISPATCH_H
#define LOTS_WEB_DISPATCH_H

#include "web/request.h"

void dispatch(Request *r);

/* Cookie names, shared with the login page. */
#define SESSION_COOKIE "lots_session"
#define CSRF_COOKIE "lots_csrf"

#endif
