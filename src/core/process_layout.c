/*
 * process_layout.c — rows and columns for the process diagram.
 *
 * Steps go top to bottom in definition order, one per row, except that
 * consecutive steps which are all forward targets of the same branch step
 * share a row, side by side. In that row the target that leads on to the
 * next row's step takes the main column, so the main path runs straight
 * down and the other branch keeps to the side.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "core/process_layout.h"

enum { MAX_SIDE_BY_SIDE = 3 };

int process_step_index(const ProcessDef *def, const char *key)
{
    for (size_t i = 0; key && i < def->nsteps; i++)
        if (!strcmp(def->steps[i].key, key)) return (int)i;
    return -1;
}

size_t step_forward_count(const Step *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->ntransitions; i++) n += !s->transitions[i].back;
    return n;
}

static bool leads_forward_to(const Step *from, const char *key)
{
    for (size_t i = 0; i < from->ntransitions; i++)
        if (!from->transitions[i].back && !strcmp(from->transitions[i].to, key)) return true;
    return false;
}

/* The earlier branch step (≥ 2 forward transitions) leading to step i. */
static const Step *branch_into(const ProcessDef *def, size_t i)
{
    for (size_t b = 0; b < i; b++)
        if (step_forward_count(&def->steps[b]) >= 2 && leads_forward_to(&def->steps[b], def->steps[i].key))
            return &def->steps[b];
    return NULL;
}

/* End (exclusive) of the run of siblings starting at step i. */
static size_t group_end(const ProcessDef *def, size_t i)
{
    const Step *b = branch_into(def, i);
    size_t j = i + 1;
    while (b && j < def->nsteps && j - i < MAX_SIDE_BY_SIDE && leads_forward_to(b, def->steps[j].key)) j++;
    return j;
}

/* Columns within a group [i, j): the member leading to step j goes first. */
static void place_group(const ProcessDef *def, size_t i, size_t j, int row, StepPlace *place)
{
    size_t main = i;
    for (size_t k = i; j < def->nsteps && k < j; k++)
        if (leads_forward_to(&def->steps[k], def->steps[j].key)) {
            main = k;
            break;
        }
    int col = 1;
    for (size_t k = i; k < j; k++) {
        place[k].row = row;
        place[k].col = k == main ? 0 : col++;
    }
}

void process_layout(const ProcessDef *def, ProcessLayout *out)
{
    out->place = xcalloc(def->nsteps, sizeof *out->place);
    out->nrows = 0;
    out->ncols = 1;
    for (size_t i = 0; i < def->nsteps;) {
        size_t j = group_end(def, i);
        place_group(def, i, j, out->nrows++, out->place);
        if ((int)(j - i) > out->ncols) out->ncols = (int)(j - i);
        i = j;
    }
}

void process_layout_free(ProcessLayout *l)
{
    free(l->place);
    l->place = NULL;
}
