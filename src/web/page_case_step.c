/*
 * page_case_step.c — the case page's work in the current step: its
 * checklist (one small form per item) and "Gå vidare", one form per
 * transition out of the step with the engine's blockers shown beside it.
 * A läsare sees the same facts without forms.
 */
#include "web/page_case.h"
#include "web/layout.h"
#include "web/page_format.h"
#include "base/html.h"

#include <string.h>

static const char *const states[] = {"open", "done", "na"};

static void item_meta(Request *r, const ChecklistEntry *ce)
{
    if (!*ce->updated_by && !*ce->updated_at) return;
    html_printf(&r->out, "<p class=\"meta\">%s – %s, <time datetime=\"%s\">%s</time></p>",
                checklist_state_label(ce->state), ce->updated_by, ce->updated_at, when_text(r, ce->updated_at));
}

static void item_legend(Request *r, const ChecklistEntry *ce)
{
    html_printf(&r->out, "<legend>%s", ce->def->text);
    if (ce->def->required) html_raw(&r->out, " <span class=\"req\">(obligatorisk)</span>");
    html_raw(&r->out, "</legend>");
    if (ce->def->help) html_printf(&r->out, "<p class=\"help\">%s</p>", ce->def->help);
}

static void item_form(const CaseView *v, const ChecklistEntry *ce, size_t i)
{
    Request *r = v->r;
    const char *key = ce->def->key;
    const char *state = kept(v, "checklist", "item", key, "state", ce->state);
    html_printf(&r->out, "<form method=\"post\" action=\"%s\"><input type=\"hidden\" name=\"item\" value=\"%s\">",
                url(r, "/cases/%lld/checklist", v->d->c.id), key);
    csrf_field(r);
    html_raw(&r->out, "<fieldset>");
    item_legend(r, ce);
    html_raw(&r->out, "<div class=\"choices\">");
    for (size_t s = 0; s < sizeof states / sizeof *states; s++)
        html_printf(&r->out,
                    "<span class=\"choice\"><input type=\"radio\" id=\"ci-%zu-%s\" name=\"state\" value=\"%s\"%s>"
                    "<label for=\"ci-%zu-%s\">%s</label></span>",
                    i, states[s], states[s], !strcmp(state, states[s]) ? " checked" : "", i, states[s],
                    checklist_state_label(states[s]));
    html_printf(&r->out,
                "</div><div class=\"inline\"><label for=\"ci-%zu-note\">Kommentar</label>"
                "<input id=\"ci-%zu-note\" name=\"note\" maxlength=\"4000\" value=\"%s\">"
                "<button type=\"submit\">Spara<span class=\"visually-hidden\"> %s</span></button></div>",
                i, i, kept(v, "checklist", "item", key, "note", ce->note), ce->def->text);
    item_meta(r, ce);
    html_raw(&r->out, "</fieldset></form>");
}

static void item_readonly(Request *r, const ChecklistEntry *ce)
{
    html_printf(&r->out, "<p><span class=\"state state-%s\">%s</span> %s", ce->state,
                checklist_state_label(ce->state), ce->def->text);
    if (ce->def->required) html_raw(&r->out, " <span class=\"req\">(obligatorisk)</span>");
    html_raw(&r->out, "</p>");
    if (*ce->note) html_printf(&r->out, "<p class=\"prewrap\">%s</p>", ce->note);
    item_meta(r, ce);
}

void case_section_checklist(const CaseView *v)
{
    Request *r = v->r;
    const CaseDetail *d = v->d;
    if (!d->nchecklist && d->step->kind == STEP_FINAL) return;
    html_printf(&r->out, "<section id=\"checklista\" aria-labelledby=\"h-checklist\">"
                         "<h2 id=\"h-checklist\">Checklista – %s</h2>", d->step->name);
    if (!d->nchecklist) {
        html_raw(&r->out, "<p>Steget har ingen checklista.</p></section>");
        return;
    }
    html_raw(&r->out, "<p>Obligatoriska punkter ska vara klara eller ej tillämpliga innan ärendet går vidare. "
                      "En punkt som inte är tillämplig behöver en kommentar om varför.</p>"
                      "<ol class=\"checklist\">");
    for (size_t i = 0; i < d->nchecklist; i++) {
        html_printf(&r->out, "<li class=\"check state-%s\">", d->checklist[i].state);
        if (v->can_write) item_form(v, &d->checklist[i], i);
        else item_readonly(r, &d->checklist[i]);
        html_raw(&r->out, "</li>");
    }
    html_raw(&r->out, "</ol></section>");
}

/* The branch condition and the engine's blocker, shown with every transition. */
static void move_facts(Request *r, const OpenTransition *ot)
{
    if (ot->t->when) html_printf(&r->out, "<p class=\"when\"><strong>När:</strong> %s</p>", ot->t->when);
    if (ot->blocked && ot->why)
        html_printf(&r->out, "<p class=\"blocked\"><strong>Spärrad:</strong> %s</p>", ot->why);
}

static void move_form(const CaseView *v, const OpenTransition *ot, size_t i)
{
    Request *r = v->r;
    const Transition *t = ot->t;
    const char *target = step_name_of(r->cfg->ps, v->d->c.process, t->to);
    html_printf(&r->out, "<form method=\"post\" action=\"%s\" class=\"stack\"><input type=\"hidden\" name=\"to\" "
                         "value=\"%s\">",
                url(r, "/cases/%lld/move", v->d->c.id), t->to);
    csrf_field(r);
    move_facts(r, ot);
    html_printf(&r->out,
                "<label for=\"mv-%zu-note\">Kommentar%s</label>"
                "<textarea id=\"mv-%zu-note\" name=\"note\" rows=\"2\" maxlength=\"4000\"%s>%s</textarea>",
                i, t->needs_note ? " (krävs)" : " (valfri)", i, t->needs_note ? " required" : "",
                kept(v, "move", "to", t->to, "note", ""));
    if (t->back) html_raw(&r->out, "<button type=\"submit\" class=\"secondary\">");
    else html_raw(&r->out, "<button type=\"submit\">");
    html_printf(&r->out, "%s → %s</button></form>", t->label, target);
}

static void move_readonly(const CaseView *v, const OpenTransition *ot)
{
    Request *r = v->r;
    html_printf(&r->out, "<p>%s → %s</p>", ot->t->label, step_name_of(r->cfg->ps, v->d->c.process, ot->t->to));
    move_facts(r, ot);
}

/* Forward transitions first, then the returns to earlier steps. */
static void move_list(const CaseView *v, bool back)
{
    const CaseDetail *d = v->d;
    for (size_t i = 0; i < d->ntransitions; i++) {
        const OpenTransition *ot = &d->transitions[i];
        if (ot->t->back != back) continue;
        html_printf(&v->r->out, "<li class=\"move%s%s\">", back ? " back" : "", ot->blocked ? " is-blocked" : "");
        if (v->can_write) move_form(v, ot, i);
        else move_readonly(v, ot);
        html_raw(&v->r->out, "</li>");
    }
}

static size_t forward_count(const CaseDetail *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->ntransitions; i++) n += !d->transitions[i].t->back;
    return n;
}

void case_section_moves(const CaseView *v)
{
    Request *r = v->r;
    html_raw(&r->out, "<section id=\"ga-vidare\" aria-labelledby=\"h-moves\"><h2 id=\"h-moves\">Gå vidare</h2>");
    if (v->d->step->kind == STEP_FINAL || !v->d->ntransitions) {
        html_raw(&r->out, "<p class=\"final\">Ärendet är avslutat.</p></section>");
        return;
    }
    if (forward_count(v->d) > 1)
        html_raw(&r->out, "<p>Ärendet kan gå vidare på flera sätt: välj den väg som stämmer.</p>");
    html_raw(&r->out, "<ul class=\"moves\">");
    move_list(v, false);
    move_list(v, true);
    html_raw(&r->out, "</ul></section>");
}
