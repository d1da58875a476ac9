/*
 * cmd_js.h: `brink js`, the script runner of the JS engine.
 */
#ifndef BK_CLI_CMD_JS_H
#define BK_CLI_CMD_JS_H

/* Runs `brink js [options] FILE.js`; returns the process exit status:
 * 0 ran, 1 uncaught exception or SyntaxError, 2 usage or unreadable file. */
int bk_cli_js(int argc, char **argv);

#endif
