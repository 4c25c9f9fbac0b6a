/*
 * request.c — reading a request (parameters, headers, cookies, bodies) and
 * answering it (JSON, errors, redirects, cookies, URLs).
 */
#include "web/request.h"
#include "web/layout.h"
#include "base/html.h"

#include <microhttpd.h>
#include <stdarg.h>
#include <string.h>

void params_add(Arena *a, Params *p, const char *name, const char *value)
{
    /* Grow by doubling inside the arena: the old array is simply abandoned. */
    if ((p->n & (p->n - 1)) == 0) {
        Param *items = arena_alloc(a, (p->n ? p->n * 2 : 1) * sizeof *items);
        if (p->n) memcpy(items, p->items, p->n * sizeof *items);
        p->items = items;
    }
    p->items[p->n].name = arena_strdup(a, name);
    p->items[p->n].value = arena_strdup(a, value);
    p->n++;
}

const char *param(const Params *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->items[i].name, name)) return p->items[i].value;
    return NULL;
}

const char *query_param(Request *r, const char *name)
{
    return param(&r->query, name);
}

const char *form_param(Request *r, const char *name)
{
    return param(&r->form, name);
}

const char *header(Request *r, const char *name)
{
    return r->conn ? MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name) : NULL;
}

const char *cookie(Request *r, const char *name)
{
    return r->conn ? MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name) : NULL;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes one x-www-form-urlencoded token ('+' is a space). */
static char *form_decode(Arena *a, const char *s, size_t len, bool *ok)
{
    char *out = arena_alloc(a, len + 1), *o = out;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '+') *o++ = ' ';
        else if (s[i] == '%') {
            int hi = i + 2 < len ? hex_value(s[i + 1]) : -1;
            int lo = hi >= 0 ? hex_value(s[i + 2]) : -1;
            if (lo < 0) {
                *ok = false;
                return out;
            }
            *o++ = (char)(hi * 16 + lo);
            i += 2;
        } else
            *o++ = s[i];
    }
    *o = '\0';
    if ((size_t)(o - out) != strlen(out)) *ok = false; /* an encoded NUL */
    return out;
}

bool parse_urlencoded(Arena *a, const char *s, size_t len, Params *out)
{
    bool ok = true;
    size_t i = 0;
    while (i < len && ok) {
        size_t end = i;
        while (end < len && s[end] != '&') end++;
        size_t eq = i;
        while (eq < end && s[eq] != '=') eq++;
        if (end > i) {
            char *name = form_decode(a, s + i, eq - i, &ok);
            char *value = eq < end ? form_decode(a, s + eq + 1, end - eq - 1, &ok) : arena_strdup(a, "");
            if (ok) params_add(a, out, name, value);
        }
        i = end + 1;
    }
    return ok;
}

bool is_api(const Request *r)
{
    return !strncmp(r->path, "/api/", 5);
}

int status_for(ErrCode code)
{
    switch (code) {
    case ERR_OK: return 200;
    case ERR_INVALID: return 400;
    case ERR_AUTH: return 401;
    case ERR_FORBIDDEN: return 403;
    case ERR_NOTFOUND: return 404;
    case ERR_CONFLICT: return 409;
    default: return 500;
    }
}

void reply_json(Request *r, int status, json_t *body)
{
    buf_reset(&r->out);
    char *s = json_dumps(body, JSON_COMPACT | JSON_ENSURE_ASCII);
    buf_puts(&r->out, s ? s : "null");
    buf_putc(&r->out, '\n');
    free(s);
    json_decref(body);
    r->status = status;
    r->content_type = "application/json";
}

void reply_error(Request *r, int status, const char *msg)
{
    if (is_api(r) || !strcmp(r->path, "/healthz")) {
        reply_json(r, status, json_pack("{s:s}", "error", msg));
        return;
    }
    buf_reset(&r->out);
    r->status = status;
    page_error(r, status, msg);
}

void reply_err(Request *r, const Err *e)
{
    reply_error(r, status_for(e->code), e->msg[0] ? e->msg : "Okänt fel.");
}

bool arg_id_or_reply(Request *r, int n, long long *id)
{
    const char *s = r->args[n];
    long long v = 0;
    for (const char *p = s; p && *p; p++) {
        if (*p < '0' || *p > '9' || v > 1000000000000LL) {
            v = 0;
            break;
        }
        v = v * 10 + (*p - '0');
    }
    if (v <= 0) {
        reply_error(r, 404, "Sidan eller ärendet finns inte.");
        return false;
    }
    *id = v;
    return true;
}

json_t *json_body_or_reply(Request *r)
{
    json_error_t jerr;
    json_t *j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &jerr);
    if (!j || !json_is_object(j)) {
        char msg[300];
        if (!j && r->body_len == 0) snprintf(msg, sizeof msg, "JSON-kropp saknas.");
        else if (!j) snprintf(msg, sizeof msg, "Ogiltig JSON på rad %d, kolumn %d.", jerr.line, jerr.column);
        else snprintf(msg, sizeof msg, "JSON-kroppen måste vara ett objekt.");
        json_decref(j);
        reply_error(r, 400, msg);
        return NULL;
    }
    return j;
}

const char *url(Request *r, const char *fmt, ...)
{
    Buf b = BUF_INIT;
    buf_puts(&b, r->cfg->prefix);
    va_list ap;
    va_start(ap, fmt);
    url_vprintf(&b, fmt, ap);
    va_end(ap);
    const char *s = arena_strdup(&r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

void redirect(Request *r, const char *path_and_query)
{
    r->status = 303;
    r->location = arena_printf(&r->arena, "%s%s", r->cfg->prefix, path_and_query);
    buf_reset(&r->out);
}

void add_cookie(Request *r, const char *set_cookie_value)
{
    if (r->ncookies < sizeof r->cookies / sizeof *r->cookies)
        r->cookies[r->ncookies++] = arena_strdup(&r->arena, set_cookie_value);
}
