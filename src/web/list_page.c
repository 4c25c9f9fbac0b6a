/*
 * list_page.c — paging and query strings for the list pages.
 */
#include "web/list_page.h"
#include "base/html.h"
#include "base/text.h"

#include <string.h>

enum { PAGE_MAX = 1000000 };

long list_page_param(Request *r)
{
    long n;
    return parse_long(query_param(r, "page"), &n) && n >= 1 && n <= PAGE_MAX ? n : 1;
}

void query_add(Buf *b, const char *name, const char *value)
{
    if (!value || !*value) return;
    buf_putc(b, strchr(buf_cstr(b), '?') ? '&' : '?');
    buf_puts(b, name);
    buf_putc(b, '=');
    url_escape(b, value);
}

static long page_count(long long total)
{
    return (long)((total + LIST_PAGE_SIZE - 1) / LIST_PAGE_SIZE);
}

long list_prev_page(long page, long long total)
{
    long pages = page_count(total);
    return page > pages ? (pages ? pages : 1) : page - 1;
}

void list_count_line(Request *r, long page, size_t shown, long long total, const char *things)
{
    long long first = (long long)(page - 1) * LIST_PAGE_SIZE + 1;
    if (!total) html_printf(&r->out, "<p class=\"count\">Inga %s matchar filtret.</p>", things);
    else if (!shown) html_printf(&r->out, "<p class=\"count\">Sidan är tom: filtret ger %lld %s.</p>", total, things);
    else html_printf(&r->out, "<p class=\"count\">Visar %lld–%lld av %lld</p>", first, first + (long long)shown - 1,
                     total);
}

void list_pager(Request *r, long page, long long total, const char *prev_url, const char *next_url)
{
    long pages = page_count(total);
    if (pages <= 1 && page == 1) return;
    html_raw(&r->out, "<nav class=\"pager\" aria-label=\"Sidor\"><ul>");
    if (page > 1) html_printf(&r->out, "<li><a rel=\"prev\" href=\"%s\">← Föregående</a></li>", prev_url);
    if (page <= pages) html_printf(&r->out, "<li aria-current=\"page\">Sida %ld av %ld</li>", page, pages);
    if (page < pages) html_printf(&r->out, "<li><a rel=\"next\" href=\"%s\">Nästa →</a></li>", next_url);
    html_raw(&r->out, "</ul></nav>");
}
