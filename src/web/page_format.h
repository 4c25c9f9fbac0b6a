/*
 * page_format.h — how the pages show values: times in local time, step
 * kinds, names of processes and steps looked up from their keys.
 * Display only: nothing here writes HTML or changes data; strings returned
 * live in the request arena (or in the ProcessSet, which outlives it).
 */
#ifndef LOTS_WEB_PAGE_FORMAT_H
#define LOTS_WEB_PAGE_FORMAT_H

#include "core/process.h"
#include "web/request.h"

/* "2026-11-24T17:30:08Z" (UTC) → "2026-11-24 18:30" in local time; a value
 * that does not parse is returned as it is, "" for NULL. */
const char *when_text(Request *r, const char *iso);
/* The date part (first ten characters) of an ISO time, in local time. */
const char *date_text(Request *r, const char *iso);

/* "Arbetssteg", "Förankring", "Beslut", "Avslutat". */
const char *step_kind_label(StepKind kind);
/* A short class name for the kind's badge: "work", "anchoring" … */
const char *step_kind_class(StepKind kind);

/* The step's name, or its key when the process or step is unknown. */
const char *step_name_of(const ProcessSet *ps, const char *process, const char *step);
/* The process's name, or its key when unknown. */
const char *process_name_of(const ProcessSet *ps, const char *process);

#endif
