#include "config.h"

#include "ui-edit.h"
