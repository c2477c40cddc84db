#include "config.h"

#include "compare.h"
