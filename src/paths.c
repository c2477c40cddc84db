/*
 * paths.c - the build tree of an uninstalled program: the README's Quick
 * start runs ./smready before "make install", and it finds its message
 * catalogues (main.c) and its PDF driver (report-pdf-load.c) beside it.
 */
#include "config.h"

#include "paths.h"

#include <string.h>
#include <unistd.h>

#define MARKER "/locale/.smready-build-tree"

bool paths_build_tree(char *buf, size_t sz)
{
	const char *installed = BINDIR "/" PACKAGE;
	char *slash;
	ssize_t n;

	if (sz < sizeof MARKER + 2)
		return false;
	n = readlink("/proc/self/exe", buf, sz);
	if (n <= 0 || (size_t)n >= sz - sizeof MARKER)
		return false;
	buf[n] = '\0';
	if (strcmp(buf, installed) == 0 || !(slash = strrchr(buf, '/')))
		return false;
	strcpy(slash, MARKER);
	if (access(buf, R_OK) != 0)
		return false;
	*slash = '\0';
	return true;
}
