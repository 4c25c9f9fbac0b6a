/*
 * cli.c — the command table and the dispatcher of the command line. Help
 * comes from the same table, so a command cannot exist without its help.
 */
#include "cli/cli.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "web/routes.h"

#include <stdio.h>
#include <string.h>

const Command commands[] = {
    {"init", NULL, "lots init [--db PATH] [--demo]", "Skapa eller uppgradera databasen; --demo fyller den med demodata",
     cmd_init},
    {"serve", NULL, "lots serve [--db PATH] [--listen ADDR:PORT] [--processes DIR] [--rules DIR] [--prefix /lots] [--secure-cookies]",
     "Starta webbservern (standard 127.0.0.1:8080)", cmd_serve},
    {"user", "add", "lots user add NAME --role ROLE --password-stdin [--display-name TEXT] [--db PATH]",
     "Lägg till en användare (roll: admin, handläggare, läsare); lösenordet läses från stdin", cmd_user_add},
    {"user", "link", "lots user link NAME --person ID [--db PATH]",
     "Koppla kontot till en person i organisationen (uppgifter till personen syns på kontots startsida); 0 tar bort",
     cmd_user_link},
    {"token", "new", "lots token new NAME [--label TEXT] [--db PATH]",
     "Skapa en API-nyckel åt användaren NAME och skriv ut den (visas bara en gång)", cmd_token_new},
    {"setting", "set", "lots setting set KEY VALUE [--db PATH]",
     "Ändra en inställning, t.ex. ref_prefix (diarieprefix, standard HS)", cmd_setting_set},
    {"case", "new", "lots case new --origin N --title T [--description D] [--as USER] [--db PATH] [--processes DIR]",
     "Registrera ett ärende; ursprunget 1–6 avgör processen", cmd_case_new},
    {"case", "list", "lots case list [--process X] [--step S] [--origin N] [--q TEXT] [--limit N] [--offset N] [--json] [--db PATH]",
     "Lista ärenden", cmd_case_list},
    {"case", "show", "lots case show ID|REF [--json] [--rules DIR] [--db PATH] [--processes DIR]",
     "Visa ett ärende med checklista, åtgärdens omfattning, föreslagen beslutsväg och historik", cmd_case_show},
    {"case", "check", "lots case check ID ITEM STATE [--note TEXT] [--as USER] [--db PATH] [--processes DIR]",
     "Besvara en checklistpunkt (STATE: open, done, na; na kräver --note)", cmd_case_check},
    {"case", "move", "lots case move ID STEP [--note TEXT] [--as USER] [--db PATH] [--processes DIR]",
     "Flytta ett ärende till steget STEP om övergången är öppen", cmd_case_move},
    /* case scope and proposal */
    {"case", "scope", "lots case scope ID|REF --unit NAMN|ID … --municipality NAMN … [--within-mission] [--within-budget] "
     "[--political] [--cost KRONOR] [--note TEXT] [--as USER] [--rules DIR] [--db PATH] [--processes DIR]",
     "Ange åtgärdens omfattning och visa beslutsvägen som föreslås för ärendet", cmd_case_scope},
    {"process", "list", "lots process list [--processes DIR]", "Lista processerna och vilka ursprung de tar emot",
     cmd_process_list},
    {"process", "show", "lots process show KEY [--svg|--json] [--processes DIR]",
     "Visa en process: steg, checklistor och övergångar (eller som SVG/JSON)", cmd_process_show},
    {"spc", NULL, "lots spc CHART [--freeze N] [--screen-mr] < data.csv",
     "Styrdiagram (run, i, mr, c, u, up, p, pp, g, t) för en serie x,y[,n] från stdin, som JSON", cmd_spc},
    {"decide", NULL, "lots decide --unit NAMN|ID … --municipality NAMN … [--within-mission] [--within-budget] [--political] [--cost KRONOR] [--json] [--rules DIR] [--db PATH]",
     "Vem beslutar? Beslutsvägen för en åtgärd enligt regelverket (inställningen decision_rules)", cmd_decide},
    {"org", "import", "lots org import FIL.csv [--db PATH]",
     "Importera enheter, kommuner och personer från CSV (allt eller inget; felet anges med radnummer)", cmd_org_import},
    {"org", "units", "lots org units [--json] [--db PATH]", "Lista organisationens enheter som ett träd", cmd_org_units},
    {"org", "municipalities", "lots org municipalities [--json] [--db PATH]", "Lista kommunerna", cmd_org_municipalities},
    {"plan", "list", "lots plan list [--json] [--db PATH]", "Lista planerna", cmd_plan_list},
    {"plan", "show", "lots plan show ID [--period P] [--json] [--db PATH]",
     "Visa en plans träd med ägare och måluppfyllelse (ID är planens nummer eller nyckel)", cmd_plan_show},
    {"plan", "summary", "lots plan summary ID [--json] [--db PATH]",
     "Sammanställning per område: delområden, aktiviteter, indikatorer och totalt", cmd_plan_summary},
    {"plan", "series", "lots plan series INDIKATOR [--plan ID] [--json] [--db PATH]",
     "En indikators uppföljningstabell: period, utfall, målvärde, måluppfyllelse", cmd_plan_series},
    {"plan", "report", "lots plan report ID --period P [--json] [--db PATH]",
     "Tertialrapport för en period (t.ex. 2024-T1): vad som uppnåtts och inte, med kommentarer", cmd_plan_report},
    {"plan", "import", "lots plan import FIL.csv [--as NAMN] [--db PATH]",
     "Importera målvärden och utfall från CSV (indikator,period,målvärde,utfall,kommentar; allt eller inget)",
     cmd_plan_import},
    {"plan", "import-structure", "lots plan import-structure FIL.csv [--as NAMN] [--db PATH]",
     "Importera planer och deras träd från CSV, allt eller inget (rubrikrad; ; eller ,; kolumner i valfri ordning: "
     "plan, plannamn, plantyp, förvaltning, bygger_på, tolerans, kod, överordnad, sort, titel, beskrivning, "
     "strategisk_ägare, uppdragsansvarig, bryter_ner (plan:kod), enhet, riktning, periodtyp; överordnad punkt "
     "på en tidigare rad; befintlig kod uppdateras)",
     cmd_plan_import_structure},
    {"plan", "export", "lots plan export ID --format csv|xlsx [--out FIL] [--db PATH]",
     "Exportera uppföljningen som CSV eller Excel (sammanställning och ett blad per område)", cmd_plan_export},
    {"plan", "demo", "lots plan demo [--db PATH]",
     "Lägg in demoplanerna: genomförandeplanen 2024–2027, verksamhetsplanen och Regionhälsans plan", cmd_plan_demo},
    {"deviation", "import", "lots deviation import FIL.csv [--mapping FIL] [--kind deviations|complaints] [--as NAMN] [--db PATH]",
     "Importera avvikelser eller klagomål från avvikelsesystemets CSV-export (allt eller inget; en omimport lägger inte till något två gånger)",
     cmd_deviation_import},
    {"deviation", "list", "lots deviation list [--unit ENHET] [--category K] [--kind TYP] [--status S] [--from DATUM] [--to DATUM] [--q TEXT] [--serious] [--limit N] [--offset N] [--json] [--db PATH]",
     "Lista avvikelser (enheten med underenheter, senaste händelsen först)", cmd_deviation_list},
    {"deviation", "show", "lots deviation show ID|REF [--json] [--db PATH]",
     "Visa en avvikelse med händelseanalyser och Lex Maria-anmälan", cmd_deviation_show},
    /* denominators (vårddagar, besök) for rates in the pattern charts */
    {"deviation", "denominators", "lots deviation denominators FIL.csv [--as NAMN] [--db PATH] | --list [--unit ENHET] [--kind vårddagar|besök] [--json] [--db PATH]",
     "Importera vårddagar och besök per enhet och månad från CSV (enhet;månad;slag;värde; allt eller inget; "
     "samma enhet, månad och slag igen uppdaterar värdet), eller lista dem med --list",
     cmd_deviation_denominators},
    {"patterns", NULL, "lots patterns [--json] [--detect] [--processes DIR] [--db PATH]",
     "Mönster i avvikelser och klagomål (statistisk processtyrning), starkast först; --detect beräknar om", cmd_patterns},
    {"pattern", "case", "lots pattern case ID [--as NAMN] [--processes DIR] [--db PATH]",
     "Skapa ett signalärende (ursprung 6, process C) av ett mönster, med underlaget bifogat", cmd_pattern_case},
    {"pattern", "demo", "lots pattern demo [--seed N] [--processes DIR] [--db PATH]",
     "Lägg in demoorganisationen (om ingen finns) och ett år av avvikelser och klagomål, och beräkna mönstren",
     cmd_pattern_demo},
    {"complaint", "list", "lots complaint list [--unit ENHET] [--category K] [--source KÄLLA] [--status S] [--from DATUM] [--to DATUM] [--q TEXT] [--limit N] [--offset N] [--json] [--db PATH]",
     "Lista klagomål (källa: patient, närstående, IVO, Patientnämnden)", cmd_complaint_list},
    {"group", "list", "lots group list [--json] [--date ÅÅÅÅ-MM-DD] [--db PATH]",
     "Lista grupper och organ per typ, med överordnad grupp, antal ledamöter och antal problem", cmd_group_list},
    {"group", "show", "lots group show ID|NAMN [--json] [--date ÅÅÅÅ-MM-DD] [--db PATH]",
     "Visa en grupp: ledamöter, beslutskraft (ledamöternas mandat), problem och gällande uppdragshandling",
     cmd_group_show},
    {"group", "check", "lots group check [ID|NAMN] [--json] [--date ÅÅÅÅ-MM-DD] [--db PATH]",
     "Kontrollera sammansättningen (ordförande, patientföreträdare, multiprofessionell, kommunal representant, "
     "RMKS, utgångna uppdrag); slutkod 0 även när problem finns", cmd_group_check},
    {"group", "overlaps", "lots group overlaps [--threshold 0.35] [--json] [--db PATH]",
     "Grupper vars uppdragshandlingar överlappar (textlikhet), med de ord de delar", cmd_group_overlaps},
    {"group", "tasks", "lots group tasks [--json] [--db PATH]",
     "Öppna uppgifter, t.ex. till metodstöd när en kommunal representant har slutat", cmd_group_tasks},
    /* group edit */
    {"group", "edit",
     "lots group edit ID|NAMN [--type TYP] [--name NAMN] [--short-name KORTNAMN] [--description TEXT] [--parent GRUPP] "
     "[--reports-to GRUPP] [--unit ENHET] [--body] [--patient-rep ja|nej] [--municipal ja|nej] "
     "[--multiprofessional ja|nej] [--note TEXT] [--as NAMN] [--db PATH]",
     "Ändra en grupp (det som inte anges behålls; \"\" tömmer överordnad grupp, rapporterar till och enhet); "
     "en rapporterings- eller överordningsslinga vägras", cmd_group_edit},
    /* end of group edit */
    {"help", NULL, "lots help [COMMAND|routes]", "Hjälp om ett kommando, eller webbens adresser (routes)", cmd_help},
    {"version", NULL, "lots version", "Visa versionen", cmd_version},
};
const unsigned command_count = sizeof commands / sizeof *commands;

static void print_overview(FILE *out)
{
    fputs("Lots – ärenden och förbättringsarbete i hälso- och sjukvården\n\nKommandon:\n", out);
    for (unsigned i = 0; i < command_count; i++) fprintf(out, "  %-60s\n      %s\n", commands[i].usage, commands[i].help);
    fputs("\nMiljövariabler: LOTS_DB (databasfil, standard lots.db), LOTS_USER (vem som agerar i CLI:t),\n"
          "LOTS_PROCESSES (katalog med egna processdefinitioner), LOTS_RULES (katalog med egna beslutsregler).\n"
          "Slutkoder: 0 klart, 1 vägrat eller misslyckat (meddelande på stderr), 2 felaktig användning.\n",
          out);
}

static void print_routes(void)
{
    for (size_t i = 0; i < route_count; i++) {
        const Route *r = &routes[i];
        const char *who = r->flags & ROUTE_ADMIN ? "admin" : r->flags & ROUTE_WRITE ? "skriv" : r->flags & ROUTE_USER ? "läs" : "alla";
        printf("%-5s %-38s %-6s %s\n", r->method, r->pattern, who, r->help);
    }
}

int cmd_help(int argc, char **argv)
{
    if (argc == 0) {
        print_overview(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[0], "routes")) {
        print_routes();
        return EXIT_OK;
    }
    int found = 0;
    for (unsigned i = 0; i < command_count; i++) {
        if (strcmp(commands[i].word, argv[0])) continue;
        if (argc > 1 && commands[i].subword && strcmp(commands[i].subword, argv[1])) continue;
        printf("%s\n    %s\n", commands[i].usage, commands[i].help);
        found++;
    }
    if (!found) {
        fprintf(stderr, "lots: okänt kommando '%s'; se lots help\n", argv[0]);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

int cli_main(int argc, char **argv)
{
    if (!account_init()) {
        fputs("lots: kunde inte initiera libsodium\n", stderr);
        return EXIT_FAIL;
    }
    if (argc < 2) {
        print_overview(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) return cmd_help(0, NULL);
    if (!strcmp(argv[1], "--version")) return cmd_version(0, NULL);
    bool word_known = false;
    for (unsigned i = 0; i < command_count; i++) {
        const Command *c = &commands[i];
        if (strcmp(c->word, argv[1])) continue;
        word_known = true;
        if (!c->subword) return c->run(argc - 2, argv + 2);
        if (argc > 2 && !strcmp(c->subword, argv[2])) return c->run(argc - 3, argv + 3);
    }
    if (word_known) {
        fprintf(stderr, "lots: '%s' behöver ett underkommando:\n", argv[1]);
        for (unsigned i = 0; i < command_count; i++)
            if (!strcmp(commands[i].word, argv[1])) fprintf(stderr, "  %s\n", commands[i].usage);
        return EXIT_USAGE;
    }
    fprintf(stderr, "lots: okänt kommando '%s'; se lots help\n", argv[1]);
    return EXIT_USAGE;
}
