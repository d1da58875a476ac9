/*
 * js_int.h: the engine's internal header, shared by the files of src/js.
 *
 * Key invariants:
 *  - A bk_js_val_t is a NaN-boxed word: doubles are stored as they are
 *    (every NaN canonicalised), everything else carries a tag in the top 16
 *    bits and a 48-bit pointer or payload below.
 *  - Property keys are bk_js_str_t pointers: interned atoms (compared by
 *    pointer) or symbols.
 *  - A template object (tidx != 0) is never written during an invocation:
 *    every access goes through bk_js__rd() / bk_js__wr(), which return the
 *    invocation's private copy when there is one (wr makes it).
 *  - Memory exhaustion and the compute budget end the run with a longjmp to
 *    the innermost guard (bk_js__guard_*): no allocation returns NULL to its
 *    caller inside the engine, and nothing outside the arena is held across
 *    an allocation, so unwinding is always safe.
 */
#ifndef BK_JS_JS_INT_H
#define BK_JS_JS_INT_H

#include <setjmp.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "js/js.h"
#include "js/opcodes.h"

typedef struct bk_js_str bk_js_str_t;
typedef struct bk_js_obj bk_js_obj_t;
typedef struct bk_js_code bk_js_code_t;
typedef bk_js_val_t val_t;

/* ---- values ----------------------------------------------------------- */

#define BK_JS_TAG_SPECIAL 0xFFF9ull
#define BK_JS_TAG_STR 0xFFFAull
#define BK_JS_TAG_OBJ 0xFFFBull
#define BK_JS_TAG_SYM 0xFFFCull
#define BK_JS_PAYLOAD 0x0000FFFFFFFFFFFFull

#define V_UNDEF ((BK_JS_TAG_SPECIAL << 48) | 0)
#define V_NULL ((BK_JS_TAG_SPECIAL << 48) | 1)
#define V_FALSE ((BK_JS_TAG_SPECIAL << 48) | 2)
#define V_TRUE ((BK_JS_TAG_SPECIAL << 48) | 3)
#define V_EMPTY ((BK_JS_TAG_SPECIAL << 48) | 4) /* hole / TDZ */
#define V_NAN 0x7FF8000000000000ull

static inline int v_is_num(val_t v) { return v < (BK_JS_TAG_SPECIAL << 48); }
static inline unsigned v_tag(val_t v) { return (unsigned)(v >> 48); }
static inline int v_is_str(val_t v) { return v_tag(v) == BK_JS_TAG_STR; }
static inline int v_is_obj(val_t v) { return v_tag(v) == BK_JS_TAG_OBJ; }
static inline int v_is_sym(val_t v) { return v_tag(v) == BK_JS_TAG_SYM; }
static inline int v_is_bool(val_t v) { return v == V_TRUE || v == V_FALSE; }
static inline int v_is_nullish(val_t v) { return v == V_UNDEF || v == V_NULL; }

static inline double v_num(val_t v)
{
    double d;
    memcpy(&d, &v, 8);
    return d;
}

static inline val_t v_mknum(double d)
{
    val_t v;
    if (BK_UNLIKELY(d != d))
        return V_NAN;
    memcpy(&v, &d, 8);
    return v;
}

static inline void *v_ptr(val_t v) { return (void *)(uintptr_t)(v & BK_JS_PAYLOAD); }
static inline val_t v_mkstr(const bk_js_str_t *s)
{
    return (BK_JS_TAG_STR << 48) | (uint64_t)(uintptr_t)s;
}
static inline val_t v_mkobj(const bk_js_obj_t *o)
{
    return (BK_JS_TAG_OBJ << 48) | (uint64_t)(uintptr_t)o;
}
static inline val_t v_mksym(const bk_js_str_t *s)
{
    return (BK_JS_TAG_SYM << 48) | (uint64_t)(uintptr_t)s;
}
static inline val_t v_mkbool(int b) { return b ? V_TRUE : V_FALSE; }
static inline bk_js_str_t *v_str(val_t v) { return (bk_js_str_t *)v_ptr(v); }
static inline bk_js_obj_t *v_obj(val_t v) { return (bk_js_obj_t *)v_ptr(v); }

/* ---- strings ----------------------------------------------------------- */

enum {
    STR_WIDE = 1,   /* 16-bit units (some unit >= 256) */
    STR_ATOM = 2,   /* interned */
    STR_SYMBOL = 4, /* a symbol (never interned; desc in 'desc') */
    STR_INDEX = 8,  /* atom spelling a canonical array index ('index') */
    STR_HASHED = 16,
    STR_NUMERIC = 32, /* checked for STR_INDEX */
    STR_ASCII = 64,   /* known to hold ASCII only (embedder strings) */
};

/* Spare room behind a string built by concatenation, so that 's += x' in a
 * loop appends in place (amortised O(n) bytes). Owned by one invocation. */
typedef struct {
    uint32_t used, cap; /* in code units */
    uint32_t gen;
    void *owner; /* the context that may extend it */
} bk_js_strbuf_t;

struct bk_js_str {
    uint32_t len;
    uint16_t flags;
    uint16_t _pad;
    uint32_t hash;
    uint32_t index;
    union {
        const uint8_t *u8;
        const uint16_t *u16;
    } d;
    union {
        bk_js_strbuf_t *buf; /* growable storage or NULL */
        bk_js_str_t *desc;   /* symbols: description or NULL */
    } x;
};

static inline uint32_t str_at(const bk_js_str_t *s, uint32_t i)
{
    return (s->flags & STR_WIDE) ? s->d.u16[i] : s->d.u8[i];
}

/* ---- objects ------------------------------------------------------------ */

enum {
    CLS_OBJECT,
    CLS_ARRAY,
    CLS_FUNCTION, /* bytecode closure */
    CLS_NATIVE,
    CLS_BOUND,
    CLS_ERROR,
    CLS_BOOLEAN,
    CLS_NUMBER,
    CLS_STRING,
    CLS_SYMBOL,
    CLS_ARGUMENTS,
    CLS_ENV,
    CLS_ITER,    /* built-in iterators (array, string, keys, ...) */
    CLS_FORIN,
    CLS_GENERATOR,
    CLS_PROMISE,
    CLS_DATE,
    CLS_REGEXP,
    CLS_MAP,
    CLS_SET,
    CLS_OTHER,   /* native data for built-ins added later */
    CLS_ARRAYBUFFER, /* u.data is a bk_js_bytes_t */
    CLS_TYPED,   /* typed array view (builtin_typed.c) */
    CLS_DATAVIEW,
    CLS_REGEXP_ITER, /* %RegExpStringIterator% (builtin_regexp.c) */
};

/* The bytes of an ArrayBuffer (Buffer is a Uint8Array over one). */
typedef struct {
    uint8_t *p;
    uint32_t len;
} bk_js_bytes_t;

enum {
    OF_EXTENSIBLE = 1,
    OF_CALLABLE = 2,
    OF_CTOR = 4,
    OF_SPARSE = 8,      /* arrays: some index keys live in props */
    OF_LEN_RO = 16,     /* arrays: length not writable */
    OF_CLASS_CTOR = 32, /* cannot be called without new */
    OF_FROZEN = 64,     /* elements read-only and permanent */
    OF_SEALED = 128,    /* elements permanent */
};

enum {
    P_WRITABLE = 1,
    P_ENUMERABLE = 2,
    P_CONFIGURABLE = 4,
    P_ACCESSOR = 8,
    P_DEFAULT = 7,
};

typedef struct {
    val_t get, set;
} bk_js_accessor_t;

typedef struct {
    bk_js_str_t *key; /* NULL: deleted slot */
    uint32_t flags;
    uint32_t _pad;
    val_t v; /* accessor: pointer to bk_js_accessor_t */
} bk_js_prop_t;

struct bk_js_obj {
    uint32_t tidx; /* template index; 0: invocation object or private copy */
    uint8_t cls;
    uint8_t flags;
    uint16_t hbits; /* log2 of the hash index size; 0: no index */
    uint32_t nprops, pcap;
    uint32_t len; /* arrays: length */
    uint32_t nelems, ecap;
    bk_js_obj_t *proto;
    bk_js_prop_t *props;
    uint32_t *hash; /* prop index + 1 per bucket, open addressing */
    val_t *elems;   /* arrays: dense part; envs: slots */
    union {
        struct {
            bk_js_code_t *fn;
            bk_js_obj_t *env;
            val_t this_val; /* arrows: the captured this */
            bk_js_obj_t *home;
            bk_js_obj_t *fields; /* class ctors: [key, init, ...] or NULL */
        } f;
        struct {
            bk_js_native_t fn;
            int32_t magic;
            void *data;
        } n;
        struct {
            val_t target, this_val;
            val_t *args;
            uint32_t nargs;
        } b;
        val_t prim; /* Boolean/Number/String/Symbol wrappers, Date time */
        struct {
            bk_js_obj_t *parent;
        } env;
        struct {
            val_t target;
            uint32_t i;
            uint8_t kind; /* 0 values, 1 keys, 2 entries */
        } it;
        struct {
            val_t *keys;
            uint32_t n, i;
            val_t obj;
        } forin;
        struct {
            void *state; /* generator/promise state */
            val_t a, b;
        } g;
        void *data;
    } u;
};

/* ---- compiled functions ---------------------------------------------- */

enum {
    FN_ARROW = 1,
    FN_ASYNC = 2,
    FN_GEN = 4,
    FN_METHOD = 8,     /* no prototype, not a constructor */
    FN_CLASS_CTOR = 16,
    FN_DERIVED = 32,
    FN_SCRIPT = 64,
    FN_GETSET = 128,
};

struct bk_js_code {
    const uint8_t *code;
    uint32_t ncode;
    uint32_t nconsts, nfuncs;
    val_t *consts;
    bk_js_code_t **funcs;
    uint16_t nparams, length, nlocals, maxstack;
    uint16_t flags;
    uint16_t nlines;
    uint32_t line, col;
    bk_js_str_t *name;  /* atom */
    uint32_t *lines;    /* pairs: pc, line */
    const char *src;    /* Function.prototype.toString */
    uint32_t srclen;
};

/* ---- programs and contexts --------------------------------------------- */

/* Atoms every part of the engine uses, created in each program. */
#define BK_JS_ATOMS(X)                                                       \
    X(empty, "") X(length, "length") X(prototype, "prototype")                \
    X(constructor, "constructor") X(name, "name") X(message, "message")       \
    X(stack, "stack") X(toString, "toString") X(valueOf, "valueOf")           \
    X(get, "get") X(set, "set") X(value, "value") X(writable, "writable")     \
    X(enumerable, "enumerable") X(configurable, "configurable")               \
    X(next, "next") X(done, "done") X(return_, "return") X(throw_, "throw")   \
    X(then, "then") X(undefined, "undefined") X(null_, "null")                \
    X(true_, "true") X(false_, "false") X(object, "object")                   \
    X(function, "function") X(number, "number") X(string, "string")          \
    X(boolean, "boolean") X(symbol, "symbol") X(bigint, "bigint")             \
    X(arguments, "arguments") X(callee, "callee") X(cause, "cause")           \
    X(NaN, "NaN") X(Infinity, "Infinity") X(default_, "default")              \
    X(index, "index") X(input, "input") X(groups, "groups")                   \
    X(raw, "raw") X(join, "join") X(lastIndex, "lastIndex")                   \
    X(errors, "errors") X(status, "status") X(reason, "reason")               \
    X(fulfilled, "fulfilled") X(rejected, "rejected") X(anonymous, "anonymous")\
    X(Error, "Error") X(toJSON, "toJSON") X(__proto__, "__proto__")

enum {
#define BK_JS__ATOM_ENUM(id, s) ATOM_##id,
    BK_JS_ATOMS(BK_JS__ATOM_ENUM)
#undef BK_JS__ATOM_ENUM
    ATOM__COUNT
};

/* Well-known symbols. */
enum { SYM_iterator, SYM_asyncIterator, SYM_hasInstance, SYM_toPrimitive,
       SYM_toStringTag, SYM_match, SYM_matchAll, SYM_replace, SYM_search,
       SYM_split, SYM_species, SYM_isConcatSpreadable, SYM_unscopables,
       SYM__COUNT };

/* Error constructors, by kind. */
#define BK_JS_ERRORS(X)                                                       \
    X(Error) X(EvalError) X(RangeError) X(ReferenceError) X(SyntaxError)      \
    X(TypeError) X(URIError) X(InternalError) X(MemoryError) X(AggregateError)

enum {
#define BK_JS__ERR_ENUM(n) ERR_##n,
    BK_JS_ERRORS(BK_JS__ERR_ENUM)
#undef BK_JS__ERR_ENUM
    ERR__COUNT
};

/* Prototypes and constructors the engine itself needs. */
enum {
    PROTO_OBJECT, PROTO_FUNCTION, PROTO_ARRAY, PROTO_STRING, PROTO_NUMBER,
    PROTO_BOOLEAN, PROTO_SYMBOL, PROTO_ITERATOR, PROTO_ARRAY_ITER,
    PROTO_STRING_ITER, PROTO_GENERATOR, PROTO_PROMISE, PROTO_REGEXP,
    PROTO_DATE, PROTO_MAP, PROTO_SET, PROTO_ASYNC_FUNCTION,
    PROTO_GENERATOR_FUNCTION, PROTO_BUFFER, PROTO_ARRAYBUFFER, PROTO_TYPED,
    PROTO_DATAVIEW, PROTO_REGEXP_ITER, PROTO__COUNT
};

typedef struct {
    bk_js_str_t **slots;
    uint32_t mask, count; /* size = mask + 1; 0 slots when empty */
} bk_js_atomtab_t;

typedef struct bk_js_re_list {
    struct bk_js_re_list *next;
    void *re; /* bk_js_re_t */
} bk_js_re_list_t;

typedef struct bk_js_module {
    struct bk_js_module *next;
    bk_js_str_t *name;
    bk_js_module_init_t init;
    void *data;
    uint32_t slot; /* index of its cached exports in the module env */
} bk_js_module_t;

struct bk_js_prog {
    bk_arena_t arena; /* the template: code, atoms, objects */
    bk_js_atomtab_t atoms;
    bk_js_runtime_t runtime;
    size_t memory_limit;
    uint64_t budget;
    unsigned max_depth;
    const char *filename;
    uint32_t nobjs; /* template objects so far (tidx 1..nobjs) */
    bk_js_str_t *atom[ATOM__COUNT];
    bk_js_str_t *sym[SYM__COUNT];
    bk_js_obj_t *proto[PROTO__COUNT];
    bk_js_obj_t *err_proto[ERR__COUNT];
    bk_js_obj_t *err_ctor[ERR__COUNT];
    bk_js_obj_t *typed_proto[9]; /* Int8Array.prototype ... */
    bk_js_obj_t *typed_ctor[9];  /* Int8Array ... (species defaults) */
    bk_js_obj_t *global;     /* the global object */
    bk_js_obj_t *global_lex; /* top-level let/const/class bindings */
    bk_js_obj_t *modules_cache; /* name -> exports */
    bk_js_obj_t *array_values;  /* Array.prototype.values (for-of fast path) */
    bk_js_obj_t *throw_type_error;
    bk_js_module_t *modules;
    struct bk_js_re_list *regexps; /* compiled literals, freed with prog */
    bk_js_code_t *main;
    bk_js_code_t **all_funcs; /* for the disassembler */
    uint32_t nall_funcs, all_cap;
    bk_js_log_cb_t log;
    void *log_data;
    int loaded;
};

/* The per-invocation private copy of a template object. */
typedef struct {
    uint32_t gen;
    bk_js_obj_t *copy;
} bk_js_overlay_t;

typedef struct {
    bk_js_code_t *fn;       /* NULL: native frame (only for stack traces) */
    bk_js_obj_t *callee;
    const uint8_t *pc;
    val_t *argv;
    val_t *locals;
    val_t *sp;              /* saved operand stack pointer */
    val_t *stack;           /* operand stack bottom */
    val_t this_val;
    val_t new_target;
    bk_js_obj_t *env;
    bk_js_obj_t *gen;       /* the generator/async state running here */
    uint32_t argc;
    uint32_t try_base;
    uint8_t flags;          /* FR_* */
} bk_js_frame_t;

enum { FR_ENTRY = 1, FR_CTOR = 2, FR_DERIVED = 4 };

typedef struct {
    uint32_t frame;
    uint32_t fin; /* a finally handler (runs for a generator's return()) */
    const uint8_t *pc;
    val_t *sp;
    bk_js_obj_t *env;
} bk_js_try_t;

typedef struct bk_js_job {
    struct bk_js_job *next;
    val_t fn, arg, a, b; /* a reaction: fn(arg), result resolves (a, b) */
    int kind;
} bk_js_job_t;

#if defined(__SANITIZE_THREAD__)
#define BK_JS_PLAIN_SETJMP 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define BK_JS_PLAIN_SETJMP 1
#endif
#endif
#ifndef BK_JS_PLAIN_SETJMP
#define BK_JS_PLAIN_SETJMP 0
#endif

typedef struct bk_js_guard {
    struct bk_js_guard *prev;
    uint32_t nframes, ntries;
    unsigned depth;
#if BK_JS_PLAIN_SETJMP
    jmp_buf jb;
#else
    void *jb[5]; /* __builtin_setjmp buffer: cheap, no signal mask */
#endif
} bk_js_guard_t;

/* Sets the guard's landing point; 0 on entry, 1 after an abort. The
 * compiler builtins cost a few instructions; ThreadSanitizer only knows
 * the library pair, so TSan builds use that. */
#if BK_JS_PLAIN_SETJMP
#define BK_JS_SETJMP(g) setjmp((g).jb)
#define BK_JS_LONGJMP(jb) longjmp((jb), 1)
#else
#define BK_JS_SETJMP(g) __builtin_setjmp((g).jb)
#define BK_JS_LONGJMP(jb) __builtin_longjmp((jb), 1)
#endif

struct bk_js_ctx {
    bk_js_prog_t *prog;
    bk_arena_t *arena;   /* where allocations go now */
    bk_arena_t inv;      /* the invocation arena */
    int template_mode;   /* building the template: objects get a tidx */
    uint32_t gen;
    bk_js_overlay_t *overlay;
    uint32_t noverlay;
    bk_js_atomtab_t atoms; /* atoms created by this invocation */

    val_t *stack, *stack_end;
    bk_js_frame_t *frames;
    uint32_t nframes, max_frames;
    bk_js_try_t *tries;
    uint32_t ntries, max_tries;
    unsigned depth; /* nested C-level interpreter entries */

    int64_t fuel;        /* work left; < 0 ends the run */
    uint64_t budget;     /* 0: unlimited */
    bk_js_limit_t limit;
    bk_js_guard_t *guard;

    val_t exc;
    int has_exc;
    const char *exc_str;

    bk_js_job_t *jobs, *jobs_tail;
    bk_js_log_cb_t log;
    void *log_data;
    val_t new_target;     /* of the native being called (undefined: call) */
    val_t gen_ret;        /* the value of a generator return() unwinding */
    int32_t native_magic; /* magic of the native being called */
    bk_js_obj_t *native_callee;
    uint64_t rng;
    struct bk_js_rej *rejections; /* promises rejected with no handler */
    struct {
        const char *p;    /* C string the embedder passed */
        bk_js_str_t *a;   /* its atom */
        uint32_t gen;     /* valid in this invocation (0: permanent) */
    } acache[64];         /* bk_js__atom_cstr() by pointer */
    double now_ms;        /* Date.now() for this invocation; 0: not read */
    void *re_ctx;         /* bk_js_re_ctx_t for this invocation's arena */
    bk_arena_t *re_arena; /* the arena re_ctx belongs to */
    uint32_t re_gen;
    uint64_t re_stamp;    /* RegExp.prototype last found pristine, as a
                           * hash of its properties (builtin_regexp.c) */
    val_t join_stack[64]; /* Array.prototype.join cycle guard */
    unsigned join_depth;
};

#define A(ctx, id) ((ctx)->prog->atom[ATOM_##id])

/* ---- memory (value.c) ------------------------------------------------- */

/* Allocation that never returns NULL: on failure it ends the run. */
void *bk_js__ialloc(bk_js_ctx_t *ctx, size_t n);
void *bk_js__izalloc(bk_js_ctx_t *ctx, size_t n);
void *bk_js__irealloc(bk_js_ctx_t *ctx, void *p, size_t old, size_t n);
BK_NORETURN void bk_js__abort(bk_js_ctx_t *ctx, bk_js_limit_t why);

/* Charges 'n' work units; ends the run when the budget is gone. */
static inline void bk_js__charge(bk_js_ctx_t *ctx, int64_t n)
{
    ctx->fuel -= n;
    if (BK_UNLIKELY(ctx->fuel < 0) && ctx->budget)
        bk_js__abort(ctx, BK_JS_LIMIT_COMPUTE);
}

/* Guards: code that may longjmp out runs as
 *   bk_js__guard_enter(ctx, &g);
 *   if (BK_JS_SETJMP(g) == 0) { ...; bk_js__guard_leave(ctx, &g); }
 *   else { the run was aborted; guard already left }
 * Entering saves the frame/try/depth counters; an abort restores them. */
void bk_js__guard_enter(bk_js_ctx_t *ctx, bk_js_guard_t *g);
void bk_js__guard_leave(bk_js_ctx_t *ctx, bk_js_guard_t *g);

/* ---- strings and atoms (value.c) ------------------------------------- */

bk_js_str_t *bk_js__str_new8(bk_js_ctx_t *ctx, const uint8_t *p, uint32_t n);
bk_js_str_t *bk_js__str_new16(bk_js_ctx_t *ctx, const uint16_t *p, uint32_t n);
/* Whether p[0..n) is all ASCII (a word at a time). */
int bk_js__bytes_ascii(const uint8_t *p, size_t n);
/* Whether s holds ASCII only (the STR_ASCII flag, or a scan of 8-bit s). */
int bk_js__str_ascii(const bk_js_str_t *s);
/* Full Unicode case mapping / normalisation (unicode.c, over ICU); form:
 * 0 NFC, 1 NFD, 2 NFKC, 3 NFKD. */
BK_MUST_CHECK int bk_js__str_case(bk_js_ctx_t *ctx, bk_js_str_t *s, int upper,
                                  bk_js_str_t **out);
BK_MUST_CHECK int bk_js__str_normalize(bk_js_ctx_t *ctx, bk_js_str_t *s,
                                       int form, bk_js_str_t **out);
bk_js_str_t *bk_js__str_utf8(bk_js_ctx_t *ctx, const char *p, size_t n);
bk_js_str_t *bk_js__str_cstr(bk_js_ctx_t *ctx, const char *s);
bk_js_str_t *bk_js__str_concat(bk_js_ctx_t *ctx, bk_js_str_t *a,
                               bk_js_str_t *b);
bk_js_str_t *bk_js__str_sub(bk_js_ctx_t *ctx, bk_js_str_t *s, uint32_t from,
                            uint32_t to);
int bk_js__str_eq(const bk_js_str_t *a, const bk_js_str_t *b);
int bk_js__str_cmp(const bk_js_str_t *a, const bk_js_str_t *b);
int64_t bk_js__str_index_of(const bk_js_str_t *s, const bk_js_str_t *pat,
                            uint32_t from);
/* UTF-8 of s in the arena, NUL-terminated; *n its length. */
char *bk_js__str_to_utf8(bk_js_ctx_t *ctx, const bk_js_str_t *s, size_t *n);
int bk_js__buf_str(bk_buf_t *b, const bk_js_str_t *s);
bk_js_str_t *bk_js__atom(bk_js_ctx_t *ctx, bk_js_str_t *s);
bk_js_str_t *bk_js__atom_cstr(bk_js_ctx_t *ctx, const char *s);
bk_js_str_t *bk_js__atom_index(bk_js_ctx_t *ctx, uint32_t i);
bk_js_str_t *bk_js__symbol_new(bk_js_ctx_t *ctx, bk_js_str_t *desc);

/* A string builder in the arena (UTF-16 units, narrowed when done). */
typedef struct {
    bk_js_ctx_t *ctx;
    uint16_t *p;
    uint32_t n, cap;
    int wide;
} bk_js_sb_t;
void bk_js__sb_init(bk_js_sb_t *sb, bk_js_ctx_t *ctx);
void bk_js__sb_putc(bk_js_sb_t *sb, uint32_t unit);
void bk_js__sb_cstr(bk_js_sb_t *sb, const char *s);
void bk_js__sb_str(bk_js_sb_t *sb, const bk_js_str_t *s);
bk_js_str_t *bk_js__sb_done(bk_js_sb_t *sb);

/* ---- conversions (value.c) -------------------------------------------- */

bk_js_str_t *bk_js__num_to_str(bk_js_ctx_t *ctx, double d);
void bk_js__fmt_num(char *out, size_t n, double d); /* shortest JS form */
double bk_js__str_to_num(const bk_js_str_t *s);
/* These may throw: BK_ERR with the exception pending. */
BK_MUST_CHECK int bk_js__to_string(bk_js_ctx_t *ctx, val_t v,
                                   bk_js_str_t **out);
BK_MUST_CHECK int bk_js__to_number(bk_js_ctx_t *ctx, val_t v, double *out);
BK_MUST_CHECK int bk_js__to_primitive(bk_js_ctx_t *ctx, val_t v, int hint,
                                      val_t *out); /* hint 0 def 1 num 2 str */
BK_MUST_CHECK int bk_js__to_object(bk_js_ctx_t *ctx, val_t v,
                                   bk_js_obj_t **out);
BK_MUST_CHECK int bk_js__to_propkey(bk_js_ctx_t *ctx, val_t v,
                                    bk_js_str_t **out);
int bk_js__truthy(val_t v);
int32_t bk_js__to_int32(double d);
double bk_js__to_integer(double d);
/* IsStrictlyEqual; inline: the interpreter's === runs it. */
static inline int bk_js__strict_eq(val_t a, val_t b)
{
    if (v_is_num(a) && v_is_num(b))
        return v_num(a) == v_num(b);
    if (a == b)
        return 1;
    if (v_is_str(a) && v_is_str(b))
        return bk_js__str_eq(v_str(a), v_str(b));
    return 0;
}
int bk_js__same_value_zero(val_t a, val_t b);
int bk_js__same_value(val_t a, val_t b);
BK_MUST_CHECK int bk_js__loose_eq(bk_js_ctx_t *ctx, val_t a, val_t b,
                                  int *out);
bk_js_str_t *bk_js__typeof(bk_js_ctx_t *ctx, val_t v);
/* A one-line rendering for messages ("undefined", "x", "[object]"). */
const char *bk_js__describe(bk_js_ctx_t *ctx, val_t v);

/* ---- objects (object.c) ---------------------------------------------- */

bk_js_obj_t *bk_js__resolve(bk_js_ctx_t *ctx, bk_js_obj_t *o);
bk_js_obj_t *bk_js__cow(bk_js_ctx_t *ctx, bk_js_obj_t *o);

/* The readable / writable body of an object (see the invariant above). */
static inline bk_js_obj_t *bk_js__rd(bk_js_ctx_t *ctx, bk_js_obj_t *o)
{
    if (BK_LIKELY(o->tidx == 0) || ctx->overlay == NULL)
        return o;
    /* bk_js__resolve, inline: template objects are read on hot paths
     * (globals, prototypes). */
    const bk_js_overlay_t *e = &ctx->overlay[o->tidx];
    return e->gen == ctx->gen ? e->copy : o;
}
static inline bk_js_obj_t *bk_js__wr(bk_js_ctx_t *ctx, bk_js_obj_t *o)
{
    if (BK_LIKELY(o->tidx == 0) || ctx->overlay == NULL)
        return o;
    return bk_js__cow(ctx, o);
}

bk_js_obj_t *bk_js__obj_new(bk_js_ctx_t *ctx, int cls, bk_js_obj_t *proto);
bk_js_obj_t *bk_js__array_new(bk_js_ctx_t *ctx, uint32_t cap);
bk_js_obj_t *bk_js__array_from(bk_js_ctx_t *ctx, const val_t *v, uint32_t n);
void bk_js__array_push(bk_js_ctx_t *ctx, bk_js_obj_t *a, val_t v);
bk_js_obj_t *bk_js__native_new(bk_js_ctx_t *ctx, bk_js_str_t *name,
                               bk_js_native_t fn, int length, int magic);
bk_js_obj_t *bk_js__closure_new(bk_js_ctx_t *ctx, bk_js_code_t *fn,
                                bk_js_obj_t *env, val_t this_val);
bk_js_obj_t *bk_js__env_new(bk_js_ctx_t *ctx, bk_js_obj_t *parent,
                            uint32_t n);

/* Own property lookup on a readable body; NULL if absent. */
bk_js_prop_t *bk_js__find(bk_js_obj_t *b, const bk_js_str_t *key);
/* Defines/overwrites an own data property (no checks). */
void bk_js__put_own(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key,
                    val_t v, uint32_t flags);
/* A new ordinary object with own data properties keys[i] = vals[i] in
 * order (a repeated key keeps its first place, last value), and room for
 * 'spare' more before its property array grows. */
bk_js_obj_t *bk_js__obj_from(bk_js_ctx_t *ctx, bk_js_obj_t *proto,
                             bk_js_str_t *const *keys, const val_t *vals,
                             uint32_t n, uint32_t spare);
void bk_js__put_accessor(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key,
                         val_t getter, val_t setter, uint32_t flags);

/* [[Get]] with prototype chain and getters; receiver for getters. */
BK_MUST_CHECK int bk_js__get(bk_js_ctx_t *ctx, val_t obj, bk_js_str_t *key,
                             val_t *out);
BK_MUST_CHECK int bk_js__get_from(bk_js_ctx_t *ctx, bk_js_obj_t *o,
                                  val_t receiver, bk_js_str_t *key,
                                  val_t *out);
BK_MUST_CHECK int bk_js__get_v(bk_js_ctx_t *ctx, val_t obj, val_t key,
                               val_t *out);
BK_MUST_CHECK int bk_js__get_index(bk_js_ctx_t *ctx, val_t obj, uint32_t i,
                                   val_t *out);
/* [[Set]] in strict mode (throws on failure). */
BK_MUST_CHECK int bk_js__set(bk_js_ctx_t *ctx, val_t obj, bk_js_str_t *key,
                             val_t v);
BK_MUST_CHECK int bk_js__set_v(bk_js_ctx_t *ctx, val_t obj, val_t key,
                               val_t v);
BK_MUST_CHECK int bk_js__set_index(bk_js_ctx_t *ctx, val_t obj, uint32_t i,
                                   val_t v);
/* [[DefineOwnProperty]] for data properties; throws (BK_ERR) on failure. */
BK_MUST_CHECK int bk_js__define(bk_js_ctx_t *ctx, bk_js_obj_t *o,
                                bk_js_str_t *key, val_t v, uint32_t flags);
BK_MUST_CHECK int bk_js__define_v(bk_js_ctx_t *ctx, bk_js_obj_t *o, val_t key,
                                  val_t v, uint32_t flags);
/* A property descriptor as ToPropertyDescriptor makes it: 'has' says which
 * fields are present (D_*); 'flags' holds the present attributes (P_*). */
enum {
    D_VALUE = 1, D_WRITABLE = 2, D_GET = 4, D_SET = 8, D_ENUMERABLE = 16,
    D_CONFIGURABLE = 32,
};
typedef struct {
    uint32_t has, flags;
    val_t value, get, set;
} bk_js_desc_t;
/* [[DefineOwnProperty]] of ordinary, Array, arguments and typed-array
 * objects; a rejection throws a TypeError (BK_ERR). */
BK_MUST_CHECK int bk_js__define_own(bk_js_ctx_t *ctx, bk_js_obj_t *o,
                                    bk_js_str_t *key, const bk_js_desc_t *d);
BK_MUST_CHECK int bk_js__delete(bk_js_ctx_t *ctx, bk_js_obj_t *o,
                                bk_js_str_t *key, int *ok);
/* HasProperty (chain) / HasOwnProperty. */
BK_MUST_CHECK int bk_js__has(bk_js_ctx_t *ctx, bk_js_obj_t *o,
                             bk_js_str_t *key, int *out);
int bk_js__has_own(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key);
/* Own property descriptor: returns 0 if absent; fills flags/value. */
int bk_js__get_own(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key,
                   uint32_t *flags, val_t *v, bk_js_accessor_t **acc);
/* Own keys in spec order. which: 1 strings, 2 symbols, 3 both; enumerable
 * only when 'enum_only'. */
val_t *bk_js__own_keys(bk_js_ctx_t *ctx, bk_js_obj_t *o, int which,
                       int enum_only, uint32_t *n);
BK_MUST_CHECK int bk_js__set_length(bk_js_ctx_t *ctx, bk_js_obj_t *a,
                                    double len);
bk_js_obj_t *bk_js__proto_of(bk_js_ctx_t *ctx, bk_js_obj_t *o);
/* The array index a key spells, or -1. */
static inline int64_t bk_js__key_index(const bk_js_str_t *k)
{
    return (k->flags & STR_INDEX) ? (int64_t)k->index : -1;
}
/* Fast length of an array-like (reads .length). */
BK_MUST_CHECK int bk_js__length_of(bk_js_ctx_t *ctx, val_t o, double *len);
int bk_js__is_callable(val_t v);
int bk_js__is_ctor(val_t v);
int bk_js__instance_of(bk_js_ctx_t *ctx, val_t v, val_t ctor, int *out);
void bk_js__freeze(bk_js_ctx_t *ctx, bk_js_obj_t *o, int freeze);

/* ---- exceptions (vm.c) ------------------------------------------------ */

int bk_js__throw(bk_js_ctx_t *ctx, int kind, const char *fmt, ...)
    BK_PRINTF(3, 4);
int bk_js__throw_val(bk_js_ctx_t *ctx, val_t v);
bk_js_obj_t *bk_js__error_new(bk_js_ctx_t *ctx, int kind, bk_js_str_t *msg);
#define bk_js__type_error(ctx, ...) bk_js__throw((ctx), ERR_TypeError, __VA_ARGS__)
#define bk_js__range_error(ctx, ...) bk_js__throw((ctx), ERR_RangeError, __VA_ARGS__)

/* ---- calls (vm.c) ----------------------------------------------------- */

BK_MUST_CHECK int bk_js__call(bk_js_ctx_t *ctx, val_t f, val_t this_val,
                              int argc, const val_t *argv, val_t *ret);
BK_MUST_CHECK int bk_js__construct(bk_js_ctx_t *ctx, val_t f, int argc,
                                   const val_t *argv, val_t new_target,
                                   val_t *ret);
/* Runs the bytecode function 'fn' as a script (this = undefined). */
BK_MUST_CHECK int bk_js__run_script(bk_js_ctx_t *ctx, bk_js_code_t *fn,
                                    val_t *ret);
void bk_js__enqueue_job(bk_js_ctx_t *ctx, val_t fn, val_t arg, val_t a,
                        val_t b, int kind);
BK_MUST_CHECK int bk_js__run_jobs(bk_js_ctx_t *ctx);

/* Iteration protocol helpers. */
BK_MUST_CHECK int bk_js__get_iterator(bk_js_ctx_t *ctx, val_t v, val_t *iter,
                                      val_t *next);
/* 1: got *v, 0: done, BK_ERR: threw. */
int bk_js__iter_step(bk_js_ctx_t *ctx, val_t iter, val_t next, val_t *v);
int bk_js__iter_close(bk_js_ctx_t *ctx, val_t iter);
int bk_js__iter_close_throw(bk_js_ctx_t *ctx, val_t iter);
bk_js_obj_t *bk_js__iter_result(bk_js_ctx_t *ctx, val_t v, int done);

/* Promises (promise.c). */
bk_js_obj_t *bk_js__promise_new(bk_js_ctx_t *ctx);
void bk_js__promise_resolve(bk_js_ctx_t *ctx, bk_js_obj_t *p, val_t v);
void bk_js__promise_settle(bk_js_ctx_t *ctx, bk_js_obj_t *p, int rejected,
                           val_t v);
void bk_js__promise_then(bk_js_ctx_t *ctx, bk_js_obj_t *p, val_t on_ok,
                         val_t on_err, bk_js_obj_t *result);
int bk_js__is_promise(bk_js_ctx_t *ctx, val_t v);
/* BK_ERR (with the reason pending) if a promise rejected during the run
 * still has no handler, as node's unhandledRejection. */
int bk_js__check_rejections(bk_js_ctx_t *ctx);
/* Resumes a suspended generator/async body (vm.c). mode 0 next 1 throw 2
 * return. */
BK_MUST_CHECK int bk_js__gen_resume(bk_js_ctx_t *ctx, bk_js_obj_t *gen,
                                    int mode, val_t v, val_t *ret, int *done);

/* ---- built-ins (builtins*.c) ----------------------------------------- */

/* One entry per built-in file: installs its objects into the template. */
typedef struct {
    const char *name;
    void (*install)(bk_js_ctx_t *ctx);
} bk_js_builtin_t;

void bk_js__install_builtins(bk_js_ctx_t *ctx);

/* Method table helper for built-in files. */
typedef struct {
    const char *name;
    bk_js_native_t fn;
    int16_t length;
    int16_t magic;
} bk_js_method_t;

void bk_js__def_methods(bk_js_ctx_t *ctx, bk_js_obj_t *o,
                        const bk_js_method_t *m, size_t n);
bk_js_obj_t *bk_js__def_ctor(bk_js_ctx_t *ctx, const char *name,
                             bk_js_native_t fn, int length,
                             bk_js_obj_t *proto);
void bk_js__def_value(bk_js_ctx_t *ctx, bk_js_obj_t *o, const char *name,
                      val_t v, uint32_t flags);
void bk_js__def_getter(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key,
                       bk_js_native_t fn);
/* get [Symbol.species]: returns its receiver (Array, Promise, RegExp, ...). */
int bk_js__species_getter(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret);
/* Installs the getter above as ctor[Symbol.species] (2.0 only). */
void bk_js__def_species(bk_js_ctx_t *ctx, bk_js_obj_t *ctor);
/* SpeciesConstructor(obj, default_ctor): obj.constructor[Symbol.species],
 * or default_ctor when either is undefined (or null for the latter).
 * TypeError when the constructor is not an object or the species not a
 * constructor. 'obj' must be an object. */
BK_MUST_CHECK int bk_js__species_ctor(bk_js_ctx_t *ctx, val_t obj,
                                      val_t default_ctor, val_t *out);
void bk_js__install_object(bk_js_ctx_t *ctx);
void bk_js__install_function(bk_js_ctx_t *ctx);
void bk_js__install_error(bk_js_ctx_t *ctx);
void bk_js__install_array(bk_js_ctx_t *ctx);
void bk_js__install_string(bk_js_ctx_t *ctx);
void bk_js__install_number(bk_js_ctx_t *ctx);
void bk_js__install_symbol(bk_js_ctx_t *ctx);
void bk_js__install_iter(bk_js_ctx_t *ctx);
void bk_js__install_promise(bk_js_ctx_t *ctx);
void bk_js__install_json(bk_js_ctx_t *ctx);
void bk_js__install_regexp(bk_js_ctx_t *ctx);
void bk_js__install_date(bk_js_ctx_t *ctx);
void bk_js__install_uri(bk_js_ctx_t *ctx);
void bk_js__install_crypto(bk_js_ctx_t *ctx);
void bk_js__install_querystring(bk_js_ctx_t *ctx);
void bk_js__install_bytes(bk_js_ctx_t *ctx);
void bk_js__install_buffer(bk_js_ctx_t *ctx);
void bk_js__install_map(bk_js_ctx_t *ctx);
void bk_js__install_typed(bk_js_ctx_t *ctx);
/* Typed array elements (builtin_typed.c): get returns 1 if i is in range
 * (*out undefined otherwise); set converts with ToNumber (may throw). */
int bk_js__typed_get(bk_js_ctx_t *ctx, bk_js_obj_t *body, uint32_t i,
                     val_t *out);
BK_MUST_CHECK int bk_js__typed_set(bk_js_ctx_t *ctx, bk_js_obj_t *o,
                                   uint32_t i, val_t v);
uint32_t bk_js__typed_length(bk_js_obj_t *body);
/* A new Uint8Array-kind view with prototype 'proto' (NULL: Uint8Array's)
 * over 'ab' (an ArrayBuffer; NULL: a new one of n zero bytes) from byte
 * 'off', n elements. The caller checks the range. */
bk_js_obj_t *bk_js__typed_u8(bk_js_ctx_t *ctx, bk_js_obj_t *ab, uint32_t off,
                             uint32_t n, bk_js_obj_t *proto);
/* The bytes a typed array, DataView or ArrayBuffer value views (*n of
 * them), writable (copied on write) when 'wr'; NULL for anything else.
 * *ab and *off (if not NULL) get the ArrayBuffer and the byte offset. */
uint8_t *bk_js__view_bytes(bk_js_ctx_t *ctx, val_t v, int wr, uint32_t *n,
                           bk_js_obj_t **ab, uint32_t *off);
/* A new Buffer holding a copy of p[0..n). */
val_t bk_js__buffer_new(bk_js_ctx_t *ctx, const uint8_t *p, uint32_t n);
/* The bytes of a Buffer value, or NULL. */
const bk_js_bytes_t *bk_js__buffer_bytes(bk_js_ctx_t *ctx, val_t v);
/* A RegExp object for a literal compiled by the compiler ('re' is a
 * bk_js_re_t owned by the program). */
bk_js_obj_t *bk_js__regexp_from_literal(bk_js_ctx_t *ctx, void *re,
                                        bk_js_str_t *source);
/* RegExpCreate(pattern, flags) with %RegExp% (either may be undefined). */
BK_MUST_CHECK int bk_js__regexp_create(bk_js_ctx_t *ctx, val_t pattern,
                                       val_t flags, val_t *out);
/* IsRegExp(v): 1 or 0; BK_ERR when reading v[Symbol.match] threw. */
int bk_js__is_regexp(bk_js_ctx_t *ctx, val_t v);
void bk_js__install_global(bk_js_ctx_t *ctx);

/* Argument helper: argv[i] or undefined. */
#define ARG(i) ((i) < argc ? argv[(i)] : V_UNDEF)

/* Joins an array-like with 'sep' (Array.prototype.join, toString). */
BK_MUST_CHECK int bk_js__array_join(bk_js_ctx_t *ctx, val_t o,
                                    bk_js_str_t *sep, val_t *ret);

/* ---- the compiler (compile.c) and disassembler (disasm.c) ------------ */

/* Compiles a script; NULL with "SyntaxError: ..." in err on failure. */
bk_js_code_t *bk_js__compile(bk_js_ctx_t *ctx, const char *src, size_t n,
                             char *err, size_t errlen);
void bk_js__disasm_func(bk_js_ctx_t *ctx, bk_js_code_t *fn, void *out);
extern const struct bk_js_opinfo {
    const char *name;
    uint8_t size;
    int8_t pop, push;
    uint8_t fmt;
} bk_js__opinfo[OP__COUNT];

#endif
