/*
 * account.c — users, roles, passwords and login.
 *
 * Validates what a person types for an account, hashes passwords with
 * argon2id (libsodium crypto_pwhash_str_alg, ALG_ARGON2ID13) and checks them
 * at login. Sessions and API tokens live in session.c.
 * Must not: know about cookies, HTTP or the terminal; keep a password in the
 * clear anywhere; tell a wrong name apart from a wrong password.
 *
 * Test-only knob: LOTS_FAST_HASH=1 in the environment makes new hashes use
 * libsodium's minimum argon2id cost (OPSLIMIT_MIN / MEMLIMIT_MIN) so suites
 * that create many users stay fast. Never set it in production: such hashes
 * are cheap to brute-force.
 */
#include "core/account.h"
#include "base/collate.h"
#include "base/buf.h"
#include "base/text.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_CHARS 64
#define DISPLAY_MAX_BYTES 128
#define PASSWORD_MIN_CHARS 10
#define PASSWORD_MAX_BYTES 1024

static const char BAD_LOGIN[] = "Fel användarnamn eller lösenord";

bool account_init(void)
{
    return sodium_init() >= 0; /* 1 means "already initialised" */
}

/* --- roles ---------------------------------------------------------------- */

Role role_parse(const char *s)
{
    if (!s) return ROLE_NONE;
    char *f = fold_lower(s); /* also folds "LÄSARE" to "läsare" */
    Role r = ROLE_NONE;
    if (!strcmp(f, "admin")) r = ROLE_ADMIN;
    else if (!strcmp(f, "handlaggare") || !strcmp(f, "handläggare")) r = ROLE_HANDLAGGARE;
    else if (!strcmp(f, "lasare") || !strcmp(f, "läsare")) r = ROLE_LASARE;
    free(f);
    return r;
}

ErrCode role_from_text(const char *s, Role *out, Err *e)
{
    *out = role_parse(s);
    if (*out != ROLE_NONE) return ERR_OK;
    return err_set(e, ERR_INVALID, "Okänd roll '%s': välj admin, handläggare eller läsare", s ? s : "");
}

const char *role_key(Role r)
{
    switch (r) {
    case ROLE_ADMIN: return "admin";
    case ROLE_HANDLAGGARE: return "handlaggare";
    case ROLE_LASARE: return "lasare";
    default: return "";
    }
}

const char *role_label(Role r)
{
    switch (r) {
    case ROLE_ADMIN: return "Administratör";
    case ROLE_HANDLAGGARE: return "Handläggare";
    case ROLE_LASARE: return "Läsare";
    default: return "Ingen roll";
    }
}

bool role_can_write(Role r)
{
    return r == ROLE_HANDLAGGARE || r == ROLE_ADMIN;
}

/* --- validation ----------------------------------------------------------- */

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

static ErrCode check_name(const char *name, Err *e)
{
    if (!name || !*name) return err_set(e, ERR_INVALID, "Användarnamnet får inte vara tomt");
    for (const char *p = name; *p; p++)
        if (!name_char(*p))
            return err_set(e, ERR_INVALID,
                           "Användarnamnet får bara innehålla a–z, 0–9, punkt, bindestreck och understreck");
    if (strlen(name) > NAME_MAX_CHARS)
        return err_set(e, ERR_INVALID, "Användarnamnet får ha högst %d tecken", NAME_MAX_CHARS);
    return ERR_OK;
}

/* `s` is already trimmed. Control characters would let a name forge lines in
 * logs and terminal output, so they are refused as well. */
static ErrCode check_display_name(const char *s, Err *e)
{
    if (is_blank(s)) return err_set(e, ERR_INVALID, "Visningsnamnet får inte vara tomt");
    if (!utf8_valid(s)) return err_set(e, ERR_INVALID, "Visningsnamnet innehåller ogiltiga tecken (inte UTF-8)");
    if (strlen(s) > DISPLAY_MAX_BYTES)
        return err_set(e, ERR_INVALID, "Visningsnamnet är för långt (högst %d byte)", DISPLAY_MAX_BYTES);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f) return err_set(e, ERR_INVALID, "Visningsnamnet får inte innehålla styrtecken");
    return ERR_OK;
}

static ErrCode check_password(const char *pw, Err *e)
{
    if (!pw) pw = "";
    if (strnlen(pw, PASSWORD_MAX_BYTES + 1) > PASSWORD_MAX_BYTES)
        return err_set(e, ERR_INVALID, "Lösenordet är för långt (högst %d byte)", PASSWORD_MAX_BYTES);
    if (!utf8_valid(pw)) return err_set(e, ERR_INVALID, "Lösenordet innehåller ogiltiga tecken (inte UTF-8)");
    if (utf8_length(pw) < PASSWORD_MIN_CHARS)
        return err_set(e, ERR_INVALID, "Lösenordet måste ha minst %d tecken", PASSWORD_MIN_CHARS);
    return ERR_OK;
}

/* --- password hashing ----------------------------------------------------- */

static bool fast_hash(void)
{
    const char *v = getenv("LOTS_FAST_HASH");
    return v && !strcmp(v, "1");
}

static ErrCode hash_password(const char *pw, char out[crypto_pwhash_STRBYTES], Err *e)
{
    bool fast = fast_hash();
    unsigned long long ops = fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    size_t mem = fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    if (crypto_pwhash_str_alg(out, pw, strlen(pw), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return err_set(e, ERR_INTERNAL, "Kunde inte beräkna lösenordets hash (slut på minne?)");
    return ERR_OK;
}

static bool password_matches(const char *hash, const char *pw)
{
    return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

/* A hash of a random password, verified against when the name is unknown so
 * that a wrong name costs as long as a wrong password. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
    unsigned char raw[16];
    char pw[33];
    Err ignored = ERR_INIT;
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(pw, sizeof pw, raw, sizeof raw);
    if (hash_password(pw, dummy_hash, &ignored)) dummy_hash[0] = '\0';
    sodium_memzero(pw, sizeof pw);
}

/* --- reading users -------------------------------------------------------- */

static void fill_actor(Stmt *st, Actor *out)
{
    out->id = stmt_int(st, 0);
    snprintf(out->name, sizeof out->name, "%s", stmt_text(st, 1));
    snprintf(out->display_name, sizeof out->display_name, "%s", stmt_text(st, 2));
    out->role = role_parse(stmt_text(st, 3));
}

/* ERR_NOTFOUND without a message when no row matches: callers word it. */
static ErrCode load_actor(Db *db, const char *sql, const DbArg *args, Actor *out, Err *e)
{
    Stmt *st = db_query(db, e, sql, args);
    if (!st) return e->code;
    int rc = stmt_step(st, e);
    if (rc == 1) fill_actor(st, out);
    stmt_finalize(st);
    return rc < 0 ? e->code : rc == 0 ? ERR_NOTFOUND : ERR_OK;
}

ErrCode account_get(Db *db, long long id, Actor *out, Err *e)
{
    ErrCode rc = load_actor(db, "SELECT id, name, display_name, role FROM users WHERE id = :id",
                            DB_ARGS(DB_INT(":id", id)), out, e);
    if (rc == ERR_NOTFOUND) return err_set(e, ERR_NOTFOUND, "Användaren med id %lld finns inte", id);
    return rc;
}

static int by_display_name(const void *a, const void *b)
{
    return sv_compare(((const Actor *)a)->display_name, ((const Actor *)b)->display_name);
}

static void fill_actor_row(Stmt *st, void *el)
{
    fill_actor(st, el);
}

ErrCode account_list_writers(Db *db, Actor **out, size_t *n, Err *e)
{
    if (db_rows(db, e,
                "SELECT id, name, display_name, role FROM users WHERE active = 1 AND role IN ('admin', 'handlaggare')",
                NULL, sizeof **out, fill_actor_row, NULL, (void **)out, n))
        return e->code;
    qsort(*out, *n, sizeof **out, by_display_name);
    return ERR_OK;
}

ErrCode account_by_name(Db *db, const char *name, Actor *out, Err *e)
{
    if (!name) name = "";
    ErrCode rc = load_actor(db, "SELECT id, name, display_name, role FROM users WHERE name = :n",
                            DB_ARGS(DB_TEXT(":n", name)), out, e);
    if (rc == ERR_NOTFOUND) return err_set(e, ERR_NOTFOUND, "Användaren '%s' finns inte", name);
    return rc;
}

/* 1 if a user with this name exists, 0 if not, -1 on a database error. */
static int user_exists(Db *db, const char *name, Err *e)
{
    Err q = ERR_INIT;
    bool found = db_exists(db, &q, "SELECT 1 FROM users WHERE name = :n", DB_ARGS(DB_TEXT(":n", name)));
    if (q.code) {
        *e = q;
        return -1;
    }
    return found ? 1 : 0;
}

/* --- creating and changing users ----------------------------------------- */

static ErrCode check_new_account(Db *db, const char *name, const char *display, Role role, const char *pw,
                                 Err *e)
{
    if (check_name(name, e) || check_display_name(display, e)) return e->code;
    if (!*role_key(role)) return err_set(e, ERR_INVALID, "Okänd roll: välj admin, handläggare eller läsare");
    if (check_password(pw, e)) return e->code;
    int exists = user_exists(db, name, e);
    if (exists < 0) return e->code;
    if (exists) return err_set(e, ERR_CONFLICT, "Användaren '%s' finns redan", name);
    return ERR_OK;
}

static ErrCode insert_user(Db *db, const char *name, const char *display, Role role, const char *pw,
                           long long *id_out, Err *e)
{
    char hash[crypto_pwhash_STRBYTES];
    if (hash_password(pw, hash, e)) return e->code;
    char now[32];
    iso_now(now);
    Err q = ERR_INIT;
    long long id = db_int(db, &q,
                          "INSERT INTO users (name, display_name, role, pw_hash, active, created_at) "
                          "VALUES (:n, :d, :r, :h, 1, :now) RETURNING id",
                          DB_ARGS(DB_TEXT(":n", name), DB_TEXT(":d", display), DB_TEXT(":r", role_key(role)),
                                  DB_TEXT(":h", hash), DB_TEXT(":now", now)),
                          -1);
    if (q.code == ERR_CONFLICT) /* another writer took the name since we checked */
        return err_set(e, ERR_CONFLICT, "Användaren '%s' finns redan", name);
    if (id < 0) {
        *e = q;
        return e->code ? e->code : err_set(e, ERR_INTERNAL, "Användaren kunde inte sparas");
    }
    if (id_out) *id_out = id;
    return ERR_OK;
}

ErrCode account_add(Db *db, const char *name, const char *display_name, Role role, const char *password,
                    long long *id_out, Err *e)
{
    char *display = trim_dup(display_name);
    ErrCode rc = check_new_account(db, name, display, role, password, e);
    if (!rc) rc = insert_user(db, name, display, role, password, id_out, e);
    free(display);
    return rc;
}

/* Writes the new hash and ends every session of the user in one transaction:
 * whoever knew the old password must not stay logged in. */
static ErrCode store_password(Db *db, const char *name, const char *hash, Err *e)
{
    if (db_begin(db, e)) return e->code;
    const DbArg *args = DB_ARGS(DB_TEXT(":n", name), DB_TEXT(":h", hash));
    if (db_exec(db, e, "UPDATE users SET pw_hash = :h WHERE name = :n", args) ||
        db_exec(db, e, "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = :n)",
                DB_ARGS(DB_TEXT(":n", name)))) {
        db_rollback(db);
        return e->code;
    }
    return db_commit(db, e);
}

ErrCode account_set_password(Db *db, const char *name, const char *password, Err *e)
{
    if (check_password(password, e)) return e->code;
    int exists = user_exists(db, name ? name : "", e);
    if (exists < 0) return e->code;
    if (!exists) return err_set(e, ERR_NOTFOUND, "Användaren '%s' finns inte", name ? name : "");
    char hash[crypto_pwhash_STRBYTES];
    if (hash_password(password, hash, e)) return e->code;
    return store_password(db, name, hash, e);
}

/* --- login ---------------------------------------------------------------- */

/* Login names are lower case; accept "Anna" for "anna". False if the name
 * cannot be a login name at all (too long). */
static bool login_name(const char *in, char out[NAME_MAX_CHARS + 1])
{
    size_t n = in ? strnlen(in, NAME_MAX_CHARS + 1) : 0;
    if (n == 0 || n > NAME_MAX_CHARS) return false;
    for (size_t i = 0; i <= n; i++)
        out[i] = (in[i] >= 'A' && in[i] <= 'Z') ? (char)(in[i] + 32) : in[i];
    return true;
}

/* Fills hash (empty if no such user), id and active for a login name. */
static ErrCode fetch_login(Db *db, const char *name, char hash[crypto_pwhash_STRBYTES], long long *id,
                           bool *active, Err *e)
{
    Stmt *st = db_query(db, e, "SELECT id, pw_hash, active FROM users WHERE name = :n",
                        DB_ARGS(DB_TEXT(":n", name)));
    if (!st) return e->code;
    int rc = stmt_step(st, e);
    if (rc == 1) {
        *id = stmt_int(st, 0);
        snprintf(hash, crypto_pwhash_STRBYTES, "%s", stmt_text(st, 1));
        *active = stmt_int(st, 2) != 0;
    }
    stmt_finalize(st);
    return rc < 0 ? e->code : ERR_OK;
}

ErrCode account_login(Db *db, const char *name, const char *password, Actor *out, Err *e)
{
    char lname[NAME_MAX_CHARS + 1];
    char hash[crypto_pwhash_STRBYTES] = "";
    long long id = 0;
    bool active = false;
    const char *pw = password ? password : "";
    bool usable = login_name(name, lname) && strnlen(pw, PASSWORD_MAX_BYTES + 1) <= PASSWORD_MAX_BYTES;
    if (usable && fetch_login(db, lname, hash, &id, &active, e)) return e->code;
    pthread_once(&dummy_once, make_dummy_hash);
    /* Always run one verification, so an unknown name takes as long as a known one. */
    bool ok = password_matches(hash[0] ? hash : dummy_hash, usable ? pw : "");
    sodium_memzero(hash, sizeof hash);
    if (!ok || !usable || !id || !active) return err_set(e, ERR_AUTH, "%s", BAD_LOGIN);
    return account_get(db, id, out, e);
}

ErrCode account_link_person(Db *db, const char *name, long long person_id, Err *e)
{
    err_clear(e);
    Actor a;
    if (account_by_name(db, name, &a, e)) return e->code;
    if (person_id && !db_exists(db, e, "SELECT 1 FROM people WHERE id = :p", DB_ARGS(DB_INT(":p", person_id))))
        return err_set(e, ERR_NOTFOUND, "Personen med id %lld finns inte", person_id);
    if (person_id && db_exists(db, e, "SELECT 1 FROM users WHERE person_id = :p AND id <> :u",
                               DB_ARGS(DB_INT(":p", person_id), DB_INT(":u", a.id))))
        return err_set(e, ERR_CONFLICT, "Personen med id %lld har redan ett annat konto", person_id);
    return db_exec(db, e, "UPDATE users SET person_id = :p WHERE id = :u",
                   DB_ARGS(person_id ? DB_INT(":p", person_id) : DB_NULL(":p"), DB_INT(":u", a.id)));
}

long long account_person(Db *db, long long user_id)
{
    Err e = ERR_INIT;
    return db_int(db, &e, "SELECT person_id FROM users WHERE id = :u", DB_ARGS(DB_INT(":u", user_id)), 0);
}
