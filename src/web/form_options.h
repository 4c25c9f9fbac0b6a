/*
 * form_options.h — the <option> lists of the pages' select fields: origins,
 * processes, steps, case officers, bodies, plan items, consultation answers.
 * Each writes options (escaped, through html_printf) into r->out, marking
 * the one equal to `selected`; the caller writes the <select> around them.
 * Reads only; a list that cannot be read is left empty.
 */
#ifndef LOTS_WEB_FORM_OPTIONS_H
#define LOTS_WEB_FORM_OPTIONS_H

#include "core/process.h"
#include "web/request.h"

/* The six origins as "1 – Politiska initiativ/uppdrag". */
void options_origins(Request *r, int selected);
void options_processes(Request *r, const char *selected);
/* Steps of `process`, or of every process in <optgroup>s when it is NULL,
 * "" or unknown. */
void options_steps(Request *r, const char *process, const char *selected);
/* Active users who may be main case officer (admin, handläggare). */
void options_officers(Request *r, long long selected);
/* Bodies for förankring: the step's consult list first, then every known
 * body; those in `proposed` (the case's decision path) are marked. */
void options_consult_bodies(Request *r, const Step *step, const char *selected, char *const *proposed,
                            size_t nproposed);
/* Bodies that may decide in the step (its deciders list); `proposed` (may
 * be NULL) is marked. */
void options_deciders(Request *r, const Step *step, const char *selected, const char *proposed);
/* Plan items grouped by plan. */
void options_plan_items(Request *r, long long selected);
/* tillstyrker, tillstyrker_med_andring, avstyrker, information. */
void options_answers(Request *r, const char *selected);

#endif
