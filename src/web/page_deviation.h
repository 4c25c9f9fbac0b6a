/*
 * page_deviation.h — what the deviation and complaint pages share
 * (defined in web/page_deviations.c and web/page_deviation.c), and the
 * deviation page's parts.
 */
#ifndef LOTS_WEB_PAGE_DEVIATION_H
#define LOTS_WEB_PAGE_DEVIATION_H

#include "core/deviation.h"
#include "web/request.h"

extern const char *const deviation_kinds[4];    /* patient, vård, arbetsrelaterad, tillbud */
extern const char *const deviation_statuses[4]; /* registrerad … avslutad */
const char *deviation_kind_text(const char *kind); /* "Vårdrelaterad" */

/* web/page_deviation.c, shared with the complaint pages: one <dt>/<dd> of a
 * facts list (a blank value reads "Ej angivet"), and the <option>s of a
 * list of stored words (statuses, sources), the one equal to `selected`
 * marked. */
void deviation_fact(Request *r, const char *label, const char *value);
void status_options(Request *r, const char *const *words, size_t n, const char *selected);
/* web/page_deviation.c, shared with the complaint page: opens the status
 * form, a section under `heading` with a form posting to `action`, its CSRF
 * field and the Status <select> of the four `statuses` with `status`
 * chosen. The caller adds its fields, the button and "</form></section>". */
void status_form_open(Request *r, const char *heading, const char *action, const char *const *statuses,
                      const char *status);

/* web/page_deviation.c, shared with the complaint page: the "Mönster"
 * section of one event, linking to the chart of its unit × category series
 * and to the list of the same unit's events in the category. source is
 * "deviations" or "complaints"; list_path "/deviations" or "/complaints". */
void event_series_links(Request *r, const char *source, long long unit_id, const char *unit, long long category_id,
                        const char *category);

/* web/page_deviation_history.c, shared with the complaint page: the folded
 * "Historik" section of record `id` (newest first: when, who, what). */
void record_history_section(Request *r, RecordKind kind, long long id);

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
