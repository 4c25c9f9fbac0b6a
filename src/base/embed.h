/*
 * embed.h — files built into the binary (tools/embed.c writes the arrays).
 *
 * Each set ends with an entry whose name is NULL; data is NUL-terminated.
 */
#ifndef LOTS_BASE_EMBED_H
#define LOTS_BASE_EMBED_H

#include <stddef.h>

typedef struct {
    const char *name;
    const unsigned char *data;
    size_t len;
} EmbeddedFile;

extern const EmbeddedFile embedded_processes[]; /* processes/NAME.yaml */
extern const EmbeddedFile embedded_migrations[]; /* migrations/NNNN_*.sql, in order */
extern const EmbeddedFile embedded_assets[];     /* assets/NAME (css, svg, js) */
extern const EmbeddedFile embedded_rules[];      /* rules/NAME.yaml (decision paths) */

const EmbeddedFile *embedded_find(const EmbeddedFile *set, const char *name);

#endif
