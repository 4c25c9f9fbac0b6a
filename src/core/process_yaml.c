/*
 * process_yaml.c — libyaml documents read with Swedish "FILE:LINE:" errors.
 *
 * Loads one document, checks the shape of each value and copies it out.
 * Knows the names of no fields except what the caller passes in; never
 * decides what a process means (process_parse.c and process_check.c do).
 */
#include "core/process_yaml.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "core/suggest.h"

int yaml_line(const yaml_node_t *n)
{
    return n ? (int)n->start_mark.line + 1 : 1;
}

ErrCode yaml_fail(const Yaml *y, int line, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    if (vsnprintf(msg, sizeof msg, fmt, ap) >= (int)sizeof msg) utf8_drop_cut(msg);
    va_end(ap);
    if (y->last_line && line > y->last_line) line = y->last_line;
    return err_set(y->e, ERR_INVALID, "%s:%d: %s", y->filename, line, msg);
}

/* --- loading ----------------------------------------------------------------- */

/* libyaml's most common complaints, said in Swedish with a hint. */
static const char *syntax_problem(const char *problem)
{
    static const struct {
        const char *en, *sv;
    } known[] = {
        {"found character that cannot start any token",
         "ett tecken som inte får inleda ett värde (tabbtecken i indraget? använd mellanslag)"},
        {"found a tab character that violates indentation", "tabbtecken i indraget (använd mellanslag)"},
        {"did not find expected key", "hittade inte något fält där ett väntades (kontrollera indraget)"},
        {"mapping values are not allowed in this context",
         "kolon på oväntad plats (sätt texten inom citattecken om den innehåller ': ')"},
        {"could not find expected ':'", "fältnamnet saknar ':'"},
        {"did not find expected node content", "ett värde saknas"},
        {"did not find expected ',' or ']'", "listan saknar ',' eller ']'"},
        {"did not find expected ',' or '}'", "mappningen saknar ',' eller '}'"},
        {"found unexpected end of stream", "filen tar slut mitt i ett värde (saknas ett citattecken?)"},
        {"did not find expected '-' indicator", "en listrad saknar '-' (kontrollera indraget)"},
        {"block sequence entries are not allowed in this context", "en listrad ('-') på oväntad plats"},
    };
    for (size_t i = 0; problem && i < sizeof known / sizeof *known; i++)
        if (!strcmp(problem, known[i].en)) return known[i].sv;
    return NULL;
}

static int line_at_offset(const char *text, size_t len, size_t offset)
{
    int line = 1;
    for (size_t i = 0; i < offset && i < len; i++) line += text[i] == '\n';
    return line;
}

int yaml_last_line(const char *text, size_t len)
{
    return line_at_offset(text, len, len ? len - 1 : 0);
}

static ErrCode syntax_error(const yaml_parser_t *p, const char *text, size_t len, const char *filename, Err *e)
{
    if (p->error == YAML_READER_ERROR)
        return err_set(e, ERR_INVALID, "%s:%d: ogiltiga tecken – filen måste vara sparad som UTF-8", filename,
                       line_at_offset(text, len, p->problem_offset));
    if (p->error == YAML_MEMORY_ERROR) return err_set(e, ERR_INTERNAL, "%s: slut på minne", filename);
    const char *sv = syntax_problem(p->problem);
    /* At the end of a file without a final line break libyaml's mark stands
     * on a line past the last one; name the last line instead. */
    int last = yaml_last_line(text, len);
    int line = (int)p->problem_mark.line + 1, start = (int)p->context_mark.line + 1;
    if (line > last) line = last;
    if (start > last) start = last;
    char where[48] = "";
    if (p->context && start < line) snprintf(where, sizeof where, "; i det som börjar på rad %d", start);
    if (sv) return err_set(e, ERR_INVALID, "%s:%d: YAML-syntaxfel: %s%s", filename, line, sv, where);
    return err_set(e, ERR_INVALID, "%s:%d: YAML-syntaxfel: %s%s%s%s", filename, line,
                   p->problem ? p->problem : "okänt fel", p->context ? ", " : "", p->context ? p->context : "", where);
}

/* After the first document only the end of the stream may follow. */
static ErrCode expect_end(yaml_parser_t *p, const char *text, size_t len, const char *filename, Err *e)
{
    yaml_document_t extra;
    if (!yaml_parser_load(p, &extra)) return syntax_error(p, text, len, filename, e);
    yaml_node_t *root = yaml_document_get_root_node(&extra);
    int line = root ? yaml_line(root) : 0;
    if (line > yaml_last_line(text, len)) line = yaml_last_line(text, len); /* an empty second document at the end */
    yaml_document_delete(&extra);
    if (root)
        return err_set(e, ERR_INVALID, "%s:%d: filen får bara innehålla ett YAML-dokument (en process per fil)",
                       filename, line);
    return ERR_OK;
}

ErrCode yaml_load(yaml_document_t *doc, const char *text, size_t len, const char *filename, Err *e)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) return err_set(e, ERR_INTERNAL, "%s: slut på minne", filename);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    ErrCode rc = ERR_OK;
    if (!yaml_parser_load(&p, doc)) {
        rc = syntax_error(&p, text, len, filename, e);
    } else if (!yaml_document_get_root_node(doc)) {
        yaml_document_delete(doc);
        rc = err_set(e, ERR_INVALID, "%s:1: filen är tom – den ska beskriva en process", filename);
    } else if ((rc = expect_end(&p, text, len, filename, e))) {
        yaml_document_delete(doc);
    }
    yaml_parser_delete(&p);
    return rc;
}

/* --- mappings ------------------------------------------------------------------ */

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static ErrCode unknown_field(const Yaml *y, const yaml_node_t *key, const char *where, const YamlField *fields,
                             size_t n)
{
    const char *names[32];
    size_t nn = n < 32 ? n : 32;
    for (size_t i = 0; i < nn; i++) names[i] = fields[i].name;
    const char *near = suggest_closest(scalar(key), names, nn);
    if (near) return yaml_fail(y, yaml_line(key), "okänt fält '%s' %s – menade du '%s'?", scalar(key), where, near);
    Buf all = BUF_INIT;
    for (size_t i = 0; i < nn; i++) buf_printf(&all, "%s%s", i ? ", " : "", names[i]);
    yaml_fail(y, yaml_line(key), "okänt fält '%s' %s (tillåtna fält: %s)", scalar(key), where, buf_cstr(&all));
    buf_free(&all);
    return ERR_INVALID;
}

static ErrCode take_field(const Yaml *y, yaml_node_pair_t *pair, const char *where, YamlField *fields, size_t n)
{
    yaml_node_t *key = yaml_document_get_node(y->doc, pair->key);
    const char *name = scalar(key);
    if (!name) return yaml_fail(y, yaml_line(key), "ett fältnamn måste vara en enkel text %s", where);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(fields[i].name, name)) continue;
        if (fields[i].value)
            return yaml_fail(y, yaml_line(key), "fältet '%s' finns två gånger %s (första gången på rad %d)", name,
                             where, fields[i].line);
        fields[i].value = yaml_document_get_node(y->doc, pair->value);
        fields[i].line = yaml_line(key);
        return ERR_OK;
    }
    return unknown_field(y, key, where, fields, n);
}

ErrCode yaml_fields(const Yaml *y, yaml_node_t *map, const char *what, const char *where, YamlField *fields, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fields[i].value = NULL;
        fields[i].line = 0;
    }
    if (!map || map->type != YAML_MAPPING_NODE)
        return yaml_fail(y, yaml_line(map), "%s ska skrivas som fält med värden (fält: värde)", what);
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        ErrCode rc = take_field(y, p, where, fields, n);
        if (rc) return rc;
    }
    return ERR_OK;
}

const char *yaml_peek(const Yaml *y, yaml_node_t *map, const char *name)
{
    if (!map || map->type != YAML_MAPPING_NODE) return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        const char *k = scalar(yaml_document_get_node(y->doc, p->key));
        if (k && !strcmp(k, name)) {
            const char *v = scalar(yaml_document_get_node(y->doc, p->value));
            return v && *v && strlen(v) < 80 ? v : NULL;
        }
    }
    return NULL;
}

/* --- values ---------------------------------------------------------------------- */

/* A plain empty, ~ or null scalar: YAML's way of saying "no value". */
static bool is_null(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return false;
    const char *s = scalar(n);
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

/* A copy without surrounding white space; NULL if nothing is left. */
static char *trimmed_copy(const char *s, size_t len)
{
    while (len && strchr(" \t\r\n", *s)) s++, len--;
    while (len && strchr(" \t\r\n", s[len - 1])) len--;
    return len ? xstrndup(s, len) : NULL;
}

static ErrCode text_of(const Yaml *y, const yaml_node_t *n, const char *name, const char *where, char **out)
{
    *out = NULL;
    if (is_null(n)) return ERR_OK;
    if (n->type != YAML_SCALAR_NODE)
        return yaml_fail(y, yaml_line(n), "'%s' %s ska vara en text, inte en lista eller mappning", name, where);
    if (strlen(scalar(n)) != n->data.scalar.length)
        return yaml_fail(y, yaml_line(n), "'%s' %s innehåller ett NUL-tecken", name, where);
    *out = trimmed_copy(scalar(n), n->data.scalar.length);
    return ERR_OK;
}

ErrCode yaml_text(const Yaml *y, const YamlField *f, const char *where, char **out)
{
    *out = NULL;
    return f->value ? text_of(y, f->value, f->name, where, out) : ERR_OK;
}

ErrCode yaml_required_text(const Yaml *y, const YamlField *f, const char *where, int owner_line, char **out)
{
    ErrCode rc = yaml_text(y, f, where, out);
    if (rc || *out) return rc;
    if (f->value) return yaml_fail(y, f->line, "fältet '%s' %s får inte vara tomt", f->name, where);
    return yaml_fail(y, owner_line, "fältet '%s' saknas %s", f->name, where);
}

ErrCode yaml_bool(const Yaml *y, const YamlField *f, const char *where, bool *out)
{
    if (!f->value) return ERR_OK;
    const char *s = scalar(f->value);
    if (s && (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))) *out = true;
    else if (s && (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE"))) *out = false;
    else return yaml_fail(y, yaml_line(f->value), "'%s' måste vara true eller false %s", f->name, where);
    return ERR_OK;
}

ErrCode yaml_list(const Yaml *y, const YamlField *f, const char *where, yaml_node_item_t **items, size_t *n)
{
    *items = NULL;
    *n = 0;
    if (!f->value || is_null(f->value)) return ERR_OK;
    if (f->value->type != YAML_SEQUENCE_NODE)
        return yaml_fail(y, yaml_line(f->value), "'%s' %s ska vara en lista (rader som börjar med '-', eller [a, b])",
                         f->name, where);
    *items = f->value->data.sequence.items.start;
    *n = (size_t)(f->value->data.sequence.items.top - f->value->data.sequence.items.start);
    return ERR_OK;
}

static ErrCode list_entry(const Yaml *y, const YamlField *f, const char *where, yaml_node_t *n, char **list,
                          size_t i)
{
    ErrCode rc = text_of(y, n, f->name, where, &list[i]);
    if (rc) return rc;
    if (!list[i]) return yaml_fail(y, yaml_line(n), "'%s' %s har ett tomt värde", f->name, where);
    for (size_t k = 0; k < i; k++)
        if (!strcmp(list[k], list[i]))
            return yaml_fail(y, yaml_line(n), "'%s' finns två gånger i '%s' %s", list[i], f->name, where);
    return ERR_OK;
}

ErrCode yaml_text_list(const Yaml *y, const YamlField *f, const char *where, char ***out, size_t *n)
{
    yaml_node_item_t *items;
    size_t count;
    ErrCode rc = yaml_list(y, f, where, &items, &count);
    if (rc || !count) return rc;
    *out = xcalloc(count, sizeof **out);
    *n = count;
    for (size_t i = 0; i < count; i++)
        if ((rc = list_entry(y, f, where, yaml_document_get_node(y->doc, items[i]), *out, i))) return rc;
    return ERR_OK;
}
