/*
 * list_page.h — what every filtered, paged list page shares (cases,
 * deviations, complaints): the page parameter, query strings that keep the
 * filters, the "Visar 1–25 av 40" line and the previous/next pager.
 */
#ifndef LOTS_WEB_LIST_PAGE_H
#define LOTS_WEB_LIST_PAGE_H

#include <stddef.h>

#include "base/buf.h"
#include "web/request.h"

enum { LIST_PAGE_SIZE = 25 };

/* ?page=N (1-based); 1 when absent or not a sensible number. */
long list_page_param(Request *r);
/* Appends name=value (percent-encoded) with '?' or '&'; nothing when value
 * is NULL or "". */
void query_add(Buf *b, const char *name, const char *value);
/* The page a "previous" link goes to (the last page when past the end). */
long list_prev_page(long page, long long total);
/* "Visar 1–25 av 40", or why nothing is shown; `things` is the plural noun
 * ("ärenden", "avvikelser", "klagomål"). */
void list_count_line(Request *r, long page, size_t shown, long long total, const char *things);
/* The pager, given the URLs of the previous and next pages. */
void list_pager(Request *r, long page, long long total, const char *prev_url, const char *next_url);

#endif
