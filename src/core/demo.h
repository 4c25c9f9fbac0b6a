/*
 * demo.h — demo data for `lots init --demo`: the bodies named in the seeds,
 * a few users, and a dozen realistic cases spread over processes and steps.
 */
#ifndef LOTS_CORE_DEMO_H
#define LOTS_CORE_DEMO_H

#include "base/err.h"
#include "core/process.h"
#include "store/db.h"

/* Fills an empty, migrated database. Creates the admin account with a fresh
 * random password written to admin_password (printed once by the caller).
 * Refuses a database that already has users. */
ErrCode demo_load(Db *db, const ProcessSet *ps, char admin_password[33], Err *e);

#endif
