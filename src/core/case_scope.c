/*
 * case_scope.c — a case's proposed action ("Åtgärdens omfattning"):
 * reading it, setting it with a history event that says what changed, and
 * its JSON. Validates every reference against the organisation (core/org.h)
 * before anything is written; the change and its event share one
 * transaction. Knows nothing of decision rules (case_proposal.c does).
 */
#include "core/case_scope.h"
#include "core/case_row.h"
#include "core/freetext.h"
#include "core/history.h"
#include "core/org.h"
#include "base/buf.h"
#include "base/collate.h"
#include "base/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { NOTE_MAX = 4000, REF_MAX = 200 };
#define COST_MAX 1e12 /* kronor; more is a typing error, and öre must fit in 64 bits */

/* --- reading ------------------------------------------------------------------------- */

static void ref_release(void *el)
{
    ScopeRef *r = el;
    free(r->name);
    free(r->label);
}

/* id, name, parent's name, parent's kind: "Ortopedi, Universitetssjukhuset
 * Örebro", but a förvaltning right under the region by its name alone. */
static void unit_ref_fill(Stmt *st, void *el)
{
    ScopeRef *r = el;
    r->id = stmt_int(st, 0);
    r->name = xstrdup(stmt_text(st, 1));
    const char *parent = stmt_text(st, 2), *parent_kind = stmt_text(st, 3);
    Buf b = BUF_INIT;
    buf_puts(&b, r->name);
    if (*parent && strcmp(parent_kind, "region")) buf_printf(&b, ", %s", parent);
    r->label = buf_take(&b);
}

static void muni_ref_fill(Stmt *st, void *el)
{
    ScopeRef *r = el;
    r->id = stmt_int(st, 0);
    r->name = xstrdup(stmt_text(st, 1));
    r->label = xstrdup(r->name);
}

static int by_label(const void *a, const void *b)
{
    return sv_compare(((const ScopeRef *)a)->label, ((const ScopeRef *)b)->label);
}

static ErrCode read_refs(Db *db, long long case_id, CaseScope *out, Err *e)
{
    if (db_rows(db, e,
                "SELECT u.id, u.name, COALESCE(p.name, ''), COALESCE(p.kind, '') FROM case_scope_units s "
                "JOIN units u ON u.id = s.unit_id LEFT JOIN units p ON p.id = u.parent_id WHERE s.case_id = :c",
                DB_ARGS(DB_INT(":c", case_id)), sizeof *out->units, unit_ref_fill, ref_release, (void **)&out->units,
                &out->nunits) ||
        db_rows(db, e,
                "SELECT m.id, m.name FROM case_scope_municipalities s "
                "JOIN municipalities m ON m.id = s.municipality_id WHERE s.case_id = :c",
                DB_ARGS(DB_INT(":c", case_id)), sizeof *out->municipalities, muni_ref_fill, ref_release,
                (void **)&out->municipalities, &out->nmunicipalities))
        return e->code;
    if (out->nunits > 1) qsort(out->units, out->nunits, sizeof *out->units, by_label); /* none: a NULL array */
    if (out->nmunicipalities > 1)
        qsort(out->municipalities, out->nmunicipalities, sizeof *out->municipalities, by_label);
    return ERR_OK;
}

ErrCode case_scope_get(Db *db, long long case_id, CaseScope *out, Err *e)
{
    memset(out, 0, sizeof *out);
    Stmt *st = db_query(db, e,
                        "SELECT s.within_mission, s.within_budget, s.political, s.cost_ore, "
                        "COALESCE(u.display_name, ''), s.updated_at FROM case_scopes s "
                        "LEFT JOIN users u ON u.id = s.updated_by WHERE s.case_id = :c",
                        DB_ARGS(DB_INT(":c", case_id)));
    if (!st) return e->code;
    int rc = stmt_step(st, e);
    if (rc == 1) {
        out->set = true;
        out->within_mission = stmt_int(st, 0) != 0;
        out->within_budget = stmt_int(st, 1) != 0;
        out->political = stmt_int(st, 2) != 0;
        out->has_cost = !stmt_is_null(st, 3);
        out->cost = out->has_cost ? (double)stmt_int(st, 3) / 100.0 : 0;
        out->updated_by = xstrdup(stmt_text(st, 4));
        out->updated_at = xstrdup(stmt_text(st, 5));
    }
    stmt_finalize(st);
    if (rc < 0) return e->code;
    if (rc == 0) {
        Err q = ERR_INIT;
        if (!db_exists(db, &q, "SELECT 1 FROM cases WHERE id = :c", DB_ARGS(DB_INT(":c", case_id))))
            return q.code ? (*e = q, q.code) : err_set(e, ERR_NOTFOUND, "Ärendet %lld finns inte.", case_id);
        return ERR_OK;
    }
    ErrCode refs = read_refs(db, case_id, out, e);
    if (refs) case_scope_free(out);
    return refs;
}

void case_scope_free(CaseScope *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->nunits; i++) ref_release(&s->units[i]);
    for (size_t i = 0; i < s->nmunicipalities; i++) ref_release(&s->municipalities[i]);
    free(s->units);
    free(s->municipalities);
    free(s->updated_by);
    free(s->updated_at);
    memset(s, 0, sizeof *s);
}

/* --- describing it ----------------------------------------------------------------------- */

/* "Ortopedi, Kirurgi och Kumla": names in Swedish order, "inga" for none. */
static void put_names(Buf *b, const ScopeRef *refs, size_t n)
{
    if (!n) buf_puts(b, "inga");
    for (size_t i = 0; i < n; i++) buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? " och " : ", ", refs[i].name);
}

static void put_cost(Buf *b, const CaseScope *s)
{
    if (s->has_cost) decide_amount(b, s->cost);
    else buf_puts(b, "ej angiven");
}

static const char *yes_no(bool v)
{
    return v ? "ja" : "nej";
}

static bool same_refs(const ScopeRef *a, size_t na, const ScopeRef *b, size_t nb)
{
    if (na != nb) return false;
    for (size_t i = 0; i < na; i++)
        if (a[i].id != b[i].id) return false;
    return true;
}

/* One part of the event's summary, "inom budget: nej → ja". */
typedef void (*PutPart)(Buf *b, const CaseScope *s);
static void put_units(Buf *b, const CaseScope *s) { put_names(b, s->units, s->nunits); }
static void put_munis(Buf *b, const CaseScope *s) { put_names(b, s->municipalities, s->nmunicipalities); }
static void put_mission(Buf *b, const CaseScope *s) { buf_puts(b, yes_no(s->within_mission)); }
static void put_budget(Buf *b, const CaseScope *s) { buf_puts(b, yes_no(s->within_budget)); }
static void put_political(Buf *b, const CaseScope *s) { buf_puts(b, yes_no(s->political)); }

static bool same_cost(const CaseScope *a, const CaseScope *b)
{
    return a->has_cost == b->has_cost && (!a->has_cost || llround(a->cost * 100) == llround(b->cost * 100));
}

/* The history line: everything when the scope is new, else what changed
 * ("Åtgärdens omfattning ändrad: inom budget ja → nej; kostnad ej angiven
 * → 750 000 kr"). Empty when nothing changed. */
static void describe_change(Buf *b, const CaseScope *old, const CaseScope *next)
{
    const struct {
        const char *label;
        PutPart put;
        bool same;
    } parts[] = {
        {"enheter", put_units, same_refs(old->units, old->nunits, next->units, next->nunits)},
        {"kommuner", put_munis,
         same_refs(old->municipalities, old->nmunicipalities, next->municipalities, next->nmunicipalities)},
        {"inom uppdraget", put_mission, old->within_mission == next->within_mission},
        {"inom budget", put_budget, old->within_budget == next->within_budget},
        {"politiskt beslut", put_political, old->political == next->political},
        {"kostnad", put_cost, same_cost(old, next)},
    };
    size_t changed = 0;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        if (old->set && parts[i].same) continue;
        buf_puts(b, changed++ ? "; " : old->set ? "Åtgärdens omfattning ändrad: " : "Åtgärdens omfattning angiven: ");
        buf_printf(b, "%s ", parts[i].label);
        if (old->set) {
            parts[i].put(b, old);
            buf_puts(b, " → ");
        }
        parts[i].put(b, next);
    }
}

/* --- setting it ------------------------------------------------------------------------- */

static bool has_id(const long long *ids, size_t n, long long id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id) return true;
    return false;
}

/* The id of a unit or a municipality by id or name. A reference is free
 * text and passes freetext_check first, so a personnummer typed as a name is
 * refused rather than repeated in a message. Unknown: ERR_INVALID naming it. */
static ErrCode find_ref(Db *db, bool unit, const char *ref, long long *id, Err *e)
{
    if (freetext_check(unit ? "Enhet" : "Kommun", ref, REF_MAX, true, e)) return e->code;
    Err q = ERR_INIT;
    Unit u;
    Municipality m;
    ErrCode rc = unit ? unit_find(db, ref, &u, &q) : municipality_find(db, ref, &m, &q);
    if (rc == ERR_NOTFOUND) {
        char *t = trim_dup(ref);
        err_set(e, ERR_INVALID, "Okänd %s '%s'.", unit ? "enhet" : "kommun", t);
        free(t);
        return ERR_INVALID;
    }
    if (rc) return *e = q, rc;
    *id = unit ? u.id : m.id;
    if (unit) unit_free(&u);
    else municipality_free(&m);
    return ERR_OK;
}

/* Every reference as an id, each once; the first unknown one is named. */
static ErrCode resolve(Db *db, bool unit, const char *const *refs, size_t n, long long *ids, size_t *nids, Err *e)
{
    *nids = 0;
    for (size_t i = 0; i < n; i++) {
        long long id;
        if (find_ref(db, unit, refs[i], &id, e)) return e->code;
        if (!has_id(ids, *nids, id)) ids[(*nids)++] = id;
    }
    return ERR_OK;
}

static ErrCode check_input(const DecideInput *in, const char *note, Err *e)
{
    if (!in->nunits && !in->nmunicipalities)
        return err_set(e, ERR_INVALID, "Ange minst en enhet eller en kommun som åtgärden berör.");
    if (in->nunits > SCOPE_MAX_REFS || in->nmunicipalities > SCOPE_MAX_REFS)
        return err_set(e, ERR_INVALID, "Ange högst %d enheter och %d kommuner.", SCOPE_MAX_REFS, SCOPE_MAX_REFS);
    if (in->has_cost && (!isfinite(in->cost) || in->cost < 0 || in->cost > COST_MAX))
        return err_set(e, ERR_INVALID, "Kostnaden måste vara ett belopp i kronor, 0 eller mer (högst %.0f).",
                       COST_MAX);
    return freetext_check("Kommentar", note, NOTE_MAX, false, e);
}

static ErrCode write_scope(Db *db, const Actor *who, long long id, const DecideInput *in, const long long *units,
                           size_t nu, const long long *munis, size_t nm, Err *e)
{
    char now[32];
    iso_now(now);
    DbArg cost = in->has_cost ? DB_INT(":cost", llround(in->cost * 100)) : DB_NULL(":cost");
    if (db_exec(db, e, "DELETE FROM case_scope_units WHERE case_id = :c", DB_ARGS(DB_INT(":c", id))) ||
        db_exec(db, e, "DELETE FROM case_scope_municipalities WHERE case_id = :c", DB_ARGS(DB_INT(":c", id))) ||
        db_exec(db, e, "DELETE FROM case_scopes WHERE case_id = :c", DB_ARGS(DB_INT(":c", id))) ||
        db_exec(db, e,
                "INSERT INTO case_scopes (case_id, within_mission, within_budget, political, cost_ore, updated_by, "
                "updated_at) VALUES (:c, :m, :b, :p, :cost, :u, :t)",
                DB_ARGS(DB_INT(":c", id), DB_INT(":m", in->within_mission), DB_INT(":b", in->within_budget),
                        DB_INT(":p", in->political), cost, DB_INT(":u", who->id), DB_TEXT(":t", now))))
        return e->code;
    for (size_t i = 0; i < nu; i++)
        if (db_exec(db, e, "INSERT INTO case_scope_units (case_id, unit_id) VALUES (:c, :u)",
                    DB_ARGS(DB_INT(":c", id), DB_INT(":u", units[i]))))
            return e->code;
    for (size_t i = 0; i < nm; i++)
        if (db_exec(db, e, "INSERT INTO case_scope_municipalities (case_id, municipality_id) VALUES (:c, :m)",
                    DB_ARGS(DB_INT(":c", id), DB_INT(":m", munis[i]))))
            return e->code;
    return ERR_OK;
}

/* Several rows change together, so this holds its own transaction around
 * the change and history_add (as case_move does) rather than history_write,
 * which runs one statement. The new scope is read back inside it so the
 * event describes exactly what was stored. */
static ErrCode store(Db *db, const Actor *who, long long id, const DecideInput *in, const long long *units, size_t nu,
                     const long long *munis, size_t nm, const char *note, Err *e)
{
    CaseScope old = {0}, next = {0};
    Buf summary = BUF_INIT;
    if (db_begin(db, e)) return e->code;
    if (case_scope_get(db, id, &old, e) || write_scope(db, who, id, in, units, nu, munis, nm, e) ||
        case_scope_get(db, id, &next, e))
        goto fail;
    describe_change(&summary, &old, &next);
    if (!summary.len) { /* the same scope again: nothing to record */
        db_rollback(db);
        goto out;
    }
    char *clean = trim_dup(note);
    ErrCode rc = history_add(db, id, who, "scope", buf_cstr(&summary), clean, e);
    free(clean);
    if (rc || db_commit(db, e)) goto fail;
    goto out;
fail:
    db_rollback(db);
out:
    case_scope_free(&old);
    case_scope_free(&next);
    buf_free(&summary);
    return e->code;
}

ErrCode case_set_scope(Db *db, const Actor *who, long long id, const DecideInput *in, const char *note, Err *e)
{
    err_clear(e); /* the result below is read from e */
    Case c;
    if (require_writer(who, e) || case_get(db, id, &c, e)) return e->code;
    case_free(&c);
    if (check_input(in, note, e)) return e->code;
    long long *units = xcalloc(in->nunits + 1, sizeof *units), *munis = xcalloc(in->nmunicipalities + 1, sizeof *munis);
    size_t nu, nm;
    if (!resolve(db, true, in->units, in->nunits, units, &nu, e) &&
        !resolve(db, false, in->municipalities, in->nmunicipalities, munis, &nm, e))
        store(db, who, id, in, units, nu, munis, nm, note, e);
    free(units);
    free(munis);
    return e->code;
}

/* --- JSON ---------------------------------------------------------------------------------- */

static json_t *refs_json(const ScopeRef *refs, size_t n, bool with_label)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:I, s:s}", "id", (json_int_t)refs[i].id, "name", refs[i].name);
        if (with_label) json_object_set_new(o, "label", json_string(refs[i].label));
        json_array_append_new(a, o);
    }
    return a;
}

json_t *case_scope_to_json(const CaseScope *s)
{
    if (!s->set) return json_null();
    json_t *cost = !s->has_cost               ? json_null()
                   : s->cost == floor(s->cost) ? json_integer((json_int_t)s->cost)
                                               : json_real(s->cost);
    return json_pack("{s:o, s:o, s:b, s:b, s:b, s:o, s:s, s:s}", "units", refs_json(s->units, s->nunits, true),
                     "municipalities", refs_json(s->municipalities, s->nmunicipalities, false), "within_mission",
                     s->within_mission, "within_budget", s->within_budget, "political", s->political, "cost", cost,
                     "updated_by", s->updated_by, "updated_at", s->updated_at);
}
