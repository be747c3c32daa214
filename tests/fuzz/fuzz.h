/*
 * Shared by the libFuzzer targets (tests/fuzz/fuzz-*.c): stdout sent to
 * /dev/null (the parsers' rows are of no interest, only that making them
 * does not crash; run with -close_fd_mask=2 to quiet their warnings
 * too), ns_errx() caught, and the helpers that cut an input into a
 * format byte and lines.  Each target hands every parser its bytes in a
 * heap block of exactly their length (exact.h), so AddressSanitizer sees
 * any read past the end.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../exact.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);


/*
 * ns_errx() ends the program; the targets link with --wrap=ns_errx so
 * that a parser expected to give up that way (the filter expressions)
 * comes back here instead.  Anywhere else it exits as it would, and
 * libFuzzer reports the exit.  While armed, the memory layer's
 * allocations (and free) are wrapped too and remembered, so that what
 * the jump leaves behind is freed here: the exit would have, and the
 * leak check then stays on for everything else.
 */
static jmp_buf	fuzz_jmp;
static int	fuzz_jmp_armed;
static void	**fuzz_held;
static size_t	 fuzz_nheld, fuzz_heldcap;

void	__wrap_ns_errx(const char *, ...) __attribute__((noreturn));
void	__real_ns_errx(const char *, ...) __attribute__((noreturn));
void	*__wrap_xcalloc(size_t, size_t);
void	*__real_xcalloc(size_t, size_t);
void	*__wrap_xreallocarray(void *, size_t, size_t);
void	*__real_xreallocarray(void *, size_t, size_t);
char	*__wrap_xstrndup(const char *, size_t);
char	*__real_xstrndup(const char *, size_t);
void	*__wrap_grow(void *, size_t *, size_t, size_t);
void	*__real_grow(void *, size_t *, size_t, size_t);
void	 __wrap_free(void *);
void	 __real_free(void *);

static void
fuzz_forget(void *p)
{
	size_t i;

	for (i = 0; p != NULL && i < fuzz_nheld; i++)
		if (fuzz_held[i] == p) {
			fuzz_held[i] = fuzz_held[--fuzz_nheld];
			return;
		}
}

static void *
fuzz_hold(void *p)
{
	void **v;

	if (!fuzz_jmp_armed || p == NULL)
		return (p);
	if (fuzz_nheld == fuzz_heldcap) {
		fuzz_heldcap = fuzz_heldcap ? fuzz_heldcap * 2 : 256;
		if ((v = realloc(fuzz_held, fuzz_heldcap * sizeof(*v))) ==
		    NULL)
			abort();
		fuzz_held = v;
	}
	fuzz_held[fuzz_nheld++] = p;
	return (p);
}

/* Arm before a parse that may end in ns_errx(), disarm after it. */
static inline void
fuzz_arm(void)
{
	fuzz_nheld = 0;
	fuzz_jmp_armed = 1;
}

static inline void
fuzz_disarm(int jumped)
{
	size_t i;

	fuzz_jmp_armed = 0;
	for (i = 0; jumped && i < fuzz_nheld; i++)
		__real_free(fuzz_held[i]);
	fuzz_nheld = 0;
}

void *
__wrap_xcalloc(size_t n, size_t size)
{
	return (fuzz_hold(__real_xcalloc(n, size)));
}

void *
__wrap_xreallocarray(void *p, size_t n, size_t size)
{
	if (fuzz_jmp_armed)
		fuzz_forget(p);
	return (fuzz_hold(__real_xreallocarray(p, n, size)));
}

char *
__wrap_xstrndup(const char *s, size_t n)
{
	return (fuzz_hold(__real_xstrndup(s, n)));
}

void *
__wrap_grow(void *v, size_t *cap, size_t n, size_t size)
{
	void *p;

	if (fuzz_jmp_armed)
		fuzz_forget(v);
	p = __real_grow(v, cap, n, size);
	return (fuzz_hold(p));
}

void
__wrap_free(void *p)
{
	if (fuzz_jmp_armed)
		fuzz_forget(p);
	__real_free(p);
}

void
__wrap_ns_errx(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (!fuzz_jmp_armed) {
		va_start(ap, fmt);
		(void)vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		__real_ns_errx("%s", msg);
	}
	longjmp(fuzz_jmp, 1);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd;

	(void)argc;
	(void)argv;
	if ((fd = open("/dev/null", O_WRONLY)) >= 0) {
		(void)dup2(fd, 1);
		close(fd);
	}
	return (0);
}

/*
 * Each line of data (without its newline) to fn, in its own exact heap
 * block, as proc_lines() would hand it over.
 */
static inline void
fuzz_lines(const uint8_t *data, size_t len, void (*fn)(const char *, size_t,
    void *), void *arg)
{
	const uint8_t *p = data, *end = data + len, *nl;
	char *line;
	size_t n;

	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		n = (size_t)(nl - p);
		line = exact(p, n);
		fn(line, n, arg);
		free(line);
		p = nl < end ? nl + 1 : end;
	}
}

/*
 * A target of n line formats: the input's first byte picks one, and fn
 * has each line of the rest with the format's number (an int) as arg.
 */
static inline int
fuzz_format_lines(const uint8_t *data, size_t size, int n,
    void (*fn)(const char *, size_t, void *))
{
	int sel;

	if (size < 1)
		return (0);
	sel = data[0] % n;
	fuzz_lines(data + 1, size - 1, fn, &sel);
	return (0);
}

#endif /* FUZZ_H */
