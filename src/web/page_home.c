/* STUB — being written */
#include "web/handlers.h"

void page_home(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
