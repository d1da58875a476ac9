/*
 * lex.c: the JavaScript tokenizer (see lex.h).
 *
 * Invariant: every scan function leaves lx->at just past what it consumed
 * and keeps at.line / at.line_start / at.cont in step, so any token's
 * line and column (in code points) are known without rescanning the line.
 * String values are decoded into UTF-16 arrays sized from the literal's byte
 * length (an upper bound), in the lexer's arena.
 */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "js/lex.h"

static const char *const tok_names[] = {
#define BK__JS_TOK_STR(name, str) str,
    BK_JS_TOK_LIST(BK__JS_TOK_STR)
#undef BK__JS_TOK_STR
};

const char *bk_js_tok_name(unsigned type)
{
    return type < BK_JS_T__COUNT ? tok_names[type] : "?";
}

/* ---- characters -------------------------------------------------------- */

#define LS 0x2028
#define PS 0x2029

static int is_space(uint32_t c)
{
    if (c < 0x80)
        return c == ' ' || c == '\t' || c == 0x0b || c == 0x0c;
    return c == 0xa0 || c == 0xfeff || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200a) || c == 0x202f || c == 0x205f ||
           c == 0x3000;
}

static int is_nl(uint32_t c)
{
    return c == '\n' || c == '\r' || c == LS || c == PS;
}

/* ASCII identifier classes: 1 = may start, 2 = may continue. */
static const uint8_t id_tab[256] = {
    ['$'] = 3, ['_'] = 3,
    ['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2,
    ['6'] = 2, ['7'] = 2, ['8'] = 2, ['9'] = 2,
#define L(c) [c] = 3, [c - 32] = 3,
    L('a') L('b') L('c') L('d') L('e') L('f') L('g') L('h') L('i') L('j')
    L('k') L('l') L('m') L('n') L('o') L('p') L('q') L('r') L('s') L('t')
    L('u') L('v') L('w') L('x') L('y') L('z')
#undef L
};

/* Unicode ID_Start and (ID_Continue minus ID_Start) above U+007F, as
 * inclusive ranges. Generated with node v20.20.2 (Unicode 17.0):
 * every code point tested against /\p{ID_Start}/u and /\p{ID_Continue}/u. */
static const uint32_t id_start_ranges[][2] = {
    {0xaa, 0xaa}, {0xb5, 0xb5}, {0xba, 0xba}, {0xc0, 0xd6}, {0xd8, 0xf6},
    {0xf8, 0x2c1}, {0x2c6, 0x2d1}, {0x2e0, 0x2e4}, {0x2ec, 0x2ec},
    {0x2ee, 0x2ee}, {0x370, 0x374}, {0x376, 0x377}, {0x37a, 0x37d},
    {0x37f, 0x37f}, {0x386, 0x386}, {0x388, 0x38a}, {0x38c, 0x38c},
    {0x38e, 0x3a1}, {0x3a3, 0x3f5}, {0x3f7, 0x481}, {0x48a, 0x52f},
    {0x531, 0x556}, {0x559, 0x559}, {0x560, 0x588}, {0x5d0, 0x5ea},
    {0x5ef, 0x5f2}, {0x620, 0x64a}, {0x66e, 0x66f}, {0x671, 0x6d3},
    {0x6d5, 0x6d5}, {0x6e5, 0x6e6}, {0x6ee, 0x6ef}, {0x6fa, 0x6fc},
    {0x6ff, 0x6ff}, {0x710, 0x710}, {0x712, 0x72f}, {0x74d, 0x7a5},
    {0x7b1, 0x7b1}, {0x7ca, 0x7ea}, {0x7f4, 0x7f5}, {0x7fa, 0x7fa},
    {0x800, 0x815}, {0x81a, 0x81a}, {0x824, 0x824}, {0x828, 0x828},
    {0x840, 0x858}, {0x860, 0x86a}, {0x870, 0x887}, {0x889, 0x88f},
    {0x8a0, 0x8c9}, {0x904, 0x939}, {0x93d, 0x93d}, {0x950, 0x950},
    {0x958, 0x961}, {0x971, 0x980}, {0x985, 0x98c}, {0x98f, 0x990},
    {0x993, 0x9a8}, {0x9aa, 0x9b0}, {0x9b2, 0x9b2}, {0x9b6, 0x9b9},
    {0x9bd, 0x9bd}, {0x9ce, 0x9ce}, {0x9dc, 0x9dd}, {0x9df, 0x9e1},
    {0x9f0, 0x9f1}, {0x9fc, 0x9fc}, {0xa05, 0xa0a}, {0xa0f, 0xa10},
    {0xa13, 0xa28}, {0xa2a, 0xa30}, {0xa32, 0xa33}, {0xa35, 0xa36},
    {0xa38, 0xa39}, {0xa59, 0xa5c}, {0xa5e, 0xa5e}, {0xa72, 0xa74},
    {0xa85, 0xa8d}, {0xa8f, 0xa91}, {0xa93, 0xaa8}, {0xaaa, 0xab0},
    {0xab2, 0xab3}, {0xab5, 0xab9}, {0xabd, 0xabd}, {0xad0, 0xad0},
    {0xae0, 0xae1}, {0xaf9, 0xaf9}, {0xb05, 0xb0c}, {0xb0f, 0xb10},
    {0xb13, 0xb28}, {0xb2a, 0xb30}, {0xb32, 0xb33}, {0xb35, 0xb39},
    {0xb3d, 0xb3d}, {0xb5c, 0xb5d}, {0xb5f, 0xb61}, {0xb71, 0xb71},
    {0xb83, 0xb83}, {0xb85, 0xb8a}, {0xb8e, 0xb90}, {0xb92, 0xb95},
    {0xb99, 0xb9a}, {0xb9c, 0xb9c}, {0xb9e, 0xb9f}, {0xba3, 0xba4},
    {0xba8, 0xbaa}, {0xbae, 0xbb9}, {0xbd0, 0xbd0}, {0xc05, 0xc0c},
    {0xc0e, 0xc10}, {0xc12, 0xc28}, {0xc2a, 0xc39}, {0xc3d, 0xc3d},
    {0xc58, 0xc5a}, {0xc5c, 0xc5d}, {0xc60, 0xc61}, {0xc80, 0xc80},
    {0xc85, 0xc8c}, {0xc8e, 0xc90}, {0xc92, 0xca8}, {0xcaa, 0xcb3},
    {0xcb5, 0xcb9}, {0xcbd, 0xcbd}, {0xcdc, 0xcde}, {0xce0, 0xce1},
    {0xcf1, 0xcf2}, {0xd04, 0xd0c}, {0xd0e, 0xd10}, {0xd12, 0xd3a},
    {0xd3d, 0xd3d}, {0xd4e, 0xd4e}, {0xd54, 0xd56}, {0xd5f, 0xd61},
    {0xd7a, 0xd7f}, {0xd85, 0xd96}, {0xd9a, 0xdb1}, {0xdb3, 0xdbb},
    {0xdbd, 0xdbd}, {0xdc0, 0xdc6}, {0xe01, 0xe30}, {0xe32, 0xe33},
    {0xe40, 0xe46}, {0xe81, 0xe82}, {0xe84, 0xe84}, {0xe86, 0xe8a},
    {0xe8c, 0xea3}, {0xea5, 0xea5}, {0xea7, 0xeb0}, {0xeb2, 0xeb3},
    {0xebd, 0xebd}, {0xec0, 0xec4}, {0xec6, 0xec6}, {0xedc, 0xedf},
    {0xf00, 0xf00}, {0xf40, 0xf47}, {0xf49, 0xf6c}, {0xf88, 0xf8c},
    {0x1000, 0x102a}, {0x103f, 0x103f}, {0x1050, 0x1055}, {0x105a, 0x105d},
    {0x1061, 0x1061}, {0x1065, 0x1066}, {0x106e, 0x1070}, {0x1075, 0x1081},
    {0x108e, 0x108e}, {0x10a0, 0x10c5}, {0x10c7, 0x10c7}, {0x10cd, 0x10cd},
    {0x10d0, 0x10fa}, {0x10fc, 0x1248}, {0x124a, 0x124d}, {0x1250, 0x1256},
    {0x1258, 0x1258}, {0x125a, 0x125d}, {0x1260, 0x1288}, {0x128a, 0x128d},
    {0x1290, 0x12b0}, {0x12b2, 0x12b5}, {0x12b8, 0x12be}, {0x12c0, 0x12c0},
    {0x12c2, 0x12c5}, {0x12c8, 0x12d6}, {0x12d8, 0x1310}, {0x1312, 0x1315},
    {0x1318, 0x135a}, {0x1380, 0x138f}, {0x13a0, 0x13f5}, {0x13f8, 0x13fd},
    {0x1401, 0x166c}, {0x166f, 0x167f}, {0x1681, 0x169a}, {0x16a0, 0x16ea},
    {0x16ee, 0x16f8}, {0x1700, 0x1711}, {0x171f, 0x1731}, {0x1740, 0x1751},
    {0x1760, 0x176c}, {0x176e, 0x1770}, {0x1780, 0x17b3}, {0x17d7, 0x17d7},
    {0x17dc, 0x17dc}, {0x1820, 0x1878}, {0x1880, 0x18a8}, {0x18aa, 0x18aa},
    {0x18b0, 0x18f5}, {0x1900, 0x191e}, {0x1950, 0x196d}, {0x1970, 0x1974},
    {0x1980, 0x19ab}, {0x19b0, 0x19c9}, {0x1a00, 0x1a16}, {0x1a20, 0x1a54},
    {0x1aa7, 0x1aa7}, {0x1b05, 0x1b33}, {0x1b45, 0x1b4c}, {0x1b83, 0x1ba0},
    {0x1bae, 0x1baf}, {0x1bba, 0x1be5}, {0x1c00, 0x1c23}, {0x1c4d, 0x1c4f},
    {0x1c5a, 0x1c7d}, {0x1c80, 0x1c8a}, {0x1c90, 0x1cba}, {0x1cbd, 0x1cbf},
    {0x1ce9, 0x1cec}, {0x1cee, 0x1cf3}, {0x1cf5, 0x1cf6}, {0x1cfa, 0x1cfa},
    {0x1d00, 0x1dbf}, {0x1e00, 0x1f15}, {0x1f18, 0x1f1d}, {0x1f20, 0x1f45},
    {0x1f48, 0x1f4d}, {0x1f50, 0x1f57}, {0x1f59, 0x1f59}, {0x1f5b, 0x1f5b},
    {0x1f5d, 0x1f5d}, {0x1f5f, 0x1f7d}, {0x1f80, 0x1fb4}, {0x1fb6, 0x1fbc},
    {0x1fbe, 0x1fbe}, {0x1fc2, 0x1fc4}, {0x1fc6, 0x1fcc}, {0x1fd0, 0x1fd3},
    {0x1fd6, 0x1fdb}, {0x1fe0, 0x1fec}, {0x1ff2, 0x1ff4}, {0x1ff6, 0x1ffc},
    {0x2071, 0x2071}, {0x207f, 0x207f}, {0x2090, 0x209c}, {0x2102, 0x2102},
    {0x2107, 0x2107}, {0x210a, 0x2113}, {0x2115, 0x2115}, {0x2118, 0x211d},
    {0x2124, 0x2124}, {0x2126, 0x2126}, {0x2128, 0x2128}, {0x212a, 0x2139},
    {0x213c, 0x213f}, {0x2145, 0x2149}, {0x214e, 0x214e}, {0x2160, 0x2188},
    {0x2c00, 0x2ce4}, {0x2ceb, 0x2cee}, {0x2cf2, 0x2cf3}, {0x2d00, 0x2d25},
    {0x2d27, 0x2d27}, {0x2d2d, 0x2d2d}, {0x2d30, 0x2d67}, {0x2d6f, 0x2d6f},
    {0x2d80, 0x2d96}, {0x2da0, 0x2da6}, {0x2da8, 0x2dae}, {0x2db0, 0x2db6},
    {0x2db8, 0x2dbe}, {0x2dc0, 0x2dc6}, {0x2dc8, 0x2dce}, {0x2dd0, 0x2dd6},
    {0x2dd8, 0x2dde}, {0x3005, 0x3007}, {0x3021, 0x3029}, {0x3031, 0x3035},
    {0x3038, 0x303c}, {0x3041, 0x3096}, {0x309b, 0x309f}, {0x30a1, 0x30fa},
    {0x30fc, 0x30ff}, {0x3105, 0x312f}, {0x3131, 0x318e}, {0x31a0, 0x31bf},
    {0x31f0, 0x31ff}, {0x3400, 0x4dbf}, {0x4e00, 0xa48c}, {0xa4d0, 0xa4fd},
    {0xa500, 0xa60c}, {0xa610, 0xa61f}, {0xa62a, 0xa62b}, {0xa640, 0xa66e},
    {0xa67f, 0xa69d}, {0xa6a0, 0xa6ef}, {0xa717, 0xa71f}, {0xa722, 0xa788},
    {0xa78b, 0xa7dc}, {0xa7f1, 0xa801}, {0xa803, 0xa805}, {0xa807, 0xa80a},
    {0xa80c, 0xa822}, {0xa840, 0xa873}, {0xa882, 0xa8b3}, {0xa8f2, 0xa8f7},
    {0xa8fb, 0xa8fb}, {0xa8fd, 0xa8fe}, {0xa90a, 0xa925}, {0xa930, 0xa946},
    {0xa960, 0xa97c}, {0xa984, 0xa9b2}, {0xa9cf, 0xa9cf}, {0xa9e0, 0xa9e4},
    {0xa9e6, 0xa9ef}, {0xa9fa, 0xa9fe}, {0xaa00, 0xaa28}, {0xaa40, 0xaa42},
    {0xaa44, 0xaa4b}, {0xaa60, 0xaa76}, {0xaa7a, 0xaa7a}, {0xaa7e, 0xaaaf},
    {0xaab1, 0xaab1}, {0xaab5, 0xaab6}, {0xaab9, 0xaabd}, {0xaac0, 0xaac0},
    {0xaac2, 0xaac2}, {0xaadb, 0xaadd}, {0xaae0, 0xaaea}, {0xaaf2, 0xaaf4},
    {0xab01, 0xab06}, {0xab09, 0xab0e}, {0xab11, 0xab16}, {0xab20, 0xab26},
    {0xab28, 0xab2e}, {0xab30, 0xab5a}, {0xab5c, 0xab69}, {0xab70, 0xabe2},
    {0xac00, 0xd7a3}, {0xd7b0, 0xd7c6}, {0xd7cb, 0xd7fb}, {0xf900, 0xfa6d},
    {0xfa70, 0xfad9}, {0xfb00, 0xfb06}, {0xfb13, 0xfb17}, {0xfb1d, 0xfb1d},
    {0xfb1f, 0xfb28}, {0xfb2a, 0xfb36}, {0xfb38, 0xfb3c}, {0xfb3e, 0xfb3e},
    {0xfb40, 0xfb41}, {0xfb43, 0xfb44}, {0xfb46, 0xfbb1}, {0xfbd3, 0xfd3d},
    {0xfd50, 0xfd8f}, {0xfd92, 0xfdc7}, {0xfdf0, 0xfdfb}, {0xfe70, 0xfe74},
    {0xfe76, 0xfefc}, {0xff21, 0xff3a}, {0xff41, 0xff5a}, {0xff66, 0xffbe},
    {0xffc2, 0xffc7}, {0xffca, 0xffcf}, {0xffd2, 0xffd7}, {0xffda, 0xffdc},
    {0x10000, 0x1000b}, {0x1000d, 0x10026}, {0x10028, 0x1003a},
    {0x1003c, 0x1003d}, {0x1003f, 0x1004d}, {0x10050, 0x1005d},
    {0x10080, 0x100fa}, {0x10140, 0x10174}, {0x10280, 0x1029c},
    {0x102a0, 0x102d0}, {0x10300, 0x1031f}, {0x1032d, 0x1034a},
    {0x10350, 0x10375}, {0x10380, 0x1039d}, {0x103a0, 0x103c3},
    {0x103c8, 0x103cf}, {0x103d1, 0x103d5}, {0x10400, 0x1049d},
    {0x104b0, 0x104d3}, {0x104d8, 0x104fb}, {0x10500, 0x10527},
    {0x10530, 0x10563}, {0x10570, 0x1057a}, {0x1057c, 0x1058a},
    {0x1058c, 0x10592}, {0x10594, 0x10595}, {0x10597, 0x105a1},
    {0x105a3, 0x105b1}, {0x105b3, 0x105b9}, {0x105bb, 0x105bc},
    {0x105c0, 0x105f3}, {0x10600, 0x10736}, {0x10740, 0x10755},
    {0x10760, 0x10767}, {0x10780, 0x10785}, {0x10787, 0x107b0},
    {0x107b2, 0x107ba}, {0x10800, 0x10805}, {0x10808, 0x10808},
    {0x1080a, 0x10835}, {0x10837, 0x10838}, {0x1083c, 0x1083c},
    {0x1083f, 0x10855}, {0x10860, 0x10876}, {0x10880, 0x1089e},
    {0x108e0, 0x108f2}, {0x108f4, 0x108f5}, {0x10900, 0x10915},
    {0x10920, 0x10939}, {0x10940, 0x10959}, {0x10980, 0x109b7},
    {0x109be, 0x109bf}, {0x10a00, 0x10a00}, {0x10a10, 0x10a13},
    {0x10a15, 0x10a17}, {0x10a19, 0x10a35}, {0x10a60, 0x10a7c},
    {0x10a80, 0x10a9c}, {0x10ac0, 0x10ac7}, {0x10ac9, 0x10ae4},
    {0x10b00, 0x10b35}, {0x10b40, 0x10b55}, {0x10b60, 0x10b72},
    {0x10b80, 0x10b91}, {0x10c00, 0x10c48}, {0x10c80, 0x10cb2},
    {0x10cc0, 0x10cf2}, {0x10d00, 0x10d23}, {0x10d4a, 0x10d65},
    {0x10d6f, 0x10d85}, {0x10e80, 0x10ea9}, {0x10eb0, 0x10eb1},
    {0x10ec2, 0x10ec7}, {0x10f00, 0x10f1c}, {0x10f27, 0x10f27},
    {0x10f30, 0x10f45}, {0x10f70, 0x10f81}, {0x10fb0, 0x10fc4},
    {0x10fe0, 0x10ff6}, {0x11003, 0x11037}, {0x11071, 0x11072},
    {0x11075, 0x11075}, {0x11083, 0x110af}, {0x110d0, 0x110e8},
    {0x11103, 0x11126}, {0x11144, 0x11144}, {0x11147, 0x11147},
    {0x11150, 0x11172}, {0x11176, 0x11176}, {0x11183, 0x111b2},
    {0x111c1, 0x111c4}, {0x111da, 0x111da}, {0x111dc, 0x111dc},
    {0x11200, 0x11211}, {0x11213, 0x1122b}, {0x1123f, 0x11240},
    {0x11280, 0x11286}, {0x11288, 0x11288}, {0x1128a, 0x1128d},
    {0x1128f, 0x1129d}, {0x1129f, 0x112a8}, {0x112b0, 0x112de},
    {0x11305, 0x1130c}, {0x1130f, 0x11310}, {0x11313, 0x11328},
    {0x1132a, 0x11330}, {0x11332, 0x11333}, {0x11335, 0x11339},
    {0x1133d, 0x1133d}, {0x11350, 0x11350}, {0x1135d, 0x11361},
    {0x11380, 0x11389}, {0x1138b, 0x1138b}, {0x1138e, 0x1138e},
    {0x11390, 0x113b5}, {0x113b7, 0x113b7}, {0x113d1, 0x113d1},
    {0x113d3, 0x113d3}, {0x11400, 0x11434}, {0x11447, 0x1144a},
    {0x1145f, 0x11461}, {0x11480, 0x114af}, {0x114c4, 0x114c5},
    {0x114c7, 0x114c7}, {0x11580, 0x115ae}, {0x115d8, 0x115db},
    {0x11600, 0x1162f}, {0x11644, 0x11644}, {0x11680, 0x116aa},
    {0x116b8, 0x116b8}, {0x11700, 0x1171a}, {0x11740, 0x11746},
    {0x11800, 0x1182b}, {0x118a0, 0x118df}, {0x118ff, 0x11906},
    {0x11909, 0x11909}, {0x1190c, 0x11913}, {0x11915, 0x11916},
    {0x11918, 0x1192f}, {0x1193f, 0x1193f}, {0x11941, 0x11941},
    {0x119a0, 0x119a7}, {0x119aa, 0x119d0}, {0x119e1, 0x119e1},
    {0x119e3, 0x119e3}, {0x11a00, 0x11a00}, {0x11a0b, 0x11a32},
    {0x11a3a, 0x11a3a}, {0x11a50, 0x11a50}, {0x11a5c, 0x11a89},
    {0x11a9d, 0x11a9d}, {0x11ab0, 0x11af8}, {0x11bc0, 0x11be0},
    {0x11c00, 0x11c08}, {0x11c0a, 0x11c2e}, {0x11c40, 0x11c40},
    {0x11c72, 0x11c8f}, {0x11d00, 0x11d06}, {0x11d08, 0x11d09},
    {0x11d0b, 0x11d30}, {0x11d46, 0x11d46}, {0x11d60, 0x11d65},
    {0x11d67, 0x11d68}, {0x11d6a, 0x11d89}, {0x11d98, 0x11d98},
    {0x11db0, 0x11ddb}, {0x11ee0, 0x11ef2}, {0x11f02, 0x11f02},
    {0x11f04, 0x11f10}, {0x11f12, 0x11f33}, {0x11fb0, 0x11fb0},
    {0x12000, 0x12399}, {0x12400, 0x1246e}, {0x12480, 0x12543},
    {0x12f90, 0x12ff0}, {0x13000, 0x1342f}, {0x13441, 0x13446},
    {0x13460, 0x143fa}, {0x14400, 0x14646}, {0x16100, 0x1611d},
    {0x16800, 0x16a38}, {0x16a40, 0x16a5e}, {0x16a70, 0x16abe},
    {0x16ad0, 0x16aed}, {0x16b00, 0x16b2f}, {0x16b40, 0x16b43},
    {0x16b63, 0x16b77}, {0x16b7d, 0x16b8f}, {0x16d40, 0x16d6c},
    {0x16e40, 0x16e7f}, {0x16ea0, 0x16eb8}, {0x16ebb, 0x16ed3},
    {0x16f00, 0x16f4a}, {0x16f50, 0x16f50}, {0x16f93, 0x16f9f},
    {0x16fe0, 0x16fe1}, {0x16fe3, 0x16fe3}, {0x16ff2, 0x16ff6},
    {0x17000, 0x18cd5}, {0x18cff, 0x18d1e}, {0x18d80, 0x18df2},
    {0x1aff0, 0x1aff3}, {0x1aff5, 0x1affb}, {0x1affd, 0x1affe},
    {0x1b000, 0x1b122}, {0x1b132, 0x1b132}, {0x1b150, 0x1b152},
    {0x1b155, 0x1b155}, {0x1b164, 0x1b167}, {0x1b170, 0x1b2fb},
    {0x1bc00, 0x1bc6a}, {0x1bc70, 0x1bc7c}, {0x1bc80, 0x1bc88},
    {0x1bc90, 0x1bc99}, {0x1d400, 0x1d454}, {0x1d456, 0x1d49c},
    {0x1d49e, 0x1d49f}, {0x1d4a2, 0x1d4a2}, {0x1d4a5, 0x1d4a6},
    {0x1d4a9, 0x1d4ac}, {0x1d4ae, 0x1d4b9}, {0x1d4bb, 0x1d4bb},
    {0x1d4bd, 0x1d4c3}, {0x1d4c5, 0x1d505}, {0x1d507, 0x1d50a},
    {0x1d50d, 0x1d514}, {0x1d516, 0x1d51c}, {0x1d51e, 0x1d539},
    {0x1d53b, 0x1d53e}, {0x1d540, 0x1d544}, {0x1d546, 0x1d546},
    {0x1d54a, 0x1d550}, {0x1d552, 0x1d6a5}, {0x1d6a8, 0x1d6c0},
    {0x1d6c2, 0x1d6da}, {0x1d6dc, 0x1d6fa}, {0x1d6fc, 0x1d714},
    {0x1d716, 0x1d734}, {0x1d736, 0x1d74e}, {0x1d750, 0x1d76e},
    {0x1d770, 0x1d788}, {0x1d78a, 0x1d7a8}, {0x1d7aa, 0x1d7c2},
    {0x1d7c4, 0x1d7cb}, {0x1df00, 0x1df1e}, {0x1df25, 0x1df2a},
    {0x1e030, 0x1e06d}, {0x1e100, 0x1e12c}, {0x1e137, 0x1e13d},
    {0x1e14e, 0x1e14e}, {0x1e290, 0x1e2ad}, {0x1e2c0, 0x1e2eb},
    {0x1e4d0, 0x1e4eb}, {0x1e5d0, 0x1e5ed}, {0x1e5f0, 0x1e5f0},
    {0x1e6c0, 0x1e6de}, {0x1e6e0, 0x1e6e2}, {0x1e6e4, 0x1e6e5},
    {0x1e6e7, 0x1e6ed}, {0x1e6f0, 0x1e6f4}, {0x1e6fe, 0x1e6ff},
    {0x1e7e0, 0x1e7e6}, {0x1e7e8, 0x1e7eb}, {0x1e7ed, 0x1e7ee},
    {0x1e7f0, 0x1e7fe}, {0x1e800, 0x1e8c4}, {0x1e900, 0x1e943},
    {0x1e94b, 0x1e94b}, {0x1ee00, 0x1ee03}, {0x1ee05, 0x1ee1f},
    {0x1ee21, 0x1ee22}, {0x1ee24, 0x1ee24}, {0x1ee27, 0x1ee27},
    {0x1ee29, 0x1ee32}, {0x1ee34, 0x1ee37}, {0x1ee39, 0x1ee39},
    {0x1ee3b, 0x1ee3b}, {0x1ee42, 0x1ee42}, {0x1ee47, 0x1ee47},
    {0x1ee49, 0x1ee49}, {0x1ee4b, 0x1ee4b}, {0x1ee4d, 0x1ee4f},
    {0x1ee51, 0x1ee52}, {0x1ee54, 0x1ee54}, {0x1ee57, 0x1ee57},
    {0x1ee59, 0x1ee59}, {0x1ee5b, 0x1ee5b}, {0x1ee5d, 0x1ee5d},
    {0x1ee5f, 0x1ee5f}, {0x1ee61, 0x1ee62}, {0x1ee64, 0x1ee64},
    {0x1ee67, 0x1ee6a}, {0x1ee6c, 0x1ee72}, {0x1ee74, 0x1ee77},
    {0x1ee79, 0x1ee7c}, {0x1ee7e, 0x1ee7e}, {0x1ee80, 0x1ee89},
    {0x1ee8b, 0x1ee9b}, {0x1eea1, 0x1eea3}, {0x1eea5, 0x1eea9},
    {0x1eeab, 0x1eebb}, {0x20000, 0x2a6df}, {0x2a700, 0x2b81d},
    {0x2b820, 0x2cead}, {0x2ceb0, 0x2ebe0}, {0x2ebf0, 0x2ee5d},
    {0x2f800, 0x2fa1d}, {0x30000, 0x3134a}, {0x31350, 0x33479},
};

static const uint32_t id_cont_ranges[][2] = {
    {0xb7, 0xb7}, {0x300, 0x36f}, {0x387, 0x387}, {0x483, 0x487},
    {0x591, 0x5bd}, {0x5bf, 0x5bf}, {0x5c1, 0x5c2}, {0x5c4, 0x5c5},
    {0x5c7, 0x5c7}, {0x610, 0x61a}, {0x64b, 0x669}, {0x670, 0x670},
    {0x6d6, 0x6dc}, {0x6df, 0x6e4}, {0x6e7, 0x6e8}, {0x6ea, 0x6ed},
    {0x6f0, 0x6f9}, {0x711, 0x711}, {0x730, 0x74a}, {0x7a6, 0x7b0},
    {0x7c0, 0x7c9}, {0x7eb, 0x7f3}, {0x7fd, 0x7fd}, {0x816, 0x819},
    {0x81b, 0x823}, {0x825, 0x827}, {0x829, 0x82d}, {0x859, 0x85b},
    {0x897, 0x89f}, {0x8ca, 0x8e1}, {0x8e3, 0x903}, {0x93a, 0x93c},
    {0x93e, 0x94f}, {0x951, 0x957}, {0x962, 0x963}, {0x966, 0x96f},
    {0x981, 0x983}, {0x9bc, 0x9bc}, {0x9be, 0x9c4}, {0x9c7, 0x9c8},
    {0x9cb, 0x9cd}, {0x9d7, 0x9d7}, {0x9e2, 0x9e3}, {0x9e6, 0x9ef},
    {0x9fe, 0x9fe}, {0xa01, 0xa03}, {0xa3c, 0xa3c}, {0xa3e, 0xa42},
    {0xa47, 0xa48}, {0xa4b, 0xa4d}, {0xa51, 0xa51}, {0xa66, 0xa71},
    {0xa75, 0xa75}, {0xa81, 0xa83}, {0xabc, 0xabc}, {0xabe, 0xac5},
    {0xac7, 0xac9}, {0xacb, 0xacd}, {0xae2, 0xae3}, {0xae6, 0xaef},
    {0xafa, 0xaff}, {0xb01, 0xb03}, {0xb3c, 0xb3c}, {0xb3e, 0xb44},
    {0xb47, 0xb48}, {0xb4b, 0xb4d}, {0xb55, 0xb57}, {0xb62, 0xb63},
    {0xb66, 0xb6f}, {0xb82, 0xb82}, {0xbbe, 0xbc2}, {0xbc6, 0xbc8},
    {0xbca, 0xbcd}, {0xbd7, 0xbd7}, {0xbe6, 0xbef}, {0xc00, 0xc04},
    {0xc3c, 0xc3c}, {0xc3e, 0xc44}, {0xc46, 0xc48}, {0xc4a, 0xc4d},
    {0xc55, 0xc56}, {0xc62, 0xc63}, {0xc66, 0xc6f}, {0xc81, 0xc83},
    {0xcbc, 0xcbc}, {0xcbe, 0xcc4}, {0xcc6, 0xcc8}, {0xcca, 0xccd},
    {0xcd5, 0xcd6}, {0xce2, 0xce3}, {0xce6, 0xcef}, {0xcf3, 0xcf3},
    {0xd00, 0xd03}, {0xd3b, 0xd3c}, {0xd3e, 0xd44}, {0xd46, 0xd48},
    {0xd4a, 0xd4d}, {0xd57, 0xd57}, {0xd62, 0xd63}, {0xd66, 0xd6f},
    {0xd81, 0xd83}, {0xdca, 0xdca}, {0xdcf, 0xdd4}, {0xdd6, 0xdd6},
    {0xdd8, 0xddf}, {0xde6, 0xdef}, {0xdf2, 0xdf3}, {0xe31, 0xe31},
    {0xe34, 0xe3a}, {0xe47, 0xe4e}, {0xe50, 0xe59}, {0xeb1, 0xeb1},
    {0xeb4, 0xebc}, {0xec8, 0xece}, {0xed0, 0xed9}, {0xf18, 0xf19},
    {0xf20, 0xf29}, {0xf35, 0xf35}, {0xf37, 0xf37}, {0xf39, 0xf39},
    {0xf3e, 0xf3f}, {0xf71, 0xf84}, {0xf86, 0xf87}, {0xf8d, 0xf97},
    {0xf99, 0xfbc}, {0xfc6, 0xfc6}, {0x102b, 0x103e}, {0x1040, 0x1049},
    {0x1056, 0x1059}, {0x105e, 0x1060}, {0x1062, 0x1064}, {0x1067, 0x106d},
    {0x1071, 0x1074}, {0x1082, 0x108d}, {0x108f, 0x109d}, {0x135d, 0x135f},
    {0x1369, 0x1371}, {0x1712, 0x1715}, {0x1732, 0x1734}, {0x1752, 0x1753},
    {0x1772, 0x1773}, {0x17b4, 0x17d3}, {0x17dd, 0x17dd}, {0x17e0, 0x17e9},
    {0x180b, 0x180d}, {0x180f, 0x1819}, {0x18a9, 0x18a9}, {0x1920, 0x192b},
    {0x1930, 0x193b}, {0x1946, 0x194f}, {0x19d0, 0x19da}, {0x1a17, 0x1a1b},
    {0x1a55, 0x1a5e}, {0x1a60, 0x1a7c}, {0x1a7f, 0x1a89}, {0x1a90, 0x1a99},
    {0x1ab0, 0x1abd}, {0x1abf, 0x1add}, {0x1ae0, 0x1aeb}, {0x1b00, 0x1b04},
    {0x1b34, 0x1b44}, {0x1b50, 0x1b59}, {0x1b6b, 0x1b73}, {0x1b80, 0x1b82},
    {0x1ba1, 0x1bad}, {0x1bb0, 0x1bb9}, {0x1be6, 0x1bf3}, {0x1c24, 0x1c37},
    {0x1c40, 0x1c49}, {0x1c50, 0x1c59}, {0x1cd0, 0x1cd2}, {0x1cd4, 0x1ce8},
    {0x1ced, 0x1ced}, {0x1cf4, 0x1cf4}, {0x1cf7, 0x1cf9}, {0x1dc0, 0x1dff},
    {0x200c, 0x200d}, {0x203f, 0x2040}, {0x2054, 0x2054}, {0x20d0, 0x20dc},
    {0x20e1, 0x20e1}, {0x20e5, 0x20f0}, {0x2cef, 0x2cf1}, {0x2d7f, 0x2d7f},
    {0x2de0, 0x2dff}, {0x302a, 0x302f}, {0x3099, 0x309a}, {0x30fb, 0x30fb},
    {0xa620, 0xa629}, {0xa66f, 0xa66f}, {0xa674, 0xa67d}, {0xa69e, 0xa69f},
    {0xa6f0, 0xa6f1}, {0xa802, 0xa802}, {0xa806, 0xa806}, {0xa80b, 0xa80b},
    {0xa823, 0xa827}, {0xa82c, 0xa82c}, {0xa880, 0xa881}, {0xa8b4, 0xa8c5},
    {0xa8d0, 0xa8d9}, {0xa8e0, 0xa8f1}, {0xa8ff, 0xa909}, {0xa926, 0xa92d},
    {0xa947, 0xa953}, {0xa980, 0xa983}, {0xa9b3, 0xa9c0}, {0xa9d0, 0xa9d9},
    {0xa9e5, 0xa9e5}, {0xa9f0, 0xa9f9}, {0xaa29, 0xaa36}, {0xaa43, 0xaa43},
    {0xaa4c, 0xaa4d}, {0xaa50, 0xaa59}, {0xaa7b, 0xaa7d}, {0xaab0, 0xaab0},
    {0xaab2, 0xaab4}, {0xaab7, 0xaab8}, {0xaabe, 0xaabf}, {0xaac1, 0xaac1},
    {0xaaeb, 0xaaef}, {0xaaf5, 0xaaf6}, {0xabe3, 0xabea}, {0xabec, 0xabed},
    {0xabf0, 0xabf9}, {0xfb1e, 0xfb1e}, {0xfe00, 0xfe0f}, {0xfe20, 0xfe2f},
    {0xfe33, 0xfe34}, {0xfe4d, 0xfe4f}, {0xff10, 0xff19}, {0xff3f, 0xff3f},
    {0xff65, 0xff65}, {0x101fd, 0x101fd}, {0x102e0, 0x102e0},
    {0x10376, 0x1037a}, {0x104a0, 0x104a9}, {0x10a01, 0x10a03},
    {0x10a05, 0x10a06}, {0x10a0c, 0x10a0f}, {0x10a38, 0x10a3a},
    {0x10a3f, 0x10a3f}, {0x10ae5, 0x10ae6}, {0x10d24, 0x10d27},
    {0x10d30, 0x10d39}, {0x10d40, 0x10d49}, {0x10d69, 0x10d6d},
    {0x10eab, 0x10eac}, {0x10efa, 0x10eff}, {0x10f46, 0x10f50},
    {0x10f82, 0x10f85}, {0x11000, 0x11002}, {0x11038, 0x11046},
    {0x11066, 0x11070}, {0x11073, 0x11074}, {0x1107f, 0x11082},
    {0x110b0, 0x110ba}, {0x110c2, 0x110c2}, {0x110f0, 0x110f9},
    {0x11100, 0x11102}, {0x11127, 0x11134}, {0x11136, 0x1113f},
    {0x11145, 0x11146}, {0x11173, 0x11173}, {0x11180, 0x11182},
    {0x111b3, 0x111c0}, {0x111c9, 0x111cc}, {0x111ce, 0x111d9},
    {0x1122c, 0x11237}, {0x1123e, 0x1123e}, {0x11241, 0x11241},
    {0x112df, 0x112ea}, {0x112f0, 0x112f9}, {0x11300, 0x11303},
    {0x1133b, 0x1133c}, {0x1133e, 0x11344}, {0x11347, 0x11348},
    {0x1134b, 0x1134d}, {0x11357, 0x11357}, {0x11362, 0x11363},
    {0x11366, 0x1136c}, {0x11370, 0x11374}, {0x113b8, 0x113c0},
    {0x113c2, 0x113c2}, {0x113c5, 0x113c5}, {0x113c7, 0x113ca},
    {0x113cc, 0x113d0}, {0x113d2, 0x113d2}, {0x113e1, 0x113e2},
    {0x11435, 0x11446}, {0x11450, 0x11459}, {0x1145e, 0x1145e},
    {0x114b0, 0x114c3}, {0x114d0, 0x114d9}, {0x115af, 0x115b5},
    {0x115b8, 0x115c0}, {0x115dc, 0x115dd}, {0x11630, 0x11640},
    {0x11650, 0x11659}, {0x116ab, 0x116b7}, {0x116c0, 0x116c9},
    {0x116d0, 0x116e3}, {0x1171d, 0x1172b}, {0x11730, 0x11739},
    {0x1182c, 0x1183a}, {0x118e0, 0x118e9}, {0x11930, 0x11935},
    {0x11937, 0x11938}, {0x1193b, 0x1193e}, {0x11940, 0x11940},
    {0x11942, 0x11943}, {0x11950, 0x11959}, {0x119d1, 0x119d7},
    {0x119da, 0x119e0}, {0x119e4, 0x119e4}, {0x11a01, 0x11a0a},
    {0x11a33, 0x11a39}, {0x11a3b, 0x11a3e}, {0x11a47, 0x11a47},
    {0x11a51, 0x11a5b}, {0x11a8a, 0x11a99}, {0x11b60, 0x11b67},
    {0x11bf0, 0x11bf9}, {0x11c2f, 0x11c36}, {0x11c38, 0x11c3f},
    {0x11c50, 0x11c59}, {0x11c92, 0x11ca7}, {0x11ca9, 0x11cb6},
    {0x11d31, 0x11d36}, {0x11d3a, 0x11d3a}, {0x11d3c, 0x11d3d},
    {0x11d3f, 0x11d45}, {0x11d47, 0x11d47}, {0x11d50, 0x11d59},
    {0x11d8a, 0x11d8e}, {0x11d90, 0x11d91}, {0x11d93, 0x11d97},
    {0x11da0, 0x11da9}, {0x11de0, 0x11de9}, {0x11ef3, 0x11ef6},
    {0x11f00, 0x11f01}, {0x11f03, 0x11f03}, {0x11f34, 0x11f3a},
    {0x11f3e, 0x11f42}, {0x11f50, 0x11f5a}, {0x13440, 0x13440},
    {0x13447, 0x13455}, {0x1611e, 0x16139}, {0x16a60, 0x16a69},
    {0x16ac0, 0x16ac9}, {0x16af0, 0x16af4}, {0x16b30, 0x16b36},
    {0x16b50, 0x16b59}, {0x16d70, 0x16d79}, {0x16f4f, 0x16f4f},
    {0x16f51, 0x16f87}, {0x16f8f, 0x16f92}, {0x16fe4, 0x16fe4},
    {0x16ff0, 0x16ff1}, {0x1bc9d, 0x1bc9e}, {0x1ccf0, 0x1ccf9},
    {0x1cf00, 0x1cf2d}, {0x1cf30, 0x1cf46}, {0x1d165, 0x1d169},
    {0x1d16d, 0x1d172}, {0x1d17b, 0x1d182}, {0x1d185, 0x1d18b},
    {0x1d1aa, 0x1d1ad}, {0x1d242, 0x1d244}, {0x1d7ce, 0x1d7ff},
    {0x1da00, 0x1da36}, {0x1da3b, 0x1da6c}, {0x1da75, 0x1da75},
    {0x1da84, 0x1da84}, {0x1da9b, 0x1da9f}, {0x1daa1, 0x1daaf},
    {0x1e000, 0x1e006}, {0x1e008, 0x1e018}, {0x1e01b, 0x1e021},
    {0x1e023, 0x1e024}, {0x1e026, 0x1e02a}, {0x1e08f, 0x1e08f},
    {0x1e130, 0x1e136}, {0x1e140, 0x1e149}, {0x1e2ae, 0x1e2ae},
    {0x1e2ec, 0x1e2f9}, {0x1e4ec, 0x1e4f9}, {0x1e5ee, 0x1e5ef},
    {0x1e5f1, 0x1e5fa}, {0x1e6e3, 0x1e6e3}, {0x1e6e6, 0x1e6e6},
    {0x1e6ee, 0x1e6ef}, {0x1e6f5, 0x1e6f5}, {0x1e8d0, 0x1e8d6},
    {0x1e944, 0x1e94a}, {0x1e950, 0x1e959}, {0x1fbf0, 0x1fbf9},
    {0xe0100, 0xe01ef},
};

static int in_ranges(const uint32_t (*r)[2], size_t n, uint32_t c)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c < r[mid][0])
            hi = mid;
        else if (c > r[mid][1])
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

int bk_js__id_start(uint32_t c)
{
    if (c < 0x80)
        return (id_tab[c] & 1) != 0;
    return in_ranges(id_start_ranges, BK_COUNTOF(id_start_ranges), c);
}

int bk_js__id_part(uint32_t c)
{
    if (c < 0x80)
        return (id_tab[c] & 2) != 0;
    return c == 0x200c || c == 0x200d ||
           in_ranges(id_start_ranges, BK_COUNTOF(id_start_ranges), c) ||
           in_ranges(id_cont_ranges, BK_COUNTOF(id_cont_ranges), c);
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes the UTF-8 sequence at s[0..n); returns its length and sets *cp,
 * or 0 when it is malformed (overlong, surrogate, truncated, > U+10FFFF). */
static unsigned utf8_decode(const uint8_t *s, size_t n, uint32_t *cp)
{
    uint32_t c = s[0];
    unsigned len, i;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        c &= 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        c &= 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        c &= 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3f);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff))
        || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return len;
}

/* ---- positions and errors ---------------------------------------------- */

void bk_js_lex_init(bk_js_lex_t *lx, bk_arena_t *a, const uint8_t *src,
                    uint32_t len, bk_js_lang_t lang,
                    bk_js_syntax_error_t *err)
{
    memset(lx, 0, sizeof(*lx));
    lx->src = src;
    lx->len = len;
    lx->at.line = 1;
    lx->arena = a;
    lx->lang = lang;
    lx->err = err;
}

static inline uint32_t col_of(const bk_js_lexpos_t *at)
{
    return at->pos - at->line_start - at->cont + 1;
}

/* Line and column of byte 'off', counting forward from 'from' (which must
 * not be past it). Only used to place errors, so speed does not matter. */
static void locate(const bk_js_lex_t *lx, bk_js_lexpos_t from, uint32_t off,
                   uint32_t *line, uint32_t *col)
{
    while (from.pos < off && from.pos < lx->len) {
        uint32_t c;
        unsigned n = utf8_decode(lx->src + from.pos, lx->len - from.pos, &c);
        if (n == 0) {
            n = 1;
            c = 0xfffd;
        }
        from.pos += n;
        if (is_nl(c) && !(c == '\r' && from.pos < lx->len &&
                          lx->src[from.pos] == '\n')) {
            from.line++;
            from.line_start = from.pos;
            from.cont = 0;
        } else {
            from.cont += n - 1;
        }
    }
    *line = from.line;
    *col = col_of(&from);
}

static void set_error(bk_js_lex_t *lx, bk_js_tok_t *t, uint32_t off,
                      const char *msg)
{
    bk_js_syntax_error_t *e = lx->err;
    e->oom = 0;
    snprintf(e->msg, sizeof(e->msg), "%s", msg);
    e->offset = off;
    locate(lx, t->at, off, &e->line, &e->col);
    t->type = BK_JS_T_ERROR;
}

static void set_oom(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    set_error(lx, t, t->start, "out of memory");
    lx->err->oom = 1;
}

/* Advances past one line terminator starting at lx->at.pos (CRLF = one). */
static void eat_nl(bk_js_lex_t *lx, unsigned n, uint32_t c)
{
    lx->at.pos += n;
    if (c == '\r' && lx->at.pos < lx->len && lx->src[lx->at.pos] == '\n')
        lx->at.pos++;
    lx->at.line++;
    lx->at.line_start = lx->at.pos;
    lx->at.cont = 0;
}

/* Reads the code point at the lexer position without consuming it; -1 at
 * the end, -2 for malformed UTF-8. *n gets its byte length. */
static int32_t peek_cp(const bk_js_lex_t *lx, uint32_t pos, unsigned *n)
{
    uint32_t c;
    if (pos >= lx->len) {
        *n = 0;
        return -1;
    }
    if (lx->src[pos] < 0x80) {
        *n = 1;
        return lx->src[pos];
    }
    *n = utf8_decode(lx->src + pos, lx->len - pos, &c);
    if (*n == 0)
        return -2;
    return (int32_t)c;
}

static inline void advance(bk_js_lex_t *lx, unsigned n)
{
    lx->at.pos += n;
    lx->at.cont += n - 1;
}

/* ---- whitespace and comments ------------------------------------------- */

/* Whether only spaces precede the lexer position on its line (for `-->`,
 * which opens a comment only at the start of a line). XXX: a block comment
 * before it on the same line is not recognised. */
static int line_blank(const bk_js_lex_t *lx)
{
    uint32_t i;
    for (i = lx->at.line_start; i < lx->at.pos; i++)
        if (lx->src[i] != ' ' && lx->src[i] != '\t')
            return 0;
    return 1;
}

/* Skips spaces, line terminators and comments; returns 1 if a line
 * terminator was crossed, -1 on an unterminated comment. Works on bytes:
 * the only non-ASCII characters that matter here are the line and space
 * separators, recognised by their UTF-8 lead bytes; anything else inside a
 * comment is skipped without decoding. */
static int skip_space(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    const uint8_t *s = lx->src;
    uint32_t len = lx->len;
    int nl = 0;
    for (;;) {
        uint32_t pos = lx->at.pos;
        unsigned n;
        int32_t c;
        /* Fast path: runs of blanks, then the common token starts, without
         * going through the switch. */
        while (pos < len && (s[pos] == ' ' || s[pos] == '\t'))
            pos++;
        lx->at.pos = pos;
        if (pos >= len)
            return nl;
        if (s[pos] > ' ' && s[pos] < 0x80 && s[pos] != '/' &&
            s[pos] != '<' && s[pos] != '-')
            return nl;
        switch (s[pos]) {
        case ' ': case '\t': case 0x0b: case 0x0c:
            lx->at.pos++;
            continue;
        case '\n':
            lx->at.pos++;
            lx->at.line++;
            lx->at.line_start = lx->at.pos;
            lx->at.cont = 0;
            nl = 1;
            continue;
        case '\r':
            eat_nl(lx, 1, '\r');
            nl = 1;
            continue;
        case '/':
            if (pos + 1 < len && s[pos + 1] == '/') {
                lx->at.pos += 2;
                goto line_comment;
            }
            if (pos + 1 < len && s[pos + 1] == '*') {
                uint32_t open = pos;
                pos += 2;
                for (;;) {
                    uint8_t b;
                    if (pos >= len) {
                        lx->at.pos = pos;
                        /* t->at is not set yet: place from the start. */
                        memset(&t->at, 0, sizeof(t->at));
                        t->at.line = 1;
                        set_error(lx, t, open, "Invalid or unexpected token");
                        return -1;
                    }
                    b = s[pos];
                    if (b == '*' && pos + 1 < len && s[pos + 1] == '/') {
                        lx->at.pos = pos + 2;
                        break;
                    }
                    if (b == '\n' || b == '\r' ||
                        (b == 0xe2 && pos + 2 < len && s[pos + 1] == 0x80 &&
                         (s[pos + 2] == 0xa8 || s[pos + 2] == 0xa9))) {
                        lx->at.pos = pos;
                        eat_nl(lx, b == 0xe2 ? 3 : 1, b == 0xe2 ? LS : b);
                        pos = lx->at.pos;
                        nl = 1;
                        continue;
                    }
                    if ((b & 0xc0) == 0x80)
                        lx->at.cont++;
                    pos++;
                }
                continue;
            }
            return nl;
        case '<':
            if (pos + 3 < len && memcmp(s + pos, "<!--", 4) == 0) {
                /* Annex B HTML-like comment (scripts): to end of line. */
                lx->at.pos += 4;
                goto line_comment;
            }
            return nl;
        case '-':
            if ((nl || pos == 0 || line_blank(lx)) && pos + 2 < len &&
                memcmp(s + pos, "-->", 3) == 0) {
                lx->at.pos += 3;
                goto line_comment;
            }
            return nl;
        default:
            if (s[pos] < 0x80)
                return nl;
            c = peek_cp(lx, pos, &n);
            if (c == LS || c == PS) {
                eat_nl(lx, n, (uint32_t)c);
                nl = 1;
                continue;
            }
            if (c > 0 && is_space((uint32_t)c)) {
                advance(lx, n);
                continue;
            }
            return nl;
        }
    line_comment:
        pos = lx->at.pos;
        while (pos < len) {
            uint8_t b = s[pos];
            if (b == '\n' || b == '\r' ||
                (b == 0xe2 && pos + 2 < len && s[pos + 1] == 0x80 &&
                 (s[pos + 2] == 0xa8 || s[pos + 2] == 0xa9)))
                break;
            if ((b & 0xc0) == 0x80)
                lx->at.cont++;
            pos++;
        }
        lx->at.pos = pos;
    }
}

/* ---- identifiers ------------------------------------------------------- */

/* Keyword lookup: a switch on the first letter, then fixed-size compares
 * (the compiler inlines them), since every identifier goes through it. */
static uint8_t keyword_type(bk_str_t s)
{
#define KW(str, tp)                                                           \
    if (s.n == sizeof(str) - 1 && memcmp(s.p, str, sizeof(str) - 1) == 0)    \
        return BK_JS_T_##tp;
    if (s.n < 2 || s.n > 10)
        return BK_JS_T_NAME;
    switch (s.p[0]) {
    case 'b': KW("break", BREAK) break;
    case 'c':
        KW("case", CASE) KW("catch", CATCH) KW("class", CLASS)
        KW("const", CONST) KW("continue", CONTINUE) break;
    case 'd':
        KW("do", DO) KW("default", DEFAULT) KW("delete", DELETE)
        KW("debugger", DEBUGGER) break;
    case 'e':
        KW("else", ELSE) KW("enum", ENUM) KW("export", EXPORT)
        KW("extends", EXTENDS) break;
    case 'f':
        KW("for", FOR) KW("false", FALSE) KW("finally", FINALLY)
        KW("function", FUNCTION) break;
    case 'i':
        KW("if", IF) KW("in", IN) KW("import", IMPORT)
        KW("instanceof", INSTANCEOF) KW("implements", IMPLEMENTS)
        KW("interface", INTERFACE) break;
    case 'l': KW("let", LET) break;
    case 'n': KW("new", NEW) KW("null", NULL) break;
    case 'p':
        KW("package", PACKAGE) KW("private", PRIVATE)
        KW("protected", PROTECTED) KW("public", PUBLIC) break;
    case 'r': KW("return", RETURN) break;
    case 's': KW("super", SUPER) KW("switch", SWITCH) KW("static", STATIC)
        break;
    case 't':
        KW("this", THIS) KW("throw", THROW) KW("true", TRUE) KW("try", TRY)
        KW("typeof", TYPEOF) break;
    case 'v': KW("var", VAR) KW("void", VOID) break;
    case 'w': KW("while", WHILE) KW("with", WITH) break;
    case 'y': KW("yield", YIELD) break;
    default: break;
    }
    return BK_JS_T_NAME;
#undef KW
}

/* Reads \uXXXX or \u{X...} after the backslash at lx->at.pos; returns the
 * code point, -1 if malformed, -2 if out of range. Consumes it. */
static int32_t read_uescape(bk_js_lex_t *lx)
{
    const uint8_t *s = lx->src;
    uint32_t p = lx->at.pos + 1, v = 0;
    int d, i;
    if (p >= lx->len || s[p] != 'u')
        return -1;
    p++;
    if (p < lx->len && s[p] == '{') {
        p++;
        if (p >= lx->len || hexval(s[p]) < 0)
            return -1;
        while (p < lx->len && (d = hexval(s[p])) >= 0) {
            v = v * 16 + (uint32_t)d;
            if (v > 0x10ffff)
                return -2;
            p++;
        }
        if (p >= lx->len || s[p] != '}')
            return -1;
        p++;
    } else {
        for (i = 0; i < 4; i++, p++) {
            if (p >= lx->len || (d = hexval(s[p])) < 0)
                return -1;
            v = v * 16 + (uint32_t)d;
        }
    }
    lx->at.pos = p;
    return (int32_t)v;
}

static size_t put_utf8(uint8_t *o, uint32_t c)
{
    if (c < 0x80) {
        o[0] = (uint8_t)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (uint8_t)(0xc0 | (c >> 6));
        o[1] = (uint8_t)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (uint8_t)(0xe0 | (c >> 12));
        o[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
        o[2] = (uint8_t)(0x80 | (c & 0x3f));
        return 3;
    }
    o[0] = (uint8_t)(0xf0 | (c >> 18));
    o[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3f));
    o[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
    o[3] = (uint8_t)(0x80 | (c & 0x3f));
    return 4;
}

/* Where the identifier (with escapes) containing 'pos' ends, roughly:
 * an upper bound for its decoded byte length. */
static uint32_t ident_extent(const bk_js_lex_t *lx, uint32_t pos)
{
    while (pos < lx->len) {
        uint8_t c = lx->src[pos];
        if (c == '\\' || c >= 0x80 || c == '{' || c == '}' ||
            bk_js__id_part(c))
            pos++;
        else
            break;
    }
    return pos;
}

/* Scans an identifier or keyword starting at lx->at.pos (first char already
 * known to start one, or a backslash). */
static void scan_ident(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    uint32_t start = lx->at.pos;
    uint8_t *out = NULL;
    size_t on = 0;
    int first = 1;
    for (;;) {
        unsigned n;
        int32_t c;
        /* Fast path: a run of ASCII identifier characters. */
        if (out == NULL) {
            uint32_t q = lx->at.pos;
            if (first && q < lx->len && (id_tab[lx->src[q]] & 1))
                q++;
            if (q > lx->at.pos || !first)
                while (q < lx->len && (id_tab[lx->src[q]] & 2))
                    q++;
            if (q > lx->at.pos) {
                lx->at.pos = q;
                first = 0;
            }
            /* Ended on plain ASCII: the common case, done. */
            if (q >= lx->len || (lx->src[q] < 0x80 && lx->src[q] != '\\'))
                break;
        }
        c = peek_cp(lx, lx->at.pos, &n);
        if (c == '\\') {
            uint32_t esc = lx->at.pos;
            int32_t v = read_uescape(lx);
            if (v < 0 || !(first ? bk_js__id_start((uint32_t)v)
                                 : bk_js__id_part((uint32_t)v))) {
                set_error(lx, t, esc, "Invalid Unicode escape sequence");
                return;
            }
            if (out == NULL) {
                /* The decoded name is never longer than its source. */
                out = bk_arena_alloc(lx->arena, ident_extent(lx, esc) -
                                                    start + 4);
                if (out == NULL) {
                    set_oom(lx, t);
                    return;
                }
                memcpy(out, lx->src + start, esc - start);
                on = esc - start;
            }
            on += put_utf8(out + on, (uint32_t)v);
            t->escaped = 1;
        } else if (c >= 0 && (first ? bk_js__id_start((uint32_t)c)
                                    : bk_js__id_part((uint32_t)c))) {
            if (out != NULL) {
                memcpy(out + on, lx->src + lx->at.pos, n);
                on += n;
            }
            advance(lx, n);
        } else {
            break;
        }
        first = 0;
    }
    t->name = out ? bk_str(out, on) : bk_str(lx->src + start,
                                             lx->at.pos - start);
    t->type = keyword_type(t->name);
    if (t->escaped && t->type != BK_JS_T_NAME) {
        /* An escaped reserved word is only good as a property name. */
        t->type = BK_JS_T_NAME;
        t->escaped = 2;
    }
}

/* ---- numbers ----------------------------------------------------------- */

/* The "C" locale for strtod_l, so a process that called setlocale() still
 * reads "1.5" as 1.5. Created once; a lost race leaks one locale object. */
static locale_t c_locale(void)
{
    static locale_t loc;
    locale_t l = __atomic_load_n(&loc, __ATOMIC_ACQUIRE), expect = NULL;
    if (l != NULL)
        return l;
    l = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (l == NULL)
        return NULL;
    if (!__atomic_compare_exchange_n(&loc, &expect, l, 0, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        freelocale(l);
        return expect;
    }
    return l;
}

/* Converts the digits of a power-of-two radix (bits per digit 'shift'),
 * separators already removed, to the nearest double (ties to even). */
static double radix2_to_double(const uint8_t *d, size_t n, unsigned shift)
{
    uint64_t m = 0;
    int exp = 0, sticky = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        uint64_t v = (uint64_t)hexval(d[i]);
        if (m >> (64 - shift)) {
            /* Full: keep the top bits, remember anything lost. */
            exp += (int)shift;
            sticky |= v != 0;
            continue;
        }
        m = (m << shift) | v;
    }
    if (m == 0)
        return 0.0;
    /* Normalise to 64 significant bits, then round to 53. */
    int lz = __builtin_clzll(m);
    m <<= lz;
    exp -= lz;
    uint64_t low = m & 0x7ff; /* the 11 bits dropped */
    m >>= 11;
    exp += 11;
    if (low > 0x400 || (low == 0x400 && (sticky || (m & 1))))
        m++;
    return ldexp((double)m, exp);
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }

/* Scans a numeric literal at lx->at.pos. */
/* Cold paths stay out of line so bk_js_lex_next() keeps a small frame. */
#define COLD __attribute__((noinline))

COLD static void scan_number(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    const uint8_t *s = lx->src;
    uint32_t p = lx->at.pos, end = lx->len;
    uint8_t small[64], *buf = small;
    size_t bn = 0, cap = sizeof(small);
    int radix = 10;
    unsigned n;

    if (s[p] != '.') {
        /* Fast path: a short run of digits is exact as an integer. */
        uint32_t q = p;
        uint64_t v = 0;
        while (q < end && q - p < 15 && is_digit(s[q]))
            v = v * 10 + (uint64_t)(s[q++] - '0');
        if ((s[p] != '0' || q - p == 1) &&
            (q >= end ||
             (!(id_tab[s[q]] & 2) && s[q] != '.' && s[q] != '\\' &&
              s[q] < 0x80))) {
            t->num = (double)v;
            lx->at.pos = q;
            t->type = BK_JS_T_NUMBER;
            return;
        }
    }
    /* Worst case the cleaned copy is as long as the literal. */
    {
        uint32_t q = p;
        while (q < end && ((id_tab[s[q]] & 2) || s[q] == '.' ||
                           ((s[q] == '+' || s[q] == '-') &&
                            (s[q - 1] == 'e' || s[q - 1] == 'E'))))
            q++;
        if (q - p + 1 > cap) {
            cap = q - p + 1;
            buf = bk_arena_alloc(lx->arena, cap);
            if (buf == NULL) {
                set_oom(lx, t);
                return;
            }
        }
    }

    if (s[p] == '0' && p + 1 < end) {
        int c = s[p + 1] | 0x20;
        if (c == 'x')
            radix = 16;
        else if (c == 'o')
            radix = 8;
        else if (c == 'b')
            radix = 2;
        else if (is_digit(s[p + 1]) || s[p + 1] == '_') {
            uint32_t q = p + 1;
            if (s[p + 1] == '_') {
                set_error(lx, t, p + 1,
                          "Numeric separator can not be used after leading "
                          "0.");
                return;
            }
            while (q < end && is_digit(s[q]) && s[q] < '8')
                q++;
            if (q < end && is_digit(s[q]))
                set_error(lx, t, p, "Decimals with leading zeros are not "
                                    "allowed in strict mode.");
            else
                set_error(lx, t, p, "Octal literals are not allowed in "
                                    "strict mode.");
            return;
        }
    }

    if (radix != 10) {
        int prev_digit = 0;
        if (radix != 16 && lx->lang < BK_JS_LANG_CF2) {
            set_error(lx, t, p, "binary and octal literals are not "
                                "supported in cloudfront-js-1.0");
            return;
        }
        p += 2;
        for (; p < end; p++) {
            int v = hexval(s[p]);
            if (s[p] == '_') {
                if (lx->lang < BK_JS_LANG_CF2) {
                    set_error(lx, t, p, "Numeric separators are not "
                                        "supported in cloudfront-js-1.0");
                    return;
                }
                if (!prev_digit) {
                    set_error(lx, t, p, bn == 0 ?
                              "Numeric separators are not allowed here" :
                              "Only one underscore is allowed as numeric "
                              "separator");
                    return;
                }
                prev_digit = 0;
                continue;
            }
            if (v < 0 || v >= radix)
                break;
            buf[bn++] = s[p];
            prev_digit = 1;
        }
        if (bn == 0) {
            set_error(lx, t, lx->at.pos, "Invalid or unexpected token");
            return;
        }
        if (!prev_digit) {
            set_error(lx, t, p - 1, "Numeric separators are not allowed at "
                                    "the end of numeric literals");
            return;
        }
        t->num = radix2_to_double(buf, bn, radix == 16 ? 4
                                           : radix == 8 ? 3 : 1);
    } else {
        /* Decimal: digits [. digits] [e [+-] digits] */
        int sect = 0; /* 0 int, 1 frac, 2 exp */
        int prev_digit = 0;
        for (; p < end; p++) {
            uint8_t c = s[p];
            if (is_digit(c)) {
                buf[bn++] = c;
                prev_digit = 1;
            } else if (c == '_') {
                if (lx->lang < BK_JS_LANG_CF2) {
                    set_error(lx, t, p, "Numeric separators are not "
                                        "supported in cloudfront-js-1.0");
                    return;
                }
                if (!prev_digit) {
                    set_error(lx, t, p, s[p - 1] == '_' ?
                              "Only one underscore is allowed as numeric "
                              "separator" : "Numeric separators are not "
                              "allowed here");
                    return;
                }
                prev_digit = 0;
            } else if (c == '.' && sect == 0) {
                if (bn > 0 && !prev_digit) {
                    set_error(lx, t, p - 1, "Numeric separators are not "
                              "allowed at the end of numeric literals");
                    return;
                }
                buf[bn++] = c;
                sect = 1;
                prev_digit = 0;
                if (p + 1 < end && s[p + 1] == '_') {
                    set_error(lx, t, p + 1, "Numeric separators are not "
                                            "allowed here");
                    return;
                }
            } else if ((c | 0x20) == 'e' && sect < 2) {
                if (p > lx->at.pos && s[p - 1] == '_') {
                    set_error(lx, t, p - 1, "Numeric separators are not "
                              "allowed at the end of numeric literals");
                    return;
                }
                uint32_t q = p + 1;
                if (q < end && (s[q] == '+' || s[q] == '-'))
                    q++;
                if (q >= end || !is_digit(s[q])) {
                    set_error(lx, t, lx->at.pos,
                              "Invalid or unexpected token");
                    return;
                }
                buf[bn++] = 'e';
                if (s[p + 1] == '+' || s[p + 1] == '-')
                    buf[bn++] = s[++p];
                sect = 2;
                prev_digit = 0;
            } else {
                break;
            }
        }
        if (s[p - 1] == '_') {
            set_error(lx, t, p - 1, "Numeric separators are not allowed at "
                                    "the end of numeric literals");
            return;
        }
        buf[bn] = 0;
        {
            locale_t loc = c_locale();
            t->num = loc ? strtod_l((const char *)buf, NULL, loc)
                         : strtod((const char *)buf, NULL);
        }
    }
    if (p < end && s[p] == 'n') {
        set_error(lx, t, lx->at.pos, "BigInt literals are not supported");
        return;
    }
    /* An identifier or digit right after a number is an error (3in x). */
    int32_t c = peek_cp(lx, p, &n);
    if (c >= 0 && (bk_js__id_start((uint32_t)c) || is_digit(c) ||
                   c == '\\')) {
        set_error(lx, t, p, "Invalid or unexpected token");
        return;
    }
    lx->at.pos = p;
    t->type = BK_JS_T_NUMBER;
}

/* ---- strings and templates --------------------------------------------- */

static inline void put_u16(uint16_t *u, uint32_t *n, uint32_t c)
{
    if (c >= 0x10000) {
        c -= 0x10000;
        u[(*n)++] = (uint16_t)(0xd800 | (c >> 10));
        u[(*n)++] = (uint16_t)(0xdc00 | (c & 0x3ff));
    } else {
        u[(*n)++] = (uint16_t)c;
    }
}

static void finish_u16(bk_js_u16_t *s, uint16_t *u, uint32_t n)
{
    uint32_t i;
    s->units = u;
    s->len = n;
    s->latin1 = 1;
    for (i = 0; i < n; i++)
        if (u[i] > 0xff) {
            s->latin1 = 0;
            break;
        }
}

/* Decodes one escape after the backslash at lx->at.pos, for a string
 * (tmpl 0) or a template (tmpl 1). Returns the code point to append, -1 for
 * a line continuation (nothing), or -2 with *msg set for an invalid escape
 * (consumed as far as it goes). */
static int32_t read_escape(bk_js_lex_t *lx, int tmpl, const char **msg)
{
    const uint8_t *s = lx->src;
    uint32_t p = lx->at.pos + 1;
    unsigned n;
    int32_t c = peek_cp(lx, p, &n);
    switch (c) {
    case 'b': lx->at.pos = p + 1; return '\b';
    case 'f': lx->at.pos = p + 1; return '\f';
    case 'n': lx->at.pos = p + 1; return '\n';
    case 'r': lx->at.pos = p + 1; return '\r';
    case 't': lx->at.pos = p + 1; return '\t';
    case 'v': lx->at.pos = p + 1; return '\v';
    case 'x': {
        int a = p + 1 < lx->len ? hexval(s[p + 1]) : -1;
        int b = p + 2 < lx->len ? hexval(s[p + 2]) : -1;
        if (a < 0 || b < 0) {
            *msg = "Invalid hexadecimal escape sequence";
            lx->at.pos = p + 1;
            return -2;
        }
        lx->at.pos = p + 3;
        return a * 16 + b;
    }
    case 'u': {
        int32_t v = read_uescape(lx);
        if (v < 0) {
            *msg = v == -2 ? "Undefined Unicode code-point"
                           : "Invalid Unicode escape sequence";
            lx->at.pos = p + 1;
            return -2;
        }
        return v;
    }
    case '0':
        if (p + 1 >= lx->len || !is_digit(s[p + 1])) {
            lx->at.pos = p + 1;
            return 0;
        }
        /* \0 followed by a digit is a legacy octal escape */
        /* fall through */
    case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        *msg = tmpl ? "Octal escape sequences are not allowed in template "
                      "strings."
                    : "Octal escape sequences are not allowed in strict "
                      "mode.";
        lx->at.pos = p + 1;
        return -2;
    case '8': case '9':
        *msg = tmpl ? "\\8 and \\9 are not allowed in template strings."
                    : "\\8 and \\9 are not allowed in strict mode.";
        lx->at.pos = p + 1;
        return -2;
    case '\r': case '\n': case LS: case PS:
        lx->at.pos = p;
        eat_nl(lx, n, (uint32_t)c);
        return -1;
    case -1:
        *msg = "Invalid or unexpected token";
        lx->at.pos = p;
        return -2;
    case -2:
        *msg = "Invalid or unexpected token";
        lx->at.pos = p;
        return -2;
    default:
        advance(lx, n);
        lx->at.pos = p + n;
        return c;
    }
}

COLD static void scan_string(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    const uint8_t *s = lx->src;
    uint8_t q = s[lx->at.pos];
    uint32_t p = lx->at.pos + 1, un = 0;
    uint16_t *u;
    /* Find the end first: the decoded length is at most the byte length. */
    while (p < lx->len && s[p] != q) {
        if (s[p] == '\\') {
            p++;
            if (p + 1 < lx->len && s[p] == '\r' && s[p + 1] == '\n')
                p++; /* a CRLF line continuation */
        } else if (s[p] == '\n' || s[p] == '\r') {
            break;
        }
        p++;
    }
    if (p >= lx->len || s[p] != q) {
        set_error(lx, t, t->start, "Invalid or unexpected token");
        return;
    }
    u = bk_arena_alloc(lx->arena, (p - lx->at.pos) * sizeof(uint16_t) + 2);
    if (u == NULL) {
        set_oom(lx, t);
        return;
    }
    lx->at.pos++;
    for (;;) {
        unsigned n;
        int32_t c;
        /* Fast path: plain ASCII characters copy straight through. */
        {
            uint32_t k = lx->at.pos;
            while (k < p && s[k] != q && s[k] != '\\' && s[k] < 0x80 &&
                   s[k] != '\n' && s[k] != '\r')
                u[un++] = s[k++];
            lx->at.pos = k;
        }
        c = peek_cp(lx, lx->at.pos, &n);
        if (c == q) {
            lx->at.pos++;
            break;
        }
        if (c == '\\') {
            const char *msg = NULL;
            uint32_t at = lx->at.pos;
            c = read_escape(lx, 0, &msg);
            if (c == -2) {
                set_error(lx, t, at, msg);
                return;
            }
            if (c >= 0)
                put_u16(u, &un, (uint32_t)c);
        } else if (c < 0 || c == '\n' || c == '\r') {
            set_error(lx, t, t->start, "Invalid or unexpected token");
            return;
        } else {
            if (c == LS || c == PS) {
                /* Allowed in strings since ES2019; still a new line. */
                eat_nl(lx, n, (uint32_t)c);
            } else {
                advance(lx, n);
            }
            put_u16(u, &un, (uint32_t)c);
        }
    }
    finish_u16(&t->str, u, un);
    t->type = BK_JS_T_STRING;
}

/* Scans template characters from lx->at.pos (just after ` or }) up to the
 * closing ` or ${, filling cooked and raw. 'head' says whether the piece
 * began with a backtick. */
COLD static void scan_template_part(bk_js_lex_t *lx, bk_js_tok_t *t,
                               int head)
{
    const uint8_t *s = lx->src;
    uint32_t p = lx->at.pos, un = 0, rn = 0;
    uint16_t *u, *r;
    /* Upper bound of the piece's length. */
    while (p < lx->len && s[p] != '`' &&
           !(s[p] == '$' && p + 1 < lx->len && s[p + 1] == '{')) {
        if (s[p] == '\\')
            p++;
        p++;
    }
    if (p >= lx->len) {
        set_error(lx, t, t->start, "Unterminated template literal");
        return;
    }
    size_t bytes = (p - lx->at.pos) * sizeof(uint16_t) + 2;
    u = bk_arena_alloc(lx->arena, bytes);
    r = u ? bk_arena_alloc(lx->arena, bytes) : NULL;
    if (r == NULL) {
        set_oom(lx, t);
        return;
    }
    t->cooked_ok = 1;
    t->bad_escape = NULL;
    for (;;) {
        unsigned n;
        uint32_t at = lx->at.pos;
        int32_t c = peek_cp(lx, at, &n);
        if (c == '`') {
            lx->at.pos++;
            t->type = head ? BK_JS_T_TEMPLATE : BK_JS_T_TEMPLATE_TAIL;
            break;
        }
        if (c == '$' && at + 1 < lx->len && s[at + 1] == '{') {
            lx->at.pos += 2;
            t->type = head ? BK_JS_T_TEMPLATE_HEAD : BK_JS_T_TEMPLATE_MIDDLE;
            break;
        }
        if (c == -2) {
            set_error(lx, t, at, "Invalid or unexpected token");
            return;
        }
        if (c == '\\') {
            const char *msg = NULL;
            int32_t v = read_escape(lx, 1, &msg);
            if (v == -2) {
                if (msg == NULL || lx->at.pos > lx->len) {
                    set_error(lx, t, t->start,
                              "Unterminated template literal");
                    return;
                }
                if (t->cooked_ok) {
                    t->cooked_ok = 0;
                    t->bad_escape = msg;
                    t->bad_off = at;
                }
            } else if (v >= 0) {
                put_u16(u, &un, (uint32_t)v);
            }
            /* Raw: the source text, line terminators normalised. */
            uint32_t q = at;
            while (q < lx->at.pos) {
                uint32_t cp;
                unsigned m = utf8_decode(s + q, lx->len - q, &cp);
                if (m == 0)
                    m = 1, cp = 0xfffd;
                if (cp == '\r') {
                    put_u16(r, &rn, '\n');
                    q += (q + 1 < lx->len && s[q + 1] == '\n') ? 2 : 1;
                    continue;
                }
                put_u16(r, &rn, cp);
                q += m;
            }
            continue;
        }
        if (c == '\r' || c == '\n' || c == LS || c == PS) {
            eat_nl(lx, n, (uint32_t)c);
            uint32_t v = (c == '\r') ? '\n' : (uint32_t)c;
            put_u16(u, &un, v);
            put_u16(r, &rn, v);
            continue;
        }
        advance(lx, n);
        put_u16(u, &un, (uint32_t)c);
        put_u16(r, &rn, (uint32_t)c);
    }
    finish_u16(&t->str, u, un);
    finish_u16(&t->raw, r, rn);
}

/* ---- the main scanner -------------------------------------------------- */

/* One-character tokens that no longer token starts with. */
static const uint8_t single_tab[256] = {
    ['{'] = BK_JS_T_LBRACE,   ['}'] = BK_JS_T_RBRACE,
    ['('] = BK_JS_T_LPAREN,   [')'] = BK_JS_T_RPAREN,
    ['['] = BK_JS_T_LBRACKET, [']'] = BK_JS_T_RBRACKET,
    [';'] = BK_JS_T_SEMI,     [','] = BK_JS_T_COMMA,
    [':'] = BK_JS_T_COLON,    ['~'] = BK_JS_T_TILDE,
};

static void begin(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    t->at = lx->at;
    t->start = lx->at.pos;
    t->line = lx->at.line;
    t->col = col_of(&lx->at);
    t->escaped = 0;
}

void bk_js_lex_next(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    const uint8_t *s = lx->src;
    int nl;
    nl = skip_space(lx, t);
    if (nl < 0)
        return;
    t->nl_before = (uint8_t)nl;
    begin(lx, t);
    if (lx->at.pos >= lx->len) {
        t->type = BK_JS_T_EOF;
        t->end = lx->len;
        return;
    }
    uint32_t p = lx->at.pos;
    uint8_t c = s[p];
    int type = -1, len = 1;
    if (id_tab[c] & 1) {
        /* Fast path: a plain ASCII identifier or keyword. */
        uint32_t q = p + 1;
        while (q < lx->len && (id_tab[s[q]] & 2))
            q++;
        if (q >= lx->len || (s[q] < 0x80 && s[q] != '\\')) {
            t->name = bk_str(s + p, q - p);
            t->type = keyword_type(t->name);
            lx->at.pos = q;
            t->end = q;
            return;
        }
        scan_ident(lx, t);
        t->end = lx->at.pos;
        return;
    }
    if (single_tab[c]) {
        /* Fast path: punctuators that never start a longer token. */
        lx->at.pos++;
        t->type = single_tab[c];
        t->end = lx->at.pos;
        return;
    }
    uint8_t c1 = p + 1 < lx->len ? s[p + 1] : 0;
    uint8_t c2 = c1 && p + 2 < lx->len ? s[p + 2] : 0;
    uint8_t c3 = c2 && p + 3 < lx->len ? s[p + 3] : 0;

#define TOK(tp, l) (type = BK_JS_T_##tp, len = (l))
    switch (c) {
    case '{': TOK(LBRACE, 1); break;
    case '}': TOK(RBRACE, 1); break;
    case '(': TOK(LPAREN, 1); break;
    case ')': TOK(RPAREN, 1); break;
    case '[': TOK(LBRACKET, 1); break;
    case ']': TOK(RBRACKET, 1); break;
    case ';': TOK(SEMI, 1); break;
    case ',': TOK(COMMA, 1); break;
    case ':': TOK(COLON, 1); break;
    case '~': TOK(TILDE, 1); break;
    case '.':
        if (is_digit(c1)) {
            scan_number(lx, t);
            t->end = lx->at.pos;
            return;
        }
        if (c1 == '.' && c2 == '.')
            TOK(ELLIPSIS, 3);
        else
            TOK(DOT, 1);
        break;
    case '?':
        if (c1 == '?')
            c2 == '=' ? TOK(NULLISH_ASSIGN, 3) : TOK(NULLISH, 2);
        else if (c1 == '.' && !is_digit(c2))
            TOK(QDOT, 2);
        else
            TOK(QUESTION, 1);
        break;
    case '<':
        if (c1 == '<')
            c2 == '=' ? TOK(SHL_ASSIGN, 3) : TOK(SHL, 2);
        else
            c1 == '=' ? TOK(LE, 2) : TOK(LT, 1);
        break;
    case '>':
        if (c1 == '>') {
            if (c2 == '>')
                c3 == '=' ? TOK(SHR_ASSIGN, 4) : TOK(SHR, 3);
            else
                c2 == '=' ? TOK(SAR_ASSIGN, 3) : TOK(SAR, 2);
        } else {
            c1 == '=' ? TOK(GE, 2) : TOK(GT, 1);
        }
        break;
    case '=':
        if (c1 == '=')
            c2 == '=' ? TOK(SEQ, 3) : TOK(EQ, 2);
        else
            c1 == '>' ? TOK(ARROW, 2) : TOK(ASSIGN, 1);
        break;
    case '!':
        if (c1 == '=')
            c2 == '=' ? TOK(SNE, 3) : TOK(NE, 2);
        else
            TOK(BANG, 1);
        break;
    case '+':
        c1 == '+' ? TOK(INC, 2) : c1 == '=' ? TOK(PLUS_ASSIGN, 2)
                                            : TOK(PLUS, 1);
        break;
    case '-':
        c1 == '-' ? TOK(DEC, 2) : c1 == '=' ? TOK(MINUS_ASSIGN, 2)
                                            : TOK(MINUS, 1);
        break;
    case '*':
        if (c1 == '*')
            c2 == '=' ? TOK(STARSTAR_ASSIGN, 3) : TOK(STARSTAR, 2);
        else
            c1 == '=' ? TOK(STAR_ASSIGN, 2) : TOK(STAR, 1);
        break;
    case '/': c1 == '=' ? TOK(SLASH_ASSIGN, 2) : TOK(SLASH, 1); break;
    case '%': c1 == '=' ? TOK(PERCENT_ASSIGN, 2) : TOK(PERCENT, 1); break;
    case '^': c1 == '=' ? TOK(CARET_ASSIGN, 2) : TOK(CARET, 1); break;
    case '&':
        if (c1 == '&')
            c2 == '=' ? TOK(AND_ASSIGN, 3) : TOK(AND, 2);
        else
            c1 == '=' ? TOK(AMP_ASSIGN, 2) : TOK(AMP, 1);
        break;
    case '|':
        if (c1 == '|')
            c2 == '=' ? TOK(OR_ASSIGN, 3) : TOK(OR, 2);
        else
            c1 == '=' ? TOK(PIPE_ASSIGN, 2) : TOK(PIPE, 1);
        break;
    case '"':
    case '\'':
        scan_string(lx, t);
        t->end = lx->at.pos;
        return;
    case '`':
        lx->at.pos++;
        scan_template_part(lx, t, 1);
        t->end = lx->at.pos;
        return;
    default:
        if (is_digit(c)) {
            scan_number(lx, t);
            t->end = lx->at.pos;
            return;
        }
        {
            unsigned n;
            int32_t cp = peek_cp(lx, p, &n);
            if (cp == '\\' || (cp >= 0 && bk_js__id_start((uint32_t)cp))) {
                scan_ident(lx, t);
                t->end = lx->at.pos;
                return;
            }
        }
        set_error(lx, t, p, "Invalid or unexpected token");
        return;
    }
#undef TOK
    /* ES2020: ??= &&= ||= are 2.0 only; the parser rejects them in 1.0. */
    lx->at.pos += (uint32_t)len;
    t->type = (uint8_t)type;
    t->end = lx->at.pos;
}

void bk_js_lex_regexp(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    const uint8_t *s = lx->src;
    uint32_t p = t->start + 1, pat;
    int in_class = 0;
    lx->at = t->at;
    pat = p;
    for (;;) {
        unsigned n;
        int32_t c = peek_cp(lx, p, &n);
        if (c < 0 || is_nl((uint32_t)c)) {
            set_error(lx, t, t->start, "Invalid regular expression: missing /");
            return;
        }
        if (c == '\\') {
            p++;
            c = peek_cp(lx, p, &n);
            if (c < 0 || is_nl((uint32_t)c)) {
                set_error(lx, t, t->start,
                          "Invalid regular expression: missing /");
                return;
            }
        } else if (c == '[') {
            in_class = 1;
        } else if (c == ']') {
            in_class = 0;
        } else if (c == '/' && !in_class) {
            break;
        }
        lx->at.cont += n - 1;
        p += n;
    }
    t->name = bk_str(s + pat, p - pat);
    p++;
    uint32_t fl = p;
    unsigned seen = 0;
    const char *allowed = lx->lang >= BK_JS_LANG_CF2 ? "dgimsuvy" : "gimsuy";
    for (;;) {
        unsigned n;
        int32_t c = peek_cp(lx, p, &n);
        if (c == '\\') {
            set_error(lx, t, p, "Invalid regular expression flags");
            return;
        }
        if (c < 0 || !bk_js__id_part((uint32_t)c))
            break;
        const char *f = c < 0x80 ? strchr(allowed, c) : NULL;
        if (f == NULL || (seen & (1u << (f - allowed)))) {
            set_error(lx, t, t->start, "Invalid regular expression flags");
            return;
        }
        seen |= 1u << (f - allowed);
        p += n;
    }
    t->flags = bk_str(s + fl, p - fl);
    lx->at.pos = p;
    t->end = p;
    t->type = BK_JS_T_REGEXP;
}

void bk_js_lex_template(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    /* t is the `}` (t->at: the state at it): resume right after it. */
    lx->at = t->at;
    lx->at.pos++;
    scan_template_part(lx, t, 0);
    t->end = lx->at.pos;
}
