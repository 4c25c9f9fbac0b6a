/*
 * handlers.h — every handler named in the route table (web/routes.c).
 * Pages live in web/page_*.c (one file per page, as cgit's ui-*.c), the JSON
 * API in web/api_*.c.
 */
#ifndef LOTS_WEB_HANDLERS_H
#define LOTS_WEB_HANDLERS_H

#include "web/request.h"

/* web/page_login.c */
void page_login_form(Request *r);
void page_login_submit(Request *r);
void page_logout(Request *r);
/* web/page_home.c, web/page_tasks.c */
void page_home(Request *r);
void page_task_done(Request *r);
/* web/page_case_list.c */
void page_case_list(Request *r);
/* web/page_case_new.c */
void page_case_new_form(Request *r);
void page_case_new_submit(Request *r);
/* web/page_case.c (the case page) and web/page_case_actions.c (its forms) */
void page_case_view(Request *r);
void page_case_checklist(Request *r);
void page_case_move(Request *r);
void page_case_link(Request *r);
void page_case_unlink(Request *r);
void page_case_consult(Request *r);
void page_case_decide(Request *r);
void page_case_officer(Request *r);
/* case scope and proposal (web/page_case_scope.c, web/page_case_actions.c, web/api_cases.c) */
void page_case_scope(Request *r);
void api_case_scope(Request *r);
/* web/page_process.c */
void page_process_list(Request *r);
void page_process_view(Request *r);
/* web/page_plan.c, web/page_plan_indicator.c */
void page_plan_list(Request *r);
void page_plan_view(Request *r);
void page_plan_report(Request *r);
void page_indicator_view(Request *r);
void page_indicator_values(Request *r);
/* web/page_deviations.c, web/page_deviation.c, web/page_deviation_new.c,
 * web/page_complaints.c (their shared pieces: web/page_deviation.h) */
void page_deviation_list(Request *r);
void page_deviation_new_form(Request *r);
void page_deviation_new_submit(Request *r);
void page_deviation_view(Request *r);
void page_deviation_status(Request *r);
void page_complaint_list(Request *r);
void page_complaint_view(Request *r);
/* complaint forms: web/page_complaint_new.c, web/page_complaint.c */
void page_complaint_new_form(Request *r);
void page_complaint_new_submit(Request *r);
void page_complaint_status(Request *r);
/* end of complaint forms */
/* web/assets.c */
void serve_asset(Request *r);
void healthz(Request *r);

/* web/api_cases.c */
void api_case_list(Request *r);
void api_case_create(Request *r);
void api_case_get(Request *r);
void api_case_checklist(Request *r);
void api_case_transition(Request *r);
void api_case_link(Request *r);
void api_case_consult(Request *r);
void api_case_decide(Request *r);
/* web/api_misc.c */
void api_process_list(Request *r);
void api_process_get(Request *r);
void api_plan_items(Request *r);
void api_bodies(Request *r);
void api_me(Request *r);
/* web/api_org.c */
void api_units(Request *r);
void api_municipalities(Request *r);
void api_decision_path(Request *r);
/* web/api_spc.c */
void api_spc(Request *r);
/* web/api_patterns.c */
void api_pattern_list(Request *r);
void api_pattern_detect(Request *r);
void api_pattern_case(Request *r);
/* web/api_denominators.c: denominators for rates in the pattern charts */
void api_denominator_import(Request *r);
void api_denominator_list(Request *r);
/* web/page_patterns.c */
void page_patterns(Request *r);
void page_pattern_detect(Request *r);
void page_pattern_case(Request *r);
/* web/api_deviations.c */
void api_deviation_list(Request *r);
void api_deviation_create(Request *r);
void api_deviation_import(Request *r);
void api_deviation_get(Request *r);
void api_deviation_status(Request *r);
void api_deviation_serious(Request *r);
void api_deviation_analysis(Request *r);
void api_deviation_lex_maria(Request *r);
void api_complaint_list(Request *r);
void api_complaint_create(Request *r);
void api_complaint_get(Request *r);
void api_complaint_status(Request *r);
/* web/api_plans.c */
void api_plans_list(Request *r);
void api_plans_import(Request *r);
void api_plan_tree(Request *r);
void api_plan_summary(Request *r);
void api_plan_report(Request *r);
void api_plan_export_xlsx(Request *r);
void api_plan_export_csv(Request *r);
void api_indicator_series(Request *r);
void api_indicator_values(Request *r);

/* organisation pages and group forms: web/page_org.c, web/page_org_unit.c,
 * web/page_org_people.c, web/page_org_person.c, web/page_group_new.c,
 * web/page_group_forms.c, web/page_group_commission.c; API in web/api_org.c */
void page_org(Request *r);
void page_org_municipality_add(Request *r);
void page_org_unit_new_form(Request *r);
void page_org_unit_new_submit(Request *r);
void page_org_unit_view(Request *r);
void page_org_unit_update(Request *r);
void page_org_people(Request *r);
void page_org_person_new_form(Request *r);
void page_org_person_new_submit(Request *r);
void page_org_person_view(Request *r);
void page_org_person_update(Request *r);
void page_group_new_form(Request *r);
void page_group_new_submit(Request *r);
void page_group_member_add(Request *r);
void page_group_member_end(Request *r);
void page_group_rmks(Request *r);
void page_group_mandate(Request *r);
void page_group_commission(Request *r);
void page_group_commission_add(Request *r);
void page_group_commission_version(Request *r);
void api_unit_create(Request *r);
void api_unit_update(Request *r);
void api_municipality_create(Request *r);
void api_people_list(Request *r);
void api_person_get(Request *r);
void api_person_create(Request *r);
void api_person_update(Request *r);
/* end of organisation pages and group forms */
/* group edit: web/page_group_edit.c, web/api_groups.c */
void page_group_update(Request *r);
void page_group_member_change(Request *r);
void page_group_mandate_end(Request *r);
void api_group_update(Request *r);
void api_group_member_change(Request *r);
void api_mandate_end(Request *r);
/* end of group edit */
/* web/page_group_list.c, web/page_group.c */
void page_group_list(Request *r);
void page_group_view(Request *r);
/* web/page_decide.c */
void page_decide(Request *r);
/* web/api_groups.c */
void api_groups_list(Request *r);
void api_groups_problems(Request *r);
void api_groups_overlaps(Request *r);
void api_group_get(Request *r);
void api_group_commission(Request *r);
void api_group_create(Request *r);
void api_group_member_add(Request *r);
void api_group_member_end(Request *r);
void api_group_commission_add(Request *r);
void api_group_rmks_approval(Request *r);
void api_mandates_list(Request *r);
void api_mandate_create(Request *r);
void api_tasks_list(Request *r);
void api_task_done(Request *r);
/* chart forms, the series API and the deviation forms (issue 4):
 * web/page_chart_page.c, web/page_chart_actions.c, web/api_series.c, web/page_deviation_forms.c */
void page_chart(Request *r);
void page_chart_annotate(Request *r);
void page_chart_settings(Request *r);
void page_chart_link(Request *r);
void page_chart_unlink(Request *r);
void api_series_get(Request *r);
void api_series_annotate(Request *r);
void api_series_settings(Request *r);
void api_series_link(Request *r);
void page_deviation_serious(Request *r);
void page_deviation_analysis(Request *r);
void page_deviation_lex_maria(Request *r);
/* end of chart forms, series API and deviation forms */

#endif
