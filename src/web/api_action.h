/*
 * api_action.h — a proposed action in a JSON body, the same for every
 * route that takes one (POST /api/v1/decision-path, POST
 * /api/v1/cases/{id}/scope):
 *   {"units": [ids or names], "municipalities": [ids or names],
 *    "within_mission", "within_budget", "political": true|false,
 *    "cost": kronor or null}
 * Absent or null fields are empty lists, false and no cost.
 */
#ifndef LOTS_WEB_API_ACTION_H
#define LOTS_WEB_API_ACTION_H

#include <stdbool.h>

#include <jansson.h>

#include "core/decide.h"
#include "web/request.h"

/* Reads the action's fields of `obj` into *in (texts copied into the
 * request arena), or answers 400 naming the field and returns false. */
bool action_or_reply(Request *r, const json_t *obj, DecideInput *in);

#endif
