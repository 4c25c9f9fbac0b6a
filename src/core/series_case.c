/*
 * series_case.c — the cases that concern a series and their decisions
 * (core/series.h): found through the patterns the series produced
 * (patterns.case_id) and the links officials made by hand (series_cases);
 * linking and unlinking by hand, each with its line in the case's history;
 * and, from the other side, the series a case concerns.
 * Must not: judge a series or touch its patterns (pattern_*.c do that).
 */
#include "core/series.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/case.h"
#include "core/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The series of table alias t: bound to :l, :u (0 for the region), :c, :s. */
#define MATCH(t) t ".level = :l AND coalesce(" t ".unit_id, 0) = :u AND " t ".category_id = :c AND " t ".source = :s"

/* Every case that concerns the series, with how: via 0 from a pattern, 1 linked. */
#define CONCERNING                                                                                                  \
    "SELECT p.case_id AS case_id, 0 AS via, '' AS by_name, '' AS at FROM patterns p "                              \
    "WHERE p.case_id IS NOT NULL AND " MATCH("p") " UNION ALL "                                                   \
    "SELECT l.case_id, 1, coalesce(u.display_name, ''), l.created_at FROM series_cases l "                         \
    "LEFT JOIN users u ON u.id = l.created_by WHERE " MATCH("l")

#define KEY_ARGS(k)                                                                                                 \
    DB_TEXT(":l", (k)->level), DB_INT(":u", series_key_unit(k)), DB_INT(":c", (k)->category_id),                  \
        DB_TEXT(":s", (k)->source)

/* --- reading ------------------------------------------------------------------------------------ */

static void fill_case(Stmt *st, void *el)
{
    SeriesCase *c = el;
    c->id = stmt_int(st, 0);
    c->ref = xstrdup(stmt_text(st, 1));
    c->title = xstrdup(stmt_text(st, 2));
    c->from_pattern = stmt_int(st, 3) != 0;
    c->linked = stmt_int(st, 4) != 0;
    c->linked_by = xstrdup(stmt_text(st, 5));
    c->linked_at = xstrdup(stmt_text(st, 6));
}

static void release_case(void *el)
{
    SeriesCase *c = el;
    free(c->ref), free(c->title), free(c->linked_by), free(c->linked_at);
}

ErrCode series_cases(Db *db, const SeriesKey *k, SeriesCase **out, size_t *n, Err *e)
{
    return db_rows(db, e,
                   "SELECT c.id, c.ref, c.title, max(1 - x.via), max(x.via), max(x.by_name), max(x.at) "
                   "FROM (" CONCERNING ") x JOIN cases c ON c.id = x.case_id "
                   "GROUP BY c.id, c.ref, c.title ORDER BY c.ref",
                   DB_ARGS(KEY_ARGS(k)), sizeof(SeriesCase), fill_case, release_case, (void **)out, n);
}

void series_cases_free(SeriesCase *c, size_t n)
{
    for (size_t i = 0; i < n; i++) release_case(&c[i]);
    free(c);
}

/* "Beslut SSN § 45 (HS 2026-00012)"; a delegation decision says so. */
static char *decision_label(const char *body, const char *paragraph, const char *ref)
{
    Buf b = BUF_INIT;
    if (!strcmp(body, "Delegation")) buf_printf(&b, "Delegationsbeslut");
    else buf_printf(&b, "Beslut %s", body);
    if (*paragraph) buf_printf(&b, " %s", paragraph);
    buf_printf(&b, " (%s)", ref);
    char *s = xstrdup(buf_cstr(&b));
    buf_free(&b);
    return s;
}

static void fill_decision(Stmt *st, void *el)
{
    SeriesDecision *d = el;
    d->case_id = stmt_int(st, 0);
    d->case_ref = xstrdup(stmt_text(st, 1));
    d->body = xstrdup(stmt_text(st, 2));
    d->date = xstrdup(stmt_text(st, 3));
    d->paragraph = xstrdup(stmt_text(st, 4));
    d->text = xstrdup(stmt_text(st, 5));
    d->label = decision_label(d->body, d->paragraph, d->case_ref);
}

static void release_decision(void *el)
{
    SeriesDecision *d = el;
    free(d->case_ref), free(d->body), free(d->date), free(d->paragraph), free(d->text), free(d->label);
}

ErrCode series_decisions(Db *db, const SeriesKey *k, SeriesDecision **out, size_t *n, Err *e)
{
    return db_rows(db, e,
                   "SELECT d.case_id, c.ref, d.body, d.decided_on, d.paragraph, d.text FROM case_decisions d "
                   "JOIN cases c ON c.id = d.case_id "
                   "WHERE d.case_id IN (SELECT x.case_id FROM (" CONCERNING ") x) ORDER BY d.decided_on, d.id",
                   DB_ARGS(KEY_ARGS(k)), sizeof(SeriesDecision), fill_decision, release_decision, (void **)out, n);
}

void series_decisions_free(SeriesDecision *d, size_t n)
{
    for (size_t i = 0; i < n; i++) release_decision(&d[i]);
    free(d);
}

/* --- linking by hand ------------------------------------------------------------------------------ */

/* "Läkemedel – Ortopedi (avvikelser, förvaltning)": the series in a sentence. */
static char *series_name(const SeriesKey *k, const char *unit, const char *category)
{
    Buf b = BUF_INIT;
    buf_printf(&b, "%s – %s (%s", category, unit, series_source_noun(k->source));
    if (!strcmp(k->level, "förvaltning")) buf_printf(&b, ", hela förvaltningen");
    buf_printf(&b, ")");
    char *s = xstrdup(buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* Checks the person and the key, and names the series. */
static ErrCode writable_series(Db *db, const Actor *who, const SeriesKey *k, char **name, Err *e)
{
    err_clear(e);
    *name = NULL;
    if (!role_can_write(who->role)) return err_set(e, ERR_FORBIDDEN, "Läsare kan inte koppla ärenden till diagram.");
    char *unit, *category;
    if (series_key_check(db, k, &unit, &category, e)) return e->code;
    *name = series_name(k, unit, category);
    free(unit), free(category);
    return ERR_OK;
}

/* The case named by reference or id, or ERR_INVALID naming the field. */
static ErrCode find_case(Db *db, const char *given, Case *c, Err *e)
{
    if (is_blank(given)) return err_set(e, ERR_INVALID, "Ärende (fältet 'case'): ange ärendets referens, t.ex. HS 2026-00012.");
    char *ref = trim_dup(given);
    long id;
    ErrCode rc = parse_long(ref, &id) && id > 0 ? case_get(db, id, c, e) : case_get_by_ref(db, ref, c, e);
    if (rc == ERR_NOTFOUND) rc = err_set(e, ERR_INVALID, "Ärende (fältet 'case'): det finns inget ärende '%s'.", ref);
    free(ref);
    return rc;
}

ErrCode series_link_case(Db *db, const Actor *who, const SeriesKey *k, const char *case_ref, long long *case_id,
                         Err *e)
{
    char *name;
    if (writable_series(db, who, k, &name, e)) return e->code;
    Case c;
    if (find_case(db, case_ref, &c, e)) {
        free(name);
        return e->code;
    }
    int via = (int)db_int(db, e, "SELECT coalesce(min(x.via), -1) FROM (" CONCERNING ") x WHERE x.case_id = :id",
                          DB_ARGS(KEY_ARGS(k), DB_INT(":id", c.id)), -1);
    if (e->code) goto out;
    if (via == 0) err_set(e, ERR_CONFLICT, "Ärendet %s gäller redan diagrammet: det gjordes av ett mönster i serien.", c.ref);
    else if (via == 1) err_set(e, ERR_CONFLICT, "Ärendet %s är redan kopplat till diagrammet.", c.ref);
    else {
        char now[32];
        iso_now(now);
        Buf summary = BUF_INIT;
        buf_printf(&summary, "Kopplat till diagrammet %s", name);
        bool region = !strcmp(k->level, "region");
        history_write(db, who, c.id,
                      "INSERT INTO series_cases (level, unit_id, category_id, source, case_id, created_by, created_at) "
                      "VALUES (:l, :u, :c, :s, :case, :by, :now)",
                      DB_ARGS(DB_TEXT(":l", k->level), region ? DB_NULL(":u") : DB_INT(":u", k->unit_id),
                              DB_INT(":c", k->category_id), DB_TEXT(":s", k->source), DB_INT(":case", c.id),
                              DB_INT(":by", who->id), DB_TEXT(":now", now)),
                      "link", buf_cstr(&summary), NULL, e);
        buf_free(&summary);
        if (!e->code && case_id) *case_id = c.id;
    }
out:
    free(name);
    case_free(&c);
    return e->code;
}

ErrCode series_unlink_case(Db *db, const Actor *who, const SeriesKey *k, long long case_id, Err *e)
{
    char *name;
    if (writable_series(db, who, k, &name, e)) return e->code;
    if (!db_exists(db, e, "SELECT 1 FROM series_cases l WHERE l.case_id = :id AND " MATCH("l"),
                   DB_ARGS(KEY_ARGS(k), DB_INT(":id", case_id)))) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "Ärendet %lld är inte kopplat till diagrammet för hand.", case_id);
        free(name);
        return e->code;
    }
    Buf summary = BUF_INIT;
    buf_printf(&summary, "Koppling till diagrammet borttagen: %s", name);
    history_write(db, who, case_id, "DELETE FROM series_cases WHERE case_id = :id AND " MATCH("series_cases"),
                  DB_ARGS(KEY_ARGS(k), DB_INT(":id", case_id)), "unlink", buf_cstr(&summary), NULL, e);
    buf_free(&summary);
    free(name);
    return e->code;
}

/* --- the series of a case ----------------------------------------------------------------------------- */

static void fill_case_series(Stmt *st, void *el)
{
    CaseSeries *s = el;
    snprintf(s->level, sizeof s->level, "%s", stmt_text(st, 0));
    s->unit_id = stmt_int(st, 1);
    s->category_id = stmt_int(st, 2);
    snprintf(s->source, sizeof s->source, "%s", stmt_text(st, 3));
    s->linked = stmt_int(st, 4) != 0;
    SeriesKey k = {s->level, s->unit_id, s->category_id, s->source, "month"};
    s->name = series_name(&k, stmt_text(st, 5), stmt_text(st, 6));
}

static void release_case_series(void *el)
{
    free(((CaseSeries *)el)->name);
}

ErrCode case_series(Db *db, long long case_id, CaseSeries **out, size_t *n, Err *e)
{
    return db_rows(db, e,
                   "SELECT x.level, x.u, x.category_id, x.source, min(x.via), coalesce(un.name, 'Hela regionen'), "
                   "cat.name FROM (SELECT level, coalesce(unit_id, 0) AS u, category_id, source, 0 AS via "
                   "FROM patterns WHERE case_id = :id UNION ALL SELECT level, coalesce(unit_id, 0), category_id, "
                   "source, 1 FROM series_cases WHERE case_id = :id) x "
                   "LEFT JOIN units un ON un.id = x.u AND x.level <> 'region' "
                   "JOIN event_categories cat ON cat.id = x.category_id "
                   "GROUP BY x.level, x.u, x.category_id, x.source, un.name, cat.name ORDER BY cat.name, un.name",
                   DB_ARGS(DB_INT(":id", case_id)), sizeof(CaseSeries), fill_case_series, release_case_series,
                   (void **)out, n);
}

void case_series_free(CaseSeries *s, size_t n)
{
    for (size_t i = 0; i < n; i++) release_case_series(&s[i]);
    free(s);
}
