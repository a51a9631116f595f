// libarchive's tar reader converts every regular file's name to a wide string (to look for a
// trailing '/'), one mbrtowc call per byte. glibc's mbrtowc goes through its iconv machinery for
// each byte, and on an image of a million small files that was a fifth of the CPU time. This
// definition interposes glibc's (the executable's symbol wins for libarchive.so's calls) and
// answers the one case that is trivially the same in a UTF-8 locale: an ASCII byte in the initial
// shift state. Every other call, and every call in a locale that is not UTF-8, goes to glibc.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <wchar.h>

#include "CMultibyte.h"

typedef size_t (*mbrtowc_function)(wchar_t *, const char *, size_t, mbstate_t *);

static _Atomic(mbrtowc_function) libc_mbrtowc;

static mbrtowc_function next_mbrtowc(void) {
    mbrtowc_function function = atomic_load_explicit(&libc_mbrtowc, memory_order_acquire);
    if (function == NULL) {
        function = (mbrtowc_function)dlsym(RTLD_NEXT, "mbrtowc");
        atomic_store_explicit(&libc_mbrtowc, function, memory_order_release);
    }
    return function;
}

// mbsinit without the call: glibc's own definition is this one comparison.
static inline int in_initial_state(const mbstate_t *ps) {
#ifdef __GLIBC__
    return ps->__count == 0;
#else
    return mbsinit(ps);
#endif
}

// Whether the string being decoded is in a UTF-8 locale, asked once per string: asking per byte
// (MB_CUR_MAX is a call into libc) cost as much as the conversion saved. A call continues a string
// when it passes the same state and starts where the previous call's character ended, which is
// how libarchive (and every mbrtowc loop) walks a string.
static _Thread_local const mbstate_t *string_state;
static _Thread_local const char *string_next;
static _Thread_local int string_is_utf8;

size_t mbrtowc(wchar_t *pwc, const char *s, size_t n, mbstate_t *ps) {
    // A NULL state is libc's hidden one, which only libc can read.
    if (s != NULL && n > 0 && ps != NULL && (unsigned char)*s < 0x80 && in_initial_state(ps)) {
        if (ps != string_state || s != string_next) {
            // MB_CUR_MAX is 6 only in glibc's UTF-8 locales, where every byte below 0x80 in the
            // initial state is that character.
            string_state = ps;
            string_is_utf8 = MB_CUR_MAX == 6;
        }
        if (string_is_utf8) {
            string_next = s + 1;
            if (pwc != NULL) *pwc = (wchar_t)(unsigned char)*s;
            return *s != 0 ? 1 : 0;
        }
    }
    string_state = NULL;
    return next_mbrtowc()(pwc, s, n, ps);
}

size_t plimsoll_libc_mbrtowc(wchar_t *pwc, const char *s, size_t n, mbstate_t *ps) {
    return next_mbrtowc()(pwc, s, n, ps);
}

int plimsoll_mbrtowc_is_interposed(void) {
    return dlsym(RTLD_DEFAULT, "mbrtowc") == (void *)mbrtowc;
}
