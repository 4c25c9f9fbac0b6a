/*
 * deviation_add.c — registering a deviation: every field validated (free
 * texts through freetext_check, so no personnummer is ever stored), the
 * category found or added, the row inserted; in one transaction.
 *
 * dev_validate and dev_insert are shared with the import, which holds one
 * transaction around a whole file, and with the demo.
 */
#include "core/deviation_internal.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/freetext.h"
#include "core/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *label(const DeviationNew *in, DeviationField f)
{
    return label_or(in->labels[f], deviation_fields[f].label);
}

static const size_t max_chars[DF_N] = {
    [DF_REF] = REF_MAX,          [DF_KIND] = SHORT_TEXT_MAX,        [DF_EVENT_DATE] = SHORT_TEXT_MAX,
    [DF_REPORTED_DATE] = SHORT_TEXT_MAX, [DF_UNIT] = SHORT_TEXT_MAX, [DF_CATEGORY] = CATEGORY_MAX,
    [DF_SUBCATEGORY] = CATEGORY_MAX, [DF_SEVERITY] = SHORT_TEXT_MAX, [DF_DESCRIPTION] = LONG_TEXT_MAX,
    [DF_IMMEDIATE_ACTION] = LONG_TEXT_MAX, [DF_STATUS] = SHORT_TEXT_MAX, [DF_FEEDBACK] = LONG_TEXT_MAX,
    [DF_SERIOUS] = SHORT_TEXT_MAX,
};

void dev_row_free(DevRow *r)
{
    free(r->ref);
    free(r->category);
    free(r->subcategory);
    free(r->description);
    free(r->immediate_action);
    free(r->feedback);
    memset(r, 0, sizeof *r);
}

/* Every field as text first: a personnummer is refused wherever it stands,
 * before any message could echo it back. */
static ErrCode check_texts(const DeviationNew *in, Err *e)
{
    for (int f = 0; f < DF_N; f++) {
        if (f == DF_UNIT && in->unit_id > 0) continue;
        bool required = deviation_fields[f].required && !deviation_fields[f].date;
        if (freetext_check(label(in, f), in->v[f], max_chars[f], required, e)) return e->code;
    }
    return ERR_OK;
}

static ErrCode check_unit(Db *db, const DeviationNew *in, DevRow *r, Err *e)
{
    if (in->unit_id > 0) {
        r->unit_id = in->unit_id;
        return ERR_OK;
    }
    Unit u;
    Err q = ERR_INIT;
    if (unit_find(db, in->v[DF_UNIT], &u, &q))
        return err_set(e, q.code == ERR_INTERNAL ? ERR_INTERNAL : ERR_INVALID, "%s: %s", label(in, DF_UNIT), q.msg);
    r->unit_id = u.id;
    unit_free(&u);
    return ERR_OK;
}

static ErrCode check_words(const DeviationNew *in, DevRow *r, Err *e)
{
    const char *s = in->v[DF_KIND];
    r->kind = is_blank(s) ? "vård" : deviation_kind_parse(s);
    if (!r->kind)
        return err_set(e, ERR_INVALID, "%s: okänd typ '%s' (patient, vård, arbetsrelaterad eller tillbud).",
                       label(in, DF_KIND), s);
    s = in->v[DF_SEVERITY];
    r->severity = severity_parse(s);
    if (!r->severity)
        return err_set(e, ERR_INVALID,
                       "%s: okänd allvarlighetsgrad '%s' (1 mindre, 2 måttlig, 3 betydande eller 4 katastrofal).",
                       label(in, DF_SEVERITY), s);
    s = in->v[DF_STATUS];
    r->status = is_blank(s) ? "registrerad" : deviation_status_parse(s);
    if (!r->status)
        return err_set(e, ERR_INVALID, "%s: okänd status '%s' (registrerad, under utredning, åtgärdad eller avslutad).",
                       label(in, DF_STATUS), s);
    int yes = yes_no_parse(in->v[DF_SERIOUS]);
    if (yes < 0) return err_set(e, ERR_INVALID, "%s: '%s' ska vara ja eller nej.", label(in, DF_SERIOUS), in->v[DF_SERIOUS]);
    r->serious = yes == 1;
    return ERR_OK;
}

static ErrCode check_dates(const DeviationNew *in, DevRow *r, Err *e)
{
    if (date_field(label(in, DF_EVENT_DATE), in->v[DF_EVENT_DATE], true, r->event_date, e) ||
        date_field(label(in, DF_REPORTED_DATE), in->v[DF_REPORTED_DATE], false, r->reported_date, e))
        return e->code;
    if (!r->reported_date[0]) iso_today(r->reported_date);
    if (strcmp(r->reported_date, r->event_date) < 0)
        return err_set(e, ERR_INVALID, "%s: %s är före händelsedatumet %s.", label(in, DF_REPORTED_DATE),
                       r->reported_date, r->event_date);
    return ERR_OK;
}

ErrCode dev_validate(Db *db, const DeviationNew *in, DevRow *r, Err *e)
{
    memset(r, 0, sizeof *r);
    if (check_texts(in, e) || check_words(in, r, e) || check_dates(in, r, e) || check_unit(db, in, r, e))
        return e->code;
    r->ref = trim_dup(in->v[DF_REF]);
    r->category = trim_dup(in->v[DF_CATEGORY]);
    r->subcategory = trim_dup(in->v[DF_SUBCATEGORY] ? in->v[DF_SUBCATEGORY] : "");
    r->description = trim_dup(in->v[DF_DESCRIPTION]);
    r->immediate_action = trim_dup(in->v[DF_IMMEDIATE_ACTION] ? in->v[DF_IMMEDIATE_ACTION] : "");
    r->feedback = trim_dup(in->v[DF_FEEDBACK] ? in->v[DF_FEEDBACK] : "");
    return ERR_OK;
}

char *dev_search_text(const char *ref, const char *category, const char *subcategory, const char *description,
                      const char *immediate_action, const char *feedback)
{
    Buf b = BUF_INIT;
    buf_printf(&b, "%s\n%s\n%s\n%s\n%s\n%s", ref, category, subcategory, description, immediate_action, feedback);
    char *f = fold_lower(buf_cstr(&b));
    buf_free(&b);
    return f;
}

ErrCode dev_insert(Db *db, const Actor *who, const DevRow *r, long long import_id, long long *id, Err *e)
{
    long long cat;
    if (category_id_for(db, r->category, &cat, e)) return e->code;
    char now[32], week[9], month[8];
    iso_now(now);
    iso_week_of(r->event_date, week);
    month_of(r->event_date, month);
    char *search = dev_search_text(r->ref, r->category, r->subcategory, r->description, r->immediate_action, r->feedback);
    long long got = db_int(
        db, e,
        "INSERT INTO deviations (ref, kind, event_date, event_week, event_month, reported_date, unit_id, category_id, "
        "subcategory, severity, description, immediate_action, status, feedback, serious, search_text, entered_via, "
        "import_id, created_by, created_at, updated_at) VALUES (:ref, :kind, :ed, :wk, :mo, :rd, :unit, :cat, :sub, "
        ":sev, :desc, :act, :status, :fb, :serious, :search, :via, :imp, :by, :now, :now) RETURNING id",
        DB_ARGS(DB_TEXT(":ref", r->ref), DB_TEXT(":kind", r->kind), DB_TEXT(":ed", r->event_date),
                DB_TEXT(":wk", week), DB_TEXT(":mo", month), DB_TEXT(":rd", r->reported_date),
                DB_INT(":unit", r->unit_id), DB_INT(":cat", cat), DB_TEXT(":sub", r->subcategory),
                DB_INT(":sev", r->severity), DB_TEXT(":desc", r->description),
                DB_TEXT(":act", r->immediate_action), DB_TEXT(":status", r->status), DB_TEXT(":fb", r->feedback),
                DB_INT(":serious", r->serious), DB_TEXT(":search", search),
                DB_TEXT(":via", import_id ? "import" : "manual"),
                import_id ? DB_INT(":imp", import_id) : DB_NULL(":imp"),
                who ? DB_INT(":by", who->id) : DB_NULL(":by"), DB_TEXT(":now", now)),
        -1);
    free(search);
    if (got < 0) return e->code ? e->code : err_set(e, ERR_INTERNAL, "avvikelsen kunde inte sparas");
    if (id) *id = got;
    return record_registered(db, RECORD_DEVIATION, got, who, import_id, e);
}

ErrCode deviation_add(Db *db, const Actor *who, const DeviationNew *in, long long *id, Err *e)
{
    err_clear(e);
    if (require_quality_writer(who, e)) return e->code;
    DevRow r;
    if (dev_validate(db, in, &r, e)) return e->code;
    if (!strcmp(r.status, "avslutad") && !*r.feedback) {
        dev_row_free(&r);
        return err_set(e, ERR_INVALID, "%s måste fyllas i när avvikelsen registreras som avslutad: den som rapporterade "
                       "ska få återkoppling.", label(in, DF_FEEDBACK));
    }
    ErrCode rc = db_begin(db, e);
    if (!rc) {
        long long existing = db_int(db, e, "SELECT id FROM deviations WHERE ref = :ref", DB_ARGS(DB_TEXT(":ref", r.ref)), 0);
        if (e->code) rc = e->code;
        else if (existing)
            rc = err_set(e, ERR_CONFLICT, "%s: avvikelsen '%s' finns redan (id %lld).", label(in, DF_REF), r.ref, existing);
        else rc = dev_insert(db, who, &r, 0, id, e);
        if (rc) db_rollback(db);
        else rc = db_commit(db, e);
    }
    dev_row_free(&r);
    return rc;
}
