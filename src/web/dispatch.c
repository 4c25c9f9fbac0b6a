/*
 * dispatch.c — routing and the central policy (the idea of Redis's
 * processCommand): every check that depends on a route's flags happens here,
 * once, before any handler runs.
 */
#include "web/dispatch.h"
#include "web/routes.h"
#include "base/html.h"
#include "base/random.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Matches pattern against path, capturing {…} segments into r->args. */
static bool match(Request *r, const char *pattern, const char *path)
{
    int nargs = 0;
    while (*pattern && *path) {
        if (*pattern == '{') {
            const char *close = strchr(pattern, '}');
            size_t n = strcspn(path, "/");
            if (!close || n == 0 || nargs >= 4) return false;
            r->args[nargs++] = arena_strndup(&r->arena, path, n);
            pattern = close + 1;
            path += n;
        } else if (*pattern++ != *path++) {
            return false;
        }
    }
    return !*pattern && !*path;
}

static const Route *find_route(Request *r, bool *path_known)
{
    *path_known = false;
    for (size_t i = 0; i < route_count; i++) {
        if (!match(r, routes[i].pattern, r->path)) continue;
        *path_known = true;
        /* HEAD is answered as GET (MHD sends the headers only). */
        const char *method = strcmp(r->method, "HEAD") ? r->method : "GET";
        if (!strcmp(routes[i].method, method)) return &routes[i];
    }
    return NULL;
}

/* API: "Authorization: Bearer TOKEN". Pages: the session cookie. */
static void authenticate(Request *r)
{
    Err e = ERR_INIT;
    if (is_api(r)) {
        const char *auth = header(r, "Authorization");
        if (auth && !strncasecmp(auth, "Bearer ", 7) && !token_lookup(r->db, auth + 7, &r->user, &e))
            r->logged_in = true;
        return;
    }
    const char *sid = cookie(r, SESSION_COOKIE);
    if (sid && !session_lookup(r->db, sid, &r->user, r->csrf, &e)) {
        r->logged_in = true;
        return;
    }
    /* Not logged in: forms (the login form) use a CSRF cookie of their own. */
    const char *anon = cookie(r, CSRF_COOKIE);
    if (anon && strlen(anon) == 64) {
        snprintf(r->csrf, sizeof r->csrf, "%s", anon);
    } else {
        random_hex(r->csrf, 32);
        add_cookie(r, arena_printf(&r->arena, CSRF_COOKIE "=%s; Path=%s/; HttpOnly; SameSite=Strict%s", r->csrf,
                                   r->cfg->prefix, r->cfg->secure_cookies ? "; Secure" : ""));
    }
}

static bool refuse_unauthenticated(Request *r)
{
    if (is_api(r)) {
        reply_error(r, 401, header(r, "Authorization") ? "Ogiltig eller återkallad API-nyckel."
                                                       : "API-nyckel saknas: skicka Authorization: Bearer NYCKEL.");
    } else if (!strcmp(r->method, "GET")) {
        Buf to = BUF_INIT;
        buf_puts(&to, "/login?next=");
        url_escape(&to, r->path);
        redirect(r, buf_cstr(&to));
        buf_free(&to);
    } else {
        reply_error(r, 401, "Du är inte inloggad (eller sessionen har gått ut). Logga in och försök igen.");
    }
    return false;
}

static bool permitted(Request *r, const Route *route)
{
    if ((route->flags & (ROUTE_USER | ROUTE_WRITE | ROUTE_ADMIN)) && !r->logged_in)
        return refuse_unauthenticated(r);
    if ((route->flags & ROUTE_WRITE) && !role_can_write(r->user.role)) {
        reply_error(r, 403, "Din roll (läsare) får inte ändra något i Lots.");
        return false;
    }
    if ((route->flags & ROUTE_ADMIN) && r->user.role != ROLE_ADMIN) {
        reply_error(r, 403, "Det här kräver rollen administratör.");
        return false;
    }
    return true;
}

/* Every page form carries the CSRF token; the API uses bearer tokens, which
 * a browser never sends on its own, so it needs none. */
static bool csrf_ok(Request *r)
{
    if (is_api(r) || !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD")) return true;
    if (csrf_equal(r->csrf, form_param(r, "csrf"))) return true;
    reply_error(r, 403, "Formuläret saknar en giltig säkerhetstoken (CSRF). Ladda om sidan och försök igen.");
    return false;
}

void dispatch(Request *r)
{
    bool path_known;
    const Route *route = find_route(r, &path_known);
    if (!route) {
        reply_error(r, path_known ? 405 : 404,
                    path_known ? "Metoden stöds inte för den här adressen." : "Sidan finns inte.");
        return;
    }
    Err e = ERR_INIT;
    if (!(r->db = db_open(r->cfg->db_path, &e))) {
        reply_error(r, 503, "Databasen är inte tillgänglig just nu.");
        return;
    }
    authenticate(r);
    if (permitted(r, route) && csrf_ok(r)) route->handler(r);
}
