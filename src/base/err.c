/*
 * err.c — filling an Err.
 */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A message cut at the end of the buffer may end inside a character; drop
 * the part, so the message stays UTF-8 (the API sends it as a JSON string,
 * which must be). */
static void drop_partial_character(char *s)
{
    size_t n = strlen(s), start = n;
    while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80) start--; /* continuation bytes */
    if (start == 0) return;
    unsigned char lead = (unsigned char)s[start - 1];
    size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (n - (start - 1) < want) s[start - 1] = '\0';
}

ErrCode err_set(Err *e, ErrCode code, const char *fmt, ...)
{
    if (!e) return code;
    e->code = code;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof e->msg) drop_partial_character(e->msg);
    return code;
}

void err_clear(Err *e)
{
    e->code = ERR_OK;
    e->msg[0] = '\0';
}
