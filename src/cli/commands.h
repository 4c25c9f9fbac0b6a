/*
 * commands.h — the command table's entries. Each command gets the arguments
 * after its command words and returns an exit code (cli/cli_util.h).
 */
#ifndef LOTS_CLI_COMMANDS_H
#define LOTS_CLI_COMMANDS_H

typedef struct {
    const char *word;    /* "case" */
    const char *subword; /* "new", or NULL for a one-word command */
    const char *usage;   /* "lots case new --origin N --title T [--description D]" */
    const char *help;    /* one line */
    int (*run)(int argc, char **argv);
} Command;

extern const Command commands[];
extern const unsigned command_count;

/* cli/cmd_admin.c */
int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user_add(int argc, char **argv);
int cmd_user_link(int argc, char **argv);
int cmd_token_new(int argc, char **argv);
int cmd_setting_set(int argc, char **argv);
int cmd_version(int argc, char **argv);
/* cli/cmd_case.c */
int cmd_case_new(int argc, char **argv);
int cmd_case_list(int argc, char **argv);
int cmd_case_show(int argc, char **argv);
int cmd_case_move(int argc, char **argv);
int cmd_case_check(int argc, char **argv);
int cmd_case_scope(int argc, char **argv); /* case scope and proposal */
/* cli/cmd_process.c */
int cmd_process_list(int argc, char **argv);
int cmd_process_show(int argc, char **argv);
/* cli/cmd_spc.c */
int cmd_spc(int argc, char **argv);
/* cli/cmd_org.c */
int cmd_decide(int argc, char **argv);
int cmd_org_import(int argc, char **argv);
int cmd_org_units(int argc, char **argv);
int cmd_org_municipalities(int argc, char **argv);
/* cli/cmd_plan.c */
int cmd_plan_list(int argc, char **argv);
int cmd_plan_show(int argc, char **argv);
int cmd_plan_summary(int argc, char **argv);
int cmd_plan_series(int argc, char **argv);
int cmd_plan_report(int argc, char **argv);
int cmd_plan_import(int argc, char **argv);
int cmd_plan_import_structure(int argc, char **argv);
int cmd_plan_export(int argc, char **argv);
int cmd_plan_demo(int argc, char **argv);
/* cli/cmd_deviation.c */
int cmd_deviation_import(int argc, char **argv);
int cmd_deviation_list(int argc, char **argv);
int cmd_deviation_show(int argc, char **argv);
int cmd_deviation_denominators(int argc, char **argv); /* denominators for rates */
int cmd_complaint_list(int argc, char **argv);
/* cli/cmd_group.c */
int cmd_group_list(int argc, char **argv);
int cmd_group_show(int argc, char **argv);
int cmd_group_check(int argc, char **argv);
int cmd_group_overlaps(int argc, char **argv);
int cmd_group_tasks(int argc, char **argv);
int cmd_group_edit(int argc, char **argv); /* group edit */
/* cli/cmd_pattern.c */
int cmd_patterns(int argc, char **argv);
int cmd_pattern_case(int argc, char **argv);
int cmd_pattern_demo(int argc, char **argv);
/* cli/cli.c */
int cmd_help(int argc, char **argv);

#endif
