/*
 * pattern_case.c — a pattern becomes a signal case: origin 6, so process C
 * (via funktionsgrupp), with the chart's evidence in its description and the
 * references of the events behind it as case_evidence rows. Also the demo
 * loader for `lots pattern demo`.
 *
 * The case (with history and reference number), its evidence and the
 * pattern's link are written in one transaction that re-checks that no
 * other case took the pattern in between: either all of it is there or
 * nothing. A person decides what the signal is worth: Lots only proposes.
 */
#include "core/pattern_internal.h"
#include "base/buf.h"
#include "core/case.h"
#include "core/deviation.h"
#include "core/history.h"
#include "core/org.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 7.6667 → "7,67"; NAN → "saknas". */
static const char *num_sv(double v, char out[32])
{
    if (isnan(v)) return "saknas";
    snprintf(out, 32, "%.2f", v);
    char *dot = strchr(out, '.');
    if (dot) *dot = ',';
    size_t n = strlen(out); /* 6,50 → 6,5; 3,00 → 3 */
    while (n && out[n - 1] == '0' && strchr(out, ',')) out[--n] = 0;
    if (n && out[n - 1] == ',') out[--n] = 0;
    return out;
}

static const char *level_phrase(const char *level)
{
    return !strcmp(level, "unit") ? "enhet" : !strcmp(level, "förvaltning") ? "förvaltning, alla enheter" : "hela regionen";
}

static void describe(Buf *b, const Pattern *p, const Series *s, size_t nevents)
{
    char a[32], c[32], d[32];
    bool dev = !strcmp(p->source, "deviations");
    buf_printf(b, "Signal om ett mönster av brister, föreslagen av Lots mönsteranalys (statistisk processtyrning). "
                  "Lots föreslår; en person bedömer signalen.\n\n");
    const char *per = pattern_period_phrase(p->period);
    bool weekly = !strcmp(per, "per vecka");
    buf_printf(b, "Serie: %s, kategori %s, %s (%s), %s %s – %s.\n", dev ? "avvikelser" : "klagomål", p->category,
               p->unit, level_phrase(p->level), per, p->first_period, p->last_period);
    SpcChart chart = SPC_C;
    spc_chart_parse(p->chart, &chart);
    buf_printf(b, "Diagram: %s%s. Centrallinje %s; övre styrgräns %s; nedre styrgräns %s (vid sista perioden).\n",
               spc_chart_label(chart),
               chart == SPC_U                 ? " (händelser per 1000 vårddagar/besök)"
               : chart == SPC_G               ? " (dagar mellan händelserna)"
               : s && s->denom && !weekly     ? " (händelser per 1000 vårddagar/besök)"
               : weekly                       ? " (antal per vecka)"
                                              : " (antal per månad)",
               num_sv(p->centre, a), num_sv(p->ucl, c), num_sv(p->lcl, d));
    buf_printf(b, "Regel: %s.", pattern_rule_label(pattern_rule_parse(p->rule)));
    if (strchr(p->rules, ',')) {
        buf_printf(b, " Alla regler som slog till:");
        char rules[80];
        snprintf(rules, sizeof rules, "%s", p->rules);
        int k = 0;
        for (char *tok = strtok(rules, ","); tok; tok = strtok(NULL, ","))
            buf_printf(b, "%s %s", k++ ? ";" : "", pattern_rule_label(pattern_rule_parse(tok)));
        buf_printf(b, ".");
    }
    buf_printf(b, " Signalerande punkter: %s.\n", *p->signal_periods ? p->signal_periods : "–");
    if (*p->also_period)
        buf_printf(b, "Serien %s signalerar också: %s (styrka %s).\n", pattern_period_phrase(p->also_period),
                   pattern_rule_label(pattern_rule_parse(p->also_rule)), num_sv(p->also_strength, a));
    if (s && s->judged) {
        const SpcRuns *r = &s->j.run.runs;
        double median = s->j.run.n ? s->j.run.points[s->j.run.n - 1].cl : NAN;
        buf_printf(b, "Seriediagram (Anhøj): median %s; längsta serie %zu (gräns %zu); %zu korsningar (minst %zu väntas).\n",
                   num_sv(median, a), r->longest, r->longest_max, r->crossings, r->crossings_min);
        if (!isnan(s->j.sigma_z)) buf_printf(b, "Spridningskvot σz (Laney): %s.\n", num_sv(s->j.sigma_z, a));
        if (s->freeze > 0) buf_printf(b, "Baslinjen är låst till de %lld första månaderna.\n", s->freeze);
        if (*s->split_at) buf_printf(b, "Serien är delad vid %s.\n", s->split_at);
        buf_printf(b, "Antal %s:", per);
        for (size_t i = 0; i < s->n; i++)
            buf_printf(b, "%s %s: %.0f", i ? "," : "", s->labels[i], s->counts[i]);
        buf_printf(b, ".\n");
    }
    buf_printf(b, "Händelser bakom mönstret (från %s): %zu; deras referenser är bifogade som underlag.\n",
               p->since_period, nevents);
    buf_printf(b, "Styrka: %s.", num_sv(p->strength, a));
}

/* Inside the caller's transaction: the case, the pattern's link to it
 * (refused if another case took the pattern meanwhile), the evidence rows
 * and the history line that says where they came from. */
static ErrCode link_new_case(Db *db, const ProcessSet *ps, const Actor *who, const CaseNew *in, const Pattern *p,
                             const PatternEvent *ev, size_t nev, long long *case_id, Err *e)
{
    if (case_create_tx(db, ps, who, in, case_id, e)) return e->code;
    if (db_exec(db, e,
                "UPDATE patterns SET case_id = :c, status = 'case' WHERE id = :id AND (case_id IS NULL OR case_id = :old)",
                DB_ARGS(DB_INT(":c", *case_id), DB_INT(":id", p->id), DB_INT(":old", p->case_id))))
        return e->code;
    if (db_changes(db) != 1) return err_set(e, ERR_CONFLICT, "mönstret fick ett ärende av någon annan under tiden");
    for (size_t i = 0; i < nev; i++)
        if (db_exec(db, e, "INSERT INTO case_evidence (case_id, kind, ref_id, ref) VALUES (:c, :k, :id, :ref)",
                    DB_ARGS(DB_INT(":c", *case_id), DB_TEXT(":k", ev[i].kind), DB_INT(":id", ev[i].id),
                            DB_TEXT(":ref", ev[i].ref))))
            return e->code;
    Buf sum = BUF_INIT;
    buf_printf(&sum, "Underlag från mönster %lld: %zu %s (%s, %s)", p->id, nev,
               !strcmp(p->source, "deviations") ? "avvikelser" : "klagomål", p->chart, p->rule);
    ErrCode rc = history_add(db, *case_id, who, "evidence", buf_cstr(&sum), NULL, e);
    buf_free(&sum);
    return rc;
}

ErrCode pattern_to_case(Db *db, const ProcessSet *ps, const Actor *who, long long pattern_id, long long *case_id,
                        Err *e)
{
    if (!role_can_write(who->role)) return err_set(e, ERR_FORBIDDEN, "läsare kan inte skapa ärenden");
    Pattern p;
    if (pattern_get(db, ps, pattern_id, &p, e)) return e->code;
    if (p.case_id && p.case_open) {
        err_set(e, ERR_CONFLICT, "mönstret har redan ett öppet ärende (%s)", p.case_ref);
        pattern_free(&p);
        return ERR_CONFLICT;
    }
    PatternEvent *ev = NULL;
    size_t nev = 0;
    if (pattern_events(db, &p, &ev, &nev, e)) {
        pattern_free(&p);
        return e->code;
    }
    Series s;
    SeriesKey k = {p.level, p.unit_id, p.category_id, p.source, p.period};
    Err se = ERR_INIT;
    bool have_series = series_load(db, &k, &s, &se) == ERR_OK;

    Buf title = BUF_INIT, desc = BUF_INIT;
    bool dev = !strcmp(p.source, "deviations");
    buf_printf(&title, "Mönster%s: %s – %s (ökning från %s)", dev ? "" : " i klagomål", p.category, p.unit,
               p.since_period);
    describe(&desc, &p, have_series ? &s : NULL, nev);
    CaseNew in = {.title = buf_cstr(&title), .description = buf_cstr(&desc), .origin = 6};
    ErrCode rc = db_begin(db, e);
    if (!rc) {
        rc = link_new_case(db, ps, who, &in, &p, ev, nev, case_id, e);
        if (rc || db_commit(db, e)) {
            db_rollback(db);
            rc = e->code ? e->code : ERR_INTERNAL;
        }
    }
    buf_free(&title);
    buf_free(&desc);
    if (have_series) series_free(&s);
    pattern_events_free(ev, nev);
    pattern_free(&p);
    return rc;
}

static void fill_evidence(Stmt *st, void *el)
{
    Evidence *v = el;
    snprintf(v->kind, sizeof v->kind, "%s", stmt_text(st, 0));
    v->ref_id = stmt_int(st, 1);
    v->ref = xstrdup(stmt_text(st, 2));
}

static void release_evidence(void *el)
{
    free(((Evidence *)el)->ref);
}

ErrCode case_evidence_list(Db *db, long long case_id, Evidence **out, size_t *n, Err *e)
{
    return db_rows(db, e, "SELECT kind, ref_id, ref FROM case_evidence WHERE case_id = :c ORDER BY id",
                   DB_ARGS(DB_INT(":c", case_id)), sizeof(Evidence), fill_evidence, release_evidence, (void **)out, n);
}

void case_evidence_free(Evidence *ev, size_t n)
{
    for (size_t i = 0; i < n; i++) release_evidence(&ev[i]);
    free(ev);
}

ErrCode pattern_demo_load(Db *db, const ProcessSet *ps, unsigned seed, Err *e)
{
    if (db_exists(db, e, "SELECT 1 FROM deviations", NULL) || db_exists(db, e, "SELECT 1 FROM complaints", NULL))
        return err_set(e, ERR_CONFLICT, "databasen har redan avvikelser eller klagomål");
    if (e->code) return e->code;
    if (db_begin(db, e)) return e->code;
    bool units = db_exists(db, e, "SELECT 1 FROM units", NULL);
    if ((!units && org_demo_load(db, e)) || deviation_demo_load(db, seed, e)) {
        db_rollback(db);
        return e->code;
    }
    if (db_commit(db, e)) return e->code;
    return pattern_detect(db, ps, NULL, e);
}
