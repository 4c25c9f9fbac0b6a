/* STUB — being written */
#include "web/handlers.h"

void page_case_view(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
