/*
 * The error layer and small helpers every file shares: messages that
 * flush the table first and escape what came from outside, memory that
 * never comes back NULL, plurals and decimal digits.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

#define	MSGMAX	1024

/*
 * "netstat: " fmt [": " strerror(err)], escaped as a whole: our own words
 * are printable, so only outside text (names, paths, arguments) changes.
 */
static void
vmsg(int err, const char *fmt, va_list ap)
{
	char raw[MSGMAX], line[MSGMAX * 4 + 16];
	size_t n;

	(void)out_flush();
	(void)vsnprintf(raw, sizeof(raw), fmt, ap);
	memcpy(line, "netstat: ", 9);
	n = 9 + sanitize(line + 9, sizeof(line) - 9 - 2, raw, strlen(raw));
	if (err != 0) {
		(void)snprintf(raw, sizeof(raw), ": %s", strerror(err));
		n += sanitize(line + n, sizeof(line) - n - 2, raw,
		    strlen(raw));
	}
	line[n++] = '\n';
	(void)write(STDERR_FILENO, line, n);
}

void
ns_warn(const char *fmt, ...)
{
	va_list ap;
	int err = errno;

	va_start(ap, fmt);
	vmsg(err, fmt, ap);
	va_end(ap);
	exit_status = 1;
}

void
ns_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(0, fmt, ap);
	va_end(ap);
	exit_status = 1;
}

void
ns_notice(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(0, fmt, ap);
	va_end(ap);
}

void
ns_err(const char *fmt, ...)
{
	va_list ap;
	int err = errno;

	va_start(ap, fmt);
	vmsg(err, fmt, ap);
	va_end(ap);
	exit(1);
}

void
ns_errx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(0, fmt, ap);
	va_end(ap);
	exit(1);
}

/*
 * Memory.  Running out is fatal: a table missing rows is worse than none.
 */
void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	if ((p = reallocarray(p, nmemb ? nmemb : 1, size ? size : 1)) == NULL)
		ns_errx("%s", strerror(ENOMEM));
	return (p);
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if ((p = calloc(nmemb ? nmemb : 1, size ? size : 1)) == NULL)
		ns_errx("%s", strerror(ENOMEM));
	return (p);
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;

	if ((p = strndup(s, n)) == NULL)
		ns_errx("%s", strerror(ENOMEM));
	return (p);
}

/*
 * Room for element n of an array of *cap elements of size bytes: doubles
 * the array when it is full.  Returns the array, maybe moved.
 */
void *
grow(void *v, size_t *cap, size_t n, size_t size)
{
	size_t ncap;

	if (n < *cap)
		return (v);
	ncap = *cap ? *cap * 2 : 16;
	if (ncap <= n)
		ncap = n + 1;
	v = xreallocarray(v, ncap, size);
	*cap = ncap;
	return (v);
}

const char *
plural(unsigned long long n)
{
	return (n == 1 ? "" : "s");
}

/* The decimal digits of v at p, unterminated; returns the end. */
char *
put_dec(char *p, unsigned long long v)
{
	unsigned long long w;
	unsigned int u;
	char *end = p + 1;

	/* Count the digits first, so they are written in place. */
	for (w = v; w >= 10000; w /= 10000)
		end += 4;
	end += (w >= 10) + (w >= 100) + (w >= 1000);
	p = end;
	for (; v > UINT_MAX; v /= 10)
		*--p = (char)('0' + v % 10);
	u = (unsigned int)v;	/* the common case: 32-bit division */
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	return (end);
}

/*
 * Start a helper thread with the signals the main thread handles
 * blocked, so that they always reach the main thread (watch.c waits for
 * them there).  Returns 0, or -1.
 */
int
thread_start(pthread_t *tid, const pthread_attr_t *attr,
    void *(*fn)(void *), void *arg)
{
	sigset_t set, old;
	int rc;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGPIPE);
	(void)pthread_sigmask(SIG_BLOCK, &set, &old);
	rc = pthread_create(tid, attr, fn, arg);
	(void)pthread_sigmask(SIG_SETMASK, &old, NULL);
	return (rc == 0 ? 0 : -1);
}

int
recent_seen(struct recent *rc, unsigned long long id)
{
	unsigned int i;

	if (id == 0)
		return (0);
	for (i = 0; i < RECENT_ROWS; i++)
		if (rc->id[i] == id)
			return (1);
	rc->id[rc->n++ % RECENT_ROWS] = id;
	return (0);
}
