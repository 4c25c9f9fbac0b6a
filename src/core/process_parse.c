/*
 * process_parse.c — one process definition, from YAML text to a ProcessDef.
 *
 * The format is described at the top of processes/A.yaml. This file reads
 * each value and checks what can be checked on its own (known fields, ids,
 * kinds, origins 1–6, true/false); rules that relate steps to each other are
 * in process_check.c. It reads no files and knows nothing of other
 * definitions: process_set.c does that.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "core/process.h"
#include "core/process_check.h"
#include "core/process_yaml.h"

enum { P_KEY, P_NAME, P_DESCRIPTION, P_DEFAULT, P_ORIGINS, P_STEPS, P_N };
static const char *const process_fields[P_N] = {"key", "name", "description", "default", "origins", "steps"};

enum { S_KEY, S_NAME, S_KIND, S_RESPONSIBLE, S_DESCRIPTION, S_CHECKLIST, S_CONSULT, S_DECIDERS, S_TRANSITIONS, S_N };
static const char *const step_fields[S_N] = {"key",       "name",    "kind",     "responsible", "description",
                                             "checklist", "consult", "deciders", "transitions"};

enum { I_KEY, I_TEXT, I_HELP, I_REQUIRED, I_N };
static const char *const item_fields[I_N] = {"key", "text", "help", "required"};

enum { T_TO, T_LABEL, T_WHEN, T_BACK, T_NOTE, T_CONSULTATION, T_DECISION, T_N };
static const char *const transition_fields[T_N] = {"to",         "label",      "when",
                                                   "back",       "needs_note", "needs_consultation",
                                                   "needs_decision"};

static const char *const kind_names[] = {"work", "anchoring", "decision", "final"};

static void name_fields(YamlField *f, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) f[i].name = names[i];
}

/* Step and item ids: a-z, 0-9 and _, as they end up in URLs and the database. */
static bool valid_key(const char *s)
{
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");
    return n > 0 && n <= 40 && !s[n];
}

static bool valid_process_key(const char *s)
{
    size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
    return n > 0 && n <= 16 && !s[n];
}

static ErrCode read_key(const Yaml *y, const YamlField *f, const char *where, int owner_line, char **out)
{
    ErrCode rc = yaml_required_text(y, f, where, owner_line, out);
    if (rc || valid_key(*out)) return rc;
    return yaml_fail(y, f->line, "ogiltigt id '%s' %s: använd små bokstäver a–z, siffror och _ (inte å, ä, ö)", *out,
                     where);
}

/* --- checklist items --------------------------------------------------------------- */

static ErrCode read_item(const Yaml *y, yaml_node_t *node, const Step *s, size_t idx)
{
    char where[160];
    const char *key = yaml_peek(y, node, "key");
    if (key) snprintf(where, sizeof where, "i punkten '%s' i steg '%s'", key, s->key);
    else snprintf(where, sizeof where, "i punkt nr %zu i checklistan för steg '%s'", idx + 1, s->key);
    YamlField f[I_N];
    name_fields(f, item_fields, I_N);
    ChecklistItem *it = &s->items[idx];
    ErrCode rc;
    if ((rc = yaml_fields(y, node, "En punkt i checklistan", where, f, I_N)) ||
        (rc = read_key(y, &f[I_KEY], where, yaml_line(node), &it->key)) ||
        (rc = yaml_required_text(y, &f[I_TEXT], where, yaml_line(node), &it->text)) ||
        (rc = yaml_text(y, &f[I_HELP], where, &it->help)) || (rc = yaml_bool(y, &f[I_REQUIRED], where, &it->required)))
        return rc;
    for (size_t k = 0; k < idx; k++)
        if (!strcmp(s->items[k].key, it->key))
            return yaml_fail(y, f[I_KEY].line, "punkten '%s' finns två gånger i checklistan för steg '%s'", it->key,
                             s->key);
    return ERR_OK;
}

static ErrCode read_items(const Yaml *y, const YamlField *f, const char *where, Step *s)
{
    yaml_node_item_t *nodes;
    size_t n;
    ErrCode rc = yaml_list(y, f, where, &nodes, &n);
    if (rc || !n) return rc;
    s->items = xcalloc(n, sizeof *s->items);
    s->nitems = n;
    for (size_t i = 0; i < n; i++)
        if ((rc = read_item(y, yaml_document_get_node(y->doc, nodes[i]), s, i))) return rc;
    return ERR_OK;
}

/* --- transitions ------------------------------------------------------------------ */

static ErrCode read_transition(const Yaml *y, yaml_node_t *node, const Step *s, size_t idx)
{
    char where[160];
    const char *to = yaml_peek(y, node, "to");
    if (to) snprintf(where, sizeof where, "i övergången till '%s' i steg '%s'", to, s->key);
    else snprintf(where, sizeof where, "i övergång nr %zu i steg '%s'", idx + 1, s->key);
    YamlField f[T_N];
    name_fields(f, transition_fields, T_N);
    Transition *t = &s->transitions[idx];
    t->line = yaml_line(node);
    ErrCode rc;
    if ((rc = yaml_fields(y, node, "En övergång", where, f, T_N))) return rc;
    if (f[T_TO].value) t->line = f[T_TO].line;
    if ((rc = yaml_required_text(y, &f[T_TO], where, yaml_line(node), &t->to)) ||
        (rc = yaml_required_text(y, &f[T_LABEL], where, yaml_line(node), &t->label)) ||
        (rc = yaml_text(y, &f[T_WHEN], where, &t->when)) || (rc = yaml_bool(y, &f[T_BACK], where, &t->back)) ||
        (rc = yaml_bool(y, &f[T_NOTE], where, &t->needs_note)) ||
        (rc = yaml_bool(y, &f[T_CONSULTATION], where, &t->needs_consultation)) ||
        (rc = yaml_bool(y, &f[T_DECISION], where, &t->needs_decision)))
        return rc;
    return ERR_OK;
}

static ErrCode read_transitions(const Yaml *y, const YamlField *f, const char *where, Step *s)
{
    yaml_node_item_t *nodes;
    size_t n;
    ErrCode rc = yaml_list(y, f, where, &nodes, &n);
    if (rc || !n) return rc;
    s->transitions = xcalloc(n, sizeof *s->transitions);
    s->ntransitions = n;
    for (size_t i = 0; i < n; i++)
        if ((rc = read_transition(y, yaml_document_get_node(y->doc, nodes[i]), s, i))) return rc;
    return ERR_OK;
}

/* --- steps -------------------------------------------------------------------------- */

static ErrCode read_kind(const Yaml *y, const YamlField *f, const char *where, StepKind *out)
{
    char *kind = NULL;
    ErrCode rc = yaml_text(y, f, where, &kind);
    if (rc || !kind) return rc;
    for (size_t i = 0; i < sizeof kind_names / sizeof *kind_names; i++) {
        if (!strcmp(kind, kind_names[i])) {
            *out = (StepKind)i;
            free(kind);
            return ERR_OK;
        }
    }
    rc = yaml_fail(y, f->line, "okänd typ '%s' %s (work, anchoring, decision eller final)", kind, where);
    free(kind);
    return rc;
}

static ErrCode read_step(const Yaml *y, yaml_node_t *node, Step *s, size_t idx)
{
    char where[120];
    const char *key = yaml_peek(y, node, "key");
    if (key) snprintf(where, sizeof where, "i steg '%s'", key);
    else snprintf(where, sizeof where, "i steg nr %zu", idx + 1);
    YamlField f[S_N];
    name_fields(f, step_fields, S_N);
    s->line = yaml_line(node);
    ErrCode rc;
    if ((rc = yaml_fields(y, node, "Ett steg", where, f, S_N)) ||
        (rc = read_key(y, &f[S_KEY], where, s->line, &s->key)) ||
        (rc = yaml_required_text(y, &f[S_NAME], where, s->line, &s->name)) ||
        (rc = read_kind(y, &f[S_KIND], where, &s->kind)) ||
        (rc = yaml_text(y, &f[S_RESPONSIBLE], where, &s->responsible)) ||
        (rc = yaml_text(y, &f[S_DESCRIPTION], where, &s->description)) ||
        (rc = read_items(y, &f[S_CHECKLIST], where, s)) ||
        (rc = yaml_text_list(y, &f[S_CONSULT], where, &s->consult, &s->nconsult)) ||
        (rc = yaml_text_list(y, &f[S_DECIDERS], where, &s->deciders, &s->ndeciders)) ||
        (rc = read_transitions(y, &f[S_TRANSITIONS], where, s)))
        return rc;
    return ERR_OK;
}

static ErrCode read_steps(const Yaml *y, const YamlField *f, int owner_line, ProcessDef *def)
{
    yaml_node_item_t *nodes;
    size_t n;
    ErrCode rc = yaml_list(y, f, "i processen", &nodes, &n);
    if (rc) return rc;
    if (!n)
        return yaml_fail(y, f->value ? f->line : owner_line, "processen måste ha minst ett steg under 'steps'");
    def->steps = xcalloc(n, sizeof *def->steps);
    def->nsteps = n;
    for (size_t i = 0; i < n; i++)
        if ((rc = read_step(y, yaml_document_get_node(y->doc, nodes[i]), &def->steps[i], i))) return rc;
    return ERR_OK;
}

/* --- the process -------------------------------------------------------------------- */

static ErrCode read_origin(const Yaml *y, yaml_node_t *n, ProcessDef *def)
{
    const char *s = n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
    long v;
    if (!s || !parse_long(s, &v))
        return yaml_fail(y, yaml_line(n), "ett ursprung ska vara ett heltal 1–6, inte '%s'", s ? s : "en lista");
    if (v < 1 || v > 6) return yaml_fail(y, yaml_line(n), "ursprung %ld finns inte (1–6)", v);
    for (size_t i = 0; i < def->norigins; i++)
        if (def->origins[i] == v) return yaml_fail(y, yaml_line(n), "ursprung %ld står två gånger i 'origins'", v);
    def->origins[def->norigins++] = (int)v;
    return ERR_OK;
}

static ErrCode read_origins(const Yaml *y, const YamlField *f, int owner_line, ProcessDef *def)
{
    yaml_node_item_t *nodes;
    size_t n;
    ErrCode rc = yaml_list(y, f, "i processen", &nodes, &n);
    if (rc) return rc;
    def->origins_line = f->value ? f->line : owner_line;
    if (!f->value) return yaml_fail(y, owner_line, "fältet 'origins' saknas: vilka ursprung (1–6) leds hit?");
    if (!n) return yaml_fail(y, f->line, "'origins' måste ange minst ett ursprung (1–6)");
    for (size_t i = 0; i < n; i++)
        if ((rc = read_origin(y, yaml_document_get_node(y->doc, nodes[i]), def))) return rc;
    return ERR_OK;
}

static ErrCode read_process(const Yaml *y, yaml_node_t *root, ProcessDef *def)
{
    YamlField f[P_N];
    name_fields(f, process_fields, P_N);
    int line = yaml_line(root);
    ErrCode rc;
    if ((rc = yaml_fields(y, root, "Processen", "i processen", f, P_N)) ||
        (rc = yaml_required_text(y, &f[P_KEY], "i processen", line, &def->key)))
        return rc;
    if (!valid_process_key(def->key))
        return yaml_fail(y, f[P_KEY].line,
                         "ogiltigt id för processen '%s': använd bokstäver a–z, siffror, _ eller - (högst 16 tecken)",
                         def->key);
    if ((rc = yaml_required_text(y, &f[P_NAME], "i processen", line, &def->name)) ||
        (rc = yaml_text(y, &f[P_DESCRIPTION], "i processen", &def->description)) ||
        (rc = yaml_bool(y, &f[P_DEFAULT], "i processen", &def->is_default)) ||
        (rc = read_origins(y, &f[P_ORIGINS], line, def)))
        return rc;
    if (!f[P_STEPS].value) return yaml_fail(y, line, "fältet 'steps' saknas i processen");
    return read_steps(y, &f[P_STEPS], line, def);
}

ErrCode process_parse(const char *yaml, size_t len, const char *filename, ProcessDef **out, Err *e)
{
    *out = NULL;
    yaml_document_t doc;
    ErrCode rc = yaml_load(&doc, yaml, len, filename, e);
    if (rc) return rc;
    Yaml y = {&doc, filename, e, yaml_last_line(yaml, len)};
    ProcessDef *def = xcalloc(1, sizeof *def);
    def->source = xstrdup(filename);
    rc = read_process(&y, yaml_document_get_root_node(&doc), def);
    yaml_document_delete(&doc);
    if (!rc) rc = process_check(def, e);
    if (rc) {
        process_free(def);
        return rc;
    }
    *out = def;
    return ERR_OK;
}

/* --- freeing -------------------------------------------------------------------------- */

static void free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++) free(list[i]);
    free(list);
}

static void free_step(Step *s)
{
    free(s->key);
    free(s->name);
    free(s->description);
    free(s->responsible);
    for (size_t i = 0; i < s->nitems; i++) {
        free(s->items[i].key);
        free(s->items[i].text);
        free(s->items[i].help);
    }
    free(s->items);
    free_list(s->consult, s->nconsult);
    free_list(s->deciders, s->ndeciders);
    for (size_t i = 0; i < s->ntransitions; i++) {
        free(s->transitions[i].to);
        free(s->transitions[i].label);
        free(s->transitions[i].when);
    }
    free(s->transitions);
}

void process_free(ProcessDef *def)
{
    if (!def) return;
    for (size_t i = 0; i < def->nsteps; i++) free_step(&def->steps[i]);
    free(def->steps);
    free(def->key);
    free(def->name);
    free(def->description);
    free(def->source);
    free(def);
}
