/*
 * opcodes.h: the bytecode instruction set, as one X-macro list.
 *
 * X(name, size, pop, push, fmt): 'size' is the instruction length in bytes
 * (opcode included), 'pop'/'push' the operand stack effect (-1: depends on
 * the operand, computed by the compiler), 'fmt' how the disassembler prints
 * the operands. Operands are little-endian and unaligned.
 *
 * The machine is a stack machine. Frames hold arguments, locals (registers
 * addressed by index) and an operand stack; variables captured by closures
 * live in environment objects addressed by (depth, index).
 */
#ifndef BK_JS_OPCODES_H
#define BK_JS_OPCODES_H

/* Operand formats. */
#define BK_JS_FMT_MAP(X)                                                      \
    X(none) X(u8) X(i8) X(u16) X(i32) X(u32) X(atom) X(konst) X(loc) X(arg)   \
    X(env) X(jump) X(func) X(u16u16)

#define BK_JS_OPCODES(X)                                                      \
    X(NOP, 1, 0, 0, none)                                                     \
    /* constants */                                                           \
    X(PUSH_UNDEF, 1, 0, 1, none)                                              \
    X(PUSH_NULL, 1, 0, 1, none)                                               \
    X(PUSH_TRUE, 1, 0, 1, none)                                               \
    X(PUSH_FALSE, 1, 0, 1, none)                                              \
    X(PUSH_EMPTY, 1, 0, 1, none)                                              \
    X(PUSH_I8, 2, 0, 1, i8)                                                   \
    X(PUSH_I32, 5, 0, 1, i32)                                                 \
    X(PUSH_CONST, 3, 0, 1, konst)                                             \
    X(PUSH_THIS, 1, 0, 1, none)                                               \
    X(PUSH_NEW_TARGET, 1, 0, 1, none)                                         \
    X(PUSH_CALLEE, 1, 0, 1, none)                                             \
    X(CLOSURE, 3, 0, 1, func)                                                 \
    X(REGEXP, 5, 0, 1, u16u16)                                                \
    X(ARGUMENTS, 1, 0, 1, none)                                               \
    X(REST, 3, 0, 1, u16)                                                     \
    /* stack shuffles */                                                      \
    X(POP, 1, 1, 0, none)                                                     \
    X(DUP, 1, 1, 2, none)                                                     \
    X(DUP2, 1, 2, 4, none)         /* a b -> a b a b */                       \
    X(SWAP, 1, 2, 2, none)         /* a b -> b a */                           \
    X(ROT3L, 1, 3, 3, none)        /* a b c -> b c a */                       \
    X(ROT3R, 1, 3, 3, none)        /* a b c -> c a b */                       \
    X(ROT4R, 1, 4, 4, none)        /* a b c d -> d a b c */                   \
    X(NIP, 1, 2, 1, none)          /* a b -> b */                             \
    /* locals, arguments, environments */                                     \
    X(GET_LOC, 3, 0, 1, loc)                                                  \
    X(PUT_LOC, 3, 1, 0, loc)                                                  \
    X(SET_LOC, 3, 1, 1, loc)                                                  \
    X(GET_LOC_CHK, 3, 0, 1, loc)   /* TDZ check */                            \
    X(PUT_LOC_CHK, 3, 1, 0, loc)                                              \
    X(GET_ARG, 3, 0, 1, arg)                                                  \
    X(PUT_ARG, 3, 1, 0, arg)                                                  \
    X(SET_ARG, 3, 1, 1, arg)                                                  \
    X(GET_ENV, 4, 0, 1, env)                                                  \
    X(PUT_ENV, 4, 1, 0, env)                                                  \
    X(SET_ENV, 4, 1, 1, env)                                                  \
    X(GET_ENV_CHK, 4, 0, 1, env)                                              \
    X(PUT_ENV_CHK, 4, 1, 0, env)                                              \
    X(PUSH_ENV, 3, 0, 0, u16)      /* new env of n slots (holes) */           \
    X(POP_ENV, 1, 0, 0, none)                                                 \
    X(COPY_ENV, 1, 0, 0, none)     /* fresh per-iteration copy */             \
    X(CONST_ERR, 5, 0, 0, atom)    /* assignment to a const */                \
    X(GET_GLOBAL, 5, 0, 1, atom)                                              \
    X(GET_GLOBAL_TYPEOF, 5, 0, 1, atom)                                       \
    X(PUT_GLOBAL, 5, 1, 0, atom)                                              \
    X(SET_GLOBAL, 5, 1, 1, atom)                                              \
    X(INIT_GLOBAL_LEX, 5, 1, 0, atom) /* let/const at top level */            \
    X(DEF_GLOBAL_VAR, 5, 0, 0, atom)                                          \
    X(DEF_GLOBAL_LEX, 5, 0, 0, atom)                                          \
    X(DEF_GLOBAL_CONST, 5, 0, 0, atom)                                        \
    X(DEF_GLOBAL_FUNC, 5, 1, 0, atom)                                         \
    /* properties */                                                          \
    X(GET_FIELD, 5, 1, 1, atom)    /* o -> o.k */                             \
    X(GET_FIELD2, 5, 1, 2, atom)   /* o -> o o.k */                           \
    X(GET_LOC_FIELD, 7, 0, 1, loc) /* -> loc.k (u16 loc, u32 atom) */         \
    X(GET_LOC_FIELD2, 7, 0, 2, loc) /* -> loc loc.k */                        \
    X(GET_ARG_FIELD, 7, 0, 1, arg) /* -> arg.k (u16 arg, u32 atom) */         \
    X(GET_ARG_FIELD2, 7, 0, 2, arg) /* -> arg arg.k */                        \
    X(PUT_FIELD, 5, 2, 0, atom)    /* o v -> */                               \
    X(SET_FIELD, 5, 2, 1, atom)    /* o v -> v */                             \
    X(GET_ELEM, 1, 2, 1, none)     /* o k -> o[k] */                          \
    X(GET_ELEM2, 1, 2, 2, none)    /* o k -> o o[k] */                        \
    X(PUT_ELEM, 1, 3, 0, none)     /* o k v -> */                             \
    X(SET_ELEM, 1, 3, 1, none)     /* o k v -> v */                           \
    X(DELETE_FIELD, 5, 1, 1, atom)                                            \
    X(DELETE_ELEM, 1, 2, 1, none)                                             \
    X(GET_SUPER, 1, 1, 1, none)    /* k -> super[k] */                        \
    X(SET_SUPER, 1, 2, 1, none)    /* k v -> v (super[k] = v) */              \
    X(TO_PROPKEY, 1, 1, 1, none)                                              \
    X(NEW_OBJECT, 2, 0, 1, u8)     /* u8: properties to size for */        \
    X(NEW_OBJECT_LIT, 7, -1, 1, u16) /* n values -> {k0: v0, ...}; u16 n, \
                                        u32 first key in the constants */    \
    X(NEW_ARRAY, 3, -1, 1, u16)    /* n values -> array */                    \
    X(ARRAY_PUSH, 1, 2, 1, none)   /* a v -> a */                             \
    X(ARRAY_HOLE, 1, 1, 1, none)   /* a -> a (length+1) */                    \
    X(ARRAY_SPREAD, 1, 2, 1, none) /* a iterable -> a */                      \
    X(DEFINE_FIELD, 5, 2, 1, atom) /* o v -> o */                             \
    X(DEFINE_ELEM, 1, 3, 1, none)  /* o k v -> o */                           \
    X(DEFINE_GETTER, 2, 3, 1, u8)  /* o k f -> o; u8: enumerable */          \
    X(DEFINE_SETTER, 2, 3, 1, u8)                                             \
    X(DEFINE_METHOD, 2, 3, 1, u8)  /* o k f -> o; u8: enumerable */          \
    X(OBJ_SPREAD, 1, 2, 1, none)   /* o src -> o */                           \
    X(SET_PROTO, 1, 2, 1, none)    /* o proto -> o (__proto__: literal) */    \
    X(SET_HOME, 1, 3, 3, none)     /* o k f -> o k f, f.home = o */           \
    X(SET_FNAME, 2, 2, 2, u8)      /* k f -> k f, f.name from k (u8: get/set) */\
    X(CLASS, 5, 2, 2, atom)        /* parent ctor -> proto ctor */            \
    X(FIELD, 2, 2, 0, u8)          /* proto ctor k f -> proto ctor; u8 static */\
    X(INIT_FIELDS, 1, 0, 0, none)  /* class fields onto this (base ctors) */  \
    /* operators */                                                           \
    X(ADD, 1, 2, 1, none)                                                     \
    X(SUB, 1, 2, 1, none)                                                     \
    X(MUL, 1, 2, 1, none)                                                     \
    X(DIV, 1, 2, 1, none)                                                     \
    X(MOD, 1, 2, 1, none)                                                     \
    X(POW, 1, 2, 1, none)                                                     \
    X(SHL, 1, 2, 1, none)                                                     \
    X(SAR, 1, 2, 1, none)                                                     \
    X(SHR, 1, 2, 1, none)                                                     \
    X(BAND, 1, 2, 1, none)                                                    \
    X(BOR, 1, 2, 1, none)                                                     \
    X(BXOR, 1, 2, 1, none)                                                    \
    X(EQ, 1, 2, 1, none)                                                      \
    X(NE, 1, 2, 1, none)                                                      \
    X(SEQ, 1, 2, 1, none)                                                     \
    X(SNE, 1, 2, 1, none)                                                     \
    X(LT, 1, 2, 1, none)                                                      \
    X(LE, 1, 2, 1, none)                                                      \
    X(GT, 1, 2, 1, none)                                                      \
    X(GE, 1, 2, 1, none)                                                      \
    X(INSTANCEOF, 1, 2, 1, none)                                              \
    X(IN, 1, 2, 1, none)                                                      \
    X(NEG, 1, 1, 1, none)                                                     \
    X(PLUS, 1, 1, 1, none)         /* ToNumber */                             \
    X(NOT, 1, 1, 1, none)                                                     \
    X(BNOT, 1, 1, 1, none)                                                    \
    X(TYPEOF, 1, 1, 1, none)                                                  \
    X(INC, 1, 1, 1, none)                                                     \
    X(DEC, 1, 1, 1, none)                                                     \
    X(TO_NUMERIC, 1, 1, 1, none)                                              \
    X(TO_STRING, 1, 1, 1, none)    /* template literal parts */               \
    X(IS_UNDEF_OR_NULL, 1, 1, 1, none)                                        \
    X(IS_UNDEF, 1, 1, 1, none)                                                \
    /* control */                                                             \
    X(JUMP, 5, 0, 0, jump)                                                    \
    X(JUMP_IF_FALSE, 5, 1, 0, jump)                                           \
    X(JUMP_IF_TRUE, 5, 1, 0, jump)                                            \
    X(JUMP_IF_FALSE_KEEP, 5, 1, 1, jump) /* && : keeps a when jumping */      \
    X(JUMP_IF_TRUE_KEEP, 5, 1, 1, jump)  /* || */                             \
    X(JUMP_IF_NOT_NULLISH_KEEP, 5, 1, 1, jump) /* ?? */                       \
    X(JUMP_IF_NULLISH, 5, 1, 1, jump)    /* ?. : replaces with undef */       \
    X(JUMP_KIND, 6, 0, 0, jump)    /* jump if top == u8 (finally dispatch) */ \
    X(CALL, 2, -1, 1, u8)          /* this f args -> r */                     \
    X(CALL_ARRAY, 1, 3, 1, none)   /* this f argsarray -> r */                \
    X(NEW, 2, -1, 1, u8)           /* f args -> o */                          \
    X(NEW_ARRAY_ARGS, 1, 2, 1, none) /* f argsarray -> o */                   \
    X(SUPER_CALL, 2, -1, 1, u8)    /* args -> this */                         \
    X(SUPER_CALL_ARRAY, 1, 1, 1, none)                                        \
    X(CHECK_THIS, 1, 0, 0, none)   /* derived ctor: super() called? */        \
    X(RETURN, 1, 1, 0, none)                                                  \
    X(RETURN_UNDEF, 1, 0, 0, none)                                            \
    X(THROW, 1, 1, 0, none)                                                   \
    X(THROW_ERR, 6, 0, 0, u8)      /* throw a TypeError (u8 kind, atom) */    \
    X(TRY, 5, 0, 0, jump)          /* push a handler for catch at target */   \
    X(TRY_FIN, 5, 0, 0, jump)      /* the same for a finally block */         \
    X(END_TRY, 1, 0, 0, none)                                                 \
    X(FIN_END, 1, 2, 0, none)      /* value kind: 0 go on, 1 rethrow */       \
    X(FOR_IN, 1, 1, 1, none)       /* o -> iter */                            \
    X(FOR_IN_NEXT, 5, 0, 1, jump)  /* iter -> iter key, or jump when done */  \
    X(GET_ITER, 1, 1, 2, none)     /* o -> iter next */                       \
    X(ITER_NEXT, 5, 0, 1, jump)    /* iter next -> iter next v, or jump */    \
    X(ITER_CLOSE, 1, 2, 0, none)   /* iter next -> (calls return) */          \
    X(AWAIT, 1, 1, 1, none)                                                   \
    X(YIELD, 1, 1, 1, none)                                                   \
    X(INITIAL_YIELD, 1, 0, 0, none)                                           \
    X(IMPORT, 5, 0, 1, atom)       /* require the named native module */      \
    X(DEBUGGER, 1, 0, 0, none)

enum {
#define BK_JS__OP_ENUM(name, size, pop, push, fmt) OP_##name,
    BK_JS_OPCODES(BK_JS__OP_ENUM)
#undef BK_JS__OP_ENUM
    OP__COUNT
};

enum {
#define BK_JS__FMT_ENUM(f) BK_JS_FMT_##f,
    BK_JS_FMT_MAP(BK_JS__FMT_ENUM)
#undef BK_JS__FMT_ENUM
};

#endif
