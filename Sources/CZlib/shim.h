#ifndef PLIMSOLL_CZLIB_SHIM_H
#define PLIMSOLL_CZLIB_SHIM_H
#include <zlib.h>
#endif
