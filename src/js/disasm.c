/*
 * disasm.c: the opcode table and the bytecode disassembler
 * (`brink js --disasm FILE`). One line per instruction: offset, name,
 * operands, and for constants/atoms their value.
 */
#include <stdio.h>

#include "js/js_int.h"

const struct bk_js_opinfo bk_js__opinfo[OP__COUNT] = {
#define BK_JS__OP_INFO(name, size, pop, push, fmt)                            \
    {#name, size, pop, push, BK_JS_FMT_##fmt},
    BK_JS_OPCODES(BK_JS__OP_INFO)
#undef BK_JS__OP_INFO
};

static void print_val(bk_js_ctx_t *ctx, FILE *out, val_t v)
{
    if (v_is_str(v)) {
        size_t n;
        char *s = bk_js__str_to_utf8(ctx, v_str(v), &n);
        fputc('"', out);
        for (size_t i = 0; i < n && i < 60; i++) {
            char ch = s[i];
            if (ch == '\n')
                fputs("\\n", out);
            else if (ch == '"')
                fputs("\\\"", out);
            else
                fputc(ch, out);
        }
        fputs(n > 60 ? "...\"" : "\"", out);
    } else if (v_is_num(v)) {
        char buf[64];
        bk_js__fmt_num(buf, sizeof(buf), v_num(v));
        fputs(buf, out);
    } else if (v_is_obj(v)) {
        fputs("<object>", out);
    } else {
        fputs(bk_js__describe(ctx, v), out);
    }
}

void bk_js__disasm_func(bk_js_ctx_t *ctx, bk_js_code_t *fn, void *fp)
{
    FILE *out = fp;
    char *name = fn->name ? bk_js__str_to_utf8(ctx, fn->name, NULL)
                          : (char *)"<script>";
    fprintf(out, "function %s: params %u, locals %u, stack %u, %u bytes%s%s%s\n",
            *name ? name : "<anonymous>", fn->nparams, fn->nlocals,
            fn->maxstack, fn->ncode, (fn->flags & FN_ARROW) ? ", arrow" : "",
            (fn->flags & FN_ASYNC) ? ", async" : "",
            (fn->flags & FN_GEN) ? ", generator" : "");
    const uint8_t *pc = fn->code, *end = fn->code + fn->ncode;
    while (pc < end) {
        unsigned op = *pc;
        if (op >= OP__COUNT) {
            fprintf(out, "  %5u  <bad opcode %u>\n", (unsigned)(pc - fn->code),
                    op);
            break;
        }
        const struct bk_js_opinfo *oi = &bk_js__opinfo[op];
        fprintf(out, "  %5u  %-22s", (unsigned)(pc - fn->code), oi->name);
        uint16_t u16;
        uint32_t u32;
        int32_t i32;
        switch (op) {
        case OP_JUMP_KIND:
            memcpy(&i32, pc + 2, 4);
            fprintf(out, " %u -> %d", pc[1], (int)(pc - fn->code) + i32);
            break;
        case OP_THROW_ERR:
            memcpy(&u32, pc + 2, 4);
            fprintf(out, " %u ", pc[1]);
            print_val(ctx, out, fn->consts[u32]);
            break;
        case OP_GET_LOC_FIELD:
        case OP_GET_LOC_FIELD2:
        case OP_GET_ARG_FIELD:
        case OP_GET_ARG_FIELD2:
            /* u16 slot, u32 key constant */
            memcpy(&u16, pc + 1, 2);
            memcpy(&u32, pc + 3, 4);
            fprintf(out, " %u .", u16);
            print_val(ctx, out, fn->consts[u32]);
            break;
        case OP_NEW_OBJECT_LIT:
            /* u16 n, u32 index of the first of n key constants */
            memcpy(&u16, pc + 1, 2);
            memcpy(&u32, pc + 3, 4);
            fprintf(out, " %u {", u16);
            for (uint32_t i = 0; i < u16; i++) {
                fputs(i ? ", " : "", out);
                print_val(ctx, out, fn->consts[u32 + i]);
            }
            fputc('}', out);
            break;
        default:
            switch (oi->fmt) {
            case BK_JS_FMT_u8:
                fprintf(out, " %u", pc[1]);
                break;
            case BK_JS_FMT_i8:
                fprintf(out, " %d", (int8_t)pc[1]);
                break;
            case BK_JS_FMT_u16:
            case BK_JS_FMT_loc:
            case BK_JS_FMT_arg:
            case BK_JS_FMT_func:
                memcpy(&u16, pc + 1, 2);
                fprintf(out, " %u", u16);
                break;
            case BK_JS_FMT_i32:
                memcpy(&i32, pc + 1, 4);
                fprintf(out, " %d", i32);
                break;
            case BK_JS_FMT_u32:
                memcpy(&u32, pc + 1, 4);
                fprintf(out, " %u", u32);
                break;
            case BK_JS_FMT_jump:
                memcpy(&i32, pc + 1, 4);
                fprintf(out, " -> %d", (int)(pc - fn->code) + i32);
                break;
            case BK_JS_FMT_atom:
                memcpy(&u32, pc + 1, 4);
                fputc(' ', out);
                print_val(ctx, out, fn->consts[u32]);
                break;
            case BK_JS_FMT_konst:
                memcpy(&u16, pc + 1, 2);
                fputc(' ', out);
                print_val(ctx, out, fn->consts[u16]);
                break;
            case BK_JS_FMT_env:
                memcpy(&u16, pc + 2, 2);
                fprintf(out, " depth %u slot %u", pc[1], u16);
                break;
            case BK_JS_FMT_u16u16: {
                uint16_t b;
                memcpy(&u16, pc + 1, 2);
                memcpy(&b, pc + 3, 2);
                fputc(' ', out);
                print_val(ctx, out, fn->consts[u16]);
                fputc(' ', out);
                print_val(ctx, out, fn->consts[b]);
                break;
            }
            default:
                break;
            }
        }
        fputc('\n', out);
        pc += oi->size;
    }
}
