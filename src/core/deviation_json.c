/*
 * deviation_json.c — deviations, complaints and import counts as JSON, one
 * shape for the API and the CLI's --json (described in core/deviation.h).
 */
#include "core/deviation.h"

/* "" → null, for dates that are not set. */
static json_t *text_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

json_t *deviation_to_json(const Deviation *d)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(d->id));
    json_object_set_new(j, "ref", json_string(d->ref));
    json_object_set_new(j, "kind", json_string(d->kind));
    json_object_set_new(j, "event_date", json_string(d->event_date));
    json_object_set_new(j, "reported_date", json_string(d->reported_date));
    json_object_set_new(j, "unit_id", json_integer(d->unit_id));
    json_object_set_new(j, "unit", json_string(d->unit_name));
    json_object_set_new(j, "category_id", json_integer(d->category_id));
    json_object_set_new(j, "category", json_string(d->category));
    json_object_set_new(j, "subcategory", json_string(d->subcategory));
    json_object_set_new(j, "severity", json_integer(d->severity));
    json_object_set_new(j, "severity_label", json_string(severity_label(d->severity)));
    json_object_set_new(j, "description", json_string(d->description));
    json_object_set_new(j, "immediate_action", json_string(d->immediate_action));
    json_object_set_new(j, "status", json_string(d->status));
    json_object_set_new(j, "feedback", json_string(d->feedback));
    json_object_set_new(j, "serious", json_boolean(d->serious));
    json_object_set_new(j, "analyses", json_integer(d->analyses));
    json_object_set_new(j, "lex_maria", json_boolean(d->lex_maria));
    json_object_set_new(j, "entered_via", json_string(d->entered_via));
    json_object_set_new(j, "import_id", d->import_id ? json_integer(d->import_id) : json_null());
    json_object_set_new(j, "created_at", json_string(d->created_at));
    json_object_set_new(j, "updated_at", json_string(d->updated_at));
    return j;
}

json_t *deviation_list_to_json(const DeviationList *l)
{
    json_t *items = json_array();
    for (size_t i = 0; i < l->n; i++) json_array_append_new(items, deviation_to_json(&l->items[i]));
    return json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)l->total);
}

static json_t *analysis_json(const EventAnalysis *a)
{
    json_t *actions = json_array();
    for (size_t i = 0; i < a->nactions; i++) {
        const AnalysisAction *x = &a->actions[i];
        json_array_append_new(actions, json_pack("{s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)x->id, "action",
                                                 x->action, "owner", x->owner, "due_date", x->due_date, "done_on",
                                                 text_or_null(x->done_on)));
    }
    return json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)a->id, "started_on",
                     a->started_on, "finished_on", text_or_null(a->finished_on), "event", a->event, "causes", a->causes,
                     "conclusion", a->conclusion, "created_by", a->created_by, "created_at", a->created_at, "actions",
                     actions);
}

json_t *deviation_detail_to_json(const DeviationDetail *d)
{
    json_t *j = deviation_to_json(&d->d);
    json_t *analyses = json_array();
    for (size_t i = 0; i < d->nanalyses; i++) json_array_append_new(analyses, analysis_json(&d->analyses[i]));
    json_object_set_new(j, "analyses", analyses);
    const LexMaria *l = d->lex_maria;
    json_object_set_new(j, "lex_maria",
                        l ? json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)l->id, "sent_on", l->sent_on,
                                      "ivo_ref", l->ivo_ref, "note", l->note, "created_by", l->created_by, "created_at",
                                      l->created_at)
                          : json_null());
    return j;
}

json_t *complaint_to_json(const Complaint *c)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(c->id));
    json_object_set_new(j, "ref", json_string(c->ref));
    json_object_set_new(j, "source", json_string(c->source));
    json_object_set_new(j, "unit_id", json_integer(c->unit_id));
    json_object_set_new(j, "unit", json_string(c->unit_name));
    json_object_set_new(j, "category_id", json_integer(c->category_id));
    json_object_set_new(j, "category", json_string(c->category));
    json_object_set_new(j, "subcategory", json_string(c->subcategory));
    json_object_set_new(j, "received_date", json_string(c->received_date));
    json_object_set_new(j, "event_date", text_or_null(c->event_date));
    json_object_set_new(j, "description", json_string(c->description));
    json_object_set_new(j, "status", json_string(c->status));
    json_object_set_new(j, "closed_date", text_or_null(c->closed_date));
    json_object_set_new(j, "answer", json_string(c->answer));
    json_object_set_new(j, "entered_via", json_string(c->entered_via));
    json_object_set_new(j, "import_id", c->import_id ? json_integer(c->import_id) : json_null());
    json_object_set_new(j, "created_at", json_string(c->created_at));
    json_object_set_new(j, "updated_at", json_string(c->updated_at));
    return j;
}

json_t *complaint_list_to_json(const ComplaintList *l)
{
    json_t *items = json_array();
    for (size_t i = 0; i < l->n; i++) json_array_append_new(items, complaint_to_json(&l->items[i]));
    return json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)l->total);
}

json_t *import_counts_to_json(const ImportCounts *c, ImportKind kind)
{
    return json_pack("{s:I, s:s, s:i, s:i, s:i}", "import_id", (json_int_t)c->import_id, "kind",
                     kind == IMPORT_COMPLAINTS ? "complaints" : "deviations", "read", c->read, "added", c->added,
                     "existing", c->existing);
}

json_t *record_history_to_json(const RecordHistory *h)
{
    json_t *a = json_array();
    for (size_t i = 0; i < h->n; i++) {
        const RecordEvent *ev = &h->items[i];
        json_t *j = json_object();
        json_object_set_new(j, "at", json_string(ev->at));
        json_object_set_new(j, "user", text_or_null(ev->user_name));
        json_object_set_new(j, "what", json_string(ev->what));
        json_object_set_new(j, "detail", json_string(ev->detail));
        json_array_append_new(a, j);
    }
    return a;
}
