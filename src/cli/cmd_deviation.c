/*
 * cmd_deviation.c — deviations and complaints from the command line:
 * `lots deviation import FILE [--mapping FILE] [--kind deviations|complaints]`
 * (CSV exports of the deviation system, all or nothing), `lots deviation
 * list`, `lots deviation show`, `lots deviation denominators FILE|--list`
 * (vårddagar and besök per unit and month, core/denominator.h) and `lots
 * complaint list`.
 *
 * Thin: parse argv, read files, call core/deviation.h, print. A refusal is
 * core's Swedish message on stderr with exit code 1; malformed flags are 2.
 */
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/denominator.h"
#include "core/deviation.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_json(json_t *j)
{
    json_dumpf(j, stdout, JSON_INDENT(2));
    putchar('\n');
    json_decref(j);
}

/* The file's own name, for the import record and messages. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool parse_kind(const char *s, ImportKind *out)
{
    if (!strcmp(s, "deviations") || !strcmp(s, "avvikelser")) *out = IMPORT_DEVIATIONS;
    else if (!strcmp(s, "complaints") || !strcmp(s, "klagomål") || !strcmp(s, "klagomal")) *out = IMPORT_COMPLAINTS;
    else return false;
    return true;
}

/* --limit and --offset as numbers in range, or a usage message. */
static int paging(const CliOpt *lim, const CliOpt *off, long *limit, long *offset, const char *usage)
{
    *limit = 25;
    *offset = 0;
    if ((lim->value && !parse_long(lim->value, limit)) || (off->value && !parse_long(off->value, offset))) {
        fputs("lots: --limit och --offset ska vara heltal\n", stderr);
        return cli_usage(usage);
    }
    if (*limit < 1 || *limit > 200) return cli_fail("--limit måste vara 1–200");
    if (*offset < 0) return cli_fail("--offset får inte vara negativt");
    return EXIT_OK;
}

/* --- lots deviation import ---------------------------------------------------------------------- */

static int load_mapping(const char *path, ImportMapping **m)
{
    Buf text = BUF_INIT;
    int rc = EXIT_OK;
    if (!cli_read_file(path, &text)) {
        rc = EXIT_FAIL;
    } else {
        Err e = ERR_INIT;
        if (import_mapping_parse(text.data, text.len, m, &e)) {
            char msg[700];
            snprintf(msg, sizeof msg, "%s: %s", path, e.msg);
            rc = cli_fail(msg);
        }
    }
    buf_free(&text);
    return rc;
}

/* "FIL: rad 3: … – inget har importerats" */
static int import_refused(const char *path, Err *e)
{
    size_t n = strlen(e->msg);
    if (n && e->msg[n - 1] == '.') e->msg[n - 1] = '\0'; /* the sentence goes on */
    char msg[800];
    snprintf(msg, sizeof msg, "%s: %s – inget har importerats", path, e->msg);
    return cli_fail(msg);
}

int cmd_deviation_import(int argc, char **argv)
{
    static const char *usage = "lots deviation import FIL.csv [--mapping FIL] [--kind deviations|complaints] "
                               "[--as NAMN] [--db PATH]";
    CliOpt o[] = {{"--mapping", true, NULL, false}, {"--kind", true, NULL, false}, {"--as", true, NULL, false},
                  {"--db", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 4, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1) return cli_usage(usage);
    ImportOptions opt = {IMPORT_DEVIATIONS, NULL, base_name(pos[0]), NULL};
    if (o[1].value && !parse_kind(o[1].value, &opt.kind)) {
        fprintf(stderr, "lots: --kind ska vara deviations eller complaints, inte '%s'\n", o[1].value);
        return cli_usage(usage);
    }
    ImportMapping *m = NULL;
    if (o[0].value) {
        if (load_mapping(o[0].value, &m)) return EXIT_FAIL;
        ImportKind declared;
        if (!o[1].value && import_mapping_kind(m, &declared)) opt.kind = declared;
        opt.mapping = m;
        opt.mapping_name = base_name(o[0].value);
    }
    Buf text = BUF_INIT;
    int rc = EXIT_FAIL;
    Db *db = NULL;
    Actor who;
    if (cli_read_file(pos[0], &text) && (db = cli_open_db(o[3].value)) && cli_actor(db, o[2].value, &who)) {
        ImportCounts c;
        Err e = ERR_INIT;
        if (deviation_import_csv(db, &who, text.data, text.len, &opt, &c, &e)) {
            import_refused(pos[0], &e);
        } else {
            printf("Importerat %s från %s: %d nya, %d fanns redan (%d rader; import %lld).\n",
                   opt.kind == IMPORT_COMPLAINTS ? "klagomål" : "avvikelser", pos[0], c.added, c.existing, c.read,
                   c.import_id);
            rc = EXIT_OK;
        }
    }
    if (db) db_close(db);
    buf_free(&text);
    import_mapping_free(m);
    return rc;
}

/* --- lots deviation list / show ------------------------------------------------------------------ */

static void print_deviations(const DeviationList *l, long offset)
{
    if (!l->n) {
        printf("Inga avvikelser.\n");
        return;
    }
    for (size_t i = 0; i < l->n; i++) {
        const Deviation *d = &l->items[i];
        printf("%-16s %s  %s  %s%s%s  grad %d %s  %s%s\n", d->ref, d->event_date, d->unit_name, d->category,
               *d->subcategory ? " / " : "", d->subcategory, d->severity, severity_label(d->severity), d->status,
               d->serious ? "  [allvarlig]" : "");
    }
    printf("\nVisar %ld–%ld av %lld avvikelser.\n", offset + 1, offset + (long)l->n, l->total);
}

int cmd_deviation_list(int argc, char **argv)
{
    static const char *usage = "lots deviation list [--unit ENHET] [--category K] [--kind TYP] [--status S] "
                               "[--from DATUM] [--to DATUM] [--q TEXT] [--serious] [--limit N] [--offset N] [--json] "
                               "[--db PATH]";
    CliOpt o[] = {{"--unit", true, NULL, false},   {"--category", true, NULL, false}, {"--kind", true, NULL, false},
                  {"--status", true, NULL, false}, {"--from", true, NULL, false},     {"--to", true, NULL, false},
                  {"--q", true, NULL, false},      {"--serious", false, NULL, false}, {"--limit", true, NULL, false},
                  {"--offset", true, NULL, false}, {"--json", false, NULL, false},    {"--db", true, NULL, false}};
    size_t npos;
    long limit, offset;
    if (!cli_parse(argc, argv, o, 12, NULL, 0, &npos, usage)) return EXIT_USAGE;
    int rc = paging(&o[8], &o[9], &limit, &offset, usage);
    if (rc) return rc;
    DeviationFilter f = {o[0].value, o[1].value, o[2].value, o[3].value, o[4].value, o[5].value, o[6].value,
                         o[7].present ? 1 : 0, (int)limit, (int)offset};
    Db *db = cli_open_db(o[11].value);
    if (!db) return EXIT_FAIL;
    DeviationList l;
    Err e = ERR_INIT;
    if (deviation_list(db, &f, &l, &e)) {
        rc = cli_fail(e.msg);
    } else {
        if (o[10].present) print_json(deviation_list_to_json(&l));
        else print_deviations(&l, offset);
        deviation_list_free(&l);
    }
    db_close(db);
    return rc;
}

static void print_detail(const DeviationDetail *x)
{
    const Deviation *d = &x->d;
    printf("Avvikelse %s (id %lld)%s\n", d->ref, d->id, d->serious ? " – allvarlig händelse" : "");
    printf("  Typ:               %s\n  Händelsedatum:     %s (rapporterad %s)\n", d->kind, d->event_date,
           d->reported_date);
    printf("  Enhet:             %s\n  Kategori:          %s%s%s\n", d->unit_name, d->category,
           *d->subcategory ? " / " : "", d->subcategory);
    printf("  Allvarlighetsgrad: %d %s\n  Status:            %s\n", d->severity, severity_label(d->severity), d->status);
    printf("  Beskrivning:       %s\n", d->description);
    if (*d->immediate_action) printf("  Omedelbar åtgärd:  %s\n", d->immediate_action);
    if (*d->feedback) printf("  Återkoppling:      %s\n", d->feedback);
    for (size_t i = 0; i < x->nanalyses; i++) {
        const EventAnalysis *a = &x->analyses[i];
        printf("\nHändelseanalys (från %s%s%s)\n  Förlopp: %s\n  Orsaker: %s\n", a->started_on,
               *a->finished_on ? ", klar " : ", pågår", a->finished_on, a->event, a->causes);
        if (*a->conclusion) printf("  Slutsats: %s\n", a->conclusion);
        for (size_t k = 0; k < a->nactions; k++)
            printf("  – %s (ansvarig %s, senast %s%s%s)\n", a->actions[k].action, a->actions[k].owner,
                   a->actions[k].due_date, *a->actions[k].done_on ? ", klar " : "", a->actions[k].done_on);
    }
    if (x->lex_maria)
        printf("\nLex Maria: anmäld till IVO %s%s%s\n", x->lex_maria->sent_on, *x->lex_maria->ivo_ref ? ", " : "",
               x->lex_maria->ivo_ref);
}

/* Newest first, as on the page. */
static void print_history(const RecordHistory *h)
{
    if (!h->n) return;
    printf("\nHistorik\n");
    for (size_t i = 0; i < h->n; i++)
        printf("  %s  %s: %s\n", h->items[i].at, *h->items[i].user_name ? h->items[i].user_name : "Systemet",
               h->items[i].detail);
}

int cmd_deviation_show(int argc, char **argv)
{
    static const char *usage = "lots deviation show ID|REF [--json] [--db PATH]";
    CliOpt o[] = {{"--json", false, NULL, false}, {"--db", true, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 2, pos, 1, &npos, usage)) return EXIT_USAGE;
    if (npos != 1) return cli_usage(usage);
    Db *db = cli_open_db(o[1].value);
    if (!db) return EXIT_FAIL;
    Deviation d;
    DeviationDetail x;
    Err e = ERR_INIT;
    int rc = EXIT_OK;
    RecordHistory h;
    if (deviation_find(db, pos[0], &d, &e) || deviation_detail(db, d.id, &x, &e)) {
        rc = cli_fail(e.msg);
    } else if (record_history(db, RECORD_DEVIATION, d.id, &h, &e)) {
        rc = cli_fail(e.msg);
        deviation_detail_free(&x);
    } else {
        if (o[0].present) {
            json_t *j = deviation_detail_to_json(&x);
            json_object_set_new(j, "history", record_history_to_json(&h));
            print_json(j);
        } else {
            print_detail(&x);
            print_history(&h);
        }
        record_history_free(&h);
        deviation_detail_free(&x);
    }
    deviation_free(&d);
    db_close(db);
    return rc;
}

/* --- lots deviation denominators --------------------------------------------------------------------- */

static int list_denominators(Db *db, const CliOpt *unit, const CliOpt *kind, bool json)
{
    Denominator *d;
    size_t n;
    Err e = ERR_INIT;
    if (denominator_list(db, unit->value, kind->value, &d, &n, &e)) return cli_fail(e.msg);
    if (json) print_json(denominator_list_to_json(d, n));
    else if (!n) printf("Inga vårddagar eller besök.\n");
    for (size_t i = 0; !json && i < n; i++) printf("%s  %s  %-9s  %lld\n", d[i].month, d[i].unit, d[i].kind, d[i].value);
    denominator_list_free(d, n);
    return EXIT_OK;
}

int cmd_deviation_denominators(int argc, char **argv)
{
    static const char *usage = "lots deviation denominators FIL.csv [--as NAMN] [--db PATH] | --list [--unit ENHET] "
                               "[--kind vårddagar|besök] [--json] [--db PATH]";
    CliOpt o[] = {{"--as", true, NULL, false},   {"--db", true, NULL, false},   {"--list", false, NULL, false},
                  {"--unit", true, NULL, false}, {"--kind", true, NULL, false}, {"--json", false, NULL, false}};
    const char *pos[1];
    size_t npos;
    if (!cli_parse(argc, argv, o, 6, pos, 1, &npos, usage)) return EXIT_USAGE;
    bool list = o[2].present;
    if (list ? npos != 0 || o[0].value : npos != 1 || o[3].value || o[4].value || o[5].present) return cli_usage(usage);
    Buf text = BUF_INIT;
    int rc = EXIT_FAIL;
    Db *db = NULL;
    Actor who;
    if (list) {
        if ((db = cli_open_db(o[1].value))) rc = list_denominators(db, &o[3], &o[4], o[5].present);
    } else if (cli_read_file(pos[0], &text) && (db = cli_open_db(o[1].value)) && cli_actor(db, o[0].value, &who)) {
        DenominatorCounts c;
        Err e = ERR_INIT;
        if (denominator_import_csv(db, &who, text.data, text.len, &c, &e)) rc = import_refused(pos[0], &e);
        else {
            printf("Importerat vårddagar och besök från %s: %d nya, %d %s, %d %s (%d %s).\n", pos[0], c.added,
                   c.updated, c.updated == 1 ? "uppdaterad" : "uppdaterade", c.unchanged,
                   c.unchanged == 1 ? "oförändrad" : "oförändrade", c.read, c.read == 1 ? "rad" : "rader");
            rc = EXIT_OK;
        }
    }
    if (db) db_close(db);
    buf_free(&text);
    return rc;
}

/* --- lots complaint list ------------------------------------------------------------------------ */

static void print_complaints(const ComplaintList *l, long offset)
{
    if (!l->n) {
        printf("Inga klagomål.\n");
        return;
    }
    for (size_t i = 0; i < l->n; i++) {
        const Complaint *c = &l->items[i];
        size_t width = utf8_length(c->source);
        printf("%-16s %s  %s%*s  %s  %s%s%s  %s\n", c->ref, c->received_date, c->source, width < 14 ? (int)(14 - width) : 0,
               "", c->unit_name, c->category, *c->subcategory ? " / " : "", c->subcategory, c->status);
    }
    printf("\nVisar %ld–%ld av %lld klagomål.\n", offset + 1, offset + (long)l->n, l->total);
}

int cmd_complaint_list(int argc, char **argv)
{
    static const char *usage = "lots complaint list [--unit ENHET] [--category K] [--source KÄLLA] [--status S] "
                               "[--from DATUM] [--to DATUM] [--q TEXT] [--limit N] [--offset N] [--json] [--db PATH]";
    CliOpt o[] = {{"--unit", true, NULL, false},  {"--category", true, NULL, false}, {"--source", true, NULL, false},
                  {"--status", true, NULL, false}, {"--from", true, NULL, false},    {"--to", true, NULL, false},
                  {"--q", true, NULL, false},      {"--limit", true, NULL, false},   {"--offset", true, NULL, false},
                  {"--json", false, NULL, false},  {"--db", true, NULL, false}};
    size_t npos;
    long limit, offset;
    if (!cli_parse(argc, argv, o, 11, NULL, 0, &npos, usage)) return EXIT_USAGE;
    int rc = paging(&o[7], &o[8], &limit, &offset, usage);
    if (rc) return rc;
    ComplaintFilter f = {o[0].value, o[1].value, o[2].value, o[3].value, o[4].value,
                         o[5].value, o[6].value, (int)limit, (int)offset};
    Db *db = cli_open_db(o[10].value);
    if (!db) return EXIT_FAIL;
    ComplaintList l;
    Err e = ERR_INIT;
    if (complaint_list(db, &f, &l, &e)) {
        rc = cli_fail(e.msg);
    } else {
        if (o[9].present) print_json(complaint_list_to_json(&l));
        else print_complaints(&l, offset);
        complaint_list_free(&l);
    }
    db_close(db);
    return rc;
}
