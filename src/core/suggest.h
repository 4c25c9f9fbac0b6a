/*
 * suggest.h — "menade du …?" for names typed by a person: the closest of a
 * list of known names, by edit distance. Used by the process parser so that a
 * misspelt field or step names the one that was probably meant.
 * Pure string work: no allocation, no I/O.
 */
#ifndef LOTS_CORE_SUGGEST_H
#define LOTS_CORE_SUGGEST_H

#include <stddef.h>

/* The known name closest to `typed` if it is near enough to be a typo (at
 * most a third of its length away, and at most 3 edits), else NULL. `known`
 * holds n names; NULL entries are skipped. */
const char *suggest_closest(const char *typed, const char *const *known, size_t n);

#endif
