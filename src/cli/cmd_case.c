/*
 * cmd_case.c — cases from the command line: register, list, show, answer a
 * checklist item, move along a transition, set the proposed action (scope)
 * and see the decision path core proposes from it.
 *
 * Thin by design: parse argv, call core/case.h, print. Every rule (who may
 * write, what blocks a move, what a title may contain) lives in core; a
 * refusal comes back as core's Swedish message on stderr with exit code 1.
 * Exit code 2 is kept for input that is malformed as a command (a missing
 * argument, a number that is not a number).
 */
#include "cli/cli_action.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "core/case.h"
#include "core/case_json.h"
#include "core/case_scope.h"
#include "base/buf.h"
#include "base/text.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- small helpers ------------------------------------------------------- */

static void print_json(json_t *j)
{
    json_dumpf(j, stdout, JSON_INDENT(2));
    putchar('\n');
    json_decref(j);
}

/* Prints s in a column `width` characters wide (not bytes: Swedish letters
 * are two bytes in UTF-8), cutting it with "…" if it is longer. */
static void print_cell(const char *s, size_t width)
{
    size_t chars = 0;
    const char *p = s;
    size_t total = utf8_length(s);
    size_t keep = total > width ? width - 1 : total;
    while (*p && chars < keep) {
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80) p++;
        chars++;
    }
    fwrite(s, 1, (size_t)(p - s), stdout);
    if (total > width) {
        fputs("…", stdout);
        chars++;
    }
    for (; chars < width; chars++) putchar(' ');
}

/* "2026-11-24T17:30:08Z" → "2026-11-24 17:30" */
static void print_time(const char *iso)
{
    size_t n = strlen(iso);
    if (n >= 16 && iso[10] == 'T') printf("%.10s %.5s", iso, iso + 11);
    else fputs(iso, stdout);
}

static bool all_digits(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s)) return false;
    return true;
}

/* Finds a case by numeric id or by reference number ("HS 2026-00001"; the
 * space may be left out, "HS2026-00001", to spare the shell quoting). */
static int resolve_case(Db *db, const char *arg, Case *out)
{
    Err e = ERR_INIT;
    long id;
    if (all_digits(arg) && parse_long(arg, &id)) return case_get(db, id, out, &e) ? cli_fail(e.msg) : EXIT_OK;
    if (!case_get_by_ref(db, arg, out, &e)) return EXIT_OK;
    const char *d = arg;
    while (*d && !isdigit((unsigned char)*d) && *d != ' ') d++;
    if (*d && *d != ' ' && d > arg) {
        Buf ref = BUF_INIT;
        buf_printf(&ref, "%.*s %s", (int)(d - arg), arg, d);
        Err e2 = ERR_INIT;
        ErrCode rc = case_get_by_ref(db, buf_cstr(&ref), out, &e2);
        buf_free(&ref);
        if (!rc) return EXIT_OK;
    }
    return cli_fail(e.msg);
}

static const char *step_name(const ProcessSet *ps, const char *process, const char *step)
{
    const ProcessDef *def = process_find(ps, process);
    const Step *s = def ? process_step(def, step) : NULL;
    return s ? s->name : step;
}

/* Opens the database and the process set, and finds the acting person.
 * On failure everything opened is closed again. */
static bool open_for_work(const char *dbflag, const char *psflag, const char *asflag, Db **db, ProcessSet *ps,
                          Actor *who)
{
    if (!cli_load_processes(ps, psflag)) return false;
    *db = cli_open_db(dbflag);
    if (*db && (!who || cli_actor(*db, asflag, who))) return true;
    db_close(*db);
    *db = NULL;
    process_set_free(ps);
    return false;
}

/* --- lots case new --------------------------------------------------------- */

int cmd_case_new(int argc, char **argv)
{
    static const char *usage =
        "lots case new --origin N --title T [--description D] [--as USER] [--db PATH] [--processes DIR]";
    CliOpt o[] = {{"--origin", true, NULL, false},     {"--title", true, NULL, false}, {"--description", true, NULL, false},
                  {"--as", true, NULL, false},         {"--db", true, NULL, false},    {"--processes", true, NULL, false}};
    size_t npos;
    if (!cli_parse(argc, argv, o, 6, NULL, 0, &npos, usage)) return EXIT_USAGE;
    long origin;
    if (!o[0].value || !o[1].value) return cli_usage(usage);
    if (!parse_long(o[0].value, &origin)) {
        fprintf(stderr, "lots: --origin ska vara ett tal 1–6, inte '%s'\n", o[0].value);
        return cli_usage(usage);
    }
    Db *db;
    ProcessSet ps = {0};
    Actor who;
    if (!open_for_work(o[4].value, o[5].value, o[3].value, &db, &ps, &who)) return EXIT_FAIL;
    CaseNew in = {.title = o[1].value,
                  .description = o[2].value,
                  .origin = origin >= 1 && origin <= 6 ? (int)origin : 0};
    Case c;
    Err e = ERR_INIT;
    int rc;
    if (case_create(db, &ps, &who, &in, &c, &e)) {
        rc = cli_fail(e.msg);
    } else {
        const ProcessDef *def = process_find(&ps, c.process);
        printf("%s (id %lld) registrerat: process %s%s%s, steg %s\n", c.ref, c.id, c.process, def ? " – " : "",
               def ? def->name : "", step_name(&ps, c.process, c.step));
        case_free(&c);
        rc = EXIT_OK;
    }
    db_close(db);
    process_set_free(&ps);
    return rc;
}

/* --- lots case list -------------------------------------------------------- */

/* Refuses a --process or --step that no definition knows, so that a typo
 * does not look like an empty result. */
static int check_filter(const ProcessSet *ps, const char *process, const char *step)
{
    const ProcessDef *def = NULL;
    if (process && *process && !(def = process_find(ps, process))) {
        Buf msg = BUF_INIT;
        buf_printf(&msg, "processen '%s' finns inte; kända processer:", process);
        for (size_t i = 0; i < ps->n; i++) buf_printf(&msg, " %s", ps->defs[i]->key);
        int rc = cli_fail(buf_cstr(&msg));
        buf_free(&msg);
        return rc;
    }
    if (!step || !*step) return EXIT_OK;
    for (size_t i = 0; i < ps->n; i++)
        if ((!def || def == ps->defs[i]) && process_step(ps->defs[i], step)) return EXIT_OK;
    Buf msg = BUF_INIT;
    buf_printf(&msg, "steget '%s' finns inte%s%s; se lots process show %s", step, def ? " i process " : "",
               def ? def->key : "", def ? def->key : "KEY");
    int rc = cli_fail(buf_cstr(&msg));
    buf_free(&msg);
    return rc;
}

static void print_case_table(const CaseList *l, const ProcessSet *ps, int offset)
{
    if (!l->n) {
        printf(l->total ? "Inga fler ärenden (%lld träffar totalt).\n" : "Inga ärenden matchar.\n", l->total);
        return;
    }
    print_cell("Diarienr", 15);
    print_cell("Proc", 5);
    print_cell("Steg", 27);
    puts("Rubrik");
    for (size_t i = 0; i < l->n; i++) {
        const Case *c = &l->items[i];
        print_cell(c->ref, 15);
        print_cell(c->process, 5);
        print_cell(step_name(ps, c->process, c->step), 26);
        putchar(' ');
        print_cell(c->title, utf8_length(c->title) < 60 ? utf8_length(c->title) : 60);
        putchar('\n');
    }
    if ((long long)l->n == l->total) printf("\n%lld ärenden.\n", l->total);
    else printf("\nVisar %d–%zu av %lld ärenden (--limit, --offset).\n", offset + 1, offset + l->n, l->total);
}

int cmd_case_list(int argc, char **argv)
{
    static const char *usage = "lots case list [--process X] [--step S] [--origin N] [--q TEXT] [--limit N] "
                               "[--offset N] [--json] [--db PATH] [--processes DIR]";
    CliOpt o[] = {{"--process", true, NULL, false}, {"--step", true, NULL, false},  {"--origin", true, NULL, false},
                  {"--q", true, NULL, false},       {"--limit", true, NULL, false}, {"--offset", true, NULL, false},
                  {"--json", false, NULL, false},   {"--db", true, NULL, false},    {"--processes", true, NULL, false}};
    size_t npos;
    if (!cli_parse(argc, argv, o, 9, NULL, 0, &npos, usage)) return EXIT_USAGE;
    long origin = 0, limit = 25, offset = 0;
    if ((o[2].value && !parse_long(o[2].value, &origin)) || (o[4].value && !parse_long(o[4].value, &limit)) ||
        (o[5].value && !parse_long(o[5].value, &offset))) {
        fputs("lots: --origin, --limit och --offset ska vara heltal\n", stderr);
        return cli_usage(usage);
    }
    if (o[2].value && (origin < 1 || origin > 6)) return cli_fail("--origin måste vara ett av 1–6");
    if (limit < 1 || limit > 200) return cli_fail("--limit måste vara 1–200");
    if (offset < 0) return cli_fail("--offset får inte vara negativt");
    Db *db;
    ProcessSet ps = {0};
    if (!open_for_work(o[7].value, o[8].value, NULL, &db, &ps, NULL)) return EXIT_FAIL;
    int rc = check_filter(&ps, o[0].value, o[1].value);
    CaseFilter f = {.process = o[0].value,
                    .step = o[1].value,
                    .origin = (int)origin,
                    .q = o[3].value,
                    .limit = (int)limit,
                    .offset = (int)offset};
    CaseList l;
    Err e = ERR_INIT;
    if (rc == EXIT_OK) {
        if (case_list(db, &f, &l, &e)) {
            rc = cli_fail(e.msg);
        } else {
            if (o[6].present) print_json(case_list_to_json(&l, &ps));
            else print_case_table(&l, &ps, (int)offset);
            case_list_free(&l);
        }
    }
    db_close(db);
    process_set_free(&ps);
    return rc;
}

/* --- lots case show -------------------------------------------------------- */

static void print_indented(const char *text, const char *indent)
{
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        printf("%s%.*s\n", indent, (int)n, p);
        p += n + (nl ? 1 : 0);
    }
}

static const char *state_mark(const char *state)
{
    if (!strcmp(state, "done")) return "[x]";
    if (!strcmp(state, "na")) return "[-]";
    return "[ ]";
}

static void print_header(const CaseDetail *d)
{
    const Case *c = &d->c;
    size_t pos = 0;
    for (size_t i = 0; i < d->def->nsteps; i++)
        if (&d->def->steps[i] == d->step) pos = i + 1;
    printf("%s  %s\n", c->ref, c->title);
    printf("  Id:               %lld\n", c->id);
    printf("  Process:          %s – %s\n", c->process, d->def->name);
    printf("  Steg:             %s (%s), %zu av %zu\n", d->step->name, d->step->key, pos, d->def->nsteps);
    if (d->step->responsible) printf("  Ansvarig:         %s\n", d->step->responsible);
    printf("  Ursprung:         %d – %s\n", c->origin, origin_label(c->origin) ? origin_label(c->origin) : "");
    printf("  Huvudhandläggare: %s\n", c->officer_name[0] ? c->officer_name : "(ingen)");
    printf("  Registrerat:      ");
    print_time(c->created_at);
    printf(" av %s\n  Senast ändrat:    ", c->created_by_name);
    print_time(c->updated_at);
    printf(" (UTC)\n");
    if (c->description[0]) {
        printf("\nBeskrivning\n");
        print_indented(c->description, "  ");
    }
}

static void print_checklist(const CaseDetail *d)
{
    if (!d->nchecklist) return;
    printf("\nChecklista i steget %s (* obligatorisk; besvara med lots case check %lld PUNKT done|na|open)\n",
           d->step->name, d->c.id);
    for (size_t i = 0; i < d->nchecklist; i++) {
        const ChecklistEntry *ce = &d->checklist[i];
        printf("  %s %s ", state_mark(ce->state), ce->def->required ? "*" : " ");
        print_cell(ce->def->key, 22);
        printf(" %s", ce->def->text);
        if (ce->updated_by[0]) {
            printf(" — %s, %s ", checklist_state_label(ce->state), ce->updated_by);
            print_time(ce->updated_at);
        }
        putchar('\n');
        if (ce->note[0]) print_indented(ce->note, "          ");
    }
}

static void print_records(const CaseDetail *d)
{
    if (d->nlinks) {
        printf("\nKopplat till planer\n");
        for (size_t i = 0; i < d->nlinks; i++) {
            const CaseLink *l = &d->links[i];
            printf("  %s %s (%s)%s%s\n", l->code, l->title, l->plan_name, l->note[0] ? " — " : "", l->note);
        }
    }
    if (d->nconsultations) {
        printf("\nFörankring\n");
        for (size_t i = 0; i < d->nconsultations; i++) {
            const Consultation *k = &d->consultations[i];
            printf("  %s  %s: %s%s%s\n", k->consulted_on, k->body, consultation_answer_label(k->answer),
                   k->note[0] ? " — " : "", k->note);
        }
    }
    if (d->ndecisions) {
        printf("\nBeslut\n");
        for (size_t i = 0; i < d->ndecisions; i++) {
            const Decision *k = &d->decisions[i];
            printf("  %s  %s%s%s\n", k->decided_on, k->body, k->paragraph[0] ? " " : "", k->paragraph);
            print_indented(k->text, "      ");
        }
    }
}

static void print_transitions(const CaseDetail *d)
{
    if (!d->ntransitions) {
        printf("\nÄrendet är i ett slutsteg; inga övergångar härifrån.\n");
        return;
    }
    printf("\nÖvergångar härifrån (lots case move %lld STEG)\n", d->c.id);
    for (size_t i = 0; i < d->ntransitions; i++) {
        const OpenTransition *ot = &d->transitions[i];
        printf("  %s ", ot->blocked ? "spärrad" : "öppen  ");
        print_cell(ot->t->to, 18);
        printf(" %s%s\n", ot->t->label, ot->t->needs_note ? " (kräver kommentar)" : "");
        if (ot->t->when) printf("           när: %s\n", ot->t->when);
        if (ot->blocked && ot->why) printf("           %s\n", ot->why);
    }
}

static void print_history(const CaseDetail *d)
{
    printf("\nHistorik (UTC)\n");
    for (size_t i = 0; i < d->nevents; i++) {
        const CaseEvent *ev = &d->events[i];
        printf("  ");
        print_time(ev->at);
        printf("  %s: %s\n", ev->user_name[0] ? ev->user_name : "systemet", ev->summary);
        if (ev->note[0]) print_indented(ev->note, "                    ");
    }
}

static void print_refs(const ScopeRef *refs, size_t n)
{
    if (!n) fputs("inga", stdout);
    for (size_t i = 0; i < n; i++) printf("%s%s", i ? "; " : "", refs[i].label);
    putchar('\n');
}

static void print_scope(const CaseScope *s, long long id)
{
    if (!s->set) {
        printf("\nÅtgärdens omfattning är inte angiven; med lots case scope %lld --unit … föreslår Lots en "
               "beslutsväg.\n", id);
        return;
    }
    printf("\nÅtgärdens omfattning (");
    print_time(s->updated_at);
    printf("%s%s)\n  Enheter:          ", *s->updated_by ? " av " : "", s->updated_by);
    print_refs(s->units, s->nunits);
    printf("  Kommuner:         ");
    print_refs(s->municipalities, s->nmunicipalities);
    printf("  Inom uppdraget:   %s\n  Inom budget:      %s\n  Politiskt beslut: %s\n", s->within_mission ? "ja" : "nej",
           s->within_budget ? "ja" : "nej", s->political ? "ja" : "nej");
    Buf cost = BUF_INIT;
    if (s->has_cost) decide_amount(&cost, s->cost);
    printf("  Kostnad:          %s\n", s->has_cost ? buf_cstr(&cost) : "ej angiven");
    buf_free(&cost);
}

static void print_proposal(const CaseProposal *p)
{
    if (!p->scope.set) return;
    if (p->error) {
        printf("\nIngen föreslagen beslutsväg: %s\n", p->error);
        return;
    }
    printf("\nFöreslagen beslutsväg enligt %s (%s)\n", p->path.rules_name, p->path.rules_key);
    printf("  Beslut:     %s\n  Förankring: ", p->decides_note);
    if (!p->nanchoring) fputs("inget organ föreslås", stdout);
    for (size_t i = 0; i < p->nanchoring; i++) printf("%s%s", i ? ", " : "", p->anchoring[i]);
    putchar('\n');
    for (size_t i = 0; i < p->path.n; i++) {
        const DecideStep *s = &p->path.steps[i];
        printf("  %2zu. %s – %s", i + 1, s->actor, decide_kind_label(s->kind));
        if (p->bodies[i]) printf(" [%s]", p->bodies[i]);
        printf("\n      %s\n", s->reason);
    }
}

/* The proposal for a case as it stands; rules that cannot be loaded (the
 * loader said why) give a proposal that says so. */
static ErrCode propose(Db *db, const RuleSets *rs, const ProcessSet *ps, long long id, CaseProposal *p, Err *e)
{
    Case c;
    if (case_get(db, id, &c, e)) return e->code;
    ErrCode rc = case_propose(db, rs, process_find(ps, c.process), c.step, id, p, e);
    case_free(&c);
    return rc;
}

int cmd_case_show(int argc, char **argv)
{
    static const char *usage = "lots case show ID|REF [--json] [--rules DIR] [--db PATH] [--processes DIR]";
    CliOpt o[] = {{"--json", false, NULL, false},
                  {"--db", true, NULL, false},
                  {"--processes", true, NULL, false},
                  {"--rules", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 4, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1) return cli_usage(usage);
    Db *db;
    ProcessSet ps = {0};
    RuleSets rs = {0};
    if (!open_for_work(o[1].value, o[2].value, NULL, &db, &ps, NULL)) return EXIT_FAIL;
    bool have_rules = cli_load_rules(&rs, o[3].value);
    Case c;
    int rc = resolve_case(db, pos[0], &c);
    if (rc == EXIT_OK) {
        CaseDetail d;
        CaseProposal p;
        Err e = ERR_INIT;
        if (case_detail(db, &ps, c.id, &d, &e)) {
            rc = cli_fail(e.msg);
        } else if (case_propose(db, have_rules ? &rs : NULL, d.def, d.c.step, c.id, &p, &e)) {
            rc = cli_fail(e.msg);
            case_detail_free(&d);
        } else {
            if (o[0].present) {
                json_t *j = case_detail_to_json(&d, &ps);
                case_json_add_proposal(j, &p);
                print_json(j);
            } else {
                print_header(&d);
                print_checklist(&d);
                print_scope(&p.scope, c.id);
                print_proposal(&p);
                print_records(&d);
                print_transitions(&d);
                print_history(&d);
            }
            case_proposal_free(&p);
            case_detail_free(&d);
        }
        case_free(&c);
    }
    db_close(db);
    process_set_free(&ps);
    rules_free(&rs);
    return rc;
}

/* --- lots case scope ------------------------------------------------------------ */

int cmd_case_scope(int argc, char **argv)
{
    static const char *usage = "lots case scope ID|REF --unit NAMN|ID … --municipality NAMN … [--within-mission] "
                               "[--within-budget] [--political] [--cost KRONOR] [--note TEXT] [--as USER] "
                               "[--rules DIR] [--db PATH] [--processes DIR]";
    CliOpt o[] = {{"--note", true, NULL, false},
                  {"--as", true, NULL, false},
                  {"--rules", true, NULL, false},
                  {"--db", true, NULL, false},
                  {"--processes", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    CliAction act;
    int rc = EXIT_USAGE;
    if (!cli_action_parse(argc, argv, o, 5, pos, 1, &npos, usage, &act)) goto done;
    if (npos != 1) {
        rc = cli_usage(usage);
        goto done;
    }
    Db *db;
    ProcessSet ps = {0};
    RuleSets rs = {0};
    Actor who;
    rc = EXIT_FAIL;
    if (!open_for_work(o[3].value, o[4].value, o[1].value, &db, &ps, &who)) goto done;
    bool have_rules = cli_load_rules(&rs, o[2].value);
    Case c;
    rc = resolve_case(db, pos[0], &c);
    if (rc == EXIT_OK) {
        Err e = ERR_INIT;
        CaseProposal p;
        if (case_set_scope(db, &who, c.id, &act.in, o[0].value, &e) ||
            propose(db, have_rules ? &rs : NULL, &ps, c.id, &p, &e)) {
            rc = cli_fail(e.msg);
        } else {
            printf("%s: åtgärdens omfattning är sparad.\n", c.ref);
            print_scope(&p.scope, c.id);
            print_proposal(&p);
            case_proposal_free(&p);
        }
        case_free(&c);
    }
    db_close(db);
    process_set_free(&ps);
    rules_free(&rs);
done:
    cli_action_free(&act);
    return rc;
}

/* --- lots case check / move -------------------------------------------------- */

int cmd_case_check(int argc, char **argv)
{
    static const char *usage =
        "lots case check ID ITEM STATE [--note TEXT] [--as USER] [--db PATH] [--processes DIR]";
    CliOpt o[] = {{"--note", true, NULL, false},
                  {"--as", true, NULL, false},
                  {"--db", true, NULL, false},
                  {"--processes", true, NULL, false}};
    const char *pos[3];
    size_t npos;
    if (!cli_parse(argc, argv, o, 4, pos, 3, &npos, usage)) return EXIT_USAGE;
    if (npos != 3) return cli_usage(usage);
    Db *db;
    ProcessSet ps = {0};
    Actor who;
    if (!open_for_work(o[2].value, o[3].value, o[1].value, &db, &ps, &who)) return EXIT_FAIL;
    Case c;
    int rc = resolve_case(db, pos[0], &c);
    if (rc == EXIT_OK) {
        Err e = ERR_INIT;
        if (case_set_checklist(db, &ps, &who, c.id, pos[1], pos[2], o[0].value, &e)) {
            rc = cli_fail(e.msg);
        } else {
            const ProcessDef *def = process_find(&ps, c.process);
            const Step *s = def ? process_step(def, c.step) : NULL;
            const ChecklistItem *ci = s ? step_item(s, pos[1]) : NULL;
            printf("%s: %s — %s\n", c.ref, ci ? ci->text : pos[1], checklist_state_label(pos[2]));
        }
        case_free(&c);
    }
    db_close(db);
    process_set_free(&ps);
    return rc;
}

int cmd_case_move(int argc, char **argv)
{
    static const char *usage = "lots case move ID STEP [--note TEXT] [--as USER] [--db PATH] [--processes DIR]";
    CliOpt o[] = {{"--note", true, NULL, false},
                  {"--as", true, NULL, false},
                  {"--db", true, NULL, false},
                  {"--processes", true, NULL, false}};
    const char *pos[2];
    size_t npos;
    if (!cli_parse(argc, argv, o, 4, pos, 2, &npos, usage)) return EXIT_USAGE;
    if (npos != 2) return cli_usage(usage);
    Db *db;
    ProcessSet ps = {0};
    Actor who;
    if (!open_for_work(o[2].value, o[3].value, o[1].value, &db, &ps, &who)) return EXIT_FAIL;
    Case c;
    int rc = resolve_case(db, pos[0], &c);
    if (rc == EXIT_OK) {
        Err e = ERR_INIT;
        if (case_move(db, &ps, &who, c.id, pos[1], o[0].value, &e)) {
            rc = cli_fail(e.msg);
        } else {
            printf("%s: %s → %s (%s)\n", c.ref, step_name(&ps, c.process, c.step), step_name(&ps, c.process, pos[1]),
                   pos[1]);
        }
        case_free(&c);
    }
    db_close(db);
    process_set_free(&ps);
    return rc;
}
