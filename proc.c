/*
 * Proc-file reading, honouring -M: every path is relative to /proc or to
 * the saved tree.  Lines are handed to the subsystem's parser one at a
 * time, so a large file is never held whole.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

#define	PROC_CHUNK	(64 * 1024)
#define	PROC_MAXLINE	(1024 * 1024)	/* longer lines are malformed */
#define	PROC_MAXFILE	(64 * 1024 * 1024)	/* see proc_open() */

/*
 * The files already reported, by kind ('r' cannot be read, 'm' malformed
 * lines), so that a file read twice in one run (-is reads net/dev_snmp6
 * for ip6 and again for icmp6; -s -w rereads every tick) is reported once.
 */
struct proc_seen {
	int	 kind;
	char	*rel;
};
static struct proc_seen *seen;
static size_t nseen, seencap;

/* 1 the first time kind is asked about for rel, 0 after. */
static int
proc_once(int kind, const char *rel)
{
	size_t i;

	for (i = 0; i < nseen; i++)
		if (seen[i].kind == kind && strcmp(seen[i].rel, rel) == 0)
			return (0);
	seen = grow(seen, &seencap, nseen, sizeof(*seen));
	seen[nseen].kind = kind;
	seen[nseen].rel = xstrndup(rel, strlen(rel));
	nseen++;
	return (1);
}

/*
 * The root of every path.  A -M directory that cannot be searched is
 * reported here, on first use, in one line rather than one per file.
 */
const char *
proc_root(void)
{
	static int checked;

	if (memf == NULL)
		return ("/proc");
	if (!checked) {
		checked = 1;
		if (access(memf, X_OK) < 0)
			ns_err("%s", memf);
	}
	return (memf);
}

int
proc_path(char *buf, size_t len, const char *rel)
{
	int n;

	n = snprintf(buf, len, "%s/%s", proc_root(), rel);
	if (n < 0 || (size_t)n >= len) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	return (0);
}

/* Report a file that cannot be read, once per table; exit 1 at the end. */
void
proc_warn(const char *rel)
{
	char path[4096];
	int saved = errno;

	if (!proc_once('r', rel))
		return;
	if (proc_path(path, sizeof(path), rel) < 0)
		(void)snprintf(path, sizeof(path), "%s", rel);
	errno = saved;
	ns_warn("%s", path);
}

/*
 * A file that is not read: one line naming it (even with PROC_QUIET: it
 * is there, but hostile), exit status 1, and -1 with errno EINVAL for the
 * caller.
 */
static int
proc_refuse(const char *rel, const char *why)
{
	char path[4096];

	if (proc_path(path, sizeof(path), rel) < 0)
		(void)snprintf(path, sizeof(path), "%s", rel);
	if (proc_once('r', rel))
		ns_warnx("%s: %s", path, why);
	exit_status = 1;
	errno = EINVAL;
	return (-1);
}

static int
proc_toolarge(const char *rel)
{
	char why[64];

	(void)snprintf(why, sizeof(why), "larger than %d bytes, skipped",
	    PROC_MAXFILE);
	return (proc_refuse(rel, why));
}

/*
 * What to name when rel cannot be opened: its directory when that is what
 * denies access (a tree's net/ made unsearchable), so that one line stands
 * for every file in it.  errno is kept.
 */
static const char *
proc_culprit(const char *rel, char *dir, size_t len)
{
	const char *slash;
	char path[4096];
	int saved = errno;

	if (saved != EACCES || (slash = strrchr(rel, '/')) == NULL ||
	    (size_t)(slash - rel) >= len)
		return (rel);
	memcpy(dir, rel, (size_t)(slash - rel));
	dir[slash - rel] = '\0';
	if (proc_path(path, sizeof(path), dir) == 0 &&
	    access(path, X_OK) < 0)
		rel = dir;
	errno = saved;
	return (rel);
}

/*
 * Open a file to read.  Only a regular file: a FIFO would block, a device
 * never end (/dev/zero) or act on being opened, so the type is checked
 * before the open, and again on what was opened.  A file of a saved tree
 * larger than PROC_MAXFILE is refused; the live /proc files say size 0.
 */
static int
proc_open(const char *rel, int flags)
{
	char path[4096], dir[4096];
	struct stat st;
	int fd, saved;

	if (proc_path(path, sizeof(path), rel) < 0)
		goto fail;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return (proc_refuse(rel, "not a regular file"));
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC)) < 0)
		goto fail;
	if (fstat(fd, &st) < 0) {
		saved = errno;
		close(fd);
		errno = saved;
		goto fail;
	}
	if (!S_ISREG(st.st_mode) || (memf != NULL &&
	    st.st_size > PROC_MAXFILE)) {
		close(fd);
		if (!S_ISREG(st.st_mode))
			return (proc_refuse(rel, "not a regular file"));
		return (proc_toolarge(rel));
	}
	return (fd);
fail:
	if (!(flags & PROC_QUIET))
		proc_warn(proc_culprit(rel, dir, sizeof(dir)));
	return (-1);
}

/* Past the size cap: a saved tree's file that grew while being read. */
static int
proc_overcap(const char *rel, unsigned long long total)
{
	if (memf == NULL || total <= PROC_MAXFILE)
		return (0);
	(void)proc_toolarge(rel);
	return (1);
}

static void
proc_malformed(const char *rel, unsigned long n)
{
	char path[4096];

	if (proc_path(path, sizeof(path), rel) < 0)
		(void)snprintf(path, sizeof(path), "%s", rel);
	ns_notice("%s: %lu malformed line%s skipped", path, n, plural(n));
}

int
proc_lines(const char *rel, int skip, int flags, proc_line_fn fn, void *arg)
{
	char *buf, *nbuf, *line, *nl;
	size_t cap = PROC_CHUNK, have = 0, off;
	unsigned long long total = 0;
	unsigned long bad = 0;
	ssize_t n;
	int fd, eof = 0, toolong = 0, rc = 0;

	if ((fd = proc_open(rel, flags)) < 0)
		return (-1);
	if ((buf = malloc(cap)) == NULL) {
		close(fd);
		errno = ENOMEM;
		proc_warn(rel);
		return (-1);
	}
	while (!eof || have > 0) {
		if (!eof && have < cap) {
			n = read(fd, buf + have, cap - have);
			if (n < 0) {
				if (errno == EINTR)
					continue;
				proc_warn(rel);
				break;
			}
			if (n == 0)
				eof = 1;
			have += (size_t)n;
			total += (size_t)n;
			if (proc_overcap(rel, total)) {
				rc = -1;
				break;
			}
		}
		off = 0;
		while (off < have) {
			line = buf + off;
			nl = memchr(line, '\n', have - off);
			if (nl == NULL) {
				if (!eof)
					break;
				nl = buf + have;	/* last line, unterminated */
			}
			if (toolong)
				toolong = 0;	/* tail of an over-long line */
			else if (skip > 0)
				skip--;
			else if (fn(line, (size_t)(nl - line), arg) < 0)
				bad++;
			off = (size_t)(nl - buf) + (nl < buf + have ? 1 : 0);
		}
		memmove(buf, buf + off, have - off);
		have -= off;
		if (have == cap && !eof) {
			/* A line longer than the buffer: grow, or give up on it. */
			if (cap >= PROC_MAXLINE) {
				bad++;
				have = 0;
				toolong = 1;
			} else if ((nbuf = realloc(buf, cap * 2)) != NULL) {
				buf = nbuf;
				cap *= 2;
			} else {
				have = 0;
				toolong = 1;
				bad++;
			}
		}
		if (eof && have == 0)
			break;
	}
	free(buf);
	close(fd);
	if (bad > 0 && proc_once('m', rel))
		proc_malformed(rel, bad);
	return (rc);
}

/*
 * Read a small file whole, NUL-terminated (for counters and settings).
 * Returns NULL when it cannot be read (reported unless PROC_QUIET and
 * the file cannot be opened).
 */
char *
proc_slurp(const char *rel, size_t *lenp, int flags)
{
	char *buf, *nbuf;
	size_t cap = 8192, len = 0, ncap;
	ssize_t n;
	int fd;

	if ((fd = proc_open(rel, flags)) < 0)
		return (NULL);
	if ((buf = malloc(cap)) == NULL)
		goto fail;
	for (;;) {
		if (len + 1 >= cap) {
			/* Room for PROC_MAXFILE bytes, one more and the NUL. */
			ncap = cap < (PROC_MAXFILE + 2) / 2 ? cap * 2 :
			    PROC_MAXFILE + 2;
			if ((nbuf = realloc(buf, ncap)) == NULL)
				goto fail;
			buf = nbuf;
			cap = ncap;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > PROC_MAXFILE) {
			(void)proc_toolarge(rel);
			free(buf);
			close(fd);
			return (NULL);
		}
	}
	buf[len] = '\0';
	close(fd);
	if (lenp != NULL)
		*lenp = len;
	return (buf);
fail:
	/* The file is there: PROC_QUIET does not cover failing to read it. */
	proc_warn(rel);
	free(buf);
	close(fd);
	return (NULL);
}

/* A file holding one integer, such as sys/net/ipv6/bindv6only. */
int
proc_read_int(const char *rel, long long *v)
{
	char *buf, *end;

	if ((buf = proc_slurp(rel, NULL, PROC_QUIET)) == NULL)
		return (-1);
	errno = 0;
	*v = strtoll(buf, &end, 10);
	if (end == buf || errno != 0) {
		free(buf);
		return (-1);
	}
	free(buf);
	return (0);
}

/*
 * Tokens of a proc line.  These work on [p, end) only and never read
 * outside it: a length given is a limit, not a promise of a terminator.
 */

/*
 * The next token of [*pp, end): a run of bytes other than blank and tab.
 * Returns 1 with *tok and *len set and *pp past the token, or 0 when
 * only blanks are left (then *tok = *pp = end and *len = 0).
 */
int
proc_token(const char **pp, const char *end, const char **tok, size_t *len)
{
	const char *p = *pp;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	*tok = p;
	while (p < end && *p != ' ' && *p != '\t')
		p++;
	*len = (size_t)(p - *tok);
	*pp = p;
	return (*len > 0);
}

/*
 * An unsigned number in base 10 or 16 that is all of [t, t + len): no
 * sign, no prefix, no blank; -1 when it is empty, holds any other byte
 * or does not fit 64 bits.
 */
int
proc_ull(const char *t, size_t len, int base, unsigned long long *v)
{
	unsigned long long r = 0;
	unsigned int d;
	size_t i;

	if (len == 0 || (base != 10 && base != 16))
		return (-1);
	for (i = 0; i < len; i++) {
		if (t[i] >= '0' && t[i] <= '9')
			d = (unsigned int)(t[i] - '0');
		else if (base == 16 && t[i] >= 'a' && t[i] <= 'f')
			d = (unsigned int)(t[i] - 'a' + 10);
		else if (base == 16 && t[i] >= 'A' && t[i] <= 'F')
			d = (unsigned int)(t[i] - 'A' + 10);
		else
			return (-1);
		if (r > (ULLONG_MAX - d) / (unsigned int)base)
			return (-1);
		r = r * (unsigned int)base + d;
	}
	*v = r;
	return (0);
}

/*
 * Split [p, p + len) into at most max tokens.  Returns their count, or
 * max + 1 when more are left (the first max are set).
 */
int
proc_split(const char *p, size_t len, struct proc_tok *f, int max)
{
	const char *end = p + len, *t;
	size_t n;
	int i = 0;

	while (proc_token(&p, end, &t, &n)) {
		if (i == max)
			return (max + 1);
		f[i].s = t;
		f[i].n = n;
		i++;
	}
	return (i);
}

/*
 * A signed decimal number that is all of [t, t + len): an optional '-',
 * then digits; -1 when it does not fit a long long.
 */
int
proc_ll(const char *t, size_t len, long long *v)
{
	unsigned long long u;
	int neg = len > 0 && t[0] == '-';

	if (proc_ull(t + neg, len - (size_t)neg, 10, &u) < 0)
		return (-1);
	if (neg) {
		if (u > (unsigned long long)LLONG_MAX + 1)
			return (-1);
		*v = u == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN :
		    -(long long)u;
	} else {
		if (u > (unsigned long long)LLONG_MAX)
			return (-1);
		*v = (long long)u;
	}
	return (0);
}

/*
 * Bytes written as pairs of hex digits ("0a000001"; a colon may stand
 * between two pairs, as %pI6 and %pM print them) into at most max bytes
 * of out.  Returns the byte count, or -1 when [t, t + len) is anything
 * else or holds more than max bytes.
 */
int
proc_hexbytes(const char *t, size_t len, uint8_t *out, size_t max)
{
	unsigned long long b;
	size_t i = 0, o = 0;

	while (i < len) {
		if (o > 0 && t[i] == ':') {
			if (++i == len)
				return (-1);
		}
		if (i + 2 > len || o == max || proc_ull(t + i, 2, 16, &b) < 0)
			return (-1);
		out[o++] = (uint8_t)b;
		i += 2;
	}
	return (o > 0 ? (int)o : -1);
}

/*
 * Two hex numbers written "a:b", as tx_queue:rx_queue and tr:tm->when
 * in net/tcp: each all of its side, in at most 16 digits (the kernel
 * prints no wider).  Returns 0, or -1.
 */
int
proc_hexpair(const char *t, size_t len, unsigned long long *a,
    unsigned long long *b)
{
	const char *c = memchr(t, ':', len);
	size_t alen, blen;

	if (c == NULL)
		return (-1);
	alen = (size_t)(c - t);
	blen = len - alen - 1;
	if (alen > 16 || blen > 16 || proc_ull(t, alen, 16, a) < 0 ||
	    proc_ull(c + 1, blen, 16, b) < 0)
		return (-1);
	return (0);
}

/*
 * The next token of [*pp, end) as an unsigned number in base 10 or 16
 * (proc_ull) no larger than max; in hex at most 16 digits, as wide as
 * the kernel prints.  Returns 0, or -1.
 */
int
proc_next_ull(const char **pp, const char *end, int base,
    unsigned long long max, unsigned long long *v)
{
	const char *t;
	size_t n;

	if (!proc_token(pp, end, &t, &n) || (base == 16 && n > 16) ||
	    proc_ull(t, n, base, v) < 0 || *v > max)
		return (-1);
	return (0);
}
