/*
 * test_account.c — users, passwords, login, sessions, CSRF and API tokens
 * (core/account.c, core/session.c) against a real SQLite file in a fresh
 * temporary directory per test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testdb.h"
#include "core/account.h"
#include "store/db.h"

#define GOOD_PW "korrekt-häst-batteri"

typedef struct {
    TestDb *t; /* tests/unit/testdb.h */
    Db *db;
} Fixture;

static int group_setup(void **state)
{
    (void)state;
    setenv("LOTS_FAST_HASH", "1", 1); /* minimum argon2id cost: the tests create many users */
    return account_init() ? 0 : -1;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->t = testdb_open("account"))) return -1;
    f->db = f->t->db;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    testdb_close(f->t);
    free(f);
    return 0;
}

static long long add_user(Db *db, const char *name, Role role)
{
    Err e = ERR_INIT;
    long long id = 0;
    if (account_add(db, name, "Anna Berg", role, GOOD_PW, &id, &e)) fail_msg("account_add %s: %s", name, e.msg);
    return id;
}

static long long count(Db *db, const char *sql)
{
    Err e = ERR_INIT;
    long long n = db_int(db, &e, sql, NULL, -1);
    assert_int_equal(e.code, ERR_OK);
    return n;
}

static void sql(Db *db, const char *statement)
{
    Err e = ERR_INIT;
    if (db_exec(db, &e, statement, NULL)) fail_msg("%s: %s", statement, e.msg);
}

/* --- users and passwords ------------------------------------------------- */

static void stored_hash_is_argon2id_without_password(void **state)
{
    Fixture *f = *state;
    add_user(f->db, "anna", ROLE_HANDLAGGARE);
    Err e = ERR_INIT;
    char *hash = db_text(f->db, &e, "SELECT pw_hash FROM users WHERE name = 'anna'", NULL);
    assert_non_null(hash);
    assert_true(strncmp(hash, "$argon2id$", 10) == 0);
    assert_null(strstr(hash, GOOD_PW));
    assert_null(strstr(hash, "korrekt"));
    free(hash);
}

static void login_ok(void **state)
{
    Fixture *f = *state;
    long long id = 0;
    Err e = ERR_INIT;
    assert_int_equal(account_add(f->db, "anna.berg", "  Anna Berg  ", ROLE_HANDLAGGARE, GOOD_PW, &id, &e), ERR_OK);
    Actor a;
    assert_int_equal(account_login(f->db, "anna.berg", GOOD_PW, &a, &e), ERR_OK);
    assert_int_equal(a.id, id);
    assert_string_equal(a.name, "anna.berg");
    assert_string_equal(a.display_name, "Anna Berg"); /* trimmed */
    assert_int_equal(a.role, ROLE_HANDLAGGARE);
    /* Names are lower case; "Anna.Berg" at the login form is the same person. */
    assert_int_equal(account_login(f->db, "Anna.Berg", GOOD_PW, &a, &e), ERR_OK);
    assert_int_equal(a.id, id);
}

static void wrong_password_and_unknown_user_look_the_same(void **state)
{
    Fixture *f = *state;
    add_user(f->db, "anna", ROLE_HANDLAGGARE);
    Actor a;
    Err wrong_pw = ERR_INIT, unknown = ERR_INIT, bad_name = ERR_INIT;
    assert_int_equal(account_login(f->db, "anna", "fel-lösenord-helt", &a, &wrong_pw), ERR_AUTH);
    assert_int_equal(account_login(f->db, "bertil", GOOD_PW, &a, &unknown), ERR_AUTH);
    assert_int_equal(account_login(f->db, "ogiltigt namn!", GOOD_PW, &a, &bad_name), ERR_AUTH);
    assert_string_equal(wrong_pw.msg, "Fel användarnamn eller lösenord");
    assert_string_equal(unknown.msg, wrong_pw.msg);
    assert_string_equal(bad_name.msg, wrong_pw.msg);
    Err empty = ERR_INIT;
    assert_int_equal(account_login(f->db, "anna", "", &a, &empty), ERR_AUTH);
    assert_int_equal(account_login(f->db, NULL, NULL, &a, &empty), ERR_AUTH);
}

static void inactive_user_cannot_log_in(void **state)
{
    Fixture *f = *state;
    add_user(f->db, "anna", ROLE_HANDLAGGARE);
    sql(f->db, "UPDATE users SET active = 0 WHERE name = 'anna'");
    Actor a;
    Err e = ERR_INIT;
    assert_int_equal(account_login(f->db, "anna", GOOD_PW, &a, &e), ERR_AUTH);
    assert_string_equal(e.msg, "Fel användarnamn eller lösenord");
}

static void short_password_refused_and_nothing_written(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    assert_int_equal(account_add(f->db, "anna", "Anna", ROLE_LASARE, "kort", NULL, &e), ERR_INVALID);
    assert_string_equal(e.msg, "Lösenordet måste ha minst 10 tecken");
    /* Characters, not bytes: nine Swedish letters are 18 bytes but too short. */
    err_clear(&e);
    assert_int_equal(account_add(f->db, "anna", "Anna", ROLE_LASARE, "åäöåäöåäö", NULL, &e), ERR_INVALID);
    assert_string_equal(e.msg, "Lösenordet måste ha minst 10 tecken");
    err_clear(&e);
    assert_int_equal(account_add(f->db, "anna", "Anna", ROLE_LASARE, NULL, NULL, &e), ERR_INVALID);
    assert_int_equal(count(f->db, "SELECT count(*) FROM users"), 0);
    /* Ten characters is enough. */
    err_clear(&e);
    assert_int_equal(account_add(f->db, "anna", "Anna", ROLE_LASARE, "åäöåäöåäöå", NULL, &e), ERR_OK);
    assert_int_equal(count(f->db, "SELECT count(*) FROM users"), 1);
}

static void overlong_password_refused(void **state)
{
    Fixture *f = *state;
    char pw[1026];
    memset(pw, 'x', 1025);
    pw[1025] = '\0';
    Err e = ERR_INIT;
    assert_int_equal(account_add(f->db, "anna", "Anna", ROLE_LASARE, pw, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Lösenordet"));
    pw[1024] = '\0'; /* exactly 1024 bytes is allowed */
    err_clear(&e);
    assert_int_equal(account_add(f->db, "anna", "Anna", ROLE_LASARE, pw, NULL, &e), ERR_OK);
    Actor a;
    assert_int_equal(account_login(f->db, "anna", pw, &a, &e), ERR_OK);
}

static void duplicate_name_refused(void **state)
{
    Fixture *f = *state;
    add_user(f->db, "anna", ROLE_HANDLAGGARE);
    Err e = ERR_INIT;
    assert_int_equal(account_add(f->db, "anna", "Anna Annan", ROLE_ADMIN, GOOD_PW, NULL, &e), ERR_CONFLICT);
    assert_string_equal(e.msg, "Användaren 'anna' finns redan");
    assert_int_equal(count(f->db, "SELECT count(*) FROM users"), 1);
    assert_int_equal(count(f->db, "SELECT count(*) FROM users WHERE role = 'handlaggare'"), 1);
}

static void invalid_name_refused(void **state)
{
    Fixture *f = *state;
    static const char *const bad[] = {"Anna", "anna berg", "åsa", "anna/berg", "anna'--", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        Err e = ERR_INIT;
        assert_int_equal(account_add(f->db, bad[i], "Anna", ROLE_LASARE, GOOD_PW, NULL, &e), ERR_INVALID);
        assert_non_null(strstr(e.msg, "Användarnamnet"));
    }
    Err e = ERR_INIT;
    assert_int_equal(account_add(f->db, "Anna", "Anna", ROLE_LASARE, GOOD_PW, NULL, &e), ERR_INVALID);
    assert_string_equal(e.msg, "Användarnamnet får bara innehålla a–z, 0–9, punkt, bindestreck och understreck");
    char name[66];
    memset(name, 'a', 65);
    name[65] = '\0';
    err_clear(&e);
    assert_int_equal(account_add(f->db, name, "Anna", ROLE_LASARE, GOOD_PW, NULL, &e), ERR_INVALID);
    assert_int_equal(count(f->db, "SELECT count(*) FROM users"), 0);
    /* 64 characters of every allowed kind fit, and come back whole. */
    memset(name, 'a', 64);
    memcpy(name, "a.b-c_9", 7);
    name[64] = '\0';
    err_clear(&e);
    assert_int_equal(account_add(f->db, name, "Anna", ROLE_LASARE, GOOD_PW, NULL, &e), ERR_OK);
    Actor a;
    assert_int_equal(account_by_name(f->db, name, &a, &e), ERR_OK);
    assert_string_equal(a.name, name);
}

static void display_name_rules(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    assert_int_equal(account_add(f->db, "anna", "   ", ROLE_LASARE, GOOD_PW, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Visningsnamnet"));
    err_clear(&e);
    assert_int_equal(account_add(f->db, "anna", "Anna \xff Berg", ROLE_LASARE, GOOD_PW, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "Visningsnamnet"));
    err_clear(&e);
    assert_int_equal(account_add(f->db, "anna", "Anna\nBerg", ROLE_LASARE, GOOD_PW, NULL, &e), ERR_INVALID);
    char longname[130];
    memset(longname, 'x', 129);
    longname[129] = '\0';
    err_clear(&e);
    assert_int_equal(account_add(f->db, "anna", longname, ROLE_LASARE, GOOD_PW, NULL, &e), ERR_INVALID);
    assert_int_equal(count(f->db, "SELECT count(*) FROM users"), 0);
    /* 128 bytes (here 64 two-byte letters) is allowed and read back whole. */
    char ae[129] = "";
    for (int i = 0; i < 64; i++) strcat(ae, "ä");
    long long id = 0;
    err_clear(&e);
    assert_int_equal(account_add(f->db, "anna", ae, ROLE_LASARE, GOOD_PW, &id, &e), ERR_OK);
    Actor a;
    assert_int_equal(account_get(f->db, id, &a, &e), ERR_OK);
    assert_string_equal(a.display_name, ae);
}

static void unknown_role_refused(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    assert_int_equal(account_add(f->db, "anna", "Anna", ROLE_NONE, GOOD_PW, NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "roll"));
    assert_int_equal(count(f->db, "SELECT count(*) FROM users"), 0);
    Role r = ROLE_ADMIN;
    err_clear(&e);
    assert_int_equal(role_from_text("chef", &r, &e), ERR_INVALID);
    assert_string_equal(e.msg, "Okänd roll 'chef': välj admin, handläggare eller läsare");
    assert_int_equal(r, ROLE_NONE);
}

static void get_and_by_name(void **state)
{
    Fixture *f = *state;
    long long id = add_user(f->db, "anna", ROLE_ADMIN);
    Actor a;
    Err e = ERR_INIT;
    assert_int_equal(account_get(f->db, id, &a, &e), ERR_OK);
    assert_string_equal(a.name, "anna");
    assert_int_equal(a.role, ROLE_ADMIN);
    assert_int_equal(account_get(f->db, id + 1, &a, &e), ERR_NOTFOUND);
    err_clear(&e);
    assert_int_equal(account_by_name(f->db, "bertil", &a, &e), ERR_NOTFOUND);
    assert_string_equal(e.msg, "Användaren 'bertil' finns inte");
}

static void set_password_replaces_old_and_ends_sessions(void **state)
{
    Fixture *f = *state;
    long long id = add_user(f->db, "anna", ROLE_HANDLAGGARE);
    char sid[65], csrf[65];
    Err e = ERR_INIT;
    assert_int_equal(session_create(f->db, id, 3600, sid, csrf, &e), ERR_OK);
    assert_int_equal(account_set_password(f->db, "anna", "kort", &e), ERR_INVALID);
    Actor a;
    err_clear(&e);
    assert_int_equal(account_login(f->db, "anna", GOOD_PW, &a, &e), ERR_OK); /* unchanged after refusal */
    assert_int_equal(account_set_password(f->db, "anna", "ett nytt lösenord", &e), ERR_OK);
    assert_int_equal(account_login(f->db, "anna", GOOD_PW, &a, &e), ERR_AUTH);
    err_clear(&e);
    assert_int_equal(account_login(f->db, "anna", "ett nytt lösenord", &a, &e), ERR_OK);
    assert_int_equal(session_lookup(f->db, sid, &a, csrf, &e), ERR_AUTH);
    err_clear(&e);
    assert_int_equal(account_set_password(f->db, "bertil", GOOD_PW, &e), ERR_NOTFOUND);
    assert_string_equal(e.msg, "Användaren 'bertil' finns inte");
}

/* --- sessions ------------------------------------------------------------- */

static void writers_listed_in_swedish_order(void **state)
{
    Fixture *f = *state;
    Err e = ERR_INIT;
    const char *people[][2] = {{"orjan", "Örjan Ek"}, {"asa", "Åsa Lund"}, {"arla", "Ärla Nyström"},
                               {"zara", "Zara Berg"}, {"adam", "Adam Sten"}};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(account_add(f->db, people[i][0], people[i][1], ROLE_HANDLAGGARE, GOOD_PW, NULL, &e), ERR_OK);
    assert_int_equal(account_add(f->db, "lasse", "Lasse Läsare", ROLE_LASARE, GOOD_PW, NULL, &e), ERR_OK);
    Actor *list;
    size_t n;
    assert_int_equal(account_list_writers(f->db, &list, &n, &e), ERR_OK);
    assert_int_equal(n, 5); /* the reader is not offered as case officer */
    const char *want[] = {"Adam Sten", "Zara Berg", "Åsa Lund", "Ärla Nyström", "Örjan Ek"};
    for (size_t i = 0; i < n; i++) assert_string_equal(list[i].display_name, want[i]);
    free(list);
}

static bool all_hex(const char *s)
{
    return strspn(s, "0123456789abcdef") == 64 && s[64] == '\0';
}

static void session_create_then_lookup(void **state)
{
    Fixture *f = *state;
    long long id = add_user(f->db, "anna", ROLE_HANDLAGGARE);
    char sid[65], csrf[65], csrf2[65];
    Err e = ERR_INIT;
    assert_int_equal(session_create(f->db, id, 3600, sid, csrf, &e), ERR_OK);
    assert_true(all_hex(sid));
    assert_true(all_hex(csrf));
    assert_string_not_equal(sid, csrf);
    Actor a;
    assert_int_equal(session_lookup(f->db, sid, &a, csrf2, &e), ERR_OK);
    assert_int_equal(a.id, id);
    assert_string_equal(a.name, "anna");
    assert_string_equal(a.display_name, "Anna Berg");
    assert_int_equal(a.role, ROLE_HANDLAGGARE);
    assert_string_equal(csrf2, csrf);
    /* A second login is a second, different session. */
    char sid2[65];
    assert_int_equal(session_create(f->db, id, 3600, sid2, csrf2, &e), ERR_OK);
    assert_string_not_equal(sid, sid2);
    assert_string_not_equal(csrf, csrf2);
}

static void session_stores_only_a_hash(void **state)
{
    Fixture *f = *state;
    long long id = add_user(f->db, "anna", ROLE_HANDLAGGARE);
    char sid[65], csrf[65];
    Err e = ERR_INIT;
    assert_int_equal(session_create(f->db, id, 3600, sid, csrf, &e), ERR_OK);
    char *stored = db_text(f->db, &e, "SELECT id_hash FROM sessions", NULL);
    assert_non_null(stored);
    assert_string_not_equal(stored, sid);
    char h[65];
    secret_hash(sid, h);
    assert_string_equal(stored, h);
    free(stored);
    long long clear = db_int(f->db, &e, "SELECT count(*) FROM sessions WHERE id_hash = :s OR csrf = :s",
                             DB_ARGS(DB_TEXT(":s", sid)), -1);
    assert_int_equal(clear, 0); /* the id itself is nowhere in the row */
}

static void expired_session_refused(void **state)
{
    Fixture *f = *state;
    long long id = add_user(f->db, "anna", ROLE_HANDLAGGARE);
    char sid[65], csrf[65];
    Err e = ERR_INIT;
    assert_int_equal(session_create(f->db, id, 3600, sid, csrf, &e), ERR_OK);
    sql(f->db, "UPDATE sessions SET expires_at = '2020-01-01T00:00:00Z'");
    Actor a;
    assert_int_equal(session_lookup(f->db, sid, &a, csrf, &e), ERR_AUTH);
    assert_string_equal(e.msg, "Sessionen har gått ut eller finns inte; logga in igen");
    /* The next login clears the expired row away. */
    char sid2[65];
    assert_int_equal(session_create(f->db, id, 3600, sid2, csrf, &e), ERR_OK);
    assert_int_equal(count(f->db, "SELECT count(*) FROM sessions"), 1);
}

static void deleted_session_refused(void **state)
{
    Fixture *f = *state;
    long long id = add_user(f->db, "anna", ROLE_HANDLAGGARE);
    char sid[65], csrf[65];
    Err e = ERR_INIT;
    assert_int_equal(session_create(f->db, id, 3600, sid, csrf, &e), ERR_OK);
    session_delete(f->db, sid);
    Actor a;
    assert_int_equal(session_lookup(f->db, sid, &a, csrf, &e), ERR_AUTH);
    assert_int_equal(count(f->db, "SELECT count(*) FROM sessions"), 0);
    session_delete(f->db, sid);    /* twice is harmless */
    session_delete(f->db, "junk"); /* and so is nonsense */
    session_delete(f->db, NULL);
}

static void malformed_session_ids_refused(void **state)
{
    Fixture *f = *state;
    long long id = add_user(f->db, "anna", ROLE_HANDLAGGARE);
    char sid[65], csrf[65];
    Err e = ERR_INIT;
    assert_int_equal(session_create(f->db, id, 3600, sid, csrf, &e), ERR_OK);
    char upper[65];
    for (int i = 0; i < 65; i++) upper[i] = (sid[i] >= 'a' && sid[i] <= 'f') ? (char)(sid[i] - 32) : sid[i];
    char longer[70];
    snprintf(longer, sizeof longer, "%s0", sid);
    char shorter[65];
    snprintf(shorter, sizeof shorter, "%.63s", sid);
    const char *bad[] = {NULL, "", "' OR 1=1 --", shorter, longer, upper};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        Actor a;
        char c[65] = "x";
        err_clear(&e);
        assert_int_equal(session_lookup(f->db, bad[i], &a, c, &e), ERR_AUTH);
    }
}

static void session_of_inactive_user_refused(void **state)
{
    Fixture *f = *state;
    long long id = add_user(f->db, "anna", ROLE_HANDLAGGARE);
    char sid[65], csrf[65];
    Err e = ERR_INIT;
    assert_int_equal(session_create(f->db, id, 3600, sid, csrf, &e), ERR_OK);
    sql(f->db, "UPDATE users SET active = 0");
    Actor a;
    assert_int_equal(session_lookup(f->db, sid, &a, csrf, &e), ERR_AUTH);
    err_clear(&e);
    assert_int_equal(session_create(f->db, id, 3600, sid, csrf, &e), ERR_NOTFOUND);
    err_clear(&e);
    assert_int_equal(session_create(f->db, id + 99, 3600, sid, csrf, &e), ERR_NOTFOUND);
    assert_int_equal(count(f->db, "SELECT count(*) FROM sessions"), 1);
}

static void csrf_equal_cases(void **state)
{
    (void)state;
    const char *a = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    char b[65];
    memcpy(b, a, 65);
    assert_true(csrf_equal(a, b));
    b[63] = '0';
    assert_false(csrf_equal(a, b));
    b[63] = 'f';
    b[0] = '1';
    assert_false(csrf_equal(a, b));
    assert_false(csrf_equal(a, NULL));
    assert_false(csrf_equal(NULL, a));
    assert_false(csrf_equal(NULL, NULL));
    assert_false(csrf_equal(a, ""));
    assert_false(csrf_equal("", ""));
    assert_false(csrf_equal(a, "0123456789abcdef")); /* a prefix is not enough */
    char longer[70];
    snprintf(longer, sizeof longer, "%s00", a);
    assert_false(csrf_equal(a, longer));
    assert_false(csrf_equal(longer, longer)); /* not a token of ours at all */
}

/* --- API tokens ----------------------------------------------------------- */

static void token_create_then_lookup(void **state)
{
    Fixture *f = *state;
    long long id = add_user(f->db, "anna", ROLE_LASARE);
    char tok[70];
    Err e = ERR_INIT;
    assert_int_equal(token_create(f->db, "anna", "  rapportskript ", tok, &e), ERR_OK);
    assert_int_equal(strlen(tok), 69);
    assert_true(strncmp(tok, "lots_", 5) == 0);
    assert_true(all_hex(tok + 5));
    Actor a;
    assert_int_equal(token_lookup(f->db, tok, &a, &e), ERR_OK);
    assert_int_equal(a.id, id);
    assert_string_equal(a.name, "anna");
    assert_int_equal(a.role, ROLE_LASARE);
    char h[65];
    secret_hash(tok, h);
    assert_int_equal(count(f->db, "SELECT count(*) FROM api_tokens WHERE label = 'rapportskript'"), 1);
    char *stored = db_text(f->db, &e, "SELECT token_hash FROM api_tokens", NULL);
    assert_string_equal(stored, h);
    assert_null(strstr(stored, tok + 5));
    free(stored);
}

static void tampered_token_refused(void **state)
{
    Fixture *f = *state;
    add_user(f->db, "anna", ROLE_HANDLAGGARE);
    char tok[70];
    Err e = ERR_INIT;
    assert_int_equal(token_create(f->db, "anna", "skript", tok, &e), ERR_OK);
    Actor a;
    char bad[70];
    memcpy(bad, tok, sizeof bad);
    bad[40] = bad[40] == '0' ? '1' : '0';
    assert_int_equal(token_lookup(f->db, bad, &a, &e), ERR_AUTH);
    assert_string_equal(e.msg, "Ogiltig eller återkallad API-nyckel");
    memcpy(bad, tok, sizeof bad);
    bad[0] = 'L'; /* wrong prefix */
    err_clear(&e);
    assert_int_equal(token_lookup(f->db, bad, &a, &e), ERR_AUTH);
    err_clear(&e);
    assert_int_equal(token_lookup(f->db, tok + 5, &a, &e), ERR_AUTH); /* without prefix */
    err_clear(&e);
    assert_int_equal(token_lookup(f->db, NULL, &a, &e), ERR_AUTH);
    err_clear(&e);
    assert_int_equal(token_lookup(f->db, tok, &a, &e), ERR_OK); /* the real one still works */
}

static void revoked_token_refused(void **state)
{
    Fixture *f = *state;
    add_user(f->db, "anna", ROLE_HANDLAGGARE);
    char tok[70];
    Err e = ERR_INIT;
    assert_int_equal(token_create(f->db, "anna", "skript", tok, &e), ERR_OK);
    sql(f->db, "UPDATE api_tokens SET revoked_at = '2026-01-01T00:00:00Z'");
    Actor a;
    assert_int_equal(token_lookup(f->db, tok, &a, &e), ERR_AUTH);
    assert_string_equal(e.msg, "Ogiltig eller återkallad API-nyckel");
}

static void token_of_inactive_user_refused(void **state)
{
    Fixture *f = *state;
    add_user(f->db, "anna", ROLE_HANDLAGGARE);
    char tok[70];
    Err e = ERR_INIT;
    assert_int_equal(token_create(f->db, "anna", "skript", tok, &e), ERR_OK);
    sql(f->db, "UPDATE users SET active = 0");
    Actor a;
    assert_int_equal(token_lookup(f->db, tok, &a, &e), ERR_AUTH);
}

static void token_needs_known_user_and_label(void **state)
{
    Fixture *f = *state;
    add_user(f->db, "anna", ROLE_HANDLAGGARE);
    char tok[70] = "x";
    Err e = ERR_INIT;
    assert_int_equal(token_create(f->db, "bertil", "skript", tok, &e), ERR_NOTFOUND);
    assert_string_equal(e.msg, "Användaren 'bertil' finns inte");
    assert_string_equal(tok, "");
    err_clear(&e);
    assert_int_equal(token_create(f->db, "anna", "  ", tok, &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(token_create(f->db, "anna", NULL, tok, &e), ERR_INVALID);
    assert_int_equal(count(f->db, "SELECT count(*) FROM api_tokens"), 0);
}

/* --- roles and hashing ---------------------------------------------------- */

static void roles(void **state)
{
    (void)state;
    assert_int_equal(role_parse("admin"), ROLE_ADMIN);
    assert_int_equal(role_parse("Admin"), ROLE_ADMIN);
    assert_int_equal(role_parse("handlaggare"), ROLE_HANDLAGGARE);
    assert_int_equal(role_parse("handläggare"), ROLE_HANDLAGGARE);
    assert_int_equal(role_parse("Handläggare"), ROLE_HANDLAGGARE);
    assert_int_equal(role_parse("lasare"), ROLE_LASARE);
    assert_int_equal(role_parse("läsare"), ROLE_LASARE);
    assert_int_equal(role_parse("LÄSARE"), ROLE_LASARE);
    assert_int_equal(role_parse("chef"), ROLE_NONE);
    assert_int_equal(role_parse(""), ROLE_NONE);
    assert_int_equal(role_parse(NULL), ROLE_NONE);
    assert_false(role_can_write(ROLE_LASARE));
    assert_false(role_can_write(ROLE_NONE));
    assert_true(role_can_write(ROLE_HANDLAGGARE));
    assert_true(role_can_write(ROLE_ADMIN));
    for (Role r = ROLE_LASARE; r <= ROLE_ADMIN; r++) assert_int_equal(role_parse(role_key(r)), r);
    assert_string_equal(role_label(ROLE_HANDLAGGARE), "Handläggare");
    assert_string_equal(role_label(ROLE_ADMIN), "Administratör");
}

static void secret_hash_is_blake2b_hex(void **state)
{
    (void)state;
    char a[65], b[65];
    secret_hash("hemlig", a);
    secret_hash("hemlig", b);
    assert_string_equal(a, b);
    assert_true(all_hex(a));
    secret_hash("hemlih", b);
    assert_string_not_equal(a, b);
    /* BLAKE2b-256 of the empty string, a published test value. */
    secret_hash("", a);
    assert_string_equal(a, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(stored_hash_is_argon2id_without_password, setup, teardown),
        cmocka_unit_test_setup_teardown(login_ok, setup, teardown),
        cmocka_unit_test_setup_teardown(wrong_password_and_unknown_user_look_the_same, setup, teardown),
        cmocka_unit_test_setup_teardown(inactive_user_cannot_log_in, setup, teardown),
        cmocka_unit_test_setup_teardown(short_password_refused_and_nothing_written, setup, teardown),
        cmocka_unit_test_setup_teardown(overlong_password_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(duplicate_name_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(invalid_name_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(display_name_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(unknown_role_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(get_and_by_name, setup, teardown),
        cmocka_unit_test_setup_teardown(writers_listed_in_swedish_order, setup, teardown),
        cmocka_unit_test_setup_teardown(set_password_replaces_old_and_ends_sessions, setup, teardown),
        cmocka_unit_test_setup_teardown(session_create_then_lookup, setup, teardown),
        cmocka_unit_test_setup_teardown(session_stores_only_a_hash, setup, teardown),
        cmocka_unit_test_setup_teardown(expired_session_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(deleted_session_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed_session_ids_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(session_of_inactive_user_refused, setup, teardown),
        cmocka_unit_test(csrf_equal_cases),
        cmocka_unit_test_setup_teardown(token_create_then_lookup, setup, teardown),
        cmocka_unit_test_setup_teardown(tampered_token_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(revoked_token_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(token_of_inactive_user_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(token_needs_known_user_and_label, setup, teardown),
        cmocka_unit_test(roles),
        cmocka_unit_test(secret_hash_is_blake2b_hex),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
