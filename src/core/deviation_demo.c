/*
 * deviation_demo.c — a year of generated deviations and complaints for the
 * demo units of org_demo_load, deterministic from a seed (splitmix64), with
 * two real patterns planted for the pattern detection to find.
 *
 * THE YEAR: twelve whole months, "month 1" … "month 12". deviation_demo_load
 * takes the twelve months before the current one (run on 2026-11-24: month 1
 * is 2025-11, month 12 is 2026-10); deviation_demo_load_from takes them from
 * the month it is given. Event dates (deviations) and received dates
 * (complaints) lie within the year; nothing lies in the future.
 *
 * PLANTED PATTERN 1 — a sustained rise in medication deviations
 *   deviations, unit "Medicinkliniken Karlskoga", category "Läkemedel"
 *   (kind vård), exactly this many per month by event date:
 *     months 1–5:   3  2  4  3  2            baseline, 14 events, mean 2.8
 *     months 6–12:  9 11 10 12 11 13 12      the rise from month 6, 78 events
 *   92 in all; no other deviation of that unit and category exists. The
 *   monthly run chart has 5 points below and 7 above its median 6.5 and one
 *   crossing (Anhøj's minimum for 12 points is 3): a signal. A c chart frozen
 *   on months 1–5 (c̄ 2.8, UCL 7.82) has months 6–12 all above the UCL.
 *
 * PLANTED PATTERN 2 — a cluster of complaints about information transfer
 *   complaints, unit "Geriatrik", category "Informationsöverföring"
 *   (sources närstående and patient), exactly this many per month by
 *   received date:
 *     months 1–12:  1 0 1 0 1 1 0 1 7 9 1 0   the cluster: months 9–10, 16 complaints
 *   22 in all; no other complaint of that unit and category exists. c chart
 *   over the year: c̄ 1.833, UCL 5.90: months 9 and 10 lie above it.
 *
 * THE BACKGROUND: every other unit × category series (deviations over 15
 * units × 10 categories, complaints over 15 units × 5 categories) is built
 * to be in control month by month: with m its mean (unit size × category
 * rate), each block of three months holds m + a, m − a and m in a random
 * order (0 ≤ a ≤ √m), so monthly run charts cross their median often and no
 * count leaves m ± 3√m. Weekly series are as noisy as the days drawn within
 * a month make them.
 *
 * DENOMINATORS, so that the demo shows rates (u charts, events per 1000):
 * vårddagar for Ortopedi, Kirurgi and Kardiologi and besök for
 * Allmäntandvård and Specialisttandvård, every month of the year, near
 * constant (a bed count or visit rate × the month's days, ±2 %) so that the
 * in-control counts stay in control as rates. Folktandvården's two
 * reporting units both have besök, so its roll-up is a u chart too; the
 * other förvaltningar stay counts (not every unit has a denominator). The
 * planted series have none: their arithmetic above stays as it is.
 *
 * WEEKS: the planted rise is about 1.8 deviations a week, enough for its
 * weekly series to be judged too (core/pattern_judge.c); it signals there
 * as well, more weakly, and is proposed once, per month, naming the weekly
 * rule. The cluster of complaints (22 in a year) is below one a week and
 * is judged per month only.
 *
 * ALSO: two serious deviations written by hand (not part of any count above
 * beyond their own series): Ortopedi, "Fall", severity 4, month 8, with a
 * finished händelseanalys and a Lex Maria report; Kardiologi,
 * "Medicinteknik", severity 3, month 10, with a händelseanalys under way.
 *
 * References: deviations AVV-YYYY-NNNNN, complaints KLA-YYYY-NNNNN, numbered
 * in date order. Every row goes through the same validation as a user's
 * (dev_validate, complaint_validate): no text holds a personnummer.
 *
 * Must not: open a transaction (it runs in the caller's), or print.
 */
#include "core/deviation_internal.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/denominator.h"
#include "core/org.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- a small deterministic generator ------------------------------------------------------------ */

typedef struct {
    uint64_t s;
} Rng;

static uint64_t next(Rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static int below(Rng *r, int n) /* 0 … n−1 */
{
    return n > 0 ? (int)(next(r) % (uint64_t)n) : 0;
}

/* --- dates ---------------------------------------------------------------------------------------- */

static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, char out[11])
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(y + (m <= 2)) % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

typedef struct {
    int year, month; /* of month 1 */
    long first_day;  /* days of the first day of month 1 */
    long end_day;    /* days of the last day of month 12 */
} Year;

/* Days of the first day of month `i` (0-based) of the demo year. */
static long month_start(const Year *y, int i)
{
    int m = y->month - 1 + i;
    return days_from_civil(y->year + m / 12, m % 12 + 1, 1);
}

static long random_day(const Year *y, int i, Rng *r)
{
    long a = month_start(y, i), b = month_start(y, i + 1);
    return a + below(r, (int)(b - a));
}

/* --- what is generated -------------------------------------------------------------------------- */

static const struct {
    const char *name;
    double size;
} units[] = {
    {"Ortopedi", 1.2},
    {"Ortopedmottagningen", 0.5},
    {"Kirurgi", 1.4},
    {"Kardiologi", 1.0},
    {"Geriatrik", 1.1},
    {"Medicinkliniken Karlskoga", 1.0},
    {"Medicinkliniken Lindesberg", 0.8},
    {"Psykiatri", 1.0},
    {"Barn- och ungdomspsykiatri", 0.5},
    {"Vårdcentralerna i egen regi", 1.3},
    {"Habilitering", 0.4},
    {"Allmäntandvård", 0.6},
    {"Specialisttandvård", 0.3},
    {"Skaraborgs sjukhus", 2.0},
    {"Närhälsan", 1.5},
};
enum { NUNITS = sizeof units / sizeof *units };

typedef struct {
    const char *name;
    double rate;      /* per month at a unit of size 1 */
    const char *kind; /* the usual kind; some become tillbud or patient */
    const char *sub[3];
    const char *text[3];
    const char *action[2];
} Category;

static const Category dev_categories[] = {
    {"Fall", 2.5, "vård", {"Fall vid förflyttning", "Fall i badrum", "Fall från säng"},
     {"Patienten föll vid förflyttning från säng till rullstol kl. %02d.%02d. Inga synliga skador vid bedömning.",
      "Patienten hittades sittande på golvet i badrummet på sal %d. Säger sig ha halkat. Tillsyn av läkare.",
      "Patienten föll ur sängen nattetid trots sänggrindar, sal %d. Mindre blåmärke på höger arm."},
     {"Tillsyn av läkare och täta kontroller under natten.", "Fallriskbedömning gjord på nytt, larmmatta utlagd."}},
    {"Läkemedel", 2.5, "vård", {"Utebliven dos", "Fel dos", "Fel läkemedel"},
     {"Morgondosen av ordinerat läkemedel gavs inte, upptäcktes vid överrapporteringen kl. %02d.%02d.",
      "Dubbel dos av blodförtunnande läkemedel gavs, ordinationen var otydlig i läkemedelslistan (sal %d).",
      "Fel läkemedel delades från dosett; patienten uppmärksammade det själv. Rätt läkemedel gavs %d minuter senare."},
     {"Läkare kontaktad, extra kontroller ordinerade.", "Ordinationen förtydligad i läkemedelslistan."}},
    {"Trycksår", 0.6, "vård", {"Kategori 1", "Kategori 2", "Kategori 3"},
     {"Trycksår på hälen upptäckt vid omläggning dag %d efter inläggning.",
      "Rodnad över korsbenet som inte bleknar vid tryck, riskbedömning saknades vid inskrivningen (sal %d).",
      "Trycksår kategori 2 på sätet; vändschema hade inte följts under helgen, vecka %d."},
     {"Avlastande madrass och vändschema var annan timme.", "Sårbehandling enligt rutin, dietist kontaktad."}},
    {"Informationsöverföring", 1.5, "vård", {"Remiss", "Överrapportering", "Epikris"},
     {"Remissen till röntgen skickades inte; undersökningen blev %d dagar försenad.",
      "Muntlig överrapportering vid skiftbyte kl. %02d.%02d saknade uppgift om patientens allergi.",
      "Epikris skickades inte till vårdcentralen vid utskrivning; hemsjukvården saknade ordinationer i %d dagar."},
     {"Remissen skickad på nytt och patienten informerad.", "Uppgifterna kompletterade och mottagaren kontaktad."}},
    {"Medicinteknik", 0.7, "tillbud", {"Infusionspump", "Övervakningsutrustning", "Syrgas"},
     {"Infusionspumpen larmade för ocklusion utan orsak, byttes ut (inventarienummer MT-%05d).",
      "Övervakningsmonitor på sal %d visade inga värden under cirka tio minuter.",
      "Syrgastuben var nästan tom vid transport trots kontroll, tub nummer %d."},
     {"Utrustningen tagen ur bruk och anmäld till medicinteknik.", "Reservutrustning användes."}},
    {"Vårdhygien", 0.7, "vård", {"Basala hygienrutiner", "Smittspridning", "Isolering"},
     {"Basala hygienrutiner följdes inte vid kateterisering på sal %d.",
      "Två patienter på avdelningen fick samma magsjukdom inom %d dagar.",
      "Patient med misstänkt smitta placerades i flersal i %d timmar innan isolering."},
     {"Vårdhygien kontaktad.", "Städning och desinfektion enligt rutin."}},
    {"Diagnostik", 0.6, "vård", {"Provtagning", "Röntgen", "Provsvar"},
     {"Blodprov märktes med fel etikett och fick tas om, fördröjning %d timmar.",
      "Fynd på röntgen uppmärksammades inte förrän vid återbesöket efter %d veckor.",
      "Provsvar med kritiskt värde nådde inte ansvarig läkare förrän kl. %02d.%02d."},
     {"Nytt prov taget.", "Ansvarig läkare informerad och patienten kallad."}},
    {"Bemötande", 0.5, "patient", {"Bemötande", "Delaktighet", "Integritet"},
     {"Patienten upplevde sig inte lyssnad på vid ronden och blev upprörd, sal %d.",
      "Samtal om patientens vård fördes i korridoren så att andra kunde höra, kl. %02d.%02d.",
      "Patienten fick vänta %d minuter på hjälp till toaletten trots flera larm."},
     {"Samtal med patienten samma dag.", "Ärendet togs upp på arbetsplatsträffen."}},
    {"Hot och våld", 0.4, "arbetsrelaterad", {"Hot", "Våld", "Trakasserier"},
     {"Medarbetare hotades verbalt av besökare vid entrén kl. %02d.%02d.",
      "Medarbetare fick ett slag mot armen vid omvårdnad av orolig patient, sal %d.",
      "Upprepade kränkande kommentarer mot personal under %d dagar."},
     {"Väktare tillkallades.", "Avlastningssamtal med chef samma dag."}},
    {"Stick- och skärskada", 0.3, "arbetsrelaterad", {"Stickskada", "Skärskada", "Stänk"},
     {"Medarbetare stack sig på använd kanyl vid sortering av avfall kl. %02d.%02d.",
      "Skärskada i fingret vid byte av skalpellblad, sal %d.",
      "Stänk av kroppsvätska i ögat vid omläggning, %d minuter efter passets start."},
     {"Blodprov enligt rutin för stickskada, företagshälsovården kontaktad.", "Ögonspolning direkt."}},
};
enum { NDEV = sizeof dev_categories / sizeof *dev_categories };

static const Category complaint_categories[] = {
    {"Bemötande", 0.8, NULL, {"Otrevligt bemötande", "Inte lyssnad på", "Kränkande"},
     {"Patienten upplevde att läkaren var nonchalant vid besöket och inte tog besvären på allvar.",
      "Närstående menar att personalen inte lyssnade på deras oro under vårdtiden.",
      "Patienten upplevde sig kränkt av ett uttalande vid utskrivningen."},
     {NULL, NULL}},
    {"Vård och behandling", 0.8, NULL, {"Utebliven behandling", "Felbehandling", "Smärtlindring"},
     {"Patienten anser att smärtlindringen var otillräcklig efter operationen.",
      "Närstående menar att en infektion borde ha upptäckts tidigare.",
      "Patienten fick inte den behandling som utlovats vid förra besöket."},
     {NULL, NULL}},
    {"Informationsöverföring", 0.5, NULL, {"Utskrivning", "Remiss", "Information till närstående"},
     {"Närstående fick inte veta att pappan skrivits ut till korttidsboende förrän samma eftermiddag.",
      "Hemtjänsten fick ingen information om nya läkemedel vid utskrivningen.",
      "Remissen till specialistmottagningen kom aldrig fram och ingen hörde av sig."},
     {NULL, NULL}},
    {"Tillgänglighet", 0.9, NULL, {"Telefon", "Väntetid", "Vårdgaranti"},
     {"Det gick inte att komma fram på telefon trots flera försök under en vecka.",
      "Väntetiden till nybesök har överskridit vårdgarantin.",
      "Tiden ombokades tre gånger utan förklaring."},
     {NULL, NULL}},
    {"Administrativ hantering", 0.4, NULL, {"Journal", "Faktura", "Kallelse"},
     {"Kallelsen kom efter att besökstiden hade passerat.",
      "Patienten fick en faktura för ett besök som ställdes in av mottagningen.",
      "Begäran om journalkopia har inte besvarats på en månad."},
     {NULL, NULL}},
};
enum { NCOMPLAINT = sizeof complaint_categories / sizeof *complaint_categories };

/* Unit × category adjustments for realism (psychiatry sees more threats …). */
static double adjust(const char *unit, const char *category)
{
    bool dental = strstr(unit, "tandvård") != NULL;
    bool psych = strstr(unit, "sykiatri") != NULL;
    if (!strcmp(category, "Hot och våld")) return psych ? 4.0 : 0.7;
    if (!strcmp(category, "Fall")) return !strcmp(unit, "Geriatrik") ? 2.0 : dental ? 0.1 : psych ? 0.5 : 1.0;
    if (!strcmp(category, "Trycksår")) return !strcmp(unit, "Geriatrik") ? 2.0 : dental || psych ? 0.0 : 1.0;
    if (!strcmp(category, "Medicinteknik")) return dental ? 0.5 : psych ? 0.2 : 1.0;
    return 1.0;
}

static const int planted_rise[12] = {3, 2, 4, 3, 2, 9, 11, 10, 12, 11, 13, 12};
static const int planted_cluster[12] = {1, 0, 1, 0, 1, 1, 0, 1, 7, 9, 1, 0};
#define RISE_UNIT "Medicinkliniken Karlskoga"
#define RISE_CATEGORY "Läkemedel"
#define CLUSTER_UNIT "Geriatrik"
#define CLUSTER_CATEGORY "Informationsöverföring"

/* The twelve monthly counts of an in-control background series. */
static void background(double mean, Rng *r, int counts[12])
{
    int m = (int)lround(mean);
    if (m == 0 && mean >= 0.3) m = 1;
    int amax = (int)floor(sqrt((double)m));
    for (int b = 0; b < 4; b++) {
        int a = below(r, amax + 1);
        int order[3] = {a, -a, 0};
        for (int i = 2; i > 0; i--) { /* shuffle the block */
            int j = below(r, i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < 3; i++) counts[b * 3 + i] = m + order[i];
    }
}

/* --- events -------------------------------------------------------------------------------------- */

typedef struct {
    long day;        /* event (deviation) or received (complaint) day */
    int unit, cat;   /* indexes into units[] and the category table */
    uint64_t draw;   /* the event's own randomness */
    int order;       /* generation order, to break ties */
} Event;

static int by_day(const void *a, const void *b)
{
    const Event *x = a, *y = b;
    if (x->day != y->day) return x->day < y->day ? -1 : 1;
    return x->order - y->order;
}

typedef struct {
    Event *ev;
    size_t n, cap;
} Events;

static void add_event(Events *es, long day, int unit, int cat, Rng *r)
{
    if (es->n == es->cap) {
        es->cap = es->cap ? es->cap * 2 : 1024;
        es->ev = xrealloc(es->ev, es->cap * sizeof *es->ev);
    }
    es->ev[es->n] = (Event){day, unit, cat, next(r), (int)es->n};
    es->n++;
}

static void add_series(Events *es, const Year *y, int unit, int cat, const int counts[12], Rng *r)
{
    for (int i = 0; i < 12; i++)
        for (int k = 0; k < counts[i]; k++) add_event(es, random_day(y, i, r), unit, cat, r);
}

static void generate(Events *es, const Year *y, const Category *cats, int ncats, const char *planted_unit,
                     const char *planted_cat, const int planted[12], Rng *r)
{
    for (int u = 0; u < NUNITS; u++)
        for (int c = 0; c < ncats; c++) {
            int counts[12];
            bool planted_here = !strcmp(units[u].name, planted_unit) && !strcmp(cats[c].name, planted_cat);
            if (planted_here) memcpy(counts, planted, sizeof counts);
            else background(units[u].size * cats[c].rate * adjust(units[u].name, cats[c].name), r, counts);
            add_series(es, y, u, c, counts, r);
        }
    qsort(es->ev, es->n, sizeof *es->ev, by_day);
}

/* A description from the category's templates, with the draw's numbers. */
static char *describe(const Category *c, uint64_t draw)
{
    const char *t = c->text[draw % 3];
    int a = (int)((draw >> 8) % 24), b = (int)((draw >> 16) % 60), n = (int)((draw >> 24) % 12) + 1;
    Buf out = BUF_INIT;
    if (strstr(t, "%02d.%02d")) buf_printf(&out, t, a, b);
    else if (strstr(t, "%05d")) buf_printf(&out, t, (int)((draw >> 24) % 90000) + 10000);
    else if (strchr(t, '%')) buf_printf(&out, t, n);
    else buf_puts(&out, t);
    return buf_take(&out);
}

/* --- writing ------------------------------------------------------------------------------------- */

static ErrCode unit_ids(Db *db, long long ids[NUNITS], Err *e)
{
    for (int u = 0; u < NUNITS; u++) {
        Unit x;
        if (unit_find(db, units[u].name, &x, e)) return e->code;
        ids[u] = x.id;
        unit_free(&x);
    }
    return ERR_OK;
}

static ErrCode write_deviation(Db *db, const Year *y, const Event *ev, const long long ids[NUNITS], int number,
                               long long *id, const char *severity_override, Err *e)
{
    const Category *c = &dev_categories[ev->cat];
    uint64_t d = ev->draw;
    char event_date[11], reported[11], ref[32], severity[4];
    civil_from_days(ev->day, event_date);
    long rday = ev->day + (long)((d >> 32) % 4);
    civil_from_days(rday < y->end_day ? rday : y->end_day, reported);
    snprintf(ref, sizeof ref, "AVV-%.4s-%05d", event_date, number);
    int sv = (int)((d >> 40) % 100);
    snprintf(severity, sizeof severity, "%d", sv < 55 ? 1 : sv < 90 ? 2 : 3);
    const char *kind = c->kind;
    int k = (int)((d >> 48) % 100);
    if (strcmp(kind, "arbetsrelaterad") && k < 12) kind = "tillbud";
    else if (!strcmp(kind, "vård") && k >= 88) kind = "patient";
    /* Older events are closed with feedback; the last two months are still being worked. */
    bool old = ev->day < y->end_day - 60;
    int st = (int)((d >> 56) % 3);
    const char *status = old ? "avslutad" : st == 0 ? "registrerad" : st == 1 ? "under utredning" : "åtgärdad";
    char *text = describe(c, d);
    DeviationNew in = {.unit_id = ids[ev->unit]};
    in.v[DF_REF] = ref;
    in.v[DF_KIND] = kind;
    in.v[DF_EVENT_DATE] = event_date;
    in.v[DF_REPORTED_DATE] = reported;
    in.v[DF_CATEGORY] = c->name;
    in.v[DF_SUBCATEGORY] = c->sub[(d >> 4) % 3];
    in.v[DF_SEVERITY] = severity_override ? severity_override : severity;
    in.v[DF_DESCRIPTION] = text;
    in.v[DF_IMMEDIATE_ACTION] = c->action[(d >> 12) % 2];
    in.v[DF_STATUS] = status;
    in.v[DF_FEEDBACK] = old ? "Återkopplat till den som rapporterade; händelsen togs upp på arbetsplatsträffen." : "";
    DevRow row;
    ErrCode rc = dev_validate(db, &in, &row, e);
    if (!rc) {
        rc = dev_insert(db, NULL, &row, 0, id, e);
        dev_row_free(&row);
    }
    free(text);
    return rc;
}

static const char *complaint_source(uint64_t d, bool cluster)
{
    int s = (int)((d >> 40) % 100);
    if (cluster) return s < 70 ? "närstående" : "patient";
    return s < 55 ? "patient" : s < 85 ? "närstående" : s < 97 ? "Patientnämnden" : "IVO";
}

static ErrCode write_complaint(Db *db, const Year *y, const Event *ev, const long long ids[NUNITS], int number,
                               Err *e)
{
    const Category *c = &complaint_categories[ev->cat];
    uint64_t d = ev->draw;
    bool cluster = !strcmp(units[ev->unit].name, CLUSTER_UNIT) && !strcmp(c->name, CLUSTER_CATEGORY);
    char received[11], event_date[11], closed[11] = "", ref[32];
    civil_from_days(ev->day, received);
    civil_from_days(ev->day - (long)((d >> 32) % 20), event_date);
    snprintf(ref, sizeof ref, "KLA-%.4s-%05d", received, number);
    bool old = ev->day < y->end_day - 45;
    int st = (int)((d >> 56) % 3);
    const char *status = old ? "avslutat" : st == 0 ? "registrerat" : st == 1 ? "under utredning" : "besvarat";
    if (old) {
        long cday = ev->day + 10 + (long)((d >> 48) % 30);
        civil_from_days(cday < y->end_day ? cday : y->end_day, closed);
    }
    ComplaintNew in = {.unit_id = ids[ev->unit]};
    in.v[CF_REF] = ref;
    in.v[CF_SOURCE] = complaint_source(d, cluster);
    in.v[CF_CATEGORY] = c->name;
    in.v[CF_SUBCATEGORY] = c->sub[(d >> 4) % 3];
    in.v[CF_RECEIVED_DATE] = received;
    in.v[CF_EVENT_DATE] = event_date;
    in.v[CF_DESCRIPTION] = c->text[d % 3];
    in.v[CF_STATUS] = status;
    in.v[CF_CLOSED_DATE] = closed;
    /* answered and closed ones carry their answer, as the status form asks */
    if (strcmp(status, "registrerat") && strcmp(status, "under utredning"))
        in.v[CF_ANSWER] = "Verksamheten har utrett klagomålet och svarat med vad som hänt och vilka åtgärder som vidtas.";
    ComplaintRow row;
    ErrCode rc = complaint_validate(db, &in, &row, e);
    if (!rc) {
        rc = complaint_insert(db, NULL, &row, 0, NULL, e);
        complaint_row_free(&row);
    }
    return rc;
}

/* The two serious deviations of the header, with their analyses. */
static ErrCode write_serious(Db *db, const Year *y, const long long ids[NUNITS], int *number, Rng *r, Err *e)
{
    long long id;
    char started[11], finished[11], sent[11], due[11];
    /* Ortopedi, Fall, month 8: a hip fracture, analysed and reported under Lex Maria. */
    Event fall = {month_start(y, 7) + 11, 0, 0, next(r), 0};
    if (write_deviation(db, y, &fall, ids, ++*number, &id, "4", e)) return e->code;
    civil_from_days(fall.day + 7, started);
    civil_from_days(fall.day + 35, finished);
    civil_from_days(fall.day + 20, sent);
    civil_from_days(fall.day + 120, due);
    const AnalysisActionNew fall_actions[] = {
        {"Inför fallriskbedömning enligt Downton Fall Risk Index vid varje inskrivning.", "Vårdenhetschef Ortopedi", due},
        {"Se över nattbemanningen och tillsynsrutinen för patienter med hög fallrisk.", "Verksamhetschef Ortopedi", due},
    };
    EventAnalysisNew fa = {started, finished,
                           "En äldre patient med känd fallrisk föll i korridoren nattetid på väg till toaletten och "
                           "ådrog sig en höftfraktur. Larmet hade inte kopplats in efter kvällens tillsyn.",
                           "Fallriskbedömning saknades vid inskrivningen; bemanningen var reducerad under natten; "
                           "rutinen för tillsyn var otydlig.",
                           "Händelsen hade kunnat förebyggas med fallriskbedömning och larmmatta.", fall_actions, 2};
    LexMariaNew lm = {sent, "IVO 3.5.1-04711/2026", "Anmälan gjord av chefläkaren."};
    if (dev_analysis_insert(db, NULL, id, &fa, NULL, e) || dev_lex_maria_insert(db, NULL, id, &lm, e)) return e->code;
    /* Kardiologi, Medicinteknik, month 10: analysis under way. */
    Event pump = {month_start(y, 9) + 4, 3, 4, next(r), 0};
    if (write_deviation(db, y, &pump, ids, ++*number, &id, "3", e)) return e->code;
    if (db_exec(db, e, "UPDATE deviations SET serious = 1, status = 'under utredning', feedback = '' WHERE id = :id",
                DB_ARGS(DB_INT(":id", id))))
        return e->code;
    civil_from_days(pump.day + 5, started);
    civil_from_days(pump.day + 90, due);
    const AnalysisActionNew pump_actions[] = {
        {"Byt ut infusionspumparna av den äldre modellen på avdelningen.", "Medicinteknisk ingenjör", due},
    };
    EventAnalysisNew pa = {started, NULL,
                           "Infusionspumpen avbröt tillförseln utan att larma och patienten fick för låg dos under "
                           "flera timmar.",
                           "Under utredning: programvaruversion och underhåll av pumparna granskas.", NULL,
                           pump_actions, 1};
    return dev_analysis_insert(db, NULL, id, &pa, NULL, e);
}

/* Vårddagar or besök per day of the DENOMINATORS units (see the top). */
static const struct {
    int unit; /* index into units[] */
    const char *kind;
    int per_day;
} den_units[] = {
    {0, "vårddagar", 68}, {2, "vårddagar", 84}, {3, "vårddagar", 52}, {11, "besök", 210}, {12, "besök", 35},
};

static ErrCode write_denominators(Db *db, const Year *y, const long long ids[NUNITS], unsigned seed, Err *e)
{
    Rng r = {0x44656E6FULL ^ ((uint64_t)seed * 0x9E3779B97F4A7C15ULL)}; /* its own stream: the events stay as they are */
    for (size_t k = 0; k < sizeof den_units / sizeof *den_units; k++)
        for (int i = 0; i < 12; i++) {
            long days = month_start(y, i + 1) - month_start(y, i);
            double v = (double)den_units[k].per_day * (double)days * (0.98 + 0.04 * (double)below(&r, 1001) / 1000.0);
            char month[11];
            civil_from_days(month_start(y, i), month);
            month[7] = '\0';
            if (denominator_set(db, ids[den_units[k].unit], month, den_units[k].kind, lround(v), NULL, e)) return e->code;
        }
    return ERR_OK;
}

static ErrCode load(Db *db, const Year *y, unsigned seed, Err *e)
{
    Rng r = {0x4C6F7473ULL ^ ((uint64_t)seed * 0x9E3779B97F4A7C15ULL)};
    long long ids[NUNITS];
    if (unit_ids(db, ids, e)) return e->code;
    Events devs = {0}, comps = {0};
    generate(&devs, y, dev_categories, NDEV, RISE_UNIT, RISE_CATEGORY, planted_rise, &r);
    generate(&comps, y, complaint_categories, NCOMPLAINT, CLUSTER_UNIT, CLUSTER_CATEGORY, planted_cluster, &r);
    ErrCode rc = ERR_OK;
    int number = 0;
    for (size_t i = 0; i < devs.n && !rc; i++) rc = write_deviation(db, y, &devs.ev[i], ids, ++number, NULL, NULL, e);
    if (!rc) rc = write_serious(db, y, ids, &number, &r, e);
    for (size_t i = 0; i < comps.n && !rc; i++) rc = write_complaint(db, y, &comps.ev[i], ids, (int)i + 1, e);
    if (!rc) rc = write_denominators(db, y, ids, seed, e);
    free(devs.ev);
    free(comps.ev);
    return rc;
}

ErrCode deviation_demo_load_from(Db *db, unsigned seed, const char *first_month, Err *e)
{
    int yy = 0, mm = 0;
    char tail = 0;
    if (!first_month || sscanf(first_month, "%4d-%2d%c", &yy, &mm, &tail) != 2 || mm < 1 || mm > 12 || yy < 1900)
        return err_set(e, ERR_INVALID, "demoåret ska börja med en månad ÅÅÅÅ-MM, inte '%s'", first_month ? first_month : "");
    Year y = {yy, mm, 0, 0};
    y.first_day = month_start(&y, 0);
    y.end_day = month_start(&y, 12) - 1;
    char today[11], last[11];
    iso_today(today);
    civil_from_days(y.end_day, last);
    if (strcmp(last, today) > 0)
        return err_set(e, ERR_INVALID, "demoåret från %s slutar %s, efter i dag", first_month, last);
    return load(db, &y, seed, e);
}

ErrCode deviation_demo_load(Db *db, unsigned seed, Err *e)
{
    char today[11], first[8];
    iso_today(today);
    int yy = 0, mm = 0;
    sscanf(today, "%4d-%2d", &yy, &mm);
    int m = yy * 12 + (mm - 1) - 12; /* twelve months back from the current one */
    snprintf(first, sizeof first, "%04u-%02u", (unsigned)(m / 12) % 10000u, (unsigned)(m % 12 + 1) % 100u);
    return deviation_demo_load_from(db, seed, first, e);
}
