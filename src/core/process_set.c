/*
 * process_set.c — the set of processes Lots runs with: the built-in
 * definitions, then the organisation's own files, checked as a whole.
 *
 * Loading is all-or-nothing: any error leaves the set empty and says which
 * file and line to fix. After loading the set is only read (by many threads),
 * so lookups here never change it.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/embed.h"
#include "core/process.h"

/* Definitions gathered while loading, not yet a set. */
typedef struct {
    ProcessDef **defs;
    size_t n, cap;
} DefList;

static void list_free(DefList *l)
{
    for (size_t i = 0; i < l->n; i++) process_free(l->defs[i]);
    free(l->defs);
    memset(l, 0, sizeof *l);
}

static ProcessDef **list_find(const DefList *l, const char *key)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->defs[i]->key, key)) return &l->defs[i];
    return NULL;
}

static void list_push(DefList *l, ProcessDef *def)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->defs = xrealloc(l->defs, l->cap * sizeof *l->defs);
    }
    l->defs[l->n++] = def;
}

/* --- built-ins --------------------------------------------------------------------- */

static ErrCode load_builtins(DefList *l, Err *e)
{
    for (const EmbeddedFile *f = embedded_processes; f->name; f++) {
        char name[256];
        snprintf(name, sizeof name, "processes/%s", f->name);
        ProcessDef *def;
        ErrCode rc = process_parse((const char *)f->data, f->len, name, &def, e);
        if (rc) return rc;
        ProcessDef **same = list_find(l, def->key);
        if (same) {
            err_set(e, ERR_INVALID, "%s:1: processen '%s' finns redan i %s", name, def->key, (*same)->source);
            process_free(def);
            return ERR_INVALID;
        }
        list_push(l, def);
    }
    return ERR_OK;
}

/* --- the organisation's directory ---------------------------------------------------- */

static bool is_yaml_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 5 && !strcmp(name + n - 5, ".yaml");
}

static int yaml_entry(const struct dirent *d)
{
    return is_yaml_name(d->d_name);
}

/* Byte order, so the result does not depend on the locale. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static ErrCode read_file(const char *path, Buf *out, Err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(e, ERR_INVALID, "%s:1: filen kan inte läsas (%s)", path, strerror(errno));
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(out, chunk, n);
    bool bad = ferror(f);
    fclose(f);
    if (bad) return err_set(e, ERR_INVALID, "%s:1: filen kan inte läsas", path);
    buf_cstr(out);
    return ERR_OK;
}

/* One file of the organisation's; two of them may not define the same key. */
static ErrCode load_override(DefList *own, const char *path, Err *e)
{
    Buf text = BUF_INIT;
    ProcessDef *def = NULL;
    ErrCode rc = read_file(path, &text, e);
    if (!rc) rc = process_parse(buf_cstr(&text), text.len, path, &def, e);
    buf_free(&text);
    if (rc) return rc;
    ProcessDef **same = list_find(own, def->key);
    if (same) {
        err_set(e, ERR_INVALID, "%s:1: processen '%s' finns redan i %s", path, def->key, (*same)->source);
        process_free(def);
        return ERR_INVALID;
    }
    list_push(own, def);
    return ERR_OK;
}

static ErrCode load_dir(DefList *own, const char *dir, Err *e)
{
    struct stat st;
    if (stat(dir, &st) || !S_ISDIR(st.st_mode))
        return err_set(e, ERR_INVALID, "%s: katalogen för processdefinitioner finns inte", dir);
    struct dirent **names;
    int n = scandir(dir, &names, yaml_entry, by_name);
    if (n < 0) return err_set(e, ERR_INVALID, "%s: katalogen kan inte läsas (%s)", dir, strerror(errno));
    ErrCode rc = ERR_OK;
    for (int i = 0; i < n; i++) {
        if (!rc) {
            Buf path = BUF_INIT;
            buf_printf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]->d_name);
            if (!stat(buf_cstr(&path), &st) && S_ISREG(st.st_mode)) rc = load_override(own, buf_cstr(&path), e);
            buf_free(&path);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

/* The organisation's definitions replace built-ins with the same key and add
 * the rest; `own` is left empty. */
static void merge(DefList *l, DefList *own)
{
    for (size_t i = 0; i < own->n; i++) {
        ProcessDef **same = list_find(l, own->defs[i]->key);
        if (same) {
            process_free(*same);
            *same = own->defs[i];
        } else {
            list_push(l, own->defs[i]);
        }
    }
    own->n = 0;
}

/* --- the set as a whole -------------------------------------------------------------- */

/* Which built-in process took each origin, to explain an origin that an
 * organisation's file dropped. */
typedef struct {
    char key[7][17];
} BuiltinRouting;

static bool claims(const ProcessDef *d, int origin)
{
    for (size_t k = 0; k < d->norigins; k++)
        if (d->origins[k] == origin) return true;
    return false;
}

static void remember_routing(const DefList *l, BuiltinRouting *r)
{
    memset(r, 0, sizeof *r);
    for (int o = 1; o <= 6; o++)
        for (size_t i = 0; i < l->n; i++)
            if (claims(l->defs[i], o)) snprintf(r->key[o], sizeof r->key[o], "%s", l->defs[i]->key);
}

static ErrCode unclaimed(const DefList *l, const BuiltinRouting *r, int origin, Err *e)
{
    ProcessDef **now = r->key[origin][0] ? list_find(l, r->key[origin]) : NULL;
    if (now)
        return err_set(e, ERR_INVALID,
                       "%s:%d: ursprung %d (%s) leds inte längre till någon process; i den inbyggda "
                       "definitionen tog process %s emot det",
                       (*now)->source, (*now)->origins_line, origin, origin_label(origin), r->key[origin]);
    return err_set(e, ERR_INVALID, "processes:1: ursprung %d (%s) leds inte till någon process", origin,
                   origin_label(origin));
}

/* Every origin 1–6 goes to exactly one process. */
static ErrCode check_routing(const DefList *l, const BuiltinRouting *r, Err *e)
{
    for (int o = 1; o <= 6; o++) {
        const ProcessDef *first = NULL;
        for (size_t i = 0; i < l->n; i++) {
            const ProcessDef *d = l->defs[i];
            if (!claims(d, o)) continue;
            if (first)
                return err_set(e, ERR_INVALID, "%s:%d: ursprung %d leds redan till process %s i %s:%d", d->source,
                               d->origins_line, o, first->key, first->source, first->origins_line);
            first = d;
        }
        if (!first) return unclaimed(l, r, o, e);
    }
    return ERR_OK;
}

static int by_key(const void *a, const void *b)
{
    return strcmp((*(ProcessDef *const *)a)->key, (*(ProcessDef *const *)b)->key);
}

ErrCode process_set_load(ProcessSet *set, const char *override_dir, Err *e)
{
    set->defs = NULL;
    set->n = 0;
    DefList l = {0};
    BuiltinRouting routing;
    ErrCode rc = load_builtins(&l, e);
    if (!rc) remember_routing(&l, &routing);
    if (!rc && override_dir) {
        DefList own = {0};
        rc = load_dir(&own, override_dir, e);
        if (!rc) merge(&l, &own);
        list_free(&own);
    }
    if (!rc) rc = check_routing(&l, &routing, e);
    if (rc) {
        list_free(&l);
        return rc;
    }
    qsort(l.defs, l.n, sizeof *l.defs, by_key);
    set->defs = l.defs;
    set->n = l.n;
    return ERR_OK;
}

void process_set_free(ProcessSet *set)
{
    if (!set) return;
    for (size_t i = 0; i < set->n; i++) process_free(set->defs[i]);
    free(set->defs);
    set->defs = NULL;
    set->n = 0;
}

const ProcessDef *process_find(const ProcessSet *set, const char *key)
{
    for (size_t i = 0; set && key && i < set->n; i++)
        if (!strcmp(set->defs[i]->key, key)) return set->defs[i];
    return NULL;
}

const ProcessDef *process_for_origin(const ProcessSet *set, int origin)
{
    for (size_t i = 0; set && i < set->n; i++)
        for (size_t k = 0; k < set->defs[i]->norigins; k++)
            if (set->defs[i]->origins[k] == origin) return set->defs[i];
    return NULL;
}
