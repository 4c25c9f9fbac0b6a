/*
 * buf.h — the one growable byte buffer used everywhere in Lots.
 *
 * A Buf owns its bytes; data is always NUL-terminated after buf_cstr() or any
 * append, so it can be handed to C string functions. Running out of memory
 * aborts the program (there is nothing sensible to do in a web request).
 * This layer never escapes anything: see html.h for the escaping writer.
 */
#ifndef LOTS_BASE_BUF_H
#define LOTS_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *data;  /* NULL until the first append */
    size_t len;  /* bytes used, excluding the terminating NUL */
    size_t cap;  /* bytes allocated */
} Buf;

#define BUF_INIT {NULL, 0, 0}

void buf_free(Buf *b);
void buf_reset(Buf *b); /* keep the allocation, forget the contents */
void buf_reserve(Buf *b, size_t extra);
void buf_append(Buf *b, const void *p, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap);
const char *buf_cstr(Buf *b); /* never NULL: "" for an empty buffer */
char *buf_take(Buf *b);       /* caller owns the returned string; b is emptied */

/* Allocation helpers that abort on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
