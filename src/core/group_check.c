/*
 * group_check.c — composition checks on a group, each problem a Swedish
 * sentence an official can act on:
 *   no_chair               no current ordförande
 *   no_metodstod           a LAG without metodstöd (seed 001 §8)
 *   no_contact             an LPO without kontaktperson (seed 001 §8)
 *   no_patient_rep         a patient-/brukar-/närståendeföreträdare is sought but none sits (LAG)
 *   not_multiprofessional  fewer than two professions among the members proper
 *   no_municipal_rep       the area has municipal parts but no kommunal representant sits
 *   not_rmks_approved      an LPO whose composition RMKS has not approved (seed 001 §7)
 *   changed_after_approval a member of an LPO who came after RMKS approved it
 *   term_passed            a current member whose term (to-date) has passed
 * Which checks apply is data on the group (its flags), with defaults by type
 * (group_add). "today" is injectable so tests pin the date.
 *
 * Must not: change anything, or print.
 */
#include "core/group_internal.h"
#include "base/buf.h"
#include "base/collate.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void add(GroupProblems *p, const char *code, long long member, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void add(GroupProblems *p, const char *code, long long member, const char *fmt, ...)
{
    Buf b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    buf_cstr(&b);
    p->items = xrealloc(p->items, (p->n + 1) * sizeof *p->items);
    p->items[p->n++] = (GroupProblem){xstrdup(code), buf_take(&b), member};
}

/* Members proper: not the support roles (metodstöd, sekreterare,
 * kontaktperson) and not the patient side, whose profession is not the point. */
static bool counts_for_professions(GroupRole r)
{
    return r == GR_ORDFORANDE || r == GR_LEDAMOT || r == GR_ADJUNGERAD || r == GR_KOMMUNAL;
}

/* Distinct professions of the members proper, in Swedish order ("läkare,
 * sjuksköterska"); returns how many. */
static size_t professions(const GroupMember *m, size_t n, Buf *out)
{
    char **list = NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!m[i].current || !counts_for_professions(m[i].role) || !*m[i].professions) continue;
        char *copy = xstrdup(m[i].professions), *save = NULL;
        for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            while (*t == ' ') t++;
            bool seen = false;
            for (size_t j = 0; j < k && !seen; j++) seen = !strcmp(list[j], t);
            if (seen || !*t) continue;
            list = xrealloc(list, (k + 1) * sizeof *list);
            list[k++] = xstrdup(t);
        }
        free(copy);
    }
    for (size_t i = 0; i < k; i++)
        for (size_t j = i + 1; j < k; j++)
            if (sv_compare(list[j], list[i]) < 0) {
                char *t = list[i];
                list[i] = list[j];
                list[j] = t;
            }
    for (size_t i = 0; i < k; i++) {
        buf_printf(out, "%s%s", i ? ", " : "", list[i]);
        free(list[i]);
    }
    free(list);
    buf_cstr(out);
    return k;
}

static void check_members(const Group *g, const GroupMember *m, size_t n, const char *day, GroupProblems *p)
{
    size_t current = 0, by_role[GR_N] = {0}, patient = 0;
    for (size_t i = 0; i < n; i++) {
        if (!m[i].current) continue;
        current++;
        by_role[m[i].role]++;
        if (group_role_is_patient_rep(m[i].role)) patient++;
    }
    if (!current) return; /* the composition is not known, which is not a wrong composition */
    if (!by_role[GR_ORDFORANDE]) add(p, "no_chair", 0, "Gruppen saknar ordförande.");
    if (g->type == GT_LAG && !by_role[GR_METODSTOD])
        add(p, "no_metodstod", 0,
            "Arbetsgruppen saknar metodstöd: ett metodstöd från Kunskapsstödsgruppen ska kopplas till varje lokal "
            "arbetsgrupp.");
    if (g->type == GT_LPO && !by_role[GR_KONTAKTPERSON])
        add(p, "no_contact", 0,
            "Programområdet saknar en namngiven kontaktperson från Kunskapsstödsgruppen.");
    if (g->seeks_patient_rep && !patient)
        add(p, "no_patient_rep", 0,
            "Patient-, brukar- eller närståendeföreträdare eftersträvas i gruppen, men ingen sådan företrädare ingår.");
    if (g->multiprofessional) {
        Buf prof = BUF_INIT;
        size_t k = professions(m, n, &prof);
        if (k == 0)
            add(p, "not_multiprofessional", 0,
                "Gruppen ska vara multiprofessionell, men ingen av ledamöterna har en registrerad profession.");
        else if (k == 1)
            add(p, "not_multiprofessional", 0,
                "Gruppen ska vara multiprofessionell, men alla ledamöter har samma profession (%s).", prof.data);
        buf_free(&prof);
    }
    if (g->has_municipal_parts && !by_role[GR_KOMMUNAL])
        add(p, "no_municipal_rep", 0,
            "Området har kommunala delar, men gruppen har ingen kommunal representant. Kommunala representanter "
            "utses av områdeschefen för Välfärd och folkhälsa via nätverken.");
    for (size_t i = 0; i < n; i++) {
        if (g->type == GT_LPO && *g->rmks_approved_on && m[i].current && *m[i].from_date &&
            strcmp(m[i].from_date, g->rmks_approved_on) > 0)
            add(p, "changed_after_approval", m[i].id,
                "%s (%s) tillkom %s, efter att RMKS godkände sammansättningen %s; den ändrade sammansättningen "
                "behöver godkännas av RMKS.",
                m[i].person_name, group_role_key(m[i].role), m[i].from_date, g->rmks_approved_on);
        if (m[i].term_passed)
            add(p, "term_passed", m[i].id,
                "Uppdraget för %s som %s gick ut %s, men %s står kvar som aktuell %s: avsluta uppdraget eller "
                "förläng det.",
                m[i].person_name, group_role_key(m[i].role), m[i].to_date, m[i].person_name,
                group_role_key(m[i].role));
    }
    (void)day;
}

ErrCode group_check(Db *db, long long group_id, const char *today, GroupProblems *out, Err *e)
{
    memset(out, 0, sizeof *out);
    char day[11];
    group_today(today, day);
    Group g;
    if (group_get(db, group_id, &g, e)) return e->code;
    GroupMember *m;
    size_t n;
    if (group_members(db, group_id, day, &m, &n, e)) {
        group_free(&g);
        return e->code;
    }
    if (g.type == GT_LPO && !*g.rmks_approved_on)
        add(out, "not_rmks_approved", 0,
            "Programområdets sammansättning är inte godkänd av Rådet för medicinskt kunskapsstöd (RMKS).");
    check_members(&g, m, n, day, out);
    group_members_free(m, n);
    group_free(&g);
    return ERR_OK;
}

void group_problems_free(GroupProblems *p)
{
    if (!p) return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->items[i].code);
        free(p->items[i].message);
    }
    free(p->items);
    memset(p, 0, sizeof *p);
}

ErrCode group_check_all(Db *db, const char *today, GroupCheck **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    char day[11];
    group_today(today, day);
    Group *g;
    size_t ng;
    if (group_list(db, day, &g, &ng, e)) return e->code;
    GroupCheck *c = xcalloc(ng ? ng : 1, sizeof *c);
    for (size_t i = 0; i < ng; i++) {
        c[i].group = g[i];
        if (group_check(db, g[i].id, day, &c[i].problems, e)) {
            for (size_t k = i + 1; k < ng; k++) group_free(&g[k]);
            free(g);
            group_check_all_free(c, i + 1);
            return e->code;
        }
    }
    free(g);
    *out = c;
    *n = ng;
    return ERR_OK;
}

void group_check_all_free(GroupCheck *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        group_free(&c[i].group);
        group_problems_free(&c[i].problems);
    }
    free(c);
}
