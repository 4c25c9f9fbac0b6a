/*
 * origin.c — the six origins of a case (seed 000, the VGR framework): where
 * an initiative or signal comes from decides which process takes it. The
 * routing itself is data (each process's `origins`); this is only the text.
 */
#include "core/process.h"

const char *origin_label(int origin)
{
    static const char *const labels[] = {
        "Politiska initiativ/uppdrag",
        "Initiativ från patient-, brukar- eller professionsföreningar",
        "Nationella riktlinjer eller rekommendationer från Socialstyrelsen",
        "Kunskapsstöd från nationellt system för kunskapsstyrning",
        "Signaler som samordningsråd/programområden fångar upp via verksamheter och medarbetare",
        "Signaler om brister i vården som kommer in till Koncernkontoret",
    };
    return origin >= 1 && origin <= 6 ? labels[origin - 1] : NULL;
}
