/*
 * err.h — errors a person can act on.
 *
 * Core functions that can fail take an Err * and return its code. The message
 * is written for the person who caused it, in Swedish, naming the field, file
 * or line ("rad 12: okänd enhet 'SkaS-Ortopedi'"). Core never prints; the CLI
 * writes the message to stderr, the web layer maps the code to an HTTP status.
 */
#ifndef LOTS_BASE_ERR_H
#define LOTS_BASE_ERR_H

typedef enum {
    ERR_OK = 0,
    ERR_INVALID,   /* bad input from the user: 400 */
    ERR_AUTH,      /* not logged in / bad credentials: 401 */
    ERR_FORBIDDEN, /* logged in but not allowed: 403 */
    ERR_NOTFOUND,  /* 404 */
    ERR_CONFLICT,  /* refused by the rules (blocked transition, duplicate): 409 */
    ERR_INTERNAL   /* database or system failure: 500 */
} ErrCode;

typedef struct {
    ErrCode code;
    char msg[512];
} Err;

#define ERR_INIT {ERR_OK, ""}

/* Sets code and message (printf-style) and returns the code. */
ErrCode err_set(Err *e, ErrCode code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void err_clear(Err *e);
/* Puts a formatted prefix ("rad 12: ") before the message e already holds
 * and sets its code (ERR_OK: keep e's own, or ERR_INVALID if it has none). */
ErrCode err_prefix(Err *e, ErrCode code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
