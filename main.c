/*
 * netstat -- show network status, the BSD way, from Linux kernel state.
 *
 * Options, the protocol table, dispatch and usage.
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <netinet/in.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

static char *jail;	/* -j: the network namespace */

#define	MAX_INTERVAL	86400	/* a day; anything longer is a typo */

/* The options as given, for net-tools' hint after getopt. */
static int	hargc;
static char	**hargv;

#ifndef VERSION
#define	VERSION	"unknown"	/* the Makefile says */
#endif

/*
 * -p names, in the order of the -s blocks: BSD's (tcp, udp, ip, icmp,
 * igmp, ip6, icmp6), then the blocks only Linux has.  Sockets are listed
 * in their own order (TCP, UDP, UDP-Lite, raw): pr_listrank.
 */
#define	SOCK(rank, svc)	protopr, rank, svc

const struct protox protox[] = {
	{ "tcp",	AF_UNSPEC, IPPROTO_TCP,	AF_INET,  0, tcp_stats,
	    SOCK(1, "tcp"), NULL },
	{ "udp",	AF_UNSPEC, IPPROTO_UDP,	AF_INET,  0, udp_stats,
	    SOCK(2, "udp"), NULL },
	{ "ip",		AF_UNSPEC, IPPROTO_RAW,	AF_INET,  0, ip_stats,
	    SOCK(4, NULL), NULL },
	{ "icmp",	AF_UNSPEC, 0,		AF_INET,  0, icmp_stats,
	    NULL, 0, NULL, NULL },
	{ "igmp",	AF_UNSPEC, 0,		AF_INET,  PR_EXPLICIT, igmp_stats,
	    NULL, 0, NULL, NULL },
	{ "ip6",	AF_INET6,  IPPROTO_RAW,	AF_INET6, 0, ip6_stats,
	    SOCK(0, NULL), ip6_ifstats },
	{ "icmp6",	AF_UNSPEC, 0,		AF_INET6, 0, icmp6_stats,
	    NULL, 0, NULL, icmp6_ifstats },
	{ "udplite",	AF_UNSPEC, IPPROTO_UDPLITE, AF_INET, 0, udplite_stats,
	    SOCK(3, "udp"), NULL },
	{ "udp6",	AF_INET6,  IPPROTO_UDP,	AF_INET6, 0, udp6_stats,
	    SOCK(0, "udp"), NULL },
	{ "udplite6",	AF_INET6,  IPPROTO_UDPLITE, AF_INET6, 0,
	    udplite6_stats, SOCK(0, "udp"), NULL },
	{ "mptcp",	AF_UNSPEC, IPPROTO_MPTCP, AF_INET, 0, mptcp_stats,
	    SOCK(0, "tcp"), NULL },
	{ "raw6",	AF_INET6,  IPPROTO_RAW,	AF_INET6, PR_EXPLICIT, NULL,
	    SOCK(0, NULL), NULL },
	{ "sctp",	AF_UNSPEC, IPPROTO_SCTP, AF_INET, PR_EXPLICIT, NULL,
	    sctppr, 0, NULL, NULL },
	{ NULL,		0,	   0,		0,	  0, NULL,
	    NULL, 0, NULL, NULL }
};

static void usage(void) __attribute__((noreturn));

static void
print_usage(FILE *fp)
{
	fprintf(fp, "%s\n",
"usage: netstat [-46AaBCcLlnSTuvWx] [-f address_family | -p protocol] [-M dir]"
" [expression]\n"
"       netstat -w wait [-bv] [-q count] -p protocol [expression]\n"
"       netstat -i | -I interface [-abdhnt] [-f address_family] [-M dir]\n"
"       netstat -w wait [-I interface] [-dhv] [-q count]\n"
"       netstat -s [-s] [-f address_family | -p protocol] [-I interface]"
" [-w wait]\n"
"       netstat -i | -I interface -s [-f address_family | -p protocol]\n"
"       netstat -m [-m]\n"
"       netstat -r [-Aaln] [-F table] [-f address_family]\n"
"       netstat -rs [-s]\n"
"       netstat -g [-W] [-f address_family]\n"
"       netstat -gs [-s] [-f address_family]\n"
"       common: [-n] [-j ns] [-M dir] [--libxo text|json|xml[,pretty]]\n"
"       netstat --help | --version");
}

static void
usage(void)
{
	print_usage(stderr);
	exit(1);
}

/* --help and --version, alone or among other arguments, before "--". */
static void
help_version(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			print_usage(stdout);
			exit(fflush(stdout) == 0 ? 0 : 1);
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("netstat (BSD netstat for Linux) %s\n", VERSION);
			exit(fflush(stdout) == 0 ? 0 : 1);
		}
	}
}

/*
 * libxo's letter form ("--libxo:JP"): J json, X xml, T text, P pretty,
 * as words for out_set_style.  NULL for a letter we do not offer.
 */
static const char *
libxo_letters(const char *l, char *buf, size_t len)
{
	buf[0] = '\0';
	for (; *l != '\0'; l++) {
		const char *w = *l == 'J' ? "json" : *l == 'X' ? "xml" :
		    *l == 'T' ? "text" : *l == 'P' ? "pretty" : NULL;

		if (w == NULL || strlen(buf) + strlen(w) + 2 > len)
			return (NULL);
		if (buf[0] != '\0')
			(void)strcat(buf, ",");
		(void)strcat(buf, w);
	}
	return (buf);
}

/* protocols(5) callback: the protocol whose name or alias is sought. */
struct alias {
	const char	*want;
	char		 name[64];
};

static void
alias_match(const char *name, size_t nlen, const char *word, size_t wlen,
    void *arg)
{
	struct alias *a = arg;

	if (a->name[0] == '\0' && strlen(a->want) == wlen &&
	    memcmp(a->want, word, wlen) == 0 && nlen < sizeof(a->name)) {
		memcpy(a->name, name, nlen);
		a->name[nlen] = '\0';
	}
}

static const struct protox *
name2protox(const char *name)
{
	const struct protox *tp;
	struct alias a;
	char *buf;
	size_t len;

	for (tp = protox; tp->pr_name != NULL; tp++)
		if (strcmp(tp->pr_name, name) == 0)
			return (tp);
	/* An alias from protocols(5), such as "TCP". */
	if ((buf = etc_db("protocols", &len)) == NULL)
		return (NULL);
	memset(&a, 0, sizeof(a));
	a.want = name;
	(void)protocols_parse(buf, len, alias_match, &a);
	free(buf);
	for (tp = protox; a.name[0] != '\0' && tp->pr_name != NULL; tp++)
		if (strcmp(tp->pr_name, a.name) == 0)
			return (tp);
	return (NULL);
}

static int
name2af(const char *name)
{
	if (strcmp(name, "inet") == 0)
		return (AF_INET);
	if (strcmp(name, "inet6") == 0)
		return (AF_INET6);
	if (strcmp(name, "unix") == 0 || strcmp(name, "local") == 0)
		return (AF_UNIX);
	if (strcmp(name, "vsock") == 0)
		return (AF_VSOCK);
	if (strcmp(name, "link") == 0)
		return (AF_PACKET);
	ns_errx("%s: unknown address family", name);
}

/*
 * The option getopt refused.  A long option ("--frobnicate") reaches
 * getopt as a cluster starting with '-': name the whole word.
 */
static void
bad_option(int argc, char **argv)
{
	const char *arg;

	if (optopt == '-' && optind < argc &&
	    strncmp(argv[optind], "--", 2) == 0) {
		arg = argv[optind];
		ns_warnx("%.*s: unknown option", (int)strcspn(arg, "="), arg);
	} else
		ns_warnx("-%c: unknown option", isprint(optopt) ? optopt : '?');
}

static int
parse_count(const char *opt, const char *what, const char *arg, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (arg[0] == '\0' || *end != '\0' || errno != 0 || v <= 0 || v > max)
		ns_errx("%s: invalid %s: %s", opt, what, arg);
	return ((int)v);
}

/*
 * Pull --libxo out of argv before getopt sees it: "--libxo fmt",
 * "--libxo=fmt" and FreeBSD's "--libxo:fmt".
 */
static int
take_libxo(int argc, char **argv)
{
	const char *spec, *words;
	char buf[64];
	int i, j, n;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strncmp(argv[i], "--libxo", 7) != 0)
			continue;
		n = 1;
		if (argv[i][7] == '=' || argv[i][7] == ':')
			spec = argv[i] + 8;
		else if (argv[i][7] == '\0') {
			if (i + 1 >= argc) {
				ns_warnx("--libxo: missing format");
				usage();
			}
			spec = argv[i + 1];
			n = 2;
		} else
			continue;
		words = argv[i][7] == ':' ?
		    libxo_letters(spec, buf, sizeof(buf)) : spec;
		if (words == NULL || out_set_style(words) < 0)
			ns_errx("--libxo: %s: unsupported format "
			    "(text, json, xml, pretty; or letters T J X P)",
			    spec);
		for (j = i; j + n <= argc; j++)
			argv[j] = argv[j + n];
		argc -= n;
		i--;
	}
	return (argc);
}

/*
 * A protocol of one family with the other family asked for prints
 * nothing, or the other family's figures: refused.
 */
static void
check_family(const struct protox *tp)
{
	int want;

	if (tp == NULL || (af != AF_INET && af != AF_INET6))
		return;
	want = tp->pr_sockaf;
	/* A -s block is of one family, but for TCP's, which counts both. */
	if ((sflag || tp->pr_cblocks == NULL) && tp->pr_proto != IPPROTO_TCP)
		want = tp->pr_statsaf;
	if (want != AF_UNSPEC && want != af)
		ns_errx("-f %s and -p %s cannot be used together",
		    af == AF_INET ? "inet" : "inet6", tp->pr_name);
}

/* An option of another mode changes nothing here: say so, not ignore. */
static void
check_extras(void)
{
	int ifmode = (iflag || interface != NULL) && !sflag;
	int socks = !(iflag || interface != NULL || rflag || gflag ||
	    mflag || sflag || interval);

	if (tflag && (!ifmode || interval)) {
		gnu_hint(hargc, hargv);		/* -ant, -st: net-tools' TCP */
		ns_errx("-t: only with -i or -I (the Time column)");
	}
	if (dflag && !(ifmode || (interval && !sflag)))
		ns_errx("-d: only with -i, -I or -w");
	if (hflag && !(ifmode || (interval && !sflag)))
		ns_errx("-h: only with -i, -I or -w");
	if (bflag && !((ifmode && !interval) || (socks && !Lflag)))
		ns_errx("-b: only with -i, -I or the socket list (not -L)");
	if (Sflag && !socks)
		ns_errx("-S: only with the socket list");
	if ((Aflag || lflag) && !(socks || rflag))
		ns_errx("-%c: only with the socket list or -r",
		    Aflag ? 'A' : 'l');
}

/* Refuse combinations that make no sense, naming them. */
static void
check_modes(const struct protox *tp)
{
	const char *mode[4];
	int n = 0;

	if (iflag || (interface != NULL && !sflag && !interval))
		mode[n++] = iflag ? "-i" : "-I";
	if (rflag)
		mode[n++] = "-r";
	if (gflag)
		mode[n++] = "-g";
	if (mflag)
		mode[n++] = "-m";
	if (n > 1)
		ns_errx("%s and %s cannot be used together", mode[0], mode[1]);
	if (mflag && (sflag || interval || tp != NULL))
		ns_errx("-m cannot be used with -s, -w or -p");
	if (fibname != NULL && !rflag)
		ns_errx("-F: only with -r");
	if (qcount && !interval)
		ns_errx("-q: only with -w");
	if (Lflag && (sflag || iflag || rflag || gflag || mflag || interval))
		ns_errx("-L: only with the socket list");
	if (xflag && (sflag || iflag || rflag || gflag || mflag || Lflag))
		ns_errx("-x: only with the socket list");
	if ((Tflag || Cflag || cflag) && (sflag || iflag || rflag || gflag ||
	    mflag || Lflag || interval)) {
		gnu_hint(hargc, hargv);		/* -ic: net-tools' continuous */
		ns_errx("-%c: only with the socket list",
		    Tflag ? 'T' : Cflag ? 'C' : 'c');
	}
	if (tp != NULL && (rflag || gflag || (iflag && !sflag)))
		ns_errx("-p: not with -i, -r or -g");
	if (af == AF_PACKET && !iflag && interface == NULL && !gflag)
		ns_errx("link: address family only with -i or -g");
	if (af == AF_UNIX && (sflag || iflag || rflag || gflag || interval)) {
		gnu_hint(hargc, hargv);		/* -su: net-tools' UDP */
		ns_errx("unix: address family only with the socket list");
	}
	if ((af == AF_VSOCK || Bflag) && (sflag || iflag || rflag || gflag ||
	    mflag || interval || Lflag || tp != NULL))
		ns_errx("%s: only with the socket list, without -p",
		    Bflag ? "-B" : "vsock");
	if (af == AF_UNIX && tp != NULL)
		ns_errx("-f unix and -p cannot be used together");
	if (interval && (rflag || gflag || Lflag))
		ns_errx("-w: not with -r, -g or -L");
	if (memf != NULL && interval)
		ns_errx("-w: not with -M (a saved tree does not change)");
	if (jail != NULL && memf != NULL)
		ns_errx("-j: not with -M (a saved tree has no namespace)");
	if (jail != NULL && interval && strcmp(jail, "all") == 0)
		ns_errx("-j all: not with -w");
	check_family(tp);
	check_extras();
}

static void
check_memf(void)
{
	struct stat st;

	if (stat(memf, &st) < 0)
		ns_err("%s", memf);
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		ns_err("%s", memf);
	}
}

/*
 * The -s blocks of protocol tp (NULL: every one of the family): the
 * per-interface ones (-I, -i) when perif, from or into ifprev (one list
 * per protocol row) for -s -w.
 */
static void
blocks(const struct protox *tp, int perif, struct ifsnaps *ifprev)
{
	const struct protox *p;
	size_t i;

	for (p = protox, i = 0; p->pr_name != NULL; p++, i++) {
		if (tp != NULL && p != tp)
			continue;
		if (perif) {
			if (p->pr_istats != NULL)
				p->pr_istats(interface,
				    ifprev != NULL ? &ifprev[i] : NULL);
		} else if (p->pr_stats != NULL && (tp != NULL ||
		    (!(p->pr_flags & PR_EXPLICIT) &&
		    (af == AF_UNSPEC || af == p->pr_statsaf))))
			p->pr_stats(p);
	}
	if (!perif && tp == NULL && af == AF_UNSPEC)
		other_stats();	/* sections no protocol owns */
}

static size_t
nrows(void)
{
	size_t n;

	for (n = 0; protox[n].pr_name != NULL; n++)
		;
	return (n);
}

static void
stats(const struct protox *tp)
{
	if (tp != NULL && tp->pr_stats == NULL)
		ns_errx("%s: no statistics on Linux", tp->pr_name);
	if (interval)
		statswatch(tp, 0, blocks, nrows());
	else
		blocks(tp, 0, NULL);
}

static void
ifstats(const struct protox *tp)
{
	if (tp != NULL && tp->pr_istats == NULL)
		ns_errx("%s: no per-interface statistics", tp->pr_name);
	if (af == AF_INET)
		ns_errx("inet: no per-interface statistics on Linux");
	if (interval)
		statswatch(tp, 1, blocks, nrows());
	else
		blocks(tp, 1, NULL);
}

static void
sockets(const struct protox *tp)
{
	const struct protox *sp;
	int rank, more;

	if (Bflag) {
		packetpr();
		return;
	}
	if (af == AF_VSOCK) {
		out_open_list("socket");
		vsockpr();
		out_close_list();
		return;
	}
	out_open_list("socket");
	if (!(filter_tables(sockfilter) & FILTER_INET))
		;	/* the expression names only unix sockets */
	else if (af != AF_UNIX && tp != NULL) {
		if (tp->pr_cblocks == NULL)
			ns_errx("%s: no sockets to list", tp->pr_name);
		tp->pr_cblocks(tp);
	} else if (af != AF_UNIX)
		for (rank = 1, more = 1; more; rank++)
			for (sp = protox, more = 0; sp->pr_name != NULL; sp++) {
				if (sp->pr_listrank > rank)
					more = 1;
				if (sp->pr_listrank == rank)
					sp->pr_cblocks(sp);
			}
	if ((af == AF_UNSPEC || af == AF_UNIX) && tp == NULL &&
	    (filter_tables(sockfilter) & FILTER_UNIX))
		unixpr();
	out_close_list();
}

/* -j: into the namespace (or, for all, one child each) before any I/O. */
static void
join(const struct protox *tp)
{
	int needsys;

	/* The interface modes read /sys. */
	needsys = !sflag && !rflag && !gflag && !mflag &&
	    (iflag || interface != NULL || (interval && tp == NULL));
	if (strcmp(jail, "all") == 0)
		netns_all(needsys);
	else
		netns_join(jail, needsys);
}

/*
 * Descriptors 0-2 that are closed are opened on /dev/null, so that no
 * socket or file of ours takes their place (a netlink socket as
 * descriptor 1 would receive the table).  Standard output is opened
 * read-only: writing the table then fails with EBADF and is reported,
 * as writing to a closed descriptor should be.
 */
static void
open_stdfds(void)
{
	int fd;

	for (fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		/* The lowest free descriptor: fd, as those below are open. */
		if (open("/dev/null", fd == STDOUT_FILENO ? O_RDONLY :
		    O_RDWR) != fd)
			ns_err("/dev/null");
	}
}

/*
 * The options, into the flags above; returns -p's protocol row, or NULL.
 * optind is left at the first operand.
 */
static const struct protox *
options(int argc, char *argv[])
{
	const struct protox *tp = NULL;
	int ch;

	while ((ch = getopt(argc, argv,
	    ":46AaBbCcdF:f:ghI:ij:LlM:mnp:q:rSsTtuvWw:x")) != -1) {
		switch (ch) {
		case '4':
			af = AF_INET;
			break;
		case '6':
			af = AF_INET6;
			break;
		case 'A':
			Aflag = 1;
			break;
		case 'a':
			aflag = 1;
			break;
		case 'b':
			bflag = 1;
			break;
		case 'd':
			dflag = 1;
			break;
		case 'F':
			fibname = optarg;
			break;
		case 'f':
			af = name2af(optarg);
			break;
		case 'g':
			gflag = 1;
			break;
		case 'h':
			hflag = 1;
			break;
		case 'I':
			if (optarg[0] == '\0')
				ns_errx("-I: empty interface name");
			interface = optarg;
			break;
		case 'i':
			iflag = 1;
			break;
		case 'j':
			jail = optarg;
			break;
		case 'L':
			Lflag = 1;
			break;
		case 'l':
			lflag = 1;
			break;
		case 'M':
			memf = optarg;
			break;
		case 'm':
			mflag++;
			break;
		case 'n':
			nflag = 1;
			break;
		case 'p':
			if ((tp = name2protox(optarg)) == NULL)
				gnu_hint(argc, argv);
			if (tp == NULL)
				ns_errx("%s: unknown or uninstrumented protocol",
				    optarg);
			break;
		case 'q':
			qcount = parse_count("-q", "count", optarg, INT_MAX);
			break;
		case 'r':
			rflag = 1;
			break;
		case 'S':
			Sflag = 1;
			break;
		case 's':
			sflag++;
			break;
		case 't':
			tflag = 1;
			break;
		case 'u':
			af = AF_UNIX;
			break;
		case 'v':
			vflag = 1;
			break;
		case 'W':
			Wflag = 1;
			break;
		case 'w':
			interval = parse_count("-w", "interval", optarg,
			    MAX_INTERVAL);
			break;
		case 'x':
			xflag = 1;
			break;
		case 'B':
			Bflag = 1;
			break;
		case 'T':
			Tflag = 1;
			break;
		case 'C':
			Cflag = 1;
			break;
		case 'c':
			cflag = 1;
			break;
		case ':':
			gnu_hint(argc, argv);
			ns_warnx("-%c: missing argument", optopt);
			usage();
		default:
			gnu_hint(argc, argv);
			bad_option(argc, argv);
			usage();
		}
	}
	return (tp);
}

/* The mode the options chose, as BSD's main() picks it. */
static void
dispatch(const struct protox *tp)
{
	if (mflag)
		mbpr();
	else if (rflag) {
		if (sflag)
			rt_stats();
		else
			routepr();
	} else if (gflag) {
		if (sflag)
			mrt_stats();
		else
			mroutepr();
	} else if (sflag) {
		if (iflag || interface != NULL)
			ifstats(tp);
		else
			stats(tp);
	} else if (interval && tp != NULL && !iflag && interface == NULL)
		sockwatch(tp);
	else if (iflag || interface != NULL || interval) {
		if (interval)
			sidewaysintpr();
		else
			intpr();
	} else
		sockets(tp);
}

int
main(int argc, char *argv[])
{
	const struct protox *tp;

	open_stdfds();
	/* Printable UTF-8 passes in the text of a UTF-8 locale (out.c). */
	out_utf8 = -1;
	help_version(argc, argv);
	argc = take_libxo(argc, argv);
	hargc = argc;
	hargv = argv;
	tp = options(argc, argv);
	argc -= optind;
	argv += optind;
	if (argc > 0 && (rflag || gflag || mflag || sflag || iflag || Bflag ||
	    af == AF_VSOCK || interface != NULL || (interval && tp == NULL))) {
		ns_warnx("%s: a filter expression only with the socket list",
		    argv[0]);
		usage();
	}
	sockfilter = filter_parse(argc, argv);
	check_modes(tp);
	if (memf != NULL)
		check_memf();
	if (jail != NULL)
		join(tp);

	if (interval)
		watch_block();
	out_init();
	dispatch(tp);
	if ((errno = out_finish()) != 0)
		ns_warn("stdout");
	return (exit_status);
}
