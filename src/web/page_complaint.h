/*
 * page_complaint.h — what the complaint pages share: the list
 * (web/page_complaints.c), one complaint with its status form
 * (web/page_complaint.c) and the registration form
 * (web/page_complaint_new.c). The deviation pages' shared pieces are in
 * web/page_deviation.h.
 */
#ifndef LOTS_WEB_PAGE_COMPLAINT_H
#define LOTS_WEB_PAGE_COMPLAINT_H

#include "web/request.h"

/* The stored words, in the order the forms offer them (defined in
 * web/page_complaints.c). */
extern const char *const complaint_sources[4]; /* patient, närstående, IVO, Patientnämnden */
extern const char *const complaint_statuses[4]; /* registrerat … avslutat */

#endif
