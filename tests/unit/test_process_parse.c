/*
 * test_process_parse.c — broken process definitions are refused with a
 * Swedish message that names the file and the exact line, and an
 * organisation's directory of definitions overrides the built-ins as a
 * whole or not at all.
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

#include "base/text.h"
#include "core/process.h"

/* A definition that parses; the numbers are its lines. */
static const char valid[] = "key: T\n"               /* 1 */
                            "name: Test\n"           /* 2 */
                            "origins: [1]\n"         /* 3 */
                            "steps:\n"               /* 4 */
                            "  - key: start\n"       /* 5 */
                            "    name: Start\n"      /* 6 */
                            "    transitions:\n"     /* 7 */
                            "      - to: slut\n"     /* 8 */
                            "        label: Klart\n" /* 9 */
                            "  - key: slut\n"        /* 10 */
                            "    name: Slut\n"       /* 11 */
                            "    kind: final\n";     /* 12 */

static void expect_error(const char *yaml, const char *prefix, const char *needle)
{
    ProcessDef *def = (ProcessDef *)&def;
    Err e = ERR_INIT;
    assert_int_equal(process_parse(yaml, strlen(yaml), "t.yaml", &def, &e), ERR_INVALID);
    assert_null(def);
    if (strncmp(e.msg, prefix, strlen(prefix))) fail_msg("'%s' does not start with '%s'", e.msg, prefix);
    if (!strstr(e.msg, needle)) fail_msg("'%s' does not contain '%s'", e.msg, needle);
}

static void a_valid_definition_parses(void **state)
{
    (void)state;
    ProcessDef *def = NULL;
    Err e = ERR_INIT;
    assert_int_equal(process_parse(valid, strlen(valid), "t.yaml", &def, &e), ERR_OK);
    assert_string_equal(def->key, "T");
    assert_string_equal(def->source, "t.yaml");
    assert_int_equal(def->nsteps, 2);
    assert_int_equal(def->steps[0].kind, STEP_WORK);
    assert_int_equal(def->steps[0].line, 5);
    assert_int_equal(def->steps[0].transitions[0].line, 8);
    assert_false(def->is_default);
    assert_null(def->description);
    process_free(def);
}

static void unknown_field_is_named_with_its_line(void **state)
{
    (void)state;
    expect_error("key: T\n"
                 "name: Test\n"
                 "origins: [1]\n"
                 "steps:\n"
                 "  - key: start\n"
                 "    name: Start\n"
                 "    tranistions:\n" /* 7 */
                 "      - to: slut\n"
                 "        label: Klart\n",
                 "t.yaml:7: ", "okänt fält 'tranistions' i steg 'start' – menade du 'transitions'?");
    expect_error("key: T\n"
                 "name: Test\n"
                 "origins: [1]\n"
                 "colour: blå\n" /* 4 */
                 "steps: []\n",
                 "t.yaml:4: ", "okänt fält 'colour' i processen (tillåtna fält: key, name,");
}

static void transition_to_unknown_step(void **state)
{
    (void)state;
    expect_error("key: T\n"
                 "name: Test\n"
                 "origins: [1]\n"
                 "steps:\n"
                 "  - key: start\n"
                 "    name: Start\n"
                 "    transitions:\n"
                 "      - label: Klart\n"
                 "        to: slutt\n" /* 9 */
                 "  - key: slut\n"
                 "    name: Slut\n"
                 "    kind: final\n",
                 "t.yaml:9: ", "övergång till okänt steg 'slutt' i steg 'start' – menade du 'slut'?");
}

static void origin_outside_one_to_six(void **state)
{
    (void)state;
    expect_error("key: T\n"
                 "name: Test\n"
                 "origins:\n"
                 "  - 1\n"
                 "  - 7\n" /* 5 */
                 "steps: []\n",
                 "t.yaml:5: ", "ursprung 7 finns inte (1–6)");
    expect_error("key: T\nname: Test\norigins: [2, 2]\nsteps: []\n", "t.yaml:3: ", "ursprung 2 står två gånger");
    expect_error("key: T\nname: Test\norigins: [ett]\nsteps: []\n", "t.yaml:3: ", "heltal 1–6, inte 'ett'");
}

static void yaml_syntax_error_has_libyamls_line(void **state)
{
    (void)state;
    expect_error("key: T\n"
                 "name: Test\n"
                 "origins: [1]\n"
                 "steps:\n"
                 "  - key: start\n"
                 "    name: Start: igen\n" /* 6 */
                 "    kind: final\n",
                 "t.yaml:6: ", "YAML-syntaxfel");
    expect_error("key: T\n"
                 "name: Test\n"
                 "steps:\n"
                 "  - key: start\n"
                 "\tname: Start\n" /* 5: a tab */
                 "    kind: final\n",
                 "t.yaml:5: ", "tabbtecken");
    expect_error("", "t.yaml:1: ", "tom");
    expect_error("key: T\nname: \xff\n", "t.yaml:2: ", "UTF-8");
    /* found by tests/fuzz/fuzz_process: an error at the end of a file with no
     * final line break was reported on a line past the end */
    expect_error("key: T\nname", "t.yaml:2: ", "YAML-syntaxfel");
    /* found by fuzz_process too: a lone document marker, whose empty value
     * libyaml places on the line after it */
    expect_error("---", "t.yaml:1: ", "fält med värden");
    expect_error("---\n", "t.yaml:1: ", "fält med värden");
    /* and an empty second document at the end of the file */
    expect_error("key: T\n---", "t.yaml:2: ", "ett YAML-dokument");
}

/* Found by fuzz_rules: a message cut to fit its buffer inside a two-byte
 * character was not UTF-8. A field name of 250 å is cut in every message. */
static void long_messages_stay_utf8(void **state)
{
    (void)state;
    for (int shift = 0; shift < 2; shift++) { /* an odd and an even cut */
        char yaml[1200] = "key: T\nname: Test\n";
        if (shift) strcat(yaml, "x");
        for (int i = 0; i < 250; i++) strcat(yaml, "\xc3\xa5");
        strcat(yaml, ": 1\n");
        ProcessDef *def = NULL;
        Err e = ERR_INIT;
        assert_int_equal(process_parse(yaml, strlen(yaml), "t.yaml", &def, &e), ERR_INVALID);
        assert_true(strlen(e.msg) > 390);
        if (!utf8_valid(e.msg)) fail_msg("shift %d: the message is not UTF-8", shift);
    }
}

static void duplicate_step(void **state)
{
    (void)state;
    expect_error("key: T\n"
                 "name: Test\n"
                 "origins: [1]\n"
                 "steps:\n"
                 "  - key: start\n"
                 "    name: Start\n"
                 "    transitions:\n"
                 "      - to: slut\n"
                 "        label: Klart\n"
                 "  - key: start\n" /* 10 */
                 "    name: Igen\n"
                 "    transitions:\n"
                 "      - to: slut\n"
                 "        label: Klart\n"
                 "  - key: slut\n"
                 "    name: Slut\n"
                 "    kind: final\n",
                 "t.yaml:10: ", "steget 'start' finns två gånger (första gången på rad 5)");
}

/* `valid` with line `line` (1-based) replaced by `text`. */
static char *with_line(int line, const char *text)
{
    static char out[2048];
    const char *p = valid;
    size_t n = 0;
    for (int l = 1; *p; l++) {
        const char *end = strchr(p, '\n');
        size_t len = (size_t)(end - p) + 1;
        const char *src = l == line ? text : p;
        size_t sl = l == line ? strlen(text) : len;
        memcpy(out + n, src, sl);
        n += sl;
        p += len;
    }
    out[n] = '\0';
    return out;
}

static void values_and_rules_of_steps(void **state)
{
    (void)state;
    expect_error(with_line(9, "        label: Klart\n        back: ja\n"), "t.yaml:10: ",
                 "'back' måste vara true eller false i övergången till 'slut' i steg 'start'");
    expect_error(with_line(9, "        label: Klart\n        needs_decision: true\n"), "t.yaml:8: ",
                 "'needs_decision' gäller bara i ett beslutssteg");
    expect_error(with_line(9, "        label: Klart\n        needs_consultation: true\n"), "t.yaml:8: ",
                 "'needs_consultation' gäller bara i ett förankringssteg");
    expect_error(with_line(9, "        when: Alltid\n"), "t.yaml:8: ", "fältet 'label' saknas i övergången till 'slut'");
    expect_error(with_line(6, "    name: Start\n    kind: beslut\n"), "t.yaml:7: ",
                 "okänd typ 'beslut' i steg 'start' (work, anchoring, decision eller final)");
    expect_error(with_line(6, "    name: Start\n    kind: decision\n"), "t.yaml:5: ",
                 "beslutssteget 'start' måste ange minst ett beslutande organ");
    expect_error(with_line(6, "    name: Start\n    kind: anchoring\n"), "t.yaml:5: ",
                 "förankringssteget 'start' måste ange minst ett organ i 'consult'");
    expect_error(with_line(6, "    name: Start\n    deciders: [SSN]\n"), "t.yaml:5: ",
                 "'deciders' gäller bara i ett beslutssteg");
    expect_error(with_line(12, "    kind: work\n"), "t.yaml:10: ", "steget 'slut' saknar övergångar");
    expect_error(with_line(12, "    kind: final\n    transitions:\n      - to: start\n        label: Igen\n"),
                 "t.yaml:14: ", "slutsteget 'slut' (kind: final) kan inte ha övergångar");
    expect_error(with_line(6, ""), "t.yaml:5: ", "fältet 'name' saknas i steg 'start'");
    expect_error(with_line(5, "  - key: Början\n"), "t.yaml:5: ", "ogiltigt id 'Början' i steg 'Början'");
    expect_error(with_line(8, "      - to: start\n"), "t.yaml:8: ", "steget 'start' har en övergång till sig självt");
}

static void checklist_items_are_checked(void **state)
{
    (void)state;
    expect_error(with_line(6, "    name: Start\n"
                              "    checklist:\n"
                              "      - key: a\n"
                              "        text: A\n"
                              "        required: ja\n"), /* 10 */
                 "t.yaml:10: ", "'required' måste vara true eller false i punkten 'a' i steg 'start'");
    expect_error(with_line(6, "    name: Start\n"
                              "    checklist:\n"
                              "      - key: a\n"
                              "        text: A\n"
                              "      - key: a\n" /* 10 */
                              "        text: B\n"),
                 "t.yaml:10: ", "punkten 'a' finns två gånger i checklistan för steg 'start'");
    expect_error(with_line(6, "    name: Start\n"
                              "    checklist:\n"
                              "      - key: a\n" /* 8 */
                              "        txt: A\n"),
                 "t.yaml:9: ", "okänt fält 'txt' i punkten 'a' i steg 'start' – menade du 'text'?");
}

static void process_level_requirements(void **state)
{
    (void)state;
    expect_error(with_line(3, ""), "t.yaml:1: ", "fältet 'origins' saknas");
    expect_error(with_line(2, "name: Test\nname: Igen\n"), "t.yaml:3: ", "fältet 'name' finns två gånger i processen");
    expect_error("key: T\nname: Test\norigins: [1]\nsteps: []\n", "t.yaml:4: ", "minst ett steg");
    expect_error("key: T\nname: Test\norigins: [1]\n", "t.yaml:1: ", "fältet 'steps' saknas");
    expect_error(with_line(1, "key: T Ö\n"), "t.yaml:1: ", "ogiltigt id för processen 'T Ö'");
    expect_error(with_line(1, "key: [T]\n"), "t.yaml:1: ", "'key' i processen ska vara en text");
    expect_error("- key: T\n", "t.yaml:1: ", "Processen ska skrivas som fält med värden");
    expect_error("key: T\n---\nkey: U\n", "t.yaml:3: ", "bara innehålla ett YAML-dokument");
}

/* --- the organisation's directory -------------------------------------------------- */

typedef struct {
    char dir[64];
    char paths[8][128];
    int n;
} TempDir;

static void temp_dir(TempDir *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->dir, sizeof t->dir, "/tmp/lots-process-test-XXXXXX");
    if (!mkdtemp(t->dir)) fail_msg("mkdtemp failed");
}

static const char *put(TempDir *t, const char *name, const char *text)
{
    char *path = t->paths[t->n++];
    char full[sizeof t->paths[0]];
    snprintf(full, sizeof full, "%s/%s", t->dir, name);
    memcpy(path, full, sizeof full);
    FILE *f = fopen(path, "w");
    if (!f) fail_msg("cannot write %s", path);
    fputs(text, f);
    fclose(f);
    return path;
}

static void remove_dir(TempDir *t)
{
    for (int i = 0; i < t->n; i++) unlink(t->paths[i]);
    rmdir(t->dir);
}

static const char own_a[] = "key: A\n"
                            "name: Egen process A\n"
                            "origins: [1, 2]\n" /* 3 */
                            "steps:\n"
                            "  - key: start\n"
                            "    name: Start\n"
                            "    transitions:\n"
                            "      - to: klart\n"
                            "        label: Klart\n"
                            "  - key: klart\n"
                            "    name: Klart\n"
                            "    kind: final\n";

static void expect_refused(const char *dir, const char *prefix, const char *needle, const char *needle2)
{
    ProcessSet ps = {(ProcessDef **)&ps, 99};
    Err e = ERR_INIT;
    assert_int_equal(process_set_load(&ps, dir, &e), ERR_INVALID);
    assert_null(ps.defs);
    assert_int_equal(ps.n, 0);
    if (strncmp(e.msg, prefix, strlen(prefix))) fail_msg("'%s' does not start with '%s'", e.msg, prefix);
    if (!strstr(e.msg, needle)) fail_msg("'%s' does not contain '%s'", e.msg, needle);
    if (needle2 && !strstr(e.msg, needle2)) fail_msg("'%s' does not contain '%s'", e.msg, needle2);
}

static void an_override_replaces_the_builtin_with_its_key(void **state)
{
    (void)state;
    TempDir t;
    temp_dir(&t);
    const char *path = put(&t, "A.yaml", own_a);
    put(&t, "LASMIG.txt", "inte en process");
    ProcessSet ps = {0};
    Err e = ERR_INIT;
    assert_int_equal(process_set_load(&ps, t.dir, &e), ERR_OK);
    assert_int_equal(ps.n, 3);
    const ProcessDef *a = process_find(&ps, "A");
    assert_string_equal(a->name, "Egen process A");
    assert_string_equal(a->source, path);
    assert_ptr_equal(process_for_origin(&ps, 2), a);
    assert_string_equal(process_find(&ps, "B")->source, "processes/B.yaml");
    process_set_free(&ps);
    assert_null(ps.defs);
    remove_dir(&t);
}

static void a_broken_override_refuses_the_whole_set(void **state)
{
    (void)state;
    TempDir t;
    temp_dir(&t);
    put(&t, "A.yaml", own_a);
    const char *bad = put(&t, "B.yaml", "key: B\nname: Trasig\norigins: [3, 4, 5]\nstep: []\n");
    char prefix[160];
    snprintf(prefix, sizeof prefix, "%s:4: ", bad);
    expect_refused(t.dir, prefix, "okänt fält 'step' i processen – menade du 'steps'?", NULL);
    remove_dir(&t);
}

static void two_processes_may_not_claim_one_origin(void **state)
{
    (void)state;
    TempDir t;
    temp_dir(&t);
    char text[sizeof own_a + 16];
    snprintf(text, sizeof text, "%s", own_a);
    memcpy(text, "key: X", 6);                          /* a new process X … */
    memcpy(strstr(text, "[1, 2]"), "[6]   ", 6);        /* … that also wants origin 6 */
    const char *x = put(&t, "X.yaml", text);
    char prefix[160];
    snprintf(prefix, sizeof prefix, "%s:3: ", x);
    expect_refused(t.dir, prefix, "ursprung 6 leds redan till process C", "processes/C.yaml:");
    remove_dir(&t);
}

static void an_origin_left_without_process_is_refused(void **state)
{
    (void)state;
    TempDir t;
    temp_dir(&t);
    char text[sizeof own_a + 16];
    snprintf(text, sizeof text, "%s", own_a);
    memcpy(strstr(text, "[1, 2]"), "[1]   ", 6);
    const char *a = put(&t, "A.yaml", text);
    char prefix[160];
    snprintf(prefix, sizeof prefix, "%s:3: ", a);
    expect_refused(t.dir, prefix, "ursprung 2 (Initiativ från patient-, brukar- eller professionsföreningar)",
                   "leds inte längre till någon process");
    remove_dir(&t);
}

static void two_override_files_with_one_key_and_a_missing_dir(void **state)
{
    (void)state;
    TempDir t;
    temp_dir(&t);
    const char *first = put(&t, "A.yaml", own_a);
    const char *second = put(&t, "A2.yaml", own_a);
    char prefix[160];
    snprintf(prefix, sizeof prefix, "%s:1: ", second);
    expect_refused(t.dir, prefix, "processen 'A' finns redan i", first);
    remove_dir(&t);
    expect_refused("/tmp/lots-finns-inte-alls", "/tmp/lots-finns-inte-alls: ", "finns inte", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_valid_definition_parses),
        cmocka_unit_test(unknown_field_is_named_with_its_line),
        cmocka_unit_test(transition_to_unknown_step),
        cmocka_unit_test(origin_outside_one_to_six),
        cmocka_unit_test(yaml_syntax_error_has_libyamls_line),
        cmocka_unit_test(long_messages_stay_utf8),
        cmocka_unit_test(duplicate_step),
        cmocka_unit_test(values_and_rules_of_steps),
        cmocka_unit_test(checklist_items_are_checked),
        cmocka_unit_test(process_level_requirements),
        cmocka_unit_test(an_override_replaces_the_builtin_with_its_key),
        cmocka_unit_test(a_broken_override_refuses_the_whole_set),
        cmocka_unit_test(two_processes_may_not_claim_one_origin),
        cmocka_unit_test(an_origin_left_without_process_is_refused),
        cmocka_unit_test(two_override_files_with_one_key_and_a_missing_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
