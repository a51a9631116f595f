#ifndef PLIMSOLL_CARCHIVE_SHIM_H
#define PLIMSOLL_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>
#endif
