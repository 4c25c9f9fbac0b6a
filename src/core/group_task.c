/*
 * group_task.c — tasks a change leaves for a person of the organisation
 * (the metodstöd told that a municipal representative has left), listing the
 * open ones and marking one done.
 *
 * Must not: decide when a task is due (the writers that create tasks do), or
 * print.
 */
#include "core/group_internal.h"
#include "base/buf.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

ErrCode task_add_tx(Db *db, long long person_id, long long group_id, const char *text, const char *link,
                    long long *id, Err *e)
{
    char now[32];
    iso_now(now);
    Err q = ERR_INIT;
    long long got = db_int(db, &q,
                           "INSERT INTO tasks (person_id, group_id, text, link, created_at) "
                           "VALUES (:p, :g, :t, :l, :now) RETURNING id",
                           DB_ARGS(person_id ? DB_INT(":p", person_id) : DB_NULL(":p"),
                                   group_id ? DB_INT(":g", group_id) : DB_NULL(":g"), DB_TEXT(":t", text),
                                   DB_TEXT(":l", link ? link : ""), DB_TEXT(":now", now)),
                           -1);
    if (got < 0) return q.code ? (*e = q, q.code) : err_set(e, ERR_INTERNAL, "uppgiften kunde inte sparas");
    if (id) *id = got;
    return ERR_OK;
}

static void task_release(void *el)
{
    Task *t = el;
    free(t->person_name);
    free(t->group_name);
    free(t->text);
    free(t->link);
    free(t->created_at);
    free(t->done_at);
}

static void task_fill(Stmt *st, void *el)
{
    Task *t = el;
    t->id = stmt_int(st, 0);
    t->person_id = stmt_int(st, 1);
    t->group_id = stmt_int(st, 2);
    t->person_name = xstrdup(stmt_text(st, 3));
    t->group_name = xstrdup(stmt_text(st, 4));
    t->text = xstrdup(stmt_text(st, 5));
    t->link = xstrdup(stmt_text(st, 6));
    t->created_at = xstrdup(stmt_text(st, 7));
    t->done_at = xstrdup(stmt_text(st, 8));
}

ErrCode task_list_open(Db *db, long long person_id, Task **out, size_t *n, Err *e)
{
    return db_rows(db, e,
                   "SELECT t.id, COALESCE(t.person_id, 0), COALESCE(t.group_id, 0), COALESCE(p.name, ''), "
                   "COALESCE(g.name, ''), t.text, t.link, t.created_at, t.done_at FROM tasks t "
                   "LEFT JOIN people p ON p.id = t.person_id LEFT JOIN groups g ON g.id = t.group_id "
                   "WHERE t.done_at = '' AND (:p = 0 OR t.person_id = :p) ORDER BY t.id",
                   DB_ARGS(DB_INT(":p", person_id)), sizeof **out, task_fill, task_release, (void **)out, n);
}

void task_list_free(Task *t, size_t n)
{
    for (size_t i = 0; i < n; i++) task_release(&t[i]);
    free(t);
}

static ErrCode task_done_tx(Db *db, const Actor *who, long long id, Err *e)
{
    Task *t;
    size_t n;
    if (db_rows(db, e,
                "SELECT t.id, COALESCE(t.person_id, 0), COALESCE(t.group_id, 0), COALESCE(p.name, ''), "
                "COALESCE(g.name, ''), t.text, t.link, t.created_at, t.done_at FROM tasks t "
                "LEFT JOIN people p ON p.id = t.person_id LEFT JOIN groups g ON g.id = t.group_id WHERE t.id = :id",
                DB_ARGS(DB_INT(":id", id)), sizeof *t, task_fill, task_release, (void **)&t, &n))
        return e->code;
    ErrCode rc = ERR_OK;
    if (!n) rc = err_set(e, ERR_NOTFOUND, "Uppgiften finns inte (id %lld).", id);
    else if (*t[0].done_at) rc = err_set(e, ERR_CONFLICT, "Uppgiften är redan klarmarkerad (%s).", t[0].done_at);
    char now[32];
    iso_now(now);
    if (!rc)
        rc = db_exec(db, e, "UPDATE tasks SET done_at = :now, done_by = :u WHERE id = :id",
                     DB_ARGS(DB_TEXT(":now", now), who && who->id ? DB_INT(":u", who->id) : DB_NULL(":u"),
                             DB_INT(":id", id)));
    if (!rc && t[0].group_id) {
        char summary[300];
        snprintf(summary, sizeof summary, "Uppgiften till %s klarmarkerades.",
                 *t[0].person_name ? t[0].person_name : "(ingen mottagare)");
        rc = group_event(db, t[0].group_id, who, "task_done", summary, NULL, e);
    }
    task_list_free(t, n);
    return rc;
}

ErrCode task_done(Db *db, const Actor *who, long long id, Err *e)
{
    GROUP_IN_TX(db, e, task_done_tx(db, who, id, e));
}
