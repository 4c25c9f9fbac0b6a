/*
 * form_options.c — option lists for select fields. Every value and label
 * goes through html_printf, so names typed by users are escaped here.
 */
#include "web/form_options.h"
#include "base/html.h"
#include "core/body.h"
#include "core/case.h"
#include "core/plan.h"

#include <stdlib.h>
#include <string.h>

static const char *sel(bool on)
{
    return on ? " selected" : "";
}

static bool same(const char *a, const char *b)
{
    return a && b && !strcmp(a, b);
}

void options_origins(Request *r, int selected)
{
    for (int o = 1; o <= 6; o++)
        html_printf(&r->out, "<option value=\"%d\"%s>%d – %s</option>", o, sel(o == selected), o, origin_label(o));
}

void options_processes(Request *r, const char *selected)
{
    const ProcessSet *ps = r->cfg->ps;
    for (size_t i = 0; i < ps->n; i++)
        html_printf(&r->out, "<option value=\"%s\"%s>%s – %s</option>", ps->defs[i]->key,
                    sel(same(ps->defs[i]->key, selected)), ps->defs[i]->key, ps->defs[i]->name);
}

/* Writes the steps of one process; *marked keeps only the first match selected. */
static void step_options(Request *r, const ProcessDef *def, const char *selected, bool *marked)
{
    for (size_t i = 0; i < def->nsteps; i++) {
        bool on = !*marked && same(def->steps[i].key, selected);
        if (on) *marked = true;
        html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", def->steps[i].key, sel(on), def->steps[i].name);
    }
}

void options_steps(Request *r, const char *process, const char *selected)
{
    const ProcessSet *ps = r->cfg->ps;
    const ProcessDef *only = process && *process ? process_find(ps, process) : NULL;
    bool marked = false;
    if (only) {
        step_options(r, only, selected, &marked);
        return;
    }
    for (size_t i = 0; i < ps->n; i++) {
        html_printf(&r->out, "<optgroup label=\"Process %s\">", ps->defs[i]->key);
        step_options(r, ps->defs[i], selected, &marked);
        html_raw(&r->out, "</optgroup>");
    }
}

void options_officers(Request *r, long long selected)
{
    Err e = ERR_INIT;
    Actor *people;
    size_t n;
    if (account_list_writers(r->db, &people, &n, &e)) return;
    for (size_t i = 0; i < n; i++)
        html_printf(&r->out, "<option value=\"%lld\"%s>%s</option>", people[i].id, sel(people[i].id == selected),
                    people[i].display_name);
    free(people);
}

static const Body *find_body(const Body *b, size_t n, const char *short_name)
{
    for (size_t i = 0; i < n; i++)
        if (same(b[i].short_name, short_name)) return &b[i];
    return NULL;
}

/* "SSN – Strategiska hälso- och sjukvårdsnämnden", or just the short name;
 * a body the case's decision path proposes says so. */
static void body_option(Request *r, const char *short_name, const Body *known, const char *selected, bool proposed)
{
    html_printf(&r->out, "<option value=\"%s\"%s>%s", short_name, sel(same(short_name, selected)), short_name);
    if (known && strcmp(known->name, short_name)) html_printf(&r->out, " – %s", known->name);
    if (proposed) html_raw(&r->out, " (föreslås av beslutsvägen)");
    html_raw(&r->out, "</option>");
}

static bool in_list(char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (same(list[i], s)) return true;
    return false;
}

void options_consult_bodies(Request *r, const Step *step, const char *selected, char *const *proposed,
                            size_t nproposed)
{
    Err e = ERR_INIT;
    Body *bodies = NULL;
    size_t nb = 0;
    body_list(r->db, &bodies, &nb, &e);
    if (step->nconsult) {
        html_raw(&r->out, "<optgroup label=\"Hörs enligt processen\">");
        for (size_t i = 0; i < step->nconsult; i++)
            body_option(r, step->consult[i], find_body(bodies, nb, step->consult[i]), selected,
                        in_list(proposed, nproposed, step->consult[i]));
        html_raw(&r->out, "</optgroup>");
    }
    bool others = false;
    for (size_t i = 0; i < nb; i++) {
        if (in_list(step->consult, step->nconsult, bodies[i].short_name)) continue;
        if (!others) html_raw(&r->out, "<optgroup label=\"Andra organ\">");
        others = true;
        body_option(r, bodies[i].short_name, &bodies[i], selected,
                    in_list(proposed, nproposed, bodies[i].short_name));
    }
    if (others) html_raw(&r->out, "</optgroup>");
    body_list_free(bodies, nb);
}

void options_deciders(Request *r, const Step *step, const char *selected, const char *proposed)
{
    Err e = ERR_INIT;
    Body *bodies = NULL;
    size_t nb = 0;
    body_list(r->db, &bodies, &nb, &e);
    for (size_t i = 0; i < step->ndeciders; i++)
        body_option(r, step->deciders[i], find_body(bodies, nb, step->deciders[i]), selected,
                    same(step->deciders[i], proposed));
    body_list_free(bodies, nb);
}

void options_plan_items(Request *r, long long selected)
{
    Err e = ERR_INIT;
    PlanItem *items = NULL;
    size_t n = 0;
    if (plan_items_list(r->db, &items, &n, &e)) return;
    for (size_t i = 0; i < n; i++) {
        if (!i || strcmp(items[i].plan_name, items[i - 1].plan_name)) {
            if (i) html_raw(&r->out, "</optgroup>");
            html_printf(&r->out, "<optgroup label=\"%s\">", items[i].plan_name);
        }
        html_printf(&r->out, "<option value=\"%lld\"%s>", items[i].id, sel(items[i].id == selected));
        for (int d = 0; d < items[i].depth && d < 6; d++) html_raw(&r->out, "\u00a0\u00a0\u00a0"); /* tree indent */
        html_printf(&r->out, "%s – %s</option>", items[i].code, items[i].title);
    }
    if (n) html_raw(&r->out, "</optgroup>");
    plan_items_free(items, n);
}

void options_answers(Request *r, const char *selected)
{
    static const char *const keys[] = {"tillstyrker", "tillstyrker_med_andring", "avstyrker", "information"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", keys[i], sel(same(keys[i], selected)),
                    consultation_answer_label(keys[i]));
}
