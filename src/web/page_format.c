/*
 * page_format.c — showing times, step kinds and names on the pages.
 * Times are stored in UTC (core/ writes iso_now()); people read local time.
 */
#include "web/page_format.h"

#include <string.h>
#include <time.h>

/* Parses "YYYY-MM-DDTHH:MM:SS[Z]" as UTC into a local broken-down time. */
static bool parse_utc(const char *iso, struct tm *local)
{
    struct tm utc;
    memset(&utc, 0, sizeof utc);
    const char *end = iso ? strptime(iso, "%Y-%m-%dT%H:%M:%S", &utc) : NULL;
    if (!end || (*end && strcmp(end, "Z"))) return false;
    time_t t = timegm(&utc);
    return t != (time_t)-1 && localtime_r(&t, local);
}

static const char *format_iso(Request *r, const char *iso, const char *fmt, size_t fallback_len)
{
    struct tm local;
    if (!iso) return "";
    if (!parse_utc(iso, &local)) return arena_strndup(&r->arena, iso, strnlen(iso, fallback_len));
    char out[32];
    strftime(out, sizeof out, fmt, &local);
    return arena_strdup(&r->arena, out);
}

const char *when_text(Request *r, const char *iso)
{
    return format_iso(r, iso, "%Y-%m-%d %H:%M", iso ? strlen(iso) : 0);
}

const char *date_text(Request *r, const char *iso)
{
    return format_iso(r, iso, "%Y-%m-%d", 10);
}

const char *step_kind_label(StepKind kind)
{
    switch (kind) {
    case STEP_ANCHORING: return "Förankring";
    case STEP_DECISION: return "Beslut";
    case STEP_FINAL: return "Avslutat";
    default: return "Arbetssteg";
    }
}

const char *step_kind_class(StepKind kind)
{
    switch (kind) {
    case STEP_ANCHORING: return "anchoring";
    case STEP_DECISION: return "decision";
    case STEP_FINAL: return "final";
    default: return "work";
    }
}

const char *step_name_of(const ProcessSet *ps, const char *process, const char *step)
{
    const ProcessDef *def = process ? process_find(ps, process) : NULL;
    const Step *s = def && step ? process_step(def, step) : NULL;
    return s ? s->name : step ? step : "";
}

const char *process_name_of(const ProcessSet *ps, const char *process)
{
    const ProcessDef *def = process ? process_find(ps, process) : NULL;
    return def ? def->name : process ? process : "";
}
