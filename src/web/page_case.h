/*
 * page_case.h — the case page, shared by its parts (page_case*.c) and by
 * the handlers of its forms (page_case_actions.c). Not for other pages.
 */
#ifndef LOTS_WEB_PAGE_CASE_H
#define LOTS_WEB_PAGE_CASE_H

#include <stdbool.h>

#include "core/case.h"
#include "core/case_scope.h"
#include "web/request.h"

/* What one rendering of the case page needs. */
typedef struct {
    Request *r;
    const CaseDetail *d;
    const CaseProposal *prop; /* the scope and what the decision rules propose */
    bool can_write;     /* false for a läsare: no forms at all */
    const char *posted; /* the form that was refused ("move" …), NULL on GET */
} CaseView;

/* Renders the whole case page for case `id`. After a refused form, `posted`
 * names it (its input is kept from r->form) and `error` is shown at the top
 * with status_for(error->code); both NULL on a plain GET. */
void render_case_page(Request *r, long long id, const char *posted, const Err *error);

/* What the person typed into `field` of the refused form `action` — only if
 * its `key_field` equals `key` (key_field NULL: any) — else `fallback`. */
const char *kept(const CaseView *v, const char *action, const char *key_field, const char *key, const char *field,
                 const char *fallback);

/* The sections, in page order. */
void case_section_checklist(const CaseView *v);  /* page_case_step.c */
void case_section_moves(const CaseView *v);      /* page_case_step.c */
void case_section_links(const CaseView *v);      /* page_case_records.c */
void case_section_evidence(const CaseView *v);   /* page_case_evidence.c */
void case_section_scope(const CaseView *v);      /* page_case_scope.c */
void case_section_anchoring(const CaseView *v);  /* page_case_records.c */
void case_section_history(const CaseView *v);    /* page_case_history.c */

/* The scope form's fields as the engine's input (texts borrowed from
 * r->form) and the person's note; false with *e saying which field is
 * wrong (page_case_scope.c). */
bool scope_form_read(Request *r, DecideInput *in, const char **note, Err *e);

#endif
