#include "config.h"

#include "assess.h"
