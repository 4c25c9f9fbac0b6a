/*
 * text.h — small string helpers for user input: trimming, UTF-8 validity,
 * case-insensitive comparisons for Swedish text, and ISO 8601 dates.
 */
#ifndef LOTS_BASE_TEXT_H
#define LOTS_BASE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

bool utf8_valid(const char *s);
/* After a text was cut to fit a buffer (snprintf): drops a character whose
 * bytes were cut off at the end, so valid UTF-8 stays valid. */
void utf8_drop_cut(char *s);
size_t utf8_length(const char *s);          /* characters, not bytes */
char *trim_dup(const char *s);              /* new string without surrounding space */
bool is_blank(const char *s);               /* NULL, "" or only white space */
bool parse_long(const char *s, long *out);  /* whole string, base 10 */
bool iso_date_valid(const char *s);         /* YYYY-MM-DD, a real date */
void iso_now(char out[32]);                 /* 2026-11-24T17:30:08Z (UTC) */
void iso_today(char out[11]);               /* 2026-11-24 (local date) */
int current_year(void);

/* Lower-cases ASCII and the Latin-1 letters (Å Ä Ö É Ü …) for search;
 * returns a malloc'd string. Other characters are kept as they are. */
char *fold_lower(const char *s);
#endif
