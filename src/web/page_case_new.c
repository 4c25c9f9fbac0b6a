/* STUB — being written */
#include "web/handlers.h"

void page_case_new_form(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void page_case_new_submit(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
