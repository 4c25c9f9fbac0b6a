/*
 * refno.h — reference numbers in the style of a diarienummer: "HS 2026-00001".
 *
 * A series prefix (setting ref_prefix), the year, and a running number per
 * prefix and year. refno_next must run inside the write transaction that
 * inserts the case: the counter row and the case commit together, and two
 * officials registering at the same moment queue on the write lock instead of
 * reading the same counter.
 */
#ifndef LOTS_CORE_REFNO_H
#define LOTS_CORE_REFNO_H

#include "base/err.h"
#include "store/db.h"

ErrCode refno_next(Db *db, int year, char out[48], Err *e);

#endif
