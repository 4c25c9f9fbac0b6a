/*
 * plan_demo.c — demo plans from seed 002 (VGR): the genomförandeplan
 * 2024–2027 for the transition with its areas, their strategic owners and
 * assignment owners, and the delområden with their effect goals; the
 * verksamhetsplan's workstreams with the two milestones that name an
 * indicator; and Regionhälsan's breakdown with the indicator of its
 * follow-up table and exactly its five periods.
 *
 * Only what the seed says. Where it is silent (which indicator Regionhälsan's
 * table shows, and under which area), the item's description says so. The
 * seed's summary pivot (31 delområden, 92 activities, 86 indicators) counts
 * the full Bilaga 1, which the seed does not list; Lots counts what is here.
 */
#include "core/plan_internal.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *title, *goal, *goal_description; /* a second goal: goal2 */
    const char *goal2;
} DemoDelomrade;

typedef struct {
    const char *code, *title, *strategic_owner, *assignment_owner, *strategy_code;
    const DemoDelomrade *delomraden;
} DemoArea;

static const DemoDelomrade nv[] = {
    {"Delaktighet och medskapande",
     "Det finns en gemensam målbild för arbete med patientinvolvering och struktur för dokumenterad överenskommelse.",
     NULL, NULL},
    {"Samverkan",
     "Det finns en gemensam målbild och förslag på struktur inom länet Västra Götaland för ändamålsenlig samverkan "
     "på samtliga nivåer och vårdområden.",
     NULL, NULL},
    {"Hälsofrämjande och förebyggande",
     "Det finns en inriktning för att tillhandahålla främjande och förebyggande insatser utifrån såväl "
     "befolkningens behov som patientens individuella behov och förutsättningar för proaktiva och tidiga insatser.",
     NULL,
     "Det finns en plan för utveckling av digitalt stöd för att stärka det hälsofrämjande och "
     "sjukdomsförebyggande arbetet."},
    {"Digital tillgänglighet",
     "Invånaren upplever en ökad tillgänglighet till digitalt vårdutbud vilket ger ett förbättrat "
     "resursutnyttjande.",
     NULL, NULL},
    {"Primärvårdsnivån, digitalt och fysiskt, är den naturliga ingången för patienten till hälso- och sjukvården",
     "Det finns en regional gemensam inriktning och målbild om vårdens utbud utifrån vårdbehov.", NULL, NULL},
    {"Invånarens kontroll över hälsa och egenvård",
     "Fler patienter hänvisas till rätt vårdnivå vid digital första kontakt. Ökad upplevelse av kontroll över "
     "sitt hälsotillstånd.",
     NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static const DemoDelomrade pr[] = {
    {"Nationellt prioriteringsarbete", "Följsamhet till nationella prioriteringar.", NULL, NULL},
    {"Ordnat införande och prioritering",
     "Prioritering mellan olika insatser sker strukturerat, jämlikt och med behov i fokus.", NULL, NULL},
    {"Horisontella jämförelser till grund för utmönstring",
     "Regiongemensam syn på åtgärder som kan ges lägre prioritet.", NULL, NULL},
    {"Prioriteringsmodell för innovativa och forskningsnära metoder",
     "Ökad tydlighet i implementering av innovation.", NULL, NULL},
    {"Prioriteringar ska även skapa förutsättningar för en fortsatt framgångsrik forskning, utveckling samt "
     "införande av innovation i vården",
     "Beslutsfattare och invånare ser styrkan i ett sammanhållet HoS-system med kontinuerlig förbättring som mål.",
     NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static const DemoDelomrade kv[] = {
    {"Stärka och utveckla vårdens processer",
     "Kunskapsstyrning har en naturlig roll i gemensamt beslutsfattande och bidrar till ökad kvalitet, jämlik vård "
     "och förbättrad tillgänglighet anpassad för patienten.",
     NULL, NULL},
    {"Ökad förändringstakt med stöd av digitala tjänster",
     "Gemensam målbild för den digitala transformationen av hälso- och sjukvården.", NULL, NULL},
    {"Ta fram och förbättra kunskapsstöd/beslutsstöd",
     "Regiongemensam syn på behovet av en sammanhållen process för kunskapsstöd/beslutsstöd.", NULL, NULL},
    {"Metoder för utveckling av personcentrerat arbetssätt",
     "Tydligare regiongemensam struktur och arbetssätt för personcentrerat arbetssätt och patienters och "
     "närståendes medskapande för ökat egenansvar och egenvård.",
     NULL, NULL},
    {"Utdata och analys", "Förutsättningar finns för lokalt förbättringsarbete och uppföljning enligt fastställda mål.",
     NULL, NULL},
    {"Lokalt förbättringsarbete",
     "Ökad kompetens och förutsättningar för att kontinuerligt utveckla vården utifrån bästa kunskap i "
     "beslutsfattande och förbättringsarbete på alla nivåer.",
     NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static const DemoDelomrade kf[] = {
    {"Effektiv användning av medarbetares kompetens",
     "Genomförande av beslut för arbetstidsförläggning, scheman och samplanering av flera kompetenser.", NULL,
     "Behålla, utveckla för att attrahera."},
    {"Digital arbetsmiljö", "Frigjord tid för medarbetare. Ökad upplevelse av en god digital arbetsmiljö.", NULL,
     NULL},
    {"Nya kompetenser behöver införas för att nyttja potential i nya verktyg och metoder och allas kompetens kan "
     "användas på bästa sätt",
     "Kompetensförsörjning utgår från framtida behov utifrån demografiska utmaningar, förutsättningar i omvärlden "
     "och nya arbetssätt.",
     NULL, NULL},
    {"Kontinuerlig kompetensutveckling hos vårdens medarbetare är en förutsättning för bästa vård och ska säkras",
     "Samtliga aktörer i vårdkedjan har tillgång till beslutad kompetensutveckling i VGR.", NULL,
     "Forskning, innovation, verksamhetsutveckling och kompetensutveckling integreras för att på bästa sätt stödja "
     "arbetet för bästa vård."},
    {NULL, NULL, NULL, NULL},
};

static const DemoDelomrade bu[] = {
    {"Hållbart sammanhållet system för hälso- och sjukvård och för barn och unga med målsättning god och nära vård",
     "Hälso- och sjukvården ska ges i ökad utsträckning personcentrerat, med rätt insats i rätt tid och rätt "
     "kompetens.",
     "Särskilt fokus på barn och unga med komplexa behov och flera vårdkontakter, barn och unga med psykisk ohälsa "
     "och barns språk och kommunikation.",
     NULL},
    {"Hälsofrämjande, förebyggande och tidiga insatser till målgruppen barn och unga inom hela hälso- och "
     "sjukvården",
     "Hälsofrämjande, förebyggande och tidiga insatser sker i samverkan.",
     "Kunskapsbaserade insatser ges i ökad grad inom tandvård, primärvård och i nära samverkan mellan primärvård och "
     "specialiserad vård. Arbetet ska främja samverkan med kommun och skolhuvudmän.",
     NULL},
    {"God och resurseffektiv kompetenstillgång",
     "Hälso- och sjukvården ges i ökad utsträckning resurseffektivt i en tvärprofessionell och tvärsektoriell "
     "struktur för insatser utifrån behov.",
     "Fler barnsäkrade digitala tjänster används och är anpassade utifrån barnets/den unges ålder, mognad och "
     "funktionsnivå.",
     NULL},
    {"Barnkompetens",
     "Ökad kompetens för att kunna möta barn, unga och närståendes behov av en inkluderande, kunskapsbaserad och "
     "professionell hälso- och sjukvård inom primärvård och specialiserad vård.",
     NULL, NULL},
    {"Barn, ungas och närståendes delaktighet och medskapande",
     "Fler barn, unga och närstående ges förutsättningar att vara delaktiga och medskapande i sin vård och i att "
     "utveckla hälso- och sjukvården.",
     NULL, NULL},
    {"Systematiskt barnrättsperspektiv tillämpas i alla processer och beslut som berör barn, unga och närstående",
     "Modell och metoder finns för beaktande av systematiskt barnrättsperspektiv.", NULL, NULL},
    {"Förbättrad uppföljning av barn- och ungas hälsa samt hälso- och sjukvård",
     "Ändamålsenliga hälsodata, indikatorer och analys har fastställts för att beskriva barn och ungas hälsa och "
     "säkra omställningen till en god och nära vård.",
     NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

/* Seed 002, "Genomförandeplanen Koncernkontoret – Områden Ansvar". */
static const DemoArea areas[] = {
    {"NV", "Nära vård", "Kaarina Sundelin (BoP)", "Ann-Sofi Isaksson (Åsa Jackson biträdande)", "NV", nv},
    {"PR", "Prioritering", "Karin Looström Muth (HoS)", "Ann-Sofie Rundberg", "PR", pr},
    {"DI", "Digitalisering", "Ann-Marie Schaffrath (Dig)", "Erica Sandberg", "DI", NULL},
    {"KV", "Kvalitetsdriven verksamhetsutveckling", "Karin Looström Muth (HoS)", "Hanna Svanström", "KV", kv},
    {"KF", "Kompetensförsörjning", "Marina Olsson (HR)", "Minna Niemelä och Lars Wingfors", "KV", kf},
    {"BU", "Barnuppdraget", "Karin Looström Muth (HoS)", "Karin Andersson", "BU", bu},
    {"UP", "Uppföljning", "Ann-Charlotte Lilja Järnström (Ek)", "Calle Blomberg och Anders Östlund", NULL, NULL},
};

static ErrCode add(Db *db, const PlanItemNew *in, long long *id, Err *e)
{
    if (plan_item_insert(db, in, id, e)) return err_prefix(e, ERR_OK, "demoplan, %s: ", in->code);
    return ERR_OK;
}

static long long item_id(Db *db, long long plan, const char *code, Err *e)
{
    long long id = 0;
    plan_item_by_code(db, plan, code, &id, e);
    return id;
}

static ErrCode load_genomforandeplan(Db *db, long long *plan_out, Err *e)
{
    /* the strategy of migration 0001, if it is still there */
    long long strategy = db_int(db, e, "SELECT id FROM plans WHERE key = 'omstallning'", NULL, 0);
    if (e->code) return e->code;
    PlanNew p = {.key = "genomforandeplan",
                 .name = "Genomförandeplan 2024–2027 för omställningen av hälso- och sjukvården",
                 .kind = "genomforandeplan",
                 .description = "Reviderad och beslutad i Strategiska hälso- och sjukvårdsnämnden (SSN) april 2024, "
                                "med Bilaga 1: effektmål, aktiviteter och indikatorer. Bryter ner Strategi för "
                                "omställningen av hälso- och sjukvården 2023–2027. Revideras årligen i november/december.",
                 .based_on = strategy,
                 .period_from = "2024",
                 .period_to = "2027",
                 .tolerance_pct = 5};
    long long plan;
    if (plan_insert(db, &p, &plan, e)) return e->code;
    *plan_out = plan;
    for (size_t a = 0; a < sizeof areas / sizeof *areas; a++) {
        const DemoArea *ar = &areas[a];
        long long strategy_item = ar->strategy_code && strategy ? item_id(db, strategy, ar->strategy_code, e) : 0;
        if (e->code) return e->code;
        PlanItemNew area = {.plan_id = plan,
                            .kind = "area",
                            .code = ar->code,
                            .title = ar->title,
                            .strategic_owner = ar->strategic_owner,
                            .assignment_owner = ar->assignment_owner,
                            .refers_to = strategy_item};
        long long area_id;
        if (add(db, &area, &area_id, e)) return e->code;
        for (size_t d = 0; ar->delomraden && ar->delomraden[d].title; d++) {
            const DemoDelomrade *dd = &ar->delomraden[d];
            char code[32], gcode[40];
            snprintf(code, sizeof code, "%s-%zu", ar->code, d + 1);
            PlanItemNew del = {.plan_id = plan, .parent_id = area_id, .kind = "delomrade", .code = code,
                               .title = dd->title};
            long long del_id, goal_id;
            if (add(db, &del, &del_id, e)) return e->code;
            snprintf(gcode, sizeof gcode, "%s.1", code);
            PlanItemNew goal = {.plan_id = plan, .parent_id = del_id, .kind = "goal", .code = gcode,
                                .title = dd->goal, .description = dd->goal_description};
            if (add(db, &goal, &goal_id, e)) return e->code;
            if (dd->goal2) {
                snprintf(gcode, sizeof gcode, "%s.2", code);
                PlanItemNew g2 = {.plan_id = plan, .parent_id = del_id, .kind = "goal", .code = gcode,
                                  .title = dd->goal2};
                if (add(db, &g2, &goal_id, e)) return e->code;
            }
        }
    }
    return ERR_OK;
}

/* Seed 002, "Verksamhetsplan Koncernledning Hälso- och sjukvård – Arbetsströmmar", and the two milestones of
 * 2023 that name their indicator. */
static ErrCode load_verksamhetsplan(Db *db, Err *e)
{
    PlanNew p = {.key = "verksamhetsplan",
                 .name = "Verksamhetsplan Koncernledning hälso- och sjukvård 2023–2025",
                 .kind = "verksamhetsplan",
                 .description = "Det goda livet och en god hälsa 2030. Beslutad av Koncernledningen hälso- och sjukvård "
                                "2023-06-21, med viktiga milstolpar 2023 och 2024 och önskad målbild 2025.",
                 .period_from = "2023",
                 .period_to = "2025",
                 .tolerance_pct = 5};
    long long plan, id, ws;
    if (plan_insert(db, &p, &plan, e)) return e->code;
    static const char *const streams[][2] = {
        {"VP1", "Nära invånaren"},
        {"VP2", "Hälsofrämjande och förebyggande"},
        {"VP3", "En sammanhållen hälso- och sjukvård"},
        {"VP4", "Ledarskap och kompetensförsörjning"},
    };
    long long first = 0;
    for (size_t i = 0; i < sizeof streams / sizeof *streams; i++) {
        PlanItemNew a = {.plan_id = plan, .kind = "area", .code = streams[i][0], .title = streams[i][1],
                         .strategic_owner = "Direktörer från KL HoS"};
        if (add(db, &a, &ws, e)) return e->code;
        if (!i) first = ws;
    }
    PlanItemNew g1 = {.plan_id = plan, .parent_id = first, .kind = "goal", .code = "VP1-M1",
                      .title = "Väl fungerande samarbete mellan VGR och kommuner",
                      .description = "Viktig milstolpe 2023."};
    PlanItemNew i1 = {.plan_id = plan, .kind = "indicator", .code = "VP1-M1-I1", .title = "Utskrivningsklara patienter",
                      .unit = "antal", .direction = DIR_LOWER, .period_type = PERIOD_TERTIAL};
    PlanItemNew g2 = {.plan_id = plan, .parent_id = first, .kind = "goal", .code = "VP1-M2",
                      .title = "Fler patientgrupper omhändertas i nära vården", .description = "Viktig milstolpe 2024."};
    PlanItemNew i2 = {.plan_id = plan, .kind = "indicator", .code = "VP1-M2-I1",
                      .title = "Remisser till sjukhusen och besök på akutmottagningar",
                      .description = "Indikatorn i verksamhetsplanen: antal minskade remisser totalt till sjukhusen "
                                     "och besök till akutmottagningar.",
                      .unit = "antal", .direction = DIR_LOWER, .period_type = PERIOD_TERTIAL};
    if (add(db, &g1, &i1.parent_id, e) || add(db, &i1, &id, e) || add(db, &g2, &i2.parent_id, e) ||
        add(db, &i2, &id, e))
        return e->code;
    return ERR_OK;
}

/* Seed 002, "Genomförandeplan 2024–2027 … Regionhälsan T2 2024": the nuläge and the follow-up table. */
static ErrCode load_regionhalsan(Db *db, long long regional, Err *e)
{
    PlanNew p = {.key = "regionhalsan",
                 .name = "Genomförandeplan 2024–2027 – Regionhälsan",
                 .kind = "strategikarta",
                 .description = "Regionhälsans nedbrytning av genomförandeplanen för omställningen; följs upp per "
                                "tertial.",
                 .organisation = "Regionhälsan",
                 .based_on = regional,
                 .period_from = "2024",
                 .period_to = "2027",
                 .tolerance_pct = 5};
    long long plan, nv_area, up_area, id, ind;
    if (plan_insert(db, &p, &plan, e)) return e->code;
    long long reg_nv = item_id(db, regional, "NV", e), reg_up = item_id(db, regional, "UP", e);
    if (e->code) return e->code;
    PlanItemNew nv_in = {.plan_id = plan, .kind = "area", .code = "RH-NV", .title = "Nära vård", .refers_to = reg_nv};
    PlanItemNew up_in = {.plan_id = plan, .kind = "area", .code = "RH-UP", .title = "Uppföljning", .refers_to = reg_up};
    if (add(db, &nv_in, &nv_area, e) || add(db, &up_in, &up_area, e)) return e->code;
    const PlanItemNew items[] = {
        {.plan_id = plan, .parent_id = nv_area, .kind = "activity", .code = "RH-NV-A1",
         .title = "Ta emot fler uppdrag för regiongemensam organisering och omställning (smärtmottagning)",
         .status = "ongoing"},
        {.plan_id = plan, .parent_id = nv_area, .kind = "activity", .code = "RH-NV-A2",
         .title = "Utveckla antalet utbudspunkter", .status = "ongoing"},
        {.plan_id = plan, .parent_id = up_area, .kind = "activity", .code = "RH-UP-A1",
         .title = "Utveckla struktur för uppföljning",
         .description = "Synkning med övriga uppdrag och planer; integreras i förutsättningar och uppdrag för "
                        "förvaltningen i verksamhetsplan 2025.",
         .status = "ongoing"},
        {.plan_id = plan, .parent_id = up_area, .kind = "activity", .code = "RH-UP-A2",
         .title = "Validering av indikatoruppföljning", .status = "ongoing"},
        {.plan_id = plan, .parent_id = up_area, .kind = "activity", .code = "RH-UP-A3",
         .title = "Statusrapportering enligt trafikljus (likt Plan och styr)", .status = "planned"},
    };
    for (size_t i = 0; i < sizeof items / sizeof *items; i++)
        if (add(db, &items[i], &id, e)) return e->code;
    PlanItemNew indicator = {
        .plan_id = plan, .parent_id = nv_area, .kind = "indicator", .code = "RH-NV-I1",
        .title = "Regionhälsans indikator i uppföljningen T2 2024 (andel, %)",
        .description = "Tabellen i Regionhälsans uppföljning T2 2024 (period, utfall, målvärde i procent). Underlaget "
                       "namnger inte indikatorn eller dess område; placeringen under Nära vård är demodatans.",
        .unit = "%", .direction = DIR_HIGHER, .period_type = PERIOD_TERTIAL};
    if (add(db, &indicator, &ind, e)) return e->code;
    /* exactly the seed's table: 2023-T2 63/57, 2023-T3 88/74, 2024-T1 83/85, 2024-T2 57/–, 2024-T3 74/– */
    static const struct {
        const char *period;
        double target;
        bool has_outcome;
        double outcome;
        const char *comment;
    } values[] = {
        {"2023-T2", 63, true, 57, NULL},
        {"2023-T3", 88, true, 74, NULL},
        {"2024-T1", 83, true, 85, NULL},
        {"2024-T2", 57, false, 0,
         "Regionhälsan tar emot fler uppdrag för regiongemensam organisering och omställning (smärtmottagning). "
         "Antalet utbudspunkter utvecklas. Struktur för uppföljning utvecklas: synkning med övriga uppdrag och "
         "planer, validering av indikatoruppföljning och statusrapportering enligt trafikljus."},
        {"2024-T3", 74, false, 0, NULL},
    };
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        IndicatorValueEdit v = {.indicator_id = ind, .target_edit = EDIT_SET, .target = values[i].target,
                                .outcome_edit = values[i].has_outcome ? EDIT_SET : EDIT_KEEP,
                                .outcome = values[i].outcome, .comment_edit = values[i].comment ? EDIT_SET : EDIT_KEEP,
                                .comment = values[i].comment};
        if (period_parse(values[i].period, &v.period, e) || indicator_value_write(db, &v, e)) return e->code;
    }
    return ERR_OK;
}

ErrCode plan_demo_load(Db *db, Err *e)
{
    err_clear(e); /* the checks below read e->code after each query */
    if (db_exists(db, e, "SELECT 1 FROM plans WHERE key IN ('genomforandeplan', 'verksamhetsplan', 'regionhalsan')",
                  NULL))
        return err_set(e, ERR_CONFLICT, "demoplanerna finns redan i databasen");
    if (e->code) return e->code;
    if (db_begin(db, e)) return e->code;
    long long regional = 0;
    if (load_genomforandeplan(db, &regional, e) || load_verksamhetsplan(db, e) || load_regionhalsan(db, regional, e)) {
        db_rollback(db);
        return e->code;
    }
    return db_commit(db, e);
}
