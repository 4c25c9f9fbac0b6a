/*
 * csv.h — reading CSV as Excel and its Swedish users write it: separator ;
 * (Swedish Excel, where the comma is the decimal mark), , or tab; "quoted"
 * fields that may hold separators, doubled quotes and line breaks; CRLF or
 * LF line ends; and Windows-1252 text converted to UTF-8.
 *
 * Every import of outside files (deviations, the organisation, plan values)
 * reads through here. Each record remembers the line it starts on, so a
 * message can say "rad 17" of the file as the user sees it in an editor.
 * Must not: know what the columns mean.
 */
#ifndef LOTS_BASE_CSV_H
#define LOTS_BASE_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

typedef struct {
    const char *p, *end;
    char sep;
    int line; /* line of the next character, 1-based */
} CsvReader;

typedef struct {
    char **f;
    int n, cap;
    int line; /* where the record starts */
} CsvRecord;

/* Starts reading a file that must be UTF-8: refuses NUL bytes ("is it a
 * text file?") and invalid UTF-8 ("save as CSV UTF-8"), skips Excel's byte
 * order mark and guesses the separator. The reader points into text. */
ErrCode csv_open(CsvReader *c, const char *text, size_t len, Err *e);
/* ; , or tab: whichever the first non-blank line has most of outside quotes. */
char csv_guess_separator(const char *p, const char *end);
/* The next record; *got false at the end. A blank line is a record of one
 * empty field (see csv_record_blank). Messages: "rad N: …". */
ErrCode csv_read(CsvReader *c, CsvRecord *r, bool *got, Err *e);
bool csv_record_blank(const CsvRecord *r);
void csv_record_free(CsvRecord *r);
/* The steps of reading a file whose first record is a header: the header,
 * then each row, both with the caller's ctx; a failing step stops the read.
 * Blank records are skipped, and with skip_comments those whose first field
 * starts with '#'. A file with no header: "rad 1: filen är tom – den ska
 * börja med <expect>". */
typedef struct {
    ErrCode (*header)(void *ctx, const CsvRecord *r, Err *e);
    ErrCode (*row)(void *ctx, const CsvRecord *r, Err *e);
    bool skip_comments;
    const char *expect; /* "en rubrikrad", "rubrikraden enhet;månad;slag;värde" */
} CsvSteps;
ErrCode csv_each(CsvReader *c, const CsvSteps *steps, void *ctx, Err *e);
/* Windows-1252 (a superset of Latin-1 as Excel writes it) to UTF-8. */
char *cp1252_to_utf8(const char *s, size_t len, size_t *out_len);

#endif
