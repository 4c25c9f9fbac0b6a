/*
 * group_demo.c — demo groups for `lots init --demo`:
 *   VGR (seed 002): the nämnder, KL HoS, the Samordnande grupp för utveckling
 *   inom hälso- och sjukvård with its commission RS 2023-01756 of 2024-05-31
 *   as the seed gives it, and the funktionsgrupper utvecklingschefer (whose
 *   older commission overlaps the samordnande grupp's, as the new structure
 *   replaced it), chefläkare and digitalisering;
 *   Örebro (seed 001): RMKS, the HoS ledningsgrupp, two LPO with a LAG each
 *   (chair, metodstöd, kommunal representant), the municipal side
 *   (socialchefsnätverket, chefsgruppen, specifika samverkansrådet).
 * Mandates show where power lies: the nämnder's own, a delegation, the
 * chairs', and those of managers who sit in groups. Some compositions are
 * left wrong on purpose, so the checks have something to show: an LPO not
 * yet approved by RMKS, and a LAG without a patient representative and with
 * a member whose term has passed. One municipal representative has left a
 * LAG, so its metodstöd has a task. People are invented (apart from the
 * names the seed's commission document itself carries).
 *
 * Must not: open a transaction (the caller's demo load holds one), or print.
 */
#include "core/group_internal.h"
#include "core/org.h"

#include <stddef.h>

/* --- people beyond org_demo_load's ------------------------------------------------------- */

static const struct {
    const char *name, *title, *unit, *municipality, *profession;
} people[] = {
    {"Eva Brandt", "Hälso- och sjukvårdsutvecklingsdirektör", "VGR", NULL, "läkare"},
    {"Anders Wiklund", "Utvecklingschef", "SU", NULL, "sjuksköterska"},
    {"Hanna Lindqvist", "Utvecklingschef", "SkaS", NULL, "fysioterapeut"},
    {"Karim Said", "Utvecklingschef", "NU", NULL, "läkare"},
    {"Ulrika Sten", "Utvecklingschef", "Närhälsan", NULL, "arbetsterapeut"},
    {"Johan Berglund", "Strateg, Koncernstab strategisk hälso- och sjukvårdsutveckling", "VGR", NULL, "ekonom"},
    {"Mats Ohlsson", "Chefläkare", "SU", NULL, "läkare"},
    {"Lena Forsberg", "Chefläkare", "SkaS", NULL, "läkare"},
    {"Birgitta Ståhl", "Hälso- och sjukvårdsdirektör", "HSF", NULL, "läkare"},
    {"Karin Åberg", "Medicinsk rådgivare", "HSF", NULL, "läkare"},
    {"Helena Ragnarsson", "Områdeschef", "VoF", NULL, "socionom"},
    {"Eva Lindström", "Specialistsjuksköterska", "Geriatrik", NULL, "sjuksköterska"},
    {"Olof Bergman", "Verksamhetschef", "Ortopedi", NULL, "läkare"},
    {"Sofia Nilsson", "Fysioterapeut", "Ortopedi", NULL, "fysioterapeut"},
    {"Ahmed Karimi", "Specialistläkare", "Ortopedi", NULL, "läkare"},
    {"Erik Sandberg", "Arbetsterapeut", NULL, "Hallsberg", "arbetsterapeut"},
    {"Ingrid Holm", "Medicinskt ansvarig för rehabilitering (MAR)", NULL, "Laxå", "fysioterapeut"},
    {"Gunnel Karlsson", "Närståendeföreträdare, Demensförbundet", NULL, NULL, NULL},
};

static ErrCode add_people(Db *db, Err *e)
{
    for (size_t i = 0; i < sizeof people / sizeof *people; i++) {
        const char *prof[1] = {people[i].profession};
        PersonNew in = {people[i].name, people[i].title, 0, 0, prof, people[i].profession ? 1 : 0};
        if (people[i].unit) {
            Unit u;
            if (unit_find(db, people[i].unit, &u, e)) return e->code;
            in.unit_id = u.id;
            unit_free(&u);
        }
        if (people[i].municipality) {
            Municipality m;
            if (municipality_find(db, people[i].municipality, &m, e)) return e->code;
            in.municipality_id = m.id;
            municipality_free(&m);
        }
        if (person_add(db, &in, NULL, e)) return e->code;
    }
    return ERR_OK;
}

/* --- groups --------------------------------------------------------------------------------- */

static const struct {
    const char *type, *name, *short_name, *parent, *reports_to, *unit;
    bool body;
    int municipal;        /* has municipal parts: 1, else -1 (the type's default: none) */
    const char *approved; /* LPO: RMKS approval */
    const char *description;
} groups[] = {
    {"nämnd", "Strategiska hälso- och sjukvårdsnämnden", "SSN", NULL, NULL, "VGR", true, -1, NULL,
     "Politisk nämnd för strategisk styrning av hälso- och sjukvården."},
    {"nämnd", "Operativa hälso- och sjukvårdsnämnden", "OSN", NULL, NULL, "VGR", true, -1, NULL,
     "Politisk nämnd för operativ styrning av hälso- och sjukvården i egen regi."},
    {"koncernledningsgrupp", "Koncernledning hälso- och sjukvård", "KL HoS", NULL, NULL, "VGR", true, -1, NULL, NULL},
    {"samordnande grupp", "Samordnande grupp för utveckling inom hälso- och sjukvård", "SG Utveckling HoS", NULL,
     "KL HoS", "VGR", true, -1, NULL, NULL},
    {"funktionsgrupp", "Funktionsgrupp utvecklingschefer", "FG Utvecklingschefer", NULL, "KL HoS", "VGR", true, -1,
     NULL, NULL},
    {"funktionsgrupp", "Funktionsgrupp chefläkare", "FG Chefläkare", NULL, "KL HoS", "VGR", true, -1, NULL, NULL},
    {"funktionsgrupp", "Funktionsgrupp digitalisering", "FG Digitalisering", NULL, "KL HoS", "VGR", true, -1, NULL,
     NULL},

    {"ledningsgrupp", "Hälso- och sjukvårdsförvaltningens ledningsgrupp", "HSF LG", NULL, NULL, "HSF", true, -1, NULL,
     "Tar emot förslag på åtgärder som verksamheterna inte kan besluta inom sitt uppdrag och budget."},
    {"råd", "Rådet för medicinskt kunskapsstöd", "RMKS", NULL, "HSF LG", "HSF", true, -1, NULL,
     "Agerar operativt och säkerställer en sammanhållande struktur för regionens arbete med kunskapsstöd; "
     "godkänner de lokala programområdenas sammansättning."},
    {"LPO", "LPO Äldres hälsa och palliativ vård", NULL, "RMKS", NULL, "HSF", false, 1, "2024-02-14", NULL},
    {"LAG", "LAG Demens", NULL, "LPO Äldres hälsa och palliativ vård", NULL, "HSF", false, 1, NULL,
     "Fördjupad gapanalys mot det nationella vårdförloppet demens."},
    {"LPO", "LPO Rörelseorganens sjukdomar", NULL, "RMKS", NULL, "HSF", false, -1, NULL, NULL},
    {"LAG", "LAG Höftledsartros", NULL, "LPO Rörelseorganens sjukdomar", NULL, "HSF", false, 1, NULL,
     "Gapanalys mot vårdförloppet höftledsartros: artrosskola och fysioterapi före bedömning för operation."},
    {"nätverk", "Socialchefsnätverket", NULL, NULL, NULL, "VoF", false, 1, NULL,
     "Länets socialchefer; tar beslut som enbart gäller kommunerna."},
    {"ledningsgrupp", "Chefsgrupp för social välfärd samt vård och omsorg", NULL, NULL, NULL, "VoF", false, 1, NULL,
     "Tar beslut om frågor i samverkan mellan regionen och kommunerna."},
    {"råd", "Specifika samverkansrådet för social välfärd samt vård och omsorg", NULL, NULL, NULL, "RÖL", false, 1,
     NULL, "Politiskt samverkansråd: alla kommuners socialnämndsordförande, lett av ett regionråd. Ger "
           "rekommendationer till kommunala beslut."},
};

static ErrCode add_groups(Db *db, Err *e)
{
    for (size_t i = 0; i < sizeof groups / sizeof *groups; i++) {
        GroupNew in = {.type = groups[i].type,
                       .name = groups[i].name,
                       .short_name = groups[i].short_name,
                       .description = groups[i].description,
                       .parent = groups[i].parent,
                       .reports_to = groups[i].reports_to,
                       .unit = groups[i].unit,
                       .body = groups[i].body,
                       .seeks_patient_rep = -1,
                       .has_municipal_parts = groups[i].municipal,
                       .multiprofessional = -1,
                       .rmks_approved_on = groups[i].approved};
        if (group_add_tx(db, NULL, &in, NULL, e)) return e->code;
    }
    return ERR_OK;
}

/* --- members ------------------------------------------------------------------------------------ */

static const struct {
    const char *group, *person, *role, *municipality, *from, *to;
} members[] = {
    {"SG Utveckling HoS", "Eva Brandt", "ordförande", NULL, "2024-06-01", NULL},
    {"SG Utveckling HoS", "Anders Wiklund", "ledamot", NULL, "2024-06-01", NULL},
    {"SG Utveckling HoS", "Hanna Lindqvist", "ledamot", NULL, "2024-06-01", NULL},
    {"SG Utveckling HoS", "Karim Said", "ledamot", NULL, "2024-06-01", NULL},
    {"SG Utveckling HoS", "Ulrika Sten", "ledamot", NULL, "2024-06-01", NULL},
    {"SG Utveckling HoS", "Johan Berglund", "ledamot", NULL, "2024-06-01", NULL},
    {"FG Chefläkare", "Mats Ohlsson", "ordförande", NULL, "2023-01-01", NULL},
    {"FG Chefläkare", "Lena Forsberg", "ledamot", NULL, "2023-01-01", NULL},
    {"HSF LG", "Birgitta Ståhl", "ordförande", NULL, "2022-09-01", NULL},
    {"HSF LG", "Olof Bergman", "ledamot", NULL, "2022-09-01", NULL},
    {"RMKS", "Karin Åberg", "ordförande", NULL, "2023-01-01", NULL},
    {"RMKS", "Maja Ek", "ledamot", NULL, "2023-01-01", NULL},
    {"RMKS", "Helena Ragnarsson", "ledamot", NULL, "2023-01-01", NULL},
    {"RMKS", "Per Holmgren", "ledamot", NULL, "2023-01-01", NULL},
    {"LPO Äldres hälsa och palliativ vård", "Per Holmgren", "ordförande", NULL, "2024-01-01", NULL},
    {"LPO Äldres hälsa och palliativ vård", "Eva Lindström", "ledamot", NULL, "2024-01-01", NULL},
    {"LPO Äldres hälsa och palliativ vård", "Sara Nyberg", "kommunal representant", "Örebro", "2024-01-01", NULL},
    {"LPO Äldres hälsa och palliativ vård", "Maja Ek", "kontaktperson", NULL, "2024-01-01", NULL},
    {"LAG Demens", "Eva Lindström", "ordförande", NULL, "2024-03-01", NULL},
    {"LAG Demens", "Per Holmgren", "ledamot", NULL, "2024-03-01", NULL},
    {"LAG Demens", "Ingrid Holm", "kommunal representant", "Laxå", "2024-03-01", "2026-02-28"},
    {"LAG Demens", "Maja Ek", "metodstöd", NULL, "2024-03-01", NULL},
    {"LAG Demens", "Gunnel Karlsson", "närståendeföreträdare", NULL, "2024-03-01", NULL},
    {"LPO Rörelseorganens sjukdomar", "Olof Bergman", "ordförande", NULL, "2024-09-01", NULL},
    {"LPO Rörelseorganens sjukdomar", "Sofia Nilsson", "ledamot", NULL, "2024-09-01", NULL},
    {"LPO Rörelseorganens sjukdomar", "Maja Ek", "kontaktperson", NULL, "2024-09-01", NULL},
    {"LAG Höftledsartros", "Sofia Nilsson", "ordförande", NULL, "2024-10-01", NULL},
    {"LAG Höftledsartros", "Ahmed Karimi", "ledamot", NULL, "2024-10-01", "2025-12-31"},
    {"LAG Höftledsartros", "Erik Sandberg", "kommunal representant", "Hallsberg", "2024-10-01", NULL},
    {"LAG Höftledsartros", "Maja Ek", "metodstöd", NULL, "2024-10-01", NULL},
};

static long long group_id(Db *db, const char *ref, Err *e)
{
    Group g;
    if (group_find(db, ref, &g, e)) return 0;
    long long id = g.id;
    group_free(&g);
    return id;
}

static ErrCode add_members(Db *db, Err *e)
{
    for (size_t i = 0; i < sizeof members / sizeof *members; i++) {
        long long g = group_id(db, members[i].group, e);
        if (!g) return e->code;
        MemberNew in = {members[i].person, members[i].role, members[i].municipality, members[i].from, members[i].to};
        if (group_member_add_tx(db, NULL, g, &in, NULL, e)) return e->code;
    }
    return ERR_OK;
}

/* The municipal representative from Laxå left LAG Demens; her successor from
 * Kumla came after, and the metodstöd still has the task to follow it up. */
static ErrCode municipal_change(Db *db, Err *e)
{
    long long g = group_id(db, "LAG Demens", e);
    if (!g) return e->code;
    GroupMember *m;
    size_t n;
    if (group_members(db, g, "2026-01-15", &m, &n, e)) return e->code;
    long long leaving = 0;
    for (size_t i = 0; i < n; i++)
        if (m[i].role == GR_KOMMUNAL) leaving = m[i].id;
    group_members_free(m, n);
    if (group_member_end_tx(db, NULL, g, leaving, "2026-01-15",
                            "Har gått över till en tjänst utanför vård och omsorg.", NULL, e))
        return e->code;
    MemberNew next = {"Lina Ahmadi", "kommunal representant", "Kumla", "2026-03-01", NULL};
    return group_member_add_tx(db, NULL, g, &next, NULL, e);
}

/* --- commissions ----------------------------------------------------------------------------------- */

typedef struct {
    const char *group;
    const char *f[COMM_N];
    const char *note;
} DemoCommission;

/* The first is seed 002's "Uppdragshandling för koncernövergripande grupp",
 * decided 2024-05-31, field by field. */
static const DemoCommission commissions[] = {
    {"SG Utveckling HoS",
     {[COMM_DATUM] = "2024-05-31",
      [COMM_DIARIENUMMER] = "RS 2023-01756",
      [COMM_ANSVARSOMRADE] = "Utveckling hälso- och sjukvård",
      [COMM_UPPDRAGSGIVARE] = "Håkan Sandahl, Regiondirektör",
      [COMM_UPPDRAGSTAGARE] = "Karin Loostrom Muth, hälso- och utvecklingsdirektör",
      [COMM_SYFTE] = "Gruppen ska bidra till en gemensam styrning inom ansvarsområdet i Västra Götalandsregionen samt i "
                   "samverkan med berörda aktörer inom Västra Götaland.",
      [COMM_UPPDRAGSBESKRIVNING] =
          "Gruppens uppdrag och uppgifter.\n"
          "- Bereda och genomföra frågor på uppdrag av koncernledningsgrupp\n"
          "- Föra en strategisk dialog, identifiera och initiera gemensamma frågor inom ansvarsområdet och eskalera vid "
          "behov av gemensamt ställningstagande till koncernledning Hälso- och sjukvård.\n"
          "- Vara forum för omvärldsbevakning, lärande, erfarenhetsutbyte och information om viktiga förändringar inom "
          "området både inom gruppen och för spridning inom organisationen.\n"
          "- Bidra till genomförandet av fattade beslut och följa upp gemensamma frågor\n"
          "- Vara referensgrupp i olika projekt och utredningar\n"
          "\n"
          "Gruppen ska medverka till:\n"
          "- Utveckling av nya metoder, regionala modeller för verksamhetsutveckling och utbildning, förändringsledning "
          "och implementering på strategisk nivå.\n"
          "- Att stödja prioriteringsarbete och anpassningar av rutiner och riktlinjer, så att krav och förväntningar "
          "står i proportion till tillgängliga resurser.\n"
          "- Ökat lärande över förvaltningsgränser.\n"
          "- Genomförandet av hälso- och sjukvårdens omställningsstrategi\n"
          "- Utvecklingen av hälso- och sjukvårdens digitalisering\n"
          "- Se dokument Koncernövergripande grupper",
      [COMM_ORDFORANDE] = "Hälso- och sjukvårdsutvecklingsdirektören eller person utsedd av vederbörande. Om hälso- och "
                        "sjukvårdsutvecklingsdirektören utser annan ordförande fördelas mandat till denne i särskild "
                        "uppdragshandling.",
      [COMM_DELTAGARE] =
          "- Utvecklingschefer, eller motsvarande från Sjukhusen i väster, Folktandvården, Närhälsan, NU-sjukvården, "
          "Sahlgrenska Universitetssjukhuset, Södra Älvsborgs sjukhus, Skaraborgs sjukhus, Rehabilitering & Hälsa och "
          "Regionhälsan.\n"
          "- Strateg från Koncernstab Strategisk hälso- och sjukvårdsutveckling.\n"
          "- Utvecklingschef eller en någon annan deltagare/person som är utsedd av förvaltningschef och med mandat "
          "att representera förvaltningen på uppdrag av nivågrupp 1.",
      [COMM_ADJUNGERADE] = "Gruppen kan besluta adjungerande grupper.",
      [COMM_MOTESFREKVENS] = "Cirka 10 gånger per år",
      [COMM_UNDERGRUPPER] = "Gruppen har möjlighet att inrätta undergrupper för att fullfölja sitt uppdrag. Undergrupper "
                          "tillsätts enligt rutin för koncernövergripande grupper.",
      [COMM_SAMBAND] =
          "Samband finns till samordnade grupper inom samtliga områden i Västra Götalandsregionen utifrån gemensamt "
          "arbetssätt kopplade till Strategi för omställningen av hälso- och sjukvården 2023–2027. Gemensamma "
          "aktiviteter med funktionsgrupp digitalisering, med fokus på hälso- och sjukvårdens digitalisering. Även "
          "samband med funktionsgrupp chefsläkare utifrån Nätverk patientsäkerhet och omvårdnad med flera eftersom "
          "ansvarsområdet genomsyrar arbetssättet i de regionala processerna.",
      [COMM_KOMMUNIKATION] = "Enligt rutin för koncernövergripande grupper.",
      [COMM_RAPPORTERING] =
          "Gruppen rapporterar till koncernledning hälso- och sjukvård och till respektive förvaltningschef.",
      [COMM_BESLUTSFATTANDE] = "Beslut fattas i kraft av de mandat som respektive deltagare har:\n"
                             "- Ordförande kan fatta beslut i enlighet med specifikt erhållna mandat."},
     "Ny uppdragshandling enligt ny struktur för koncernövergripande grupper, beslutad 2024-05-31."},
    {"FG Utvecklingschefer",
     {[COMM_DATUM] = "2022-03-15",
      [COMM_DIARIENUMMER] = "RS 2021-04410",
      [COMM_ANSVARSOMRADE] = "Verksamhetsutveckling inom hälso- och sjukvård",
      [COMM_UPPDRAGSGIVARE] = "Hälso- och sjukvårdsdirektören",
      [COMM_UPPDRAGSTAGARE] = "Utvecklingschefernas ordförande",
      [COMM_SYFTE] = "Funktionsgruppen ska samordna förvaltningarnas utvecklingsarbete och bidra till en gemensam "
                   "styrning av utvecklingen av hälso- och sjukvården i Västra Götalandsregionen.",
      [COMM_UPPDRAGSBESKRIVNING] =
          "- Föra en strategisk dialog om gemensamma utvecklingsfrågor och eskalera vid behov till koncernledning "
          "hälso- och sjukvård.\n"
          "- Vara forum för omvärldsbevakning, lärande och erfarenhetsutbyte mellan förvaltningarnas "
          "utvecklingschefer.\n"
          "- Bidra till genomförandet av fattade beslut och följa upp gemensamma utvecklingsfrågor.\n"
          "- Utveckla regionala modeller för verksamhetsutveckling, förändringsledning och implementering.",
      [COMM_ORDFORANDE] = "Utses av hälso- och sjukvårdsdirektören.",
      [COMM_DELTAGARE] = "Utvecklingschefer från sjukhusförvaltningarna, Närhälsan och Folktandvården.",
      [COMM_MOTESFREKVENS] = "En gång per månad",
      [COMM_KOMMUNIKATION] = "Minnesanteckningar publiceras på Insidan.",
      [COMM_RAPPORTERING] = "Till koncernledning hälso- och sjukvård.",
      [COMM_BESLUTSFATTANDE] = "Beslut fattas i kraft av deltagarnas mandat."},
     NULL},
    {"FG Utvecklingschefer",
     {[COMM_DATUM] = "2023-09-01",
      [COMM_UPPDRAGSBESKRIVNING] =
          "- Föra en strategisk dialog om gemensamma utvecklingsfrågor och eskalera vid behov till koncernledning "
          "hälso- och sjukvård.\n"
          "- Vara forum för omvärldsbevakning, lärande och erfarenhetsutbyte mellan förvaltningarnas "
          "utvecklingschefer.\n"
          "- Bidra till genomförandet av fattade beslut och följa upp gemensamma utvecklingsfrågor.\n"
          "- Utveckla regionala modeller för verksamhetsutveckling, förändringsledning och implementering.\n"
          "- Bidra till genomförandet av hälso- och sjukvårdens omställningsstrategi och utvecklingen av vårdens "
          "digitalisering.\n"
          "- Vara referensgrupp i projekt och utredningar.",
      [COMM_MOTESFREKVENS] = "Cirka 10 gånger per år"},
     "Reviderad: omställningsstrategin och digitaliseringen tillkom."},
    {"FG Chefläkare",
     {[COMM_DATUM] = "2023-01-20",
      [COMM_DIARIENUMMER] = "RS 2022-03118",
      [COMM_ANSVARSOMRADE] = "Patientsäkerhet och medicinsk kvalitet",
      [COMM_UPPDRAGSGIVARE] = "Hälso- och sjukvårdsdirektören",
      [COMM_UPPDRAGSTAGARE] = "Chefläkare, Koncernstab hälso- och sjukvård",
      [COMM_SYFTE] = "Funktionsgruppen ska stärka patientsäkerhetsarbetet och samordna chefläkarnas arbete med "
                   "vårdskador, avvikelser och lex Maria-anmälningar.",
      [COMM_UPPDRAGSBESKRIVNING] =
          "- Samordna förvaltningarnas arbete med händelseanalyser, riskanalyser och anmälningar enligt lex Maria.\n"
          "- Följa vårdskador och avvikelser över förvaltningsgränser och föreslå gemensamma åtgärder.\n"
          "- Bereda ärenden om patientsäkerhet till koncernledning hälso- och sjukvård.\n"
          "- Samordna Nätverk patientsäkerhet och omvårdnad.\n"
          "- Yttra sig över remisser och tillsynsbeslut från IVO och Socialstyrelsen.",
      [COMM_ORDFORANDE] = "Chefläkare utsedd av hälso- och sjukvårdsdirektören.",
      [COMM_DELTAGARE] = "Chefläkare från samtliga förvaltningar med hälso- och sjukvård.",
      [COMM_MOTESFREKVENS] = "En gång per månad",
      [COMM_RAPPORTERING] = "Till koncernledning hälso- och sjukvård.",
      [COMM_BESLUTSFATTANDE] = "Ordförande beslutar om regiongemensamma patientsäkerhetsrutiner enligt delegation från "
                             "Operativa hälso- och sjukvårdsnämnden."},
     NULL},
    {"FG Digitalisering",
     {[COMM_DATUM] = "2023-11-10",
      [COMM_DIARIENUMMER] = "RS 2023-02277",
      [COMM_ANSVARSOMRADE] = "Digitala vårdtjänster och vårdinformationsstöd",
      [COMM_UPPDRAGSGIVARE] = "Hälso- och sjukvårdsdirektören",
      [COMM_UPPDRAGSTAGARE] = "Digitaliseringschef, Koncernstab digitalisering",
      [COMM_SYFTE] = "Funktionsgruppen ska leda och samordna införandet av digitala vårdtjänster och nytt "
                   "vårdinformationsstöd i regionen.",
      [COMM_UPPDRAGSBESKRIVNING] =
          "- Samordna förvaltningarnas införande av Millennium och av digitala vårdtjänster.\n"
          "- Prioritera invånartjänster, egenmonitorering och digitala vårdmöten.\n"
          "- Följa andelen digitala vårdkontakter och vårdinbjudningar.\n"
          "- Samverka med samordnande grupp för utveckling kring hälso- och sjukvårdens digitalisering.",
      [COMM_MOTESFREKVENS] = "Varannan vecka under införandet",
      [COMM_RAPPORTERING] = "Till koncernledning hälso- och sjukvård.",
      [COMM_BESLUTSFATTANDE] = "Beslut fattas i kraft av deltagarnas mandat."},
     NULL},
};

static ErrCode add_commissions(Db *db, Err *e)
{
    for (size_t i = 0; i < sizeof commissions / sizeof *commissions; i++) {
        long long g = group_id(db, commissions[i].group, e);
        if (!g) return e->code;
        CommissionNew in = {{0}, commissions[i].note};
        for (int k = 0; k < COMM_N; k++) in.f[k] = commissions[i].f[k];
        if (commission_add_tx(db, NULL, g, &in, NULL, e)) return e->code;
    }
    return ERR_OK;
}

/* --- mandates --------------------------------------------------------------------------------------- */

static const MandateNew mandates[] = {
    {.group = "SSN", .whole_area = true, .granted_by_text = "Regionfullmäktige (reglemente)",
     .decides = "Besluta i alla frågor inom nämndens ansvarsområde: strategisk styrning, beställning och uppföljning "
                "av hälso- och sjukvården."},
    {.group = "OSN", .whole_area = true, .granted_by_text = "Regionfullmäktige (reglemente)",
     .decides = "Besluta i alla frågor inom nämndens ansvarsområde: operativ styrning och uppföljning av hälso- och "
                "sjukvården i egen regi."},
    {.group = "FG Chefläkare", .role = "ordförande", .delegation = true, .granted_by = "OSN",
     .within_budget = true, .decision_ref = "OSN delegationsordning punkt 6.3",
     .decides = "Besluta om regiongemensamma rutiner för patientsäkerhet inom ramen för beslutad budget."},
    {.group = "SG Utveckling HoS", .role = "ordförande", .granted_by = "KL HoS",
     .decision_ref = "Uppdragshandling RS 2023-01756",
     .decides = "Fatta beslut i enlighet med specifikt erhållna mandat."},
    {.group = "SG Utveckling HoS", .role = "ledamot", .granted_by_text = "Respektive förvaltningschef",
     .decides = "Företräda sin förvaltning i gruppens frågor på uppdrag av förvaltningschefen (nivågrupp 1)."},
    {.person = "Eva Brandt", .within_budget = true, .granted_by_text = "Regiondirektören",
     .decides = "Besluta om regiongemensamma utvecklingsinsatser inom budgeten för strategisk hälso- och "
                "sjukvårdsutveckling."},
    {.unit = "Ortopedi", .within_mission = true, .within_budget = true,
     .granted_by_text = "Hälso- och sjukvårdsdirektören (delegationsordning)",
     .decides = "Besluta om implementering av åtgärder efter gapanalys som ryms inom verksamhetens uppdrag och "
                "budget."},
    {.unit = "HSF", .granted_by_text = "Regionstyrelsen (delegationsordning)",
     .decides = "Besluta om åtgärder som verksamheterna inte kan besluta inom sitt uppdrag och budget, efter "
                "prioritering i RMKS och förslag till ledningsgruppen."},
    {.group = "RMKS", .granted_by_text = "Hälso- och sjukvårdsdirektören",
     .decides = "Godkänna sammansättningen av lokala programområden."},
    {.group = "RMKS", .granted_by_text = "Hälso- och sjukvårdsdirektören",
     .decides = "Tillstyrka beslut om implementering efter gapanalys (för kännedom eller tillstyrkan)."},
    {.unit = "VoF", .granted_by_text = "Överenskommelse om samverkan för kunskapsstyrning",
     .decides = "Utse kommunala representanter till lokala arbetsgrupper via de kommunala nätverken."},
    {.group = "LAG Höftledsartros", .role = "ordförande", .granted_by = "LPO Rörelseorganens sjukdomar",
     .decides = "Planera, organisera, leda och följa upp arbetsgruppens arbete och föra dialog med programområdet "
                "och berörda verksamheter."},
    {.group = "LAG Demens", .role = "ordförande", .granted_by = "LPO Äldres hälsa och palliativ vård",
     .decides = "Planera, organisera, leda och följa upp arbetsgruppens arbete och föra dialog med programområdet "
                "och berörda verksamheter."},
};

ErrCode group_demo_load(Db *db, Err *e)
{
    if (add_people(db, e) || add_groups(db, e) || add_members(db, e) || municipal_change(db, e) ||
        add_commissions(db, e))
        return e->code;
    for (size_t i = 0; i < sizeof mandates / sizeof *mandates; i++)
        if (mandate_add_tx(db, NULL, &mandates[i], NULL, e)) return e->code;
    return groups_from_bodies(db, NULL, e);
}
