/* STUB — being written */
#include "web/handlers.h"

void api_process_list(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void api_process_get(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void api_plan_items(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void api_bodies(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
void api_me(Request *r) { reply_error(r, 501, "Inte klart ännu."); }
