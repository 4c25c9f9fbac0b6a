/*
 * demo.c — demo data for `lots init --demo`: the bodies of the seeds, a few
 * users, and a dozen cases spread over processes A, B and C and their steps,
 * some with a proposed action so their decision path is proposed.
 *
 * Every demo case is worked through the real core functions (case_create,
 * case_set_scope, case_set_checklist, case_link, case_consult, case_decide,
 * case_move) by a demo official, so its history is the one a person would
 * have produced.
 * Cases are driven by walking the transitions of the loaded definitions, and
 * stop where their script says in terms of the kind of step (before
 * förankring, in förankring, after the decision, after the branch …), not by
 * step keys; a renamed step or an added checklist item does not break it.
 *
 * Must not: write personal identity numbers, print anything, or run on a
 * database that already has users.
 */
#include "core/demo.h"
#include "core/deviation.h"
#include "core/group.h"
#include "core/org.h"
#include "core/pattern.h"
#include "core/plan.h"
#include "core/body.h"
#include "core/case.h"
#include "core/case_scope.h"
#include "base/buf.h"
#include "base/random.h"
#include "base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- bodies and people ------------------------------------------------------ */

static const struct {
    const char *short_name, *name, *kind;
} demo_bodies[] = {
    {"SSN", "Strategiska hälso- och sjukvårdsnämnden", "nämnd"},
    {"OSN", "Operativa hälso- och sjukvårdsnämnden", "nämnd"},
    {"KL HoS", "Koncernledning hälso- och sjukvård", "koncernledningsgrupp"},
    {"PPR", "Program- och prioriteringsrådet", "råd"},
    {"Klinisk ledning", "Klinisk ledning", "råd"},
    {"KS UPL", "Koncernstab uppdrag och produktionsledningsgrupp", "ledningsgrupp"},
    {"SR Nära vård", "Samordningsråd Nära vård", "samordningsråd"},
    {"SR Akut vård", "Samordningsråd Akut vård", "samordningsråd"},
    {"SR Psykisk hälsa", "Samordningsråd Psykisk hälsa", "samordningsråd"},
    {"SR Rörelseorganens sjukdomar", "Samordningsråd Rörelseorganens sjukdomar", "samordningsråd"},
    {"SR Endokrina sjukdomar", "Samordningsråd Endokrina sjukdomar", "samordningsråd"},
    {"FG Chefläkare", "Funktionsgrupp chefläkare", "funktionsgrupp"},
    {"FG Utvecklingschefer", "Funktionsgrupp utvecklingschefer", "funktionsgrupp"},
    {"FG Produktionschefer", "Funktionsgrupp produktionschefer", "funktionsgrupp"},
    {"FG Digitalisering", "Funktionsgrupp digitalisering", "funktionsgrupp"},
    {"SG Utveckling HoS", "Samordnande grupp för utveckling inom hälso- och sjukvård", "samordnande grupp"},
};

static const struct {
    const char *name, *display;
    Role role;
} demo_users[] = {
    {"anna.berg", "Anna Berg", ROLE_HANDLAGGARE},
    {"erik.lind", "Erik Lind", ROLE_HANDLAGGARE},
    {"lena.sjoberg", "Lena Sjöberg", ROLE_HANDLAGGARE},
    {"omar.haddad", "Omar Haddad", ROLE_HANDLAGGARE},
    {"maria.holm", "Maria Holm", ROLE_LASARE},
};

/* --- the cases -------------------------------------------------------------- */

/* Where a demo case stops, said by the kind of step rather than its key. */
typedef enum {
    STOP_START,          /* where a new case starts */
    STOP_SECOND,         /* one step in */
    STOP_BEFORE_ANCHOR,  /* the work step leading into förankring (beredning) */
    STOP_ANCHORING,      /* in förankring, some answers in */
    STOP_DECIDED,        /* in the decision step with the decision recorded */
    STOP_AFTER_DECISION, /* the step after the decision (genomförande) */
    STOP_BRANCH,         /* the step where the process branches */
    STOP_AFTER_BRANCH,   /* the step right after the branch */
    STOP_FINAL           /* avslutad */
} StopAt;

typedef struct {
    int origin;
    const char *officer; /* login name of the demo official who works it */
    const char *title;
    const char *description;
    const char *areas; /* plan item codes, space separated */
    StopAt stop;
    const char *branch;   /* at a branch: a word found in the chosen transition */
    int answered;         /* checklist items (or consultations) answered in the stopping step */
    const char *decider;  /* preferred deciding body */
    const char *paragraph;
    const char *decision; /* decision text */
} DemoCase;

static const DemoCase demo_cases[] = {
    {1, "anna.berg", "Invånarnas tillgång till akutvård i Fyrbodal",
     "Strategiska hälso- och sjukvårdsnämnden har gett hälso- och sjukvårdsdirektören i uppdrag att "
     "redovisa hur invånarnas tillgång till akutvård i Fyrbodal kan säkras på kort sikt, i väntan på "
     "närsjukhus Fyrbodal. Uppdraget ska beakta omställningen mot nära vård, ambulanssjukvårdens "
     "tillgänglighet och samverkan med kommunerna i området.",
     "NV PR", STOP_BEFORE_ANCHOR, NULL, 4, NULL, NULL, NULL},
    {2, "anna.berg", "Jämlik diabetesvård och tillgång till kontinuerlig glukosmätning",
     "Initiativ från Diabetesförbundet i Västra Götaland: skillnaderna mellan förvaltningar i förskrivning "
     "av kontinuerlig glukosmätning och i tillgång till diabetessjuksköterska bör utjämnas. Förbundet "
     "efterfrågar en regional inriktning och uppföljning per vårdcentral.",
     "NV KV", STOP_ANCHORING, NULL, 1, NULL, NULL, NULL},
    {1, "anna.berg", "Regiongemensam strategisk plan för forskning, utveckling, utbildning och innovation",
     "Nämnden har efterfrågat en regiongemensam strategisk plan för FoUUI inom hälso- och sjukvård, med "
     "koppling till strategin för omställningen och till arbetet med AI, innovation och life science.",
     "KV DI", STOP_DECIDED, NULL, 0, "SSN", "§ 61",
     "Strategiska hälso- och sjukvårdsnämnden fastställer den regiongemensamma strategiska planen för FoUUI "
     "inom hälso- och sjukvård och ger hälso- och sjukvårdsdirektören i uppdrag att återrapportera "
     "genomförandet i samband med uppföljningen av genomförandeplanen."},
    {2, "anna.berg", "Kompetensförsörjning av specialistsjuksköterskor inom akutsjukvård",
     "Initiativ från Svensk sjuksköterskeförening om regiongemensamma villkor för vidareutbildning till "
     "specialistsjuksköterska med inriktning akutsjukvård och intensivvård, för att minska beroendet av "
     "inhyrd personal.",
     "KV", STOP_AFTER_DECISION, NULL, 2, "SSN", "§ 74",
     "Nämnden ställer sig bakom förslaget om regiongemensamma villkor för utbildningsanställning och ger "
     "Koncernkontoret i uppdrag att genomföra det från och med vårterminen, med uppföljning per tertial."},
    {1, "anna.berg", "Uppföljning och revidering av genomförandeplanen 2024–2027",
     "Årlig uppföljning av genomförandeplanen för strategin för hälso- och sjukvårdens omställning: "
     "måluppfyllelse per delområde och förslag till reviderade aktiviteter och indikatorer.",
     "NV PR DI KV BU", STOP_FINAL, NULL, 0, "SSN", "§ 102",
     "Nämnden godkänner uppföljningen och fastställer den reviderade genomförandeplanen."},
    {2, "anna.berg", "Väntetider till barn- och ungdomspsykiatrin",
     "Initiativ från en brukarorganisation för barn och unga med psykisk ohälsa: väntetiderna till "
     "första bedömning inom BUP överskrider vårdgarantin i flera delar av regionen. Organisationen vill "
     "att regionen tar fram en gemensam plan med första linjens vård.",
     "BU NV", STOP_START, NULL, 0, NULL, NULL, NULL},
    {3, "erik.lind", "Nationella riktlinjer för vård vid depression och ångestsyndrom – regional gapanalys",
     "Socialstyrelsen har publicerat reviderade nationella riktlinjer för vård vid depression och "
     "ångestsyndrom. Samordningsråd Psykisk hälsa ska göra en gapanalys mot regionens nuvarande vård och "
     "föreslå åtgärder, särskilt för tillgång till psykologisk behandling i primärvården.",
     "NV PR", STOP_SECOND, NULL, 2, NULL, NULL, NULL},
    {4, "omar.haddad", "Personcentrerat och sammanhållet vårdförlopp höftledsartros",
     "Nationellt system för kunskapsstyrning har publicerat vårdförloppet. Regionalt programområde "
     "rörelseorganens sjukdomar har gjort gapanalys tillsammans med lokal arbetsgrupp med representanter "
     "från primärvård, ortopedi och kommunal rehabilitering, och föreslår åtgärder för artrosskola och "
     "fysioterapi före bedömning för operation.",
     "NV KV", STOP_ANCHORING, NULL, 2, NULL, NULL, NULL},
    {5, "erik.lind", "Ökande väntetider till fysioterapi i primärvården",
     "Signal från Samordningsråd Nära vård: verksamheterna rapporterar att väntetiderna till fysioterapeut "
     "på vårdcentral har ökat under året, med ett mönster av fler sökningar till akutmottagning för "
     "rörelseorganens besvär.",
     "NV", STOP_START, NULL, 0, NULL, NULL, NULL},
    {4, "omar.haddad", "Vårdförlopp stroke och TIA – akut skede och tidig rehabilitering",
     "Lokalt införande av det nationella vårdförloppet för stroke och TIA. Gapanalysen visar skillnader i "
     "tid till trombolys och i tillgång till tidig understödd utskrivning mellan sjukhusen.",
     "KV PR", STOP_AFTER_DECISION, NULL, 1, NULL, "§ 88",
     "Åtgärdsförslagen i gapanalysen godkänns. Åtgärder inom verksamheternas uppdrag och budget beslutas av "
     "respektive verksamhetschef; övriga prioriteras i genomförandeplanen."},
    {6, "lena.sjoberg", "Återkommande brister i överrapportering mellan akutmottagning och vårdavdelning",
     "Koncernkontoret har fått signaler från flera förvaltningar om ett mönster av avvikelser där "
     "information om ordinationer och observationer tappas vid överrapportering från akutmottagning till "
     "vårdavdelning, framför allt kvällar och helger.",
     "KV", STOP_BRANCH, NULL, 2, NULL, NULL, NULL},
    {6, "lena.sjoberg", "Fördröjda svar på remisser till bild- och funktionsmedicin",
     "Signal om att remissvar från bild- och funktionsmedicin i ett mönster dröjer längre än avtalad tid, "
     "med risk för fördröjd diagnos. Funktionsgrupp produktionschefer har tagit upp frågan.",
     "KV DI", STOP_AFTER_DECISION, "mandat", 0, "Delegation", NULL,
     "Funktionsgruppen beslutar inom sitt mandat om gemensam rutin för prioritering och bevakning av "
     "remissvar; uppföljning efter sex månader."},
    {6, "lena.sjoberg", "Brister i läkemedelsgenomgång vid utskrivning till kommunal hemsjukvård",
     "Avvikelser och klagomål visar ett återkommande mönster där läkemedelslistan vid utskrivning till "
     "kommunal hemsjukvård inte är avstämd. Frågan berör flera förvaltningar och kommunerna och behöver "
     "beredas av en avdelning på Koncernkontoret.",
     "NV KV", STOP_AFTER_BRANCH, "avdelning", 2, NULL, NULL, NULL},
    {6, "lena.sjoberg", "Uteblivna åtgärder efter avvikande provsvar i primärvården",
     "Signal från Patientnämnden och från egenkontroll: i ett antal ärenden har avvikande provsvar inte "
     "följts upp efter besök på vårdcentral. Mönstret behöver bekräftas med avvikelsedata.",
     "NV", STOP_START, NULL, 1, NULL, NULL, NULL},
    {6, "lena.sjoberg", "Återkommande överbeläggningar och utlokaliserade patienter inom medicinsk vård",
     "Avvikelsedata från flera sjukhus visar ett mönster av utlokaliserade patienter med fördröjd "
     "läkarbedömning som följd. Frågan bereddes av avdelningen för uppdrag och produktion och beslutades "
     "av nämnden; åtgärderna är genomförda och uppföljda.",
     "PR KV", STOP_FINAL, "avdelning", 0, "OSN", "§ 45",
     "Operativa hälso- och sjukvårdsnämnden ger sjukhusförvaltningarna i uppdrag att införa gemensamma "
     "principer för utlokalisering och daglig läkarbedömning av utlokaliserade patienter."},
};

/* The proposed action of some demo cases (Region Örebro län's units, so the
 * default rules, orebro, propose a path): set while the case is prepared.
 * Höftledsartros has none, so the page shows how one is asked for. */
static const struct {
    const char *title; /* the demo case it belongs to */
    const char *units[3], *munis[3];
    bool mission, budget, political;
    double cost; /* kronor; < 0: not given */
    const char *note;
} demo_scopes[] = {
    {"Jämlik diabetesvård och tillgång till kontinuerlig glukosmätning", {"Vårdcentralerna i egen regi"}, {NULL},
     true, false, false, 4200000, "Kontinuerlig glukosmätning till fler patienter ryms inte i vårdcentralernas budget."},
    {"Nationella riktlinjer för vård vid depression och ångestsyndrom – regional gapanalys",
     {"Psykiatri", "Vårdcentralerna i egen regi"}, {"Örebro", "Karlskoga"}, true, true, false, -1, NULL},
    {"Vårdförlopp stroke och TIA – akut skede och tidig rehabilitering", {"Kardiologi", "Geriatrik"}, {"Örebro"},
     true, false, false, 1200000, "Tidig understödd utskrivning kräver fler tjänster i geriatriken."},
    {"Återkommande brister i överrapportering mellan akutmottagning och vårdavdelning",
     {"Medicinkliniken Karlskoga", "Medicinkliniken Lindesberg"}, {NULL}, true, true, false, -1,
     "Gemensam rutin för överrapportering ryms inom klinikernas uppdrag och budget."},
};

/* Notes a case officer would write for a checklist item, chosen by a word in
 * the item's key (first match wins); items without a match get no note.
 * Optional items whose key matches na_notes are answered "ej tillämplig". */
static const struct {
    const char *word, *note;
} item_notes[] = {
    {"avstam", "Avstämt med koordinator för berört samordningsråd och regionalt programområde."},
    {"samber", "Samberedning med Koncernstab ekonomi och Koncernstab HR."},
    {"nulage", "Nulägeskartläggning klar; underlag i ärendets akt."},
    {"gapanalys", "Gapanalys gjord mot nationellt kunskapsstöd tillsammans med lokal arbetsgrupp."},
    {"behov", "Behovsanalys utifrån befolkningsdata och vårdutnyttjande."},
    {"atgardsforslag", "Åtgärdsförslagen prioriterade i arbetsgruppen."},
    {"genomforandeplan", "Kopplat till delområde och aktivitet i genomförandeplanen 2024–2027."},
    {"befintliga_planer", "Regional plan för området finns; förslaget bygger vidare på den."},
    {"omstall", "Ligger i linje med strategin för omställningen; kopplat i ärendet."},
    {"uppfolj", "Uppföljning per tertial via genomförandeplanens indikatorer."},
    {"forslag", "Förslag till genomförande framtaget."},
    {"fordel", "Fördelat enligt rutin för initiering av ärenden."},
    {"huvudhandlaggare", "Huvudhandläggare utsedd av avdelningschef."},
    {"signal", "Beskrivet utifrån avvikelser och klagomål, utan personuppgifter."},
    {"monster", "Mönstret bekräftat i avvikelse- och klagomålsdata för de senaste fyra tertialen."},
    {"mandat", "Åtgärder inom uppdrag och budget beslutas av respektive verksamhetschef."},
    {"beslutsunderlag", "Tjänsteskrivelse klar för nämndens sammanträde."},
    {"mottaget", "Registrerat i samordningsrådets ärendelista."},
    {"resultat", "Följt upp med indikatorerna; målet uppnått."},
    {"uppdrag_givet", "Uppdrag givet till berörda förvaltningar."},
    {"atgarder", "Åtgärderna startade enligt tidplan."},
};

static const struct {
    const char *word, *note;
} na_notes[] = {
    {"ordnat", "Inte aktuellt med ordnat införande: inga nya läkemedel eller metoder berörs."},
    {"koncernstab", "Behövs inte; frågan ryms inom funktionsgruppens område."},
    {"samverkan", "Bara en funktionsgrupp berörs."},
    {"kommuner", "Berör inte kommunernas verksamhet."},
};

static const char *note_for(const char *key, bool *na)
{
    for (size_t i = 0; *na && i < sizeof na_notes / sizeof *na_notes; i++)
        if (strstr(key, na_notes[i].word)) return na_notes[i].note;
    *na = false;
    for (size_t i = 0; i < sizeof item_notes / sizeof *item_notes; i++)
        if (strstr(key, item_notes[i].word)) return item_notes[i].note;
    return NULL;
}

/* --- driving a case --------------------------------------------------------- */

typedef struct {
    Db *db;
    const ProcessSet *ps;
    const Actor *who;
    const DemoCase *dc;
    long long id;
    char today[11];
    Err *e;
} Walk;

static size_t forward_count(const Step *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->ntransitions; i++)
        if (!s->transitions[i].back) n++;
    return n;
}

static bool contains_ci(const char *hay, const char *needle)
{
    if (!hay || !needle) return false;
    char *h = fold_lower(hay), *n = fold_lower(needle);
    bool found = strstr(h, n) != NULL;
    free(h);
    free(n);
    return found;
}

/* The forward transition to take from `s`: at a branch, the one whose key,
 * label or "when" names the script's word; otherwise the first. */
static const Transition *choose(const Step *s, const char *branch)
{
    const Transition *first = NULL;
    for (size_t i = 0; i < s->ntransitions; i++) {
        const Transition *t = &s->transitions[i];
        if (t->back) continue;
        if (!first) first = t;
        if (branch && (contains_ci(t->to, branch) || contains_ci(t->label, branch) || contains_ci(t->when, branch)))
            return t;
    }
    return first;
}

/* True if the forward transition out of `s` leads into an anchoring step. */
static bool leads_to_anchoring(const ProcessDef *def, const Step *s)
{
    for (size_t i = 0; i < s->ntransitions; i++) {
        const Step *to = process_step(def, s->transitions[i].to);
        if (!s->transitions[i].back && to && to->kind == STEP_ANCHORING) return true;
    }
    return false;
}

/* Answers checklist items of the current step: all of them, or the first
 * `limit`. Some optional items are not applicable, with the reason. */
static ErrCode answer_items(Walk *w, const Step *s, size_t limit)
{
    for (size_t i = 0; i < s->nitems && i < limit; i++) {
        const ChecklistItem *ci = &s->items[i];
        bool na = !ci->required;
        const char *note = note_for(ci->key, &na);
        if (case_set_checklist(w->db, w->ps, w->who, w->id, ci->key, na ? "na" : "done", note, w->e))
            return w->e->code;
    }
    return ERR_OK;
}

static ErrCode consult_bodies(Walk *w, const Step *s, size_t limit)
{
    static const char *answers[] = {"tillstyrker", "tillstyrker", "tillstyrker_med_andring", "information"};
    for (size_t i = 0; i < s->nconsult && i < limit; i++) {
        Buf note = BUF_INIT;
        if (!strcmp(answers[i % 4], "tillstyrker_med_andring"))
            buf_printf(&note, "%s vill se en tydligare plan för uppföljning innan beslut.", s->consult[i]);
        else
            buf_printf(&note, "Presenterat som dialogpunkt för %s.", s->consult[i]);
        ConsultationNew cn = {.body = s->consult[i], .answer = answers[i % 4], .date = w->today, .note = buf_cstr(&note)};
        ErrCode rc = case_consult(w->db, w->ps, w->who, w->id, &cn, w->e);
        buf_free(&note);
        if (rc) return rc;
    }
    return ERR_OK;
}

static ErrCode decide(Walk *w, const Step *s)
{
    const char *body = s->ndeciders ? s->deciders[0] : NULL;
    for (size_t i = 0; w->dc->decider && i < s->ndeciders; i++)
        if (!strcmp(s->deciders[i], w->dc->decider)) body = s->deciders[i];
    if (!body) return err_set(w->e, ERR_INTERNAL, "steget %s har inga beslutande organ", s->key);
    bool delegation = !strcmp(body, "Delegation");
    DecisionNew dn = {.body = body,
                      .date = w->today,
                      .paragraph = delegation ? "" : w->dc->paragraph ? w->dc->paragraph : "§ 12",
                      .text = w->dc->decision ? w->dc->decision : "Förslaget godkänns."};
    return case_decide(w->db, w->ps, w->who, w->id, &dn, w->e);
}

/* Does everything the step asks so that the chosen transition opens. */
static ErrCode complete_step(Walk *w, const Step *s)
{
    if (answer_items(w, s, s->nitems)) return w->e->code;
    if (s->kind == STEP_ANCHORING && consult_bodies(w, s, s->nconsult)) return w->e->code;
    if (s->kind == STEP_DECISION && decide(w, s)) return w->e->code;
    return ERR_OK;
}

/* What a case that stops here has already done in its current step. */
static ErrCode work_partly(Walk *w, const Step *s)
{
    if (w->dc->stop == STOP_DECIDED) {
        if (answer_items(w, s, s->nitems) || decide(w, s)) return w->e->code;
        return ERR_OK;
    }
    if (answer_items(w, s, (size_t)w->dc->answered)) return w->e->code;
    if (s->kind == STEP_ANCHORING && consult_bodies(w, s, (size_t)w->dc->answered)) return w->e->code;
    return ERR_OK;
}

/* Why the official moves the case on, as they would write it. */
static const char *move_note(const Step *from, const Transition *t)
{
    if (t->when) return t->when;
    if (from->kind == STEP_ANCHORING) return "Förankringen är klar; synpunkterna är inarbetade i underlaget.";
    if (from->kind == STEP_DECISION) return "Beslutet är fattat och expedierat.";
    if (t->needs_note || from->nitems) return "Stegets punkter är klara.";
    return NULL;
}

static bool stop_here(const Walk *w, const ProcessDef *def, const Step *s, int moves, bool after_decision,
                      bool after_branch)
{
    if (s->kind == STEP_FINAL) return true;
    switch (w->dc->stop) {
    case STOP_START: return moves == 0;
    case STOP_SECOND: return moves == 1;
    case STOP_BEFORE_ANCHOR: return leads_to_anchoring(def, s);
    case STOP_ANCHORING: return s->kind == STEP_ANCHORING;
    case STOP_DECIDED: return s->kind == STEP_DECISION;
    case STOP_AFTER_DECISION: return after_decision;
    case STOP_BRANCH: return forward_count(s) > 1;
    case STOP_AFTER_BRANCH: return after_branch;
    case STOP_FINAL: return false;
    }
    return true;
}

static ErrCode walk_case(Walk *w)
{
    Case c;
    if (case_get(w->db, w->id, &c, w->e)) return w->e->code;
    const ProcessDef *def = process_find(w->ps, c.process);
    case_free(&c);
    if (!def) return err_set(w->e, ERR_INTERNAL, "processen för demoärendet saknas");
    const Step *s = &def->steps[0];
    bool after_decision = false, after_branch = false;
    for (int moves = 0;; moves++) {
        if (stop_here(w, def, s, moves, after_decision, after_branch)) return work_partly(w, s);
        if (moves > 30) return err_set(w->e, ERR_INTERNAL, "demoärendet '%s' når aldrig sitt mål", w->dc->title);
        const Transition *t = choose(s, w->dc->branch);
        if (!t) return err_set(w->e, ERR_INTERNAL, "steget %s har ingen väg framåt", s->key);
        if (complete_step(w, s)) return w->e->code;
        if (case_move(w->db, w->ps, w->who, w->id, t->to, move_note(s, t), w->e)) return w->e->code;
        after_decision = s->kind == STEP_DECISION;
        after_branch = forward_count(s) > 1;
        s = process_step(def, t->to);
        if (!s) return err_set(w->e, ERR_INTERNAL, "övergången leder till ett okänt steg '%s'", t->to);
    }
}

static ErrCode link_areas(Db *db, const Actor *who, long long id, const char *areas, Err *e)
{
    char code[16];
    for (const char *p = areas; p && *p;) {
        size_t n = strcspn(p, " ");
        if (n && n < sizeof code) {
            memcpy(code, p, n);
            code[n] = '\0';
            long long item = db_int(db, e, "SELECT id FROM plan_items WHERE code = :c ORDER BY id LIMIT 1",
                                    DB_ARGS(DB_TEXT(":c", code)), 0);
            if (item > 0 && case_link(db, who, id, item, NULL, e)) return e->code;
        }
        p += n;
        while (*p == ' ') p++;
    }
    return ERR_OK;
}

static ErrCode set_scope(Db *db, const Actor *who, long long id, const char *title, Err *e)
{
    for (size_t i = 0; i < sizeof demo_scopes / sizeof *demo_scopes; i++) {
        if (strcmp(demo_scopes[i].title, title)) continue;
        DecideInput in = {.units = demo_scopes[i].units,
                          .municipalities = demo_scopes[i].munis,
                          .within_mission = demo_scopes[i].mission,
                          .within_budget = demo_scopes[i].budget,
                          .political = demo_scopes[i].political,
                          .has_cost = demo_scopes[i].cost >= 0,
                          .cost = demo_scopes[i].cost};
        while (in.nunits < 3 && in.units[in.nunits]) in.nunits++;
        while (in.nmunicipalities < 3 && in.municipalities[in.nmunicipalities]) in.nmunicipalities++;
        return case_set_scope(db, who, id, &in, demo_scopes[i].note, e);
    }
    return ERR_OK;
}

static ErrCode add_case(Db *db, const ProcessSet *ps, const DemoCase *dc, Err *e)
{
    Actor who;
    if (account_by_name(db, dc->officer, &who, e)) return e->code;
    CaseNew in = {.title = dc->title, .description = dc->description, .origin = dc->origin};
    Case c;
    if (case_create(db, ps, &who, &in, &c, e)) return e->code;
    Walk w = {.db = db, .ps = ps, .who = &who, .dc = dc, .id = c.id, .e = e};
    case_free(&c);
    iso_today(w.today);
    if (link_areas(db, &who, w.id, dc->areas, e) || set_scope(db, &who, w.id, dc->title, e)) return e->code;
    return walk_case(&w);
}

/* --- the whole load ----------------------------------------------------------- */

/* Maja Ek, metodstöd in LAG Demens, gets an account of her own, so the task
 * left when Laxå's representative left shows on her start page. */
static ErrCode link_demo_person(Db *db, Err *e)
{
    long long person = db_int(db, e, "SELECT id FROM people WHERE name = 'Maja Ek'", NULL, 0);
    if (!person) return ERR_OK; /* the group demo changed: nothing to link */
    char pw[33];
    random_hex(pw, 16);
    ErrCode rc = account_add(db, "maja.ek", "Maja Ek", ROLE_HANDLAGGARE, pw, NULL, e);
    memset(pw, 0, sizeof pw);
    return rc ? rc : account_link_person(db, "maja.ek", person, e);
}

static ErrCode add_people_and_bodies(Db *db, char admin_password[33], Err *e)
{
    if (db_begin(db, e)) return e->code;
    for (size_t i = 0; i < sizeof demo_bodies / sizeof *demo_bodies; i++)
        if (body_add(db, demo_bodies[i].short_name, demo_bodies[i].name, demo_bodies[i].kind, e)) goto fail;
    random_hex(admin_password, 16);
    if (account_add(db, "admin", "Administratör", ROLE_ADMIN, admin_password, NULL, e)) goto fail;
    for (size_t i = 0; i < sizeof demo_users / sizeof *demo_users; i++) {
        char pw[33]; /* never shown: an admin resets it when someone needs to log in */
        random_hex(pw, 16);
        ErrCode rc = account_add(db, demo_users[i].name, demo_users[i].display, demo_users[i].role, pw, NULL, e);
        memset(pw, 0, sizeof pw);
        if (rc) goto fail;
    }
    if (org_demo_load(db, e)) goto fail; /* Region Örebro län, its municipalities, VGR förvaltningar */
    if (group_demo_load(db, e)) goto fail; /* VGR and Örebro groups, members, commissions, mandates */
    if (link_demo_person(db, e)) goto fail;
    if (deviation_demo_load(db, 2026, e)) goto fail; /* a year of deviations and complaints, two patterns planted */
    return db_commit(db, e);
fail:
    db_rollback(db);
    return e->code;
}

ErrCode demo_load(Db *db, const ProcessSet *ps, char admin_password[33], Err *e)
{
    admin_password[0] = '\0';
    Err q = ERR_INIT;
    bool has_users = db_exists(db, &q, "SELECT 1 FROM users", NULL);
    if (q.code) {
        *e = q;
        return e->code;
    }
    if (has_users)
        return err_set(e, ERR_CONFLICT, "Databasen har redan användare; demodata läggs bara i en tom databas.");
    if (add_people_and_bodies(db, admin_password, e)) {
        admin_password[0] = '\0';
        return e->code;
    }
    /* genomförandeplanen, verksamhetsplanen, Regionhälsan: its own transaction */
    if (plan_demo_load(db, e)) return e->code;
    /* Each case step is its own transaction in core (as when a person works
     * it); a failure here leaves the cases made so far, and says which one. */
    for (size_t i = 0; i < sizeof demo_cases / sizeof *demo_cases; i++) {
        if (add_case(db, ps, &demo_cases[i], e)) {
            char msg[sizeof e->msg];
            snprintf(msg, sizeof msg, "%s", e->msg);
            err_set(e, e->code ? e->code : ERR_INTERNAL, "demoärendet '%s': %s", demo_cases[i].title, msg);
            return e->code;
        }
    }
    DetectStats st; /* the planted patterns show on the patterns page at once */
    return pattern_detect(db, ps, &st, e);
}
