/*
 * case_json.h — the JSON shape of cases, shared by the API and the CLI.
 *
 * Summary: {"id","ref","title","description","origin","origin_label",
 *  "process","step","step_name","officer","created_by","created_at","updated_at"}
 * Detail adds "checklist", "links", "consultations", "decisions",
 *  "transitions" (open ones and blocked ones with "blocked_by"), "history".
 * Caller owns the returned json_t.
 */
#ifndef LOTS_CORE_CASE_JSON_H
#define LOTS_CORE_CASE_JSON_H

#include <jansson.h>

#include "core/case.h"

json_t *case_to_json(const Case *c, const ProcessSet *ps);
json_t *case_detail_to_json(const CaseDetail *d, const ProcessSet *ps);
json_t *case_list_to_json(const CaseList *l, const ProcessSet *ps);

#endif
