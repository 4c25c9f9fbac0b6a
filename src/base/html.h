/*
 * html.h — the escaping writer for everything Lots sends to a browser.
 *
 * html_printf() is printf with escaping by default (the idea of Fossil's %h):
 *   %s  text, HTML-escaped (& < > " ')       %d %ld %lld %u %zu %%  as printf
 *   %U  text, percent-encoded for a URL query or path segment
 * There is no way to insert raw text through html_printf; use html_raw(),
 * whose name says what it does, for markup that Lots itself built.
 */
#ifndef LOTS_BASE_HTML_H
#define LOTS_BASE_HTML_H

#include "base/buf.h"

void html_printf(Buf *b, const char *fmt, ...);
void html_vprintf(Buf *b, const char *fmt, va_list ap);
/* The same for URLs: %s and %U are both percent-encoded. */
void url_vprintf(Buf *b, const char *fmt, va_list ap);
void html_escape(Buf *b, const char *s);   /* HTML text and attribute values */
void url_escape(Buf *b, const char *s);    /* RFC 3986 unreserved kept, rest %XX */
void html_raw(Buf *b, const char *markup); /* trusted markup built by Lots */

#endif
