/*
 * collate.h — Swedish alphabetical order for lists of names:
 * a b c … x y z å ä ö, case-insensitive, with é sorted as e and ü as y
 * (as Swedish dictionaries do). Byte order would put Ä before Å.
 */
#ifndef LOTS_BASE_COLLATE_H
#define LOTS_BASE_COLLATE_H

/* <0, 0, >0 like strcmp. Ties on the folded text fall back to byte order so
 * the order is total. */
int sv_compare(const char *a, const char *b);

#endif
