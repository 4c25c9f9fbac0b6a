/*
 * process_layout.h — where each step of a process sits in its diagram: rows
 * top to bottom in definition order, and the targets of a branch side by
 * side in one row. Geometry in pixels is process_svg.c's business.
 * Internal to the process module.
 */
#ifndef LOTS_CORE_PROCESS_LAYOUT_H
#define LOTS_CORE_PROCESS_LAYOUT_H

#include "core/process.h"

typedef struct {
    int row, col;
} StepPlace;

typedef struct {
    StepPlace *place; /* one per step, indexed like def->steps; caller frees */
    int nrows, ncols;
} ProcessLayout;

void process_layout(const ProcessDef *def, ProcessLayout *out);
void process_layout_free(ProcessLayout *l);

/* Index of the step `key` in def->steps, or -1. */
int process_step_index(const ProcessDef *def, const char *key);
/* Transitions out of `s` that are not returns. */
size_t step_forward_count(const Step *s);

#endif
