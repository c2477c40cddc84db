#include "config.h"

#include "ui-draw.h"
