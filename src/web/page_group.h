/*
 * page_group.h — what the group pages share: the group page drawn again
 * after a refused form (web/page_group.c), the pieces that show a mandate
 * and a commission, and the group page's forms (web/page_group_forms.c).
 */
#ifndef LOTS_WEB_PAGE_GROUP_H
#define LOTS_WEB_PAGE_GROUP_H

#include "core/group.h"
#include "web/request.h"

/* The group page; with `error`, answered with its status and message, and
 * the form named `form` ("member", "end", "rmks", "mandate") keeps what was
 * posted. A group that cannot be read: its error page. */
void group_page(Request *r, long long id, const Err *error, const char *form);

/* "Delegation: …" with its scope badges and who granted it. */
void mandate_text(Request *r, const Mandate *m);
/* Every filled-in field of a commission as a definition list. */
void commission_fields(Request *r, const Commission *c);

/* The forms of the group page, for writers; `posted` is the form whose
 * values are kept (NULL: none). */
void group_member_forms(Request *r, const GroupDetail *d, const char *posted);
void group_rmks_form(Request *r, const GroupDetail *d, const char *posted);
void group_mandate_form(Request *r, const GroupDetail *d, const char *posted);

#endif
