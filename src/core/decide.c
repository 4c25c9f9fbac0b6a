/*
 * decide.c — decides who decides: evaluates a rule set (core/decide.h)
 * against a proposed action and returns the ordered decision path.
 *
 * Resolves the units (with their chain up to the region) and municipalities,
 * works out the facts the rules test (within mandate = within mission and
 * budget and under any cost limit), then walks the rules in file order: each
 * rule whose conditions hold adds one step, or one per deciding unit,
 * municipality or management group. The order of the path is the order of
 * the file. Reads the organisation; writes nothing.
 */
#include "core/decide.h"
#include "base/buf.h"
#include "base/text.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_CHAIN = 16 };

/* A named unit with its chain up to the top: chain[0] is the unit itself. */
typedef struct {
    Unit chain[MAX_CHAIN];
    int n;
} UnitChain;

/* One per-unit context: the unit that decides within mandate. */
typedef struct {
    const Unit *unit;
    UnitKind parent_kind;
    const char *forvaltning;
} UnitCtx;

typedef struct {
    const RuleSet *rs;
    const DecideInput *in;
    UnitChain *chains;
    size_t nchains;
    UnitCtx *deciders;
    size_t ndeciders;
    Municipality *munis;
    size_t nmunis;
    const char **groups; /* management groups, in order of first appearance */
    size_t ngroups;
    bool within_mandate;
    DecidePath *out;
} Eval;

/* --- resolving the input ----------------------------------------------------------- */

static void chain_free(UnitChain *c)
{
    for (int i = 0; i < c->n; i++) unit_free(&c->chain[i]);
    c->n = 0;
}

static ErrCode load_chain(Db *db, const char *ref, UnitChain *c, Err *e)
{
    c->n = 0;
    Err q = ERR_INIT;
    ErrCode rc = unit_find(db, ref, &c->chain[0], &q);
    if (rc == ERR_NOTFOUND) {
        char *t = trim_dup(ref);
        err_set(e, ERR_INVALID, "Okänd enhet '%s'.", t);
        free(t);
        return ERR_INVALID;
    }
    if (rc) return *e = q, rc;
    c->n = 1;
    while (c->n < MAX_CHAIN && c->chain[c->n - 1].parent_id) {
        if ((rc = unit_get(db, c->chain[c->n - 1].parent_id, &c->chain[c->n], e))) return rc;
        c->n++;
    }
    return ERR_OK;
}

static ErrCode resolve_units(Db *db, Eval *ev, Err *e)
{
    ev->chains = xcalloc(ev->in->nunits + 1, sizeof *ev->chains);
    for (size_t i = 0; i < ev->in->nunits; i++) {
        UnitChain *c = &ev->chains[ev->nchains];
        ErrCode rc = load_chain(db, ev->in->units[i], c, e);
        if (rc) {
            chain_free(c);
            return rc;
        }
        bool dup = false;
        for (size_t k = 0; k < ev->nchains && !dup; k++) dup = ev->chains[k].chain[0].id == c->chain[0].id;
        if (dup) chain_free(c);
        else ev->nchains++;
    }
    return ERR_OK;
}

static ErrCode resolve_municipalities(Db *db, Eval *ev, Err *e)
{
    ev->munis = xcalloc(ev->in->nmunicipalities + 1, sizeof *ev->munis);
    for (size_t i = 0; i < ev->in->nmunicipalities; i++) {
        Municipality *m = &ev->munis[ev->nmunis];
        Err q = ERR_INIT;
        ErrCode rc = municipality_find(db, ev->in->municipalities[i], m, &q);
        if (rc == ERR_NOTFOUND) {
            char *t = trim_dup(ev->in->municipalities[i]);
            err_set(e, ERR_INVALID, "Okänd kommun '%s'.", t);
            free(t);
            return ERR_INVALID;
        }
        if (rc) return *e = q, rc;
        bool dup = false;
        for (size_t k = 0; k < ev->nmunis && !dup; k++) dup = ev->munis[k].id == m->id;
        if (dup) municipality_free(m);
        else ev->nmunis++;
    }
    return ERR_OK;
}

/* The unit that decides within mandate: the nearest one in the chain at or
 * above the rule set's mandate level (an enhet's verksamhet, say). */
static void find_deciders(Eval *ev)
{
    ev->deciders = xcalloc(ev->nchains + 1, sizeof *ev->deciders);
    for (size_t i = 0; i < ev->nchains; i++) {
        const UnitChain *c = &ev->chains[i];
        int at = 0;
        while (at + 1 < c->n && c->chain[at].kind > ev->rs->mandate_level) at++;
        const Unit *u = &c->chain[at];
        bool dup = false;
        for (size_t k = 0; k < ev->ndeciders && !dup; k++) dup = ev->deciders[k].unit->id == u->id;
        if (dup) continue;
        UnitCtx *d = &ev->deciders[ev->ndeciders++];
        d->unit = u;
        d->parent_kind = at + 1 < c->n ? c->chain[at + 1].kind : UNIT_REGION;
        d->forvaltning = "";
        for (int k = at; k < c->n; k++)
            if (c->chain[k].kind == UNIT_FORVALTNING) {
                d->forvaltning = c->chain[k].name;
                break;
            }
    }
}

static bool same_name(const char *a, const Unit *u)
{
    char *x = fold_lower(a), *y = fold_lower(u->name), *z = fold_lower(u->short_name);
    bool r = !strcmp(x, y) || (*z && !strcmp(x, z));
    free(x);
    free(y);
    free(z);
    return r;
}

/* Each named unit's management group: the first group whose unit is the
 * named unit or one above it; otherwise the default. */
static void find_groups(Eval *ev)
{
    ev->groups = xcalloc(ev->nchains + 1, sizeof *ev->groups);
    for (size_t i = 0; i < ev->nchains; i++) {
        const char *g = ev->rs->default_group;
        const UnitChain *c = &ev->chains[i];
        for (int k = 0; k < c->n && g == ev->rs->default_group; k++)
            for (size_t j = 0; j < ev->rs->ngroups; j++)
                if (same_name(ev->rs->groups[j].unit, &c->chain[k])) {
                    g = ev->rs->groups[j].actor;
                    break;
                }
        bool dup = !g;
        for (size_t k = 0; k < ev->ngroups && !dup; k++) dup = !strcmp(ev->groups[k], g);
        if (!dup) ev->groups[ev->ngroups++] = g;
    }
}

/* --- conditions ------------------------------------------------------------------------- */

static bool tri_holds(Tri t, bool v)
{
    return t == TRI_ANY || (t == TRI_YES) == v;
}

static bool cond_holds(const Eval *ev, const RuleCond *c)
{
    const DecideInput *in = ev->in;
    return tri_holds(c->units, ev->nchains > 0) && tri_holds(c->municipalities, ev->nmunis > 0) &&
           tri_holds(c->within_mandate, ev->within_mandate) && tri_holds(c->within_mission, in->within_mission) &&
           tri_holds(c->within_budget, in->within_budget) && tri_holds(c->political, in->political) &&
           (!c->has_cost_over || (in->has_cost && in->cost > c->cost_over));
}

static bool rule_applies(const Eval *ev, const Rule *r)
{
    if (!r->nwhen) return true;
    for (size_t i = 0; i < r->nwhen; i++)
        if (cond_holds(ev, &r->when[i])) return true;
    return false;
}

/* --- templates ----------------------------------------------------------------------------- */

/* "a", "a och b", "a, b och c" */
static void put_joined(Buf *b, const char *const *items, size_t n)
{
    for (size_t i = 0; i < n; i++) buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? " och " : ", ", items[i]);
}

/* What keeps the action outside the mandate: "uppdrag och budget", to
 * follow "verksamhetens" or "funktionsgruppens" in a template. */
static void put_outside(Buf *b, const Eval *ev)
{
    const char *parts[3];
    size_t n = 0;
    Buf limit = BUF_INIT;
    if (!ev->in->within_mission) parts[n++] = "uppdrag";
    if (!ev->in->within_budget) parts[n++] = "budget";
    if (ev->rs->has_cost_limit && ev->in->has_cost && ev->in->cost > ev->rs->cost_limit) {
        buf_puts(&limit, "kostnadsgräns (");
        decide_amount(&limit, ev->rs->cost_limit);
        buf_puts(&limit, ")");
        parts[n++] = buf_cstr(&limit);
    }
    put_joined(b, parts, n);
    buf_free(&limit);
}

typedef struct {
    const UnitCtx *unit;
    const Municipality *muni;
    const char *group;
} Instance;

static void put_var(Buf *b, const Eval *ev, const Instance *it, const char *name, size_t n)
{
#define IS(s) (strlen(s) == n && !strncmp(name, s, n))
    if (IS("kostnad")) {
        if (ev->in->has_cost) decide_amount(b, ev->in->cost);
        else buf_puts(b, "ej angiven");
    } else if (IS("kostnadsgräns")) {
        if (ev->rs->has_cost_limit) decide_amount(b, ev->rs->cost_limit);
        else buf_puts(b, "ingen");
    } else if (IS("utanför")) {
        put_outside(b, ev);
    } else if (IS("kommuner")) {
        const char **names = xcalloc(ev->nmunis + 1, sizeof *names);
        for (size_t i = 0; i < ev->nmunis; i++) names[i] = ev->munis[i].name;
        put_joined(b, names, ev->nmunis);
        free(names);
    } else if (IS("antal_kommuner")) {
        buf_printf(b, "%zu", ev->nmunis);
    } else if (IS("enheter")) {
        const char **names = xcalloc(ev->nchains + 1, sizeof *names);
        for (size_t i = 0; i < ev->nchains; i++) names[i] = ev->chains[i].chain[0].name;
        put_joined(b, names, ev->nchains);
        free(names);
    } else if (IS("enhet") && it->unit) {
        buf_puts(b, it->unit->unit->name);
    } else if (IS("placering") && it->unit) {
        char *p = unit_placement(it->unit->unit, it->unit->parent_kind);
        buf_puts(b, p);
        free(p);
    } else if (IS("chef") && it->unit) {
        buf_puts(b, *it->unit->unit->manager_title ? it->unit->unit->manager_title : "Chef för");
    } else if (IS("förvaltning") && it->unit) {
        buf_puts(b, it->unit->forvaltning);
    } else if (IS("kommun") && it->muni) {
        buf_puts(b, it->muni->official_name);
    } else if (IS("ledningsgrupp") && it->group) {
        buf_puts(b, it->group);
    }
#undef IS
}

/* Fills the {variables}; decide_rules.c has checked that each one exists
 * for the rule's kind of step. The first letter is made upper case. */
static char *render(const Eval *ev, const Instance *it, const char *tpl)
{
    Buf b = BUF_INIT;
    for (const char *p = tpl; *p;) {
        const char *open = strchr(p, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        if (!open || !close) {
            buf_puts(&b, p);
            break;
        }
        buf_append(&b, p, (size_t)(open - p));
        put_var(&b, ev, it, open + 1, (size_t)(close - open - 1));
        p = close + 1;
    }
    buf_cstr(&b);
    unsigned char *c = (unsigned char *)b.data;
    if (c[0] >= 'a' && c[0] <= 'z') c[0] = (unsigned char)(c[0] - 32);
    else if (c[0] == 0xC3 && (c[1] == 0xA5 || c[1] == 0xA4 || c[1] == 0xB6)) c[1] = (unsigned char)(c[1] - 32); /* å ä ö */
    return buf_take(&b);
}

/* --- the path ---------------------------------------------------------------------------------- */

static void add_step(Eval *ev, const Rule *r, const Instance *it)
{
    DecidePath *p = ev->out;
    char *actor = render(ev, it, r->actor), *reason = render(ev, it, r->reason);
    for (size_t i = 0; i < p->n; i++)
        if (p->steps[i].kind == r->kind && !strcmp(p->steps[i].actor, actor) && !strcmp(p->steps[i].reason, reason)) {
            free(actor); /* the same step twice says nothing new */
            free(reason);
            return;
        }
    p->steps = xrealloc(p->steps, (p->n + 1) * sizeof *p->steps);
    DecideStep *s = &p->steps[p->n++];
    memset(s, 0, sizeof *s);
    s->actor = actor;
    s->kind = r->kind;
    s->reason = reason;
    s->rule = xstrdup(r->key);
    if (r->body) s->body = xstrdup(r->body);
    if (it->unit) {
        s->unit_id = it->unit->unit->id;
        if (*it->unit->unit->manager_name) s->person = xstrdup(it->unit->unit->manager_name);
    }
}

static void apply(Eval *ev, const Rule *r)
{
    Instance it = {0};
    switch (r->each) {
    case EACH_UNIT:
        for (size_t i = 0; i < ev->ndeciders; i++) {
            it.unit = &ev->deciders[i];
            add_step(ev, r, &it);
        }
        break;
    case EACH_MUNICIPALITY:
        for (size_t i = 0; i < ev->nmunis; i++) {
            it.muni = &ev->munis[i];
            add_step(ev, r, &it);
        }
        break;
    case EACH_GROUP:
        for (size_t i = 0; i < ev->ngroups; i++) {
            it.group = ev->groups[i];
            add_step(ev, r, &it);
        }
        break;
    case EACH_NONE:
        add_step(ev, r, &it);
        break;
    }
}

static void eval_free(Eval *ev)
{
    for (size_t i = 0; i < ev->nchains; i++) chain_free(&ev->chains[i]);
    free(ev->chains);
    free(ev->deciders);
    for (size_t i = 0; i < ev->nmunis; i++) municipality_free(&ev->munis[i]);
    free(ev->munis);
    free(ev->groups);
}

static ErrCode check_input(const RuleSet *rs, const DecideInput *in, Err *e)
{
    if (!rs) return err_set(e, ERR_INTERNAL, "inget regelverk för beslutsvägar är laddat");
    if (!in->nunits && !in->nmunicipalities)
        return err_set(e, ERR_INVALID, "Ange minst en enhet eller en kommun som åtgärden berör.");
    if (in->has_cost && (!isfinite(in->cost) || in->cost < 0))
        return err_set(e, ERR_INVALID, "Kostnaden måste vara ett belopp i kronor, 0 eller mer.");
    return ERR_OK;
}

ErrCode decide_path(Db *db, const RuleSet *rs, const DecideInput *in, DecidePath *out, Err *e)
{
    memset(out, 0, sizeof *out);
    if (check_input(rs, in, e)) return e->code;
    Eval ev = {.rs = rs, .in = in, .out = out};
    ErrCode rc = resolve_units(db, &ev, e);
    if (!rc) rc = resolve_municipalities(db, &ev, e);
    if (!rc) {
        find_deciders(&ev);
        find_groups(&ev);
        ev.within_mandate = in->within_mission && in->within_budget &&
                            !(rs->has_cost_limit && in->has_cost && in->cost > rs->cost_limit);
        for (size_t i = 0; i < rs->nrules; i++)
            if (rule_applies(&ev, &rs->rules[i])) apply(&ev, &rs->rules[i]);
        if (!out->n)
            rc = err_set(e, ERR_INVALID, "Regelverket '%s' (%s) anger ingen beslutsväg för den här åtgärden.", rs->key,
                         rs->source);
    }
    eval_free(&ev);
    if (rc) {
        decide_path_free(out);
        return rc;
    }
    out->rules_key = xstrdup(rs->key);
    out->rules_name = xstrdup(rs->name);
    return ERR_OK;
}

void decide_path_free(DecidePath *p)
{
    if (!p) return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->steps[i].actor);
        free(p->steps[i].reason);
        free(p->steps[i].rule);
        free(p->steps[i].person);
        free(p->steps[i].body);
    }
    free(p->steps);
    free(p->rules_key);
    free(p->rules_name);
    memset(p, 0, sizeof *p);
}

/* --- amounts ---------------------------------------------------------------------------------- */

void decide_amount(Buf *b, double kronor)
{
    char digits[64];
    snprintf(digits, sizeof digits, "%.0f", floor(kronor + 0.5));
    size_t n = strlen(digits);
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0) buf_putc(b, ' ');
        buf_putc(b, digits[i]);
    }
    buf_puts(b, " kr");
}

bool decide_cost_parse(const char *s, bool *has, double *out)
{
    Buf digits = BUF_INIT;
    bool ok = true;
    for (const char *p = s ? s : ""; ok && *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '_') continue;
        if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) { /* no-break space */
            p++;
            continue;
        }
        if ((*p >= '0' && *p <= '9') || *p == '.' || *p == ',') buf_putc(&digits, *p == ',' ? '.' : *p);
        else ok = false;
    }
    *has = digits.len > 0;
    if (ok && *has) {
        char *end = NULL;
        errno = 0;
        double v = strtod(buf_cstr(&digits), &end);
        ok = !*end && !errno && isfinite(v) && v >= 0;
        if (ok) *out = v;
    }
    buf_free(&digits);
    return ok;
}
