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
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

int	Aflag, aflag, bflag, dflag, gflag, hflag, iflag, Lflag, lflag;
int	mflag, nflag, rflag, sflag, tflag, vflag, Wflag, xflag;
int	af = AF_UNSPEC;
char	*interface;
int	interval;
int	qcount;
char	*memf;
char	*fibname;
int	exit_status;

#define	MAX_INTERVAL	86400	/* a day; anything longer is a typo */

/*
 * -p names, in the order of the -s blocks.  Sockets are listed in their
 * own order (TCP, UDP, UDP-Lite, raw) by the socket table below.
 */
const struct protox protox[] = {
	{ "ip",		AF_UNSPEC, IPPROTO_RAW,	AF_INET,  0, ip_stats },
	{ "icmp",	AF_UNSPEC, 0,		AF_INET,  0, icmp_stats },
	{ "igmp",	AF_UNSPEC, 0,		AF_INET,  PR_EXPLICIT, igmp_stats },
	{ "tcp",	AF_UNSPEC, IPPROTO_TCP,	AF_INET,  0, tcp_stats },
	{ "udp",	AF_UNSPEC, IPPROTO_UDP,	AF_INET,  0, udp_stats },
	{ "udplite",	AF_UNSPEC, IPPROTO_UDPLITE, AF_INET, 0, udplite_stats },
	{ "ip6",	AF_INET6,  IPPROTO_RAW,	AF_INET6, 0, ip6_stats },
	{ "icmp6",	AF_UNSPEC, 0,		AF_INET6, 0, icmp6_stats },
	{ "udp6",	AF_INET6,  IPPROTO_UDP,	AF_INET6, 0, udp6_stats },
	{ "udplite6",	AF_INET6,  IPPROTO_UDPLITE, AF_INET6, 0,
	    udplite6_stats },
	{ "raw6",	AF_INET6,  IPPROTO_RAW,	AF_INET6, PR_EXPLICIT, NULL },
	{ NULL,		0,	   0,		0,	  0, NULL }
};

/* The socket listing order of SPEC 3.1. */
static const struct protox sockprotox[] = {
	{ "tcp",	AF_UNSPEC, IPPROTO_TCP,	0, 0, NULL },
	{ "udp",	AF_UNSPEC, IPPROTO_UDP,	0, 0, NULL },
	{ "udplite",	AF_UNSPEC, IPPROTO_UDPLITE, 0, 0, NULL },
	{ "ip",		AF_UNSPEC, IPPROTO_RAW,	0, 0, NULL },
	{ NULL,		0,	   0,		0, 0, NULL }
};

static void usage(void) __attribute__((noreturn));
static void errx1(const char *, ...) __attribute__((noreturn,
    format(printf, 1, 2)));

static void
errx1(const char *fmt, ...)
{
	va_list ap;

	out_flush();
	fputs("netstat: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void
usage(void)
{
	fprintf(stderr, "%s\n",
"usage: netstat [-46AaLlnvWx] [-f address_family | -p protocol] [-M dir]\n"
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
"       common: [-n] [-M dir] [--libxo text|json[,pretty]]");
	exit(1);
}

static const struct protox *
name2protox(const char *name)
{
	const struct protox *tp;
	struct protoent *pe;
	char **alias;

	for (tp = protox; tp->pr_name != NULL; tp++)
		if (strcmp(tp->pr_name, name) == 0)
			return (tp);
	/* An alias from /etc/protocols, such as "TCP". */
	setprotoent(1);
	while ((pe = getprotoent()) != NULL) {
		for (alias = pe->p_aliases; *alias != NULL; alias++)
			if (strcmp(name, *alias) == 0)
				break;
		if (*alias == NULL && strcmp(name, pe->p_name) != 0)
			continue;
		for (tp = protox; tp->pr_name != NULL; tp++)
			if (strcmp(tp->pr_name, pe->p_name) == 0) {
				endprotoent();
				return (tp);
			}
	}
	endprotoent();
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
	if (strcmp(name, "link") == 0)
		return (AF_PACKET);
	errx1("%s: unknown address family", name);
}

static int
parse_count(const char *opt, const char *what, const char *arg, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (arg[0] == '\0' || *end != '\0' || errno != 0 || v <= 0 || v > max)
		errx1("%s: invalid %s: %s", opt, what, arg);
	return ((int)v);
}

/*
 * Pull --libxo out of argv before getopt sees it: "--libxo fmt",
 * "--libxo=fmt" and FreeBSD's "--libxo:fmt".
 */
static int
take_libxo(int argc, char **argv)
{
	const char *spec;
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
				fprintf(stderr,
				    "netstat: --libxo: missing format\n");
				usage();
			}
			spec = argv[i + 1];
			n = 2;
		} else
			continue;
		if (out_set_style(spec) < 0)
			errx1("--libxo: %s: unsupported format", spec);
		for (j = i; j + n <= argc; j++)
			argv[j] = argv[j + n];
		argc -= n;
		i--;
	}
	return (argc);
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
		errx1("%s and %s cannot be used together", mode[0], mode[1]);
	if (mflag && (sflag || interval || tp != NULL))
		errx1("-m cannot be used with -s, -w or -p");
	if (fibname != NULL && !rflag)
		errx1("-F: only with -r");
	if (qcount && !interval)
		errx1("-q: only with -w");
	if (Lflag && (sflag || iflag || rflag || gflag || mflag || interval))
		errx1("-L: only with the socket list");
	if (xflag && (sflag || iflag || rflag || gflag || mflag || Lflag))
		errx1("-x: only with the socket list");
	if (tp != NULL && (rflag || gflag || (iflag && !sflag)))
		errx1("-p: not with -i, -r or -g");
	if (af == AF_PACKET && !iflag && interface == NULL && !gflag)
		errx1("link: address family only with -i or -g");
	if (af == AF_UNIX && (sflag || iflag || rflag || gflag || interval))
		errx1("unix: address family only with the socket list");
	if (af == AF_UNIX && tp != NULL)
		errx1("-f unix and -p cannot be used together");
	if (interval && (rflag || gflag || Lflag))
		errx1("-w: not with -r, -g or -L");
	if (memf != NULL && interval)
		errx1("-w: not with -M (a saved tree does not change)");
}

static void
check_memf(void)
{
	struct stat st;

	if (stat(memf, &st) < 0)
		errx1("%s: %s", memf, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		errx1("%s: %s", memf, strerror(ENOTDIR));
}

static int
family_selected(int family)
{
	return (af == AF_UNSPEC || af == family);
}

static void
stats(const struct protox *tp)
{
	if (interval) {
		statswatch(tp);
		return;
	}
	if (tp != NULL) {
		if (tp->pr_stats == NULL)
			errx1("%s: no statistics on Linux", tp->pr_name);
		tp->pr_stats(tp);
		return;
	}
	for (tp = protox; tp->pr_name != NULL; tp++)
		if (tp->pr_stats != NULL && !(tp->pr_flags & PR_EXPLICIT) &&
		    family_selected(tp->pr_statsaf))
			tp->pr_stats(tp);
	if (af == AF_UNSPEC)
		other_stats();	/* sections no protocol owns: mptcpext, ... */
}

static void
ifstats(const struct protox *tp)
{
	if (tp != NULL && strcmp(tp->pr_name, "ip6") != 0 &&
	    strcmp(tp->pr_name, "icmp6") != 0)
		errx1("%s: no per-interface statistics", tp->pr_name);
	if (af == AF_INET)
		errx1("inet: no per-interface statistics on Linux");
	if (interval) {
		statswatch(tp);
		return;
	}
	if (tp == NULL || strcmp(tp->pr_name, "ip6") == 0)
		ip6_ifstats(interface);
	if (tp == NULL || strcmp(tp->pr_name, "icmp6") == 0)
		icmp6_ifstats(interface);
}

static void
sockets(const struct protox *tp)
{
	const struct protox *sp;

	out_open_list("socket");
	if (af != AF_UNIX) {
		if (tp != NULL) {
			if (tp->pr_proto == 0)
				errx1("%s: no sockets to list", tp->pr_name);
			protopr(tp);
		} else
			for (sp = sockprotox; sp->pr_name != NULL; sp++)
				protopr(sp);
	}
	if ((af == AF_UNSPEC || af == AF_UNIX) && tp == NULL)
		unixpr();
	out_close_list();
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

int
main(int argc, char *argv[])
{
	const struct protox *tp = NULL;
	int ch;

	open_stdfds();
	argc = take_libxo(argc, argv);
	while ((ch = getopt(argc, argv,
	    ":46AabdF:f:ghI:iLlM:mnp:q:rstvWw:x")) != -1) {
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
				errx1("-I: empty interface name");
			interface = optarg;
			break;
		case 'i':
			iflag = 1;
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
				errx1("%s: unknown or uninstrumented protocol",
				    optarg);
			break;
		case 'q':
			qcount = parse_count("-q", "count", optarg, INT_MAX);
			break;
		case 'r':
			rflag = 1;
			break;
		case 's':
			sflag++;
			break;
		case 't':
			tflag = 1;
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
		case ':':
			fprintf(stderr, "netstat: -%c: missing argument\n",
			    optopt);
			usage();
		default:
			fprintf(stderr, "netstat: -%c: unknown option\n",
			    isprint(optopt) ? optopt : '?');
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0) {
		fprintf(stderr, "netstat: %s: unexpected argument\n", argv[0]);
		usage();
	}
	check_modes(tp);
	if (memf != NULL)
		check_memf();

	out_init();
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
	} else if (iflag || interface != NULL || interval) {
		if (interval)
			sidewaysintpr();
		else
			intpr();
	} else
		sockets(tp);
	if (out_finish() != 0) {
		fprintf(stderr, "netstat: stdout: %s\n", strerror(errno));
		exit_status = 1;
	}
	return (exit_status);
}
