/*
 * decide_set.c — the decision-rule sets Lots knows: the built-in files
 * (rules/NAME.yaml, embedded at build time), then the organisation's own
 * directory, where a file with the key of a built-in replaces it.
 *
 * Loading is all-or-nothing: any error leaves the set empty and names the
 * file and line. After loading the set is only read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/embed.h"
#include "core/decide.h"
#include "core/defset.h"
#include "core/settings.h"

/* How core/defset.c reads, names and frees a rule set. */
static ErrCode parse_set(const char *text, size_t len, const char *filename, void **out, Err *e)
{
    return rules_parse(text, len, filename, (RuleSet **)out, e);
}
static const char *set_key(const void *rs) { return ((const RuleSet *)rs)->key; }
static const char *set_source(const void *rs) { return ((const RuleSet *)rs)->source; }
static void set_free(void *rs) { rules_free_one(rs); }

static const DefKind rules_kind = {
    .noun = "regelverket",
    .dir_noun = "beslutsregler",
    .builtin_dir = "rules",
    .builtins = embedded_rules,
    .parse = parse_set,
    .key = set_key,
    .source = set_source,
    .free_item = set_free,
};

bool rules_builtin(const char *key)
{
    if (!key) return false;
    char name[80];
    snprintf(name, sizeof name, "%s.yaml", key);
    for (const EmbeddedFile *f = embedded_rules; f->name; f++) {
        if (!strcmp(f->name, name)) return true;
        /* the file name is a habit; the key inside is what counts */
        RuleSet *rs;
        Err ignored = ERR_INIT;
        if (rules_parse((const char *)f->data, f->len, f->name, &rs, &ignored)) continue;
        bool same = !strcmp(rs->key, key);
        rules_free_one(rs);
        if (same) return true;
    }
    return false;
}

static int by_key(const void *a, const void *b)
{
    return strcmp((*(RuleSet *const *)a)->key, (*(RuleSet *const *)b)->key);
}

ErrCode rules_load(RuleSets *set, const char *override_dir, Err *e)
{
    set->sets = NULL;
    set->n = 0;
    DefList l;
    ErrCode rc = defset_load(&rules_kind, override_dir, &l, e);
    if (rc) return rc;
    qsort(l.items, l.n, sizeof *l.items, by_key);
    set->sets = (RuleSet **)l.items;
    set->n = l.n;
    return ERR_OK;
}

void rules_free(RuleSets *set)
{
    if (!set) return;
    for (size_t i = 0; i < set->n; i++) rules_free_one(set->sets[i]);
    free(set->sets);
    set->sets = NULL;
    set->n = 0;
}

const RuleSet *rules_find(const RuleSets *set, const char *key)
{
    for (size_t i = 0; set && key && i < set->n; i++)
        if (!strcmp(set->sets[i]->key, key)) return set->sets[i];
    return NULL;
}

ErrCode rules_active(Db *db, const RuleSets *set, const RuleSet **out, Err *e)
{
    char *key = setting_get(db, "decision_rules", "orebro");
    *out = rules_find(set, key);
    if (!*out) {
        Buf known = BUF_INIT;
        for (size_t i = 0; i < set->n; i++) buf_printf(&known, "%s%s", i ? ", " : "", set->sets[i]->key);
        err_set(e, ERR_INTERNAL, "inställningen decision_rules anger regelverket '%s', som inte finns (kända: %s)", key,
                buf_cstr(&known));
        buf_free(&known);
    }
    free(key);
    return *out ? ERR_OK : e->code;
}
