/*
 * pnr.h — finding Swedish personal identity numbers in free text.
 *
 * Lots never stores a personnummer or samordningsnummer in free text. This
 * module finds one anywhere in a string: 10 or 12 digits, with or without
 * century, with '-', '+' or no separator, whose date part is a real date
 * (day + 60 for a samordningsnummer) and whose last digit is a valid Luhn
 * check digit. Digits that are part of a longer digit run are not matched.
 */
#ifndef LOTS_BASE_PNR_H
#define LOTS_BASE_PNR_H

#include <stdbool.h>
#include <stddef.h>

/* True if text contains a personal identity or coordination number; *at, if
 * given, receives the byte offset of the first one. */
bool pnr_find(const char *text, size_t *at);

#endif
