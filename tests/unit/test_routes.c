/*
 * test_routes.c — the route table: no duplicates, every state-changing route
 * demands a writer, and the form parser decodes what browsers send.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "web/request.h"
#include "web/routes.h"

static void no_duplicate_routes(void **state)
{
    (void)state;
    for (size_t i = 0; i < route_count; i++)
        for (size_t j = i + 1; j < route_count; j++)
            if (!strcmp(routes[i].method, routes[j].method) && !strcmp(routes[i].pattern, routes[j].pattern))
                fail_msg("duplicate route %s %s", routes[i].method, routes[i].pattern);
}

/* A POST changes something, so it needs a writer, unless it is marked as a
 * pure computation (SPC, decision path) or is logging in or out. */
static void every_post_except_login_requires_a_user(void **state)
{
    (void)state;
    for (size_t i = 0; i < route_count; i++) {
        const Route *r = &routes[i];
        if (strcmp(r->method, "POST") || !strcmp(r->pattern, "/login")) continue;
        assert_true(r->flags & ROUTE_USER);
        if (strcmp(r->pattern, "/logout") && !(r->flags & ROUTE_PURE))
            if (!(r->flags & ROUTE_WRITE)) fail_msg("POST %s changes data but lacks ROUTE_WRITE", r->pattern);
        if (r->flags & ROUTE_PURE) assert_false(r->flags & ROUTE_WRITE);
    }
}

static void every_route_has_help(void **state)
{
    (void)state;
    for (size_t i = 0; i < route_count; i++) assert_true(routes[i].help && strlen(routes[i].help) > 3);
}

static void form_parser_decodes(void **state)
{
    (void)state;
    Arena a = {0};
    Params p = {0};
    const char *body = "title=%3Cb%3E+N%C3%A4ra+v%C3%A5rd&empty=&flag&origin=6";
    assert_true(parse_urlencoded(&a, body, strlen(body), &p));
    assert_string_equal(param(&p, "title"), "<b> Nära vård");
    assert_string_equal(param(&p, "empty"), "");
    assert_string_equal(param(&p, "flag"), "");
    assert_string_equal(param(&p, "origin"), "6");
    assert_null(param(&p, "missing"));
    Params bad = {0};
    assert_false(parse_urlencoded(&a, "x=%4", 4, &bad));
    assert_false(parse_urlencoded(&a, "x=%00", 5, &bad));
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_duplicate_routes),
        cmocka_unit_test(every_post_except_login_requires_a_user),
        cmocka_unit_test(every_route_has_help),
        cmocka_unit_test(form_parser_decodes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
