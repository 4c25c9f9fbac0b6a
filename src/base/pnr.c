/*
 * pnr.c — personnummer / samordningsnummer detection (Skatteverket's format:
 * YYMMDD-NNNC or YYYYMMDD-NNNC; C is the Luhn check digit over the ten-digit
 * form; a samordningsnummer has 60 added to the day).
 */
#include "base/pnr.h"

#include <ctype.h>
#include <string.h>

static bool luhn_ok(const int d[10])
{
    int sum = 0;
    for (int i = 0; i < 10; i++) {
        int v = d[i] * (i % 2 == 0 ? 2 : 1);
        sum += v > 9 ? v - 9 : v;
    }
    return sum % 10 == 0;
}

static bool date_ok(int month, int day)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (day > 60) day -= 60; /* samordningsnummer */
    return month >= 1 && month <= 12 && day >= 1 && day <= mdays[month - 1];
}

/* Reads `n` digits from s into out; returns false if any is not a digit. */
static bool digits(const char *s, int n, int *out)
{
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return false;
        out[i] = s[i] - '0';
    }
    return true;
}

/* Tries to read a number starting exactly at s, century digits first if
 * `century`. Returns true on a valid personal identity number. */
static bool match_at(const char *s, bool century)
{
    int cc[2], d[10];
    if (century) {
        if (!digits(s, 2, cc) || (cc[0] * 10 + cc[1] != 19 && cc[0] * 10 + cc[1] != 20 &&
                                  cc[0] * 10 + cc[1] != 18))
            return false;
        s += 2;
    }
    if (!digits(s, 6, d)) return false;
    s += 6;
    if (*s == '-' || *s == '+') s++;
    if (!digits(s, 4, d + 6)) return false;
    if (isdigit((unsigned char)s[4])) return false; /* longer digit run */
    int month = d[2] * 10 + d[3], day = d[4] * 10 + d[5];
    return date_ok(month, day) && luhn_ok(d);
}

bool pnr_find(const char *text, size_t *at)
{
    if (!text) return false;
    for (const char *p = text; *p; p++) {
        if (!isdigit((unsigned char)*p)) continue;
        if (p > text && isdigit((unsigned char)p[-1])) continue;
        if (match_at(p, true) || match_at(p, false)) {
            if (at) *at = (size_t)(p - text);
            return true;
        }
    }
    return false;
}
