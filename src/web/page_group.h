/*
 * page_group.h — what the group pages share: the group page drawn again
 * after a refused form (web/page_group.c), the pieces that show a mandate
 * and a commission, and the group page's forms (web/page_group_forms.c,
 * web/page_group_edit.c) with the helpers they share.
 */
#ifndef LOTS_WEB_PAGE_GROUP_H
#define LOTS_WEB_PAGE_GROUP_H

#include "core/group.h"
#include "web/request.h"

/* The group page; with `error`, answered with its status and message, and
 * the form named `form` ("member", "end", "rmks", "mandate", "edit",
 * "term-<member id>", "mandate-end-<mandate id>") keeps what was posted. A
 * group that cannot be read: its error page. */
void group_page(Request *r, long long id, const Err *error, const char *form);

/* "Delegation: …" with its scope badges and who granted it. */
void mandate_text(Request *r, const Mandate *m);
/* Every filled-in field of a commission as a definition list. */
void commission_fields(Request *r, const Commission *c);

/* What the group page's forms share (web/page_group_forms.c). */
/* A field's value to show: what was posted if this form was, else `fallback` ("" for NULL). */
const char *group_form_kept(Request *r, bool posted, const char *name, const char *fallback);
/* A checkbox was ticked (a browser sends nothing for one that was not). */
bool group_form_ticked(Request *r, const char *name);
bool group_form_is(const char *posted, const char *form);
/* <details class="cls"><summary>…</summary><form method="post" …> with the CSRF field. */
void group_form_begin(Request *r, const char *cls, bool open, const char *summary, const char *action);
/* The submit button, </form></details>. */
void group_form_end(Request *r, const char *button);
void group_date_field(Request *r, const char *id, const char *name, const char *label, const char *value);
const char *group_form_blank_null(const char *s); /* NULL for a blank value */

/* The forms of the group page, for writers; `posted` is the form whose
 * values are kept (NULL: none). */
void group_member_forms(Request *r, const GroupDetail *d, const char *posted);
void group_rmks_form(Request *r, const GroupDetail *d, const char *posted);
void group_mandate_form(Request *r, const GroupDetail *d, const char *posted);
/* web/page_group_edit.c: "Ändra gruppen"; a current membership's role and
 * term (a cell of its row); the group's mandates, each in force with an
 * "Avsluta" form for writers, and the ended ones. */
void group_edit_form(Request *r, const GroupDetail *d, const char *posted);
void group_member_term_form(Request *r, const GroupDetail *d, const GroupMember *m, const char *posted);
void group_mandates_section(Request *r, const GroupDetail *d, const char *posted);

#endif
