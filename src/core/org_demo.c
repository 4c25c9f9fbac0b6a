/*
 * org_demo.c — the demo organisation: Region Örebro län (Hälso- och
 * sjukvårdsförvaltningen with its områden and verksamheter, Folktandvården,
 * Regional utveckling), the 12 municipalities of Örebro län, and a few
 * förvaltningar of Västra Götalandsregionen, so that both shipped rule sets
 * (orebro, vgr) have units to work on. People are invented.
 *
 * Must not: open a transaction (the caller's demo load may hold one), write
 * personal identity numbers, or print.
 */
#include "core/org.h"

#include <stddef.h>

static const struct {
    const char *parent; /* short name or name of a unit above, NULL for a region */
    const char *kind, *name, *short_name, *title;
} demo_units[] = {
    {NULL, "region", "Region Örebro län", "RÖL", "Regiondirektör"},
    {"RÖL", "förvaltning", "Hälso- och sjukvårdsförvaltningen", "HSF", "Hälso- och sjukvårdsdirektör"},
    {"HSF", "område", "Verksamhets- och ledningsstöd", "VLS", "Områdeschef"},
    {"VLS", "enhet", "Utvecklingsenheten", NULL, "Enhetschef"},
    {"HSF", "område", "Universitetssjukhuset Örebro", "USÖ", "Områdeschef"},
    {"USÖ", "verksamhet", "Ortopedi", NULL, "Verksamhetschef"},
    {"Ortopedi", "enhet", "Ortopedmottagningen", NULL, "Enhetschef"},
    {"USÖ", "verksamhet", "Kirurgi", NULL, "Verksamhetschef"},
    {"USÖ", "verksamhet", "Kardiologi", NULL, "Verksamhetschef"},
    {"USÖ", "verksamhet", "Geriatrik", NULL, "Verksamhetschef"},
    {"HSF", "område", "Karlskoga lasarett", NULL, "Områdeschef"},
    {"Karlskoga lasarett", "verksamhet", "Medicinkliniken Karlskoga", NULL, "Verksamhetschef"},
    {"HSF", "område", "Lindesbergs lasarett", NULL, "Områdeschef"},
    {"Lindesbergs lasarett", "verksamhet", "Medicinkliniken Lindesberg", NULL, "Verksamhetschef"},
    {"HSF", "område", "Område psykiatri", NULL, "Områdeschef"},
    {"Område psykiatri", "verksamhet", "Psykiatri", NULL, "Verksamhetschef"},
    {"Område psykiatri", "verksamhet", "Barn- och ungdomspsykiatri", "BUP", "Verksamhetschef"},
    {"HSF", "område", "Område nära vård", NULL, "Områdeschef"},
    {"Område nära vård", "verksamhet", "Vårdcentralerna i egen regi", NULL, "Verksamhetschef"},
    {"Område nära vård", "verksamhet", "Habilitering", NULL, "Verksamhetschef"},
    {"RÖL", "förvaltning", "Folktandvården", "FTV", "Folktandvårdsdirektör"},
    {"FTV", "verksamhet", "Allmäntandvård", NULL, "Verksamhetschef"},
    {"FTV", "verksamhet", "Specialisttandvård", NULL, "Verksamhetschef"},
    {"RÖL", "förvaltning", "Regional utveckling", "RU", "Regional utvecklingsdirektör"},
    {"RU", "område", "Område välfärd och folkhälsa", "VoF", "Områdeschef"},

    {NULL, "region", "Västra Götalandsregionen", "VGR", "Regiondirektör"},
    {"VGR", "förvaltning", "Sahlgrenska Universitetssjukhuset", "SU", "Sjukhusdirektör"},
    {"VGR", "förvaltning", "Skaraborgs sjukhus", "SkaS", "Sjukhusdirektör"},
    {"VGR", "förvaltning", "NU-sjukvården", "NU", "Sjukhusdirektör"},
    {"VGR", "förvaltning", "Södra Älvsborgs sjukhus", "SÄS", "Sjukhusdirektör"},
    {"VGR", "förvaltning", "Sjukhusen i väster", "SiV", "Sjukhusdirektör"},
    {"VGR", "förvaltning", "Närhälsan", NULL, "Förvaltningschef"},
    {"VGR", "förvaltning", "Folktandvården Västra Götaland", NULL, "Tandvårdsdirektör"},
    {"VGR", "förvaltning", "Regionhälsan", NULL, "Förvaltningschef"},
};

static const char *const orebro_lan[] = {"Askersund", "Degerfors",  "Hallsberg",    "Hällefors", "Karlskoga", "Kumla",
                                         "Laxå",      "Lekeberg",   "Lindesberg",   "Ljusnarsberg", "Nora",   "Örebro"};

static const struct {
    const char *name, *title, *unit, *municipality;
    const char *professions[2];
} demo_people[] = {
    {"Maja Ek", "Verksamhetsutvecklare, Kunskapsstödsgruppen", "Utvecklingsenheten", NULL, {"sjuksköterska", NULL}},
    {"Jonas Lund", "Utvecklingsledare", "Område välfärd och folkhälsa", NULL, {"socionom", NULL}},
    {"Sara Nyberg", "Medicinskt ansvarig sjuksköterska (MAS)", NULL, "Örebro", {"sjuksköterska", NULL}},
    {"Per Holmgren", "Överläkare", "Geriatrik", NULL, {"läkare", NULL}},
    {"Lina Ahmadi", "Fysioterapeut", NULL, "Kumla", {"fysioterapeut", NULL}},
};

static ErrCode add_units(Db *db, Err *e)
{
    for (size_t i = 0; i < sizeof demo_units / sizeof *demo_units; i++) {
        UnitNew in = {0, demo_units[i].kind, demo_units[i].name, demo_units[i].short_name, demo_units[i].title, NULL};
        if (demo_units[i].parent) {
            Unit p;
            if (unit_find(db, demo_units[i].parent, &p, e)) return e->code;
            in.parent_id = p.id;
            unit_free(&p);
        }
        if (unit_add(db, &in, NULL, e)) return e->code;
    }
    return ERR_OK;
}

static ErrCode add_people(Db *db, Err *e)
{
    for (size_t i = 0; i < sizeof demo_people / sizeof *demo_people; i++) {
        size_t np = 0;
        while (np < 2 && demo_people[i].professions[np]) np++;
        PersonNew in = {demo_people[i].name, demo_people[i].title, 0, 0, demo_people[i].professions, np};
        if (demo_people[i].unit) {
            Unit u;
            if (unit_find(db, demo_people[i].unit, &u, e)) return e->code;
            in.unit_id = u.id;
            unit_free(&u);
        }
        if (demo_people[i].municipality) {
            Municipality m;
            if (municipality_find(db, demo_people[i].municipality, &m, e)) return e->code;
            in.municipality_id = m.id;
            municipality_free(&m);
        }
        if (person_add(db, &in, NULL, e)) return e->code;
    }
    return ERR_OK;
}

ErrCode org_demo_load(Db *db, Err *e)
{
    if (add_units(db, e)) return e->code;
    for (size_t i = 0; i < sizeof orebro_lan / sizeof *orebro_lan; i++)
        if (municipality_add(db, orebro_lan[i], NULL, "Örebro län", NULL, e)) return e->code;
    return add_people(db, e);
}
