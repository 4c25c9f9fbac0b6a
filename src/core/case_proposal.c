/*
 * case_proposal.c — what the decision rules propose for a case: from its
 * scope (case_scope.c) and the active rule set, the decision path
 * (core/decide.h); from the path, the body proposed to decide in the
 * process's decision step and the bodies proposed for its förankring, each
 * actor matched to the organisation's bodies and the bodies the process
 * names. Where the path's decider is not one the decision step allows (a
 * verksamhetschef deciding within mandate where only SSN may decide, a
 * municipality), the proposal says so in a plain sentence.
 *
 * Computes; writes nothing. The web page, the API and the CLI all show
 * what this returns, so the rule lives here once.
 */
#include "core/case_scope.h"
#include "base/buf.h"
#include "base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const DELEGATION = "Delegation"; /* the process format's word for a decision within mandate */

/* --- matching an actor to a body ------------------------------------------------------ */

static bool eq_folded(const char *folded, const char *s)
{
    if (!folded || !s || !*s) return false;
    char *f = fold_lower(s);
    bool same = !strcmp(folded, f);
    free(f);
    return same;
}

/* The actor folded, and for "Name (SHORT)" its two parts folded. */
typedef struct {
    char *whole, *base, *paren;
} ActorText;

static ActorText actor_text(const char *actor)
{
    ActorText a = {0};
    char *t = trim_dup(actor);
    a.whole = fold_lower(t);
    size_t n = strlen(t);
    char *open = strrchr(t, '(');
    if (n > 2 && t[n - 1] == ')' && open && open > t) {
        t[n - 1] = '\0';
        a.paren = trim_dup(open + 1);
        *open = '\0';
        char *base = trim_dup(t);
        char *fp = fold_lower(a.paren), *fb = fold_lower(base);
        free(a.paren);
        free(base);
        a.paren = fp;
        a.base = fb;
    }
    free(t);
    return a;
}

static void actor_text_free(ActorText *a)
{
    free(a->whole);
    free(a->base);
    free(a->paren);
}

static bool names(const ActorText *a, const char *short_name, const char *name)
{
    return eq_folded(a->whole, short_name) || eq_folded(a->whole, name) || eq_folded(a->paren, short_name) ||
           eq_folded(a->base, name);
}

const char *proposal_body_for(const DecideStep *s, const Body *bodies, size_t nbodies, char *const *extra,
                              size_t nextra)
{
    if (s->body) return s->body;
    ActorText a = actor_text(s->actor);
    const char *found = NULL;
    for (size_t i = 0; i < nbodies && !found; i++)
        if (names(&a, bodies[i].short_name, bodies[i].name)) found = bodies[i].short_name;
    for (size_t i = 0; i < nextra && !found; i++)
        if (names(&a, extra[i], NULL)) found = extra[i];
    actor_text_free(&a);
    return found;
}

/* --- the process's steps -------------------------------------------------------------- */

/* The current step if it is of `kind`, else the first such step. */
static const Step *step_of_kind(const ProcessDef *def, const char *current, StepKind kind)
{
    const Step *cur = def && current ? process_step(def, current) : NULL;
    if (cur && cur->kind == kind) return cur;
    for (size_t i = 0; def && i < def->nsteps; i++)
        if (def->steps[i].kind == kind) return &def->steps[i];
    return NULL;
}

static bool listed(char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; s && i < n; i++)
        if (!strcmp(list[i], s)) return true;
    return false;
}

/* "SSN", "SSN eller OSN", "Delegation, SSN eller OSN" */
static void put_alternatives(Buf *b, char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? " eller " : ", ", list[i]);
}

/* --- the proposal ------------------------------------------------------------------------- */

/* The decides-step to propose: one whose body the decision step allows,
 * else one that is a body, else the first. */
static void pick_decider(CaseProposal *p)
{
    const Step *ds = p->decision_step;
    int best = 0;
    for (size_t i = 0; i < p->path.n; i++) {
        if (p->path.steps[i].kind != DK_DECIDES) continue;
        const char *body = p->bodies[i];
        int score = body && ds && listed(ds->deciders, ds->ndeciders, body) ? 3 : body ? 2 : 1;
        if (score > best) {
            best = score;
            p->decides = (long)i;
        }
    }
    p->decides_allowed = best == 3;
}

/* Others who decide for their part (each municipality, say). */
static void put_other_deciders(Buf *b, const CaseProposal *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->path.n; i++)
        if (p->path.steps[i].kind == DK_DECIDES && (long)i != p->decides) n++;
    if (!n) return;
    buf_puts(b, " Enligt beslutsvägen beslutar också ");
    size_t k = 0;
    for (size_t i = 0; i < p->path.n; i++) {
        if (p->path.steps[i].kind != DK_DECIDES || (long)i == p->decides) continue;
        buf_printf(b, "%s%s", k == 0 ? "" : k + 1 == n ? " och " : ", ", p->path.steps[i].actor);
        k++;
    }
    buf_puts(b, " för sin del.");
}

static void write_note(CaseProposal *p)
{
    Buf b = BUF_INIT;
    const Step *ds = p->decision_step;
    if (p->decides < 0) {
        buf_puts(&b, "Beslutsvägen anger inte vem som beslutar om den här åtgärden.");
        p->decides_note = buf_take(&b);
        return;
    }
    const char *actor = p->path.steps[p->decides].actor, *body = p->bodies[p->decides];
    bool delegation = body && !strcmp(body, DELEGATION);
    if (p->decides_allowed && delegation)
        buf_printf(&b, "Föreslås av beslutsvägen: delegationsbeslut – %s beslutar inom sitt mandat.", actor);
    else if (p->decides_allowed)
        buf_printf(&b, "Föreslås av beslutsvägen: %s beslutar.", actor);
    else if (!ds)
        buf_printf(&b, "Beslutsvägen anger att %s beslutar, men processen har inget beslutssteg.", actor);
    else {
        buf_printf(&b, "Beslutsvägen anger att %s beslutar%s, men i steget '%s' får bara ", actor,
                   delegation ? " inom sitt mandat (delegationsbeslut)" : "", ds->name);
        put_alternatives(&b, ds->deciders, ds->ndeciders);
        buf_printf(&b, " besluta. %s", body ? "Välj det organ som faktiskt fattar beslutet."
                                            : "Registrera det beslut som fattas av ett av dem, eller välj annan väg.");
    }
    put_other_deciders(&b, p);
    p->decides_note = buf_take(&b);
}

/* Bodies named by the steps that are not decisions (informed, endorses,
 * prioritises, proposes, recommends): those the case is anchored in. */
static void collect_anchoring(CaseProposal *p)
{
    p->anchoring = xcalloc(p->path.n + 1, sizeof *p->anchoring);
    for (size_t i = 0; i < p->path.n; i++) {
        const char *body = p->bodies[i];
        if (p->path.steps[i].kind == DK_DECIDES || !body || !strcmp(body, DELEGATION)) continue;
        if (!listed(p->anchoring, p->nanchoring, body)) p->anchoring[p->nanchoring++] = xstrdup(body);
    }
}

/* The bodies of the organisation plus those the two steps name. */
static void match_bodies(Db *db, CaseProposal *p)
{
    Body *bodies = NULL;
    size_t nb = 0;
    Err ignored = ERR_INIT; /* without the table, the process's names still match */
    body_list(db, &bodies, &nb, &ignored);
    size_t nc = p->anchoring_step ? p->anchoring_step->nconsult : 0;
    size_t nd = p->decision_step ? p->decision_step->ndeciders : 0;
    char **extra = xcalloc(nc + nd + 1, sizeof *extra);
    for (size_t i = 0; i < nc; i++) extra[i] = p->anchoring_step->consult[i];
    for (size_t i = 0; i < nd; i++) extra[nc + i] = p->decision_step->deciders[i];
    p->bodies = xcalloc(p->path.n + 1, sizeof *p->bodies);
    for (size_t i = 0; i < p->path.n; i++) {
        const char *b = proposal_body_for(&p->path.steps[i], bodies, nb, extra, nc + nd);
        p->bodies[i] = b ? xstrdup(b) : NULL;
    }
    free(extra);
    body_list_free(bodies, nb);
}

/* The stored scope as the engine's input: references by id. */
static ErrCode path_for_scope(Db *db, const RuleSet *rs, const CaseScope *s, DecidePath *out, Err *e)
{
    char **units = xcalloc(s->nunits + 1, sizeof *units), **munis = xcalloc(s->nmunicipalities + 1, sizeof *munis);
    char id[24];
    for (size_t i = 0; i < s->nunits; i++) {
        snprintf(id, sizeof id, "%lld", s->units[i].id);
        units[i] = xstrdup(id);
    }
    for (size_t i = 0; i < s->nmunicipalities; i++) {
        snprintf(id, sizeof id, "%lld", s->municipalities[i].id);
        munis[i] = xstrdup(id);
    }
    DecideInput in = {.units = (const char *const *)units,
                      .nunits = s->nunits,
                      .municipalities = (const char *const *)munis,
                      .nmunicipalities = s->nmunicipalities,
                      .within_mission = s->within_mission,
                      .within_budget = s->within_budget,
                      .political = s->political,
                      .has_cost = s->has_cost,
                      .cost = s->cost};
    ErrCode rc = decide_path(db, rs, &in, out, e);
    for (size_t i = 0; i < s->nunits; i++) free(units[i]);
    for (size_t i = 0; i < s->nmunicipalities; i++) free(munis[i]);
    free(units);
    free(munis);
    return rc;
}

ErrCode case_propose(Db *db, const RuleSets *rules, const ProcessDef *def, const char *current_step, long long case_id,
                     CaseProposal *out, Err *e)
{
    memset(out, 0, sizeof *out);
    out->decides = -1;
    if (case_scope_get(db, case_id, &out->scope, e)) return e->code;
    out->decision_step = step_of_kind(def, current_step, STEP_DECISION);
    out->anchoring_step = step_of_kind(def, current_step, STEP_ANCHORING);
    if (!out->scope.set) return ERR_OK;
    const RuleSet *rs = NULL;
    Err q = ERR_INIT;
    if (!rules) err_set(&q, ERR_INTERNAL, "Inga beslutsregler är laddade.");
    else if (!rules_active(db, rules, &rs, &q)) path_for_scope(db, rs, &out->scope, &out->path, &q);
    if (q.code) {
        out->error = xstrdup(q.msg);
        return ERR_OK;
    }
    match_bodies(db, out);
    pick_decider(out);
    write_note(out);
    collect_anchoring(out);
    return ERR_OK;
}

void case_proposal_free(CaseProposal *p)
{
    if (!p) return;
    for (size_t i = 0; p->bodies && i < p->path.n; i++) free(p->bodies[i]);
    free(p->bodies);
    for (size_t i = 0; i < p->nanchoring; i++) free(p->anchoring[i]);
    free(p->anchoring);
    free(p->decides_note);
    free(p->error);
    decide_path_free(&p->path);
    case_scope_free(&p->scope);
    memset(p, 0, sizeof *p);
    p->decides = -1;
}

bool proposal_anchors(const CaseProposal *p, const char *body)
{
    return listed(p->anchoring, p->nanchoring, body);
}

/* --- JSON --------------------------------------------------------------------------------- */

static json_t *decides_json(const CaseProposal *p)
{
    if (p->decides < 0) return json_null();
    const DecideStep *s = &p->path.steps[p->decides];
    return json_pack("{s:s?, s:s, s:s, s:s, s:b, s:s}", "body", p->bodies[p->decides], "actor", s->actor, "reason",
                     s->reason, "rule", s->rule, "allowed", p->decides_allowed, "note", p->decides_note);
}

json_t *case_proposal_to_json(const CaseProposal *p)
{
    if (!p->scope.set) return json_null();
    json_t *steps = json_array(), *anchoring = json_array();
    for (size_t i = 0; i < p->path.n; i++) {
        json_t *o = decide_step_to_json(&p->path.steps[i]);
        json_object_set_new(o, "body", p->bodies[i] ? json_string(p->bodies[i]) : json_null());
        json_array_append_new(steps, o);
    }
    for (size_t i = 0; i < p->nanchoring; i++) json_array_append_new(anchoring, json_string(p->anchoring[i]));
    json_t *o = json_pack("{s:s?, s:s?, s:o, s:o, s:o, s:s?, s:s?}", "rules", p->path.rules_key, "rules_name",
                          p->path.rules_name, "steps", steps, "decides", decides_json(p), "anchoring", anchoring,
                          "decision_step", p->decision_step ? p->decision_step->key : NULL, "anchoring_step",
                          p->anchoring_step ? p->anchoring_step->key : NULL);
    if (p->error) json_object_set_new(o, "error", json_string(p->error));
    return o;
}

void case_json_add_proposal(json_t *detail, const CaseProposal *p)
{
    json_object_set_new(detail, "scope", case_scope_to_json(&p->scope));
    json_object_set_new(detail, "proposal", case_proposal_to_json(p));
}
