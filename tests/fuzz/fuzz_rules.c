/*
 * fuzz_rules.c — libFuzzer target for rules_parse() (core/decide_rules.c
 * over core/process_yaml.c and libyaml), the reader of the decision-rule
 * files an organisation writes by hand, and for decide_path() (core/
 * decide.c), which evaluates a parsed set against the organisation.
 *
 * Arbitrary bytes are parsed as a rule file named FILENAME. On failure *out
 * must be NULL and the message "FILENAME:LINE: …" with LINE within the
 * input. On success the set must be whole (key, name, source, at least one
 * rule; every rule with a unique key, an actor, a reason, a known kind and
 * `each`; every management group with unit and actor; a default group when
 * a rule counts groups), and then every action in `actions` below is
 * decided over the demo organisation in a temporary SQLite database made
 * once per process (fuzz_db.h):
 *   - a path, or ERR_INVALID with an empty path and a message;
 *   - each step names one of the set's rules, in file order, with a known
 *     kind, an actor and a reason in UTF-8 with every {variable} filled
 *     (unless a group's own text has braces), and no step twice;
 *   - a unit only on a per-unit step; decide_path_to_json has every step;
 *   - the database is as it was (decide_path writes nothing).
 * Freeing is left to LeakSanitizer.
 *
 * Must not: read files, print unless aborting.
 */
#define FUZZ_NAME "fuzz_rules"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fuzz_util.h"
#include "fuzz_db.h"

#include "core/decide.h"

#define FILENAME "fuzz/R.yaml"

/* A spread of actions over the demo organisation (core/org_demo.c): an
 * enhet within its mandate, units of two förvaltningar and a municipality
 * outside budget at a cost, municipalities alone, and units of both demo
 * regions outside the mission. */
typedef struct {
    const char *units[4];
    const char *munis[4];
    bool mission, budget, political;
    double cost; /* < 0: not given */
} Action;

static const Action actions[] = {
    {{"Ortopedmottagningen"}, {NULL}, true, true, false, -1},
    {{"Kirurgi", "Allmäntandvård", "BUP"}, {"Kumla"}, true, false, true, 750000},
    {{NULL}, {"Örebro", "Nora", "Örebro"}, true, true, true, 0},
    {{"Sahlgrenska Universitetssjukhuset", "Utvecklingsenheten"}, {NULL}, false, true, false, 2e6},
};

static void check_set(const RuleSet *rs, long lines)
{
    CHECK(rs->key && *rs->key && rs->name && *rs->name, "a parsed set lacks key or name");
    CHECK(rs->source && !strcmp(rs->source, FILENAME), "source is '%s'", rs->source ? rs->source : "(null)");
    CHECK(rs->mandate_level >= UNIT_REGION && rs->mandate_level <= UNIT_ENHET, "mandate_level %d",
          (int)rs->mandate_level);
    CHECK(!rs->has_cost_limit || rs->cost_limit >= 0, "a negative cost limit");
    CHECK(rs->nrules >= 1 && rs->rules, "a parsed set without rules");
    CHECK(rs->ngroups == 0 || rs->groups, "groups NULL with %zu groups", rs->ngroups);
    for (size_t i = 0; i < rs->ngroups; i++)
        CHECK(rs->groups[i].unit && *rs->groups[i].unit && rs->groups[i].actor && *rs->groups[i].actor,
              "management group %zu lacks unit or actor", i + 1);
    for (size_t i = 0; i < rs->nrules; i++) {
        const Rule *r = &rs->rules[i];
        CHECK(r->key && *r->key, "rule %zu has no key", i + 1);
        CHECK(r->actor && *r->actor && r->reason && *r->reason, "rule '%s' lacks actor or reason", r->key);
        CHECK(r->kind >= 0 && r->kind < DK_N, "rule '%s' has kind %d", r->key, (int)r->kind);
        CHECK(r->each >= EACH_NONE && r->each <= EACH_GROUP, "rule '%s' has each %d", r->key, (int)r->each);
        CHECK(r->nwhen == 0 || r->when, "rule '%s': when NULL with %zu conditions", r->key, r->nwhen);
        CHECK(r->line >= 1 && r->line <= lines, "rule '%s' on line %d of %ld", r->key, r->line, lines);
        for (size_t k = 0; k < i; k++) CHECK(strcmp(rs->rules[k].key, r->key), "rule '%s' twice", r->key);
        if (r->each == EACH_GROUP) CHECK(rs->default_group, "rule '%s' counts groups without a default", r->key);
    }
}

/* Braces in the output can only come from a management group's own text. */
static bool groups_have_braces(const RuleSet *rs)
{
    if (rs->default_group && strchr(rs->default_group, '{')) return true;
    for (size_t i = 0; i < rs->ngroups; i++)
        if (strchr(rs->groups[i].actor, '{')) return true;
    return false;
}

static size_t rule_index(const RuleSet *rs, const char *key)
{
    for (size_t i = 0; i < rs->nrules; i++)
        if (!strcmp(rs->rules[i].key, key)) return i;
    CHECK(0, "a step cites rule '%s', which the set does not have", key);
    return 0;
}

static void check_text(const char *what, const char *s, bool braces_allowed)
{
    CHECK(s && *s, "a step without %s", what);
    CHECK(fuzz_utf8_valid((const uint8_t *)s, strlen(s)), "%s is not UTF-8: '%s'", what, s);
    CHECK(braces_allowed || !strchr(s, '{'), "%s has an unfilled variable: '%s'", what, s);
}

static void check_path(const RuleSet *rs, const DecidePath *p)
{
    bool braces = groups_have_braces(rs);
    CHECK(p->n >= 1 && p->steps, "a path without steps");
    CHECK(p->rules_key && !strcmp(p->rules_key, rs->key), "the path names set '%s'", p->rules_key);
    size_t last = 0;
    for (size_t i = 0; i < p->n; i++) {
        const DecideStep *s = &p->steps[i];
        CHECK(s->rule, "step %zu cites no rule", i);
        size_t r = rule_index(rs, s->rule);
        CHECK(r >= last, "step %zu (rule '%s') comes after a later rule's step", i, s->rule);
        last = r;
        CHECK(s->kind == rs->rules[r].kind, "step %zu has another kind than rule '%s'", i, s->rule);
        check_text("an actor", s->actor, braces);
        check_text("a reason", s->reason, braces);
        CHECK((s->unit_id > 0) == (rs->rules[r].each == EACH_UNIT), "step %zu: unit_id %lld for each %d", i,
              s->unit_id, (int)rs->rules[r].each);
        CHECK(!s->person || s->unit_id > 0, "step %zu names a person without a unit", i);
        for (size_t k = 0; k < i; k++)
            CHECK(p->steps[k].kind != s->kind || strcmp(p->steps[k].actor, s->actor) ||
                      strcmp(p->steps[k].reason, s->reason),
                  "steps %zu and %zu are the same", k, i);
    }
    json_t *j = decide_path_to_json(p);
    CHECK(j && json_array_size(json_object_get(j, "steps")) == p->n, "decide_path_to_json lost steps");
    json_decref(j);
}

static void decide_all(const RuleSet *rs)
{
    FuzzDb *f = fuzz_db_get();
    FuzzSnapshot before, after;
    fuzz_db_snapshot(&before, true);
    for (size_t a = 0; a < sizeof actions / sizeof *actions; a++) {
        const Action *act = &actions[a];
        DecideInput in = {.units = act->units, .municipalities = act->munis, .within_mission = act->mission,
                          .within_budget = act->budget, .political = act->political, .has_cost = act->cost >= 0,
                          .cost = act->cost};
        while (in.nunits < 4 && act->units[in.nunits]) in.nunits++;
        while (in.nmunicipalities < 4 && act->munis[in.nmunicipalities]) in.nmunicipalities++;
        DecidePath p;
        Err e = ERR_INIT;
        ErrCode rc = decide_path(f->db, rs, &in, &p, &e);
        if (rc == ERR_OK) {
            check_path(rs, &p);
        } else {
            CHECK(rc == ERR_INVALID, "action %zu: decide_path failed with %d: %s", a, (int)rc, e.msg);
            CHECK(p.n == 0 && !p.steps && !p.rules_key, "action %zu: a failed path keeps steps", a);
            fuzz_check_message(&e);
        }
        decide_path_free(&p);
    }
    fuzz_db_snapshot(&after, true);
    fuzz_db_same(&before, &after, "decide_path");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size copy so a read past the end is caught. */
    char *yaml = malloc(size ? size : 1);
    if (size) memcpy(yaml, data, size);

    RuleSet *rs = (RuleSet *)&rs; /* must be reset to NULL */
    Err e = ERR_INIT;
    ErrCode rc = rules_parse(yaml, size, FILENAME, &rs, &e);
    if (rc == ERR_OK) {
        CHECK(rs != NULL, "rules_parse succeeded without a set");
        check_set(rs, fuzz_count_lines(data, size));
        decide_all(rs);
        rules_free_one(rs);
    } else {
        CHECK(rc == e.code, "returned %d but the error says %d", (int)rc, (int)e.code);
        CHECK(rs == NULL, "rules_parse failed but *out is not NULL");
        fuzz_check_file_line(&e, FILENAME ":", data, size);
    }
    free(yaml);
    return 0;
}
