/*
 * safe-out.h - an output stream that lets nothing reach a terminal that
 * could upset it: every byte written passes text_escape_span() (text.h),
 * so a company name or a file name with an escape sequence in it, written
 * into the database by another program or typed on the command line, is
 * shown as \x1b... and never obeyed.  main() puts stdout and stderr of the
 * command line behind it; the full-screen program draws through curses,
 * which shows control characters itself.
 */
#ifndef SMREADY_SAFE_OUT_H
#define SMREADY_SAFE_OUT_H

#include <stdbool.h>
#include <stdio.h>

/* A stream that writes to under, escaped, line breaks and tabs kept;
 * closing it flushes it, and closes under too when own (else leaves it
 * open).  NULL when it cannot be made (out of memory). */
FILE *safe_out_open(FILE *under, bool own);

#endif
