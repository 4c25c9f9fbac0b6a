/*
 * page_deviation.h — what the deviation and complaint pages share
 * (defined in web/page_deviations.c).
 */
#ifndef LOTS_WEB_PAGE_DEVIATION_H
#define LOTS_WEB_PAGE_DEVIATION_H

#include "web/request.h"

extern const char *const deviation_kinds[4];    /* patient, vård, arbetsrelaterad, tillbud */
extern const char *const deviation_statuses[4]; /* registrerad … avslutad */
const char *deviation_kind_text(const char *kind); /* "Vårdrelaterad" */
/* The units in tree order (indented by depth) as <option value=id>, marking `selected`. */
void options_units(Request *r, const char *selected);

#endif
