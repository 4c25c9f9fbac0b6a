/*
 * spc_chart.c — the chart types by name, and what each accepts as a point.
 * The one place that says which charts need a denominator and which values
 * make no sense (a negative count, a proportion above one, a zero time
 * between events), so the CLI, the API and spc_compute refuse alike.
 */
#include "core/spc.h"

#include <math.h>
#include <string.h>

static const struct {
    SpcChart chart;
    const char *name, *label;
    const char *missing_n; /* NULL: the chart takes no denominator */
    bool count;            /* y is a count or a number of cases: never negative */
} charts[] = {
    {SPC_RUN, "run", "seriediagram", NULL, false},
    {SPC_I, "i", "I-diagram", NULL, false},
    {SPC_MR, "mr", "MR-diagram", NULL, false},
    {SPC_C, "c", "c-diagram", NULL, true},
    {SPC_U, "u", "u-diagram", "saknas (krävs för u-diagram)", true},
    {SPC_UP, "up", "u′-diagram (Laney)", "saknas (krävs för u′-diagram)", true},
    {SPC_P, "p", "p-diagram", "saknas (krävs för p-diagram)", true},
    {SPC_PP, "pp", "p′-diagram (Laney)", "saknas (krävs för p′-diagram)", true},
    {SPC_G, "g", "g-diagram", NULL, true},
    {SPC_T, "t", "t-diagram", NULL, false},
};
enum { NCHARTS = sizeof charts / sizeof *charts };

static int find(SpcChart c)
{
    for (int i = 0; i < NCHARTS; i++)
        if (charts[i].chart == c) return i;
    return -1;
}

bool spc_chart_parse(const char *name, SpcChart *out)
{
    for (int i = 0; name && i < NCHARTS; i++)
        if (!strcmp(charts[i].name, name)) {
            *out = charts[i].chart;
            return true;
        }
    return false;
}

const char *spc_chart_name(SpcChart c)
{
    int i = find(c);
    return i < 0 ? "?" : charts[i].name;
}

const char *spc_chart_label(SpcChart c)
{
    int i = find(c);
    return i < 0 ? "okänt diagram" : charts[i].label;
}

bool spc_chart_needs_n(SpcChart c)
{
    int i = find(c);
    return i >= 0 && charts[i].missing_n;
}

const char *spc_chart_names(void)
{
    return "run, i, mr, c, u, up, p, pp, g, t";
}

const char *spc_field_noun(const char *field)
{
    return field && !strcmp(field, "n") ? "nämnaren n" : "värdet y";
}

const char *spc_point_problem(SpcChart c, double y, double n, const char **field)
{
    int i = find(c);
    *field = "y";
    if (i < 0) return "hör till ett okänt diagram";
    if (isinf(y)) return "måste vara ett ändligt tal";
    if (isnan(y)) return NULL; /* a missing value is allowed: a gap in the series */
    if (charts[i].count && y < 0) return "får inte vara negativt (det är ett antal)";
    if (c == SPC_T && y <= 0) return "måste vara större än 0 (tid mellan händelser i t-diagram)";
    if (!charts[i].missing_n) return NULL;
    *field = "n";
    if (isnan(n)) return charts[i].missing_n;
    if (!isfinite(n) || n <= 0) return "måste vara större än 0";
    if ((c == SPC_P || c == SPC_PP) && y > n) {
        *field = "y";
        return "får inte vara större än nämnaren n (en andel i p-diagram)";
    }
    return NULL;
}
