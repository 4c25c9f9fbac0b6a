/* STUB — being written */
#include "web/handlers.h"

void api_case_list(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void api_case_create(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void api_case_get(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void api_case_checklist(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void api_case_transition(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void api_case_link(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void api_case_consult(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void api_case_decide(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
