/*
 * random.c — hex tokens from libsodium's CSPRNG.
 */
#include "base/random.h"

#include <sodium.h>

void random_hex(char *out, size_t nbytes)
{
    unsigned char raw[64];
    if (nbytes > sizeof raw) nbytes = sizeof raw;
    randombytes_buf(raw, nbytes);
    sodium_bin2hex(out, nbytes * 2 + 1, raw, nbytes);
    sodium_memzero(raw, sizeof raw);
}
