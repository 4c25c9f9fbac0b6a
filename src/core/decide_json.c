/*
 * decide_json.c — a decision path as JSON, the one shape the API and
 * `lots decide --json` share:
 *   {"rules": "orebro", "rules_name": "…",
 *    "steps": [{"actor", "kind", "reason", "rule" [, "unit_id", "person", "body"]}]}
 */
#include "core/decide.h"

json_t *decide_step_to_json(const DecideStep *s)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "actor", s->actor, "kind", decide_kind_key(s->kind), "reason",
                          s->reason, "rule", s->rule);
    if (s->unit_id) json_object_set_new(o, "unit_id", json_integer(s->unit_id));
    if (s->person) json_object_set_new(o, "person", json_string(s->person));
    if (s->body) json_object_set_new(o, "body", json_string(s->body));
    return o;
}

json_t *decide_path_to_json(const DecidePath *p)
{
    json_t *steps = json_array();
    for (size_t i = 0; i < p->n; i++) json_array_append_new(steps, decide_step_to_json(&p->steps[i]));
    return json_pack("{s:s?, s:s?, s:o}", "rules", p->rules_key, "rules_name", p->rules_name, "steps", steps);
}
