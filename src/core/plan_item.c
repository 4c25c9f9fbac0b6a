/*
 * plan_item.c — adding items to a plan's tree and finding them by code. The
 * shape rules live here: an area stands at the top; a child's kind comes
 * after its parent's in area → delområde → effektmål → aktivitet →
 * indikator (levels may be skipped); an indicator has no children; a
 * refers_to points to an item of another plan. No HTTP, no printing.
 */
#include "core/plan_internal.h"
#include "core/freetext.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

static bool code_valid(const char *c)
{
    if (!c || !*c || utf8_length(c) > PLAN_CODE_MAX) return false;
    for (const unsigned char *p = (const unsigned char *)c; *p; p++)
        if (*p <= ' ' || *p == ',' || *p == ';' || *p == '"') return false;
    return utf8_valid(c);
}

static ErrCode check_texts(const PlanItemNew *in, Err *e)
{
    if (!code_valid(in->code))
        return err_set(e, ERR_INVALID, "koden '%s' duger inte: 1–%d tecken utan mellanslag, komma, semikolon och "
                                       "citattecken",
                       in->code ? in->code : "", PLAN_CODE_MAX);
    if (freetext_check("Rubrik", in->title, PLAN_TITLE_MAX, true, e) ||
        freetext_check("Beskrivning", in->description, PLAN_TEXT_MAX, false, e) ||
        freetext_check("Strategisk ägare", in->strategic_owner, PLAN_OWNER_MAX, false, e) ||
        freetext_check("Uppdragsansvarig", in->assignment_owner, PLAN_OWNER_MAX, false, e) ||
        freetext_check("Enhet", in->unit, PLAN_UNIT_MAX, false, e))
        return e->code;
    if (!plan_status_valid(in->status ? in->status : ""))
        return err_set(e, ERR_INVALID, "okänd status '%s' (planned, ongoing, done, cancelled)", in->status);
    if (in->status && *in->status && strcmp(in->kind, "activity"))
        return err_set(e, ERR_INVALID, "bara aktiviteter har status");
    return ERR_OK;
}

static ErrCode check_shape(Db *db, const PlanItemNew *in, Err *e)
{
    int rank = plan_kind_rank(in->kind);
    if (rank < 0)
        return err_set(e, ERR_INVALID, "okänd sorts planpunkt '%s' (area, delomrade, goal, activity, indicator)",
                       in->kind ? in->kind : "");
    if (!db_exists(db, e, "SELECT 1 FROM plans WHERE id = :id", DB_ARGS(DB_INT(":id", in->plan_id))))
        return e->code ? e->code : err_set(e, ERR_NOTFOUND, "planen %lld finns inte", in->plan_id);
    if (in->parent_id) {
        char *pk = db_text(db, e, "SELECT kind FROM plan_items WHERE id = :id AND plan_id = :p",
                           DB_ARGS(DB_INT(":id", in->parent_id), DB_INT(":p", in->plan_id)));
        if (!pk) return e->code ? e->code : err_set(e, ERR_INVALID, "överordnad punkt %lld finns inte i planen",
                                                     in->parent_id);
        int prank = plan_kind_rank(pk);
        const char *plabel = plan_kind_label(pk);
        free(pk);
        if (rank == 0) return err_set(e, ERR_INVALID, "ett område står överst i planen, under ingen annan punkt");
        if (prank >= rank)
            return err_set(e, ERR_INVALID, "%s kan inte ligga under %s (ordningen är område → delområde → "
                                           "effektmål → aktivitet → indikator)",
                           plan_kind_label(in->kind), plabel);
    }
    if (db_exists(db, e, "SELECT 1 FROM plan_items WHERE plan_id = :p AND code = :c",
                  DB_ARGS(DB_INT(":p", in->plan_id), DB_TEXT(":c", in->code))))
        return err_set(e, ERR_CONFLICT, "koden '%s' finns redan i planen", in->code);
    if (e->code) return e->code;
    if (in->refers_to) {
        long long other = db_int(db, e, "SELECT plan_id FROM plan_items WHERE id = :id",
                                 DB_ARGS(DB_INT(":id", in->refers_to)), 0);
        if (e->code) return e->code;
        if (!other) return err_set(e, ERR_INVALID, "punkten %lld som det hänvisas till finns inte", in->refers_to);
        if (other == in->plan_id)
            return err_set(e, ERR_INVALID, "en hänvisning pekar på en punkt i en annan plan (den regionala)");
    }
    return ERR_OK;
}

ErrCode plan_item_insert(Db *db, const PlanItemNew *in, long long *id, Err *e)
{
    if (check_shape(db, in, e) || check_texts(in, e)) return e->code;
    long long sort = db_int(db, e, "SELECT COALESCE(max(sort), 0) + 1 FROM plan_items WHERE plan_id = :p",
                            DB_ARGS(DB_INT(":p", in->plan_id)), 1);
    if (e->code) return e->code;
    if (db_exec(db, e,
                "INSERT INTO plan_items (plan_id, parent_id, kind, code, title, sort, description, strategic_owner, "
                "assignment_owner, status, refers_to) VALUES (:p, :parent, :k, :c, :t, :s, :d, :so, :ao, :st, :r)",
                DB_ARGS(DB_INT(":p", in->plan_id), in->parent_id ? DB_INT(":parent", in->parent_id) : DB_NULL(":parent"),
                        DB_TEXT(":k", in->kind), DB_TEXT(":c", in->code), DB_TEXT(":t", in->title), DB_INT(":s", sort),
                        DB_TEXT(":d", in->description ? in->description : ""),
                        DB_TEXT(":so", in->strategic_owner ? in->strategic_owner : ""),
                        DB_TEXT(":ao", in->assignment_owner ? in->assignment_owner : ""),
                        DB_TEXT(":st", in->status ? in->status : ""),
                        in->refers_to ? DB_INT(":r", in->refers_to) : DB_NULL(":r"))))
        return e->code;
    *id = db_int(db, e, "SELECT id FROM plan_items WHERE plan_id = :p AND code = :c",
                 DB_ARGS(DB_INT(":p", in->plan_id), DB_TEXT(":c", in->code)), 0);
    if (e->code) return e->code;
    if (!strcmp(in->kind, "indicator") &&
        db_exec(db, e, "INSERT INTO plan_indicators (item_id, unit, direction, period_type) VALUES (:id, :u, :d, :pt)",
                DB_ARGS(DB_INT(":id", *id), DB_TEXT(":u", in->unit ? in->unit : ""),
                        DB_TEXT(":d", direction_key(in->direction)),
                        DB_TEXT(":pt", period_type_key(in->period_type)))))
        return e->code;
    return ERR_OK;
}

ErrCode plan_item_add(Db *db, const PlanItemNew *in, long long *id, Err *e)
{
    err_clear(e); /* the checks below read e->code after each query */
    if (db_begin(db, e)) return e->code;
    if (plan_item_insert(db, in, id, e)) {
        db_rollback(db);
        return e->code;
    }
    return db_commit(db, e);
}

ErrCode plan_item_by_code(Db *db, long long plan_id, const char *code, long long *id, Err *e)
{
    err_clear(e); /* the checks below read e->code after each query */
    if (plan_id) {
        *id = db_int(db, e, "SELECT id FROM plan_items WHERE plan_id = :p AND code = :c",
                     DB_ARGS(DB_INT(":p", plan_id), DB_TEXT(":c", code)), 0);
        if (e->code) return e->code;
        if (!*id) return err_set(e, ERR_NOTFOUND, "koden '%s' finns inte i planen", code);
        return ERR_OK;
    }
    long long n = db_int(db, e, "SELECT count(*) FROM plan_items WHERE code = :c", DB_ARGS(DB_TEXT(":c", code)), 0);
    if (e->code) return e->code;
    if (n == 0) return err_set(e, ERR_NOTFOUND, "koden '%s' finns inte i någon plan", code);
    if (n > 1)
        return err_set(e, ERR_INVALID, "koden '%s' finns i %lld planer; ange vilken i kolumnen plan", code, n);
    *id = db_int(db, e, "SELECT id FROM plan_items WHERE code = :c", DB_ARGS(DB_TEXT(":c", code)), 0);
    return e->code;
}
