/*
 * assets.c — the stylesheet and other files built into the binary, and the
 * health check.
 */
#include "web/handlers.h"
#include "base/embed.h"

#include <string.h>

static const char *content_type_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot && !strcmp(dot, ".css")) return "text/css; charset=utf-8";
    if (dot && !strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
    if (dot && !strcmp(dot, ".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

void serve_asset(Request *r)
{
    const EmbeddedFile *f = embedded_find(embedded_assets, r->args[0]);
    if (!f) {
        reply_error(r, 404, "Filen finns inte.");
        return;
    }
    buf_append(&r->out, f->data, f->len);
    r->content_type = content_type_of(f->name);
}

void healthz(Request *r)
{
    Err e = ERR_INIT;
    long long version = db_schema_version(r->db);
    if (version <= 0 || e.code) {
        reply_error(r, 503, "Databasen svarar inte.");
        return;
    }
    reply_json(r, 200, json_pack("{s:s, s:I}", "status", "ok", "schema", (json_int_t)version));
}
