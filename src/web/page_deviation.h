/*
 * page_deviation.h — what the deviation and complaint pages share
 * (defined in web/page_deviations.c), and the deviation page's parts.
 */
#ifndef LOTS_WEB_PAGE_DEVIATION_H
#define LOTS_WEB_PAGE_DEVIATION_H

#include "core/deviation.h"
#include "web/request.h"

extern const char *const deviation_kinds[4];    /* patient, vård, arbetsrelaterad, tillbud */
extern const char *const deviation_statuses[4]; /* registrerad … avslutad */
const char *deviation_kind_text(const char *kind); /* "Vårdrelaterad" */

/* web/page_deviation.c: renders the whole page of deviation `id`. After a
 * refused form, `posted` names it ("status", "serious", "analysis",
 * "lex-maria"; its input is kept from r->form) and `error` is shown at the
 * top with status_for(error->code); both NULL on GET. */
void render_deviation_page(Request *r, long long id, const char *posted, const Err *error);

/* web/page_deviation_forms.c: the forms that work a deviation, for writers. */
void deviation_serious_form(Request *r, const DeviationDetail *d);
void deviation_analysis_form(Request *r, const DeviationDetail *d, const char *posted);
void deviation_lex_maria_form(Request *r, const DeviationDetail *d, const char *posted);

#endif
