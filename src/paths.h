/*
 * paths.h - where a program run from its build tree finds its parts.
 */
#ifndef SMREADY_PATHS_H
#define SMREADY_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* The folder of the running program (into buf, without the trailing
 * slash) when it runs from its build tree: not the installed binary, and
 * the build's marker locale/.smready-build-tree beside it.  False
 * otherwise, and then the installed parts are the ones to use. */
bool paths_build_tree(char *buf, size_t sz);

#endif
