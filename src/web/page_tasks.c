/*
 * page_tasks.c — the tasks the organisation leaves for a person (e.g. the
 * LAG's metodstöd when a municipal representative leaves), shown on the
 * start page: the signed-in person's own, and for an administrator every
 * open task in the organisation; and marking one done (POST /tasks/{id}/done).
 */
#include "web/page_tasks.h"
#include "web/handlers.h"
#include "web/layout.h"
#include "base/html.h"
#include "core/group.h"

static void task_item(Request *r, const Task *t, bool show_person)
{
    html_raw(&r->out, "<li>");
    if (*t->link) html_printf(&r->out, "<a href=\"%s%s\">%s</a>", r->cfg->prefix, t->link, t->text);
    else html_printf(&r->out, "%s", t->text);
    if (show_person) html_printf(&r->out, " <span class=\"counts\">– %s</span>", *t->person_name ? t->person_name : "ingen mottagare");
    if (role_can_write(r->user.role)) {
        html_printf(&r->out, " <form class=\"inline\" method=\"post\" action=\"%s\">", url(r, "/tasks/%lld/done", t->id));
        csrf_field(r);
        html_raw(&r->out, "<button type=\"submit\" class=\"secondary\">Klar</button></form>");
    }
    html_raw(&r->out, "</li>");
}

/* One list of open tasks under a heading; nothing when there are none and
 * the list is not the person's own. */
static void task_section(Request *r, const char *id, const char *heading, long long person, bool own)
{
    Err e = ERR_INIT;
    Task *t;
    size_t n;
    if (task_list_open(r->db, person, &t, &n, &e)) return;
    if (n || own) {
        html_printf(&r->out, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">%s</h2>", id, id, heading);
        if (!n) html_raw(&r->out, "<p>Inga öppna uppgifter.</p>");
        else html_raw(&r->out, "<ul class=\"tasks\">");
        for (size_t i = 0; i < n; i++) task_item(r, &t[i], !own);
        if (n) html_raw(&r->out, "</ul>");
        html_raw(&r->out, "</section>");
    }
    task_list_free(t, n);
}

void home_tasks(Request *r)
{
    long long person = account_person(r->db, r->user.id);
    if (person) task_section(r, "h-tasks", "Mina uppgifter", person, true);
    if (r->user.role == ROLE_ADMIN) task_section(r, "h-all-tasks", "Öppna uppgifter i organisationen", 0, false);
}

void page_task_done(Request *r)
{
    long long id;
    Err e = ERR_INIT;
    if (!arg_id_or_reply(r, 0, &id)) return;
    if (task_done(r->db, &r->user, id, &e)) reply_err(r, &e);
    else redirect(r, "/?ok=taskdone");
}
