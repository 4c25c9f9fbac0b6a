/* STUB — being written */
#include "web/handlers.h"

void page_case_checklist(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void page_case_move(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void page_case_link(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void page_case_unlink(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void page_case_consult(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void page_case_decide(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void page_case_officer(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
