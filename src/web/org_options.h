/*
 * org_options.h — the <option> lists of the organisation and group forms:
 * unit kinds, municipalities, people, groups, group types and roles. Each
 * writes options (escaped, through html_printf) into r->out, marking the
 * one whose value equals `selected`; the caller writes the <select> around
 * them. Values are ids as text (groups, people, municipalities) or the
 * stored words (kinds, types, roles), which core's find/parse functions
 * take back.
 * Reads only; a list that cannot be read is left empty.
 */
#ifndef LOTS_WEB_ORG_OPTIONS_H
#define LOTS_WEB_ORG_OPTIONS_H

#include "web/request.h"

/* Every unit in tree order, indented by depth; values are unit ids. */
void options_units(Request *r, const char *selected);
void options_unit_kinds(Request *r, const char *selected);
void options_municipalities(Request *r, const char *selected); /* "Kumla kommun" */
void options_people(Request *r, const char *selected);         /* "Maja Ek – Verksamhetsutvecklare (Utvecklingsenheten)" */
void options_groups(Request *r, const char *selected);         /* every group, by type then name */
void options_group_types(Request *r, const char *selected);    /* "Lokalt programområde (LPO)" */
void options_group_roles(Request *r, const char *selected);    /* "ordförande" … */

#endif
