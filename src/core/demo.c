/* STUB */
#include "core/demo.h"
ErrCode demo_load(Db *db, const ProcessSet *ps, char pw[33], Err *e) { (void)db; (void)ps; pw[0]=0; return err_set(e, ERR_INTERNAL, "inte klart"); }
