/*
 * cmd_process.c — `lots process list` and `lots process show`: the process
 * definitions as the engine loaded them (built-ins plus any overrides), as
 * text for a person, as JSON for a program, or as the SVG diagram.
 *
 * Reads definitions only; never opens the database.
 */
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "base/buf.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *step_kind_label(StepKind k)
{
    switch (k) {
    case STEP_ANCHORING: return "förankring";
    case STEP_DECISION: return "beslut";
    case STEP_FINAL: return "avslutat";
    case STEP_WORK: break;
    }
    return "arbetssteg";
}

static void print_origins(const ProcessDef *def, bool long_form)
{
    for (size_t i = 0; i < def->norigins; i++) {
        int o = def->origins[i];
        if (long_form) printf("  %d  %s\n", o, origin_label(o) ? origin_label(o) : "");
        else printf("%s%d", i ? ", " : "", o);
    }
}

int cmd_process_list(int argc, char **argv)
{
    static const char *usage = "lots process list [--processes DIR]";
    CliOpt o[] = {{"--processes", true, NULL, false}};
    size_t npos;
    if (!cli_parse(argc, argv, o, 1, NULL, 0, &npos, usage)) return EXIT_USAGE;
    ProcessSet ps = {0};
    if (!cli_load_processes(&ps, o[0].value)) return EXIT_FAIL;
    for (size_t i = 0; i < ps.n; i++) {
        const ProcessDef *def = ps.defs[i];
        printf("%-4s %s%s\n     ursprung ", def->key, def->name, def->is_default ? " (standardförslag)" : "");
        print_origins(def, false);
        printf(" · %zu steg", def->nsteps);
        if (def->source && *def->source) printf(" · %s", def->source);
        putchar('\n');
    }
    process_set_free(&ps);
    return EXIT_OK;
}

static void print_list(const char *label, char **list, size_t n)
{
    if (!n) return;
    printf("     %s: ", label);
    for (size_t i = 0; i < n; i++) printf("%s%s", i ? ", " : "", list[i]);
    putchar('\n');
}

static void print_transition(const ProcessDef *def, const Transition *t)
{
    const Step *to = process_step(def, t->to);
    printf("       → %-16s %s (till %s)", t->to, t->label, to ? to->name : t->to);
    Buf flags = BUF_INIT;
    if (t->back) buf_puts(&flags, ", tillbaka");
    if (t->needs_note) buf_puts(&flags, ", kräver kommentar");
    if (t->needs_consultation) buf_puts(&flags, ", kräver förankringssvar");
    if (t->needs_decision) buf_puts(&flags, ", kräver beslut");
    if (flags.len) printf(" [%s]", buf_cstr(&flags) + 2);
    buf_free(&flags);
    putchar('\n');
    if (t->when) printf("         när: %s\n", t->when);
}

static void print_step(const ProcessDef *def, size_t i)
{
    const Step *s = &def->steps[i];
    printf("\n%2zu. %s (%s) — %s", i + 1, s->name, s->key, step_kind_label(s->kind));
    if (s->responsible) printf("; ansvarig: %s", s->responsible);
    putchar('\n');
    if (s->description) printf("     %s\n", s->description);
    if (s->nitems) {
        printf("     Checklista (* obligatorisk):\n");
        for (size_t k = 0; k < s->nitems; k++)
            printf("       %s %-24s %s\n", s->items[k].required ? "*" : " ", s->items[k].key, s->items[k].text);
    }
    print_list("Förankras i", s->consult, s->nconsult);
    print_list("Beslutas av", s->deciders, s->ndeciders);
    if (s->ntransitions) {
        printf("     Övergångar:\n");
        for (size_t k = 0; k < s->ntransitions; k++) print_transition(def, &s->transitions[k]);
    }
}

static void print_process(const ProcessDef *def)
{
    printf("Process %s – %s\n", def->key, def->name);
    if (def->is_default)
        printf("Standardförslag: organisationen förväntas anpassa processen efter sina egna rutiner.\n");
    if (def->source) printf("Definition: %s\n", def->source);
    if (def->description) printf("\n%s\n", def->description);
    printf("\nTar emot ursprung:\n");
    print_origins(def, true);
    printf("\nSteg (ett nytt ärende börjar i det första):\n");
    for (size_t i = 0; i < def->nsteps; i++) print_step(def, i);
}

int cmd_process_show(int argc, char **argv)
{
    static const char *usage = "lots process show KEY [--svg|--json] [--processes DIR]";
    CliOpt o[] = {{"--svg", false, NULL, false}, {"--json", false, NULL, false}, {"--processes", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 3, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1 || (o[0].present && o[1].present)) return cli_usage(usage);
    ProcessSet ps = {0};
    if (!cli_load_processes(&ps, o[2].value)) return EXIT_FAIL;
    const ProcessDef *def = process_find(&ps, pos[0]);
    int rc = EXIT_OK;
    if (!def) {
        Buf msg = BUF_INIT;
        buf_printf(&msg, "processen '%s' finns inte; kända processer:", pos[0]);
        for (size_t i = 0; i < ps.n; i++) buf_printf(&msg, " %s", ps.defs[i]->key);
        rc = cli_fail(buf_cstr(&msg));
        buf_free(&msg);
    } else if (o[0].present) {
        Buf svg = BUF_INIT;
        process_svg(&svg, def, NULL);
        fwrite(buf_cstr(&svg), 1, svg.len, stdout);
        if (!svg.len || svg.data[svg.len - 1] != '\n') putchar('\n');
        buf_free(&svg);
    } else if (o[1].present) {
        json_t *j = process_to_json(def);
        json_dumpf(j, stdout, JSON_INDENT(2));
        putchar('\n');
        json_decref(j);
    } else {
        print_process(def);
    }
    process_set_free(&ps);
    return rc;
}
