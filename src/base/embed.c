/*
 * embed.c — lookup in a set of embedded files.
 */
#include "base/embed.h"

#include <string.h>

const EmbeddedFile *embedded_find(const EmbeddedFile *set, const char *name)
{
    for (; set->name; set++)
        if (strcmp(set->name, name) == 0) return set;
    return NULL;
}
