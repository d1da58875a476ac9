/*
 * cmd_config.c: `brink config check FILE.json` - loads a distribution
 * config as `brink serve` would (every field, every reference, every
 * function compiled, every KeyValueStore checked) without serving, for CI.
 * Exit 0 when it would serve (warnings on stderr), 2 otherwise.
 */
#include <stdio.h>
#include <string.h>

#include "config/config.h"
#include "edge/cff.h"

int bk_cli_config(int argc, char **argv);

static int check(const char *path)
{
    char err[BK_CONFIG_ERR_MAX];
    bk_config_t *cfg = NULL;
    if (bk_config_load_file(path, 0, &cfg, err, sizeof(err)) != BK_OK) {
        fprintf(stderr, "brink: %s\n", err);
        return 2;
    }
    for (size_t i = 0; i < cfg->n_warnings; i++)
        fprintf(stderr, "warning: %s\n", cfg->warnings[i]);
    int status = 0;
    for (size_t i = 0; i < cfg->n_functions; i++) {
        const bk_config_function_t *f = &cfg->functions[i];
        char name[80], msg[1024];
        snprintf(name, sizeof(name), "%.*s", BK_STR_FMT(f->name));
        bk_cff_kvs_t *kvs = NULL;
        if (f->kvs_file && (kvs = bk_cff_kvs_load(f->kvs_file, msg, sizeof(msg))) == NULL) {
            fprintf(stderr, "brink: function %s: %s\n", name, msg);
            status = 2;
            continue;
        }
        bk_buf_t code;
        bk_buf_init(&code, NULL);
        if (bk_buf_read_file(&code, f->file) != BK_OK) {
            fprintf(stderr, "brink: function %s: cannot read %s\n", name, f->file);
            status = 2;
        } else {
            bk_cff_fn_t *fn = bk_cff_load(
                name, (const char *)code.p, code.n,
                f->runtime == BK_CONFIG_RUNTIME_JS_1_0 ? BK_JS_RUNTIME_1_0
                                                       : BK_JS_RUNTIME_2_0,
                kvs, msg, sizeof(msg));
            if (fn == NULL) {
                fprintf(stderr, "brink: function %s (%s): %s\n", name, f->file, msg);
                status = 2;
            }
            bk_cff_free(fn);
        }
        bk_buf_free(&code);
        bk_cff_kvs_free(kvs);
    }
    if (status == 0)
        printf("%s: OK (%zu origins, %zu behaviours, %zu functions, %zu warnings)\n",
               path, cfg->n_origins, cfg->n_behaviors + 1, cfg->n_functions,
               cfg->n_warnings);
    bk_config_free(cfg);
    return status;
}

int bk_cli_config(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "check") == 0)
        return check(argv[2]);
    fprintf(stderr, "usage: brink config check DISTRIBUTION.json\n");
    return 2;
}
