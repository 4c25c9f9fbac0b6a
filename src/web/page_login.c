/*
 * page_login.c — logging in and out with a session cookie.
 */
#include "web/handlers.h"
#include "web/dispatch.h"
#include "web/layout.h"
#include "base/html.h"

#include <string.h>

/* Only a local path may be a target after login (no open redirect). */
static const char *safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strstr(next, "://")) return "/";
    return next;
}

static void login_page(Request *r, const char *name, const char *error)
{
    page_begin(r, "Logga in");
    html_raw(&r->out, "<section class=\"narrow\"><h1>Logga in</h1>");
    error_box(r, error);
    html_printf(&r->out,
                "<form method=\"post\" action=\"%s\" class=\"stack\">"
                "<input type=\"hidden\" name=\"next\" value=\"%s\">",
                url(r, "/login"), safe_next(form_param(r, "next") ? form_param(r, "next") : query_param(r, "next")));
    csrf_field(r);
    html_printf(&r->out,
                "<label for=\"name\">Användarnamn</label>"
                "<input id=\"name\" name=\"name\" autocomplete=\"username\" required value=\"%s\">"
                "<label for=\"password\">Lösenord</label>"
                "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
                "<button type=\"submit\">Logga in</button></form></section>",
                name ? name : "");
    notice_from_query(r);
    page_end(r);
}

void page_login_form(Request *r)
{
    if (r->logged_in) {
        redirect(r, "/");
        return;
    }
    login_page(r, NULL, NULL);
}

void page_login_submit(Request *r)
{
    Err e = ERR_INIT;
    Actor who;
    const char *name = form_param(r, "name");
    if (account_login(r->db, name ? name : "", form_param(r, "password") ? form_param(r, "password") : "", &who, &e)) {
        r->status = 401;
        login_page(r, name, e.msg);
        return;
    }
    char sid[65], csrf[65];
    int ttl = r->cfg->session_ttl > 0 ? r->cfg->session_ttl : 8 * 3600;
    if (session_create(r->db, who.id, ttl, sid, csrf, &e)) {
        reply_err(r, &e);
        return;
    }
    const char *secure = r->cfg->secure_cookies ? "; Secure" : "";
    add_cookie(r, arena_printf(&r->arena, SESSION_COOKIE "=%s; Path=%s/; HttpOnly; SameSite=Lax; Max-Age=%d%s", sid,
                               r->cfg->prefix, ttl, secure));
    add_cookie(r, arena_printf(&r->arena, CSRF_COOKIE "=; Path=%s/; HttpOnly; SameSite=Strict; Max-Age=0%s",
                               r->cfg->prefix, secure));
    redirect(r, safe_next(form_param(r, "next")));
}

void page_logout(Request *r)
{
    const char *sid = cookie(r, SESSION_COOKIE);
    if (sid) session_delete(r->db, sid);
    add_cookie(r, arena_printf(&r->arena, SESSION_COOKIE "=; Path=%s/; HttpOnly; SameSite=Lax; Max-Age=0%s",
                               r->cfg->prefix, r->cfg->secure_cookies ? "; Secure" : ""));
    redirect(r, "/login?ok=loggedout");
}
