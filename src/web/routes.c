/*
 * routes.c — the route table. Policy comes from the flags (web/dispatch.c);
 * `lots help routes` prints this table, and tests/unit/test_routes.c fails
 * on a duplicate method+pattern.
 */
#include "web/routes.h"
#include "web/handlers.h"

#define U ROUTE_USER
#define W (ROUTE_USER | ROUTE_WRITE)
#define PURE (ROUTE_USER | ROUTE_PURE) /* readers may ask: nothing is stored */

const Route routes[] = {
    /* pages */
    {"GET", "/", U, page_home, "Startsida: mina ärenden, ärenden per process och steg"},
    {"GET", "/login", ROUTE_PUBLIC, page_login_form, "Inloggning"},
    {"POST", "/login", ROUTE_PUBLIC, page_login_submit, "Logga in"},
    {"POST", "/logout", U, page_logout, "Logga ut"},
    {"POST", "/tasks/{id}/done", W, page_task_done, "Markera en uppgift som klar (från startsidan)"},
    {"GET", "/cases", U, page_case_list, "Ärendelista med filter (process, steg, ursprung, fritext) och sidor"},
    {"GET", "/cases/new", W, page_case_new_form, "Formulär för nytt ärende"},
    {"POST", "/cases/new", W, page_case_new_submit, "Registrera ett ärende"},
    {"GET", "/cases/{id}", U, page_case_view, "Ärendesida: sammanfattning, checklista, kopplingar, övergångar, tidslinje"},
    {"POST", "/cases/{id}/checklist", W, page_case_checklist, "Besvara en checklistpunkt"},
    {"POST", "/cases/{id}/move", W, page_case_move, "Flytta ärendet till nästa steg"},
    {"POST", "/cases/{id}/links", W, page_case_link, "Koppla ärendet till en planpunkt"},
    {"POST", "/cases/{id}/links/{item}/delete", W, page_case_unlink, "Ta bort en koppling"},
    {"POST", "/cases/{id}/consultations", W, page_case_consult, "Registrera förankring"},
    {"POST", "/cases/{id}/decisions", W, page_case_decide, "Registrera beslut"},
    {"POST", "/cases/{id}/officer", W, page_case_officer, "Byt huvudhandläggare"},
    {"GET", "/processes", U, page_process_list, "Processer"},
    {"GET", "/processes/{key}", U, page_process_view, "En process med diagram"},
    {"GET", "/plans", U, page_plan_list, "Planer: strategi, genomförandeplan, verksamhetsplan, strategikartor"},
    {"GET", "/plans/{id}", U, page_plan_view, "En plans träd med ägare och måluppfyllelse, och sammanställningen (period=2024-T1 valfri)"},
    {"GET", "/plans/{id}/report", U, page_plan_report, "Tertialrapport för en period, utskriftsvänlig (period=2024-T1)"},
    {"GET", "/indicators/{id}", U, page_indicator_view, "En indikator: uppföljningstabell och seriediagram"},
    {"GET", "/assets/{name}", ROUTE_PUBLIC, serve_asset, "Stilmall och andra filer"},
    {"GET", "/healthz", ROUTE_PUBLIC, healthz, "Hälsokontroll: 200 när databasen svarar"},
    /* JSON API */
    {"GET", "/api/v1/cases", U, api_case_list, "Lista ärenden (process, step, origin, q, limit, offset)"},
    {"POST", "/api/v1/cases", W, api_case_create, "Registrera ärende {title, description, origin}"},
    {"GET", "/api/v1/cases/{id}", U, api_case_get, "Ärende med checklista, kopplingar, övergångar och historik"},
    {"POST", "/api/v1/cases/{id}/checklist", W, api_case_checklist, "Besvara checklistpunkt {item, state, note}"},
    {"POST", "/api/v1/cases/{id}/transitions", W, api_case_transition, "Flytta ärendet {to, note}"},
    {"POST", "/api/v1/cases/{id}/links", W, api_case_link, "Koppla till planpunkt {plan_item, note}"},
    {"POST", "/api/v1/cases/{id}/consultations", W, api_case_consult, "Förankring {body, answer, date, note}"},
    {"POST", "/api/v1/cases/{id}/decisions", W, api_case_decide, "Beslut {body, date, paragraph, text}"},
    {"GET", "/api/v1/processes", U, api_process_list, "Processer"},
    {"GET", "/api/v1/processes/{key}", U, api_process_get, "En process"},
    {"GET", "/api/v1/plan-items", U, api_plan_items, "Planpunkter att koppla ärenden till"},
    {"GET", "/api/v1/bodies", U, api_bodies, "Organ som förankrar och beslutar"},
    {"GET", "/api/v1/me", U, api_me, "Den inloggade användaren"},
    {"GET", "/api/v1/units", U, api_units, "Organisationens enheter i trädordning, med överordnad enhets id"},
    {"GET", "/api/v1/municipalities", U, api_municipalities, "Kommunerna"},
    {"POST", "/api/v1/decision-path", PURE, api_decision_path, "Vem beslutar? {units, municipalities, within_mission, within_budget, political, cost} → {steps}"},
    {"GET", "/api/v1/plans", U, api_plans_list, "Planer (strategi, genomförandeplan, verksamhetsplan, förvaltningarnas strategikartor)"},
    {"GET", "/api/v1/plans/{id}/tree", U, api_plan_tree, "En plans träd med ägare och måluppfyllelse (period=2024-T1 valfri; id eller nyckel)"},
    {"GET", "/api/v1/plans/{id}/summary", U, api_plan_summary, "Sammanställning per område: delområden, aktiviteter, indikatorer, totalt"},
    {"GET", "/api/v1/plans/{id}/report", U, api_plan_report, "Tertialrapport: varje indikator i perioden (period=2024-T1 krävs)"},
    {"GET", "/api/v1/plans/{id}/export.xlsx", U, api_plan_export_xlsx, "Uppföljningen som Excel: sammanställning och ett blad per område"},
    {"GET", "/api/v1/plans/{id}/export.csv", U, api_plan_export_csv, "Uppföljningen som CSV (samma kolumner som importen läser)"},
    {"GET", "/api/v1/indicators/{id}/series", U, api_indicator_series, "En indikators målvärde, utfall och måluppfyllelse per period"},
    {"POST", "/api/v1/spc", PURE, api_spc, "Styrdiagram för en serie {chart, freeze, screen_mr, points: [{x, y, n}]}"},
    {"GET", "/api/v1/deviations", U, api_deviation_list, "Avvikelser (unit, category, kind, status, serious, from, to, q, limit, offset) med total"},
    {"POST", "/api/v1/deviations", W, api_deviation_create, "Registrera avvikelse {ref, event_date, unit, category, severity, description, kind, …}"},
    {"POST", "/api/v1/deviations/import", W, api_deviation_import, "Importera avvikelser eller klagomål från CSV i kroppen (kind, mapping, file); allt eller inget"},
    {"GET", "/api/v1/deviations/{id}", U, api_deviation_get, "En avvikelse med händelseanalyser och Lex Maria-anmälan"},
    {"POST", "/api/v1/deviations/{id}/status", W, api_deviation_status, "Avvikelsens status och återkoppling {status, feedback}"},
    {"POST", "/api/v1/deviations/{id}/serious", W, api_deviation_serious, "Markera avvikelsen som allvarlig {serious}"},
    {"POST", "/api/v1/deviations/{id}/analyses", W, api_deviation_analysis, "Händelseanalys {started_on, event, causes, actions: [{action, owner, due_date}]}"},
    {"POST", "/api/v1/deviations/{id}/lex-maria", W, api_deviation_lex_maria, "Lex Maria-anmälan till IVO {sent_on, ivo_ref, note}"},
    {"GET", "/api/v1/complaints", U, api_complaint_list, "Klagomål (unit, category, source, status, from, to, q, limit, offset) med total"},
    {"POST", "/api/v1/complaints", W, api_complaint_create, "Registrera klagomål {ref, source, unit, category, received_date, description, …}"},
    {"GET", "/api/v1/complaints/{id}", U, api_complaint_get, "Ett klagomål"},
    {"POST", "/api/v1/complaints/{id}/status", W, api_complaint_status, "Klagomålets status {status, closed_date}"},
    {"GET", "/groups", U, page_group_list, "Grupper och organ: antal problem, problemen, överlappande uppdrag"},
    {"GET", "/groups/{id}", U, page_group_view, "En grupp: sammansättning, rapportering (diagram), ledamöter, beslutskraft, uppdragshandling"},
    /* groups, commissions, mandates, tasks (web/api_groups.c); problems and overlaps before {id} */
    {"GET", "/api/v1/groups", U, api_groups_list, "Grupper och organ med typ, överordnad grupp och antal problem (?date)"},
    {"GET", "/api/v1/groups/problems", U, api_groups_problems, "Grupper vars sammansättning har problem, med problemen (?date)"},
    {"GET", "/api/v1/groups/overlaps", U, api_groups_overlaps, "Grupper vars uppdragshandlingar överlappar, med gemensamma ord (?threshold=0.35)"},
    {"GET", "/api/v1/groups/{id}", U, api_group_get, "En grupp: ledamöter, beslutskraft (ledamöternas mandat), problem, gällande uppdragshandling"},
    {"GET", "/api/v1/groups/{id}/commission", U, api_group_commission, "Gällande uppdragshandling och alla versioner"},
    {"POST", "/api/v1/groups", W, api_group_create, "Ny grupp {type, name, short_name, parent, reports_to, unit, body, seeks_patient_rep, has_municipal_parts, multiprofessional, rmks_approved_on}"},
    {"POST", "/api/v1/groups/{id}/members", W, api_group_member_add, "Ny ledamot {person, role, municipality, from, to}"},
    {"POST", "/api/v1/groups/{id}/members/{member}/end", W, api_group_member_end, "Avsluta ett uppdrag {on, note}; kommunal representant: uppgift till metodstöd"},
    {"POST", "/api/v1/groups/{id}/commission", W, api_group_commission_add, "Ny version av uppdragshandlingen {datum, diarienummer, ansvarsomrade, …, note}"},
    {"POST", "/api/v1/groups/{id}/rmks-approval", W, api_group_rmks_approval, "RMKS har godkänt LPO:s sammansättning {date}"},
    {"GET", "/api/v1/mandates", U, api_mandates_list, "Mandat och delegationer"},
    {"POST", "/api/v1/mandates", W, api_mandate_create, "Nytt mandat eller delegation {group, role | unit | person, decides, within_mission, within_budget, whole_area, delegation, granted_by, …}"},
    {"GET", "/api/v1/tasks", U, api_tasks_list, "Öppna uppgifter (?person=ID)"},
    {"POST", "/api/v1/tasks/{id}/done", W, api_task_done, "Klarmarkera en uppgift"},
};

const size_t route_count = sizeof routes / sizeof *routes;
