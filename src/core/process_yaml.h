/*
 * process_yaml.h — reading a process definition's YAML document (libyaml's
 * document API) with errors a person can act on.
 *
 * Every error is "FILE:LINE: <Swedish sentence>", LINE counted from 1. The
 * helpers check shape (mapping, list, text, true/false), refuse unknown and
 * repeated fields, and copy values out; what the values mean is for
 * process_parse.c and process_check.c. Internal to the process module.
 */
#ifndef LOTS_CORE_PROCESS_YAML_H
#define LOTS_CORE_PROCESS_YAML_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "base/err.h"

typedef struct {
    yaml_document_t *doc;
    const char *filename;
    Err *e;
    int last_line; /* the file's last line (yaml_last_line); 0: unknown */
} Yaml;

/* One field of a mapping: the caller sets name, yaml_fields() the rest. */
typedef struct {
    const char *name;
    yaml_node_t *value; /* NULL when the field is absent */
    int line;           /* line of the field name */
} YamlField;

/* Parses exactly one YAML document. On failure (syntax error, not UTF-8, an
 * empty file, several documents) e says where and nothing is left to free. */
ErrCode yaml_load(yaml_document_t *doc, const char *text, size_t len, const char *filename, Err *e);

int yaml_line(const yaml_node_t *n);
/* The last line of the text (a final line break starts no new line). An
 * empty value at the very end of a file sits, for libyaml, on the line
 * after it; yaml_fail names this one instead. */
int yaml_last_line(const char *text, size_t len);
ErrCode yaml_fail(const Yaml *y, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Fills fields[0..n) from the mapping `map`. `what` names the thing for a
 * shape error ("ett steg"), `where` ends other messages ("i steg 'beredning'").
 * Unknown fields (with a "menade du …?" hint) and repeated ones are errors. */
ErrCode yaml_fields(const Yaml *y, yaml_node_t *map, const char *what, const char *where, YamlField *fields, size_t n);

/* The text of field `name` in `map` if it is a plain value, else NULL; for
 * naming a step or item in messages before its fields are read. */
const char *yaml_peek(const Yaml *y, yaml_node_t *map, const char *name);

/* Text of a field, trimmed; *out is NULL when absent, null or blank. */
ErrCode yaml_text(const Yaml *y, const YamlField *f, const char *where, char **out);
/* The same, but absence is an error ("fältet 'name' saknas i steg 'x'");
 * owner_line is where the error points when the field is missing. */
ErrCode yaml_required_text(const Yaml *y, const YamlField *f, const char *where, int owner_line, char **out);
/* true or false; absent leaves *out unchanged. */
ErrCode yaml_bool(const Yaml *y, const YamlField *f, const char *where, bool *out);
/* A list of texts, e.g. [KL HoS, PPR]; none blank, none repeated. */
ErrCode yaml_text_list(const Yaml *y, const YamlField *f, const char *where, char ***out, size_t *n);
/* The field must be a list (absent: *items NULL, *n 0). */
ErrCode yaml_list(const Yaml *y, const YamlField *f, const char *where, yaml_node_item_t **items, size_t *n);

#endif
