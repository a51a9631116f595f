#ifndef PLIMSOLL_CMULTIBYTE_H
#define PLIMSOLL_CMULTIBYTE_H
#include <stddef.h>
#include <wchar.h>

/// libc's own mbrtowc, the one the interposed definition falls back to: the tests' reference.
size_t plimsoll_libc_mbrtowc(wchar_t *pwc, const char *s, size_t n, mbstate_t *ps);

/// True when this process's mbrtowc is the fast-path definition in CMultibyte.c (the executable
/// exports it, so libarchive binds to it).
int plimsoll_mbrtowc_is_interposed(void);

#endif
