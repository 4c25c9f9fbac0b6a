/*
 * settings.h — organisation settings kept in the database (key → value),
 * e.g. ref_prefix, the series prefix of reference numbers ("HS").
 */
#ifndef LOTS_CORE_SETTINGS_H
#define LOTS_CORE_SETTINGS_H

#include "base/err.h"
#include "store/db.h"

/* Returns a malloc'd copy of the value, or of `fallback` if unset. */
char *setting_get(Db *db, const char *key, const char *fallback);
/* Validates known keys (ref_prefix: 1–10 of A–Z, Å, Ä, Ö) and stores. */
ErrCode setting_set(Db *db, const char *key, const char *value, Err *e);

#endif
