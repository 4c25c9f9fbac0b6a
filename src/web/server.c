/*
 * server.c — libmicrohttpd glue: listening, collecting request bodies,
 * building a Request, handing it to the dispatcher, queueing the answer.
 *
 * Each request opens its own database connection (SQLite connections are
 * cheap; WAL lets readers run beside the one writer) and gets its own arena.
 * Nothing here knows a route or a page.
 */
#include "web/web.h"
#include "web/dispatch.h"
#include "web/request.h"
#include "base/text.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BODY_MAX = 1024 * 1024 };

/* What MHD keeps for a connection between its calls to the handler. */
typedef struct {
    Buf body;
    bool too_large;
} Upload;

static void add_security_headers(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
}

static enum MHD_Result queue(Request *r)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(r->out.len, r->out.data ? r->out.data : (void *)"", MHD_RESPMEM_MUST_COPY);
    if (!resp) return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", r->content_type ? r->content_type : "text/html; charset=utf-8");
    if (r->location) MHD_add_response_header(resp, "Location", r->location);
    for (size_t i = 0; i < r->ncookies; i++) MHD_add_response_header(resp, "Set-Cookie", r->cookies[i]);
    add_security_headers(resp);
    enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)(r->status ? r->status : 200), resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    Request *r = cls;
    params_add(&r->arena, &r->query, key, value ? value : "");
    return MHD_YES;
}

static bool is_form(Request *r)
{
    const char *ct = header(r, "Content-Type");
    return ct && !strncasecmp(ct, "application/x-www-form-urlencoded", 33);
}

/* The path below the configured prefix ("/lots"): "/lots/cases" → "/cases",
 * "/lots" → "/". NULL for a URL outside it ("/cases", "/lotsx/…"), so Lots
 * behind a proxy answers exactly the addresses its links use. */
static const char *path_under_prefix(const char *url, const char *prefix)
{
    size_t plen = strlen(prefix);
    if (!plen) return url;
    if (strncmp(url, prefix, plen) || (url[plen] && url[plen] != '/')) return NULL;
    return url[plen] ? url + plen : "/";
}

static enum MHD_Result answer(const WebConfig *cfg, struct MHD_Connection *conn, const char *url,
                              const char *method, Upload *up)
{
    Request r;
    memset(&r, 0, sizeof r);
    r.cfg = cfg;
    r.conn = conn;
    r.method = method;
    r.path = path_under_prefix(url, cfg->prefix);
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_query, &r);
    r.body = up->body.data ? up->body.data : "";
    r.body_len = up->body.len;
    if (!r.path) {
        r.path = url;
        reply_error(&r, 404, "Sidan finns inte: Lots svarar bara under sin adress.");
    } else if (up->too_large) {
        reply_error(&r, 413, "Begäran är för stor (högst 1 MB).");
    } else if (is_form(&r) && !parse_urlencoded(&r.arena, r.body, r.body_len, &r.form)) {
        reply_error(&r, 400, "Formuläret kunde inte läsas (ogiltig kodning).");
    } else {
        dispatch(&r);
    }
    enum MHD_Result ret = queue(&r);
    if (r.db) db_close(r.db);
    buf_free(&r.out);
    arena_free(&r.arena);
    return ret;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                               const char *version, const char *upload_data, size_t *upload_data_size,
                               void **con_cls)
{
    (void)version;
    Upload *up = *con_cls;
    if (!up) {
        *con_cls = xcalloc(1, sizeof(Upload));
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (up->body.len + *upload_data_size > BODY_MAX) up->too_large = true;
        else buf_append(&up->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    return answer(cls, conn, url, method, up);
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)conn, (void)toe;
    Upload *up = *con_cls;
    if (!up) return;
    buf_free(&up->body);
    free(up);
    *con_cls = NULL;
}

/* Parses "ADDR:PORT", "[V6]:PORT" or ":PORT" into a socket address. */
static ErrCode parse_listen(const char *listen, struct sockaddr_storage *ss, bool *v6, Err *e)
{
    memset(ss, 0, sizeof *ss);
    const char *colon = strrchr(listen, ':');
    long port;
    if (!colon || !parse_long(colon + 1, &port) || port < 0 || port > 65535)
        return err_set(e, ERR_INVALID, "--listen måste vara ADRESS:PORT, t.ex. 127.0.0.1:8080 (fick '%s')", listen);
    char host[64];
    size_t hl = (size_t)(colon - listen);
    if (hl >= sizeof host) return err_set(e, ERR_INVALID, "För lång adress i --listen: '%s'", listen);
    memcpy(host, listen, hl);
    host[hl] = '\0';
    *v6 = host[0] == '[';
    if (*v6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
        host[hl - 1] = '\0';
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host + 1, &a->sin6_addr) != 1)
            return err_set(e, ERR_INVALID, "Ogiltig IPv6-adress i --listen: '%s'", listen);
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)ss;
        a->sin_family = AF_INET;
        a->sin_port = htons((uint16_t)port);
        if (hl == 0) a->sin_addr.s_addr = htonl(INADDR_ANY);
        else if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
            return err_set(e, ERR_INVALID, "Ogiltig IPv4-adress i --listen: '%s'", listen);
    }
    return ERR_OK;
}

static int bound_port(struct MHD_Daemon *d)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

ErrCode web_serve(const WebConfig *cfg, Err *e)
{
    struct sockaddr_storage ss;
    bool v6 = false;
    if (parse_listen(cfg->listen, &ss, &v6, e)) return e->code;
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL); /* worker threads inherit the mask */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, handler, (void *)cfg, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads > 0 ? cfg->threads : 4), MHD_OPTION_NOTIFY_COMPLETED,
        completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, 60u, MHD_OPTION_END);
    if (!d) return err_set(e, ERR_INTERNAL, "Kunde inte lyssna på %s (upptagen port eller fel adress?)", cfg->listen);
    char host[64];
    snprintf(host, sizeof host, "%.*s", (int)(strrchr(cfg->listen, ':') - cfg->listen), cfg->listen);
    printf("Lots lyssnar på http://%s:%d%s/\n", *host ? host : "0.0.0.0", bound_port(d), cfg->prefix);
    fflush(stdout);
    int sig;
    sigwait(&stop, &sig);
    MHD_stop_daemon(d);
    return ERR_OK;
}
