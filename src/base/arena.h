/*
 * arena.h — a per-request memory pool (the idea of h2o's req->pool).
 *
 * Everything allocated from an arena is freed at once by arena_free().
 * Nothing allocated here may outlive the request that owns the arena.
 */
#ifndef LOTS_BASE_ARENA_H
#define LOTS_BASE_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct {
    ArenaBlock *head;
} Arena;

void *arena_alloc(Arena *a, size_t n); /* zeroed, aligned for any type */
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_free(Arena *a);

#endif
