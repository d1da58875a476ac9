/*
 * js.h: brink's JavaScript engine, the only header other modules include.
 *
 * Lifecycle: bk_js_load() compiles a script and runs its top level once into
 * an immutable *template* (a bk_js_prog_t). A per-worker bk_js_ctx_t runs
 * invocations against it: bk_js_begin() starts one in O(1), everything the
 * invocation allocates or writes lives in the context's invocation arena and
 * is dropped by bk_js_end(); template objects are copied on first write, so
 * nothing an invocation does is visible to the next one.
 *
 * Invariant: values (bk_js_val_t) obtained during an invocation are valid
 * until bk_js_end(); values obtained from the template are valid while the
 * program lives. The engine is strict-mode only and has no GC.
 */
#ifndef BK_JS_JS_H
#define BK_JS_JS_H

#include "core/defs.h"
#include "core/str.h"

typedef struct bk_js_prog bk_js_prog_t;
typedef struct bk_js_ctx bk_js_ctx_t;

/* A JS value: a NaN-boxed 64-bit word (a double or a tagged pointer). */
typedef uint64_t bk_js_val_t;

/* Runtimes, as named by CloudFront. */
typedef enum {
    BK_JS_RUNTIME_1_0 = 1, /* cloudfront-js-1.0 */
    BK_JS_RUNTIME_2_0 = 2, /* cloudfront-js-2.0 */
} bk_js_runtime_t;

/* Why an invocation (or a load) stopped early. */
typedef enum {
    BK_JS_LIMIT_NONE = 0,
    BK_JS_LIMIT_MEMORY,  /* the invocation arena hit its byte cap */
    BK_JS_LIMIT_COMPUTE, /* the compute budget ran out */
} bk_js_limit_t;

/* A native function: 'this', arguments; sets *ret and returns BK_OK, or
 * throws (bk_js_throw*) and returns BK_ERR. */
typedef int (*bk_js_native_t)(bk_js_ctx_t *ctx, bk_js_val_t this_val,
                              int argc, const bk_js_val_t *argv,
                              bk_js_val_t *ret);

/* Builds a native module's export value for require('name') / import. */
typedef int (*bk_js_module_init_t)(bk_js_ctx_t *ctx, void *data,
                                   bk_js_val_t *exports);

/* Receives one console.log line (UTF-8, no newline). */
typedef void (*bk_js_log_cb_t)(void *data, const char *line, size_t n);

typedef struct {
    bk_js_runtime_t runtime;  /* 0: cloudfront-js-2.0 */
    size_t memory_limit;      /* invocation arena cap; 0: 2 MB; SIZE_MAX: none */
    uint64_t compute_budget;  /* work units per invocation; 0: default */
    unsigned max_depth;       /* JS call depth cap; 0: default (2000) */
    const char *filename;     /* for messages; may be NULL */
    bk_js_log_cb_t log;       /* console.log sink; NULL: stdout */
    void *log_data;
    /* Runs once on the template before the script, to add globals and
     * modules with bk_js_set_global()/bk_js_register_module(). */
    int (*setup)(bk_js_ctx_t *ctx, void *data);
    void *setup_data;
    size_t template_limit; /* byte cap of the template (top level); 0: 256 MB */
    uint64_t load_budget;  /* compute budget of the top level; 0: 10x */
    int compile_only;      /* compile but do not run the top level */
    /* A promise the top level leaves rejected and unhandled is not a load
     * error (it is by default, as in node; test262 hosts must allow it). */
    int allow_unhandled_rejections;
} bk_js_opts_t;

/* The default compute budget (work units): 100% utilisation is about 1 ms
 * of interpreter-bound work on the reference machine (docs/js-engine.md). */
#define BK_JS_DEFAULT_BUDGET 1000000u

/* ---- programs ------------------------------------------------------------ */

/* Compiles 'src' and runs its top level into a template. NULL on failure
 * with "Name: message" in err (a SyntaxError, or the uncaught exception of
 * the top level). */
bk_js_prog_t *bk_js_load(const char *src, size_t n, const bk_js_opts_t *opts,
                         char *err, size_t errlen);

/* Frees a program (after every context using it). */
void bk_js_prog_free(bk_js_prog_t *p);

/* Writes the disassembly of every compiled function to 'out' (a FILE *). */
void bk_js_disasm(bk_js_prog_t *p, void *out);

/* ---- contexts and invocations ------------------------------------------ */

/* A per-worker context for 'p'; NULL on allocation failure. */
bk_js_ctx_t *bk_js_ctx_new(bk_js_prog_t *p);
void bk_js_ctx_free(bk_js_ctx_t *ctx);

/* Starts an invocation: O(1), drops nothing of the template. */
void bk_js_begin(bk_js_ctx_t *ctx);

/* Ends it: releases everything the invocation allocated. */
void bk_js_end(bk_js_ctx_t *ctx);

/* Overrides the compute budget for the current invocation (0: unlimited). */
void bk_js_set_budget(bk_js_ctx_t *ctx, uint64_t budget);

/* Compute utilisation of the current/last invocation, 0-100. */
unsigned bk_js_utilization(const bk_js_ctx_t *ctx);

/* Work units used by the current/last invocation. */
uint64_t bk_js_work_used(const bk_js_ctx_t *ctx);

/* Which limit ended the invocation, if any. */
bk_js_limit_t bk_js_limit_hit(const bk_js_ctx_t *ctx);

/* Redirects console.log for this context. */
void bk_js_set_log(bk_js_ctx_t *ctx, bk_js_log_cb_t cb, void *data);

/* ---- calling JS ----------------------------------------------------------- */

/* The global named 'name' (undefined when absent). */
bk_js_val_t bk_js_get_global(bk_js_ctx_t *ctx, const char *name);

/* Sets a global (use from 'setup' to add to the template). */
BK_MUST_CHECK int bk_js_set_global(bk_js_ctx_t *ctx, const char *name,
                                   bk_js_val_t v);

/* Calls f(this, argv...). BK_ERR: an exception (bk_js_exception_str) or a
 * limit (bk_js_limit_hit) ended it. */
BK_MUST_CHECK int bk_js_call(bk_js_ctx_t *ctx, bk_js_val_t f,
                             bk_js_val_t this_val, int argc,
                             const bk_js_val_t *argv, bk_js_val_t *ret);

/* Runs queued Promise jobs until none remain. BK_ERR as bk_js_call. */
BK_MUST_CHECK int bk_js_run_jobs(bk_js_ctx_t *ctx);

/* For a promise: 0 pending, 1 fulfilled, 2 rejected, -1 not a promise;
 * *result gets the value or reason. */
int bk_js_promise_state(bk_js_ctx_t *ctx, bk_js_val_t p, bk_js_val_t *result);

/* The pending exception as "Name: message" (arena string, NUL-ended), or
 * NULL if none; a limit gives its own message. */
const char *bk_js_exception_str(bk_js_ctx_t *ctx);

/* The pending exception value (undefined if none) and clears it. */
bk_js_val_t bk_js_take_exception(bk_js_ctx_t *ctx);

/* ---- values ------------------------------------------------------------- */

bk_js_val_t bk_js_undefined(void);
bk_js_val_t bk_js_null(void);
bk_js_val_t bk_js_bool(int b);
bk_js_val_t bk_js_number(double d);

int bk_js_is_undefined(bk_js_val_t v);
int bk_js_is_null(bk_js_val_t v);
int bk_js_is_bool(bk_js_val_t v);
int bk_js_is_number(bk_js_val_t v);
int bk_js_is_string(bk_js_val_t v);
int bk_js_is_object(bk_js_val_t v);
int bk_js_is_array(bk_js_ctx_t *ctx, bk_js_val_t v);
int bk_js_is_function(bk_js_val_t v);

/* The value's truthiness / number (no conversion of objects). */
int bk_js_to_bool(bk_js_val_t v);
double bk_js_get_number(bk_js_val_t v);

/* A string from UTF-8 (invalid bytes become U+FFFD); undefined on OOM. */
bk_js_val_t bk_js_string(bk_js_ctx_t *ctx, const char *s, size_t n);

/* ToString(v) as UTF-8 in the invocation arena (NUL-ended), length in *n.
 * NULL when the conversion threw or memory ran out. */
const char *bk_js_to_utf8(bk_js_ctx_t *ctx, bk_js_val_t v, size_t *n);

/* A new plain object / array; undefined on OOM. */
bk_js_val_t bk_js_object(bk_js_ctx_t *ctx);
bk_js_val_t bk_js_array(bk_js_ctx_t *ctx);

/* A native function object. */
bk_js_val_t bk_js_function(bk_js_ctx_t *ctx, const char *name,
                           bk_js_native_t fn, int length);

/* obj[key] = v (ordinary [[Set]]). BK_ERR if it threw. */
BK_MUST_CHECK int bk_js_set(bk_js_ctx_t *ctx, bk_js_val_t obj,
                            const char *key, bk_js_val_t v);
BK_MUST_CHECK int bk_js_set_index(bk_js_ctx_t *ctx, bk_js_val_t obj,
                                  uint32_t i, bk_js_val_t v);

/* obj[key] (getters run). BK_ERR if it threw. */
BK_MUST_CHECK int bk_js_get(bk_js_ctx_t *ctx, bk_js_val_t obj,
                            const char *key, bk_js_val_t *out);
BK_MUST_CHECK int bk_js_get_index(bk_js_ctx_t *ctx, bk_js_val_t obj,
                                  uint32_t i, bk_js_val_t *out);

/* The array's length (0 if not an array). */
uint32_t bk_js_array_length(bk_js_ctx_t *ctx, bk_js_val_t arr);

/* Own enumerable string keys in property order; *keys in the arena. */
BK_MUST_CHECK int bk_js_keys(bk_js_ctx_t *ctx, bk_js_val_t obj,
                             bk_js_val_t **keys, uint32_t *n);

/* ---- keys and bulk access (the embedder's hot path) ---------------------- */

/* A property key interned by the engine. Made in 'setup' (template mode) it
 * is permanent: valid for the program's life in every context of it (the
 * way to pre-intern the names an embedder uses on every invocation). Made
 * during an invocation it is valid until bk_js_end(). */
typedef struct bk_js_str *bk_js_key_t;

/* The key spelled by the UTF-8 bytes s[0..n); NULL on OOM. */
bk_js_key_t bk_js_key(bk_js_ctx_t *ctx, const char *s, size_t n);

/* obj[key] (getters run) / obj[key] = v ([[Set]]) / CreateDataProperty
 * (define: an own enumerable, writable, configurable data property, no
 * setters run; for objects the embedder builds). BK_ERR if it threw. */
BK_MUST_CHECK int bk_js_get_k(bk_js_ctx_t *ctx, bk_js_val_t obj,
                              bk_js_key_t key, bk_js_val_t *out);
BK_MUST_CHECK int bk_js_set_k(bk_js_ctx_t *ctx, bk_js_val_t obj,
                              bk_js_key_t key, bk_js_val_t v);
BK_MUST_CHECK int bk_js_define_k(bk_js_ctx_t *ctx, bk_js_val_t obj,
                                 bk_js_key_t key, bk_js_val_t v);

/* A new plain object whose own properties are keys[i] = vals[i], in order
 * (enumerable, writable, configurable; a repeated key keeps its first
 * place and its last value). Undefined on OOM. */
bk_js_val_t bk_js_object_from(bk_js_ctx_t *ctx, const bk_js_key_t *keys,
                              const bk_js_val_t *vals, uint32_t n);

/* bk_js_object_from() with string values made from strs[i] by
 * bk_js_string_ext()'s rules (ASCII not copied: the bytes must outlive the
 * invocation). */
bk_js_val_t bk_js_object_strs(bk_js_ctx_t *ctx, const bk_js_key_t *keys,
                              const bk_str_t *strs, uint32_t n);

/* A plain object {names[i]: {inner: values[i]}} (names and values UTF-8,
 * ASCII not copied as in bk_js_string_ext): the shape of CloudFront's
 * header, cookie and query maps, made in one call. Undefined on OOM.
 * keys_out (NULL: not wanted) receives the n property keys: keys are
 * interned, so a key read back from the object later (bk_js_entries) is
 * the same pointer exactly when it spells the same name. */
bk_js_val_t bk_js_object_records(bk_js_ctx_t *ctx, bk_js_key_t inner,
                                 const bk_str_t *names, const bk_str_t *values,
                                 uint32_t n, bk_js_key_t *keys_out);

/* The key an entry's key value (from bk_js_entries) stands for: the same
 * pointer bk_js_key() gives for its text. NULL for a symbol or non-key. */
bk_js_key_t bk_js_key_of(bk_js_val_t v);

/* 1 when obj is an ordinary object of this invocation whose only own
 * property is the data property 'key' and whose prototype is
 * Object.prototype untouched by this invocation: *out gets the value and
 * reading any other key of obj means reading the template's
 * Object.prototype (an embedder checks that once). 0 otherwise. */
int bk_js_lone_value(bk_js_ctx_t *ctx, bk_js_val_t obj, bk_js_key_t key,
                     bk_js_val_t *out);

/* For an ordinary object of this invocation whose prototype is
 * Object.prototype untouched by this invocation, the own data properties
 * named by n keys (none an index) in one pass: 1, with vals[i] the value,
 * or undefined where keys[i] is not own (so obj[keys[i]] is what the
 * template's Object.prototype says: see bk_js_object_proto_lacks). 0 when
 * obj is not such an object or one of the keys is an accessor (use
 * bk_js_get_k). */
int bk_js_own_values(bk_js_ctx_t *ctx, bk_js_val_t obj, const bk_js_key_t *keys,
                     uint32_t n, bk_js_val_t *vals);

/* 1 when Object.prototype (as this invocation sees it) has no property,
 * data or accessor, named by any of the n keys: then an ordinary object
 * lacking them as own properties reads them as undefined. */
int bk_js_object_proto_lacks(bk_js_ctx_t *ctx, const bk_js_key_t *keys, uint32_t n);

/* A string over the caller's UTF-8 bytes. ASCII is not copied: the bytes
 * must stay valid and unchanged until bk_js_end(); other text is decoded
 * as bk_js_string() does. Undefined on OOM. */
bk_js_val_t bk_js_string_ext(bk_js_ctx_t *ctx, const char *s, size_t n);

/* If v is a string of ASCII characters only: its bytes (not NUL-ended,
 * valid until bk_js_end()) and length; else NULL (use bk_js_to_utf8). */
const char *bk_js_str_ascii(bk_js_val_t v, size_t *n);

/* Own enumerable string-keyed properties in property order with their
 * values ([[Get]], getters run): *keys and *vals in the invocation arena.
 * BK_ERR if a getter threw or memory ran out. */
BK_MUST_CHECK int bk_js_entries(bk_js_ctx_t *ctx, bk_js_val_t obj,
                                bk_js_val_t **keys, bk_js_val_t **vals,
                                uint32_t *n);

/* Defines an enumerable, configurable accessor property obj[key] whose
 * getter is the native 'get' (no setter). BK_ERR on OOM. */
BK_MUST_CHECK int bk_js_define_getter(bk_js_ctx_t *ctx, bk_js_val_t obj,
                                      const char *key, bk_js_native_t get);

/* Throws new <name>(msg), name one of Error, TypeError, RangeError, ...;
 * returns BK_ERR for `return bk_js_throw(...)` in natives. */
int bk_js_throw(bk_js_ctx_t *ctx, const char *name, const char *fmt, ...)
    BK_PRINTF(3, 4);

/* Registers require('name') / import from 'name' (call from 'setup'). */
BK_MUST_CHECK int bk_js_register_module(bk_js_ctx_t *ctx, const char *name,
                                        bk_js_module_init_t init, void *data);

/* The runtime of the program the context runs. */
bk_js_runtime_t bk_js_runtime(const bk_js_ctx_t *ctx);

#endif
