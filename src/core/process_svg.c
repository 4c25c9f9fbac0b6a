/*
 * process_svg.c — a process as an accessible inline SVG diagram.
 *
 * Steps are rounded boxes, top to bottom in definition order (positions from
 * process_layout.c); the box's class and colour show its kind, and the
 * case's current step is outlined and says so. Forward transitions are
 * arrows; returns are dashed and run along the side; at a branch each way is
 * labelled. The svg has role="img" with a <title> and a <desc> that tells the
 * whole flow in words. All text goes through html_printf, so it is escaped;
 * no scripts, no inline styles (the page's CSP forbids them): colours are
 * presentation attributes that the stylesheet (assets/lots.css) may override.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/html.h"
#include "base/text.h"
#include "core/process.h"
#include "core/process_layout.h"

enum {
    BOX_W = 280,
    BOX_H = 58,
    GAP_X = 48,
    GAP_Y = 46,
    MARGIN = 16,
    LANE = 14,
    TITLE_CHARS = 36, /* per line of a step name (13px) */
    SUB_CHARS = 40,   /* the small line under it (11px) */
    LABEL_CHARS = 40, /* an arrow's label (11px) */
    LABEL_CHAR_W = 6  /* rough width of one 11px character */
};

typedef struct {
    const Transition *t;
    int from, to;  /* step indices */
    bool side;     /* routed along a lane beside the boxes */
    bool left;     /* …on the left (returns within the main column) */
    int lane;      /* 0 nearest the boxes */
    int out_slot;  /* order among lanes leaving the same side of the source */
    int in_slot;   /* …and entering the same side of the target */
    bool labelled; /* one of several ways forward */
} Edge;

typedef struct {
    const ProcessDef *def;
    const char *current;
    ProcessLayout lay;
    Edge *edges;
    size_t nedges;
    char id[40]; /* prefix for ids, unique per process on a page */
    int x0;      /* left edge of column 0 */
    int right;   /* right edge of the rightmost column */
    int nleft, nright;
    int max_x; /* rightmost point of any label */
} Diagram;

/* --- text that fits ------------------------------------------------------------ */

/* Bytes in the first n characters of UTF-8 text s. */
static size_t utf8_prefix(const char *s, size_t n)
{
    size_t i = 0;
    for (; s[i] && n; n--) {
        i++;
        while ((s[i] & 0xC0) == 0x80) i++;
    }
    return i;
}

/* Where to end a line of at most `width` characters: at the last space that
 * fits, or mid-word if there is none. *next is where the rest begins. */
static size_t break_at(const char *s, size_t width, size_t *next)
{
    size_t fit = utf8_prefix(s, width), cut = fit;
    if (s[fit] && s[fit] != ' ') {
        while (cut > 0 && s[cut - 1] != ' ') cut--;
        if (cut == 0) cut = fit;
    }
    size_t end = cut;
    while (end > 0 && s[end - 1] == ' ') end--;
    for (*next = cut; s[*next] == ' ';) (*next)++;
    return end ? end : fit;
}

/* s on one line of at most `width` characters, cut with an ellipsis. */
static void shorten(Buf *out, const char *s, size_t width)
{
    if (utf8_length(s) <= width) {
        buf_puts(out, s);
        return;
    }
    size_t next;
    buf_append(out, s, break_at(s, width - 1, &next));
    buf_puts(out, "…");
}

/* s on at most two lines; returns how many were used. */
static int wrap2(const char *s, size_t width, Buf lines[2])
{
    size_t next, end = break_at(s, width, &next);
    buf_append(&lines[0], s, end);
    if (!s[next]) return 1;
    shorten(&lines[1], s + next, width);
    return 2;
}

/* --- geometry -------------------------------------------------------------------- */

static int box_x(const Diagram *d, int step)
{
    return d->x0 + d->lay.place[step].col * (BOX_W + GAP_X);
}

static int box_y(const Diagram *d, int step)
{
    return MARGIN + d->lay.place[step].row * (BOX_H + GAP_Y);
}

static int lane_x(const Diagram *d, const Edge *e)
{
    return e->left ? d->x0 - 10 - e->lane * LANE : d->right + 10 + e->lane * LANE;
}

static int span(const Diagram *d, const Edge *e)
{
    return abs(d->lay.place[e->to].row - d->lay.place[e->from].row);
}

/* Lanes on one side, shortest spans nearest the boxes so lanes nest. */
static int assign_lanes(Diagram *d, bool left)
{
    int n = 0;
    for (int s = 0; s <= d->lay.nrows; s++)
        for (size_t i = 0; i < d->nedges; i++) {
            Edge *e = &d->edges[i];
            if (e->side && e->left == left && span(d, e) == s) e->lane = n++;
        }
    return n;
}

/* Where lanes meet a box side: inner lanes nearest the middle, so the
 * horizontal ends of nested lanes do not cross. */
static void assign_slots(Diagram *d)
{
    for (size_t i = 0; i < d->nedges; i++) {
        Edge *e = &d->edges[i];
        for (size_t k = 0; e->side && k < d->nedges; k++) {
            const Edge *o = &d->edges[k];
            if (!o->side || o->left != e->left || o->lane >= e->lane) continue;
            e->out_slot += o->from == e->from;
            e->in_slot += o->to == e->to;
        }
    }
}

static int slot_offset(int slot)
{
    return 7 + 6 * (slot < 3 ? slot : 3);
}

static void collect_edges(Diagram *d)
{
    const ProcessDef *def = d->def;
    size_t n = 0;
    for (size_t i = 0; i < def->nsteps; i++) n += def->steps[i].ntransitions;
    d->edges = xcalloc(n, sizeof *d->edges);
    for (size_t i = 0; i < def->nsteps; i++) {
        const Step *s = &def->steps[i];
        for (size_t k = 0; k < s->ntransitions; k++) {
            int to = process_step_index(def, s->transitions[k].to);
            if (to < 0) continue;
            Edge *e = &d->edges[d->nedges++];
            const StepPlace *a = &d->lay.place[i], *b = &d->lay.place[to];
            e->t = &s->transitions[k];
            e->from = (int)i;
            e->to = to;
            e->side = e->t->back || b->row != a->row + 1;
            e->left = e->t->back && a->col == 0 && b->col == 0;
            e->labelled = !e->t->back && step_forward_count(s) >= 2;
        }
    }
}

static void plan(Diagram *d)
{
    process_layout(d->def, &d->lay);
    collect_edges(d);
    d->nleft = assign_lanes(d, true);
    d->nright = assign_lanes(d, false);
    assign_slots(d);
    d->x0 = MARGIN + d->nleft * LANE + (d->nleft ? 10 : 0);
    d->right = d->x0 + d->lay.ncols * BOX_W + (d->lay.ncols - 1) * GAP_X;
    d->max_x = d->right + (d->nright ? 10 + d->nright * LANE : 0);
    size_t k = (size_t)snprintf(d->id, sizeof d->id, "lots-proc-");
    for (const char *p = d->def->key; *p && k + 1 < sizeof d->id; p++)
        if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", *p)) d->id[k++] = *p;
    d->id[k] = '\0';
}

/* --- arrows ------------------------------------------------------------------------ */

static void edge_label(Diagram *d, Buf *labels, const Edge *e, int x, int y)
{
    Buf text = BUF_INIT;
    shorten(&text, e->t->label, LABEL_CHARS);
    html_printf(labels,
                "<text class=\"edge-label\" x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#4b5560\" stroke=\"#ffffff\" "
                "stroke-width=\"4\" stroke-linejoin=\"round\" paint-order=\"stroke\">%s</text>\n",
                x, y, buf_cstr(&text));
    int end = x + (int)utf8_length(buf_cstr(&text)) * LABEL_CHAR_W;
    if (end > d->max_x) d->max_x = end;
    buf_free(&text);
}

/* Down into the next row: straight, or with an elbow to another column. */
static void down_path(Diagram *d, Buf *out, Buf *labels, const Edge *e)
{
    int sx = box_x(d, e->from) + BOX_W / 2, sy = box_y(d, e->from) + BOX_H;
    int tx = box_x(d, e->to) + BOX_W / 2, ty = box_y(d, e->to);
    if (sx == tx) html_printf(out, "M%d %dV%d", sx, sy, ty);
    else html_printf(out, "M%d %dV%dH%dV%d", sx, sy, sy + 14, tx, ty);
    if (e->labelled) edge_label(d, labels, e, tx + 6, ty - 9);
}

/* Along a lane: out of the source's side low, into the target's side high. */
static void side_path(Diagram *d, Buf *out, Buf *labels, const Edge *e)
{
    int sx = box_x(d, e->from) + (e->left ? 0 : BOX_W), sy = box_y(d, e->from) + BOX_H / 2 + slot_offset(e->out_slot);
    int tx = box_x(d, e->to) + (e->left ? 0 : BOX_W), ty = box_y(d, e->to) + BOX_H / 2 - slot_offset(e->in_slot);
    html_printf(out, "M%d %dH%dV%dH%d", sx, sy, lane_x(d, e), ty, tx);
    if (e->labelled) edge_label(d, labels, e, sx + 6, sy - 5);
}

static void draw_edge(Diagram *d, Buf *out, Buf *labels, const Edge *e)
{
    bool back = e->t->back;
    const Step *to = &d->def->steps[e->to];
    html_printf(out, "<g class=\"edge%s\"><title>%s (till %s)</title><path d=\"", back ? " edge-back" : "",
                e->t->label, to->name);
    if (e->side) side_path(d, out, labels, e);
    else down_path(d, out, labels, e);
    if (back)
        html_printf(out, "\" fill=\"none\" stroke=\"#6b7580\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\" "
                         "marker-end=\"url(#%s-arrow-back)\"/></g>\n",
                    d->id);
    else
        html_printf(out, "\" fill=\"none\" stroke=\"#4b5560\" stroke-width=\"1.5\" marker-end=\"url(#%s-arrow)\"/></g>\n",
                    d->id);
}

/* --- boxes ---------------------------------------------------------------------- */

static const char *kind_class(StepKind k)
{
    switch (k) {
    case STEP_ANCHORING: return " step-anchoring";
    case STEP_DECISION: return " step-decision";
    case STEP_FINAL: return " step-final";
    case STEP_WORK: break;
    }
    return "";
}

static void kind_colours(StepKind k, const char **fill, const char **stroke)
{
    static const char *const fills[] = {"#ffffff", "#fff1cc", "#e1effa", "#e3f3e7"};
    static const char *const strokes[] = {"#4b5560", "#8a6100", "#0b4a75", "#1d5a2f"};
    *fill = fills[k];
    *stroke = strokes[k];
}

/* The small line under the name: where the case is, and what the kind asks. */
static void sub_line(const Step *s, bool current, Buf *out)
{
    Buf b = BUF_INIT;
    if (current) buf_puts(&b, "Ärendet står här");
    const char *what = s->kind == STEP_ANCHORING ? "Förankring: " : s->kind == STEP_DECISION ? "Beslut: " : NULL;
    char **list = s->kind == STEP_ANCHORING ? s->consult : s->deciders;
    size_t n = s->kind == STEP_ANCHORING ? s->nconsult : s->ndeciders;
    if (what) buf_printf(&b, "%s%s", b.len ? " · " : "", what);
    for (size_t i = 0; what && i < n; i++) buf_printf(&b, "%s%s", i ? ", " : "", list[i]);
    if (s->kind == STEP_FINAL) buf_printf(&b, "%sSlutsteg", b.len ? " · " : "");
    shorten(out, buf_cstr(&b), SUB_CHARS);
    buf_free(&b);
}

static void box_text(Buf *out, int cx, int y, Buf *sub, Buf title[2], int lines)
{
    int ty = sub->len ? (lines == 1 ? y + 24 : y + 18) : (lines == 1 ? y + 34 : y + 27);
    for (int i = 0; i < lines; i++)
        html_printf(out,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"600\">%s</text>", cx,
                    ty + 15 * i, buf_cstr(&title[i]));
    if (sub->len)
        html_printf(out,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\"><tspan font-size=\"11\" fill=\"#3d4650\">%s</tspan>"
                    "</text>",
                    cx, ty + 15 * (lines - 1) + (lines == 1 ? 20 : 17), buf_cstr(sub));
}

static void draw_box(Diagram *d, Buf *out, size_t i)
{
    const Step *s = &d->def->steps[i];
    bool current = d->current && !strcmp(d->current, s->key);
    int x = box_x(d, (int)i), y = box_y(d, (int)i);
    const char *fill, *stroke;
    kind_colours(s->kind, &fill, &stroke);
    html_printf(out, "<g class=\"step%s%s\"><title>%zu. %s%s%s</title>", kind_class(s->kind),
                current ? " step-current" : "", i + 1, s->name, s->responsible ? " – ansvarig: " : "",
                s->responsible ? s->responsible : "");
    html_printf(out,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"10\" fill=\"%s\" stroke=\"%s\" "
                "stroke-width=\"%s\"/>",
                x, y, BOX_W, BOX_H, fill, current ? "#b03a00" : stroke, current ? "4" : "1.5");
    Buf name = BUF_INIT, title[2] = {BUF_INIT, BUF_INIT}, sub = BUF_INIT;
    buf_printf(&name, "%zu. %s", i + 1, s->name);
    int lines = wrap2(buf_cstr(&name), TITLE_CHARS, title);
    sub_line(s, current, &sub);
    box_text(out, x + BOX_W / 2, y, &sub, title, lines);
    html_printf(out, "</g>\n");
    buf_free(&name);
    buf_free(&title[0]);
    buf_free(&title[1]);
    buf_free(&sub);
}

/* --- the document ---------------------------------------------------------------- */

/* The flow in words, for those who cannot see the picture. */
static void describe(const Diagram *d, Buf *out)
{
    const ProcessDef *def = d->def;
    html_printf(out, "<desc id=\"%s-desc\">Flödesschema för process %s – %s, i %zu steg: ", d->id, def->key, def->name,
                def->nsteps);
    for (size_t i = 0; i < def->nsteps; i++)
        html_printf(out, "%s%zu. %s", i ? ", " : "", i + 1, def->steps[i].name);
    html_printf(out, ".");
    for (size_t i = 0; i < def->nsteps; i++) {
        const Step *s = &def->steps[i];
        if (step_forward_count(s) < 2) continue;
        html_printf(out, " Från %s finns flera vägar:", s->name);
        for (size_t k = 0, n = 0; k < s->ntransitions; k++) {
            const Transition *t = &s->transitions[k];
            const Step *to = process_step(def, t->to);
            if (!t->back && to) html_printf(out, "%s %s (till %s)", n++ ? " eller" : "", t->label, to->name);
        }
        html_printf(out, ".");
    }
    const Step *cur = process_step(def, d->current);
    if (cur) html_printf(out, " Ärendet står i steget %s.", cur->name);
    html_printf(out, "</desc>\n");
}

static void markers(const Diagram *d, Buf *out)
{
    html_printf(out,
                "<defs><marker id=\"%s-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" "
                "markerHeight=\"8\" orient=\"auto\"><path d=\"M0 0L10 5L0 10z\" class=\"arrow\" fill=\"#4b5560\"/>"
                "</marker><marker id=\"%s-arrow-back\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" "
                "markerHeight=\"8\" orient=\"auto\"><path d=\"M0 0L10 5L0 10z\" class=\"arrow\" fill=\"#6b7580\"/>"
                "</marker></defs>\n",
                d->id, d->id);
}

void process_svg(Buf *out, const ProcessDef *def, const char *current_step)
{
    Diagram d = {.def = def, .current = current_step};
    plan(&d);
    Buf body = BUF_INIT, labels = BUF_INIT;
    for (size_t i = 0; i < d.nedges; i++) draw_edge(&d, &body, &labels, &d.edges[i]);
    for (size_t i = 0; i < def->nsteps; i++) draw_box(&d, &body, i);
    int width = d.max_x + MARGIN;
    int height = 2 * MARGIN + d.lay.nrows * BOX_H + (d.lay.nrows > 0 ? d.lay.nrows - 1 : 0) * GAP_Y;
    html_printf(out,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"process-diagram\" role=\"img\" "
                "aria-labelledby=\"%s-title %s-desc\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                "font-family=\"inherit\">\n<title id=\"%s-title\">Process %s – %s</title>\n",
                d.id, d.id, width, height, width, height, d.id, def->key, def->name);
    describe(&d, out);
    markers(&d, out);
    html_raw(out, buf_cstr(&body));
    html_raw(out, buf_cstr(&labels));
    html_raw(out, "</svg>\n");
    buf_free(&body);
    buf_free(&labels);
    free(d.edges);
    process_layout_free(&d.lay);
}
