/*
 * freetext.h — the one gate every piece of user free text passes before it is
 * stored: valid UTF-8, within its length, present if required, and free of
 * Swedish personal identity numbers (personnummer/samordningsnummer).
 */
#ifndef LOTS_CORE_FREETEXT_H
#define LOTS_CORE_FREETEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* `field` is the Swedish field name used in the message ("Rubrik").
 * max_chars counts characters, not bytes; 0 means no limit. */
ErrCode freetext_check(const char *field, const char *text, size_t max_chars, bool required, Err *e);

#endif
