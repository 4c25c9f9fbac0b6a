/*
 * case_row.h — the one SELECT list for cases and the function that reads a
 * row of it into a Case; shared by the readers in core/case_*.c only.
 */
#ifndef LOTS_CORE_CASE_ROW_H
#define LOTS_CORE_CASE_ROW_H

#include "core/case.h"

#define CASE_COLUMNS                                                                                    \
    "c.id, c.ref, c.title, c.description, c.origin, c.process, c.step, c.officer_id, "                \
    "COALESCE(o.display_name, ''), COALESCE(cb.display_name, ''), c.created_at, c.updated_at"
#define CASE_FROM                                                                                       \
    " FROM cases c LEFT JOIN users o ON o.id = c.officer_id LEFT JOIN users cb ON cb.id = c.created_by "

void case_from_row(Stmt *st, Case *out);

/* Fails with ERR_FORBIDDEN unless the actor may change cases. */
ErrCode require_writer(const Actor *who, Err *e);

#endif
