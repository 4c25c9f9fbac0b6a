/*
 * random.h — unpredictable tokens (libsodium's randombytes).
 */
#ifndef LOTS_BASE_RANDOM_H
#define LOTS_BASE_RANDOM_H

#include <stddef.h>

/* Writes 2*nbytes hex characters and a NUL into out (size ≥ 2*nbytes+1). */
void random_hex(char *out, size_t nbytes);

#endif
