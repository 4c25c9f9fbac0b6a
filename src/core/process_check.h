/*
 * process_check.h — the rules that tie a definition's steps together, run on
 * a freshly parsed ProcessDef. Internal to the process module.
 */
#ifndef LOTS_CORE_PROCESS_CHECK_H
#define LOTS_CORE_PROCESS_CHECK_H

#include "core/process.h"

/* Unique step ids; every transition to an existing other step, once per
 * target; kinds agree with consult/deciders, transitions and needs_* flags.
 * Errors are "SOURCE:LINE: …" with def->source as SOURCE. */
ErrCode process_check(const ProcessDef *def, Err *e);

#endif
