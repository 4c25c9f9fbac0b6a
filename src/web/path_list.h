/*
 * path_list.h — a decision path as the ordered list the pages show (the
 * "Vem beslutar?" page and a case's proposal): each step's actor, what it
 * does, its reason and the rule that gave it.
 */
#ifndef LOTS_WEB_PATH_LIST_H
#define LOTS_WEB_PATH_LIST_H

#include "core/decide.h"
#include "web/request.h"

/* Writes <ol class="decide-path">…</ol> (or a sentence when the path is
 * empty) into r->out. `bodies`, if not NULL, holds per step the body the
 * actor is (NULL for none), shown beside it. */
void path_list(Request *r, const DecidePath *p, char *const *bodies);

#endif
