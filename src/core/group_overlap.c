/*
 * group_overlap.c — overlap warnings between commissions: overlapping
 * commissions are to be avoided (seed 002), so Lots compares every group's
 * current commission (ansvarsområde, uppdragsbeskrivning and syfte) with
 * every other's and reports the pairs that say much the same thing.
 *
 * Method: the Swedish text is lower-cased (fold_lower), split on anything but
 * letters, stripped of stop words (function words, and the words every
 * commission uses: grupp, uppdrag, ansvarsområde …) and of words under three
 * letters, and each word is cut to a crude stem by removing common endings
 * (-heten, -het, -ande, -ende, -arna, -erna, -orna, -en, -et, -ar, -er, -or,
 * -a, -e, -s …, then -ning, -ing), so "digitaliseringen" and "digitalisering"
 * meet, as do "utveckla" and "utveckling". Each commission becomes a TF-IDF vector
 * (tf: 1 + ln count; idf: ln((1 + N) / (1 + df)) + 1, smoothed so that a
 * word shared by two of only two commissions still counts), and a pair's
 * score is the cosine of their vectors. Pairs at or above the threshold are
 * reported strongest first, with the shared words that weigh most (as they
 * were written) to explain the score.
 *
 * Must not: change anything, or print.
 */
#include "core/group_internal.h"
#include "base/buf.h"
#include "base/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { MIN_LETTERS = 3, MAX_TERMS_SHOWN = 8 };

/* Function words, and words that every commission uses for its own frame. */
static const char *const stop_words[] = {
    "alla", "allt", "andra", "annan", "annat", "att", "av", "avseende", "bara", "behöver", "bli", "blir", "blev",
    "bl", "bla", "bör", "både", "dag", "de", "dels", "dem", "den", "denna", "deras", "dess", "dessa", "det", "detta",
    "din", "dina", "ditt", "du", "där", "då", "efter", "egen", "egna", "eget", "eller", "en", "enligt", "er", "era",
    "ert", "etc", "ett", "exempelvis", "finns", "fler", "flera", "från", "för", "genom", "gällande", "göra", "ha",
    "hade", "han", "hans", "har", "hela", "hen", "henne", "hennes", "hon", "honom", "hur", "här", "icke", "ingen",
    "inför", "inom", "inte", "jag", "ju", "kan", "kommer", "kunna", "kunde", "man", "med", "mellan", "men", "mer",
    "mest", "mig", "min", "mina", "mitt", "mot", "mycket", "ni", "nu", "när", "någon", "något", "några", "och",
    "också", "olika", "om", "oss", "på", "respektive", "samma", "samt", "sedan", "sig", "sin", "sina", "sitt",
    "själv", "ska", "skall", "skulle", "som", "så", "sådan", "sådana", "sätt", "tex", "till", "under", "upp", "ut",
    "utan", "utifrån", "vad", "var", "vara", "varit", "vars", "vem", "vi", "vid", "vilka", "vilken", "vilket",
    "viss", "vissa", "visst", "vår", "våra", "vårt", "än", "även", "är", "åt", "över", "övriga",
    /* the frame of every commission */
    "grupp", "gruppen", "gruppens", "grupper", "grupperna", "uppdrag", "uppdraget", "uppdragets", "uppdragen",
    "ansvarsområde", "ansvarsområdet", "ansvarsområden", "område", "området", "områden", "fråga", "frågan",
    "frågor", "frågorna", "bidra", "medverka", "uppgifter", "funktionsgrupp", "funktionsgruppen", "funktionsgruppens",
    "arbetsgrupp", "arbetsgruppen", "arbetsgruppens",
};

/* Endings stripped first, the first that fits: -het and -ande/-ende with
 * their inflections before the plain endings they end in ("verksamheten"
 * and "verksamhet" → "verksam", "samordnande" → "samordn"), then inflection.
 * Then, once more, a derivation (-ning, -ing: "utveckling" → "utveckl" as
 * "utveckla"). */
static const char *const endings1[] = {"heternas", "heterna", "hetens", "heten", "heter", "het", "andet", "andes",
                                       "ande", "ende", "arnas", "ernas", "ornas", "arna", "erna", "orna", "ena", "ens",
                                       "ets", "ar", "er", "or", "en", "et", "as", "a", "e"};
static const char *const endings2[] = {"ning", "ing"};

static size_t letters(const char *s, size_t bytes)
{
    size_t n = 0;
    for (size_t i = 0; i < bytes; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

static bool ends_with(const char *w, size_t len, const char *suffix, size_t *slen)
{
    *slen = strlen(suffix);
    return len > *slen && !memcmp(w + len - *slen, suffix, *slen);
}

/* Strips the first ending in the list that leaves a stem of at least three
 * letters; returns the new length. */
static size_t strip(const char *w, size_t len, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t sl;
        if (ends_with(w, len, list[i], &sl) && letters(w, len - sl) >= MIN_LETTERS) return len - sl;
    }
    return len;
}

char *overlap_stem(const char *word)
{
    size_t len = strlen(word);
    len = strip(word, len, endings1, sizeof endings1 / sizeof *endings1);
    /* a genitive or passive -s after a consonant that may carry it ("vårds", "utvecklas" above) */
    if (len > 1 && word[len - 1] == 's' && strchr("bcdfghjklmnoprtvy", word[len - 2]) &&
        letters(word, len - 1) >= MIN_LETTERS)
        len--;
    len = strip(word, len, endings2, sizeof endings2 / sizeof *endings2);
    return xstrndup(word, len);
}

static bool is_stop_word(const char *w)
{
    for (size_t i = 0; i < sizeof stop_words / sizeof *stop_words; i++)
        if (!strcmp(w, stop_words[i])) return true;
    return false;
}

/* Decodes one UTF-8 character at s (bytes in *n); invalid bytes count as
 * one non-letter. */
static unsigned decode(const unsigned char *s, size_t *n)
{
    if (s[0] < 0x80) return *n = 1, s[0];
    if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) return *n = 2, ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
    if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80)
        return *n = 3, ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    return *n = 1, 0xFFFD;
}

static bool is_letter(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

/* The words of text: stems (and, if surfaces, the words as written). */
static size_t tokens(const char *text, char ***stems, char ***surfaces)
{
    char *low = fold_lower(text ? text : "");
    size_t n = 0, cap = 0;
    *stems = NULL;
    if (surfaces) *surfaces = NULL;
    const unsigned char *p = (const unsigned char *)low;
    while (*p) {
        size_t k;
        if (!is_letter(decode(p, &k))) {
            p += k;
            continue;
        }
        const unsigned char *start = p;
        while (*p && is_letter(decode(p, &k))) p += k;
        size_t len = (size_t)(p - start);
        char *w = xstrndup((const char *)start, len);
        if (letters(w, len) < MIN_LETTERS || is_stop_word(w)) {
            free(w);
            continue;
        }
        char *stem = overlap_stem(w);
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            *stems = xrealloc(*stems, cap * sizeof **stems);
            if (surfaces) *surfaces = xrealloc(*surfaces, cap * sizeof **surfaces);
        }
        (*stems)[n] = stem;
        if (surfaces) (*surfaces)[n] = w;
        else free(w);
        n++;
    }
    free(low);
    return n;
}

size_t overlap_words(const char *text, char ***out)
{
    return tokens(text, out, NULL);
}

void overlap_words_free(char **w, size_t n)
{
    for (size_t i = 0; i < n; i++) free(w[i]);
    free(w);
}

/* --- vectors ------------------------------------------------------------------------------------- */

typedef struct {
    char *stem;    /* owned */
    char *surface; /* the first way it was written, owned */
    int tf;
    double w;
} Term;

typedef struct {
    Term *t; /* sorted by stem */
    size_t n;
    double norm;
} Vec;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted distinct stems with their counts; keeps the first surface form. */
static Vec vectorise(const char *text)
{
    char **stems, **surf;
    size_t n = tokens(text, &stems, &surf);
    /* Sort pairs by stem, stably by position so the first surface wins. */
    size_t *order = xcalloc(n ? n : 1, sizeof *order);
    for (size_t i = 0; i < n; i++) order[i] = i;
    for (size_t i = 1; i < n; i++) { /* insertion sort: stable, and commissions are short */
        size_t x = order[i], j = i;
        while (j > 0 && strcmp(stems[order[j - 1]], stems[x]) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
    Vec v = {xcalloc(n ? n : 1, sizeof(Term)), 0, 0};
    for (size_t i = 0; i < n; i++) {
        size_t x = order[i];
        if (v.n && !strcmp(v.t[v.n - 1].stem, stems[x])) {
            v.t[v.n - 1].tf++;
            free(stems[x]);
            free(surf[x]);
        } else {
            v.t[v.n++] = (Term){stems[x], surf[x], 1, 0};
        }
    }
    free(order);
    free(stems);
    free(surf);
    return v;
}

static void vec_free(Vec *v)
{
    for (size_t i = 0; i < v->n; i++) {
        free(v->t[i].stem);
        free(v->t[i].surface);
    }
    free(v->t);
}

typedef struct {
    const char *surface;
    double weight;
} Shared;

static int by_weight_desc(const void *a, const void *b)
{
    const Shared *x = a, *y = b;
    if (x->weight != y->weight) return x->weight > y->weight ? -1 : 1;
    return strcmp(x->surface, y->surface);
}

static int by_score_desc(const void *a, const void *b)
{
    const GroupOverlap *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    if (x->a_id != y->a_id) return x->a_id < y->a_id ? -1 : 1;
    return (x->b_id > y->b_id) - (x->b_id < y->b_id);
}

/* The pair's cosine; fills the shared terms by weight when wanted. */
static double cosine(const Vec *a, const Vec *b, Shared **shared, size_t *nshared)
{
    if (a->norm == 0 || b->norm == 0) return 0;
    double dot = 0;
    size_t i = 0, j = 0;
    if (shared) *shared = NULL, *nshared = 0;
    while (i < a->n && j < b->n) {
        int c = strcmp(a->t[i].stem, b->t[j].stem);
        if (c < 0) {
            i++;
        } else if (c > 0) {
            j++;
        } else {
            double w = a->t[i].w * b->t[j].w;
            dot += w;
            if (shared) {
                *shared = xrealloc(*shared, (*nshared + 1) * sizeof **shared);
                (*shared)[(*nshared)++] = (Shared){a->t[i].surface, w};
            }
            i++;
            j++;
        }
    }
    return dot / (a->norm * b->norm);
}

void overlap_compute(const OverlapDoc *docs, size_t n, double threshold, GroupOverlap **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    Vec *v = xcalloc(n ? n : 1, sizeof *v);
    size_t nall = 0;
    for (size_t i = 0; i < n; i++) {
        v[i] = vectorise(docs[i].text);
        nall += v[i].n;
    }
    /* Document frequency: every distinct stem of every document, sorted. */
    char **all = xcalloc(nall ? nall : 1, sizeof *all);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t t = 0; t < v[i].n; t++) all[k++] = v[i].t[t].stem;
    qsort(all, nall, sizeof *all, cmp_str);
    for (size_t i = 0; i < n; i++) {
        double sq = 0;
        for (size_t t = 0; t < v[i].n; t++) {
            const char *key = v[i].t[t].stem;
            char **hit = bsearch(&key, all, nall, sizeof *all, cmp_str);
            size_t lo = (size_t)(hit - all), hi = lo;
            while (lo > 0 && !strcmp(all[lo - 1], key)) lo--;
            while (hi + 1 < nall && !strcmp(all[hi + 1], key)) hi++;
            double df = (double)(hi - lo + 1);
            double idf = log((1.0 + (double)n) / (1.0 + df)) + 1.0;
            v[i].t[t].w = (1.0 + log((double)v[i].t[t].tf)) * idf;
            sq += v[i].t[t].w * v[i].t[t].w;
        }
        v[i].norm = sqrt(sq);
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            Shared *sh = NULL;
            size_t nsh = 0;
            double s = cosine(&v[i], &v[j], &sh, &nsh);
            if (s >= threshold && s > 0) {
                if (nsh) qsort(sh, nsh, sizeof *sh, by_weight_desc);
                size_t keep = nsh < MAX_TERMS_SHOWN ? nsh : MAX_TERMS_SHOWN;
                GroupOverlap o = {docs[i].id, docs[j].id, xstrdup(docs[i].name ? docs[i].name : ""),
                                  xstrdup(docs[j].name ? docs[j].name : ""), s, xcalloc(keep ? keep : 1, sizeof(char *)),
                                  keep};
                for (size_t t = 0; t < keep; t++) o.terms[t] = xstrdup(sh[t].surface);
                *out = xrealloc(*out, (*nout + 1) * sizeof **out);
                (*out)[(*nout)++] = o;
            }
            free(sh);
        }
    }
    if (*nout) qsort(*out, *nout, sizeof **out, by_score_desc);
    free(all);
    for (size_t i = 0; i < n; i++) vec_free(&v[i]);
    free(v);
}

void group_overlaps_free(GroupOverlap *o, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(o[i].a_name);
        free(o[i].b_name);
        for (size_t t = 0; t < o[i].nterms; t++) free(o[i].terms[t]);
        free(o[i].terms);
    }
    free(o);
}

/* --- over the database ---------------------------------------------------------------------------- */

typedef struct {
    long long id;
    char *name, *text;
} DocRow;

static void doc_fill(Stmt *st, void *el)
{
    DocRow *d = el;
    d->id = stmt_int(st, 0);
    d->name = xstrdup(stmt_text(st, 1));
    Buf b = BUF_INIT;
    buf_printf(&b, "%s\n%s\n%s", stmt_text(st, 2), stmt_text(st, 3), stmt_text(st, 4));
    d->text = buf_take(&b);
}

static void doc_release(void *el)
{
    DocRow *d = el;
    free(d->name);
    free(d->text);
}

ErrCode group_overlaps(Db *db, double threshold, GroupOverlap **out, size_t *n, Err *e)
{
    *out = NULL;
    *n = 0;
    DocRow *rows;
    size_t nr;
    if (db_rows(db, e,
                "SELECT g.id, g.name, c.ansvarsomrade, c.uppdragsbeskrivning, c.syfte FROM groups g "
                "JOIN commissions c ON c.group_id = g.id "
                "WHERE c.version = (SELECT max(version) FROM commissions x WHERE x.group_id = g.id) ORDER BY g.id",
                NULL, sizeof *rows, doc_fill, doc_release, (void **)&rows, &nr))
        return e->code;
    OverlapDoc *docs = xcalloc(nr ? nr : 1, sizeof *docs);
    for (size_t i = 0; i < nr; i++) docs[i] = (OverlapDoc){rows[i].id, rows[i].name, rows[i].text};
    overlap_compute(docs, nr, threshold, out, n);
    free(docs);
    for (size_t i = 0; i < nr; i++) doc_release(&rows[i]);
    free(rows);
    return ERR_OK;
}
