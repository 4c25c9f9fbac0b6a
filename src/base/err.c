/*
 * err.c — filling an Err.
 */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>

ErrCode err_set(Err *e, ErrCode code, const char *fmt, ...)
{
    if (!e) return code;
    e->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return code;
}

void err_clear(Err *e)
{
    e->code = ERR_OK;
    e->msg[0] = '\0';
}
