/*
 * html.c — HTML and URL escaping, and the escaping printf.
 */
#include "base/html.h"

#include <stdio.h>
#include <string.h>

void html_escape(Buf *b, const char *s)
{
    if (!s) return;
    for (; *s; s++) {
        switch (*s) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        case '\'': buf_puts(b, "&#39;"); break;
        default: buf_putc(b, *s);
        }
    }
}

void url_escape(Buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!s) return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            buf_putc(b, (char)*p);
        } else {
            char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_append(b, enc, 3);
        }
    }
}

void html_raw(Buf *b, const char *markup)
{
    buf_puts(b, markup);
}

/* Copies one integer conversion (flags, width and length modifiers included)
 * into a small format string and lets vsnprintf do the work. */
static const char *integer_conversion(Buf *b, const char *f, va_list *ap)
{
    char spec[16] = "%";
    size_t n = 1;
    int longs = 0, size_t_arg = 0;
    while (*f && strchr("-+ 0#123456789", *f) && n < 8) spec[n++] = *f++;
    while (*f == 'l' && n < 12) { spec[n++] = *f++; longs++; }
    if (*f == 'z') { spec[n++] = *f++; size_t_arg = 1; }
    char conv = *f;
    if (!conv || !strchr("diuxX", conv)) return f; /* unsupported: drop it */
    spec[n++] = conv;
    spec[n] = '\0';
    int is_unsigned = conv != 'd' && conv != 'i';
    if (size_t_arg) buf_printf(b, spec, va_arg(*ap, size_t));
    else if (longs >= 2) {
        if (is_unsigned) buf_printf(b, spec, va_arg(*ap, unsigned long long));
        else buf_printf(b, spec, va_arg(*ap, long long));
    } else if (longs == 1) {
        if (is_unsigned) buf_printf(b, spec, va_arg(*ap, unsigned long));
        else buf_printf(b, spec, va_arg(*ap, long));
    } else {
        if (is_unsigned) buf_printf(b, spec, va_arg(*ap, unsigned));
        else buf_printf(b, spec, va_arg(*ap, int));
    }
    return f + 1;
}

/* printf where %s goes through `escape_s` and %U through url_escape. */
static void escaping_vprintf(Buf *b, const char *fmt, va_list ap, void (*escape_s)(Buf *, const char *))
{
    va_list cp;
    va_copy(cp, ap);
    const char *f = fmt;
    while (*f) {
        const char *pct = strchr(f, '%');
        if (!pct) { buf_puts(b, f); break; }
        buf_append(b, f, (size_t)(pct - f));
        f = pct + 1;
        switch (*f) {
        case '%': buf_putc(b, '%'); f++; break;
        case 's': escape_s(b, va_arg(cp, const char *)); f++; break;
        case 'U': url_escape(b, va_arg(cp, const char *)); f++; break;
        default: f = integer_conversion(b, f, &cp); break;
        }
    }
    va_end(cp);
}

void html_vprintf(Buf *b, const char *fmt, va_list ap)
{
    escaping_vprintf(b, fmt, ap, html_escape);
}

void url_vprintf(Buf *b, const char *fmt, va_list ap)
{
    escaping_vprintf(b, fmt, ap, url_escape);
}

void html_printf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    html_vprintf(b, fmt, ap);
    va_end(ap);
}
