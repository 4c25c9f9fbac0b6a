/*
 * decide_set.c — the decision-rule sets Lots knows: the built-in files
 * (rules/NAME.yaml, embedded at build time), then the organisation's own
 * directory, where a file with the key of a built-in replaces it.
 *
 * Loading is all-or-nothing: any error leaves the set empty and names the
 * file and line. After loading the set is only read.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/embed.h"
#include "core/decide.h"
#include "core/settings.h"

typedef struct {
    RuleSet **sets;
    size_t n, cap;
} SetList;

static void list_free(SetList *l)
{
    for (size_t i = 0; i < l->n; i++) rules_free_one(l->sets[i]);
    free(l->sets);
    memset(l, 0, sizeof *l);
}

static RuleSet **list_find(const SetList *l, const char *key)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->sets[i]->key, key)) return &l->sets[i];
    return NULL;
}

static void list_push(SetList *l, RuleSet *rs)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 4;
        l->sets = xrealloc(l->sets, l->cap * sizeof *l->sets);
    }
    l->sets[l->n++] = rs;
}

/* Adds rs unless another file of the same origin already has its key. */
static ErrCode add_unique(SetList *l, RuleSet *rs, Err *e)
{
    RuleSet **same = list_find(l, rs->key);
    if (same) {
        err_set(e, ERR_INVALID, "%s:1: regelverket '%s' finns redan i %s", rs->source, rs->key, (*same)->source);
        rules_free_one(rs);
        return ERR_INVALID;
    }
    list_push(l, rs);
    return ERR_OK;
}

static ErrCode load_builtins(SetList *l, Err *e)
{
    for (const EmbeddedFile *f = embedded_rules; f->name; f++) {
        char name[256];
        snprintf(name, sizeof name, "rules/%s", f->name);
        RuleSet *rs;
        if (rules_parse((const char *)f->data, f->len, name, &rs, e) || add_unique(l, rs, e)) return e->code;
    }
    return ERR_OK;
}

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

/* --- the organisation's directory ------------------------------------------------------------ */

static int yaml_entry(const struct dirent *d)
{
    size_t n = strlen(d->d_name);
    return d->d_name[0] != '.' && n > 5 && !strcmp(d->d_name + n - 5, ".yaml");
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static ErrCode load_file(SetList *own, const char *path, Err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(e, ERR_INVALID, "%s:1: filen kan inte läsas (%s)", path, strerror(errno));
    Buf text = BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&text, chunk, n);
    bool bad = ferror(f);
    fclose(f);
    RuleSet *rs = NULL;
    ErrCode rc = bad ? err_set(e, ERR_INVALID, "%s:1: filen kan inte läsas", path)
                     : rules_parse(buf_cstr(&text), text.len, path, &rs, e);
    buf_free(&text);
    return rc ? rc : add_unique(own, rs, e);
}

static ErrCode load_dir(SetList *own, const char *dir, Err *e)
{
    struct stat st;
    if (stat(dir, &st) || !S_ISDIR(st.st_mode))
        return err_set(e, ERR_INVALID, "%s: katalogen för beslutsregler finns inte", dir);
    struct dirent **names;
    int n = scandir(dir, &names, yaml_entry, by_name);
    if (n < 0) return err_set(e, ERR_INVALID, "%s: katalogen kan inte läsas (%s)", dir, strerror(errno));
    ErrCode rc = ERR_OK;
    for (int i = 0; i < n; i++) {
        if (!rc) {
            Buf path = BUF_INIT;
            buf_printf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]->d_name);
            if (!stat(buf_cstr(&path), &st) && S_ISREG(st.st_mode)) rc = load_file(own, buf_cstr(&path), e);
            buf_free(&path);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

static int by_key(const void *a, const void *b)
{
    return strcmp((*(RuleSet *const *)a)->key, (*(RuleSet *const *)b)->key);
}

ErrCode rules_load(RuleSets *set, const char *override_dir, Err *e)
{
    set->sets = NULL;
    set->n = 0;
    SetList l = {0};
    ErrCode rc = load_builtins(&l, e);
    if (!rc && override_dir && *override_dir) {
        SetList own = {0};
        rc = load_dir(&own, override_dir, e);
        for (size_t i = 0; !rc && i < own.n; i++) {
            RuleSet **same = list_find(&l, own.sets[i]->key);
            if (same) rules_free_one(*same), *same = own.sets[i];
            else list_push(&l, own.sets[i]);
            own.sets[i] = NULL;
        }
        if (!rc) own.n = 0;
        list_free(&own);
    }
    if (rc) {
        list_free(&l);
        return rc;
    }
    qsort(l.sets, l.n, sizeof *l.sets, by_key);
    set->sets = l.sets;
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
