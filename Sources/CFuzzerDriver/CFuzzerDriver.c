// Declarations only: the header names libFuzzer's driver, which the fuzzing build links.
#include "CFuzzerDriver.h"
