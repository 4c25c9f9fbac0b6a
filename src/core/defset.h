/*
 * defset.h — loading keyed definition files: the ones built into the binary,
 * then an organisation's directory of *.yaml files, where a file with the
 * key of a built-in replaces it and any other key is added.
 *
 * Processes (core/process_set.c) and decision rules (core/decide_set.c) are
 * both such sets; this file holds what they share so the two cannot drift.
 * Loading is all-or-nothing: on any error the list is empty and the message
 * names the file and line. Items are opaque here; a DefKind says how to
 * parse, name and free them.
 */
#ifndef LOTS_CORE_DEFSET_H
#define LOTS_CORE_DEFSET_H

#include <stddef.h>

#include "base/embed.h"
#include "base/err.h"

typedef struct {
    const char *noun;             /* "processen", "regelverket": in messages */
    const char *dir_noun;         /* "processdefinitioner", "beslutsregler" */
    const char *builtin_dir;      /* "processes": built-ins are named "processes/A.yaml" */
    const EmbeddedFile *builtins; /* the embedded files */
    /* Parses one file; on success *out owns a new item. */
    ErrCode (*parse)(const char *text, size_t len, const char *filename, void **out, Err *e);
    const char *(*key)(const void *item);
    const char *(*source)(const void *item);
    void (*free_item)(void *item);
} DefKind;

typedef struct {
    void **items;
    size_t n, cap;
} DefList;

/* Loads built-ins and, if override_dir is not NULL or "", the directory's
 * *.yaml files (in byte order of their names). */
ErrCode defset_load(const DefKind *k, const char *override_dir, DefList *out, Err *e);
/* The same in two halves, for a caller that looks at the built-ins before
 * the organisation's files are merged in; each empties *l on error. */
ErrCode defset_load_builtins(const DefKind *k, DefList *out, Err *e);
ErrCode defset_add_dir(const DefKind *k, DefList *l, const char *override_dir, Err *e);
void defset_free(const DefKind *k, DefList *l);
void **defset_find(const DefKind *k, const DefList *l, const char *key);

#endif
