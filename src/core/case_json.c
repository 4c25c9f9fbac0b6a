/*
 * case_json.c — cases as JSON.
 */
#include "core/case_json.h"

json_t *case_to_json(const Case *c, const ProcessSet *ps)
{
    const ProcessDef *def = process_find(ps, c->process);
    const Step *step = def ? process_step(def, c->step) : NULL;
    return json_pack("{s:I, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s?, s:s, s:s, s:s}", "id", (json_int_t)c->id,
                     "ref", c->ref, "title", c->title, "description", c->description, "origin", c->origin,
                     "origin_label", origin_label(c->origin) ? origin_label(c->origin) : "", "process", c->process,
                     "step", c->step, "step_name", step ? step->name : c->step, "officer",
                     c->officer_name[0] ? c->officer_name : NULL, "created_by", c->created_by_name, "created_at",
                     c->created_at, "updated_at", c->updated_at);
}

json_t *case_list_to_json(const CaseList *l, const ProcessSet *ps)
{
    json_t *items = json_array();
    for (size_t i = 0; i < l->n; i++) json_array_append_new(items, case_to_json(&l->items[i], ps));
    return json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)l->total);
}

static json_t *checklist_json(const CaseDetail *d)
{
    json_t *a = json_array();
    for (size_t i = 0; i < d->nchecklist; i++) {
        const ChecklistEntry *ce = &d->checklist[i];
        json_array_append_new(a, json_pack("{s:s, s:s, s:b, s:s, s:s, s:s, s:s}", "item", ce->def->key, "text",
                                           ce->def->text, "required", ce->def->required, "state", ce->state, "note",
                                           ce->note, "updated_by", ce->updated_by, "updated_at", ce->updated_at));
    }
    return a;
}

static json_t *links_json(const CaseDetail *d)
{
    json_t *a = json_array();
    for (size_t i = 0; i < d->nlinks; i++) {
        const CaseLink *l = &d->links[i];
        json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s}", "plan_item", (json_int_t)l->plan_item_id,
                                           "code", l->code, "title", l->title, "plan", l->plan_name, "note", l->note));
    }
    return a;
}

static json_t *records_json(const CaseDetail *d)
{
    json_t *cons = json_array(), *decs = json_array();
    for (size_t i = 0; i < d->nconsultations; i++) {
        const Consultation *k = &d->consultations[i];
        json_array_append_new(cons, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)k->id, "step",
                                              k->step, "body", k->body, "answer", k->answer, "note", k->note, "date",
                                              k->consulted_on, "by", k->created_by));
    }
    for (size_t i = 0; i < d->ndecisions; i++) {
        const Decision *k = &d->decisions[i];
        json_array_append_new(decs, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)k->id, "step",
                                              k->step, "body", k->body, "date", k->decided_on, "paragraph",
                                              k->paragraph, "text", k->text, "by", k->created_by));
    }
    return json_pack("{s:o, s:o}", "consultations", cons, "decisions", decs);
}

static json_t *transitions_json(const CaseDetail *d)
{
    json_t *a = json_array();
    for (size_t i = 0; i < d->ntransitions; i++) {
        const OpenTransition *ot = &d->transitions[i];
        const Step *to = process_step(d->def, ot->t->to);
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s?, s:b, s:b, s:b, s:s?}", "to", ot->t->to, "to_name",
                                           to ? to->name : ot->t->to, "label", ot->t->label, "when", ot->t->when,
                                           "back", ot->t->back, "needs_note", ot->t->needs_note, "open", !ot->blocked,
                                           "blocked_by", ot->why));
    }
    return a;
}

static json_t *history_json(const CaseDetail *d)
{
    json_t *a = json_array();
    for (size_t i = 0; i < d->nevents; i++) {
        const CaseEvent *ev = &d->events[i];
        json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)ev->id, "at", ev->at,
                                           "by", ev->user_name, "kind", ev->kind, "what", ev->summary, "why", ev->note));
    }
    return a;
}

json_t *case_detail_to_json(const CaseDetail *d, const ProcessSet *ps)
{
    json_t *o = case_to_json(&d->c, ps);
    json_t *rec = records_json(d);
    json_object_set_new(o, "step_kind",
                        json_string(d->step->kind == STEP_ANCHORING  ? "anchoring"
                                    : d->step->kind == STEP_DECISION ? "decision"
                                    : d->step->kind == STEP_FINAL    ? "final"
                                                                     : "work"));
    json_object_set_new(o, "checklist", checklist_json(d));
    json_object_set_new(o, "links", links_json(d));
    json_object_update(o, rec);
    json_decref(rec);
    json_object_set_new(o, "transitions", transitions_json(d));
    json_object_set_new(o, "history", history_json(d));
    return o;
}
