/*
 * settings.c — reading and validating organisation settings.
 */
#include "core/settings.h"
#include "base/buf.h"
#include "base/text.h"
#include "core/decide.h"

#include <string.h>

char *setting_get(Db *db, const char *key, const char *fallback)
{
    Err e = ERR_INIT;
    char *v = db_text(db, &e, "SELECT value FROM settings WHERE key = :k", DB_ARGS(DB_TEXT(":k", key)));
    return v ? v : xstrdup(fallback);
}

/* A series prefix: upper-case letters (Swedish ones included), 1–10 of them. */
static bool prefix_valid(const char *s)
{
    if (!utf8_valid(s) || utf8_length(s) < 1 || utf8_length(s) > 10) return false;
    for (const char *p = s; *p;) {
        if (*p >= 'A' && *p <= 'Z') { p++; continue; }
        if (!strncmp(p, "Å", 2) || !strncmp(p, "Ä", 2) || !strncmp(p, "Ö", 2)) { p += 2; continue; }
        return false;
    }
    return true;
}

ErrCode setting_set(Db *db, const char *key, const char *value, Err *e)
{
    if (strcmp(key, "ref_prefix") == 0) {
        if (!prefix_valid(value))
            return err_set(e, ERR_INVALID, "Diarieprefixet måste vara 1–10 versaler (A–Ö), t.ex. HS.");
    } else if (strcmp(key, "decision_rules") == 0) {
        if (!rules_builtin(value))
            return err_set(e, ERR_INVALID, "Okänt regelverk för beslutsvägar '%s' (inbyggda: orebro, vgr).", value);
    } else {
        return err_set(e, ERR_INVALID, "Okänd inställning '%s' (kända: ref_prefix, decision_rules).", key);
    }
    return db_exec(db, e,
                   "INSERT INTO settings (key, value) VALUES (:k, :v) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                   DB_ARGS(DB_TEXT(":k", key), DB_TEXT(":v", value)));
}
