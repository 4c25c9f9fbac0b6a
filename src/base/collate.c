/*
 * collate.c — Swedish collation by mapping each character to a sort weight.
 */
#include "base/collate.h"

#include <string.h>

/* Weight of the character at *s (advancing *s past it). Letters a–z weigh
 * 1000 + 10*(letter), å ä ö come after z; digits and other ASCII keep their
 * code; accented letters weigh as their base letter (the accent only breaks
 * ties); other characters weigh by their code point after everything else. */
static unsigned weight(const unsigned char **s)
{
    const unsigned char *p = *s;
    unsigned c = *p++;
    if (c >= 'A' && c <= 'Z') c += 32;
    if (c >= 'a' && c <= 'z') {
        *s = p;
        return 1000 + 10 * (c - 'a');
    }
    if (c < 0x80) {
        *s = p;
        return c;
    }
    unsigned cp = 0;
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    cp = c & (0x3F >> extra);
    for (int i = 0; i < extra && (*p & 0xC0) == 0x80; i++) cp = (cp << 6) | (*p++ & 0x3F);
    *s = p;
    switch (cp) {
    case 0xE5: case 0xC5: return 1000 + 10 * 26; /* å */
    case 0xE4: case 0xC4: case 0xE6: case 0xC6: return 1000 + 10 * 27; /* ä, æ */
    case 0xF6: case 0xD6: case 0xF8: case 0xD8: return 1000 + 10 * 28; /* ö, ø */
    case 0xE9: case 0xC9: case 0xE8: case 0xC8: return 1000 + 10 * ('e' - 'a'); /* é è as e */
    case 0xFC: case 0xDC: return 1000 + 10 * ('y' - 'a'); /* ü as y */
    case 0xE1: case 0xC1: case 0xE0: case 0xC0: return 1000; /* á à as a */
    default: return 2000 + cp;
    }
}

int sv_compare(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    while (*p && *q) {
        unsigned wa = weight(&p), wb = weight(&q);
        if (wa != wb) return wa < wb ? -1 : 1;
    }
    if (*p || *q) return *p ? 1 : -1;
    return strcmp(a, b);
}
