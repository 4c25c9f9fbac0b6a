/*
 * group_json.c — groups, members, commissions, mandates, power, problems,
 * overlaps and tasks as JSON: the one shape the API (/api/v1/groups…) and
 * `lots group … --json` share. Keys are English, values as stored (Swedish).
 */
#include "core/group.h"

#include <math.h>

static json_t *text_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *id_or_null(long long id)
{
    return id ? json_integer(id) : json_null();
}

json_t *group_to_json(const Group *g)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(g->id));
    json_object_set_new(j, "type", json_string(group_type_key(g->type)));
    json_object_set_new(j, "type_label", json_string(group_type_label(g->type)));
    json_object_set_new(j, "name", json_string(g->name));
    json_object_set_new(j, "short_name", text_or_null(g->short_name));
    json_object_set_new(j, "description", text_or_null(g->description));
    json_object_set_new(j, "parent_id", id_or_null(g->parent_id));
    json_object_set_new(j, "parent", text_or_null(g->parent_name));
    json_object_set_new(j, "reports_to_id", id_or_null(g->reports_to_id));
    json_object_set_new(j, "reports_to", text_or_null(g->reports_to_name));
    json_object_set_new(j, "unit_id", id_or_null(g->unit_id));
    json_object_set_new(j, "unit", text_or_null(g->unit_name));
    /* A group that is a body: the short name cases use in förankring and beslut. */
    json_object_set_new(j, "body", g->body_id ? json_string(g->short_name) : json_null());
    json_object_set_new(j, "seeks_patient_rep", json_boolean(g->seeks_patient_rep));
    json_object_set_new(j, "has_municipal_parts", json_boolean(g->has_municipal_parts));
    json_object_set_new(j, "multiprofessional", json_boolean(g->multiprofessional));
    json_object_set_new(j, "rmks_approved_on", text_or_null(g->rmks_approved_on));
    json_object_set_new(j, "member_count", json_integer(g->nmembers));
    return j;
}

json_t *group_problems_to_json(const GroupProblems *p)
{
    json_t *a = json_array();
    for (size_t i = 0; i < p->n; i++)
        json_array_append_new(a, json_pack("{s:s, s:s, s:o}", "code", p->items[i].code, "message",
                                           p->items[i].message, "member_id", id_or_null(p->items[i].member_id)));
    return a;
}

json_t *group_checks_to_json(const GroupCheck *c, size_t n, const char *today, bool only_with_problems)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        if (only_with_problems && !c[i].problems.n) continue;
        json_t *g = group_to_json(&c[i].group);
        json_object_set_new(g, "problem_count", json_integer((json_int_t)c[i].problems.n));
        if (only_with_problems) json_object_set_new(g, "problems", group_problems_to_json(&c[i].problems));
        json_array_append_new(items, g);
    }
    return json_pack("{s:s, s:o}", "today", today, "items", items);
}

json_t *group_members_to_json(const GroupMember *m, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *j = json_object();
        json_object_set_new(j, "id", json_integer(m[i].id));
        json_object_set_new(j, "group_id", json_integer(m[i].group_id));
        json_object_set_new(j, "group", json_string(m[i].group_name));
        json_object_set_new(j, "person_id", json_integer(m[i].person_id));
        json_object_set_new(j, "person", json_string(m[i].person_name));
        json_object_set_new(j, "title", text_or_null(m[i].person_title));
        json_object_set_new(j, "professions", text_or_null(m[i].professions));
        json_object_set_new(j, "role", json_string(group_role_key(m[i].role)));
        json_object_set_new(j, "municipality_id", id_or_null(m[i].municipality_id));
        json_object_set_new(j, "municipality", text_or_null(m[i].municipality_name));
        json_object_set_new(j, "from", text_or_null(m[i].from_date));
        json_object_set_new(j, "to", text_or_null(m[i].to_date));
        json_object_set_new(j, "ended_on", text_or_null(m[i].ended_on));
        json_object_set_new(j, "end_note", text_or_null(m[i].end_note));
        json_object_set_new(j, "current", json_boolean(m[i].current));
        json_object_set_new(j, "term_passed", json_boolean(m[i].term_passed));
        json_array_append_new(a, j);
    }
    return a;
}

json_t *commission_to_json(const Commission *c)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(c->id));
    json_object_set_new(j, "group_id", json_integer(c->group_id));
    json_object_set_new(j, "version", json_integer(c->version));
    for (int i = 0; i < COMM_N; i++) {
        const char *section = commission_field_section((CommissionField)i);
        json_t *into = j;
        if (section) {
            into = json_object_get(j, section);
            if (!into) {
                into = json_object();
                json_object_set_new(j, section, into);
            }
        }
        json_object_set_new(into, commission_field_key((CommissionField)i), json_string(c->f[i]));
    }
    json_object_set_new(j, "note", text_or_null(c->note));
    json_object_set_new(j, "created_by", text_or_null(c->created_by));
    json_object_set_new(j, "created_at", json_string(c->created_at));
    return j;
}

json_t *commission_versions_to_json(const Commission *c, size_t n)
{
    json_t *versions = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(versions, commission_to_json(&c[i]));
    return json_pack("{s:o, s:o}", "current", n ? commission_to_json(&c[0]) : json_null(), "versions", versions);
}

static const char *holder_key(MandateHolder h)
{
    switch (h) {
    case MH_GROUP_ROLE: return "group_role";
    case MH_GROUP: return "group";
    case MH_UNIT_MANAGER: return "unit_manager";
    case MH_PERSON: return "person";
    }
    return "";
}

json_t *mandate_to_json(const Mandate *m)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(m->id));
    json_object_set_new(j, "kind", json_string(m->delegation ? "delegation" : "mandat"));
    json_object_set_new(j, "holder_kind", json_string(holder_key(m->holder)));
    json_object_set_new(j, "holder", json_string(m->holder_text));
    json_object_set_new(j, "group_id", id_or_null(m->group_id));
    json_object_set_new(j, "role", m->holder == MH_GROUP_ROLE ? json_string(group_role_key(m->role)) : json_null());
    json_object_set_new(j, "unit_id", id_or_null(m->unit_id));
    json_object_set_new(j, "person_id", id_or_null(m->person_id));
    json_object_set_new(j, "decides", json_string(m->decides));
    json_object_set_new(j, "scope",
                        json_pack("{s:b, s:b, s:b}", "within_mission", m->within_mission, "within_budget",
                                  m->within_budget, "whole_area", m->whole_area));
    json_object_set_new(j, "granted_by_id", id_or_null(m->granted_by_id));
    json_object_set_new(j, "granted_by", text_or_null(m->granted_by));
    json_object_set_new(j, "decision_ref", text_or_null(m->decision_ref));
    json_object_set_new(j, "from", text_or_null(m->from_date));
    json_object_set_new(j, "to", text_or_null(m->to_date));
    json_object_set_new(j, "ended_at", text_or_null(m->ended_at));
    json_object_set_new(j, "ended_by", text_or_null(m->ended_by));
    json_object_set_new(j, "end_note", text_or_null(m->end_note));
    return j;
}

json_t *power_items_to_json(const PowerItem *p, size_t n)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:o, s:s, s:o, s:s, s:o}", "member_id", id_or_null(p[i].member_id),
                                               "person", p[i].person_name, "role",
                                               p[i].member_id ? json_string(group_role_key(p[i].role)) : json_null(),
                                               "via", p[i].via, "mandate", mandate_to_json(&p[i].mandate)));
    return items;
}

json_t *group_power_to_json(const GroupPower *p)
{
    json_t *items = power_items_to_json(p->items, p->n), *own = json_array();
    for (size_t i = 0; i < p->nown; i++) json_array_append_new(own, mandate_to_json(&p->own[i]));
    return json_pack("{s:s, s:o, s:o}", "note", p->note ? p->note : "", "items", items, "own", own);
}

static json_t *group_refs(const Group *g, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)g[i].id, "name", g[i].name, "type",
                                           group_type_key(g[i].type)));
    return a;
}

json_t *group_history_to_json(const GroupEvent *h, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s, s:o, s:s, s:s, s:o}", "at", h[i].at, "user", text_or_null(h[i].user),
                                           "kind", h[i].kind, "summary", h[i].summary, "note",
                                           text_or_null(h[i].note)));
    return a;
}

json_t *group_detail_to_json(const GroupDetail *d)
{
    json_t *j = group_to_json(&d->group);
    json_object_set_new(j, "today", json_string(d->today));
    json_object_set_new(j, "members", group_members_to_json(d->members, d->nmembers));
    json_object_set_new(j, "power", group_power_to_json(&d->power));
    json_object_set_new(j, "problems", group_problems_to_json(&d->problems));
    json_object_set_new(j, "commission", d->has_commission ? commission_to_json(&d->commission) : json_null());
    json_object_set_new(j, "reports_path", group_refs(d->path, d->npath));
    json_object_set_new(j, "subgroups", group_refs(d->subgroups, d->nsubgroups));
    json_t *mandates = json_array();
    for (size_t i = 0; i < d->nmandates; i++) {
        json_t *m = mandate_to_json(&d->mandates[i]);
        json_object_set_new(m, "in_force", json_boolean(mandate_in_force(&d->mandates[i], d->today)));
        json_array_append_new(mandates, m);
    }
    json_object_set_new(j, "mandates", mandates);
    json_object_set_new(j, "history", group_history_to_json(d->history, d->nhistory));
    return j;
}

json_t *group_overlaps_to_json(const GroupOverlap *o, size_t n, double threshold)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *terms = json_array();
        for (size_t t = 0; t < o[i].nterms; t++) json_array_append_new(terms, json_string(o[i].terms[t]));
        json_array_append_new(
            items, json_pack("{s:{s:I, s:s}, s:{s:I, s:s}, s:f, s:o}", "a", "id", (json_int_t)o[i].a_id, "name",
                             o[i].a_name, "b", "id", (json_int_t)o[i].b_id, "name", o[i].b_name, "score",
                             round(o[i].score * 1000) / 1000, "terms", terms));
    }
    return json_pack("{s:f, s:o}", "threshold", threshold, "items", items);
}

json_t *tasks_to_json(const Task *t, size_t n)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:I, s:o, s:o, s:o, s:o, s:s, s:s, s:s}", "id", (json_int_t)t[i].id,
                                               "person_id", id_or_null(t[i].person_id), "person",
                                               text_or_null(t[i].person_name), "group_id", id_or_null(t[i].group_id),
                                               "group", text_or_null(t[i].group_name), "text", t[i].text, "link",
                                               t[i].link, "created_at", t[i].created_at));
    return json_pack("{s:o}", "items", items);
}
