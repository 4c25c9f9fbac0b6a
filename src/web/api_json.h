/*
 * api_json.h — the JSON API's "…_or_reply" helpers (Redis's
 * getLongLongFromObjectOrReply): read one typed field of a request body or
 * one query parameter, or answer 400 with a Swedish message naming the field
 * and return false, so that API handlers stay a straight line:
 *     parse → core → reply.
 *
 * Strings are copied into the request arena, so the parsed body can be
 * released at once. A JSON null counts as absent. Unknown fields are ignored.
 * Nothing here knows a case or a route.
 */
#ifndef LOTS_WEB_API_JSON_H
#define LOTS_WEB_API_JSON_H

#include <stdbool.h>

#include <jansson.h>

#include "web/request.h"

typedef enum { OPTIONAL = 0, REQUIRED = 1 } Presence;

/* A string field. Absent and optional: *out = NULL. */
bool json_str_or_reply(Request *r, const json_t *obj, const char *field, Presence p, const char **out);

/* An integer field within [min, max]. Absent and optional: *out unchanged.
 * A string such as "1", a real 1.0 or a boolean is not an integer. */
bool json_int_or_reply(Request *r, const json_t *obj, const char *field, Presence p, long long min, long long max,
                       long long *out);

/* A reference to a unit, group, person or municipality: an id (a whole
 * number above 0) or a name (text), copied into the arena as text, as
 * core's find functions take it. Absent or null: *out = NULL. */
bool json_ref_or_reply(Request *r, const json_t *obj, const char *field, const char **out);

/* true or false; absent or null is false. */
bool json_bool_or_reply(Request *r, const json_t *obj, const char *field, bool *out);

/* A query parameter holding an integer within [min, max]. Absent or empty:
 * *out unchanged. */
bool query_int_or_reply(Request *r, const char *name, long min, long max, long *out);

/* Answers `status` with the case's full detail (case_detail_to_json) with
 * its "scope" and "proposal" (core/case_scope.h), or core's error when the
 * case cannot be read. */
void reply_case_detail(Request *r, int status, long long id);

#endif
