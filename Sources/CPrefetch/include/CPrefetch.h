#ifndef PLIMSOLL_CPREFETCH_H
#define PLIMSOLL_CPREFETCH_H

/// Asks the CPU to start loading the cache line at `address` for reading; a hint only, never a
/// fault (an address outside any mapping is ignored). Swift has no prefetch of its own.
static inline void plimsoll_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
