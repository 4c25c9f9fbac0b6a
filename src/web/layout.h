/*
 * layout.h — the frame every page shares: head, navigation, messages, foot;
 * and the small form pieces every page needs (CSRF field, error box).
 */
#ifndef LOTS_WEB_LAYOUT_H
#define LOTS_WEB_LAYOUT_H

#include "web/request.h"

/* Starts a page: doctype, head with the stylesheet, header with navigation
 * and the signed-in user, <main>. `title` is escaped. */
void page_begin(Request *r, const char *title);
void page_end(Request *r);
void page_error(Request *r, int status, const char *msg);

void csrf_field(Request *r);                 /* <input type=hidden name=csrf …> */
void error_box(Request *r, const char *msg); /* role=alert box, nothing if msg NULL */
void notice_from_query(Request *r);          /* the fixed message named by ?ok=… */

#endif
