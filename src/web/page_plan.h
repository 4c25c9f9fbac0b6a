/*
 * page_plan.h — what the plan pages (page_plan*.c) share: the fulfilment
 * badge, numbers for people, and the explanation of the levels.
 */
#ifndef LOTS_WEB_PAGE_PLAN_H
#define LOTS_WEB_PAGE_PLAN_H

#include "core/plan.h"
#include "web/request.h"

/* <span class="badge ful-met">● uppnått</span>: a symbol and the word, never
 * colour alone; "(överstyrd)" when an owner's assessment replaced the
 * computed level. */
void plan_badge(Request *r, Fulfilment f, bool overridden);
/* "85 %", "1 200,5 antal", "–" when missing; in the request arena. */
const char *plan_value_text(Request *r, bool has, double v, const char *unit);
/* One paragraph: how the levels are computed, with the plan's tolerance. */
void plan_rules_note(Request *r, double tolerance_pct);
/* The plan named by the first {…} segment (number or key), or a 404 page. */
bool plan_page_id(Request *r, long long *id);

#endif
