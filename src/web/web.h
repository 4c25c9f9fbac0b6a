/*
 * web.h — the web face of Lots: pages and the JSON API over libmicrohttpd.
 */
#ifndef LOTS_WEB_WEB_H
#define LOTS_WEB_WEB_H

#include <stdbool.h>

#include "base/err.h"
#include "core/decide.h"
#include "core/process.h"

typedef struct {
    const char *db_path;       /* every request opens its own connection */
    const ProcessSet *ps;      /* loaded once, read-only */
    const RuleSets *rules;     /* decision-path rules, loaded once, read-only */
    const char *listen;        /* "127.0.0.1:8080", "[::1]:8080" or ":8080" */
    const char *prefix;        /* URL prefix when behind a proxy, "" or "/lots" */
    int threads;               /* worker threads (default 4) */
    int session_ttl;           /* seconds (default 8 hours) */
    bool secure_cookies;       /* add Secure to cookies (behind HTTPS) */
} WebConfig;

/* Starts the server and blocks until SIGINT/SIGTERM. Prints the URL to
 * stdout once listening. Returns ERR_OK after a clean shutdown. */
ErrCode web_serve(const WebConfig *cfg, Err *e);

#endif
