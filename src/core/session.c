/*
 * session.c — browser sessions, their CSRF tokens, API tokens, and the
 * BLAKE2b hash under which all of these secrets are stored.
 *
 * A session id or API token is 32 random bytes, hex-encoded, shown once to
 * its owner; the database keeps only secret_hash() of it, so a copy of the
 * database logs no one in. Lookups go through that hash's index, never
 * through a comparison of the secret itself.
 * Must not: know about cookies or headers (web/ does), store a session id or
 * token in the clear, or say why a lookup failed beyond "not valid".
 */
#include "core/account.h"
#include "base/buf.h"
#include "base/random.h"
#include "base/text.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SECRET_BYTES 32
#define SECRET_HEX (SECRET_BYTES * 2)
#define TOKEN_PREFIX "lots_"
#define TOKEN_PREFIX_LEN 5
#define LABEL_MAX_BYTES 200

static const char SESSION_GONE[] = "Sessionen har gått ut eller finns inte; logga in igen";
static const char TOKEN_BAD[] = "Ogiltig eller återkallad API-nyckel";

void secret_hash(const char *s, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)s, strlen(s), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

/* Exactly 64 lower-case hex digits, as random_hex writes them. Anything else
 * is refused before it reaches the database. */
static bool is_secret_hex(const char *s)
{
    if (!s || strnlen(s, SECRET_HEX + 1) != SECRET_HEX) return false;
    for (int i = 0; i < SECRET_HEX; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return false;
    return true;
}

static bool is_token(const char *s)
{
    return s && !strncmp(s, TOKEN_PREFIX, TOKEN_PREFIX_LEN) && is_secret_hex(s + TOKEN_PREFIX_LEN);
}

/* now + seconds as ISO 8601 UTC, the same shape as iso_now, so that the
 * strings compare in time order. */
static void iso_after(long long seconds, char out[32])
{
    time_t t = time(NULL) + (time_t)seconds;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* --- sessions ------------------------------------------------------------- */

static ErrCode require_active_user(Db *db, long long user_id, Err *e)
{
    Err q = ERR_INIT;
    bool ok = db_exists(db, &q, "SELECT 1 FROM users WHERE id = :id AND active = 1",
                        DB_ARGS(DB_INT(":id", user_id)));
    if (q.code) {
        *e = q;
        return e->code;
    }
    if (!ok) return err_set(e, ERR_NOTFOUND, "Användaren med id %lld finns inte eller är inaktiverad", user_id);
    return ERR_OK;
}

ErrCode session_create(Db *db, long long user_id, int ttl_seconds, char id_out[65], char csrf_out[65], Err *e)
{
    id_out[0] = csrf_out[0] = '\0';
    if (ttl_seconds <= 0) return err_set(e, ERR_INVALID, "Sessionens giltighetstid måste vara minst en sekund");
    if (require_active_user(db, user_id, e)) return e->code;
    char now[32], expires[32], id[65], hash[65];
    iso_now(now);
    iso_after(ttl_seconds, expires);
    /* Housekeeping: a login is a good moment to forget sessions nobody can use. */
    if (db_exec(db, e, "DELETE FROM sessions WHERE expires_at <= :now", DB_ARGS(DB_TEXT(":now", now))))
        return e->code;
    random_hex(id, SECRET_BYTES);
    random_hex(csrf_out, SECRET_BYTES);
    secret_hash(id, hash);
    if (db_exec(db, e,
                "INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at) "
                "VALUES (:h, :u, :c, :now, :exp)",
                DB_ARGS(DB_TEXT(":h", hash), DB_INT(":u", user_id), DB_TEXT(":c", csrf_out),
                        DB_TEXT(":now", now), DB_TEXT(":exp", expires)))) {
        csrf_out[0] = '\0';
        return e->code;
    }
    memcpy(id_out, id, sizeof id);
    sodium_memzero(id, sizeof id);
    return ERR_OK;
}

/* The user id of a live session of an active user, 0 if there is none,
 * -1 on a database error. */
static long long live_session_user(Db *db, const char *hash, char csrf_out[65], Err *e)
{
    char now[32];
    iso_now(now);
    Stmt *st = db_query(db, e,
                        "SELECT s.user_id, s.csrf FROM sessions s JOIN users u ON u.id = s.user_id "
                        "WHERE s.id_hash = :h AND s.expires_at > :now AND u.active = 1",
                        DB_ARGS(DB_TEXT(":h", hash), DB_TEXT(":now", now)));
    if (!st) return -1;
    long long user = 0;
    int rc = stmt_step(st, e);
    if (rc == 1) {
        user = stmt_int(st, 0);
        snprintf(csrf_out, 65, "%s", stmt_text(st, 1));
    }
    stmt_finalize(st);
    return rc < 0 ? -1 : user;
}

ErrCode session_lookup(Db *db, const char *id, Actor *out, char csrf_out[65], Err *e)
{
    if (!is_secret_hex(id)) return err_set(e, ERR_AUTH, "%s", SESSION_GONE);
    char hash[65];
    secret_hash(id, hash);
    long long user = live_session_user(db, hash, csrf_out, e);
    if (user < 0) return e->code;
    if (user == 0 || account_get(db, user, out, e)) {
        csrf_out[0] = '\0';
        return err_set(e, ERR_AUTH, "%s", SESSION_GONE);
    }
    return ERR_OK;
}

void session_delete(Db *db, const char *id)
{
    if (!is_secret_hex(id)) return;
    char hash[65];
    secret_hash(id, hash);
    Err ignored = ERR_INIT; /* logging out of a session that is already gone is fine */
    db_exec(db, &ignored, "DELETE FROM sessions WHERE id_hash = :h", DB_ARGS(DB_TEXT(":h", hash)));
}

bool csrf_equal(const char *expected, const char *given)
{
    if (!expected || !given) return false;
    if (strnlen(expected, SECRET_HEX + 1) != SECRET_HEX || strnlen(given, SECRET_HEX + 1) != SECRET_HEX)
        return false;
    return sodium_memcmp(expected, given, SECRET_HEX) == 0;
}

/* --- API tokens ----------------------------------------------------------- */

/* The id of an active user by name; ERR_NOTFOUND or ERR_CONFLICT otherwise. */
static ErrCode token_owner(Db *db, const char *name, long long *id, Err *e)
{
    Stmt *st = db_query(db, e, "SELECT id, active FROM users WHERE name = :n", DB_ARGS(DB_TEXT(":n", name)));
    if (!st) return e->code;
    int rc = stmt_step(st, e);
    bool active = false;
    if (rc == 1) {
        *id = stmt_int(st, 0);
        active = stmt_int(st, 1) != 0;
    }
    stmt_finalize(st);
    if (rc < 0) return e->code;
    if (rc == 0) return err_set(e, ERR_NOTFOUND, "Användaren '%s' finns inte", name);
    if (!active)
        return err_set(e, ERR_CONFLICT, "Användaren '%s' är inaktiverad och kan inte få en API-nyckel", name);
    return ERR_OK;
}

static ErrCode check_label(const char *label, Err *e)
{
    if (is_blank(label)) return err_set(e, ERR_INVALID, "API-nyckelns etikett får inte vara tom");
    if (!utf8_valid(label))
        return err_set(e, ERR_INVALID, "API-nyckelns etikett innehåller ogiltiga tecken (inte UTF-8)");
    if (strlen(label) > LABEL_MAX_BYTES)
        return err_set(e, ERR_INVALID, "API-nyckelns etikett är för lång (högst %d byte)", LABEL_MAX_BYTES);
    return ERR_OK;
}

static ErrCode store_token(Db *db, long long user_id, const char *token, const char *label, Err *e)
{
    char hash[65], now[32];
    secret_hash(token, hash);
    iso_now(now);
    return db_exec(db, e,
                   "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (:u, :h, :l, :now)",
                   DB_ARGS(DB_INT(":u", user_id), DB_TEXT(":h", hash), DB_TEXT(":l", label),
                           DB_TEXT(":now", now)));
}

ErrCode token_create(Db *db, const char *user_name, const char *label, char token_out[70], Err *e)
{
    token_out[0] = '\0';
    long long user_id = 0;
    char *clean = trim_dup(label);
    ErrCode rc = check_label(clean, e);
    if (!rc) rc = token_owner(db, user_name ? user_name : "", &user_id, e);
    if (!rc) {
        char token[70];
        memcpy(token, TOKEN_PREFIX, TOKEN_PREFIX_LEN);
        random_hex(token + TOKEN_PREFIX_LEN, SECRET_BYTES);
        rc = store_token(db, user_id, token, clean, e);
        if (!rc) memcpy(token_out, token, sizeof token);
        sodium_memzero(token, sizeof token);
    }
    free(clean);
    return rc;
}

/* The user id behind an unrevoked token of an active user, 0 if none,
 * -1 on a database error. */
static long long token_user(Db *db, const char *hash, Err *e)
{
    Err q = ERR_INIT;
    long long user = db_int(db, &q,
                            "SELECT t.user_id FROM api_tokens t JOIN users u ON u.id = t.user_id "
                            "WHERE t.token_hash = :h AND t.revoked_at IS NULL AND u.active = 1",
                            DB_ARGS(DB_TEXT(":h", hash)), 0);
    if (q.code) {
        *e = q;
        return -1;
    }
    return user;
}

ErrCode token_lookup(Db *db, const char *token, Actor *out, Err *e)
{
    if (!is_token(token)) return err_set(e, ERR_AUTH, "%s", TOKEN_BAD);
    char hash[65];
    secret_hash(token, hash);
    long long user = token_user(db, hash, e);
    if (user < 0) return e->code;
    if (user == 0 || account_get(db, user, out, e)) return err_set(e, ERR_AUTH, "%s", TOKEN_BAD);
    return ERR_OK;
}
