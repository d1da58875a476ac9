/*
 * main.c: the brink command. Kept thin: it picks the subcommand and hands
 * over argc/argv; each subcommand lives in its own cmd_<name>.c.
 *
 * Subcommands are referenced weakly so that the binary links while a
 * subcommand's module is still being written; a missing one says so and
 * exits 2 rather than failing the whole build.
 */
#include <stdio.h>
#include <string.h>

#include "core/defs.h"

#ifndef BK_VERSION
#define BK_VERSION "0.1.0-dev"
#endif

int bk_cli_js(int argc, char **argv) __attribute__((weak));
int bk_cli_test_function(int argc, char **argv) __attribute__((weak));
int bk_cli_serve(int argc, char **argv) __attribute__((weak));
int bk_cli_config(int argc, char **argv) __attribute__((weak));

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command_t;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: brink <command> [options]\n"
            "\n"
            "commands:\n"
            "  js [--runtime R] [--memory-limit B] [--no-limits] [--disasm] "
            "FILE.js\n"
            "                    run a script in brink's JS engine\n"
            "  test-function FUNCTION.js --event-object EVENT.json [...]\n"
            "                    test a CloudFront function, as "
            "`aws cloudfront test-function`\n"
            "  serve [--config FILE.json]\n"
            "                    run the edge server (no config: the demo)\n"
            "  config check FILE.json\n"
            "                    load a config, its functions and stores, "
            "without serving\n"
            "\n"
            "  --help            this text\n"
            "  --version         the version\n");
}

int main(int argc, char **argv)
{
    const command_t commands[] = {
        {"js", bk_cli_js, "run a script"},
        {"test-function", bk_cli_test_function, "test a function"},
        {"serve", bk_cli_serve, "run the edge server"},
        {"config", bk_cli_config, "check a distribution config"},
    };

    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("brink %s\n", BK_VERSION);
        return 0;
    }
    for (size_t i = 0; i < BK_COUNTOF(commands); i++) {
        if (strcmp(cmd, commands[i].name) != 0)
            continue;
        if (commands[i].run == NULL) {
            fprintf(stderr, "brink: '%s' is not built into this binary yet\n",
                    cmd);
            return 2;
        }
        return commands[i].run(argc - 1, argv + 1);
    }
    fprintf(stderr, "brink: unknown command '%s'\n\n", cmd);
    usage(stderr);
    return 2;
}
