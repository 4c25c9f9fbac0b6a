/*
 * err.c — filling an Err.
 */
#include "base/err.h"
#include "base/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

ErrCode err_set(Err *e, ErrCode code, const char *fmt, ...)
{
    if (!e) return code;
    e->code = code;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    /* a message cut at the end of the buffer stays UTF-8: the API sends it
     * as a JSON string, which must be */
    if (n >= (int)sizeof e->msg) utf8_drop_cut(e->msg);
    return code;
}

void err_clear(Err *e)
{
    e->code = ERR_OK;
    e->msg[0] = '\0';
}

ErrCode err_prefix(Err *e, ErrCode code, const char *fmt, ...)
{
    if (!e) return code;
    char old[sizeof e->msg], prefix[sizeof e->msg];
    memcpy(old, e->msg, sizeof old);
    va_list ap;
    va_start(ap, fmt);
    if (vsnprintf(prefix, sizeof prefix, fmt, ap) >= (int)sizeof prefix) utf8_drop_cut(prefix);
    va_end(ap);
    if (!code) code = e->code ? e->code : ERR_INVALID;
    return err_set(e, code, "%s%s", prefix, old);
}
