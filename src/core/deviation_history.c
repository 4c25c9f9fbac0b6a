/*
 * deviation_history.c — the history of a deviation or a complaint (who,
 * when, what), table record_events (migrations/0014). The change functions
 * of deviation_*.c and complaint.c append one event inside the transaction
 * that makes their change, so the two land together or not at all; a change
 * that changes nothing appends nothing. History is never updated or deleted.
 */
#include "core/deviation_internal.h"
#include "base/buf.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

static const char *kind_word(RecordKind kind)
{
    return kind == RECORD_COMPLAINT ? "complaint" : "deviation";
}

static DbArg user_arg(const Actor *who)
{
    return who && who->id ? DB_INT(":u", who->id) : DB_NULL(":u");
}

ErrCode record_event_add(Db *db, RecordKind kind, long long id, const Actor *who, const char *what,
                         const char *detail, Err *e)
{
    char now[32];
    iso_now(now);
    return db_exec(db, e,
                   "INSERT INTO record_events (kind, record_id, at, user_id, what, detail) "
                   "VALUES (:k, :id, :at, :u, :w, :d)",
                   DB_ARGS(DB_TEXT(":k", kind_word(kind)), DB_INT(":id", id), DB_TEXT(":at", now), user_arg(who),
                           DB_TEXT(":w", what), DB_TEXT(":d", detail)));
}

ErrCode record_registered(Db *db, RecordKind kind, long long id, const Actor *who, long long import_id, Err *e)
{
    bool dev = kind == RECORD_DEVIATION;
    if (!import_id) return record_event_add(db, kind, id, who, "registered", dev ? "Registrerad" : "Registrerat", e);
    /* The import's file name from its row (written before the first record). */
    char now[32];
    iso_now(now);
    return db_exec(db, e,
                   "INSERT INTO record_events (kind, record_id, at, user_id, what, detail) "
                   "SELECT :k, :id, :at, :u, 'imported', :pre || file_name || ' (import ' || id || ')' "
                   "FROM imports WHERE id = :imp",
                   DB_ARGS(DB_TEXT(":k", kind_word(kind)), DB_INT(":id", id), DB_TEXT(":at", now), user_arg(who),
                           DB_TEXT(":pre", dev ? "Importerad från " : "Importerat från "),
                           DB_INT(":imp", import_id)));
}

void record_change(Buf *b, const char *label, const char *before, const char *after)
{
    if (!strcmp(before, after)) return;
    buf_printf(b, "%s%s: %s → %s", b->len ? "; " : "", label, *before ? before : "–", *after ? after : "–");
}

void record_note(Buf *b, bool changed, const char *text)
{
    if (changed) buf_printf(b, "%s%s", b->len ? "; " : "", text);
}

static void fill_event(Stmt *st, void *el)
{
    RecordEvent *ev = el;
    ev->id = stmt_int(st, 0);
    ev->at = xstrdup(stmt_text(st, 1));
    ev->user_name = xstrdup(stmt_text(st, 2));
    ev->what = xstrdup(stmt_text(st, 3));
    ev->detail = xstrdup(stmt_text(st, 4));
}

static void release_event(void *el)
{
    RecordEvent *ev = el;
    free(ev->at), free(ev->user_name), free(ev->what), free(ev->detail);
}

ErrCode record_history(Db *db, RecordKind kind, long long id, RecordHistory *out, Err *e)
{
    memset(out, 0, sizeof *out);
    return db_rows(db, e,
                   "SELECT ev.id, ev.at, COALESCE(u.display_name, ''), ev.what, ev.detail "
                   "FROM record_events ev LEFT JOIN users u ON u.id = ev.user_id "
                   "WHERE ev.kind = :k AND ev.record_id = :id ORDER BY ev.id DESC",
                   DB_ARGS(DB_TEXT(":k", kind_word(kind)), DB_INT(":id", id)), sizeof *out->items, fill_event,
                   release_event, (void **)&out->items, &out->n);
}

void record_history_free(RecordHistory *h)
{
    for (size_t i = 0; i < h->n; i++) release_event(&h->items[i]);
    free(h->items);
    memset(h, 0, sizeof *h);
}
