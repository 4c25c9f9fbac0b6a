/*
 * plan_structure.c — plans and their trees from a CSV file, all or nothing,
 * so an organisation keeps its own governing plans without code.
 *
 * The file (docs/guide.md, "Importera planer och deras träd"):
 *   - UTF-8 (a byte order mark is skipped); separator ';' or ','; quoted
 *     fields as Excel writes them (base/csv.h).
 *   - The first line is a header naming the columns in any order; case,
 *     å/ä/ö, spaces and underscores do not matter:
 *       plan              required: the plan's key (a–z, 0–9, - and _)
 *       plannamn          the plan's name; required on the first row of a new plan
 *       plantyp           strategi, genomförandeplan, verksamhetsplan,
 *                         strategikarta, annan (default annan)
 *       förvaltning       the administration that owns it; empty: regional
 *       bygger_på         key of the plan it breaks down
 *       tolerans          percent for "delvis uppnått" (default 5)
 *       kod               the item's code, unique within the plan; empty: a row
 *                         for the plan alone
 *       överordnad        the parent item's code; empty at the top. A parent
 *                         must stand on an earlier line (or already exist).
 *       sort              område, delområde, effektmål, aktivitet, indikator
 *                         (or area, delomrade, goal, activity, indicator)
 *       titel, beskrivning, strategisk_ägare, uppdragsansvarig
 *       bryter_ner        plan-key:item-code of the (regional) item this one
 *                         breaks down
 *       enhet, riktning (högre|lägre), periodtyp (tertial|kvartal|månad|år)
 *                         indicators only
 *   - A plan that does not exist is created from its first row; an existing
 *     plan's own fields are left as they are. An item code that exists in the
 *     plan updates that item (title, description, owners, bryter_ner, unit,
 *     direction) for the columns present; its sort and parent cannot change.
 * The first bad line stops the import and is named ("rad 7: okänd överordnad
 * punkt 'NV-9' i plan 'hsf'"); nothing is written then.
 */
#include "core/plan_internal.h"
#include "core/freetext.h"
#include "base/csv.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

enum { S_PLAN, S_PNAME, S_PKIND, S_ORG, S_BASED, S_TOL, S_CODE, S_PARENT, S_KIND, S_TITLE, S_DESC, S_SOWNER,
       S_AOWNER, S_REFERS, S_UNIT, S_DIR, S_PTYPE, S_COUNT };

static const struct {
    const char *name; /* folded */
    int col;
} scols[] = {
    {"plan", S_PLAN},           {"plankey", S_PLAN},
    {"plannyckel", S_PLAN},     {"plannamn", S_PNAME},
    {"planname", S_PNAME},      {"plantyp", S_PKIND},
    {"plankind", S_PKIND},      {"forvaltning", S_ORG},
    {"organisation", S_ORG},    {"byggerpa", S_BASED},
    {"basedon", S_BASED},       {"tolerans", S_TOL},
    {"tolerance", S_TOL},       {"kod", S_CODE},
    {"code", S_CODE},           {"overordnad", S_PARENT},
    {"parent", S_PARENT},       {"sort", S_KIND},
    {"kind", S_KIND},           {"titel", S_TITLE},
    {"rubrik", S_TITLE},        {"title", S_TITLE},
    {"beskrivning", S_DESC},    {"description", S_DESC},
    {"strategiskagare", S_SOWNER}, {"strategicowner", S_SOWNER},
    {"uppdragsansvarig", S_AOWNER}, {"assignmentowner", S_AOWNER},
    {"bryterner", S_REFERS},     {"refersto", S_REFERS},
    {"enhet", S_UNIT},          {"unit", S_UNIT},
    {"riktning", S_DIR},        {"direction", S_DIR},
    {"periodtyp", S_PTYPE},     {"periodtype", S_PTYPE},
};

/* "Bygger_på" → "byggerpa", "Effektmål" → "effektmal". */
static char *fold(const char *s)
{
    char *low = fold_lower(s);
    Buf b = BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)low; *p; p++) {
        if (*p == ' ' || *p == '_' || *p == '\t' || *p == '-') continue;
        if (p[0] == 0xc3 && (p[1] == 0xa5 || p[1] == 0xa4 || p[1] == 0x85 || p[1] == 0x84)) { /* å ä Å Ä */
            buf_putc(&b, 'a');
            p++;
        } else if (p[0] == 0xc3 && (p[1] == 0xb6 || p[1] == 0x96)) { /* ö Ö */
            buf_putc(&b, 'o');
            p++;
        } else {
            buf_putc(&b, (char)*p);
        }
    }
    free(low);
    char *out = buf_take(&b);
    return out ? out : xstrdup("");
}

static const char *plan_kind_word(const char *folded)
{
    static const struct {
        const char *in, *kind;
    } k[] = {{"strategi", "strategi"},           {"genomforandeplan", "genomforandeplan"},
             {"verksamhetsplan", "verksamhetsplan"}, {"strategikarta", "strategikarta"},
             {"annan", "plan"},                   {"plan", "plan"},
             {"", "plan"}};
    for (size_t i = 0; i < sizeof k / sizeof *k; i++)
        if (!strcmp(folded, k[i].in)) return k[i].kind;
    return NULL;
}

static const char *item_kind_word(const char *folded)
{
    static const struct {
        const char *in, *kind;
    } k[] = {{"omrade", "area"},     {"area", "area"},         {"delomrade", "delomrade"},
             {"effektmal", "goal"},  {"goal", "goal"},         {"mal", "goal"},
             {"aktivitet", "activity"}, {"activity", "activity"}, {"indikator", "indicator"},
             {"indicator", "indicator"}};
    for (size_t i = 0; i < sizeof k / sizeof *k; i++)
        if (!strcmp(folded, k[i].in)) return k[i].kind;
    return NULL;
}

static bool direction_word(const char *folded, Direction *d)
{
    if (!strcmp(folded, "hogre") || !strcmp(folded, "higher")) *d = DIR_HIGHER;
    else if (!strcmp(folded, "lagre") || !strcmp(folded, "lower")) *d = DIR_LOWER;
    else return false;
    return true;
}

static bool period_type_word(const char *folded, PeriodType *t)
{
    if (!strcmp(folded, "tertial")) *t = PERIOD_TERTIAL;
    else if (!strcmp(folded, "kvartal") || !strcmp(folded, "quarter")) *t = PERIOD_QUARTER;
    else if (!strcmp(folded, "manad") || !strcmp(folded, "month")) *t = PERIOD_MONTH;
    else if (!strcmp(folded, "ar") || !strcmp(folded, "year")) *t = PERIOD_YEAR;
    else return false;
    return true;
}

typedef struct {
    long long plan;
    char *code;
    int line;
} SeenItem;

typedef struct {
    Db *db;
    int cols[S_COUNT];
    SeenItem *seen;
    size_t nseen, capseen;
    PlanStructureCounts *counts;
    int rows;
} Im;

static const char *cell(const Im *im, const CsvRecord *r, int col)
{
    int i = im->cols[col];
    return i >= 0 && i < r->n ? r->f[i] : "";
}

static bool has(const Im *im, int col)
{
    return im->cols[col] >= 0;
}

static ErrCode read_header(Im *im, const CsvRecord *r, Err *e)
{
    for (int c = 0; c < S_COUNT; c++) im->cols[c] = -1;
    for (int i = 0; i < r->n; i++) {
        char *name = fold(r->f[i]);
        int col = -1;
        for (size_t k = 0; k < sizeof scols / sizeof *scols && col < 0; k++)
            if (!strcmp(name, scols[k].name)) col = scols[k].col;
        free(name);
        if (col < 0) {
            if (is_blank(r->f[i])) continue;
            return err_set(e, ERR_INVALID,
                           "rad %d: okänd kolumn '%s' (kolumnerna är plan, plannamn, plantyp, förvaltning, "
                           "bygger_på, tolerans, kod, överordnad, sort, titel, beskrivning, strategisk_ägare, "
                           "uppdragsansvarig, bryter_ner, enhet, riktning, periodtyp)",
                           r->line, r->f[i]);
        }
        if (im->cols[col] >= 0)
            return err_set(e, ERR_INVALID, "rad %d: kolumnen '%s' står två gånger", r->line, r->f[i]);
        im->cols[col] = i;
    }
    if (im->cols[S_PLAN] < 0)
        return err_set(e, ERR_INVALID, "rad %d: första raden ska vara en rubrikrad med minst kolumnen plan "
                                       "(t.ex. plan;plannamn;plantyp;kod;överordnad;sort;titel)",
                       r->line);
    if (im->cols[S_CODE] >= 0 && (im->cols[S_KIND] < 0 || im->cols[S_TITLE] < 0))
        return err_set(e, ERR_INVALID, "rad %d: med kolumnen kod behövs också kolumnerna sort och titel", r->line);
    return ERR_OK;
}

/* The plan named on the row, created from the row if new. */
static ErrCode row_plan(Im *im, const CsvRecord *r, const char *key, long long *plan, Err *e)
{
    err_clear(e);
    *plan = db_int(im->db, e, "SELECT id FROM plans WHERE key = :k", DB_ARGS(DB_TEXT(":k", key)), 0);
    if (e->code || *plan) return e->code;
    char *name = trim_dup(cell(im, r, S_PNAME));
    char *kindf = fold(cell(im, r, S_PKIND));
    char *org = trim_dup(cell(im, r, S_ORG));
    char *based = trim_dup(cell(im, r, S_BASED));
    char *tol = trim_dup(cell(im, r, S_TOL));
    const char *kind = plan_kind_word(kindf);
    PlanNew in = {.key = key, .name = name, .kind = kind, .organisation = org, .tolerance_pct = 5};
    ErrCode rc = ERR_OK;
    if (!*name)
        rc = err_set(e, ERR_INVALID, "planen '%s' finns inte – ange plannamn för att skapa den", key);
    else if (!kind)
        rc = err_set(e, ERR_INVALID,
                     "okänd plantyp '%s' (strategi, genomförandeplan, verksamhetsplan, strategikarta eller annan)",
                     cell(im, r, S_PKIND));
    else if (*tol && !plan_number_parse(tol, &in.tolerance_pct))
        rc = err_set(e, ERR_INVALID, "toleransen '%s' är inte ett tal", tol);
    else if (*based && plan_resolve(im->db, based, &in.based_on, e))
        rc = err_set(e, e->code, "planen '%s' som planen bygger på finns inte", based);
    else if (plan_insert(im->db, &in, plan, e))
        rc = e->code;
    else
        im->counts->plans_new++;
    free(name);
    free(kindf);
    free(org);
    free(based);
    free(tol);
    return rc;
}

/* "plan-key:item-code" → the item's id. */
static ErrCode resolve_refers(Im *im, const char *s, long long self_plan, long long *id, Err *e)
{
    const char *colon = strchr(s, ':');
    if (!colon || colon == s || !colon[1])
        return err_set(e, ERR_INVALID, "bryter_ner '%s' ska skrivas plan:kod (t.ex. genomforandeplan:NV-1)", s);
    char *pkey = xstrndup(s, (size_t)(colon - s));
    long long plan = 0;
    ErrCode rc = ERR_OK;
    if (plan_resolve(im->db, pkey, &plan, e))
        rc = err_set(e, e->code, "bryter_ner: planen '%s' finns inte", pkey);
    else if (plan == self_plan)
        rc = err_set(e, ERR_INVALID, "bryter_ner pekar på en punkt i en annan plan (den regionala), inte i '%s'", pkey);
    else if (plan_item_by_code(im->db, plan, colon + 1, id, e))
        rc = err_set(e, e->code, "bryter_ner: punkten '%s' finns inte i plan '%s'", colon + 1, pkey);
    free(pkey);
    return rc;
}

static ErrCode check_update_texts(const PlanItemNew *in, Err *e)
{
    if (freetext_check("Rubrik", in->title, PLAN_TITLE_MAX, true, e) ||
        freetext_check("Beskrivning", in->description, PLAN_TEXT_MAX, false, e) ||
        freetext_check("Strategisk ägare", in->strategic_owner, PLAN_OWNER_MAX, false, e) ||
        freetext_check("Uppdragsansvarig", in->assignment_owner, PLAN_OWNER_MAX, false, e) ||
        freetext_check("Enhet", in->unit, PLAN_UNIT_MAX, false, e))
        return e->code;
    return ERR_OK;
}

/* An existing item: its sort and parent must agree; texts are rewritten. */
static ErrCode update_item(Im *im, long long id, const PlanItemNew *in, bool has_dir, bool has_ptype, Err *e)
{
    err_clear(e);
    char *kind = db_text(im->db, e, "SELECT kind FROM plan_items WHERE id = :id", DB_ARGS(DB_INT(":id", id)));
    if (!kind) return e->code ? e->code : err_set(e, ERR_INTERNAL, "planpunkten försvann");
    bool same = !strcmp(kind, in->kind);
    char label[64];
    snprintf(label, sizeof label, "%s", plan_kind_label(kind));
    free(kind);
    if (!same)
        return err_set(e, ERR_INVALID, "punkten '%s' finns redan som %s; sorten kan inte ändras med importen", in->code,
                       label);
    long long parent = db_int(im->db, e, "SELECT COALESCE(parent_id, 0) FROM plan_items WHERE id = :id",
                              DB_ARGS(DB_INT(":id", id)), 0);
    if (e->code) return e->code;
    if (parent != in->parent_id)
        return err_set(e, ERR_INVALID, "punkten '%s' finns redan under en annan överordnad punkt; den kan inte "
                                       "flyttas med importen",
                       in->code);
    if (check_update_texts(in, e)) return e->code;
    int changed = 0;
    if (db_exec(im->db, e,
                "UPDATE plan_items SET title = :t, "
                "description = CASE WHEN :hd THEN :d ELSE description END, "
                "strategic_owner = CASE WHEN :hs THEN :so ELSE strategic_owner END, "
                "assignment_owner = CASE WHEN :ha THEN :ao ELSE assignment_owner END, "
                "refers_to = CASE WHEN :hr THEN :r ELSE refers_to END "
                "WHERE id = :id AND (title <> :t OR (:hd AND description <> :d) OR (:hs AND strategic_owner <> :so) "
                "OR (:ha AND assignment_owner <> :ao) OR (:hr AND COALESCE(refers_to, 0) <> COALESCE(:r, 0)))",
                DB_ARGS(DB_TEXT(":t", in->title), DB_INT(":hd", has(im, S_DESC)),
                        DB_TEXT(":d", in->description ? in->description : ""), DB_INT(":hs", has(im, S_SOWNER)),
                        DB_TEXT(":so", in->strategic_owner ? in->strategic_owner : ""),
                        DB_INT(":ha", has(im, S_AOWNER)),
                        DB_TEXT(":ao", in->assignment_owner ? in->assignment_owner : ""),
                        DB_INT(":hr", has(im, S_REFERS)), in->refers_to ? DB_INT(":r", in->refers_to) : DB_NULL(":r"),
                        DB_INT(":id", id))))
        return e->code;
    changed += db_changes(im->db);
    if (!strcmp(in->kind, "indicator")) {
        if (has_ptype) {
            char *pt = db_text(im->db, e, "SELECT period_type FROM plan_indicators WHERE item_id = :id",
                               DB_ARGS(DB_INT(":id", id)));
            if (!pt) return e->code ? e->code : err_set(e, ERR_INTERNAL, "indikatorn saknar rad");
            bool same_pt = !strcmp(pt, period_type_key(in->period_type));
            free(pt);
            if (!same_pt)
                return err_set(e, ERR_INVALID, "indikatorn '%s' har redan en annan periodtyp; den kan inte ändras "
                                               "med importen",
                               in->code);
        }
        if (db_exec(im->db, e,
                    "UPDATE plan_indicators SET unit = CASE WHEN :hu THEN :u ELSE unit END, "
                    "direction = CASE WHEN :hdir THEN :dir ELSE direction END WHERE item_id = :id "
                    "AND ((:hu AND unit <> :u) OR (:hdir AND direction <> :dir))",
                    DB_ARGS(DB_INT(":hu", has(im, S_UNIT)), DB_TEXT(":u", in->unit ? in->unit : ""),
                            DB_INT(":hdir", has_dir), DB_TEXT(":dir", direction_key(in->direction)),
                            DB_INT(":id", id))))
            return e->code;
        changed += db_changes(im->db);
    }
    if (changed) im->counts->items_updated++;
    else im->counts->items_unchanged++;
    return ERR_OK;
}

static ErrCode item_row(Im *im, const CsvRecord *r, long long plan, const char *pkey, const char *code, Err *e)
{
    for (size_t i = 0; i < im->nseen; i++)
        if (im->seen[i].plan == plan && !strcmp(im->seen[i].code, code))
            return err_set(e, ERR_INVALID, "koden '%s' i plan '%s' står redan på rad %d", code, pkey,
                           im->seen[i].line);
    char *kindf = fold(cell(im, r, S_KIND));
    char *parent = trim_dup(cell(im, r, S_PARENT));
    char *refers = trim_dup(cell(im, r, S_REFERS));
    char *title = trim_dup(cell(im, r, S_TITLE));
    char *unit = trim_dup(cell(im, r, S_UNIT));
    char *dirf = fold(cell(im, r, S_DIR));
    char *ptf = fold(cell(im, r, S_PTYPE));
    const char *kind = item_kind_word(kindf);
    PlanItemNew in = {.plan_id = plan, .kind = kind, .code = code, .title = title,
                      .description = cell(im, r, S_DESC), .strategic_owner = cell(im, r, S_SOWNER),
                      .assignment_owner = cell(im, r, S_AOWNER), .unit = unit, .direction = DIR_HIGHER,
                      .period_type = PERIOD_TERTIAL};
    ErrCode rc = ERR_OK;
    long long existing = 0;
    if (!kind) {
        rc = err_set(e, ERR_INVALID, "okänd sort '%s' (område, delområde, effektmål, aktivitet eller indikator)",
                     cell(im, r, S_KIND));
        goto out;
    }
    if (strcmp(kind, "indicator") && (*unit || *dirf || *ptf)) {
        rc = err_set(e, ERR_INVALID, "bara indikatorer har enhet, riktning och periodtyp ('%s' är %s)", code,
                     plan_kind_label(kind));
        goto out;
    }
    if (*dirf && !direction_word(dirf, &in.direction)) {
        rc = err_set(e, ERR_INVALID, "okänd riktning '%s' (högre eller lägre)", cell(im, r, S_DIR));
        goto out;
    }
    if (*ptf && !period_type_word(ptf, &in.period_type)) {
        rc = err_set(e, ERR_INVALID, "okänd periodtyp '%s' (tertial, kvartal, månad eller år)", cell(im, r, S_PTYPE));
        goto out;
    }
    if (*parent && plan_item_by_code(im->db, plan, parent, &in.parent_id, e)) {
        rc = e->code == ERR_NOTFOUND
                 ? err_set(e, ERR_INVALID,
                           "okänd överordnad punkt '%s' i plan '%s' (en överordnad punkt ska stå på en tidigare rad)",
                           parent, pkey)
                 : e->code;
        goto out;
    }
    if (*refers && (rc = resolve_refers(im, refers, plan, &in.refers_to, e))) goto out;
    err_clear(e);
    existing = db_int(im->db, e, "SELECT id FROM plan_items WHERE plan_id = :p AND code = :c",
                      DB_ARGS(DB_INT(":p", plan), DB_TEXT(":c", code)), 0);
    if (e->code) {
        rc = e->code;
        goto out;
    }
    if (existing) {
        rc = update_item(im, existing, &in, *dirf != 0, *ptf != 0, e);
    } else {
        long long id;
        rc = plan_item_insert(im->db, &in, &id, e);
        if (!rc) im->counts->items_new++;
    }
    if (!rc) {
        if (im->nseen == im->capseen) {
            im->capseen = im->capseen ? im->capseen * 2 : 32;
            im->seen = xrealloc(im->seen, im->capseen * sizeof *im->seen);
        }
        im->seen[im->nseen++] = (SeenItem){plan, xstrdup(code), r->line};
    }
out:
    free(kindf);
    free(parent);
    free(refers);
    free(title);
    free(unit);
    free(dirf);
    free(ptf);
    return rc;
}

static ErrCode import_line(Im *im, const CsvRecord *r, Err *e)
{
    char *key = trim_dup(cell(im, r, S_PLAN));
    char *code = trim_dup(cell(im, r, S_CODE));
    long long plan = 0;
    ErrCode rc = ERR_OK;
    if (!*key) rc = err_set(e, ERR_INVALID, "planens nyckel saknas i kolumnen plan");
    else if (!(rc = row_plan(im, r, key, &plan, e)) && *code) rc = item_row(im, r, plan, key, code, e);
    else if (!rc && !*code && (!is_blank(cell(im, r, S_TITLE)) || !is_blank(cell(im, r, S_KIND))))
        rc = err_set(e, ERR_INVALID, "punktens kod saknas i kolumnen kod");
    free(key);
    free(code);
    return rc;
}

static ErrCode on_header(void *im, const CsvRecord *r, Err *e)
{
    return read_header(im, r, e);
}

static ErrCode on_row(void *ctx, const CsvRecord *r, Err *e)
{
    Im *im = ctx;
    im->rows++;
    return import_line(im, r, e) ? err_prefix(e, ERR_OK, "rad %d: ", r->line) : ERR_OK;
}

static const CsvSteps steps = {on_header, on_row, false, "en rubrikrad"};

ErrCode plan_structure_import(Db *db, const char *text, size_t len, PlanStructureCounts *counts, Err *e)
{
    err_clear(e);
    memset(counts, 0, sizeof *counts);
    CsvReader c;
    if (csv_open(&c, text, len, e)) return e->code;
    Im im = {.db = db, .counts = counts};
    if (db_begin(db, e)) return e->code;
    ErrCode rc = csv_each(&c, &steps, &im, e);
    if (!rc && !im.rows) rc = err_set(e, ERR_INVALID, "filen har inga rader under rubrikraden");
    for (size_t i = 0; i < im.nseen; i++) free(im.seen[i].code);
    free(im.seen);
    if (rc) {
        db_rollback(db);
        memset(counts, 0, sizeof *counts);
        return rc;
    }
    return db_commit(db, e);
}
