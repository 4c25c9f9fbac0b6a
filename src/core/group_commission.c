/*
 * group_commission.c — a group's commission document (uppdragshandling för
 * koncernövergripande grupp, the VGR template of seed 002), versioned: a
 * revision inserts version n+1 and every predecessor stays as it was.
 *
 * The fields are a table (key, label, section, length), so the SQL, the JSON
 * and the pages follow one list; the column names are constants from it,
 * never user input.
 *
 * Must not: compare commissions with each other (group_overlap.c), or print.
 */
#include "core/group_internal.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/freetext.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *key, *param, *label, *section;
    size_t max;
} fields[COMM_N] = {
    [COMM_DATUM] = {"datum", ":datum", "Datum", NULL, 10},
    [COMM_DIARIENUMMER] = {"diarienummer", ":diarienummer", "Diarienummer", NULL, 64},
    [COMM_ANSVARSOMRADE] = {"ansvarsomrade", ":ansvarsomrade", "Ansvarsområde", NULL, 500},
    [COMM_UPPDRAGSGIVARE] = {"uppdragsgivare", ":uppdragsgivare", "Uppdragsgivare", NULL, 300},
    [COMM_UPPDRAGSTAGARE] = {"uppdragstagare", ":uppdragstagare", "Uppdragstagare", NULL, 300},
    [COMM_SYFTE] = {"syfte", ":syfte", "Syfte med uppdraget", NULL, 4000},
    [COMM_UPPDRAGSBESKRIVNING] = {"uppdragsbeskrivning", ":uppdragsbeskrivning", "Uppdragsbeskrivning", NULL, 20000},
    [COMM_ORDFORANDE] = {"ordforande", ":ordforande", "Ordförande", "arbetsorganisation", 2000},
    [COMM_DELTAGARE] = {"deltagare", ":deltagare", "Deltagare", "arbetsorganisation", 4000},
    [COMM_ADJUNGERADE] = {"adjungerade", ":adjungerade", "Adjungerande deltagare", "arbetsorganisation", 2000},
    [COMM_MOTESFREKVENS] = {"motesfrekvens", ":motesfrekvens", "Mötesfrekvens", NULL, 300},
    [COMM_UNDERGRUPPER] = {"undergrupper", ":undergrupper", "Undergrupper", NULL, 2000},
    [COMM_SAMBAND] = {"samband", ":samband", "Samband och gränsdragning till andra uppdrag/koncernövergripande grupper",
                    NULL, 4000},
    [COMM_KOMMUNIKATION] = {"kommunikation", ":kommunikation", "Kommunikation", NULL, 2000},
    [COMM_RAPPORTERING] = {"rapportering", ":rapportering", "Rapportering", "beslutsordning", 2000},
    [COMM_BESLUTSFATTANDE] = {"beslutsfattande", ":beslutsfattande", "Beslutsfattande", "beslutsordning", 4000},
};

const char *commission_field_key(CommissionField f)
{
    return f >= 0 && f < COMM_N ? fields[f].key : "";
}

const char *commission_field_label(CommissionField f)
{
    return f >= 0 && f < COMM_N ? fields[f].label : "";
}

const char *commission_field_section(CommissionField f)
{
    return f >= 0 && f < COMM_N ? fields[f].section : NULL;
}

/* --- reading ------------------------------------------------------------------------------- */

void commission_free(Commission *c)
{
    if (!c) return;
    for (int i = 0; i < COMM_N; i++) free(c->f[i]);
    free(c->note);
    free(c->created_by);
    free(c->created_at);
    memset(c, 0, sizeof *c);
}

static void commission_release(void *el)
{
    commission_free(el);
}

/* Columns: id, group_id, version, the fields in enum order, note, creator, time. */
static void commission_fill(Stmt *st, void *el)
{
    Commission *c = el;
    c->id = stmt_int(st, 0);
    c->group_id = stmt_int(st, 1);
    c->version = (int)stmt_int(st, 2);
    for (int i = 0; i < COMM_N; i++) c->f[i] = xstrdup(stmt_text(st, 3 + i));
    c->note = xstrdup(stmt_text(st, 3 + COMM_N));
    c->created_by = xstrdup(stmt_text(st, 4 + COMM_N));
    c->created_at = xstrdup(stmt_text(st, 5 + COMM_N));
}

static char *select_sql(const char *where)
{
    Buf b = BUF_INIT;
    buf_puts(&b, "SELECT c.id, c.group_id, c.version");
    for (int i = 0; i < COMM_N; i++) buf_printf(&b, ", c.%s", fields[i].key);
    buf_printf(&b, ", c.note, COALESCE(u.display_name, ''), c.created_at FROM commissions c "
                   "LEFT JOIN users u ON u.id = c.created_by %s",
               where);
    return buf_take(&b);
}

ErrCode commission_versions(Db *db, long long group_id, Commission **out, size_t *n, Err *e)
{
    char *sql = select_sql("WHERE c.group_id = :g ORDER BY c.version DESC");
    ErrCode rc = db_rows(db, e, sql, DB_ARGS(DB_INT(":g", group_id)), sizeof **out, commission_fill,
                         commission_release, (void **)out, n);
    free(sql);
    return rc;
}

void commission_list_free(Commission *c, size_t n)
{
    for (size_t i = 0; i < n; i++) commission_free(&c[i]);
    free(c);
}

ErrCode commission_current(Db *db, long long group_id, Commission *out, Err *e)
{
    char *sql = select_sql("WHERE c.group_id = :g AND c.version = "
                           "(SELECT max(version) FROM commissions WHERE group_id = :g)");
    Commission *rows;
    size_t n;
    ErrCode rc = db_rows(db, e, sql, DB_ARGS(DB_INT(":g", group_id)), sizeof *rows, commission_fill,
                         commission_release, (void **)&rows, &n);
    free(sql);
    if (rc) return rc;
    if (!n) {
        free(rows);
        return err_set(e, ERR_NOTFOUND, "Gruppen har ingen uppdragshandling registrerad.");
    }
    *out = rows[0];
    free(rows);
    return ERR_OK;
}

/* --- adding a version ------------------------------------------------------------------------ */

ErrCode commission_add_tx(Db *db, const Actor *who, long long group_id, const CommissionNew *in, int *version,
                          Err *e)
{
    Group g;
    if (group_get(db, group_id, &g, e)) return e->code;
    group_free(&g);
    Commission cur = {0};
    Err q = ERR_INIT;
    bool has_cur = commission_current(db, group_id, &cur, &q) == ERR_OK;
    if (!has_cur && q.code != ERR_NOTFOUND) return *e = q, q.code;
    char *v[COMM_N] = {0};
    ErrCode rc = ERR_OK;
    bool changed = !has_cur;
    for (int i = 0; i < COMM_N && !rc; i++) {
        v[i] = in->f[i] ? trim_dup(in->f[i]) : xstrdup(has_cur ? cur.f[i] : "");
        rc = freetext_check(fields[i].label, v[i], fields[i].max, false, e);
        if (has_cur && strcmp(v[i], cur.f[i])) changed = true;
    }
    if (!rc && (!*v[COMM_DATUM] || !iso_date_valid(v[COMM_DATUM])))
        rc = err_set(e, ERR_INVALID, "Uppdragshandlingens datum ska vara ett datum ÅÅÅÅ-MM-DD%s%s%s.",
                     *v[COMM_DATUM] ? ", inte '" : "", v[COMM_DATUM], *v[COMM_DATUM] ? "'" : "");
    if (!rc && !*v[COMM_UPPDRAGSBESKRIVNING])
        rc = err_set(e, ERR_INVALID, "Uppdragsbeskrivning måste fyllas i: vad gruppen ska göra.");
    if (!rc && freetext_check("Kommentar", in->note, 1000, false, e)) rc = e->code;
    if (!rc && !changed)
        rc = err_set(e, ERR_CONFLICT, "Inget har ändrats mot version %d; en ny version behöver en ändring.", cur.version);
    int next = has_cur ? cur.version + 1 : 1;
    if (!rc) {
        Buf sql = BUF_INIT, vals = BUF_INIT;
        buf_puts(&sql, "INSERT INTO commissions (group_id, version, note, created_by, created_at");
        buf_puts(&vals, ") VALUES (:g, :v, :note, :u, :now");
        DbArg args[COMM_N + 6];
        char now[32];
        iso_now(now);
        size_t k = 0;
        args[k++] = DB_INT(":g", group_id);
        args[k++] = DB_INT(":v", next);
        args[k++] = DB_TEXT(":note", in->note ? in->note : "");
        args[k++] = who && who->id ? DB_INT(":u", who->id) : DB_NULL(":u");
        args[k++] = DB_TEXT(":now", now);
        for (int i = 0; i < COMM_N; i++) {
            buf_printf(&sql, ", %s", fields[i].key);
            buf_printf(&vals, ", %s", fields[i].param);
            args[k++] = DB_TEXT(fields[i].param, v[i]);
        }
        args[k] = (DbArg){NULL, DBA_END, NULL, 0};
        buf_printf(&sql, "%s)", buf_cstr(&vals));
        rc = db_exec(db, e, buf_cstr(&sql), args);
        buf_free(&sql);
        buf_free(&vals);
    }
    if (!rc) {
        Buf s = BUF_INIT;
        buf_printf(&s, "Uppdragshandling version %d (%s", next, v[COMM_DATUM]);
        if (*v[COMM_DIARIENUMMER]) buf_printf(&s, ", %s", v[COMM_DIARIENUMMER]);
        buf_printf(&s, ") registrerades%s.", next > 1 ? "; tidigare versioner finns kvar" : "");
        rc = group_event(db, group_id, who, "commission", buf_cstr(&s), in->note, e);
        buf_free(&s);
    }
    if (!rc && version) *version = next;
    for (int i = 0; i < COMM_N; i++) free(v[i]);
    if (has_cur) commission_free(&cur);
    return rc;
}

ErrCode commission_add(Db *db, const Actor *who, long long group_id, const CommissionNew *in, int *version, Err *e)
{
    GROUP_IN_TX(db, e, commission_add_tx(db, who, group_id, in, version, e));
}
