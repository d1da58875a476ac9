/*
 * calibrate.c: work units per millisecond of CPU for six kinds of work
 * (loops, string building, property access, calls, array methods, JSON),
 * used to choose BK_JS_DEFAULT_BUDGET (docs/js-engine.md, "Compute budget").
 *
 *   cc -O2 -Isrc bench/js/calibrate.c build/lib/libbk_js.a build/lib/libbk_core.a -lpcre2-16 -lpcre2-8 -lcrypto -lm -o build/js_calibrate
 *   build/js_calibrate
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "js/js.h"
static double cpu(void){struct timespec ts;clock_gettime(CLOCK_THREAD_CPUTIME_ID,&ts);return ts.tv_sec*1e9+ts.tv_nsec;}
static const char *src =
"function loops(){ let s=0; for(let i=0;i<20000;i++){ s+=i%7; } return s; }\n"
"function strings(){ let s=''; for(let i=0;i<3000;i++){ s+='ab'+i; } return s.length; }\n"
"function props(){ const o={a:1,b:2,c:3}; let t=0; for(let i=0;i<10000;i++){ o.a=o.b+o.c; t+=o.a; } return t; }\n"
"function calls(){ function f(x){return x+1} let t=0; for(let i=0;i<10000;i++) t=f(t); return t; }\n"
"function arrays(){ const a=[]; for(let i=0;i<3000;i++) a.push(i*2); return a.map(x=>x+1).filter(x=>x%3).join(',').length; }\n"
"function json(){ let t=0; const o={a:[1,2,3],b:{c:'x',d:true}}; for(let i=0;i<300;i++){ t+=JSON.stringify(o).length; JSON.parse('{\"k\":[1,2,{\"z\":null}]}'); } return t; }\n";
int main(void){
  bk_js_opts_t o; memset(&o,0,sizeof o); o.compute_budget=UINT64_MAX; o.memory_limit=SIZE_MAX;
  char err[256]; bk_js_prog_t *p=bk_js_load(src,strlen(src),&o,err,sizeof err); if(!p){puts(err);return 1;}
  bk_js_ctx_t *c=bk_js_ctx_new(p);
  const char *names[]={"loops","strings","props","calls","arrays","json"};
  for(int k=0;k<6;k++){ double best=1e18; unsigned long long used=0;
    for(int r=0;r<7;r++){ bk_js_begin(c); bk_js_set_budget(c, 1ull<<62); double t0=cpu(); bk_js_val_t f=bk_js_get_global(c,names[k]),ret;
      if(bk_js_call(c,f,bk_js_undefined(),0,NULL,&ret)!=BK_OK) puts(bk_js_exception_str(c));
      double t=cpu()-t0; used=bk_js_work_used(c); if(t<best)best=t; bk_js_end(c);}
    printf("%-8s %8.0f us  %10llu units  %6.0f units/ms\n",names[k],best/1000,used,used/(best/1e6)); }
  return 0; }
