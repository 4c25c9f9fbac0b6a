/*
 * process_check.c — rules across the steps of one process definition.
 *
 * process_parse.c has already checked each value on its own; here steps are
 * related: ids are unique, transitions lead somewhere real, and what a step's
 * kind promises (a decider to decide, someone to consult, no way out of a
 * final step) holds. Reads the definition only; changes nothing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "core/process_check.h"
#include "core/suggest.h"

typedef struct {
    const ProcessDef *def;
    Err *e;
} Check;

static ErrCode fail(const Check *c, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static ErrCode fail(const Check *c, int line, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    if (vsnprintf(msg, sizeof msg, fmt, ap) >= (int)sizeof msg) utf8_drop_cut(msg);
    va_end(ap);
    return err_set(c->e, ERR_INVALID, "%s:%d: %s", c->def->source, line, msg);
}

static const Step *find_step(const ProcessDef *def, const char *key)
{
    for (size_t i = 0; i < def->nsteps; i++)
        if (!strcmp(def->steps[i].key, key)) return &def->steps[i];
    return NULL;
}

static ErrCode unique_steps(const Check *c)
{
    for (size_t i = 1; i < c->def->nsteps; i++) {
        const Step *s = &c->def->steps[i];
        const Step *first = find_step(c->def, s->key);
        if (first != s)
            return fail(c, s->line, "steget '%s' finns två gånger (första gången på rad %d)", s->key, first->line);
    }
    return ERR_OK;
}

static ErrCode unknown_target(const Check *c, const Step *s, const Transition *t)
{
    const char **keys = xcalloc(c->def->nsteps, sizeof *keys);
    for (size_t i = 0; i < c->def->nsteps; i++) keys[i] = c->def->steps[i].key;
    const char *near = suggest_closest(t->to, keys, c->def->nsteps);
    ErrCode rc =
        near ? fail(c, t->line, "övergång till okänt steg '%s' i steg '%s' – menade du '%s'?", t->to, s->key, near)
             : fail(c, t->line, "övergång till okänt steg '%s' i steg '%s'", t->to, s->key);
    free(keys);
    return rc;
}

static ErrCode check_transition(const Check *c, const Step *s, size_t k)
{
    const Transition *t = &s->transitions[k];
    if (!find_step(c->def, t->to)) return unknown_target(c, s, t);
    if (!strcmp(t->to, s->key)) return fail(c, t->line, "steget '%s' har en övergång till sig självt", s->key);
    for (size_t i = 0; i < k; i++)
        if (!strcmp(s->transitions[i].to, t->to))
            return fail(c, t->line, "steget '%s' har två övergångar till '%s' (rad %d och %d)", s->key, t->to,
                        s->transitions[i].line, t->line);
    if (t->needs_decision && s->kind != STEP_DECISION)
        return fail(c, t->line, "'needs_decision' gäller bara i ett beslutssteg (kind: decision), inte i steg '%s'",
                    s->key);
    if (t->needs_consultation && s->kind != STEP_ANCHORING)
        return fail(c, t->line,
                    "'needs_consultation' gäller bara i ett förankringssteg (kind: anchoring), inte i steg '%s'",
                    s->key);
    return ERR_OK;
}

/* What the kind of a step asks of its other fields. */
static ErrCode check_kind(const Check *c, const Step *s)
{
    if (s->kind == STEP_DECISION && !s->ndeciders)
        return fail(c, s->line, "beslutssteget '%s' måste ange minst ett beslutande organ i 'deciders'", s->key);
    if (s->kind != STEP_DECISION && s->ndeciders)
        return fail(c, s->line, "'deciders' gäller bara i ett beslutssteg (kind: decision), inte i steg '%s'", s->key);
    if (s->kind == STEP_ANCHORING && !s->nconsult)
        return fail(c, s->line, "förankringssteget '%s' måste ange minst ett organ i 'consult'", s->key);
    if (s->kind != STEP_ANCHORING && s->nconsult)
        return fail(c, s->line, "'consult' gäller bara i ett förankringssteg (kind: anchoring), inte i steg '%s'",
                    s->key);
    if (s->kind == STEP_FINAL && s->ntransitions)
        return fail(c, s->transitions[0].line, "slutsteget '%s' (kind: final) kan inte ha övergångar", s->key);
    if (s->kind != STEP_FINAL && !s->ntransitions)
        return fail(c, s->line, "steget '%s' saknar övergångar (bara ett slutsteg, kind: final, saknar dem)", s->key);
    return ERR_OK;
}

static ErrCode check_step(const Check *c, const Step *s)
{
    ErrCode rc = check_kind(c, s);
    for (size_t k = 0; !rc && k < s->ntransitions; k++) rc = check_transition(c, s, k);
    return rc;
}

ErrCode process_check(const ProcessDef *def, Err *e)
{
    Check c = {def, e};
    ErrCode rc = unique_steps(&c);
    for (size_t i = 0; !rc && i < def->nsteps; i++) rc = check_step(&c, &def->steps[i]);
    return rc;
}
