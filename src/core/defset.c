/*
 * defset.c — built-in definitions, an organisation's overrides, merged.
 */
#include "core/defset.h"
#include "base/buf.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void **defset_find(const DefKind *k, const DefList *l, const char *key)
{
    for (size_t i = 0; key && i < l->n; i++)
        if (!strcmp(k->key(l->items[i]), key)) return &l->items[i];
    return NULL;
}

static void push(DefList *l, void *item)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->n++] = item;
}

void defset_free(const DefKind *k, DefList *l)
{
    for (size_t i = 0; i < l->n; i++) k->free_item(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* Adds a parsed item unless another file of the same origin has its key. */
static ErrCode add_unique(const DefKind *k, DefList *l, void *item, const char *filename, Err *e)
{
    void **same = defset_find(k, l, k->key(item));
    if (same) {
        err_set(e, ERR_INVALID, "%s:1: %s '%s' finns redan i %s", filename, k->noun, k->key(item), k->source(*same));
        k->free_item(item);
        return ERR_INVALID;
    }
    push(l, item);
    return ERR_OK;
}

static ErrCode parse_one(const DefKind *k, DefList *l, const char *text, size_t len, const char *filename, Err *e)
{
    void *item = NULL;
    ErrCode rc = k->parse(text, len, filename, &item, e);
    return rc ? rc : add_unique(k, l, item, filename, e);
}

static ErrCode load_builtins(const DefKind *k, DefList *l, Err *e)
{
    for (const EmbeddedFile *f = k->builtins; f->name; f++) {
        char name[256];
        snprintf(name, sizeof name, "%s/%s", k->builtin_dir, f->name);
        ErrCode rc = parse_one(k, l, (const char *)f->data, f->len, name, e);
        if (rc) return rc;
    }
    return ERR_OK;
}

static ErrCode load_file(const DefKind *k, DefList *own, const char *path, Err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(e, ERR_INVALID, "%s:1: filen kan inte läsas (%s)", path, strerror(errno));
    Buf text = BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&text, chunk, n);
    bool bad = ferror(f);
    fclose(f);
    ErrCode rc = bad ? err_set(e, ERR_INVALID, "%s:1: filen kan inte läsas", path)
                     : parse_one(k, own, buf_cstr(&text), text.len, path, e);
    buf_free(&text);
    return rc;
}

static int yaml_entry(const struct dirent *d)
{
    size_t n = strlen(d->d_name);
    return d->d_name[0] != '.' && n > 5 && !strcmp(d->d_name + n - 5, ".yaml");
}

/* Byte order, so the result does not depend on the locale. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static ErrCode load_dir(const DefKind *k, DefList *own, const char *dir, Err *e)
{
    struct stat st;
    if (stat(dir, &st) || !S_ISDIR(st.st_mode))
        return err_set(e, ERR_INVALID, "%s: katalogen för %s finns inte", dir, k->dir_noun);
    struct dirent **names;
    int n = scandir(dir, &names, yaml_entry, by_name);
    if (n < 0) return err_set(e, ERR_INVALID, "%s: katalogen kan inte läsas (%s)", dir, strerror(errno));
    ErrCode rc = ERR_OK;
    for (int i = 0; i < n; i++) {
        if (!rc) {
            Buf path = BUF_INIT;
            buf_printf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]->d_name);
            if (!stat(buf_cstr(&path), &st) && S_ISREG(st.st_mode)) rc = load_file(k, own, buf_cstr(&path), e);
            buf_free(&path);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

/* The organisation's items replace built-ins with the same key and add the
 * rest; `own` is left empty. */
static void merge(const DefKind *k, DefList *l, DefList *own)
{
    for (size_t i = 0; i < own->n; i++) {
        void **same = defset_find(k, l, k->key(own->items[i]));
        if (same) {
            k->free_item(*same);
            *same = own->items[i];
        } else {
            push(l, own->items[i]);
        }
    }
    own->n = 0;
}

ErrCode defset_load_builtins(const DefKind *k, DefList *out, Err *e)
{
    memset(out, 0, sizeof *out);
    ErrCode rc = load_builtins(k, out, e);
    if (rc) defset_free(k, out);
    return rc;
}

ErrCode defset_add_dir(const DefKind *k, DefList *l, const char *override_dir, Err *e)
{
    if (!override_dir || !*override_dir) return ERR_OK;
    DefList own = {0};
    ErrCode rc = load_dir(k, &own, override_dir, e);
    if (!rc) merge(k, l, &own);
    defset_free(k, &own);
    if (rc) defset_free(k, l);
    return rc;
}

ErrCode defset_load(const DefKind *k, const char *override_dir, DefList *out, Err *e)
{
    ErrCode rc = defset_load_builtins(k, out, e);
    return rc ? rc : defset_add_dir(k, out, override_dir, e);
}
