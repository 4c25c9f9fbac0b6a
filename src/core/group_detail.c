/*
 * group_detail.c — everything the group page and GET /api/v1/groups/{id}
 * show at once: the group, its members, its power (the mandates its members
 * carry), its problems, its current commission, the path it reports along
 * and the groups under it, its mandates (in force and ended) and its
 * history.
 *
 * Must not: change anything, or print.
 */
#include "core/group_internal.h"
#include "base/buf.h"

#include <stdlib.h>
#include <string.h>

ErrCode group_detail(Db *db, long long id, const char *today, GroupDetail *out, Err *e)
{
    memset(out, 0, sizeof *out);
    group_today(today, out->today);
    if (group_get(db, id, &out->group, e)) return e->code;
    Group *all = NULL;
    size_t nall = 0;
    Err q = ERR_INIT;
    if (group_members(db, id, out->today, &out->members, &out->nmembers, e) ||
        group_power(db, id, out->today, &out->power, e) || group_check(db, id, out->today, &out->problems, e) ||
        group_report_path(db, id, &out->path, &out->npath, e) || group_list(db, out->today, &all, &nall, e) ||
        group_mandates(db, id, out->today, &out->mandates, &out->nmandates, e) ||
        group_history(db, id, &out->history, &out->nhistory, e))
        goto fail;
    out->has_commission = commission_current(db, id, &out->commission, &q) == ERR_OK;
    if (!out->has_commission && q.code != ERR_NOTFOUND) {
        *e = q;
        goto fail;
    }
    for (size_t i = 0; i < nall; i++) {
        if (all[i].parent_id == id || all[i].reports_to_id == id) {
            out->subgroups = xrealloc(out->subgroups, (out->nsubgroups + 1) * sizeof *out->subgroups);
            out->subgroups[out->nsubgroups++] = all[i];
        } else {
            group_free(&all[i]);
        }
    }
    free(all);
    return ERR_OK;
fail:
    group_list_free(all, nall);
    group_detail_free(out);
    return e->code;
}

void group_detail_free(GroupDetail *d)
{
    if (!d) return;
    group_free(&d->group);
    group_members_free(d->members, d->nmembers);
    group_power_free(&d->power);
    group_problems_free(&d->problems);
    if (d->has_commission) commission_free(&d->commission);
    group_list_free(d->path, d->npath);
    group_list_free(d->subgroups, d->nsubgroups);
    mandate_list_free(d->mandates, d->nmandates);
    group_history_free(d->history, d->nhistory);
    memset(d, 0, sizeof *d);
}
