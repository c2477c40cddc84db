#include "config.h"

#include "exchange.h"
