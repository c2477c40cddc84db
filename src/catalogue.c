#include "config.h"

#include "catalogue.h"
