/*
 * tap-main.h - runs a Check suite and reports every case as one TAP line on
 * standard output, for automake's TAP driver.
 */
#ifndef SMREADY_TAP_MAIN_H
#define SMREADY_TAP_MAIN_H

#include <check.h>
#include <stdlib.h>

static inline int tap_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
