#include "config.h"

#include "scoring.h"
