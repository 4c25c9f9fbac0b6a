/*
 * page_tasks.h — the start page's task lists (web/page_tasks.c).
 */
#ifndef LOTS_WEB_PAGE_TASKS_H
#define LOTS_WEB_PAGE_TASKS_H

#include "web/request.h"

void home_tasks(Request *r);

#endif
