/*
 * test_process_svg.c — the process diagram: an accessible SVG that names
 * every step, escapes every text, marks the case's current step, draws
 * returns dashed and labels the ways out of a branch.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/process.h"

static ProcessSet ps;

static int load(void **state)
{
    (void)state;
    Err e = ERR_INIT;
    return process_set_load(&ps, NULL, &e) ? -1 : 0;
}

static int unload(void **state)
{
    (void)state;
    process_set_free(&ps);
    return 0;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) n++;
    return n;
}

static char *svg_of(const ProcessDef *def, const char *current)
{
    Buf b = BUF_INIT;
    process_svg(&b, def, current);
    return buf_take(&b);
}

static void diagram_is_an_accessible_svg_naming_every_step(void **state)
{
    (void)state;
    for (size_t p = 0; p < ps.n; p++) {
        const ProcessDef *def = ps.defs[p];
        char *svg = svg_of(def, NULL);
        assert_int_equal(strncmp(svg, "<svg ", 5), 0);
        assert_non_null(strstr(svg, "</svg>"));
        assert_non_null(strstr(svg, "role=\"img\""));
        assert_non_null(strstr(svg, "viewBox=\"0 0 "));
        assert_non_null(strstr(svg, " width=\""));
        assert_non_null(strstr(svg, " height=\""));
        assert_non_null(strstr(svg, "font-family=\"inherit\""));
        assert_null(strstr(svg, "<script"));
        assert_null(strstr(svg, "style="));
        char title[200];
        snprintf(title, sizeof title, "-title\">Process %s – %s</title>", def->key, def->name);
        assert_non_null(strstr(svg, title));
        assert_non_null(strstr(svg, "<desc id=\""));
        for (size_t i = 0; i < def->nsteps; i++) {
            char name[200];
            snprintf(name, sizeof name, "<title>%zu. %s", i + 1, def->steps[i].name);
            if (!strstr(svg, name)) fail_msg("process %s: step '%s' missing", def->key, def->steps[i].name);
        }
        assert_int_equal(count(svg, "<rect "), def->nsteps);
        free(svg);
    }
}

static void step_kinds_have_their_classes(void **state)
{
    (void)state;
    char *svg = svg_of(process_find(&ps, "A"), NULL);
    assert_int_equal(count(svg, "class=\"step\""), 4); /* fördelning, beredning, genomförande, uppföljning */
    assert_int_equal(count(svg, "class=\"step step-anchoring\""), 1);
    assert_int_equal(count(svg, "class=\"step step-decision\""), 1);
    assert_int_equal(count(svg, "class=\"step step-final\""), 1);
    assert_int_equal(count(svg, "step-current"), 0);
    free(svg);
}

static void the_current_step_is_marked_once(void **state)
{
    (void)state;
    const ProcessDef *a = process_find(&ps, "A");
    char *svg = svg_of(a, "beslut");
    assert_int_equal(count(svg, "step-current"), 1);
    const char *g = strstr(svg, "class=\"step step-decision step-current\"");
    assert_non_null(g);
    const char *end = strstr(g, "</g>");
    const char *here = strstr(g, "Ärendet står här");
    assert_non_null(here);
    assert_true(here < end); /* said in words inside the current box, not only by colour */
    assert_non_null(strstr(svg, "Ärendet står i steget Beslut i Strategiska hälso- och sjukvårdsnämnden."));
    free(svg);
}

static void returns_are_dashed_and_branches_labelled(void **state)
{
    (void)state;
    for (size_t p = 0; p < ps.n; p++) {
        const ProcessDef *def = ps.defs[p];
        size_t back = 0, labelled = 0;
        for (size_t i = 0; i < def->nsteps; i++) {
            size_t forward = 0;
            for (size_t k = 0; k < def->steps[i].ntransitions; k++) {
                back += def->steps[i].transitions[k].back;
                forward += !def->steps[i].transitions[k].back;
            }
            if (forward >= 2) labelled += forward;
        }
        char *svg = svg_of(def, NULL);
        assert_int_equal(count(svg, "class=\"edge edge-back\""), back);
        assert_int_equal(count(svg, "stroke-dasharray=\"5 4\""), back);
        assert_null(strstr(svg, "=&quot;")); /* no attribute of Lots' own escaped by mistake */
        assert_int_equal(count(svg, "class=\"edge-label\""), labelled);
        free(svg);
    }
    char *c = svg_of(process_find(&ps, "C"), NULL);
    assert_non_null(strstr(c, ">Lös inom funktionsgruppens mandat</text>"));
    assert_non_null(strstr(c, ">Till beredning på avdelning</text>"));
    assert_non_null(strstr(c, "Från Funktionsgruppens bedömning finns flera vägar:"));
    free(c);
}

static void marker_ids_carry_the_process_key(void **state)
{
    (void)state;
    char *a = svg_of(process_find(&ps, "A"), NULL);
    char *c = svg_of(process_find(&ps, "C"), NULL);
    assert_non_null(strstr(a, "<marker id=\"lots-proc-A-arrow\""));
    assert_non_null(strstr(a, "marker-end=\"url(#lots-proc-A-arrow)\""));
    assert_non_null(strstr(a, "marker-end=\"url(#lots-proc-A-arrow-back)\""));
    assert_null(strstr(a, "lots-proc-C-"));
    assert_non_null(strstr(c, "aria-labelledby=\"lots-proc-C-title lots-proc-C-desc\""));
    free(a);
    free(c);
}

static const char hostile[] = "key: X\n"
                              "name: Prov & <b>fet</b>\n"
                              "origins: [1]\n"
                              "steps:\n"
                              "  - key: start\n"
                              "    name: <script>alert(1)</script>\n"
                              "    responsible: \"Tom \\\"citat\\\"\"\n"
                              "    transitions:\n"
                              "      - to: slut\n"
                              "        label: \"<img src=x onerror=alert(2)>\"\n"
                              "      - to: annat\n"
                              "        label: Annat'\n"
                              "  - key: annat\n"
                              "    name: Annat\n"
                              "    transitions:\n"
                              "      - to: slut\n"
                              "        label: Slut\n"
                              "  - key: slut\n"
                              "    name: Slut\n"
                              "    kind: final\n";

static void every_text_is_escaped(void **state)
{
    (void)state;
    ProcessDef *def;
    Err e = ERR_INIT;
    if (process_parse(hostile, strlen(hostile), "x.yaml", &def, &e)) fail_msg("%s", e.msg);
    char *svg = svg_of(def, "start");
    assert_null(strstr(svg, "<script"));
    assert_null(strstr(svg, "<b>"));
    assert_null(strstr(svg, "<img"));
    assert_non_null(strstr(svg, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(svg, "Prov &amp; &lt;b&gt;fet&lt;/b&gt;"));
    assert_non_null(strstr(svg, "&lt;img src=x onerror=alert(2)&gt;</text>")); /* a labelled branch */
    assert_non_null(strstr(svg, "Tom &quot;citat&quot;"));
    assert_non_null(strstr(svg, "Annat&#39;"));
    free(svg);
    process_free(def);
}

static void long_names_are_wrapped_and_shortened(void **state)
{
    (void)state;
    static const char text[] = "key: L\n"
                               "name: Lång\n"
                               "origins: [1]\n"
                               "steps:\n"
                               "  - key: a\n"
                               "    name: Ett mycket långt stegnamn som inte får plats på en rad och inte "
                               "heller på två rader i rutan utan måste kortas av\n"
                               "    kind: final\n";
    ProcessDef *def;
    Err e = ERR_INIT;
    if (process_parse(text, strlen(text), "l.yaml", &def, &e)) fail_msg("%s", e.msg);
    char *svg = svg_of(def, NULL);
    assert_non_null(strstr(svg, ">1. Ett mycket långt stegnamn som</text>"));
    assert_non_null(strstr(svg, ">inte får plats på en rad och inte…</text>"));
    assert_non_null(strstr(svg, "måste kortas av</title>")); /* the whole name stays in the tooltip */
    free(svg);
    process_free(def);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(diagram_is_an_accessible_svg_naming_every_step),
        cmocka_unit_test(step_kinds_have_their_classes),
        cmocka_unit_test(the_current_step_is_marked_once),
        cmocka_unit_test(returns_are_dashed_and_branches_labelled),
        cmocka_unit_test(marker_ids_carry_the_process_key),
        cmocka_unit_test(every_text_is_escaped),
        cmocka_unit_test(long_names_are_wrapped_and_shortened),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
