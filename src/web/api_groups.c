/*
 * api_groups.c — the JSON API for groups, their members, commissions,
 * mandates, composition problems, overlaps and tasks:
 *   GET  /api/v1/groups                          every group, with its number of problems
 *   GET  /api/v1/groups/problems                 the groups that have problems, with them
 *   GET  /api/v1/groups/overlaps                 commissions that overlap (?threshold=0.35)
 *   GET  /api/v1/groups/{id}                     members, power, problems, current commission
 *   GET  /api/v1/groups/{id}/commission          current commission and every version
 *   POST /api/v1/groups                          a new group
 *   POST /api/v1/groups/{id}                     change a group (partial: what is absent stays)
 *   POST /api/v1/groups/{id}/members             a new member
 *   POST /api/v1/groups/{id}/members/{m}         a membership's role and term (partial)
 *   POST /api/v1/groups/{id}/members/{m}/end     a membership ends (tasks for the metodstöd)
 *   POST /api/v1/groups/{id}/commission          a new version of the commission
 *   POST /api/v1/groups/{id}/rmks-approval       RMKS approved an LPO's composition
 *   GET  /api/v1/mandates, POST /api/v1/mandates mandates and delegations
 *   POST /api/v1/mandates/{id}/end               a mandate or delegation ends {on, note}
 *   GET  /api/v1/tasks, POST /api/v1/tasks/{id}/done
 * The GETs take ?date=YYYY-MM-DD to see the groups as of another day.
 * Each handler reads its typed fields (a 400 names a bad one), asks core and
 * answers with core's JSON (core/group_json.c). No SQL, no rules here.
 */
#include "web/handlers.h"
#include "web/api_json.h"
#include "base/text.h"
#include "core/group.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>

/* --- reading fields ------------------------------------------------------------------------ */

/* A boolean; absent or null leaves *out as it is. */
static bool flag_or_reply(Request *r, const json_t *obj, const char *field, int *out)
{
    const json_t *v = json_object_get(obj, field);
    bool b;
    if (!v || json_is_null(v)) return true;
    if (!json_bool_or_reply(r, obj, field, &b)) return false;
    *out = b;
    return true;
}

/* ?date=YYYY-MM-DD, else NULL (today). */
static bool date_or_reply(Request *r, const char **out)
{
    const char *d = query_param(r, "date");
    *out = NULL;
    if (!d || !*d) return true;
    if (!iso_date_valid(d)) {
        reply_error(r, 400, "Parametern 'date' ska vara ett datum ÅÅÅÅ-MM-DD.");
        return false;
    }
    *out = d;
    return true;
}

/* The group as GET /api/v1/groups/{id} shows it; `key` (may be NULL) adds
 * `extra` to it ("changed", "tasks_created"), which is taken over either way. */
static void reply_detail(Request *r, int status, long long id, const char *date, const char *key, json_t *extra)
{
    GroupDetail d;
    Err e = ERR_INIT;
    if (group_detail(r->db, id, date, &d, &e)) {
        json_decref(extra);
        reply_err(r, &e);
        return;
    }
    json_t *j = group_detail_to_json(&d);
    group_detail_free(&d);
    if (key) json_object_set_new(j, key, extra);
    reply_json(r, status, j);
}

/* --- reading -------------------------------------------------------------------------------------- */

static void reply_checks(Request *r, bool only_with_problems)
{
    const char *date;
    if (!date_or_reply(r, &date)) return;
    char day[11];
    if (date) snprintf(day, sizeof day, "%s", date);
    else iso_today(day);
    GroupCheck *c;
    size_t n;
    Err e = ERR_INIT;
    if (group_check_all(r->db, day, &c, &n, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *j = group_checks_to_json(c, n, day, only_with_problems);
    group_check_all_free(c, n);
    reply_json(r, 200, j);
}

void api_groups_list(Request *r)
{
    reply_checks(r, false);
}

void api_groups_problems(Request *r)
{
    reply_checks(r, true);
}

void api_groups_overlaps(Request *r)
{
    double threshold = OVERLAP_THRESHOLD;
    const char *t = query_param(r, "threshold");
    if (t && *t) {
        char *end = NULL;
        threshold = strtod(t, &end);
        if (!end || *end || !isfinite(threshold) || threshold <= 0 || threshold > 1) {
            reply_error(r, 400, "Parametern 'threshold' ska vara ett tal större än 0 och högst 1, t.ex. 0.35.");
            return;
        }
    }
    GroupOverlap *o;
    size_t n;
    Err e = ERR_INIT;
    if (group_overlaps(r->db, threshold, &o, &n, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *j = group_overlaps_to_json(o, n, threshold);
    group_overlaps_free(o, n);
    reply_json(r, 200, j);
}

void api_group_get(Request *r)
{
    long long id;
    const char *date;
    if (arg_id_or_reply(r, 0, &id) && date_or_reply(r, &date)) reply_detail(r, 200, id, date, NULL, NULL);
}

static void reply_commission(Request *r, int status, long long id)
{
    Group g;
    Commission *c;
    size_t n;
    Err e = ERR_INIT;
    if (group_get(r->db, id, &g, &e) || commission_versions(r->db, id, &c, &n, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *j = commission_versions_to_json(c, n);
    json_object_set_new(j, "group", json_pack("{s:I, s:s}", "id", (json_int_t)g.id, "name", g.name));
    group_free(&g);
    commission_list_free(c, n);
    reply_json(r, status, j);
}

void api_group_commission(Request *r)
{
    long long id;
    if (arg_id_or_reply(r, 0, &id)) reply_commission(r, 200, id);
}

/* --- writing --------------------------------------------------------------------------------------- */

void api_group_create(Request *r)
{
    json_t *j = json_body_or_reply(r);
    GroupNew in = {.seeks_patient_rep = -1, .has_municipal_parts = -1, .multiprofessional = -1};
    bool ok = j && json_str_or_reply(r, j, "type", REQUIRED, &in.type) &&
              json_str_or_reply(r, j, "name", REQUIRED, &in.name) &&
              json_str_or_reply(r, j, "short_name", OPTIONAL, &in.short_name) &&
              json_str_or_reply(r, j, "description", OPTIONAL, &in.description) &&
              json_ref_or_reply(r, j, "parent", &in.parent) && json_ref_or_reply(r, j, "reports_to", &in.reports_to) &&
              json_ref_or_reply(r, j, "unit", &in.unit) && json_bool_or_reply(r, j, "body", &in.body) &&
              flag_or_reply(r, j, "seeks_patient_rep", &in.seeks_patient_rep) &&
              flag_or_reply(r, j, "has_municipal_parts", &in.has_municipal_parts) &&
              flag_or_reply(r, j, "multiprofessional", &in.multiprofessional) &&
              json_str_or_reply(r, j, "rmks_approved_on", OPTIONAL, &in.rmks_approved_on);
    json_decref(j);
    if (!ok) return;
    long long id;
    Err e = ERR_INIT;
    if (group_add(r->db, &r->user, &in, &id, &e)) {
        reply_err(r, &e);
        return;
    }
    r->location = url(r, "/api/v1/groups/%lld", id);
    reply_detail(r, 201, id, NULL, NULL, NULL);
}

/* A partial change: an absent (or null) field stays as it is; "" clears
 * parent, reports_to and unit. "body": true makes the group a body. */
void api_group_update(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = json_body_or_reply(r);
    GroupEdit in = {.body = -1, .seeks_patient_rep = -1, .has_municipal_parts = -1, .multiprofessional = -1};
    bool ok = j && json_str_or_reply(r, j, "type", OPTIONAL, &in.type) &&
              json_str_or_reply(r, j, "name", OPTIONAL, &in.name) &&
              json_str_or_reply(r, j, "short_name", OPTIONAL, &in.short_name) &&
              json_str_or_reply(r, j, "description", OPTIONAL, &in.description) &&
              json_ref_or_reply(r, j, "parent", &in.parent) && json_ref_or_reply(r, j, "reports_to", &in.reports_to) &&
              json_ref_or_reply(r, j, "unit", &in.unit) && flag_or_reply(r, j, "body", &in.body) &&
              flag_or_reply(r, j, "seeks_patient_rep", &in.seeks_patient_rep) &&
              flag_or_reply(r, j, "has_municipal_parts", &in.has_municipal_parts) &&
              flag_or_reply(r, j, "multiprofessional", &in.multiprofessional) &&
              json_str_or_reply(r, j, "note", OPTIONAL, &in.note);
    json_decref(j);
    if (!ok) return;
    bool changed = false;
    Err e = ERR_INIT;
    if (group_update(r->db, &r->user, id, &in, &changed, &e)) reply_err(r, &e);
    else reply_detail(r, 200, id, NULL, "changed", json_boolean(changed));
}

void api_group_member_add(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = json_body_or_reply(r);
    MemberNew in = {0};
    bool ok = j && json_ref_or_reply(r, j, "person", &in.person) && json_str_or_reply(r, j, "role", REQUIRED, &in.role) &&
              json_ref_or_reply(r, j, "municipality", &in.municipality) &&
              json_str_or_reply(r, j, "from", OPTIONAL, &in.from) && json_str_or_reply(r, j, "to", OPTIONAL, &in.to);
    json_decref(j);
    if (!ok) return;
    if (!in.person) {
        reply_error(r, 400, "Fältet 'person' måste anges (id eller namn).");
        return;
    }
    Err e = ERR_INIT;
    if (group_member_add(r->db, &r->user, id, &in, NULL, &e)) reply_err(r, &e);
    else reply_detail(r, 201, id, NULL, NULL, NULL);
}

void api_group_member_end(Request *r)
{
    long long id, member;
    if (!arg_id_or_reply(r, 0, &id) || !arg_id_or_reply(r, 1, &member)) return;
    json_t *j = r->body_len ? json_body_or_reply(r) : json_object();
    const char *on = NULL, *note = NULL;
    bool ok = j && json_str_or_reply(r, j, "on", OPTIONAL, &on) && json_str_or_reply(r, j, "note", OPTIONAL, &note);
    json_decref(j);
    if (!ok) return;
    int tasks = 0;
    Err e = ERR_INIT;
    if (group_member_end(r->db, &r->user, id, member, on, note, &tasks, &e)) reply_err(r, &e);
    else reply_detail(r, 200, id, NULL, "tasks_created", json_integer(tasks));
}

void api_group_member_change(Request *r)
{
    long long id, member;
    if (!arg_id_or_reply(r, 0, &id) || !arg_id_or_reply(r, 1, &member)) return;
    json_t *j = json_body_or_reply(r);
    MemberChange in = {0};
    bool ok = j && json_str_or_reply(r, j, "role", OPTIONAL, &in.role) &&
              json_str_or_reply(r, j, "to", OPTIONAL, &in.to) &&
              json_ref_or_reply(r, j, "municipality", &in.municipality) &&
              json_str_or_reply(r, j, "note", OPTIONAL, &in.note);
    json_decref(j);
    if (!ok) return;
    bool changed = false;
    Err e = ERR_INIT;
    if (group_member_change(r->db, &r->user, id, member, &in, &changed, &e)) reply_err(r, &e);
    else reply_detail(r, 200, id, NULL, NULL, NULL);
}

/* A commission field, at the top level or inside its section
 * ("arbetsorganisation", "beslutsordning") as the answers nest it. */
static bool field_or_reply(Request *r, const json_t *obj, CommissionField f, const char **out)
{
    const char *section = commission_field_section(f);
    const json_t *in = obj;
    const json_t *nested = section ? json_object_get(obj, section) : NULL;
    if (nested && !json_is_null(nested)) {
        if (!json_is_object(nested)) {
            reply_error(r, 400, arena_printf(&r->arena, "Fältet '%s' ska vara ett objekt.", section));
            return false;
        }
        if (json_object_get(nested, commission_field_key(f))) in = nested;
    }
    return json_str_or_reply(r, in, commission_field_key(f), OPTIONAL, out);
}

void api_group_commission_add(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = json_body_or_reply(r);
    CommissionNew in = {{0}, NULL};
    bool ok = j != NULL;
    for (int i = 0; ok && i < COMM_N; i++) ok = field_or_reply(r, j, (CommissionField)i, &in.f[i]);
    ok = ok && json_str_or_reply(r, j, "note", OPTIONAL, &in.note);
    json_decref(j);
    if (!ok) return;
    Err e = ERR_INIT;
    if (commission_add(r->db, &r->user, id, &in, NULL, &e)) {
        reply_err(r, &e);
        return;
    }
    r->location = url(r, "/api/v1/groups/%lld/commission", id);
    reply_commission(r, 201, id);
}

void api_group_rmks_approval(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = json_body_or_reply(r);
    const char *date = NULL;
    bool ok = j && json_str_or_reply(r, j, "date", REQUIRED, &date);
    json_decref(j);
    if (!ok) return;
    Err e = ERR_INIT;
    if (group_set_rmks_approval(r->db, &r->user, id, date, &e)) reply_err(r, &e);
    else reply_detail(r, 200, id, NULL, NULL, NULL);
}

/* --- mandates and tasks ------------------------------------------------------------------------------ */

static json_t *mandates_json(Request *r, long long only_id, Err *e)
{
    Mandate *m;
    size_t n;
    if (mandate_list(r->db, &m, &n, e)) return NULL;
    json_t *items = json_array();
    json_t *one = NULL;
    for (size_t i = 0; i < n; i++) {
        if (only_id && m[i].id == only_id) one = mandate_to_json(&m[i]);
        json_array_append_new(items, mandate_to_json(&m[i]));
    }
    mandate_list_free(m, n);
    if (only_id) {
        json_decref(items);
        return one ? one : json_object();
    }
    return json_pack("{s:o}", "items", items);
}

void api_mandates_list(Request *r)
{
    Err e = ERR_INIT;
    json_t *j = mandates_json(r, 0, &e);
    if (j) reply_json(r, 200, j);
    else reply_err(r, &e);
}

void api_mandate_create(Request *r)
{
    json_t *j = json_body_or_reply(r);
    MandateNew in = {0};
    bool ok = j && json_ref_or_reply(r, j, "group", &in.group) && json_str_or_reply(r, j, "role", OPTIONAL, &in.role) &&
              json_ref_or_reply(r, j, "unit", &in.unit) && json_ref_or_reply(r, j, "person", &in.person) &&
              json_str_or_reply(r, j, "decides", REQUIRED, &in.decides) &&
              json_bool_or_reply(r, j, "within_mission", &in.within_mission) &&
              json_bool_or_reply(r, j, "within_budget", &in.within_budget) &&
              json_bool_or_reply(r, j, "whole_area", &in.whole_area) && json_bool_or_reply(r, j, "delegation", &in.delegation) &&
              json_ref_or_reply(r, j, "granted_by", &in.granted_by) &&
              json_str_or_reply(r, j, "granted_by_text", OPTIONAL, &in.granted_by_text) &&
              json_str_or_reply(r, j, "decision_ref", OPTIONAL, &in.decision_ref) &&
              json_str_or_reply(r, j, "from", OPTIONAL, &in.from) && json_str_or_reply(r, j, "to", OPTIONAL, &in.to);
    json_decref(j);
    if (!ok) return;
    long long id;
    Err e = ERR_INIT;
    json_t *out = NULL;
    if (mandate_add(r->db, &r->user, &in, &id, &e) || !(out = mandates_json(r, id, &e))) {
        reply_err(r, &e);
        return;
    }
    reply_json(r, 201, out);
}

void api_mandate_end(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = r->body_len ? json_body_or_reply(r) : json_object();
    const char *on = NULL, *note = NULL;
    bool ok = j && json_str_or_reply(r, j, "on", OPTIONAL, &on) && json_str_or_reply(r, j, "note", OPTIONAL, &note);
    json_decref(j);
    if (!ok) return;
    Err e = ERR_INIT;
    json_t *out = NULL;
    if (mandate_end(r->db, &r->user, id, on, note, &e) || !(out = mandates_json(r, id, &e))) {
        reply_err(r, &e);
        return;
    }
    reply_json(r, 200, out);
}

void api_tasks_list(Request *r)
{
    long person = 0;
    if (!query_int_or_reply(r, "person", 1, LONG_MAX, &person)) return;
    Task *t;
    size_t n;
    Err e = ERR_INIT;
    if (task_list_open(r->db, person, &t, &n, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *j = tasks_to_json(t, n);
    task_list_free(t, n);
    reply_json(r, 200, j);
}

void api_task_done(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    Err e = ERR_INIT;
    if (task_done(r->db, &r->user, id, &e)) {
        reply_err(r, &e);
        return;
    }
    api_tasks_list(r);
}
