#include "config.h"

#include "ui-screens.h"
