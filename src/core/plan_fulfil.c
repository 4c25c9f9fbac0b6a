/*
 * plan_fulfil.c — the rules of goal fulfilment (måluppfyllelse) and the
 * words of the plan module (levels, directions, item kinds, statuses).
 * Pure computation; must not touch the database.
 *
 * Fulfilment of one indicator in one period
 * -----------------------------------------
 * Needs both a target T and an outcome U; without either there is no level
 * (FUL_NONE, shown as "ej bedömt", null in the API). The plan's tolerance t
 * (a percentage, a setting of the plan, 5 % unless the plan says otherwise)
 * gives a band of width |T| × t / 100 on the unfavourable side of the target:
 *
 *   higher is better:  uppnått         U ≥ T
 *                      delvis uppnått  T − |T|·t/100 ≤ U < T
 *                      ej uppnått      U < T − |T|·t/100
 *   lower is better:   uppnått         U ≤ T
 *                      delvis uppnått  T < U ≤ T + |T|·t/100
 *                      ej uppnått      U > T + |T|·t/100
 *
 * The band's edge counts as delvis uppnått (a relative 1e-9 allows for
 * decimal fractions that binary floating point cannot hold exactly). With
 * tolerance 0, or a target of 0, there is no band: uppnått or ej uppnått.
 * Regionhälsan's table with the default 5 %: 57 against 63 and 74 against 88
 * are ej uppnått, 85 against 83 uppnått — as the seed's symbols show.
 *
 * An owner may override the computed level with a comment; the override
 * wins and is shown as overridden (plan_value.c).
 *
 * Roll-up to activities, goals, delområden and areas
 * ---------------------------------------------------
 * Counted over every indicator beneath the item (at any depth) that has a
 * level in the period; indicators without one are counted as missing and do
 * not decide the level:
 *   uppnått         every assessed indicator is uppnått
 *   ej uppnått      every assessed indicator is ej uppnått
 *   delvis uppnått  anything in between (some uppnått or delvis, not all)
 *   ej bedömt       no indicator beneath has a level yet
 * So one failing indicator among ten keeps a goal from "uppnått" without
 * painting it red, and the counts (3 uppnått, 1 ej uppnått …) are shown next
 * to the level so nobody has to guess what is behind it. The roll-up of a
 * parent is the same whether computed from its indicators or its children.
 */
#include "core/plan.h"
#include "base/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

Fulfilment fulfilment_compute(Direction d, double tolerance_pct, double target, double outcome)
{
    if (!isfinite(target) || !isfinite(outcome)) return FUL_NONE;
    if (!(tolerance_pct >= 0)) tolerance_pct = 0;
    double slack = 1e-9 * fmax(1.0, fabs(target));
    double band = fabs(target) * tolerance_pct / 100.0;
    /* shortfall > 0: on the unfavourable side of the target */
    double shortfall = d == DIR_HIGHER ? target - outcome : outcome - target;
    if (shortfall <= 0) return FUL_MET;
    if (shortfall <= band + slack && band > 0) return FUL_PARTLY;
    return FUL_NOT_MET;
}

void rollup_add(Rollup *r, Fulfilment f)
{
    switch (f) {
    case FUL_MET: r->met++; break;
    case FUL_PARTLY: r->partly++; break;
    case FUL_NOT_MET: r->not_met++; break;
    case FUL_NONE: r->missing++; break;
    }
    r->level = rollup_level(r);
}

void rollup_merge(Rollup *into, const Rollup *from)
{
    into->met += from->met;
    into->partly += from->partly;
    into->not_met += from->not_met;
    into->missing += from->missing;
    into->level = rollup_level(into);
}

Fulfilment rollup_level(const Rollup *r)
{
    int assessed = r->met + r->partly + r->not_met;
    if (!assessed) return FUL_NONE;
    if (r->met == assessed) return FUL_MET;
    if (r->not_met == assessed) return FUL_NOT_MET;
    return FUL_PARTLY;
}

/* --- words ---------------------------------------------------------------------------- */

const char *fulfilment_key(Fulfilment f)
{
    switch (f) {
    case FUL_MET: return "met";
    case FUL_PARTLY: return "partly";
    case FUL_NOT_MET: return "not_met";
    case FUL_NONE: return NULL;
    }
    return NULL;
}

const char *fulfilment_label(Fulfilment f)
{
    switch (f) {
    case FUL_MET: return "uppnått";
    case FUL_PARTLY: return "delvis uppnått";
    case FUL_NOT_MET: return "ej uppnått";
    case FUL_NONE: return "ej bedömt";
    }
    return "ej bedömt";
}

bool fulfilment_parse(const char *s, Fulfilment *out)
{
    static const struct {
        const char *word;
        Fulfilment f;
    } words[] = {
        {"met", FUL_MET},          {"uppnått", FUL_MET},          {"uppnatt", FUL_MET},
        {"partly", FUL_PARTLY},    {"delvis uppnått", FUL_PARTLY}, {"delvis uppnatt", FUL_PARTLY},
        {"delvis", FUL_PARTLY},    {"not_met", FUL_NOT_MET},      {"ej uppnått", FUL_NOT_MET},
        {"ej uppnatt", FUL_NOT_MET},
    };
    if (!s) return false;
    char *t = trim_dup(s);
    char *low = fold_lower(t);
    free(t);
    bool found = false;
    for (size_t i = 0; i < sizeof words / sizeof *words && !found; i++)
        if (!strcmp(low, words[i].word)) {
            *out = words[i].f;
            found = true;
        }
    free(low);
    return found;
}

const char *direction_key(Direction d)
{
    return d == DIR_LOWER ? "lower" : "higher";
}

const char *direction_label(Direction d)
{
    return d == DIR_LOWER ? "lägre är bättre" : "högre är bättre";
}

bool direction_parse(const char *s, Direction *out)
{
    if (!s) return false;
    if (!strcmp(s, "higher") || !strcmp(s, "högre")) *out = DIR_HIGHER;
    else if (!strcmp(s, "lower") || !strcmp(s, "lägre")) *out = DIR_LOWER;
    else return false;
    return true;
}

static const struct {
    const char *kind, *label, *plural;
} kinds[] = {
    {"area", "Område", "Områden"},
    {"delomrade", "Delområde", "Delområden"},
    {"goal", "Effektmål", "Effektmål"},
    {"activity", "Aktivitet", "Aktiviteter"},
    {"indicator", "Indikator", "Indikatorer"},
};

int plan_kind_rank(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof kinds / sizeof *kinds; i++)
        if (!strcmp(kind, kinds[i].kind)) return (int)i;
    return -1;
}

const char *plan_kind_label(const char *kind)
{
    int r = plan_kind_rank(kind);
    return r < 0 ? "Punkt" : kinds[r].label;
}

const char *plan_kind_label_plural(const char *kind)
{
    int r = plan_kind_rank(kind);
    return r < 0 ? "Punkter" : kinds[r].plural;
}

static const struct {
    const char *key, *label;
} statuses[] = {
    {"", ""}, {"planned", "Planerad"}, {"ongoing", "Pågår"}, {"done", "Klar"}, {"cancelled", "Avbruten"},
};

bool plan_status_valid(const char *status)
{
    for (size_t i = 0; status && i < sizeof statuses / sizeof *statuses; i++)
        if (!strcmp(status, statuses[i].key)) return true;
    return false;
}

const char *plan_status_label(const char *status)
{
    for (size_t i = 0; status && i < sizeof statuses / sizeof *statuses; i++)
        if (!strcmp(status, statuses[i].key)) return statuses[i].label;
    return "";
}
