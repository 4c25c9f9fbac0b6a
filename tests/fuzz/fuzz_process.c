/*
 * fuzz_process.c — libFuzzer target for process_parse() (core/process_parse.c
 * and core/process_yaml.c over libyaml), the reader of process definitions an
 * organisation writes by hand.
 *
 * Arbitrary bytes are parsed as a definition named FILENAME. On success the
 * definition is drawn (process_svg, plain and with each step current) and
 * described (process_to_json), then freed; LeakSanitizer sees what is left.
 * On failure the message must be "FILENAME:LINE: …" with LINE a positive
 * number no greater than the number of lines in the input, because that is
 * what the person fixing the file is told to look at.
 *
 * The SVG is checked to be tag-balanced with no raw '<' or '>' in text and
 * no '"' inside an attribute value: all user text in it must be escaped.
 *
 * Must not: read files, print unless aborting.
 */
#define FUZZ_NAME "fuzz_process"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fuzz_util.h"

#include "base/buf.h"
#include "core/process.h"

#define FILENAME "fuzz/P.yaml"

/* Tags balanced, text and attribute values escaped. */
static void check_svg(const char *s, const char *current)
{
    enum { TEXT, TAG, QUOTED } state = TEXT;
    size_t tags = 0;
    for (const char *p = s; *p; p++) {
        char c = *p;
        switch (state) {
        case TEXT:
            CHECK(c != '>', "raw '>' in SVG text at offset %zu (current %s)", (size_t)(p - s),
                  current ? current : "none");
            if (c == '<') state = TAG, tags++;
            break;
        case TAG:
            CHECK(c != '<', "'<' inside an SVG tag at offset %zu", (size_t)(p - s));
            if (c == '"') state = QUOTED;
            else if (c == '>') state = TEXT;
            break;
        case QUOTED:
            CHECK(c != '<' && c != '>', "raw '%c' in an SVG attribute value at offset %zu", c, (size_t)(p - s));
            if (c == '"') state = TAG;
            break;
        }
    }
    CHECK(state == TEXT, "SVG ends inside a tag");
    CHECK(tags > 0 && strstr(s, "<svg") && strstr(s, "</svg>"), "no <svg> element");
}

static void exercise(const ProcessDef *def)
{
    CHECK(def->key && def->name && def->source && def->nsteps >= 1 && def->steps,
          "a parsed definition lacks key, name, source or steps");
    CHECK(!strcmp(def->source, FILENAME), "source is '%s'", def->source);

    Buf svg = BUF_INIT;
    process_svg(&svg, def, NULL);
    check_svg(buf_cstr(&svg), NULL);
    for (size_t i = 0; i < def->nsteps && i < 8; i++) {
        buf_reset(&svg);
        process_svg(&svg, def, def->steps[i].key);
        check_svg(buf_cstr(&svg), def->steps[i].key);
    }
    buf_free(&svg);

    json_t *j = process_to_json(def);
    CHECK(j && json_is_object(j), "process_to_json gave no object");
    json_t *steps = json_object_get(j, "steps");
    CHECK(json_is_array(steps) && json_array_size(steps) == def->nsteps, "JSON 'steps' does not match");
    char *text = json_dumps(j, JSON_COMPACT);
    CHECK(text != NULL, "JSON cannot be written");
    free(text);
    json_decref(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size copy so a read past the end is caught, whatever libyaml
     * itself does with the buffer. */
    char *yaml = malloc(size ? size : 1);
    if (size) memcpy(yaml, data, size);

    ProcessDef *def = (ProcessDef *)&def; /* must be reset to NULL */
    Err e = ERR_INIT;
    ErrCode rc = process_parse(yaml, size, FILENAME, &def, &e);
    if (rc == ERR_OK) {
        CHECK(def != NULL, "process_parse succeeded without a definition");
        exercise(def);
        process_free(def);
    } else {
        CHECK(rc == e.code, "returned %d but the error says %d", (int)rc, (int)e.code);
        CHECK(def == NULL, "process_parse failed but *out is not NULL");
        fuzz_check_file_line(&e, FILENAME ":", data, size);
    }
    free(yaml);
    return 0;
}
