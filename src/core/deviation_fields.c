/*
 * deviation_fields.c — the vocabulary of deviations and complaints: their
 * fields (API key, Swedish label), kinds, statuses, sources, the severity
 * scale, ISO weeks and months, and the small helpers the other
 * deviation_*.c and complaint*.c files share (labels, dates, categories,
 * unit filters).
 *
 * Must not: open a transaction, or know about HTTP or argv.
 */
#include "core/deviation_internal.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/freetext.h"
#include "core/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const FieldDef deviation_fields[DF_N] = {
    [DF_REF] = {"ref", "Referens", true, false},
    [DF_KIND] = {"kind", "Typ", false, false},
    [DF_EVENT_DATE] = {"event_date", "Händelsedatum", true, true},
    [DF_REPORTED_DATE] = {"reported_date", "Rapporterad", false, true},
    [DF_UNIT] = {"unit", "Enhet", true, false},
    [DF_CATEGORY] = {"category", "Kategori", true, false},
    [DF_SUBCATEGORY] = {"subcategory", "Underkategori", false, false},
    [DF_SEVERITY] = {"severity", "Allvarlighetsgrad", true, false},
    [DF_DESCRIPTION] = {"description", "Beskrivning", true, false},
    [DF_IMMEDIATE_ACTION] = {"immediate_action", "Omedelbar åtgärd", false, false},
    [DF_STATUS] = {"status", "Status", false, false},
    [DF_FEEDBACK] = {"feedback", "Återkoppling", false, false},
    [DF_SERIOUS] = {"serious", "Allvarlig händelse", false, false},
};

const FieldDef complaint_fields[CF_N] = {
    [CF_REF] = {"ref", "Referens", true, false},
    [CF_SOURCE] = {"source", "Källa", true, false},
    [CF_UNIT] = {"unit", "Enhet", true, false},
    [CF_CATEGORY] = {"category", "Kategori", true, false},
    [CF_SUBCATEGORY] = {"subcategory", "Underkategori", false, false},
    [CF_RECEIVED_DATE] = {"received_date", "Inkommet", false, true},
    [CF_EVENT_DATE] = {"event_date", "Händelsedatum", false, true},
    [CF_DESCRIPTION] = {"description", "Beskrivning", true, false},
    [CF_STATUS] = {"status", "Status", false, false},
    [CF_CLOSED_DATE] = {"closed_date", "Avslutat", false, true},
    [CF_ANSWER] = {"answer", "Svar till den klagande", false, false},
};

/* --- words ------------------------------------------------------------------------------------ */

/* Lower case, å ä → a, ö → o, é → e, _ and - → space, spaces collapsed and
 * trimmed: the form in which vocabulary words are compared. */
static char *vocab_key(const char *s)
{
    char *f = fold_lower(s ? s : "");
    Buf b = BUF_INIT;
    bool space = false;
    for (const unsigned char *p = (const unsigned char *)f; *p; p++) {
        char c = (char)*p;
        if (p[0] == 0xC3 && (p[1] == 0xA5 || p[1] == 0xA4 || p[1] == 0xA0 || p[1] == 0xA1)) c = 'a', p++;
        else if (p[0] == 0xC3 && (p[1] == 0xB6 || p[1] == 0xB8)) c = 'o', p++;
        else if (p[0] == 0xC3 && (p[1] == 0xA9 || p[1] == 0xA8)) c = 'e', p++;
        if (c == '_' || c == '-' || c == ' ' || c == '\t') {
            space = b.len > 0;
            continue;
        }
        if (space) buf_putc(&b, ' ');
        space = false;
        buf_putc(&b, c);
    }
    free(f);
    char *out = buf_take(&b);
    return out ? out : xstrdup("");
}

typedef struct {
    const char *in, *out;
} Word;

static const char *lookup(const Word *words, const char *s)
{
    if (!s) return NULL;
    char *k = vocab_key(s);
    const char *found = NULL;
    for (const Word *w = words; w->in && !found; w++)
        if (!strcmp(k, w->in)) found = w->out;
    free(k);
    return found;
}

const char *deviation_kind_parse(const char *s)
{
    static const Word w[] = {{"patient", "patient"},
                             {"patientrelaterad", "patient"},
                             {"vard", "vård"},
                             {"vardrelaterad", "vård"},
                             {"arbetsrelaterad", "arbetsrelaterad"},
                             {"arbetsmiljo", "arbetsrelaterad"},
                             {"tillbud", "tillbud"},
                             {NULL, NULL}};
    return lookup(w, s);
}

const char *deviation_status_parse(const char *s)
{
    static const Word w[] = {{"registrerad", "registrerad"},     {"registrerat", "registrerad"},
                             {"under utredning", "under utredning"}, {"utreds", "under utredning"},
                             {"atgardad", "åtgärdad"},           {"atgardat", "åtgärdad"},
                             {"avslutad", "avslutad"},           {"avslutat", "avslutad"},
                             {NULL, NULL}};
    return lookup(w, s);
}

const char *complaint_source_parse(const char *s)
{
    static const Word w[] = {{"patient", "patient"},
                             {"narstaende", "närstående"},
                             {"ivo", "IVO"},
                             {"inspektionen for vard och omsorg", "IVO"},
                             {"patientnamnden", "Patientnämnden"},
                             {"patientnamnd", "Patientnämnden"},
                             {NULL, NULL}};
    return lookup(w, s);
}

const char *complaint_status_parse(const char *s)
{
    static const Word w[] = {{"registrerat", "registrerat"},     {"registrerad", "registrerat"},
                             {"under utredning", "under utredning"}, {"utreds", "under utredning"},
                             {"besvarat", "besvarat"},           {"besvarad", "besvarat"},
                             {"avslutat", "avslutat"},           {"avslutad", "avslutat"},
                             {NULL, NULL}};
    return lookup(w, s);
}

static const char *const severity_words[] = {"", "mindre", "måttlig", "betydande", "katastrofal"};

int severity_parse(const char *s)
{
    static const Word w[] = {{"1", "1"}, {"1,0", "1"}, {"1.0", "1"}, {"2", "2"}, {"2,0", "2"}, {"2.0", "2"},
                             {"3", "3"}, {"3,0", "3"}, {"3.0", "3"}, {"4", "4"}, {"4,0", "4"}, {"4.0", "4"},
                             {"mindre", "1"}, {"mindre allvarlig", "1"}, {"mattlig", "2"}, {"betydande", "3"},
                             {"katastrofal", "4"}, {NULL, NULL}};
    const char *v = lookup(w, s);
    return v ? v[0] - '0' : 0;
}

const char *severity_label(int severity)
{
    return severity >= 1 && severity <= 4 ? severity_words[severity] : "";
}

int yes_no_parse(const char *s)
{
    static const Word w[] = {{"ja", "1"},   {"j", "1"},    {"x", "1"},     {"1", "1"},      {"true", "1"},
                             {"sant", "1"}, {"yes", "1"},  {"nej", "0"},   {"n", "0"},      {"0", "0"},
                             {"false", "0"}, {"falskt", "0"}, {"no", "0"}, {NULL, NULL}};
    if (is_blank(s)) return 0;
    const char *v = lookup(w, s);
    return v ? v[0] - '0' : -1;
}

/* --- dates --------------------------------------------------------------------------------------- */

/* Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void iso_week_of(const char *date, char out[9])
{
    int y = 0, m = 0, d = 0;
    sscanf(date, "%4d-%2d-%2d", &y, &m, &d);
    long days = days_from_civil(y, m, d);
    long wd = ((days % 7) + 7 + 3) % 7; /* Monday 0 … Sunday 6 (1970-01-01 was a Thursday) */
    long thursday = days - wd + 3;     /* the week belongs to the year of its Thursday */
    int wy = y;
    if (thursday < days_from_civil(wy, 1, 1)) wy--;
    else if (thursday >= days_from_civil(wy + 1, 1, 1)) wy++;
    long week = (thursday - days_from_civil(wy, 1, 1)) / 7 + 1;
    snprintf(out, 9, "%04u-W%02u", (unsigned)wy % 10000u, (unsigned)week % 100u);
}

void month_of(const char *date, char out[8])
{
    snprintf(out, 8, "%.7s", date);
}

ErrCode date_field(const char *label, const char *text, bool required, char out[11], Err *e)
{
    out[0] = '\0';
    if (is_blank(text)) return required ? err_set(e, ERR_INVALID, "%s måste fyllas i.", label) : ERR_OK;
    char *t = trim_dup(text);
    ErrCode rc = ERR_OK;
    char today[11];
    iso_today(today);
    if (!iso_date_valid(t)) rc = err_set(e, ERR_INVALID, "%s: '%s' är inte ett datum (ÅÅÅÅ-MM-DD).", label, t);
    else if (strcmp(t, today) > 0) rc = err_set(e, ERR_INVALID, "%s: %s ligger i framtiden.", label, t);
    else snprintf(out, 11, "%s", t);
    free(t);
    return rc;
}

/* --- shared helpers -------------------------------------------------------------------------------- */

const char *label_or(const char *given, const char *fallback)
{
    return given && *given ? given : fallback;
}

ErrCode require_quality_writer(const Actor *who, Err *e)
{
    if (!who || !role_can_write(who->role))
        return err_set(e, ERR_FORBIDDEN, "Din roll (%s) får inte registrera eller ändra avvikelser och klagomål.",
                       who ? role_label(who->role) : "okänd");
    return ERR_OK;
}

ErrCode filter_date(const char *what, const char *s, char out[11], Err *e)
{
    out[0] = '\0';
    if (is_blank(s)) return ERR_OK;
    char *t = trim_dup(s);
    bool ok = iso_date_valid(t);
    if (ok) snprintf(out, 11, "%s", t);
    else err_set(e, ERR_INVALID, "Filtret %s: '%s' är inte ett datum (ÅÅÅÅ-MM-DD).", what, t);
    free(t);
    return ok ? ERR_OK : ERR_INVALID;
}

ErrCode category_id_for(Db *db, const char *name, long long *id, Err *e)
{
    char *t = trim_dup(name);
    char *key = fold_lower(t);
    *id = db_int(db, e, "SELECT id FROM event_categories WHERE name_key = :k", DB_ARGS(DB_TEXT(":k", key)), 0);
    if (!*id && !e->code)
        *id = db_int(db, e, "INSERT INTO event_categories (name, name_key) VALUES (:n, :k) RETURNING id",
                     DB_ARGS(DB_TEXT(":n", t), DB_TEXT(":k", key)), 0);
    free(t);
    free(key);
    if (e->code) return e->code;
    return *id > 0 ? ERR_OK : err_set(e, ERR_INTERNAL, "kategorin kunde inte sparas");
}

ErrCode unit_filter_id(Db *db, const char *unit, long long *id, Err *e)
{
    *id = 0;
    if (is_blank(unit)) return ERR_OK;
    Unit u;
    Err q = ERR_INIT;
    if (unit_find(db, unit, &u, &q)) return err_set(e, q.code == ERR_INTERNAL ? ERR_INTERNAL : ERR_INVALID, "Filtret enhet: %s", q.msg);
    *id = u.id;
    unit_free(&u);
    return ERR_OK;
}
