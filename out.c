/*
 * Output: one call per field serves text, JSON and XML (--libxo json,
 * --libxo xml), after FreeBSD's libxo.  Text goes through a line buffer
 * that drops blanks at the end of each line.  Field formats hold one printf-style conversion;
 * they are interpreted here, without printf, because a socket table of a
 * hundred thousand rows spends most of its time formatting.
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "netstat.h"

#define	OUT_BUFSIZE	(64 * 1024)
#define	OUT_FLUSHAT	(OUT_BUFSIZE - 8192)
#define	OUT_MAXDEPTH	32
#define	OUT_FIELDMAX	4096	/* a sanitized field longer than this is cut */

int	out_style = OUT_TEXT;
int	out_utf8;	/* -1: the locale says, when first needed */
static int out_pretty;
static int out_stamp;		/* -w: the next instance carries its time */

static char	obuf[OUT_BUFSIZE];
static size_t	olen;		/* bytes in obuf */
static size_t	linestart;	/* offset in obuf of the current line */
static int	out_failed;	/* the errno of a failed write, or 0 */

enum frame { F_OBJECT, F_LIST };
static struct {
	enum frame	type;
	int		count;	/* members written so far */
	const char	*name;	/* XML: the element, or a list's members' */
	int		silent;	/* XML: no element (a list, the root) */
} stack[OUT_MAXDEPTH];
static int depth;
static int xlevel;		/* XML: open elements */
static int xempty;		/* XML: the last tag written opened one */

/*
 * "text", "json", "xml", "pretty" (comma-separated, any order), as
 * FreeBSD's --libxo.
 */
int
out_set_style(const char *spec)
{
	char *copy, *tok, *save;
	int style = OUT_TEXT, pretty = 0, rc = 0;

	if ((copy = strdup(spec)) == NULL)
		return (-1);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "text") == 0)
			style = OUT_TEXT;
		else if (strcmp(tok, "json") == 0)
			style = OUT_JSON;
		else if (strcmp(tok, "xml") == 0)
			style = OUT_XML;
		else if (strcmp(tok, "pretty") == 0)
			pretty = 1;
		else
			rc = -1;
	}
	free(copy);
	if (rc == 0) {
		out_style = style;
		out_pretty = pretty;
	}
	return (rc);
}

static void
out_write(const char *p, size_t n)
{
	ssize_t w;

	while (n > 0 && !out_failed) {
		w = write(STDOUT_FILENO, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			/* A closed pipe ends us quietly, as it would BSD's. */
			if (errno == EPIPE)
				_exit(exit_status);
			out_failed = errno;
			break;
		}
		p += w;
		n -= (size_t)w;
	}
}

/* Write out all complete lines, keeping the current one for trimming. */
static void
out_drain(int all)
{
	size_t keep = all ? olen : linestart;

	out_write(obuf, keep);
	memmove(obuf, obuf + keep, olen - keep);
	olen -= keep;
	linestart -= keep < linestart ? keep : linestart;
	if (all)
		linestart = 0;
}

/* Write what is complete; the errno of a failed write so far, or 0. */
int
out_flush(void)
{
	/* A partial text line stays, so that its blanks can still go. */
	out_drain(out_style != OUT_TEXT);
	return (out_failed);
}

static void
out_room(size_t n)
{
	if (olen + n <= sizeof(obuf))
		return;
	out_drain(0);
	if (olen + n > sizeof(obuf))
		out_drain(1);	/* a single huge line */
}

/* Append n bytes; newlines end lines, dropping the blanks before them. */
static void
put(const char *p, size_t n)
{
	const char *nl;
	size_t chunk;

	/* The common case: a piece of a line that fits. */
	if (olen + n <= sizeof(obuf) && (nl = memchr(p, '\n', n)) == NULL) {
		memcpy(obuf + olen, p, n);
		olen += n;
		return;
	}
	while (n > 0) {
		nl = memchr(p, '\n', n);
		chunk = nl != NULL ? (size_t)(nl - p) : n;
		while (chunk > 0) {
			size_t room;

			out_room(1);
			room = sizeof(obuf) - olen;
			if (room > chunk)
				room = chunk;
			memcpy(obuf + olen, p, room);
			olen += room;
			p += room;
			n -= room;
			chunk -= room;
		}
		if (nl != NULL) {
			while (olen > linestart && obuf[olen - 1] == ' ')
				olen--;
			out_room(1);
			obuf[olen++] = '\n';
			linestart = olen;
			p++;
			n--;
			if (olen >= OUT_FLUSHAT)
				out_drain(0);
		}
	}
}

/* Append bytes known to hold no newline (values, padding, plain literals). */
static void
put_raw(const char *p, size_t n)
{
	size_t k;

	if (olen + n <= sizeof(obuf)) {
		memcpy(obuf + olen, p, n);
		olen += n;
		return;
	}
	while (n > 0) {
		out_room(1);
		k = sizeof(obuf) - olen;
		if (k > n)
			k = n;
		memcpy(obuf + olen, p, k);
		olen += k;
		p += k;
		n -= k;
	}
}

static void
putc_rep(char c, size_t n)
{
	size_t k;

	while (n > 0) {
		out_room(1);
		k = sizeof(obuf) - olen;
		if (k > n)
			k = n;
		memset(obuf + olen, c, k);
		olen += k;
		n -= k;
	}
}

/*
 * The length of the well-formed UTF-8 sequence at s (2 to 4 bytes: no
 * overlong forms, surrogates or values past U+10FFFF) with its value in
 * *cp, or 0 when s does not start one.
 */
static size_t
u8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	size_t len, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return (0);
	if (n < len)
		return (0);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return (0);
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return (0);
	*cp = c;
	return (len);
}

/* The columns a character takes: -1 when it is not printable. */
static int
u8_width(uint32_t cp)
{
	return (wcwidth((wchar_t)cp));
}

/*
 * The first character of raw text s as the text output shows it: the
 * bytes it takes in s; esc gets its escape (*elen bytes), or *elen is 0
 * when it shows as it is; *cols is the columns it takes.  Printable
 * ASCII shows, backslash doubles, \n \t \r by name, printable UTF-8
 * shows in a UTF-8 locale, every other byte is \ooo.  A character of
 * no width (combining marks, but also direction and other format
 * controls that would reorder what follows) is escaped too.
 */
/*
 * Whether text may carry printable UTF-8: the locale is asked at the
 * first byte that is not ASCII, not before, as loading it costs more than
 * a listing of ten thousand sockets.
 */
static int
utf8_text(void)
{
	if (out_utf8 < 0)
		out_utf8 = setlocale(LC_CTYPE, "") != NULL &&
		    strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	return (out_utf8);
}

static size_t
shown_char(const unsigned char *s, size_t n, char *esc, size_t *elen,
    size_t *cols)
{
	uint32_t cp;
	size_t len;
	int w;

	*elen = 0;
	if (s[0] >= 0x20 && s[0] < 0x7f && s[0] != '\\') {
		*cols = 1;
		return (1);
	}
	if (s[0] >= 0x80 && utf8_text() && (len = u8_seq(s, n, &cp)) > 0 &&
	    (w = u8_width(cp)) > 0) {
		*cols = (size_t)w;
		return (len);
	}
	esc[0] = '\\';
	*elen = 2;
	switch (s[0]) {
	case '\\':
		esc[1] = '\\';
		break;
	case '\n':
		esc[1] = 'n';
		break;
	case '\t':
		esc[1] = 't';
		break;
	case '\r':
		esc[1] = 'r';
		break;
	default:
		esc[1] = (char)('0' + (s[0] >> 6));
		esc[2] = (char)('0' + ((s[0] >> 3) & 7));
		esc[3] = (char)('0' + (s[0] & 7));
		*elen = 4;
		break;
	}
	*cols = *elen;
	return (1);
}

/*
 * The escaped (vis-like) form of src into dst, as shown_char says.
 * Returns the length written; dst is always NUL-terminated, and a
 * character that does not fit is left out whole.
 */
size_t
sanitize(char *dst, size_t dstlen, const char *src, size_t srclen)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i, o = 0, len, elen, cols;
	char esc[4];

	if (dstlen == 0)
		return (0);
	for (i = 0; i < srclen; i += len) {
		len = shown_char(s + i, srclen - i, esc, &elen, &cols);
		if (o + (elen > 0 ? elen : len) >= dstlen)
			break;
		if (elen > 0) {
			memcpy(dst + o, esc, elen);
			o += elen;
		} else {
			memcpy(dst + o, src + i, len);
			o += len;
		}
	}
	dst[o] = '\0';
	return (o);
}

/*
 * How many bytes of raw text s show in at most cols columns once
 * escaped, never parting a character from its escape: for callers that
 * cut a name before it goes out.
 */
size_t
shown_cut(const char *src, size_t n, size_t cols)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i, len, elen, c, used = 0;
	char esc[4];

	for (i = 0; i < n; i += len) {
		if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '\\') {
			len = c = 1;	/* the common case */
		} else
			len = shown_char(s + i, n - i, esc, &elen, &c);
		if (used + c > cols)
			break;
		used += c;
	}
	return (i);
}

/*
 * Sanitized text: the bytes of its first character (an escape, a UTF-8
 * sequence or one byte) and its columns.
 */
static size_t
safe_char(const char *s, size_t n, size_t *cols)
{
	uint32_t cp;
	size_t len;
	int w;

	if (s[0] == '\\' && n >= 2) {
		len = s[1] >= '0' && s[1] <= '3' && n >= 4 ? 4 : 2;
		*cols = len;
		return (len);
	}
	if ((unsigned char)s[0] < 0x80 ||
	    (len = u8_seq((const unsigned char *)s, n, &cp)) == 0) {
		*cols = 1;
		return (1);
	}
	w = u8_width(cp);
	*cols = w > 0 ? (size_t)w : 0;
	return (len);
}

/* The bytes of sanitized s that fit in max columns; *cols those used. */
static size_t
safe_fit(const char *s, size_t n, size_t max, size_t *cols)
{
	size_t i, len, c, used = 0;

	for (i = 0; i < n; i += len) {
		len = safe_char(s + i, n - i, &c);
		if (used + c > max)
			break;
		used += c;
	}
	*cols = used;
	return (i);
}

/*
 * Whether s holds a byte that must be escaped: a control character, a
 * byte past '~', or a backslash.  Eight bytes at a time, as every field
 * of every row passes here: per byte lane, x - 0x20 borrows into the top
 * bit only below 0x20, x + 1 sets it from 0x7f on, and a backslash is a
 * zero lane of x ^ '\\'.
 */
#define	LANES(b)	(0x0101010101010101ULL * (b))

static int
needs_escape(const char *s, size_t n)
{
	uint64_t x, y;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&x, s + i, 8);
		y = x ^ LANES('\\');
		if ((((x - LANES(0x20)) & ~x) | ((x + LANES(1)) | x) |
		    ((y - LANES(1)) & ~y)) & LANES(0x80))
			return (1);
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f ||
		    s[i] == '\\')
			return (1);
	return (0);
}

/*
 * A parsed field format: literal prefix, one conversion, literal suffix.
 */
struct conv {
	const char	*pre;
	size_t		 prelen;
	const char	*post;
	size_t		 postlen;
	int		 plain;	/* pre and post hold no '%' and no newline */
	int		 left;	/* '-' */
	int		 zero;	/* '0' */
	int		 width;
	int		 prec;	/* -1: none */
	char		 type;	/* s u d x X */
};

/* Write literal text, turning "%%" into "%". */
static void
put_literal(const char *p, size_t n)
{
	const char *pc;

	while (n > 0 && (pc = memchr(p, '%', n)) != NULL) {
		put(p, (size_t)(pc - p) + 1);
		n -= (size_t)(pc - p) + 1;
		p = pc + 1;
		if (n > 0 && *p == '%') {
			p++;
			n--;
		}
	}
	put(p, n);
}

/*
 * Parse a field format: literal text, at most one conversion of flags
 * '-' and '0', a width, a precision, a length (l ll h j z t) and one of
 * s d i u x X; "%%" anywhere is a literal '%'.  -1 for anything else.
 */
static int
parse_conv(const char *fmt, struct conv *cv)
{
	const char *p = fmt, *q;

	memset(cv, 0, sizeof(*cv));
	cv->prec = -1;
	cv->pre = fmt;
	for (;;) {
		p = strchr(p, '%');
		if (p == NULL) {
			cv->prelen = strlen(fmt);
			cv->post = "";
			cv->type = 0;
			return (0);
		}
		if (p[1] != '%')
			break;
		p += 2;
	}
	cv->prelen = (size_t)(p - fmt);
	p++;
	for (;; p++) {
		if (*p == '-')
			cv->left = 1;
		else if (*p == '0')
			cv->zero = 1;
		else
			break;
	}
	while (*p >= '0' && *p <= '9')
		cv->width = cv->width * 10 + (*p++ - '0');
	if (*p == '.') {
		cv->prec = 0;
		p++;
		while (*p >= '0' && *p <= '9')
			cv->prec = cv->prec * 10 + (*p++ - '0');
	}
	while (*p == 'l' || *p == 'h' || *p == 'j' || *p == 'z' || *p == 't')
		p++;
	if (*p == '\0' || strchr("sdiuxX", *p) == NULL)
		return (-1);
	cv->type = *p == 'i' ? 'd' : *p;
	p++;
	cv->post = p;
	cv->postlen = strlen(p);
	/* One conversion: the rest is literal. */
	for (q = p; (q = strchr(q, '%')) != NULL; q += 2)
		if (q[1] != '%')
			return (-1);
	cv->plain = memchr(cv->pre, '%', cv->prelen) == NULL &&
	    memchr(cv->pre, '\n', cv->prelen) == NULL &&
	    strpbrk(cv->post, "%\n") == NULL;
	return (0);
}

/*
 * A format the program passes for a string (str) or a number: 0 when
 * the parser takes it and its conversion fits the value, else -1.  A
 * number may take %s (its decimal digits), so that one column format
 * serves a figure and the "-" shown when it is unknown.
 */
int
out_fmt_check(const char *fmt, int str)
{
	struct conv cv;

	if (parse_conv(fmt, &cv) < 0)
		return (-1);
	return (!str || cv.type == 's' || cv.type == 0 ? 0 : -1);
}

/*
 * Parsed formats, cached by address: the row formats of a large table
 * are a handful of literals used over and over.  An entry is used only
 * when the text at that address is still the same.
 */
#define	CONV_CACHE	64
#define	CONV_FMTMAX	24

static struct {
	const char	*fmt;
	char		 copy[CONV_FMTMAX];
	struct conv	 cv;
} conv_cache[CONV_CACHE];

static void
get_conv(const char *fmt, struct conv *cv)
{
	/* Fibonacci hashing: neighbouring literals land apart. */
	size_t h = (size_t)(((uint64_t)(uintptr_t)fmt *
	    0x9e3779b97f4a7c15ULL) >> 58) % CONV_CACHE, len, i;
	const char *c = conv_cache[h].copy;

	if (conv_cache[h].fmt == fmt) {
		for (i = 0; c[i] == fmt[i] && c[i] != '\0'; i++)
			;
		if (c[i] == fmt[i]) {
			*cv = conv_cache[h].cv;
			return;
		}
	}
	/* A format of ours that we cannot honour is a bug: say which. */
	if (parse_conv(fmt, cv) < 0)
		ns_errx("internal error: bad output format \"%s\"", fmt);
	if ((len = strlen(fmt)) < CONV_FMTMAX) {
		conv_cache[h].fmt = fmt;
		memcpy(conv_cache[h].copy, fmt, len + 1);
		conv_cache[h].cv = *cv;
	}
}

/*
 * Lay out s (n bytes, cols columns) by the conversion's width, precision
 * and flags.  A string is cut by columns, never inside an escape or a
 * UTF-8 sequence.
 */
static void
put_padded(const struct conv *cv, const char *s, size_t n, size_t cols,
    int numeric)
{
	size_t w = (size_t)cv->width;

	if (cv->prec >= 0 && !numeric && cols > (size_t)cv->prec) {
		if (cols == n && memchr(s, '\\', n) == NULL)
			n = cols = (size_t)cv->prec;	/* plain ASCII */
		else
			n = safe_fit(s, n, (size_t)cv->prec, &cols);
	}
	if (cv->plain)
		put_raw(cv->pre, cv->prelen);
	else
		put_literal(cv->pre, cv->prelen);
	/* As printf: zeros go after the sign, and not with a precision. */
	if (n < w && !cv->left && cv->zero && numeric && cv->prec < 0) {
		if (s[0] == '-') {
			put_raw(s, 1);
			s++;
			n--;
			w--;
		}
		putc_rep('0', w - n);
	} else if (cols < w && !cv->left)
		putc_rep(' ', w - cols);
	put_raw(s, n);	/* sanitized: no newline */
	if (cols < w && cv->left)
		putc_rep(' ', w - cols);
	if (cv->plain)
		put_raw(cv->post, cv->postlen);
	else
		put_literal(cv->post, cv->postlen);
}

static size_t
fmt_unsigned(char *end, unsigned long long v, int base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = end;

	if (base == 10) {
		/* Division by a constant is a multiplication. */
		do {
			*--p = (char)('0' + v % 10);
			v /= 10;
		} while (v != 0);
		return ((size_t)(end - p));
	}
	do {
		*--p = digits[v % (unsigned)base];
		v /= (unsigned)base;
	} while (v != 0);
	return ((size_t)(end - p));
}

/*
 * JSON strings carry the real text: UTF-8 as it is, JSON's own escapes
 * for quote, backslash and control characters (C1 included), and
 * U+FFFD for each byte that is not part of well-formed UTF-8.
 */
static void
json_string(const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start, len;
	uint32_t cp;
	char esc[6];

	put("\"", 1);
	while (i < n) {
		for (start = i; i < n && u[i] >= 0x20 && u[i] < 0x7f &&
		    u[i] != '"' && u[i] != '\\'; i++)
			;
		put_raw(s + start, i - start);
		if (i >= n)
			break;
		if (u[i] == '"' || u[i] == '\\') {
			esc[0] = '\\';
			esc[1] = (char)u[i++];
			put_raw(esc, 2);
			continue;
		}
		if (u[i] >= 0x80 && (len = u8_seq(u + i, n - i, &cp)) > 0) {
			if (cp >= 0xa0) {
				put_raw(s + i, len);
				i += len;
				continue;
			}
		} else if (u[i] >= 0x80) {
			put_raw("\xef\xbf\xbd", 3);
			i++;
			continue;
		} else {
			cp = u[i];
			len = 1;
		}
		memcpy(esc, "\\u00", 4);
		esc[4] = hex[cp >> 4];
		esc[5] = hex[cp & 15];
		put_raw(esc, 6);
		i += len;
	}
	put("\"", 1);
}

/*
 * XML text: the markup characters as entities; tab, newline, return and
 * C1 controls as character references; the control characters XML 1.0
 * cannot hold at all, and each byte that is not part of well-formed
 * UTF-8, as U+FFFD.
 */
static void
xml_string(const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start, len;
	uint32_t cp;
	char ref[6];

	while (i < n) {
		for (start = i; i < n && u[i] >= 0x20 && u[i] < 0x7f &&
		    u[i] != '&' && u[i] != '<' && u[i] != '>'; i++)
			;
		put_raw(s + start, i - start);
		if (i >= n)
			break;
		if (u[i] == '&' || u[i] == '<' || u[i] == '>') {
			put_raw(u[i] == '&' ? "&amp;" : u[i] == '<' ? "&lt;" :
			    "&gt;", u[i] == '&' ? 5 : 4);
			i++;
			continue;
		}
		len = 1;
		if (u[i] >= 0x80 && (len = u8_seq(u + i, n - i, &cp)) > 0 &&
		    cp >= 0xa0 && cp != 0xfffe && cp != 0xffff) {
			put_raw(s + i, len);
			i += len;
			continue;
		}
		if (len == 0 || (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' &&
		    u[i] != '\r') || (len > 1 && cp >= 0xa0)) {
			put_raw("\xef\xbf\xbd", 3);
			i += len > 0 ? len : 1;
			continue;
		}
		if (u[i] < 0x80)
			cp = u[i];
		memcpy(ref, "&#x", 3);
		ref[3] = hex[cp >> 4];
		ref[4] = hex[cp & 15];
		ref[5] = ';';
		put_raw(ref, 6);
		i += len;
	}
}

/*
 * JSON.
 */
static void
json_indent(void)
{
	static int started;

	/* The document itself starts at the start of the output. */
	if (out_pretty) {
		if (started)
			put("\n", 1);
		started = 1;
		putc_rep(' ', (size_t)depth * 2);
	}
}

static void
json_member(const char *key)
{
	if (depth > 0 && stack[depth - 1].count++ > 0)
		put(",", 1);
	json_indent();
	if (key != NULL && depth > 0 && stack[depth - 1].type == F_OBJECT) {
		put("\"", 1);
		put(key, strlen(key));
		put(out_pretty ? "\": " : "\":", out_pretty ? 3 : 2);
	}
}

/*
 * XML, as libxo writes it: a key is an element; a list is no element
 * of its own, its members repeat its name.
 */
static void
xml_indent(void)
{
	static int started;

	if (out_pretty) {
		if (started)
			put("\n", 1);
		started = 1;
		putc_rep(' ', (size_t)xlevel * 2);
	}
}

static const char *
xml_name(const char *key)
{
	if (depth > 0 && stack[depth - 1].type == F_LIST)
		return (stack[depth - 1].name);
	return (key);
}

static void
xml_tag(const char *name, int end)
{
	put(end ? "</" : "<", end ? 2 : 1);
	put(name, strlen(name));
	put(">", 1);
}

/* The start of a member: 0 when it is not written (no key). */
static int
member_begin(const char *key)
{
	if (key == NULL)
		return (0);
	if (out_style == OUT_JSON) {
		json_member(key);
		return (1);
	}
	xml_indent();
	xml_tag(xml_name(key), 0);
	return (1);
}

static void
member_end(const char *key)
{
	if (out_style == OUT_XML) {
		xml_tag(xml_name(key), 1);
		xempty = 0;
	}
}

static void
frame_open(const char *key, enum frame type)
{
	const char *name = NULL;

	if (depth >= OUT_MAXDEPTH)
		abort();
	if (out_style == OUT_JSON) {
		json_member(key);
		put(type == F_OBJECT ? "{" : "[", 1);
	} else if (type == F_LIST)
		name = key;
	else if ((name = xml_name(key)) != NULL) {
		xml_indent();
		xml_tag(name, 0);
		xlevel++;
		xempty = 1;
	}
	stack[depth].type = type;
	stack[depth].count = 0;
	stack[depth].name = name;
	stack[depth].silent = type == F_LIST || name == NULL;
	depth++;
}

static void
frame_close(void)
{
	if (depth == 0)
		return;
	depth--;
	if (out_style == OUT_JSON) {
		if (stack[depth].count > 0)
			json_indent();
		put(stack[depth].type == F_OBJECT ? "}" : "]", 1);
		return;
	}
	if (stack[depth].silent)
		return;
	xlevel--;
	if (!xempty)
		xml_indent();
	xml_tag(stack[depth].name, 1);
	xempty = 0;
}

/* -w: the next interval's instance says when it was taken. */
void
out_tick(void)
{
	if (out_style != OUT_TEXT)
		out_stamp = 1;
}

/* The time, ISO 8601 in UTC to the second: "2026-11-30T04:05:06Z". */
static void
put_stamp(void)
{
	struct timespec ts;
	struct tm tm;
	char buf[32];

	out_stamp = 0;
	(void)clock_gettime(CLOCK_REALTIME, &ts);
	if (gmtime_r(&ts.tv_sec, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return;
	out_str("time", NULL, buf);
}

void
out_init(void)
{
	if (out_style != OUT_TEXT) {
		frame_open(NULL, F_OBJECT);
		frame_open("statistics", F_OBJECT);
	}
}

/* Close what is open, write everything out; nonzero on a write error. */
int
out_finish(void)
{
	if (out_style != OUT_TEXT) {
		while (depth > 0)
			frame_close();
		put("\n", 1);
	}
	out_drain(1);
	return (out_failed);
}

void
out_open_container(const char *name)
{
	if (out_style != OUT_TEXT)
		frame_open(name, F_OBJECT);
}

void
out_close_container(void)
{
	if (out_style != OUT_TEXT)
		frame_close();
}

void
out_open_list(const char *name)
{
	if (out_style != OUT_TEXT)
		frame_open(name, F_LIST);
}

void
out_close_list(void)
{
	if (out_style != OUT_TEXT)
		frame_close();
}

void
out_open_instance(void)
{
	if (out_style == OUT_TEXT)
		return;
	frame_open(NULL, F_OBJECT);
	if (out_stamp)
		put_stamp();
}

void
out_close_instance(void)
{
	if (out_style != OUT_TEXT)
		frame_close();
}

/* Text only: headings and other words of our own. */
void
out_text(const char *fmt, ...)
{
	char buf[1024], *big = NULL;
	va_list ap;
	int n;

	if (out_style != OUT_TEXT)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf)) {
		if ((big = malloc((size_t)n + 1)) == NULL)
			return;
		va_start(ap, fmt);
		(void)vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	put(big != NULL ? big : buf, (size_t)n);
	free(big);
}

void
out_strn(const char *key, const char *fmt, const char *s, size_t n)
{
	char tmp[OUT_FIELDMAX];
	struct conv cv;
	size_t cols;

	if (s == NULL)
		s = "";
	if (out_style != OUT_TEXT) {
		if (member_begin(key)) {
			if (out_style == OUT_JSON)
				json_string(s, n);
			else
				xml_string(s, n);
			member_end(key);
		}
		return;
	}
	if (fmt == NULL)
		return;
	cols = n;
	if (needs_escape(s, n)) {
		n = sanitize(tmp, sizeof(tmp), s, n);
		s = tmp;
		(void)safe_fit(s, n, n, &cols);
	}
	get_conv(fmt, &cv);
	if (cv.type == 0) {
		put_literal(cv.pre, cv.prelen);
		return;
	}
	put_padded(&cv, s, n, cols, 0);
}

void
out_str(const char *key, const char *fmt, const char *s)
{
	out_strn(key, fmt, s, s != NULL ? strlen(s) : 0);
}

static void
out_number(const char *key, const char *fmt, unsigned long long mag, int neg)
{
	char num[32], *end = num + sizeof(num);
	struct conv cv;
	size_t n;

	if (out_style != OUT_TEXT) {
		if (!member_begin(key))
			return;
		n = fmt_unsigned(end, mag, 10, 0);
		if (neg)
			put("-", 1);
		put(end - n, n);
		member_end(key);
		return;
	}
	if (fmt == NULL)
		return;
	get_conv(fmt, &cv);
	if (cv.type == 0) {
		put_literal(cv.pre, cv.prelen);
		return;
	}
	if (cv.type == 'x' || cv.type == 'X')
		n = fmt_unsigned(end, mag, 16, cv.type == 'X');
	else
		n = fmt_unsigned(end, mag, 10, 0);
	if (cv.prec > 0)
		while (n < (size_t)cv.prec && n < sizeof(num) - 1)
			end[-(ptrdiff_t)++n] = '0';
	if (neg)
		end[-(ptrdiff_t)++n] = '-';
	put_padded(&cv, end - n, n, n, 1);
}

void
out_uint(const char *key, const char *fmt, unsigned long long v)
{
	out_number(key, fmt, v, 0);
}

void
out_int(const char *key, const char *fmt, long long v)
{
	if (v < 0)
		out_number(key, fmt, 0ULL - (unsigned long long)v, 1);
	else
		out_number(key, fmt, (unsigned long long)v, 0);
}

/* JSON and XML only: a flag as true or false. */
void
out_bool(const char *key, int v)
{
	if (out_style == OUT_TEXT || !member_begin(key))
		return;
	put(v ? "true" : "false", v ? 4 : 5);
	member_end(key);
}
