/*
 * complaint.c — registering and updating complaints (klagomål) from a
 * patient, närstående, IVO or Patientnämnden: every field validated (free
 * texts through freetext_check), the category found or added, the row
 * inserted; then its status, closed date and the answer to the complainant
 * (svar till den klagande: a complaint is not besvarat without one). One
 * transaction each. complaint_validate and complaint_insert are shared with
 * the import and the demo, which take history as it is.
 */
#include "core/deviation_internal.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/freetext.h"
#include "core/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *label(const ComplaintNew *in, ComplaintField f)
{
    return label_or(in->labels[f], complaint_fields[f].label);
}

static const size_t max_chars[CF_N] = {
    [CF_REF] = REF_MAX,           [CF_SOURCE] = SHORT_TEXT_MAX,      [CF_UNIT] = SHORT_TEXT_MAX,
    [CF_CATEGORY] = CATEGORY_MAX, [CF_SUBCATEGORY] = CATEGORY_MAX,   [CF_RECEIVED_DATE] = SHORT_TEXT_MAX,
    [CF_EVENT_DATE] = SHORT_TEXT_MAX, [CF_DESCRIPTION] = LONG_TEXT_MAX, [CF_STATUS] = SHORT_TEXT_MAX,
    [CF_CLOSED_DATE] = SHORT_TEXT_MAX, [CF_ANSWER] = LONG_TEXT_MAX,
};

void complaint_row_free(ComplaintRow *r)
{
    free(r->ref);
    free(r->category);
    free(r->subcategory);
    free(r->description);
    free(r->answer);
    memset(r, 0, sizeof *r);
}

static ErrCode check_texts(const ComplaintNew *in, Err *e)
{
    for (int f = 0; f < CF_N; f++) {
        if (f == CF_UNIT && in->unit_id > 0) continue;
        bool required = complaint_fields[f].required && !complaint_fields[f].date;
        if (freetext_check(label(in, f), in->v[f], max_chars[f], required, e)) return e->code;
    }
    return ERR_OK;
}

static ErrCode check_words(const ComplaintNew *in, ComplaintRow *r, Err *e)
{
    const char *s = in->v[CF_SOURCE];
    if (!(r->source = complaint_source_parse(s)))
        return err_set(e, ERR_INVALID, "%s: okänd källa '%s' (patient, närstående, IVO eller Patientnämnden).",
                       label(in, CF_SOURCE), s);
    s = in->v[CF_STATUS];
    r->status = is_blank(s) ? "registrerat" : complaint_status_parse(s);
    if (!r->status)
        return err_set(e, ERR_INVALID, "%s: okänd status '%s' (registrerat, under utredning, besvarat eller avslutat).",
                       label(in, CF_STATUS), s);
    return ERR_OK;
}

static ErrCode check_dates(const ComplaintNew *in, ComplaintRow *r, Err *e)
{
    if (date_field(label(in, CF_RECEIVED_DATE), in->v[CF_RECEIVED_DATE], false, r->received_date, e) ||
        date_field(label(in, CF_EVENT_DATE), in->v[CF_EVENT_DATE], false, r->event_date, e) ||
        date_field(label(in, CF_CLOSED_DATE), in->v[CF_CLOSED_DATE], false, r->closed_date, e))
        return e->code;
    if (!r->received_date[0]) iso_today(r->received_date);
    if (*r->event_date && strcmp(r->received_date, r->event_date) < 0)
        return err_set(e, ERR_INVALID, "%s: %s är före händelsedatumet %s.", label(in, CF_RECEIVED_DATE),
                       r->received_date, r->event_date);
    bool closed = !strcmp(r->status, "avslutat");
    if (*r->closed_date && !closed)
        return err_set(e, ERR_INVALID, "%s: ett avslutsdatum hör bara till ett avslutat klagomål (status är %s).",
                       label(in, CF_CLOSED_DATE), r->status);
    if (closed && !*r->closed_date) iso_today(r->closed_date);
    if (strcmp(r->closed_date, r->received_date) < 0 && *r->closed_date)
        return err_set(e, ERR_INVALID, "%s: %s är före datumet då klagomålet kom in (%s).", label(in, CF_CLOSED_DATE),
                       r->closed_date, r->received_date);
    return ERR_OK;
}

static ErrCode check_unit(Db *db, const ComplaintNew *in, ComplaintRow *r, Err *e)
{
    if (in->unit_id > 0) {
        r->unit_id = in->unit_id;
        return ERR_OK;
    }
    Unit u;
    Err q = ERR_INIT;
    if (unit_find(db, in->v[CF_UNIT], &u, &q))
        return err_set(e, q.code == ERR_INTERNAL ? ERR_INTERNAL : ERR_INVALID, "%s: %s", label(in, CF_UNIT), q.msg);
    r->unit_id = u.id;
    unit_free(&u);
    return ERR_OK;
}

ErrCode complaint_validate(Db *db, const ComplaintNew *in, ComplaintRow *r, Err *e)
{
    memset(r, 0, sizeof *r);
    if (check_texts(in, e) || check_words(in, r, e) || check_dates(in, r, e) || check_unit(db, in, r, e))
        return e->code;
    r->ref = trim_dup(in->v[CF_REF]);
    r->category = trim_dup(in->v[CF_CATEGORY]);
    r->subcategory = trim_dup(in->v[CF_SUBCATEGORY] ? in->v[CF_SUBCATEGORY] : "");
    r->description = trim_dup(in->v[CF_DESCRIPTION]);
    r->answer = trim_dup(in->v[CF_ANSWER] ? in->v[CF_ANSWER] : "");
    return ERR_OK;
}

/* What q= searches: the reference, the category and the texts, folded. */
static char *search_text(const char *ref, const char *category, const char *subcategory, const char *description,
                         const char *answer)
{
    Buf b = BUF_INIT;
    buf_printf(&b, "%s\n%s\n%s\n%s\n%s", ref, category, subcategory, description, answer);
    char *f = fold_lower(buf_cstr(&b));
    buf_free(&b);
    return f;
}

ErrCode complaint_insert(Db *db, const Actor *who, const ComplaintRow *r, long long import_id, long long *id, Err *e)
{
    long long cat;
    if (category_id_for(db, r->category, &cat, e)) return e->code;
    char now[32], week[9], month[8];
    iso_now(now);
    iso_week_of(r->received_date, week);
    month_of(r->received_date, month);
    char *search = search_text(r->ref, r->category, r->subcategory, r->description, r->answer);
    long long got = db_int(
        db, e,
        "INSERT INTO complaints (ref, source, unit_id, category_id, subcategory, received_date, received_week, "
        "received_month, event_date, description, status, closed_date, answer, search_text, entered_via, import_id, "
        "created_by, created_at, updated_at) VALUES (:ref, :src, :unit, :cat, :sub, :rd, :wk, :mo, :ed, :desc, "
        ":status, :cd, :answer, :search, :via, :imp, :by, :now, :now) RETURNING id",
        DB_ARGS(DB_TEXT(":ref", r->ref), DB_TEXT(":src", r->source), DB_INT(":unit", r->unit_id),
                DB_INT(":cat", cat), DB_TEXT(":sub", r->subcategory), DB_TEXT(":rd", r->received_date),
                DB_TEXT(":wk", week), DB_TEXT(":mo", month),
                *r->event_date ? DB_TEXT(":ed", r->event_date) : DB_NULL(":ed"), DB_TEXT(":desc", r->description),
                DB_TEXT(":status", r->status), *r->closed_date ? DB_TEXT(":cd", r->closed_date) : DB_NULL(":cd"),
                DB_TEXT(":answer", r->answer), DB_TEXT(":search", search), DB_TEXT(":via", import_id ? "import" : "manual"),
                import_id ? DB_INT(":imp", import_id) : DB_NULL(":imp"),
                who ? DB_INT(":by", who->id) : DB_NULL(":by"), DB_TEXT(":now", now)),
        -1);
    free(search);
    if (got < 0) return e->code ? e->code : err_set(e, ERR_INTERNAL, "klagomålet kunde inte sparas");
    if (id) *id = got;
    return record_registered(db, RECORD_COMPLAINT, got, who, import_id, e);
}

ErrCode complaint_add(Db *db, const Actor *who, const ComplaintNew *in, long long *id, Err *e)
{
    err_clear(e);
    if (require_quality_writer(who, e)) return e->code;
    ComplaintRow r;
    if (complaint_validate(db, in, &r, e)) return e->code;
    /* Registered by hand as answered: say what the complainant was told. */
    if (!strcmp(r.status, "besvarat") && !*r.answer) {
        err_set(e, ERR_INVALID, "%s måste fyllas i när klagomålet registreras som besvarat.", label(in, CF_ANSWER));
        complaint_row_free(&r);
        return e->code;
    }
    ErrCode rc = db_begin(db, e);
    if (!rc) {
        long long existing =
            db_int(db, e, "SELECT id FROM complaints WHERE ref = :ref", DB_ARGS(DB_TEXT(":ref", r.ref)), 0);
        if (e->code) rc = e->code;
        else if (existing)
            rc = err_set(e, ERR_CONFLICT, "%s: klagomålet '%s' finns redan (id %lld).", label(in, CF_REF), r.ref, existing);
        else rc = complaint_insert(db, who, &r, 0, id, e);
        if (rc) db_rollback(db);
        else rc = db_commit(db, e);
    }
    complaint_row_free(&r);
    return rc;
}

/* The closed date an update leaves in `closed`: the one given, else the
 * one the complaint had, else today — and "" unless it is closing. */
static ErrCode closed_for(const Complaint *c, const char *status, char closed[11], Err *e)
{
    bool closing = !strcmp(status, "avslutat");
    if (*closed && !closing)
        return err_set(e, ERR_INVALID, "Avslutat: ett avslutsdatum hör bara till ett avslutat klagomål.");
    if (!closing) return ERR_OK;
    if (!*closed) snprintf(closed, 11, "%s", c->closed_date);
    if (!*closed) iso_today(closed);
    if (strcmp(closed, c->received_date) < 0)
        return err_set(e, ERR_INVALID, "Avslutat: %s är före datumet då klagomålet kom in (%s).", closed,
                       c->received_date);
    return ERR_OK;
}

typedef struct {
    const char *status; /* canonical, or NULL: unchanged */
    char closed[11];    /* as given, "" if not */
    const char *answer; /* trimmed, or NULL: unchanged */
} Change;

/* The new status, closed date, answer and search text, and their event. */
static ErrCode write_change(Db *db, const Actor *who, const Complaint *c, const char *status, const char *closed,
                            const char *answer, const char *what, Err *e)
{
    char now[32];
    iso_now(now);
    char *search = search_text(c->ref, c->category, c->subcategory, c->description, answer);
    ErrCode rc = db_exec(db, e,
                         "UPDATE complaints SET status = :st, closed_date = :cd, answer = :ans, search_text = :s, "
                         "updated_at = :now WHERE id = :id",
                         DB_ARGS(DB_TEXT(":st", status), *closed ? DB_TEXT(":cd", closed) : DB_NULL(":cd"),
                                 DB_TEXT(":ans", answer), DB_TEXT(":s", search), DB_TEXT(":now", now),
                                 DB_INT(":id", c->id)));
    free(search);
    const char *kind = strcmp(c->status, status) ? "status" : strcmp(c->closed_date, closed) ? "closed_date" : "answer";
    return rc ? rc : record_event_add(db, RECORD_COMPLAINT, c->id, who, kind, what, e);
}

/* Inside the caller's transaction. A change that changes nothing writes nothing. */
static ErrCode apply(Db *db, const Actor *who, long long id, Change *u, Err *e)
{
    Complaint c;
    if (complaint_get(db, id, &c, e)) return e->code;
    const char *status = u->status ? u->status : c.status;
    const char *answer = u->answer ? u->answer : c.answer;
    ErrCode rc = closed_for(&c, status, u->closed, e);
    if (!rc && !strcmp(status, "besvarat") && !*answer)
        rc = err_set(e, ERR_CONFLICT, "Klagomålet kan inte vara besvarat utan svaret till den klagande: fyll i svaret.");
    if (!rc) {
        Buf what = BUF_INIT;
        record_change(&what, "Status", c.status, status);
        record_change(&what, "Avslutat", c.closed_date, u->closed);
        record_note(&what, strcmp(c.answer, answer) != 0,
                    *c.answer ? "Svar till den klagande ändrat" : "Svar till den klagande ifyllt");
        if (what.len) rc = write_change(db, who, &c, status, u->closed, answer, buf_cstr(&what), e);
        buf_free(&what);
    }
    complaint_free(&c);
    return rc;
}

ErrCode complaint_update(Db *db, const Actor *who, long long id, const char *status, const char *closed_date,
                         const char *answer, Err *e)
{
    err_clear(e);
    if (require_quality_writer(who, e)) return e->code;
    Change u = {NULL, "", NULL};
    if (status && !(u.status = complaint_status_parse(status)))
        return err_set(e, ERR_INVALID, "Status: okänd status '%s' (registrerat, under utredning, besvarat eller avslutat).",
                       status);
    if (date_field("Avslutat", closed_date, false, u.closed, e) ||
        (answer && freetext_check(complaint_fields[CF_ANSWER].label, answer, LONG_TEXT_MAX, false, e)))
        return e->code;
    char *trimmed = answer ? trim_dup(answer) : NULL;
    u.answer = trimmed;
    ErrCode rc = db_begin(db, e);
    if (!rc) {
        rc = apply(db, who, id, &u, e);
        if (rc) db_rollback(db);
        else rc = db_commit(db, e);
    }
    free(trimmed);
    return rc;
}
