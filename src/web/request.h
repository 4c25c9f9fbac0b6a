/*
 * request.h — one HTTP request as the handlers see it, and the helpers that
 * read it and answer it. Everything allocated for a request comes from its
 * arena and is freed when the response has been queued.
 *
 * Handlers are plain functions `void h(Request *r)`: the dispatcher has
 * already authenticated the user, checked the route's permission and, for
 * page forms, the CSRF token. A handler parses input, calls core, renders.
 */
#ifndef LOTS_WEB_REQUEST_H
#define LOTS_WEB_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "core/account.h"
#include "store/db.h"
#include "web/web.h"

typedef struct {
    const char *name;
    const char *value;
} Param;

typedef struct {
    Param *items;
    size_t n;
} Params;

typedef struct Request {
    Arena arena;
    const WebConfig *cfg;
    struct MHD_Connection *conn;
    const char *method; /* "GET", "POST" … */
    const char *path;   /* without the configured prefix */
    Params query;
    Params form; /* application/x-www-form-urlencoded body */
    const char *body;
    size_t body_len;
    const char *args[4]; /* values captured by {id}-style route segments */
    Db *db;
    /* who is asking */
    bool logged_in;
    Actor user;
    char csrf[65]; /* the session's (or the anonymous cookie's) CSRF token */
    /* the answer */
    int status;
    const char *content_type;
    Buf out;
    const char *location;    /* for redirects */
    const char *cookies[4];  /* Set-Cookie values */
    size_t ncookies;
} Request;

/* --- reading ---------------------------------------------------------------- */
const char *param(const Params *p, const char *name); /* NULL if absent */
const char *query_param(Request *r, const char *name);
const char *form_param(Request *r, const char *name);
const char *header(Request *r, const char *name);
const char *cookie(Request *r, const char *name);
void params_add(Arena *a, Params *p, const char *name, const char *value); /* copies both */
bool parse_urlencoded(Arena *a, const char *s, size_t len, Params *out);
bool is_api(const Request *r);

/* Parses the {id} argument n as a positive integer or answers 404. */
bool arg_id_or_reply(Request *r, int n, long long *id);
/* Parses the body as a JSON object or answers 400; caller decrefs. */
json_t *json_body_or_reply(Request *r);

/* --- answering ---------------------------------------------------------------- */
void reply_json(Request *r, int status, json_t *body); /* steals body */
void reply_error(Request *r, int status, const char *msg); /* JSON for the API, a page otherwise */
void reply_err(Request *r, const Err *e);                  /* maps ErrCode to status */
int status_for(ErrCode code);
void redirect(Request *r, const char *path_and_query); /* 303; path is prefixed */
void add_cookie(Request *r, const char *set_cookie_value);

/* URL of a path inside Lots (prefix added), allocated in the request arena;
 * printf-style where %s is percent-encoded (a query value or path segment),
 * so user values can be passed as they are. */
const char *url(Request *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
