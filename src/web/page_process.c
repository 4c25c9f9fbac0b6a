/* STUB — being written */
#include "web/handlers.h"

void page_process_list(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void page_process_view(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
