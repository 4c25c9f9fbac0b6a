/*
 * cmd_admin.c — setting Lots up and running it: init, serve, users, API
 * tokens, settings, version.
 */
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "base/text.h"
#include "core/demo.h"
#include "core/settings.h"
#include "web/web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOTS_VERSION "0.1.0"

int cmd_version(int argc, char **argv)
{
    (void)argc, (void)argv;
    printf("lots " LOTS_VERSION "\n");
    return EXIT_OK;
}

int cmd_init(int argc, char **argv)
{
    static const char *usage = "lots init [--db PATH] [--demo] [--processes DIR]";
    CliOpt o[] = {{"--db", true, NULL, false}, {"--demo", false, NULL, false}, {"--processes", true, NULL, false}};
    size_t npos;
    if (!cli_parse(argc, argv, o, 3, NULL, 0, &npos, usage)) return EXIT_USAGE;
    ProcessSet ps = {0};
    if (!cli_load_processes(&ps, o[2].value)) return EXIT_FAIL;
    Db *db = cli_open_db(o[0].value);
    int rc = db ? EXIT_OK : EXIT_FAIL;
    if (db && o[1].present) {
        char password[33];
        Err e = ERR_INIT;
        if (demo_load(db, &ps, password, &e)) rc = cli_fail(e.msg);
        else
            printf("Demodata inlagd i %s.\nLogga in som admin med lösenordet: %s\n(lösenordet visas bara nu)\n",
                   db_path(db), password);
    } else if (db) {
        printf("Databasen %s är klar (schemaversion %d).\n", db_path(db), db_schema_version(db));
    }
    db_close(db);
    process_set_free(&ps);
    return rc;
}

int cmd_serve(int argc, char **argv)
{
    static const char *usage =
        "lots serve [--db PATH] [--listen ADDR:PORT] [--processes DIR] [--rules DIR] [--prefix /lots] [--secure-cookies]";
    CliOpt o[] = {{"--db", true, NULL, false},
                  {"--listen", true, NULL, false},
                  {"--processes", true, NULL, false},
                  {"--prefix", true, NULL, false},
                  {"--secure-cookies", false, NULL, false},
                  {"--threads", true, NULL, false},
                  {"--rules", true, NULL, false}};
    size_t npos;
    if (!cli_parse(argc, argv, o, 7, NULL, 0, &npos, usage)) return EXIT_USAGE;
    const char *prefix = o[3].value ? o[3].value : "";
    if (*prefix && (prefix[0] != '/' || prefix[strlen(prefix) - 1] == '/'))
        return cli_fail("--prefix måste börja med / och inte sluta med /, t.ex. /lots");
    ProcessSet ps = {0};
    RuleSets rules = {0};
    if (!cli_load_processes(&ps, o[2].value)) return EXIT_FAIL;
    Db *db = NULL;
    if (!cli_load_rules(&rules, o[6].value) || !(db = cli_open_db(o[0].value))) { /* migrate once before serving */
        rules_free(&rules);
        process_set_free(&ps);
        return EXIT_FAIL;
    }
    db_close(db);
    WebConfig cfg = {.db_path = cli_db_path(o[0].value),
                     .ps = &ps,
                     .rules = &rules,
                     .listen = o[1].value ? o[1].value : "127.0.0.1:8080",
                     .prefix = prefix,
                     .threads = o[5].value ? atoi(o[5].value) : 4,
                     .session_ttl = 8 * 3600,
                     .secure_cookies = o[4].present};
    Err e = ERR_INIT;
    int rc = web_serve(&cfg, &e) ? cli_fail(e.msg) : EXIT_OK;
    rules_free(&rules);
    process_set_free(&ps);
    return rc;
}

int cmd_user_add(int argc, char **argv)
{
    static const char *usage = "lots user add NAME --role ROLE --password-stdin [--display-name TEXT] [--db PATH]";
    CliOpt o[] = {{"--db", true, NULL, false},
                  {"--role", true, NULL, false},
                  {"--password-stdin", false, NULL, false},
                  {"--display-name", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 4, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1 || !o[1].value || !o[2].present) return cli_usage(usage);
    Role role;
    Err e = ERR_INIT;
    if (role_from_text(o[1].value, &role, &e)) return cli_fail(e.msg);
    Db *db = cli_open_db(o[0].value);
    if (!db) return EXIT_FAIL;
    char *password = read_stdin_line();
    long long id;
    int rc = account_add(db, pos[0], o[3].value ? o[3].value : pos[0], role, password, &id, &e) ? cli_fail(e.msg)
                                                                                                : EXIT_OK;
    if (rc == EXIT_OK) printf("Användaren %s (%s) är skapad.\n", pos[0], role_label(role));
    free(password);
    db_close(db);
    return rc;
}

int cmd_user_link(int argc, char **argv)
{
    static const char *usage = "lots user link NAME --person ID [--db PATH]";
    CliOpt o[] = {{"--db", true, NULL, false}, {"--person", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    long person;
    if (!cli_parse(argc, argv, o, 2, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1 || !o[1].value || !parse_long(o[1].value, &person) || person < 0) return cli_usage(usage);
    Db *db = cli_open_db(o[0].value);
    if (!db) return EXIT_FAIL;
    Err e = ERR_INIT;
    int rc = account_link_person(db, pos[0], person, &e) ? cli_fail(e.msg) : EXIT_OK;
    if (rc == EXIT_OK && person) printf("Kontot %s är personen med id %lld.\n", pos[0], (long long)person);
    else if (rc == EXIT_OK) printf("Kontot %s är inte längre kopplat till någon person.\n", pos[0]);
    db_close(db);
    return rc;
}

int cmd_token_new(int argc, char **argv)
{
    static const char *usage = "lots token new NAME [--label TEXT] [--db PATH]";
    CliOpt o[] = {{"--db", true, NULL, false}, {"--label", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 2, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1) return cli_usage(usage);
    Db *db = cli_open_db(o[0].value);
    if (!db) return EXIT_FAIL;
    char token[70];
    Err e = ERR_INIT;
    int rc = token_create(db, pos[0], o[1].value ? o[1].value : pos[0], token, &e) ? cli_fail(e.msg) : EXIT_OK;
    if (rc == EXIT_OK) printf("%s\n", token);
    db_close(db);
    return rc;
}

int cmd_setting_set(int argc, char **argv)
{
    static const char *usage = "lots setting set KEY VALUE [--db PATH]";
    CliOpt o[] = {{"--db", true, NULL, false}};
    const char *pos[2];
    size_t npos;
    if (!cli_parse(argc, argv, o, 1, pos, 2, &npos, usage)) return EXIT_USAGE;
    if (npos != 2) return cli_usage(usage);
    Db *db = cli_open_db(o[0].value);
    if (!db) return EXIT_FAIL;
    Err e = ERR_INIT;
    int rc = setting_set(db, pos[0], pos[1], &e) ? cli_fail(e.msg) : EXIT_OK;
    if (rc == EXIT_OK) printf("%s = %s\n", pos[0], pos[1]);
    db_close(db);
    return rc;
}
