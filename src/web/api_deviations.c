/*
 * api_deviations.c — the JSON API for deviations and complaints:
 *   GET  /api/v1/deviations                 list (unit, category, kind, status, serious, from, to, q, limit, offset, page)
 *   POST /api/v1/deviations                 register {ref, event_date, unit, category, severity, description, …}
 *   GET  /api/v1/deviations/{id}            one, with händelseanalyser and Lex Maria report
 *   POST /api/v1/deviations/{id}/status     {status, feedback}
 *   POST /api/v1/deviations/{id}/serious    {serious}
 *   POST /api/v1/deviations/{id}/analyses   {started_on, finished_on, event, causes, conclusion, actions: [{action, owner, due_date}]}
 *   POST /api/v1/deviations/{id}/lex-maria  {sent_on, ivo_ref, note}
 *   POST /api/v1/deviations/import          a CSV export as the body (?kind=complaints, ?mapping=TEXT, ?file=NAME)
 *   GET  /api/v1/complaints, POST /api/v1/complaints, GET /api/v1/complaints/{id},
 *   POST /api/v1/complaints/{id}/status     {status, closed_date, answer}
 * Each handler reads its typed fields (a 400 names a bad one), asks core as
 * the person behind the token, and answers with core's JSON shape
 * (core/deviation.h). No SQL and no rules of the domain here.
 */
#include "web/handlers.h"
#include "web/api_json.h"
#include "core/deviation.h"

#include <limits.h>
#include <string.h>

enum { LIMIT_DEFAULT = 25, LIMIT_MAX = 200, OFFSET_MAX = 1000000000, ACTIONS_MAX = 100 };

/* limit, offset and page (page wins over offset). */
static bool paging_or_reply(Request *r, long *limit, long *offset)
{
    long page = 0;
    *limit = LIMIT_DEFAULT;
    *offset = 0;
    if (!query_int_or_reply(r, "limit", 1, LIMIT_MAX, limit) || !query_int_or_reply(r, "offset", 0, OFFSET_MAX, offset) ||
        !query_int_or_reply(r, "page", 1, OFFSET_MAX / LIMIT_MAX, &page))
        return false;
    if (page) *offset = (page - 1) * *limit;
    return true;
}

static void add_paging(json_t *j, long limit, long offset)
{
    json_object_set_new(j, "limit", json_integer(limit));
    json_object_set_new(j, "offset", json_integer(offset));
}

/* A field of a new deviation or complaint as core's text: a string, a whole
 * number (severity, unit id) or a boolean (serious); null is absent. */
static bool field_text_or_reply(Request *r, const json_t *obj, const char *key, const char **out)
{
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v)) return true;
    if (json_is_string(v)) *out = arena_strdup(&r->arena, json_string_value(v));
    else if (json_is_integer(v)) *out = arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
    else if (json_is_boolean(v)) *out = json_is_true(v) ? "ja" : "nej";
    else {
        reply_error(r, 400, arena_printf(&r->arena, "Fältet '%s' måste vara en text.", key));
        return false;
    }
    return true;
}

/* Reads every field of the table into v[] and names them "Fältet 'key'" in
 * core's messages. */
static bool fields_or_reply(Request *r, const json_t *j, const FieldDef *fields, int n, const char **v,
                            const char **labels)
{
    for (int f = 0; f < n; f++) {
        if (!field_text_or_reply(r, j, fields[f].key, &v[f])) return false;
        labels[f] = arena_printf(&r->arena, "Fältet '%s'", fields[f].key);
    }
    return true;
}

/* --- history ----------------------------------------------------------------------------------- */

/* Replies `j` (the record) with its "history" added, newest first. */
static void reply_with_history(Request *r, int status, json_t *j, RecordKind kind, long long id)
{
    RecordHistory h;
    Err e = ERR_INIT;
    if (record_history(r->db, kind, id, &h, &e)) {
        json_decref(j);
        reply_err(r, &e);
        return;
    }
    json_object_set_new(j, "history", record_history_to_json(&h));
    record_history_free(&h);
    reply_json(r, status, j);
}

/* --- deviations ------------------------------------------------------------------------------- */

static void reply_deviation(Request *r, int status, long long id)
{
    DeviationDetail d;
    Err e = ERR_INIT;
    if (deviation_detail(r->db, id, &d, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *j = deviation_detail_to_json(&d);
    deviation_detail_free(&d);
    reply_with_history(r, status, j, RECORD_DEVIATION, id);
}

static bool serious_filter_or_reply(Request *r, int *out)
{
    const char *s = query_param(r, "serious");
    *out = 0;
    if (!s || !*s) return true;
    int yes = yes_no_parse(s);
    if (yes < 0) {
        reply_error(r, 400, "Parametern 'serious' måste vara true eller false.");
        return false;
    }
    *out = yes ? 1 : -1;
    return true;
}

void api_deviation_list(Request *r)
{
    long limit, offset;
    DeviationFilter f = {0};
    if (!paging_or_reply(r, &limit, &offset) || !serious_filter_or_reply(r, &f.serious)) return;
    f.unit = query_param(r, "unit");
    f.category = query_param(r, "category");
    f.kind = query_param(r, "kind");
    f.status = query_param(r, "status");
    f.from = query_param(r, "from");
    f.to = query_param(r, "to");
    f.q = query_param(r, "q");
    f.limit = (int)limit;
    f.offset = (int)offset;
    DeviationList l;
    Err e = ERR_INIT;
    if (deviation_list(r->db, &f, &l, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *j = deviation_list_to_json(&l);
    deviation_list_free(&l);
    add_paging(j, limit, offset);
    reply_json(r, 200, j);
}

void api_deviation_create(Request *r)
{
    json_t *j = json_body_or_reply(r);
    DeviationNew in = {0};
    bool ok = j && fields_or_reply(r, j, deviation_fields, DF_N, in.v, in.labels);
    json_decref(j);
    if (!ok) return;
    long long id;
    Err e = ERR_INIT;
    if (deviation_add(r->db, &r->user, &in, &id, &e)) {
        reply_err(r, &e);
        return;
    }
    r->location = url(r, "/api/v1/deviations/%lld", id);
    reply_deviation(r, 201, id);
}

void api_deviation_get(Request *r)
{
    long long id;
    if (arg_id_or_reply(r, 0, &id)) reply_deviation(r, 200, id);
}

void api_deviation_status(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = json_body_or_reply(r);
    const char *status = NULL, *feedback = NULL;
    bool ok = j && json_str_or_reply(r, j, "status", OPTIONAL, &status) &&
              json_str_or_reply(r, j, "feedback", OPTIONAL, &feedback);
    json_decref(j);
    if (!ok) return;
    if (!status && !feedback) {
        reply_error(r, 400, "Ange fältet 'status' eller 'feedback'.");
        return;
    }
    Err e = ERR_INIT;
    if (deviation_update(r->db, &r->user, id, status, feedback, &e)) reply_err(r, &e);
    else reply_deviation(r, 200, id);
}

void api_deviation_serious(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = json_body_or_reply(r);
    if (!j) return;
    const json_t *v = json_object_get(j, "serious");
    bool ok = v && json_is_boolean(v), serious = ok && json_is_true(v);
    json_decref(j);
    if (!ok) {
        reply_error(r, 400, "Fältet 'serious' måste vara true eller false.");
        return;
    }
    Err e = ERR_INIT;
    if (deviation_set_serious(r->db, &r->user, id, serious, &e)) reply_err(r, &e);
    else reply_deviation(r, 200, id);
}

static bool actions_or_reply(Request *r, const json_t *obj, EventAnalysisNew *in)
{
    const json_t *v = json_object_get(obj, "actions");
    if (!v || json_is_null(v)) return true;
    if (!json_is_array(v) || json_array_size(v) > ACTIONS_MAX) {
        reply_error(r, 400, arena_printf(&r->arena, "Fältet 'actions' måste vara en lista (högst %d) av "
                                                    "{action, owner, due_date}.", ACTIONS_MAX));
        return false;
    }
    AnalysisActionNew *list = arena_alloc(&r->arena, (json_array_size(v) + 1) * sizeof *list);
    size_t i;
    const json_t *it;
    json_array_foreach(v, i, it)
    {
        if (!json_is_object(it)) {
            reply_error(r, 400, arena_printf(&r->arena, "Fältet 'actions' post %zu måste vara ett objekt.", i + 1));
            return false;
        }
        if (!json_str_or_reply(r, it, "action", REQUIRED, &list[i].action) ||
            !json_str_or_reply(r, it, "owner", REQUIRED, &list[i].owner) ||
            !json_str_or_reply(r, it, "due_date", REQUIRED, &list[i].due_date))
            return false;
    }
    in->actions = list;
    in->nactions = json_array_size(v);
    return true;
}

void api_deviation_analysis(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = json_body_or_reply(r);
    EventAnalysisNew in = {0};
    bool ok = j && json_str_or_reply(r, j, "started_on", REQUIRED, &in.started_on) &&
              json_str_or_reply(r, j, "finished_on", OPTIONAL, &in.finished_on) &&
              json_str_or_reply(r, j, "event", REQUIRED, &in.event) &&
              json_str_or_reply(r, j, "causes", REQUIRED, &in.causes) &&
              json_str_or_reply(r, j, "conclusion", OPTIONAL, &in.conclusion) && actions_or_reply(r, j, &in);
    json_decref(j);
    if (!ok) return;
    Err e = ERR_INIT;
    if (deviation_add_analysis(r->db, &r->user, id, &in, NULL, &e)) reply_err(r, &e);
    else reply_deviation(r, 201, id);
}

void api_deviation_lex_maria(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = json_body_or_reply(r);
    LexMariaNew in = {0};
    bool ok = j && json_str_or_reply(r, j, "sent_on", REQUIRED, &in.sent_on) &&
              json_str_or_reply(r, j, "ivo_ref", OPTIONAL, &in.ivo_ref) &&
              json_str_or_reply(r, j, "note", OPTIONAL, &in.note);
    json_decref(j);
    if (!ok) return;
    Err e = ERR_INIT;
    if (deviation_add_lex_maria(r->db, &r->user, id, &in, &e)) reply_err(r, &e);
    else reply_deviation(r, 201, id);
}

void api_deviation_import(Request *r)
{
    const char *kind = query_param(r, "kind"), *mapping = query_param(r, "mapping");
    ImportOptions opt = {IMPORT_DEVIATIONS, NULL, query_param(r, "file"), NULL};
    ImportMapping *m = NULL;
    Err e = ERR_INIT;
    if (mapping && *mapping) {
        if (import_mapping_parse(mapping, strlen(mapping), &m, &e)) {
            reply_err(r, &e);
            return;
        }
        opt.mapping = m;
        opt.mapping_name = "(mappning i anropet)";
        import_mapping_kind(m, &opt.kind);
    }
    if (kind && *kind) {
        if (!strcmp(kind, "complaints") || !strcmp(kind, "klagomål")) opt.kind = IMPORT_COMPLAINTS;
        else if (!strcmp(kind, "deviations") || !strcmp(kind, "avvikelser")) opt.kind = IMPORT_DEVIATIONS;
        else {
            import_mapping_free(m);
            reply_error(r, 400, "Parametern 'kind' måste vara deviations eller complaints.");
            return;
        }
    }
    if (!opt.file_name || !*opt.file_name) opt.file_name = "(API)";
    ImportCounts c;
    ErrCode rc = deviation_import_csv(r->db, &r->user, r->body, r->body_len, &opt, &c, &e);
    import_mapping_free(m);
    if (rc) reply_err(r, &e);
    else reply_json(r, 201, import_counts_to_json(&c, opt.kind));
}

/* --- complaints -------------------------------------------------------------------------------- */

static void reply_complaint(Request *r, int status, long long id)
{
    Complaint c;
    Err e = ERR_INIT;
    if (complaint_get(r->db, id, &c, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *j = complaint_to_json(&c);
    complaint_free(&c);
    reply_with_history(r, status, j, RECORD_COMPLAINT, id);
}

void api_complaint_list(Request *r)
{
    long limit, offset;
    if (!paging_or_reply(r, &limit, &offset)) return;
    ComplaintFilter f = {query_param(r, "unit"), query_param(r, "category"), query_param(r, "source"),
                         query_param(r, "status"), query_param(r, "from"), query_param(r, "to"),
                         query_param(r, "q"), (int)limit, (int)offset};
    ComplaintList l;
    Err e = ERR_INIT;
    if (complaint_list(r->db, &f, &l, &e)) {
        reply_err(r, &e);
        return;
    }
    json_t *j = complaint_list_to_json(&l);
    complaint_list_free(&l);
    add_paging(j, limit, offset);
    reply_json(r, 200, j);
}

void api_complaint_create(Request *r)
{
    json_t *j = json_body_or_reply(r);
    ComplaintNew in = {0};
    bool ok = j && fields_or_reply(r, j, complaint_fields, CF_N, in.v, in.labels);
    json_decref(j);
    if (!ok) return;
    long long id;
    Err e = ERR_INIT;
    if (complaint_add(r->db, &r->user, &in, &id, &e)) {
        reply_err(r, &e);
        return;
    }
    r->location = url(r, "/api/v1/complaints/%lld", id);
    reply_complaint(r, 201, id);
}

void api_complaint_get(Request *r)
{
    long long id;
    if (arg_id_or_reply(r, 0, &id)) reply_complaint(r, 200, id);
}

void api_complaint_status(Request *r)
{
    long long id;
    if (!arg_id_or_reply(r, 0, &id)) return;
    json_t *j = json_body_or_reply(r);
    const char *status = NULL, *closed = NULL, *answer = NULL;
    bool ok = j && json_str_or_reply(r, j, "status", REQUIRED, &status) &&
              json_str_or_reply(r, j, "closed_date", OPTIONAL, &closed) &&
              json_str_or_reply(r, j, "answer", OPTIONAL, &answer);
    json_decref(j);
    if (!ok) return;
    Err e = ERR_INIT;
    if (complaint_update(r->db, &r->user, id, status, closed, answer, &e)) reply_err(r, &e);
    else reply_complaint(r, 200, id);
}
