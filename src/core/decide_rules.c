/*
 * decide_rules.c — one decision-rule file, from YAML text to a RuleSet.
 *
 * The format is described at the top of rules/orebro.yaml. Reads each value
 * with the helpers of core/process_yaml.h (Swedish "FILE:LINE:" errors),
 * checks kinds, conditions and the {variables} of each template against
 * what the step can know. Reads no files (decide_set.c does) and evaluates
 * nothing (decide.c does).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "core/decide.h"
#include "core/process_yaml.h"

enum { R_KEY, R_NAME, R_DESCRIPTION, R_BASIS, R_DEFAULT, R_LEVEL, R_COST, R_GROUPS, R_DEFAULT_GROUP, R_STEPS, R_N };
static const char *const set_fields[R_N] = {"key",         "name",           "description", "basis",
                                            "default",     "mandate_level",  "cost_limit",  "management_groups",
                                            "default_management_group", "steps"};

enum { S_KEY, S_WHEN, S_EACH, S_ACTOR, S_KIND, S_REASON, S_BODY, S_N };
static const char *const step_fields[S_N] = {"key", "when", "each", "actor", "kind", "reason", "body"};

enum { W_UNITS, W_MUNIS, W_MANDATE, W_MISSION, W_BUDGET, W_POLITICAL, W_COST, W_N };
static const char *const when_fields[W_N] = {"units",         "municipalities", "within_mandate", "within_mission",
                                             "within_budget", "political",      "cost_over"};

enum { G_UNIT, G_ACTOR, G_N };
static const char *const group_fields[G_N] = {"unit", "actor"};

static const char *const kind_keys[DK_N] = {"decides", "informed", "endorses", "prioritises", "proposes", "recommends"};
static const char *const kind_labels[DK_N] = {"beslutar", "informeras", "tillstyrker", "prioriterar", "föreslår",
                                              "rekommenderar"};
static const char *const each_keys[] = {"", "unit", "municipality", "management_group"};

const char *decide_kind_key(DecideKind k)
{
    return k >= 0 && k < DK_N ? kind_keys[k] : "informed";
}

const char *decide_kind_label(DecideKind k)
{
    return k >= 0 && k < DK_N ? kind_labels[k] : "informeras";
}

static void name_fields(YamlField *f, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) f[i].name = names[i];
}

/* --- freeing --------------------------------------------------------------------------- */

void rules_free_one(RuleSet *rs)
{
    if (!rs) return;
    free(rs->key);
    free(rs->name);
    free(rs->description);
    free(rs->basis);
    free(rs->source);
    for (size_t i = 0; i < rs->ngroups; i++) {
        free(rs->groups[i].unit);
        free(rs->groups[i].actor);
    }
    free(rs->groups);
    free(rs->default_group);
    for (size_t i = 0; i < rs->nrules; i++) {
        free(rs->rules[i].key);
        free(rs->rules[i].when);
        free(rs->rules[i].actor);
        free(rs->rules[i].reason);
        free(rs->rules[i].body);
    }
    free(rs->rules);
    free(rs);
}

/* --- values ----------------------------------------------------------------------------- */

static bool valid_key(const char *s, size_t max)
{
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-");
    return n > 0 && n <= max && !s[n];
}

/* Kronor: digits, with spaces or _ between thousands allowed ("500 000"). */
static ErrCode read_amount(const Yaml *y, const YamlField *f, const char *where, bool *has, double *out)
{
    char *s;
    ErrCode rc = yaml_text(y, f, where, &s);
    if (rc || !s) return rc;
    Buf digits = BUF_INIT;
    bool ok = true;
    for (const char *p = s; *p && ok; p++) {
        if (*p == ' ' || *p == '_') continue;
        if ((*p >= '0' && *p <= '9') || *p == '.') buf_putc(&digits, *p);
        else ok = false;
    }
    char *end = NULL;
    double v = ok && digits.len ? strtod(buf_cstr(&digits), &end) : -1;
    if (!ok || !digits.len || *end || !isfinite(v) || v < 0)
        rc = yaml_fail(y, f->line, "'%s' %s ska vara ett belopp i kronor, t.ex. 500000 eller 500 000 (inte '%s')",
                       f->name, where, s);
    buf_free(&digits);
    free(s);
    if (!rc) *has = true, *out = v;
    return rc;
}

static ErrCode read_tri(const Yaml *y, const YamlField *f, const char *where, Tri *out)
{
    if (!f->value) return ERR_OK;
    bool b = false;
    ErrCode rc = yaml_bool(y, f, where, &b);
    if (!rc) *out = b ? TRI_YES : TRI_NO;
    return rc;
}

/* --- templates ----------------------------------------------------------------------------- */

static const char *const always_vars[] = {"kostnad", "kostnadsgräns", "utanför", "kommuner", "antal_kommuner",
                                          "enheter", NULL};
static const char *const unit_vars[] = {"enhet", "placering", "chef", "förvaltning", NULL};
static const char *const muni_vars[] = {"kommun", NULL};
static const char *const group_vars[] = {"ledningsgrupp", NULL};

static bool in_list(const char *const *list, const char *s, size_t n)
{
    for (; *list; list++)
        if (strlen(*list) == n && !strncmp(*list, s, n)) return true;
    return false;
}

static const char *const *each_vars(RuleEach each)
{
    return each == EACH_UNIT ? unit_vars : each == EACH_MUNICIPALITY ? muni_vars : each == EACH_GROUP ? group_vars : NULL;
}

static void list_vars(Buf *b, const char *const *list)
{
    for (; list && *list; list++) buf_printf(b, "%s{%s}", b->len ? ", " : "", *list);
}

/* Every {name} in the template is one the step can fill. */
static ErrCode check_template(const Yaml *y, const char *tpl, const YamlField *f, const char *where, RuleEach each)
{
    for (const char *p = tpl; (p = strchr(p, '{'));) {
        const char *close = strchr(p, '}');
        const char *open2 = strchr(p + 1, '{');
        if (!close || (open2 && open2 < close))
            return yaml_fail(y, f->line, "'%s' %s har en '{' utan '}'", f->name, where);
        size_t n = (size_t)(close - p - 1);
        if (!in_list(always_vars, p + 1, n) && !(each_vars(each) && in_list(each_vars(each), p + 1, n))) {
            Buf known = BUF_INIT;
            list_vars(&known, each_vars(each));
            list_vars(&known, always_vars);
            ErrCode rc = yaml_fail(y, f->line, "okänd variabel {%.*s} i '%s' %s%s (här finns: %s)", (int)n, p + 1,
                                   f->name, where,
                                   each == EACH_NONE ? "; {enhet}, {kommun} och {ledningsgrupp} kräver 'each'" : "",
                                   buf_cstr(&known));
            buf_free(&known);
            return rc;
        }
        p = close + 1;
    }
    return ERR_OK;
}

/* --- conditions -------------------------------------------------------------------------- */

static ErrCode read_cond(const Yaml *y, yaml_node_t *node, const char *where, RuleCond *c)
{
    YamlField f[W_N];
    name_fields(f, when_fields, W_N);
    memset(c, 0, sizeof *c);
    ErrCode rc;
    if ((rc = yaml_fields(y, node, "Ett villkor (when)", where, f, W_N)) ||
        (rc = read_tri(y, &f[W_UNITS], where, &c->units)) ||
        (rc = read_tri(y, &f[W_MUNIS], where, &c->municipalities)) ||
        (rc = read_tri(y, &f[W_MANDATE], where, &c->within_mandate)) ||
        (rc = read_tri(y, &f[W_MISSION], where, &c->within_mission)) ||
        (rc = read_tri(y, &f[W_BUDGET], where, &c->within_budget)) ||
        (rc = read_tri(y, &f[W_POLITICAL], where, &c->political)) ||
        (rc = read_amount(y, &f[W_COST], where, &c->has_cost_over, &c->cost_over)))
        return rc;
    return ERR_OK;
}

/* `when` is one mapping (all of it must hold) or a list of them (any). */
static ErrCode read_when(const Yaml *y, const YamlField *f, const char *where, Rule *r)
{
    if (!f->value) return ERR_OK;
    if (f->value->type == YAML_MAPPING_NODE) {
        r->when = xcalloc(1, sizeof *r->when);
        r->nwhen = 1;
        return read_cond(y, f->value, where, r->when);
    }
    yaml_node_item_t *items;
    size_t n;
    ErrCode rc = yaml_list(y, f, where, &items, &n);
    if (rc) return rc;
    if (!n) return yaml_fail(y, f->line, "'when' %s är en tom lista (utelämna 'when' för en regel som alltid gäller)", where);
    r->when = xcalloc(n, sizeof *r->when);
    r->nwhen = n;
    for (size_t i = 0; i < n; i++)
        if ((rc = read_cond(y, yaml_document_get_node(y->doc, items[i]), where, &r->when[i]))) return rc;
    return ERR_OK;
}

/* --- steps ----------------------------------------------------------------------------------- */

static ErrCode read_choice(const Yaml *y, const YamlField *f, const char *where, const char *const *names, int n,
                           int *out, const char *what)
{
    char *s;
    ErrCode rc = yaml_text(y, f, where, &s);
    if (rc || !s) return rc;
    Buf known = BUF_INIT;
    for (int i = 0; i < n; i++) {
        if (*names[i] && !strcmp(s, names[i])) *out = i;
        if (*names[i]) buf_printf(&known, "%s%s", known.len ? ", " : "", names[i]);
    }
    if (*out < 0) rc = yaml_fail(y, f->line, "okänd %s '%s' %s (%s)", what, s, where, buf_cstr(&known));
    buf_free(&known);
    free(s);
    return rc;
}

static ErrCode read_rule(const Yaml *y, yaml_node_t *node, RuleSet *rs, size_t idx)
{
    Rule *r = &rs->rules[idx];
    char where[160];
    const char *key = yaml_peek(y, node, "key");
    if (key) snprintf(where, sizeof where, "i regel '%s'", key);
    else snprintf(where, sizeof where, "i regel nr %zu", idx + 1);
    YamlField f[S_N];
    name_fields(f, step_fields, S_N);
    r->line = yaml_line(node);
    int kind = -1, each = -1;
    ErrCode rc;
    if ((rc = yaml_fields(y, node, "En regel", where, f, S_N)) ||
        (rc = yaml_required_text(y, &f[S_KEY], where, r->line, &r->key)))
        return rc;
    if (!valid_key(r->key, 60))
        return yaml_fail(y, f[S_KEY].line, "ogiltigt id '%s' %s: använd små bokstäver a–z, siffror, - och _", r->key, where);
    for (size_t k = 0; k < idx; k++)
        if (!strcmp(rs->rules[k].key, r->key))
            return yaml_fail(y, f[S_KEY].line, "regeln '%s' finns redan (rad %d)", r->key, rs->rules[k].line);
    if ((rc = read_when(y, &f[S_WHEN], where, r)) ||
        (rc = read_choice(y, &f[S_EACH], where, each_keys, 4, &each, "uppräkning (each)")) ||
        (rc = yaml_required_text(y, &f[S_ACTOR], where, r->line, &r->actor)) ||
        (rc = read_choice(y, &f[S_KIND], where, kind_keys, DK_N, &kind, "sorts steg (kind)")) ||
        (rc = yaml_required_text(y, &f[S_REASON], where, r->line, &r->reason)) ||
        (rc = yaml_text(y, &f[S_BODY], where, &r->body)))
        return rc;
    if (r->body && (!*r->body || strchr(r->body, '{')))
        return yaml_fail(y, f[S_BODY].line,
                         "'body' %s ska vara ett organs kortnamn (t.ex. SSN) eller Delegation, utan {variabler}", where);
    if (kind < 0) return yaml_fail(y, r->line, "fältet 'kind' saknas %s (%s)", where, "decides, informed, endorses, prioritises, proposes eller recommends");
    r->kind = (DecideKind)kind;
    r->each = each < 0 ? EACH_NONE : (RuleEach)each;
    if ((rc = check_template(y, r->actor, &f[S_ACTOR], where, r->each)) ||
        (rc = check_template(y, r->reason, &f[S_REASON], where, r->each)))
        return rc;
    return ERR_OK;
}

/* --- management groups ------------------------------------------------------------------------- */

static ErrCode read_groups(const Yaml *y, const YamlField *f, RuleSet *rs)
{
    yaml_node_item_t *items;
    size_t n;
    ErrCode rc = yaml_list(y, f, "i regelverket", &items, &n);
    if (rc || !n) return rc;
    rs->groups = xcalloc(n, sizeof *rs->groups);
    rs->ngroups = n;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *node = yaml_document_get_node(y->doc, items[i]);
        ManagementGroup *g = &rs->groups[i];
        char where[80];
        snprintf(where, sizeof where, "i ledningsgrupp nr %zu", i + 1);
        YamlField gf[G_N];
        name_fields(gf, group_fields, G_N);
        g->line = yaml_line(node);
        if ((rc = yaml_fields(y, node, "En ledningsgrupp", where, gf, G_N)) ||
            (rc = yaml_required_text(y, &gf[G_UNIT], where, g->line, &g->unit)) ||
            (rc = yaml_required_text(y, &gf[G_ACTOR], where, g->line, &g->actor)))
            return rc;
    }
    return ERR_OK;
}

/* --- the file ---------------------------------------------------------------------------------- */

static bool uses_groups(const RuleSet *rs)
{
    for (size_t i = 0; i < rs->nrules; i++)
        if (rs->rules[i].each == EACH_GROUP) return true;
    return false;
}

static ErrCode read_level(const Yaml *y, const YamlField *f, RuleSet *rs)
{
    char *s;
    rs->mandate_level = UNIT_VERKSAMHET;
    ErrCode rc = yaml_text(y, f, "i regelverket", &s);
    if (rc || !s) return rc;
    if (!unit_kind_parse(s, &rs->mandate_level))
        rc = yaml_fail(y, f->line, "okänd nivå '%s' i 'mandate_level' (region, förvaltning, område, verksamhet eller enhet)", s);
    free(s);
    return rc;
}

static ErrCode read_set(const Yaml *y, yaml_node_t *root, RuleSet *rs)
{
    YamlField f[R_N];
    name_fields(f, set_fields, R_N);
    const char *where = "i regelverket";
    ErrCode rc;
    if ((rc = yaml_fields(y, root, "Ett regelverk", where, f, R_N)) ||
        (rc = yaml_required_text(y, &f[R_KEY], where, 1, &rs->key)))
        return rc;
    if (!valid_key(rs->key, 32))
        return yaml_fail(y, f[R_KEY].line, "ogiltigt id '%s' för regelverket: använd små bokstäver a–z, siffror, - och _",
                         rs->key);
    if ((rc = yaml_required_text(y, &f[R_NAME], where, 1, &rs->name)) ||
        (rc = yaml_text(y, &f[R_DESCRIPTION], where, &rs->description)) ||
        (rc = yaml_text(y, &f[R_BASIS], where, &rs->basis)) || (rc = yaml_bool(y, &f[R_DEFAULT], where, &rs->is_default)) ||
        (rc = read_level(y, &f[R_LEVEL], rs)) ||
        (rc = read_amount(y, &f[R_COST], where, &rs->has_cost_limit, &rs->cost_limit)) ||
        (rc = read_groups(y, &f[R_GROUPS], rs)) || (rc = yaml_text(y, &f[R_DEFAULT_GROUP], where, &rs->default_group)))
        return rc;
    yaml_node_item_t *items;
    size_t n;
    if ((rc = yaml_list(y, &f[R_STEPS], where, &items, &n))) return rc;
    if (!n) return yaml_fail(y, f[R_STEPS].value ? f[R_STEPS].line : 1, "regelverket '%s' har inga regler (steps)", rs->key);
    rs->rules = xcalloc(n, sizeof *rs->rules);
    rs->nrules = n;
    for (size_t i = 0; i < n; i++)
        if ((rc = read_rule(y, yaml_document_get_node(y->doc, items[i]), rs, i))) return rc;
    if (uses_groups(rs) && !rs->default_group)
        return yaml_fail(y, f[R_GROUPS].value ? f[R_GROUPS].line : 1,
                         "'default_management_group' saknas: en regel räknar upp ledningsgrupper (each: "
                         "management_group), och enheter utanför 'management_groups' behöver en");
    return ERR_OK;
}

/* yaml_load speaks of processes in two of its messages. */
static void reword(Err *e, const char *from, const char *to)
{
    char *at = strstr(e->msg, from);
    if (!at) return;
    char msg[sizeof e->msg];
    if (snprintf(msg, sizeof msg, "%.*s%s%s", (int)(at - e->msg), e->msg, to, at + strlen(from)) >= (int)sizeof msg)
        utf8_drop_cut(msg);
    snprintf(e->msg, sizeof e->msg, "%s", msg);
}

ErrCode rules_parse(const char *yaml, size_t len, const char *filename, RuleSet **out, Err *e)
{
    *out = NULL;
    yaml_document_t doc;
    if (yaml_load(&doc, yaml, len, filename, e)) {
        reword(e, "den ska beskriva en process", "den ska beskriva ett regelverk");
        reword(e, "en process per fil", "ett regelverk per fil");
        return e->code;
    }
    RuleSet *rs = xcalloc(1, sizeof *rs);
    rs->source = xstrdup(filename);
    Yaml y = {&doc, filename, e, yaml_last_line(yaml, len)};
    ErrCode rc = read_set(&y, yaml_document_get_root_node(&doc), rs);
    yaml_document_delete(&doc);
    if (rc) {
        rules_free_one(rs);
        return rc;
    }
    *out = rs;
    return ERR_OK;
}
