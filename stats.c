/*
 * Protocol statistics machinery shared by inet.c and inet6.c: the parsers
 * of net/snmp and net/netstat ("Sect: Name ..." / "Sect: 1 ..." line
 * pairs) and of net/snmp6 ("Name value" lines), counter snapshots and
 * deltas for -s -w, and the printer of the phrase tables.
 *
 * Nothing is dropped: a block prints its phrases first, then every other
 * counter of its sections under its kernel name, so a counter a newer
 * kernel adds still shows.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "netstat.h"

#define	STAT_MAXNAME	127	/* a longer counter name is malformed */

/*
 * The snapshot the blocks print from, and for -s -w the one before: the
 * protocol rows' pr_stats print from here, as changes once there is a
 * snapshot before (only -s -w takes one).
 */
static struct stat_snap cur, prev;
static int warned;		/* STF_* files already reported missing */

/* Sections the protocol blocks own; any other gets a block of its own. */
static const char *const owned_sects[] = {
	"Ip", "IpExt", "Icmp", "IcmpMsg", "Tcp", "TcpExt", "Udp", "UdpLite",
	"Ip6", "Icmp6", "Udp6", "UdpLite6", "MPTcpExt", NULL
};

/*
 * Parsing.  Every function here works on a buffer and its length only.
 */
static int
valid_name(const char *p, size_t n)
{
	size_t i;

	if (n == 0 || n > STAT_MAXNAME)
		return (0);
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)p[i]) && p[i] != '_')
			return (0);
	return (1);
}

/*
 * A decimal counter, maybe negative (Tcp MaxConn is -1): a magnitude up
 * to 2^64-1, or down to -2^63 (what a signed kernel value can hold).
 */
static int
parse_num(const char *p, size_t n, uint64_t *v, int *neg)
{
	unsigned long long x;

	*neg = n > 0 && p[0] == '-';
	if (proc_ull(p + *neg, n - (size_t)*neg, 10, &x) < 0 ||
	    (*neg && x > (unsigned long long)LLONG_MAX + 1))
		return (-1);
	*v = x;
	return (0);
}

/* -v for a magnitude parse_num took: -2^63 has no positive twin. */
static long long
negated(uint64_t v)
{
	return (v == 0 ? 0 : -(long long)(v - 1) - 1);
}

static struct stat_ctr *
snap_find(const struct stat_snap *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->ss_n; i++)
		if (strcmp(s->ss_c[i].sc_name, name) == 0)
			return (&s->ss_c[i]);
	return (NULL);
}

/* Add a counter; -1 when the name is already there (a broken file). */
static int
snap_add(struct stat_snap *s, const char *sect, size_t sectlen,
    const char *name, size_t namelen, uint64_t v, int neg)
{
	struct stat_ctr *c, *nc;
	char *full, *sc;

	if ((full = malloc(sectlen + namelen + 1)) == NULL)
		return (-1);
	memcpy(full, sect, sectlen);
	memcpy(full + sectlen, name, namelen);
	full[sectlen + namelen] = '\0';
	if (snap_find(s, full) != NULL || (sc = strndup(sect, sectlen)) ==
	    NULL) {
		free(full);
		return (-1);
	}
	if (s->ss_n == s->ss_cap) {
		size_t ncap = s->ss_cap ? s->ss_cap * 2 : 256;

		if ((nc = realloc(s->ss_c, ncap * sizeof(*nc))) == NULL) {
			free(full);
			free(sc);
			return (-1);
		}
		s->ss_c = nc;
		s->ss_cap = ncap;
	}
	c = &s->ss_c[s->ss_n++];
	c->sc_name = full;
	c->sc_sect = sc;
	c->sc_val = v;
	c->sc_neg = neg;
	c->sc_used = 0;
	return (0);
}

void
stats_snap_free(struct stat_snap *s)
{
	size_t i;

	for (i = 0; i < s->ss_n; i++) {
		free(s->ss_c[i].sc_name);
		free(s->ss_c[i].sc_sect);
	}
	free(s->ss_c);
	memset(s, 0, sizeof(*s));
}

/* "Sect:" at the start of a line: the section's length, or 0. */
static size_t
sect_len(const char *line, size_t len)
{
	const char *colon = memchr(line, ':', len);

	if (colon == NULL || !valid_name(line, (size_t)(colon - line)))
		return (0);
	return ((size_t)(colon - line));
}

/* Both lines of a pair hold the same number of valid fields. */
static int
pair_valid(const char *h, const char *hend, const char *v, const char *vend)
{
	const char *ht, *vt;
	size_t hl, vl;
	uint64_t x;
	int neg, hn, vn;

	for (;;) {
		hn = proc_token(&h, hend, &ht, &hl);
		vn = proc_token(&v, vend, &vt, &vl);
		if (hn != vn)
			return (0);
		if (hn == 0)
			return (1);
		if (!valid_name(ht, hl) || parse_num(vt, vl, &x, &neg) < 0)
			return (0);
	}
}

/*
 * proc_lines() callback for net/snmp and net/netstat: a line of names,
 * then a line of values for the same section.  A pair whose counts or
 * fields do not match is skipped and counted (-1).
 */
int
stats_pair_line(const char *line, size_t len, void *arg)
{
	struct pair_state *st = arg;
	const char *h, *hend, *v, *vend, *ht, *vt;
	size_t sl, hl, vl;
	uint64_t x;
	int neg, bad = 0;

	if ((sl = sect_len(line, len)) == 0) {
		free(st->hdr);
		st->hdr = NULL;
		return (len == 0 ? 0 : -1);
	}
	if (st->hdr == NULL || sect_len(st->hdr, st->hdrlen) != sl ||
	    memcmp(st->hdr, line, sl) != 0) {
		/* A new header; an older one left without values is bad. */
		bad = st->hdr != NULL;
		free(st->hdr);
		if ((st->hdr = malloc(len + 1)) == NULL)
			return (-1);
		memcpy(st->hdr, line, len);
		st->hdr[len] = '\0';
		st->hdrlen = len;
		return (bad ? -1 : 0);
	}
	h = st->hdr + sl + 1;
	hend = st->hdr + st->hdrlen;
	v = line + sl + 1;
	vend = line + len;
	if (!pair_valid(h, hend, v, vend))
		bad = 1;
	else
		while (proc_token(&h, hend, &ht, &hl) &&
		    proc_token(&v, vend, &vt, &vl)) {
			if (parse_num(vt, vl, &x, &neg) < 0 ||
			    snap_add(st->snap, line, sl, ht, hl, x, neg) < 0)
				bad = 1;
		}
	free(st->hdr);
	st->hdr = NULL;
	return (bad ? -1 : 0);
}

/* The section of an snmp6 name: its protocol prefix ("Icmp6"). */
static size_t
snmp6_sect(const char *name, size_t len)
{
	static const char *const known[] = {
		"UdpLite6", "Icmp6", "Udp6", "Ip6", "ifIndex", NULL
	};
	size_t i, n;

	for (i = 0; known[i] != NULL; i++) {
		n = strlen(known[i]);
		if (len >= n && memcmp(name, known[i], n) == 0)
			return (n);
	}
	/* An unknown protocol: its first word and any digits after it. */
	for (n = 1; n < len && (islower((unsigned char)name[n]) ||
	    isdigit((unsigned char)name[n])); n++)
		;
	return (n);
}

/* proc_lines() callback for net/snmp6 and net/dev_snmp6/IF. */
int
stats_snmp6_line(const char *line, size_t len, void *arg)
{
	struct stat_snap *s = arg;
	const char *p = line, *end = line + len, *name, *val, *extra;
	size_t nl, vl, el, sl;
	uint64_t x;
	int neg;

	if (!proc_token(&p, end, &name, &nl))
		return (0);	/* a blank line */
	if (!proc_token(&p, end, &val, &vl) ||
	    proc_token(&p, end, &extra, &el) || !valid_name(name, nl) ||
	    parse_num(val, vl, &x, &neg) < 0)
		return (-1);
	sl = snmp6_sect(name, nl);
	return (snap_add(s, name, sl, name + sl, nl - sl, x, neg));
}

/*
 * Reading.  A file missing is reported once, then skipped quietly (-w).
 */
int
stats_snap_read(struct stat_snap *s, const char *rel, int file)
{
	struct pair_state st;
	char path[4096];
	int flags = ((warned & file) || (file & STF_QUIET)) ? PROC_QUIET : 0;
	int rc;

	file &= ~STF_QUIET;
	s->ss_loaded |= file;
	if (file == STF_SNMP6 || file == STF_DEV)
		rc = proc_lines(rel, 0, flags, stats_snmp6_line, s);
	else {
		memset(&st, 0, sizeof(st));
		st.snap = s;
		rc = proc_lines(rel, 0, flags, stats_pair_line, &st);
		if (st.hdr != NULL) {
			if (proc_path(path, sizeof(path), rel) < 0)
				(void)snprintf(path, sizeof(path), "%s", rel);
			ns_notice("%s: a line of names without values skipped",
			    path);
			free(st.hdr);
		}
	}
	if (rc < 0) {
		warned |= file;
		return (-1);
	}
	s->ss_ok |= file;
	return (0);
}

/*
 * One counter of a snapshot by its full kernel name ("IpExtInNoRoutes",
 * "Ip6OutNoRoutes").  0 with *v, or -1 when it is absent or negative.
 */
int
stats_get(const struct stat_snap *s, const char *name, unsigned long long *v)
{
	const struct stat_ctr *c;

	if ((c = snap_find(s, name)) == NULL || c->sc_neg)
		return (-1);
	*v = c->sc_val;
	return (0);
}

static void
load(struct stat_snap *s, int files)
{
	if ((files & STF_SNMP) && !(s->ss_loaded & STF_SNMP))
		(void)stats_snap_read(s, "net/snmp", STF_SNMP);
	if ((files & STF_NETSTAT) && !(s->ss_loaded & STF_NETSTAT))
		(void)stats_snap_read(s, "net/netstat", STF_NETSTAT);
	if ((files & STF_SNMP6) && !(s->ss_loaded & STF_SNMP6))
		(void)stats_snap_read(s, "net/snmp6", STF_SNMP6);
}

void
ifsnaps_free(struct ifsnaps *l)
{
	size_t i;

	for (i = 0; i < l->il_n; i++) {
		free(l->il_v[i].is_name);
		stats_snap_free(&l->il_v[i].is_snap);
	}
	free(l->il_v);
	l->il_v = NULL;
	l->il_n = 0;
}

/*
 * Printing.
 */

/*
 * The JSON key of a counter FreeBSD does not keep: its kernel name in
 * lower case, words joined by '-' ("TcpExtTCPSackRecovery" becomes
 * "tcp-ext-tcp-sack-recovery").  A word starts at an upper-case letter
 * after a lower-case letter or digit, or at the last capital of a run
 * followed by a lower-case letter that does not end the acronym (a
 * plural "s", a version "v2"); a leading "TCP" is a word of its own
 * ("TCPSYNChallenge" becomes "tcp-syn-challenge").
 */
/*
 * What an acronym keeps: a plural "s" ending the name or a word ("RTOs"),
 * a version ("MLDv2").
 */
static int
acronym_tail(const char *p)
{
	return ((p[0] == 's' && (p[1] == '\0' ||
	    isupper((unsigned char)p[1]))) ||
	    (p[0] == 'v' && isdigit((unsigned char)p[1])));
}

char *
stats_key(char *buf, size_t len, const char *name)
{
	size_t i, o = 0;
	unsigned char c, pc, nc;

	if (len == 0)
		return (buf);
	for (i = 0; name[i] != '\0' && o + 2 < len; i++) {
		c = (unsigned char)name[i];
		pc = i > 0 ? (unsigned char)name[i - 1] : 0;
		nc = (unsigned char)name[i + 1];
		if (i > 0 && isupper(c) && (islower(pc) || isdigit(pc) ||
		    (isupper(pc) && islower(nc) &&
		    !acronym_tail(name + i + 1)) ||
		    (i == 3 && strncmp(name, "TCP", 3) == 0)))
			buf[o++] = '-';
		if (c == '_')
			c = '-';
		buf[o++] = isalnum(c) || c == '-' ? (char)tolower(c) : '-';
	}
	buf[o] = '\0';
	return (buf);
}

/* The figure to print: the value, or for -w the change of a counter. */
static uint64_t
shown(const struct stat_ctr *c, const struct stat_snap *old, int gauge,
    int *neg)
{
	const struct stat_ctr *o;
	uint64_t was = 0;

	*neg = 0;
	if (old == NULL || gauge) {
		*neg = c->sc_neg;
		return (c->sc_val);
	}
	if (c->sc_neg)
		return (0);
	if ((o = snap_find(old, c->sc_name)) != NULL && !o->sc_neg)
		was = o->sc_val;
	/* A counter that went backwards (a reset) shows 0. */
	return (c->sc_val >= was ? c->sc_val - was : 0);
}

/* sp_text with its "%s" turned into the plural ending for v. */
static void
expand(char *buf, size_t len, const char *text, int flags, uint64_t v)
{
	const char *suffix, *p;
	size_t o = 0, n;

	if (flags & SP_IES)
		suffix = v == 1 ? "y" : "ies";
	else if (flags & SP_ES)
		suffix = v == 1 ? "" : "es";
	else
		suffix = v == 1 ? "" : "s";
	for (p = text; *p != '\0' && o + 1 < len; p++) {
		if (p[0] == '%' && p[1] == 's') {
			n = strlen(suffix);
			if (o + n + 1 >= len)
				break;
			memcpy(buf + o, suffix, n);
			o += n;
			p++;
			continue;
		}
		buf[o++] = *p;
	}
	buf[o] = '\0';
	if (o + 1 < len) {
		buf[o++] = '\n';
		buf[o] = '\0';
	}
}

/* The index of sect among b's sections by name, -1 if only by "*". */
static int
sect_index(const struct stat_block *b, const char *sect)
{
	int i;

	for (i = 0; b->sb_sects[i] != NULL; i++)
		if (strcmp(b->sb_sects[i], sect) == 0)
			return (i);
	return (-1);
}

/* The counter's name after its section, or NULL. */
static const char *
short_name(const struct stat_ctr *c)
{
	size_t n = strlen(c->sc_sect);

	if (strncmp(c->sc_name, c->sc_sect, n) != 0 || c->sc_name[n] == '\0')
		return (NULL);
	return (c->sc_name + n);
}

/*
 * The key of a counter no FreeBSD key names: its kernel name after its
 * section, so the same counter has one key in every block ("Udp6NoPorts"
 * and "UdpNoPorts" are both "no-ports").  The whole name when the block
 * takes the section only through "*" (udp6 counters in "ip6 on IF"), or
 * when an earlier section of the block has a counter of that name (Tcp
 * and TcpExt both with "X": "x" and "tcp-ext-x").
 */
static const char *
ctr_key(char *buf, size_t len, const struct stat_block *b,
    const struct stat_snap *s, const struct stat_ctr *c)
{
	const char *name, *other;
	size_t i;
	int si, oi;

	if ((si = sect_index(b, c->sc_sect)) < 0 ||
	    (name = short_name(c)) == NULL)
		return (stats_key(buf, len, c->sc_name));
	for (i = 0; i < s->ss_n; i++) {
		oi = sect_index(b, s->ss_c[i].sc_sect);
		if (oi < 0 || oi >= si ||
		    (other = short_name(&s->ss_c[i])) == NULL)
			continue;
		if (strcmp(other, name) == 0)
			return (stats_key(buf, len, c->sc_name));
	}
	return (stats_key(buf, len, name));
}

/* The name of value v in names, NULL when it has none. */
static const char *
enum_name(const char *const *names, uint64_t v)
{
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (i == v)
			return (names[i][0] != '\0' ? names[i] : NULL);
	return (NULL);
}

/*
 * A setting: the text says its name, JSON a boolean or a name where the
 * kernel's value has one, else the number.
 */
static void
put_setting(const struct stat_phrase *ph, const char *key, uint64_t v)
{
	char num[32];
	const char *name;

	if ((ph->sp_flags & SP_BOOL) && (v == 1 || v == 2))
		out_bool(key, v == 1);
	else if (ph->sp_jenum != NULL &&
	    (name = enum_name(ph->sp_jenum, v)) != NULL)
		out_str(key, NULL, name);
	else
		out_uint(key, NULL, v);
	(void)snprintf(num, sizeof(num), "%ju", (uintmax_t)v);
	name = enum_name(ph->sp_enum, v);
	out_text(ph->sp_text, name != NULL ? name : num);
	out_text("\n");
}

static void
put_phrase(const struct stat_block *b, const struct stat_snap *s,
    const struct stat_phrase *ph, const struct stat_ctr *c, uint64_t v,
    int neg)
{
	char keybuf[160], fmt[512];
	const char *key;

	if (sflag > 1 && v == 0)
		return;
	key = ph->sp_key != NULL ? ph->sp_key :
	    ctr_key(keybuf, sizeof(keybuf), b, s, c);
	if (neg && ph->sp_neg != NULL) {
		(void)snprintf(fmt, sizeof(fmt), "%s\n", ph->sp_neg);
		out_int(key, fmt, negated(v));
		return;
	}
	if (ph->sp_enum != NULL && !neg) {
		put_setting(ph, key, v);
		return;
	}
	expand(fmt, sizeof(fmt), ph->sp_enum != NULL ? "\t%ju" : ph->sp_text,
	    ph->sp_flags, v);
	if (neg)
		out_int(key, fmt, negated(v));
	else
		out_uint(key, fmt, v);
}

/* "Udp" + "NoPorts" into buf. */
static const char *
full_name(char *buf, size_t len, const char *prefix, const char *name)
{
	(void)snprintf(buf, len, "%s%s", prefix != NULL ? prefix : "", name);
	return (buf);
}

/* A histogram counter: prefix then a type number 0-255, else -1. */
static int
hist_type(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);
	const char *p;
	int t = 0;

	if (strncmp(name, prefix, n) != 0 || name[n] == '\0')
		return (-1);
	if (name[n] == '0' && name[n + 1] != '\0')
		return (-1);
	for (p = name + n; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p))
			return (-1);
		t = t * 10 + (*p - '0');
		if (t > 255)
			return (-1);
	}
	return (t);
}

static void
put_hist(const struct stat_block *b, struct stat_snap *s,
    const struct stat_snap *old, int input)
{
	struct stat_ctr *slot[256];
	char prefix[64];
	uint64_t v;
	size_t i;
	int t, neg, first = 1;

	(void)snprintf(prefix, sizeof(prefix), "%s%sType", b->sb_hist,
	    input ? "In" : "Out");
	memset(slot, 0, sizeof(slot));
	for (i = 0; i < s->ss_n; i++)
		if (!s->ss_c[i].sc_used &&
		    (t = hist_type(s->ss_c[i].sc_name, prefix)) >= 0)
			slot[t] = &s->ss_c[i];
	for (t = 0; t < 256; t++) {
		if (slot[t] == NULL)
			continue;
		slot[t]->sc_used = 1;
		v = shown(slot[t], old, 0, &neg);
		if (sflag > 1 && v == 0)
			continue;
		if (first) {
			out_text("\t%s histogram:\n",
			    input ? "Input" : "Output");
			out_open_list(input ? "input-histogram" :
			    "output-histogram");
			first = 0;
		}
		out_open_instance();
		out_str("name", "\t\t%s", b->sb_histname((unsigned int)t));
		if (neg)
			out_int("count", ": %jd\n", negated(v));
		else
			out_uint("count", ": %ju\n", v);
		out_close_instance();
	}
	if (!first)
		out_close_list();
}

/* Does sects take counters of section sect?  "*": all but "!X" ones. */
static int
sect_match(const char *const *sects, const char *sect)
{
	size_t i;

	for (i = 0; sects[i] != NULL; i++)
		if (sects[i][0] == '!' && strcmp(sects[i] + 1, sect) == 0)
			return (0);
	for (i = 0; sects[i] != NULL; i++)
		if (strcmp(sects[i], "*") == 0 || strcmp(sects[i], sect) == 0)
			return (1);
	return (0);
}

/* A counter no phrase names: its kernel name says what it is. */
static void
put_unknown(const struct stat_block *b, const struct stat_snap *s,
    const struct stat_ctr *c, const struct stat_snap *old)
{
	char key[160];
	size_t n = strlen(c->sc_name);
	uint64_t v;
	int neg, gauge;

	gauge = n >= 9 && strcmp(c->sc_name + n - 9, "CurrEstab") == 0;
	v = shown(c, old, gauge, &neg);
	if (sflag > 1 && v == 0)
		return;
	ctr_key(key, sizeof(key), b, s, c);
	if (neg)
		out_int(key, "\t%jd ", negated(v));
	else
		out_uint(key, "\t%ju ", v);
	out_str(NULL, "%s\n", c->sc_name);
}

/*
 * Print block b from snapshot s (changes since old when old is not
 * NULL).  ifname: a per-interface block, "ip6 on eth0:", printed as an
 * instance of the list the caller opened.
 */
void
stats_show_snap(const struct stat_block *b, struct stat_snap *s,
    const struct stat_snap *old, const char *ifname)
{
	const struct stat_phrase *ph;
	struct stat_ctr *c;
	char name[256];
	uint64_t v;
	size_t i;
	int neg;

	if ((s->ss_ok & b->sb_files) == 0)
		return;
	if (ifname != NULL) {
		out_open_instance();
		out_str(NULL, "%s", b->sb_name);
		out_str("interface-name", " on %s:\n", ifname);
	} else {
		out_open_container(b->sb_name);
		out_str(NULL, "%s:\n", b->sb_name);
	}
	for (i = 0; i < b->sb_ntab; i++) {
		ph = &b->sb_tab[i];
		if (ph->sp_flags & (SP_INHIST | SP_OUTHIST)) {
			put_hist(b, s, old, ph->sp_flags & SP_INHIST);
			continue;
		}
		c = snap_find(s, full_name(name, sizeof(name), b->sb_prefix,
		    ph->sp_name));
		if (c == NULL || c->sc_used)
			continue;
		c->sc_used = 1;
		v = shown(c, old, ph->sp_flags & SP_GAUGE, &neg);
		put_phrase(b, s, ph, c, v, neg);
	}
	for (i = 0; i < s->ss_n; i++) {
		c = &s->ss_c[i];
		if (c->sc_used || !sect_match(b->sb_sects, c->sc_sect))
			continue;
		c->sc_used = 1;
		put_unknown(b, s, c, old);
	}
	if (ifname != NULL)
		out_close_instance();
	else
		out_close_container();
}

/* One of the -s blocks, from the running kernel or the -M tree. */
void
stats_show(const struct stat_block *b)
{
	load(&cur, b->sb_files);
	stats_show_snap(b, &cur, prev.ss_loaded ? &prev : NULL, NULL);
}

static int
is_owned(const char *sect)
{
	size_t i;

	for (i = 0; owned_sects[i] != NULL; i++)
		if (strcmp(owned_sects[i], sect) == 0)
			return (1);
	return (0);
}

/*
 * Sections no protocol block owns (whatever a newer kernel adds), each
 * under a heading of its own: "xyzext:" for XyzExt.
 */
void
other_stats(void)
{
	struct stat_block b;
	const char *sects[2];
	char name[STAT_MAXNAME + 1];
	size_t i, j;

	load(&cur, STF_SNMP | STF_NETSTAT | STF_SNMP6);
	for (i = 0; i < cur.ss_n; i++) {
		if (cur.ss_c[i].sc_used || is_owned(cur.ss_c[i].sc_sect))
			continue;
		for (j = 0; cur.ss_c[i].sc_sect[j] != '\0' &&
		    j < sizeof(name) - 1; j++)
			name[j] = (char)tolower(
			    (unsigned char)cur.ss_c[i].sc_sect[j]);
		name[j] = '\0';
		memset(&b, 0, sizeof(b));
		sects[0] = cur.ss_c[i].sc_sect;
		sects[1] = NULL;
		b.sb_name = name;
		b.sb_sects = sects;
		b.sb_files = STF_SNMP | STF_NETSTAT | STF_SNMP6;
		stats_show_snap(&b, &cur, prev.ss_loaded ? &prev : NULL, NULL);
	}
}

/*
 * UDP, UDP-Lite, and their IPv6 twins keep the same counters under
 * different prefixes; BSD's udp wording and nesting (the drops under
 * "datagrams received", as Darwin's udp_stats).
 */
#define	U(n, k, t)	{ n, k, t, 0, NULL, NULL, NULL }
const struct stat_phrase udp_phrases[] = {
	U("InDatagrams", "received-datagrams", "\t%ju datagram%s received"),
	U("InErrors", NULL, "\t\t%ju with errors"),
	U("InCsumErrors", "dropped-bad-checksum", "\t\t%ju with bad checksum"),
	U("NoPorts", "dropped-no-socket", "\t\t%ju dropped due to no socket"),
	U("IgnoredMulti", "dropped-broadcast-multicast",
	    "\t\t%ju broadcast/multicast datagram%s undelivered"),
	U("RcvbufErrors", "dropped-full-socket-buffer",
	    "\t\t%ju dropped due to full socket buffers"),
	U("MemErrors", NULL, "\t\t%ju dropped due to memory shortage"),
	U("OutDatagrams", "output-packets", "\t%ju datagram%s output"),
	U("SndbufErrors", NULL, "\t\t%ju not sent due to full send buffers"),
};
#undef U
const size_t udp_nphrases = sizeof(udp_phrases) / sizeof(udp_phrases[0]);

/*
 * -s -w n: every n seconds the selected blocks again, each counter as
 * its change since the last read.  What a tick needs is here.
 */
struct swatch {
	const struct protox *sw_tp;	/* -p, or NULL: every block */
	int		 sw_perif;	/* the per-interface blocks */
	stats_blocks_fn	 sw_blocks;
	struct ifsnaps	*sw_ifprev;	/* per protocol row */
	int		 sw_ticks;
};

static int
swatch_tick(void *arg)
{
	struct swatch *w = arg;

	if (w->sw_ticks++ > 0)
		out_text("\n");
	out_open_instance();
	if (!w->sw_perif) {
		stats_snap_free(&prev);
		prev = cur;
		memset(&cur, 0, sizeof(cur));
	}
	w->sw_blocks(w->sw_tp, w->sw_perif, w->sw_ifprev);
	out_close_instance();
	return (0);
}

void
statswatch(const struct protox *tp, int perif, stats_blocks_fn blocks,
    size_t n)
{
	struct swatch w;
	size_t i;

	memset(&w, 0, sizeof(w));
	w.sw_tp = tp;
	w.sw_perif = perif;
	w.sw_blocks = blocks;
	w.sw_ifprev = xcalloc(n, sizeof(*w.sw_ifprev));
	/* The baseline: read, not printed. */
	if (perif)
		blocks(tp, 1, w.sw_ifprev);
	else {
		stats_snap_free(&cur);
		stats_snap_free(&prev);
		load(&cur, STF_SNMP | STF_NETSTAT | STF_SNMP6);
	}
	out_open_list("interval-statistics");
	(void)watch(swatch_tick, &w);
	out_close_list();
	for (i = 0; i < n; i++)
		ifsnaps_free(&w.sw_ifprev[i]);
	free(w.sw_ifprev);
}
