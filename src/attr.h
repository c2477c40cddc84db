/*
 * attr.h - compiler attributes the modules share, defined once: with gcc
 * and clang they let the compiler check what it can, elsewhere they vanish.
 */
#ifndef SMREADY_ATTR_H
#define SMREADY_ATTR_H

/* A function taking a printf format in argument f and its values from
 * argument a on (0 for a va_list). */
#if defined(__GNUC__) || defined(__clang__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* A function kept out of its callers, so that their common path stays
 * small (the import's tokenizer: a token's kind is found in a few
 * instructions, its text read by a call). */
#if defined(__GNUC__) || defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

#endif
