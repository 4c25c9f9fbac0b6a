/*
 * fuzz_import.c — libFuzzer target for the CSV imports of outside files, all
 * against one temporary, migrated SQLite database per process holding the
 * demo organisation and plans and a few deviations and complaints
 * (fuzz_db.h):
 *
 *   first byte % 6   importer
 *   0                org_import_csv (core/org_import.c)
 *   1, 2             deviation_import_csv, deviations / complaints with the
 *                    standard headers (core/deviation_import.c)
 *   3                import_mapping_parse (core/deviation_mapping.c) on the
 *                    text before the first NUL, then deviation_import_csv
 *                    through that mapping on the rest (the mapping's
 *                    `import =` decides the kind, else bit 0 of byte0 / 6)
 *   4                plan_structure_import (core/plan_structure.c)
 *   5                plan_import_csv, indicator values (core/plan_import.c)
 *
 * The invariant that matters most: imports are all or nothing. A refused
 * file leaves every table with as many rows as it had, commits nothing (a
 * second connection's PRAGMA data_version) and leaves no transaction open; its message is UTF-8 and a
 * "rad N:" in it names a line of the file ("mappningen rad N:" one of the
 * mapping). An accepted file adds exactly what its counts say (units,
 * municipalities and people; deviations or complaints and one import;
 * plans and items), and importing it a second time is allowed and changes
 * nothing more: deviations and complaints are then all "existing", plan
 * items all "unchanged", indicator values all rewritten with the same
 * values. After an accepted file the database is restored, so each input
 * starts from the same state and a failing input reproduces alone.
 *
 * Must not: read files, print unless aborting.
 */
#define FUZZ_NAME "fuzz_import"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "fuzz_db.h"

#include "core/deviation.h"
#include "core/deviation_internal.h"
#include "core/org.h"
#include "core/plan.h"

enum { IMP_ORG, IMP_DEVIATIONS, IMP_COMPLAINTS, IMP_MAPPED, IMP_PLAN_STRUCTURE, IMP_PLAN_VALUES, IMP_N };

static FuzzSnapshot baseline;  /* with a hash of every table's rows */
static long long commits_before; /* fuzz_db_commits() before the import */

/* The file the import read, for naming lines. */
typedef struct {
    const uint8_t *csv, *mapping;
    size_t ncsv, nmapping;
} Input;

/* After a refusal: a message naming a line of the file, no transaction left
 * open, nothing committed and every table with the rows it had. (With no
 * commit and no open transaction SQLite has undone every write, so the
 * rows need not be hashed as well: that would cost milliseconds a run.) */
static void check_refused(const char *what, const Input *in, const Err *e)
{
    fuzz_check_message(e);
    fuzz_check_rad(e, "rad", in->csv, in->ncsv);
    if (in->mapping) fuzz_check_rad(e, "mappningen rad", in->mapping, in->nmapping);
    fuzz_db_no_transaction(what);
    CHECK(fuzz_db_commits() == commits_before, "%s committed to the database", what);
    FuzzSnapshot now;
    fuzz_db_snapshot(&now, false);
    fuzz_db_same(&baseline, &now, what);
}

static long long delta(const FuzzSnapshot *after, const FuzzSnapshot *before, const char *table)
{
    return fuzz_db_rows(after, table) - fuzz_db_rows(before, table);
}

/* --- the organisation ------------------------------------------------------------------------------- */

static void import_org(const Input *in)
{
    FuzzDb *f = fuzz_db_get();
    OrgImportCounts c;
    Err e = ERR_INIT;
    ErrCode rc = org_import_csv(f->db, (const char *)in->csv, in->ncsv, &c, &e);
    if (rc) {
        CHECK(rc == e.code, "org_import_csv returned %d, the error says %d", (int)rc, (int)e.code);
        check_refused("a refused org_import_csv", in, &e);
        return;
    }
    fuzz_db_no_transaction("org_import_csv");
    FuzzSnapshot now;
    fuzz_db_snapshot(&now, false);
    CHECK(delta(&now, &baseline, "units") == c.units && delta(&now, &baseline, "municipalities") == c.municipalities &&
              delta(&now, &baseline, "people") == c.people,
          "org_import_csv counted %d units, %d municipalities, %d people but added %lld, %lld, %lld", c.units,
          c.municipalities, c.people, delta(&now, &baseline, "units"), delta(&now, &baseline, "municipalities"),
          delta(&now, &baseline, "people"));
    fuzz_db_reset();
}

/* --- deviations and complaints ---------------------------------------------------------------------- */

static void check_mapping(const ImportMapping *m, const Input *in)
{
    long lines = fuzz_count_lines(in->mapping, in->nmapping);
    CHECK(m->date_format && date_format_valid(m->date_format), "the mapping's date format is not one");
    CHECK(m->sep == 0 || m->sep == ';' || m->sep == ',' || m->sep == '\t', "separator 0x%02X", (unsigned char)m->sep);
    for (size_t i = 0; i < m->nentries; i++) {
        const MapEntry *me = &m->entries[i];
        CHECK(me->field && *me->field && me->value, "entry %zu lacks field or value", i);
        CHECK(me->line >= 1 && me->line <= lines, "entry '%s' on line %d of %ld", me->field, me->line, lines);
        CHECK(me->how == MAP_FIXED || me->how == MAP_IGNORE || *me->value, "entry '%s' maps to no column", me->field);
    }
    for (size_t i = 0; i < m->ntranslations; i++) {
        const MapTranslation *t = &m->translations[i];
        CHECK(t->field && t->from_key && *t->from_key && t->to, "translation %zu is not whole", i);
        CHECK(t->line >= 1 && t->line <= lines, "translation on line %d of %ld", t->line, lines);
    }
}

static void import_deviations(const Input *in, ImportKind kind, const ImportMapping *m)
{
    FuzzDb *f = fuzz_db_get();
    ImportOptions opt = {
        .kind = kind, .mapping = m, .file_name = "fuzz.csv", .mapping_name = m ? "fuzz.mappning" : NULL};
    import_mapping_kind(m, &opt.kind);
    const char *table = opt.kind == IMPORT_COMPLAINTS ? "complaints" : "deviations";
    const char *other = opt.kind == IMPORT_COMPLAINTS ? "deviations" : "complaints";
    ImportCounts c;
    Err e = ERR_INIT;
    ErrCode rc = deviation_import_csv(f->db, &f->writer, (const char *)in->csv, in->ncsv, &opt, &c, &e);
    if (rc) {
        CHECK(rc == e.code, "deviation_import_csv returned %d, the error says %d", (int)rc, (int)e.code);
        check_refused("a refused deviation_import_csv", in, &e);
        return;
    }
    fuzz_db_no_transaction("deviation_import_csv");
    FuzzSnapshot once, twice;
    fuzz_db_snapshot(&once, false);
    CHECK(c.read == c.added + c.existing, "%d read but %d added and %d existing", c.read, c.added, c.existing);
    CHECK(delta(&once, &baseline, table) == c.added && delta(&once, &baseline, other) == 0 &&
              delta(&once, &baseline, "imports") == 1 && c.import_id > 0,
          "deviation_import_csv counted %d added but %lld %s, %lld %s and %lld imports came", c.added,
          delta(&once, &baseline, table), table, delta(&once, &baseline, other), other,
          delta(&once, &baseline, "imports"));

    /* The reference is the key: the same file again adds nothing. */
    ImportCounts again;
    rc = deviation_import_csv(f->db, &f->writer, (const char *)in->csv, in->ncsv, &opt, &again, &e);
    CHECK(rc == ERR_OK, "importing the same %s again fails: %s", table, e.msg);
    fuzz_db_snapshot(&twice, false);
    CHECK(again.read == c.read && again.added == 0 && again.existing == c.read,
          "the same file again: %d read, %d added, %d existing (first %d read)", again.read, again.added,
          again.existing, c.read);
    CHECK(delta(&twice, &once, table) == 0 && delta(&twice, &once, "imports") == 1,
          "the same file again added %lld %s", delta(&twice, &once, table), table);
    fuzz_db_reset();
}

static void import_mapped(const Input *whole, ImportKind kind)
{
    const uint8_t *nul = memchr(whole->csv, 0, whole->ncsv);
    Input in = {.mapping = whole->csv, .nmapping = nul ? (size_t)(nul - whole->csv) : whole->ncsv};
    in.csv = nul ? nul + 1 : whole->csv + whole->ncsv;
    in.ncsv = nul ? whole->ncsv - in.nmapping - 1 : 0;
    ImportMapping *m = (ImportMapping *)&m; /* must be reset */
    Err e = ERR_INIT;
    ErrCode rc = import_mapping_parse((const char *)in.mapping, in.nmapping, &m, &e);
    if (rc) {
        CHECK(rc == e.code && m == NULL, "import_mapping_parse failed (%d, %d) but left a mapping", (int)rc,
              (int)e.code);
        fuzz_check_message(&e);
        fuzz_check_rad(&e, "mappningen rad", in.mapping, in.nmapping);
        return;
    }
    CHECK(m != NULL, "import_mapping_parse succeeded without a mapping");
    check_mapping(m, &in);
    import_deviations(&in, kind, m);
    import_mapping_free(m);
}

/* --- plans --------------------------------------------------------------------------------------------- */

static void import_plan_structure(const Input *in)
{
    FuzzDb *f = fuzz_db_get();
    PlanStructureCounts c;
    Err e = ERR_INIT;
    ErrCode rc = plan_structure_import(f->db, (const char *)in->csv, in->ncsv, &c, &e);
    if (rc) {
        CHECK(rc == e.code, "plan_structure_import returned %d, the error says %d", (int)rc, (int)e.code);
        check_refused("a refused plan_structure_import", in, &e);
        return;
    }
    fuzz_db_no_transaction("plan_structure_import");
    FuzzSnapshot once, twice;
    fuzz_db_snapshot(&once, true);
    CHECK(delta(&once, &baseline, "plans") == c.plans_new && delta(&once, &baseline, "plan_items") == c.items_new,
          "plan_structure_import counted %d plans and %d items new but %lld and %lld came", c.plans_new, c.items_new,
          delta(&once, &baseline, "plans"), delta(&once, &baseline, "plan_items"));

    /* The same file again finds every plan and item as it left them. */
    PlanStructureCounts again;
    rc = plan_structure_import(f->db, (const char *)in->csv, in->ncsv, &again, &e);
    CHECK(rc == ERR_OK, "importing the same plan structure again fails: %s", e.msg);
    int items = c.items_new + c.items_updated + c.items_unchanged;
    CHECK(again.plans_new == 0 && again.items_new == 0 && again.items_updated == 0 && again.items_unchanged == items,
          "the same file again: %d plans new, %d items new, %d updated, %d unchanged (of %d)", again.plans_new,
          again.items_new, again.items_updated, again.items_unchanged, items);
    fuzz_db_snapshot(&twice, true);
    fuzz_db_same(&once, &twice, "importing the same plan structure again");
    fuzz_db_reset();
}

static void import_plan_values(const Input *in)
{
    FuzzDb *f = fuzz_db_get();
    PlanImportCounts c;
    Err e = ERR_INIT;
    ErrCode rc = plan_import_csv(f->db, (const char *)in->csv, in->ncsv, f->writer.id, &c, &e);
    if (rc) {
        CHECK(rc == e.code, "plan_import_csv returned %d, the error says %d", (int)rc, (int)e.code);
        check_refused("a refused plan_import_csv", in, &e);
        return;
    }
    fuzz_db_no_transaction("plan_import_csv");
    FuzzSnapshot once, twice;
    fuzz_db_snapshot(&once, false);
    CHECK(c.rows >= 1 && c.indicators >= 1 && c.indicators <= c.rows, "plan_import_csv counted %d rows, %d indicators",
          c.rows, c.indicators);
    long long added = delta(&once, &baseline, "indicator_values");
    CHECK(added >= 0 && added <= c.rows, "%d rows added %lld indicator values", c.rows, added);

    PlanImportCounts again;
    rc = plan_import_csv(f->db, (const char *)in->csv, in->ncsv, f->writer.id, &again, &e);
    CHECK(rc == ERR_OK, "importing the same indicator values again fails: %s", e.msg);
    CHECK(again.rows == c.rows && again.indicators == c.indicators, "the same file again: %d rows, %d indicators",
          again.rows, again.indicators);
    fuzz_db_snapshot(&twice, false);
    CHECK(delta(&twice, &once, "indicator_values") == 0, "the same file again added %lld indicator values",
          delta(&twice, &once, "indicator_values"));
    fuzz_db_reset();
}

/* --- the target ------------------------------------------------------------------------------------------ */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    fuzz_db_get();
    if (!baseline.n) fuzz_db_snapshot(&baseline, true);
    commits_before = fuzz_db_commits();
    /* An exact-size copy so a read past the end is caught. */
    size_t n = size - 1;
    uint8_t *text = malloc(n ? n : 1);
    if (n) memcpy(text, data + 1, n);
    Input in = {.csv = text, .ncsv = n};
    switch (data[0] % IMP_N) {
    case IMP_ORG: import_org(&in); break;
    case IMP_DEVIATIONS: import_deviations(&in, IMPORT_DEVIATIONS, NULL); break;
    case IMP_COMPLAINTS: import_deviations(&in, IMPORT_COMPLAINTS, NULL); break;
    case IMP_MAPPED: import_mapped(&in, (data[0] / IMP_N) & 1 ? IMPORT_COMPLAINTS : IMPORT_DEVIATIONS); break;
    case IMP_PLAN_STRUCTURE: import_plan_structure(&in); break;
    case IMP_PLAN_VALUES: import_plan_values(&in); break;
    }
    free(text);
    return 0;
}
