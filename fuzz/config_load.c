/*
 * config_load.c (fuzz): the distribution-config loader on arbitrary bytes.
 * Any input must give either a config whose cross-references are all
 * resolved, or an error message; never a crash, leak or half-built config.
 * File checks are off so inputs cannot reach the file system.
 */
#include <stdint.h>
#include <string.h>

#include "config/config.h"

static void check(const bk_config_t *c)
{
    const bk_config_behavior_t *d = &c->default_behavior;
    for (size_t i = 0; i <= c->n_behaviors; i++) {
        const bk_config_behavior_t *b = i < c->n_behaviors ? &c->behaviors[i]
                                                           : d;
        BK_ASSERT((b->origin != NULL) != (b->origin_group != NULL));
        BK_ASSERT(b->legacy == (b->cache_policy == NULL));
        BK_ASSERT(b->min_ttl <= b->default_ttl);
        BK_ASSERT(b->default_ttl <= b->max_ttl);
        BK_ASSERT(b->path_pattern.n > 0);
        BK_ASSERT(b->allowed_methods != 0);
        BK_ASSERT((b->cached_methods & ~b->allowed_methods) == 0);
    }
    for (size_t i = 0; i < c->n_origin_groups; i++) {
        BK_ASSERT(c->origin_groups[i].primary != NULL);
        BK_ASSERT(c->origin_groups[i].secondary != NULL);
    }
    BK_ASSERT(c->n_origins > 0);
    BK_ASSERT(c->listen.set);
    size_t total = 0;
    for (size_t i = 0; i < c->n_warnings; i++)
        total += strlen(c->warnings[i]);
    (void)total;
    /* Behaviour selection over a few paths. */
    static const char *const paths[] = {"/", "/api/x", "/images/a.jpg",
                                        "/a?b", "/x/y/z.gif"};
    for (size_t i = 0; i < BK_COUNTOF(paths); i++)
        BK_ASSERT(bk_config_behavior_for(c, bk_str_c(paths[i])) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[BK_CONFIG_ERR_MAX];
    bk_config_t *c = NULL;
    int rc = bk_config_load_mem(data, size, "fuzz.json", "/nonexistent",
                                BK_CONFIG_NO_FILE_CHECKS, &c, err,
                                sizeof(err));
    if (rc == BK_OK) {
        BK_ASSERT(c != NULL);
        check(c);
        bk_config_free(c);
    } else {
        BK_ASSERT(c == NULL);
        BK_ASSERT(err[0] != '\0');
    }
    return 0;
}
