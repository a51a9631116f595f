#ifndef PLIMSOLL_CFUZZERDRIVER_H
#define PLIMSOLL_CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, for programs that keep their own `main` (llvm.org/docs/LibFuzzer.html,
/// "Using libFuzzer as a library"). Defined only in binaries linked with `-sanitize=fuzzer`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
