/*
 * report-pdf-load.c - finds the PDF driver when a PDF is first asked for.
 * cairo, pango and the forty libraries below them (fontconfig, freetype,
 * harfbuzz, glib) cost every run of the program about 20 M instructions of
 * relocation before main() when linked into it, for every verb; the driver
 * is therefore the module smready-pdf.so, loaded here on first use: beside
 * a program run from its build tree (paths.h), otherwise from where
 * "make install" put it.  Once loaded it stays: the load is the process's,
 * so what it found is kept for the process too.
 */
#include "config.h"

#include "report-doc.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

#if HAVE_PDF

#include <dlfcn.h>

#include "paths.h"
#include "text.h"

#define MODULE "smready-pdf.so"

static struct {
	bool tried;
	const struct doc_ops *ops;
	char why[1024];
} loaded;

static const struct doc_pdf_host pdf_host = {
	.version = PACKAGE_VERSION,
	.valid_dup = text_valid_dup,
	.rgb = doc_rgb,
};

static void module_path(char *buf, size_t sz)
{
	if (paths_build_tree(buf, sz - sizeof "/" MODULE))
		strcat(buf, "/" MODULE);
	else
		snprintf(buf, sz, "%s", PKGLIBDIR "/" MODULE);
}

static const struct doc_ops *load(void)
{
	char path[4096];
	void *h;
	const struct doc_ops *(*entry)(const struct doc_pdf_host *host);
	const struct doc_ops *ops = NULL;
	const char *err;

	module_path(path, sizeof path);
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		err = dlerror();
		/* dlerror() names the file too: the message names it once */
		if (err && strncmp(err, path, strlen(path)) == 0 && strncmp(err + strlen(path), ": ", 2) == 0)
			err += strlen(path) + 2;
		snprintf(loaded.why, sizeof loaded.why,
		         _("PDF reports need the module %s, which cannot be loaded (%s). "
		           "Reinstall smready; until then use --format html and print that."),
		         path, err ? err : "?");
		return NULL;
	}
	*(void **)&entry = dlsym(h, DOC_PDF_ENTRY);
	if (entry)
		ops = entry(&pdf_host);
	if (!ops) {
		snprintf(loaded.why, sizeof loaded.why,
		         _("The PDF module %s belongs to another version of smready. "
		           "Reinstall smready; until then use --format html and print that."),
		         path);
		dlclose(h);
	}
	return ops;
}

const struct doc_ops *doc_pdf_ops(void)
{
	if (!loaded.tried) {
		loaded.tried = true;
		loaded.ops = load();
	}
	return loaded.ops;
}

const char *doc_pdf_missing(void)
{
	return doc_pdf_ops() ? NULL : loaded.why;
}

#else

const struct doc_ops *doc_pdf_ops(void)
{
	return NULL;
}

const char *doc_pdf_missing(void)
{
	return _("PDF reports need cairo and pango, and this smready was built without them. "
	         "Install libcairo2-dev and libpango1.0-dev, run ./configure again and rebuild; "
	         "until then use --format html and print that.");
}

#endif
