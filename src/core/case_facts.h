/*
 * case_facts.h — gathering, from the database, what the process engine needs
 * to know about a case in a step (checklist answers, consultations,
 * decisions). Internal to core/case_*.c.
 */
#ifndef LOTS_CORE_CASE_FACTS_H
#define LOTS_CORE_CASE_FACTS_H

#include "core/process.h"
#include "store/db.h"

typedef struct {
    StepFacts sf;
    ItemState *items; /* owned; sf.items points here */
} CaseFacts;

ErrCode case_facts_load(Db *db, long long case_id, const Step *step, CaseFacts *out, Err *e);
void case_facts_free(CaseFacts *f);

#endif
