/*
 * The report of the test programs (tests/unit.c, tests/filtertest.c,
 * tests/nlfuzz-*.c): an "ok - ..." or "not ok - ..." line a check, which
 * tests/run counts, and the failures for main() to return.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdarg.h>
#include <stdio.h>

static FILE	*check_out;	/* where the lines go; NULL: stdout */
static int	 failures;

static void	check(int, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static void
check(int cond, const char *fmt, ...)
{
	FILE *out = check_out != NULL ? check_out : stdout;
	va_list ap;

	fputs(cond ? "ok - " : "not ok - ", out);
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	fputc('\n', out);
	fflush(out);
	if (!cond)
		failures++;
}

#endif /* CHECK_H */
