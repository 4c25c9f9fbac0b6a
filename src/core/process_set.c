/*
 * process_set.c — the set of processes Lots runs with: the built-in
 * definitions, then the organisation's own files, checked as a whole.
 *
 * Loading is all-or-nothing: any error leaves the set empty and says which
 * file and line to fix. After loading the set is only read (by many threads),
 * so lookups here never change it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/embed.h"
#include "core/defset.h"
#include "core/process.h"

/* How core/defset.c reads, names and frees a process definition. */
static ErrCode parse_def(const char *text, size_t len, const char *filename, void **out, Err *e)
{
    return process_parse(text, len, filename, (ProcessDef **)out, e);
}
static const char *def_key(const void *d) { return ((const ProcessDef *)d)->key; }
static const char *def_source(const void *d) { return ((const ProcessDef *)d)->source; }
static void def_free(void *d) { process_free(d); }

static const DefKind process_kind = {
    .noun = "processen",
    .dir_noun = "processdefinitioner",
    .builtin_dir = "processes",
    .builtins = embedded_processes,
    .parse = parse_def,
    .key = def_key,
    .source = def_source,
    .free_item = def_free,
};

#define DEF(l, i) ((ProcessDef *)(l)->items[i])

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
            if (claims(DEF(l, i), o)) snprintf(r->key[o], sizeof r->key[o], "%s", DEF(l, i)->key);
}

static ErrCode unclaimed(const DefList *l, const BuiltinRouting *r, int origin, Err *e)
{
    ProcessDef **now = r->key[origin][0] ? (ProcessDef **)defset_find(&process_kind, l, r->key[origin]) : NULL;
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
            const ProcessDef *d = DEF(l, i);
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
    BuiltinRouting routing;
    DefList l;
    ErrCode rc = defset_load_builtins(&process_kind, &l, e);
    if (rc) return rc;
    remember_routing(&l, &routing);
    if ((rc = defset_add_dir(&process_kind, &l, override_dir, e))) return rc;
    if ((rc = check_routing(&l, &routing, e))) {
        defset_free(&process_kind, &l);
        return rc;
    }
    qsort(l.items, l.n, sizeof *l.items, by_key);
    set->defs = (ProcessDef **)l.items;
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
