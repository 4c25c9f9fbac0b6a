/*
 * account.h — users, roles, passwords, browser sessions and API tokens.
 *
 * Passwords are hashed with argon2id (libsodium crypto_pwhash_str). Session
 * ids and API tokens are 256-bit random values shown to their owner once;
 * only a hash (BLAKE2b, hex) is stored, and lookups compare in constant time
 * through the hash index. Each session carries its own CSRF token.
 * Core only: no cookies or headers here (web/ turns these into HTTP).
 */
#ifndef LOTS_CORE_ACCOUNT_H
#define LOTS_CORE_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "store/db.h"

typedef enum { ROLE_NONE = 0, ROLE_LASARE, ROLE_HANDLAGGARE, ROLE_ADMIN } Role;

/* The person acting: passed to every core function that changes something. */
typedef struct {
    long long id;
    char name[65];          /* login name: up to 64 of [a-z0-9._-], NUL */
    char display_name[129]; /* "Anna Berg": up to 128 bytes of UTF-8, NUL */
    Role role;
} Actor;

/* Must be called once before any other function here (sodium_init). */
bool account_init(void);

Role role_parse(const char *s); /* "admin", "handlaggare"/"handläggare", "lasare"/"läsare" */
const char *role_key(Role r);   /* "admin", "handlaggare", "lasare" */
const char *role_label(Role r); /* "Administratör", "Handläggare", "Läsare" */
bool role_can_write(Role r);    /* handläggare and admin */
/* role_parse with a message naming the input: "Okänd roll 'x': …" (ERR_INVALID). */
ErrCode role_from_text(const char *s, Role *out, Err *e);

/* Creates a user. Refuses a duplicate name, an empty display name, an unknown
 * role, and a password shorter than 10 characters. A login name is 1–64 of
 * [a-z0-9._-]; a display name is trimmed, non-blank, at most 128 bytes of
 * UTF-8; a password is 10+ characters and at most 1024 bytes. id_out may be
 * NULL. account_set_password also ends the user's sessions (own transaction,
 * so not inside a caller's). */
ErrCode account_add(Db *db, const char *name, const char *display_name, Role role, const char *password,
                    long long *id_out, Err *e);
ErrCode account_set_password(Db *db, const char *name, const char *password, Err *e);
ErrCode account_get(Db *db, long long id, Actor *out, Err *e);
ErrCode account_by_name(Db *db, const char *name, Actor *out, Err *e);
/* Active users who may be main case officer (admin, handläggare), in Swedish
 * alphabetical order of display name; caller frees *out. */
ErrCode account_list_writers(Db *db, Actor **out, size_t *n, Err *e);

/* Links the account `name` to a person of the organisation (people.id), or
 * unlinks it with person_id 0. A person has at most one account. */
ErrCode account_link_person(Db *db, const char *name, long long person_id, Err *e);
/* The person the account is, or 0. */
long long account_person(Db *db, long long user_id);

/* Checks name and password; on success fills *out. A wrong name and a wrong
 * password give the same message (ERR_AUTH). */
ErrCode account_login(Db *db, const char *name, const char *password, Actor *out, Err *e);

/* Sessions. session_create writes a new random id (64 hex chars) and CSRF
 * token (64 hex chars) into the buffers; ttl in seconds. */
ErrCode session_create(Db *db, long long user_id, int ttl_seconds, char id_out[65], char csrf_out[65], Err *e);
/* Looks a session id up; ERR_AUTH if unknown or expired. */
ErrCode session_lookup(Db *db, const char *id, Actor *out, char csrf_out[65], Err *e);
void session_delete(Db *db, const char *id);
/* Constant-time comparison of a submitted CSRF token with the session's. */
bool csrf_equal(const char *expected, const char *given);

/* API tokens: "lots_" + 64 hex chars, printed once. */
ErrCode token_create(Db *db, const char *user_name, const char *label, char token_out[70], Err *e);
ErrCode token_lookup(Db *db, const char *token, Actor *out, Err *e);

/* Hex BLAKE2b-256 of s, for storing secrets by hash. */
void secret_hash(const char *s, char out[65]);

#endif
