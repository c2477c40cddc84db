#include "config.h"

#include "cli.h"
#include "exchange.h"
