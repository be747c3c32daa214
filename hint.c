/*
 * net-tools' habits.  On Linux many users type net-tools' netstat
 * options (-tulpn) by hand; when the arguments cannot be BSD netstat's
 * and read as net-tools', one line says what this is and gives the BSD
 * spelling of the request, in place of the usage text.
 */
#include <string.h>

#include "netstat.h"

/* net-tools' long options, as the short letter each stands for. */
static const struct {
	const char	*name;
	char		 letter;
} longopts[] = {
	{ "--all",		'a' },
	{ "--continuous",	'c' },
	{ "--extend",		'e' },
	{ "--groups",		'g' },
	{ "--interfaces",	'i' },
	{ "--listening",	'l' },
	{ "--numeric",		'n' },
	{ "--numeric-hosts",	'n' },
	{ "--numeric-ports",	'n' },
	{ "--numeric-users",	'n' },
	{ "--program",		'p' },
	{ "--programs",		'p' },
	{ "--raw",		'w' },
	{ "--route",		'r' },
	{ "--statistics",	's' },
	{ "--tcp",		't' },
	{ "--timers",		'o' },
	{ "--udp",		'u' },
	{ "--unix",		'x' },
	{ "--verbose",		'v' },
	{ "--wide",		'W' },
};

/* net-tools' short options that take no argument. */
#define	GNU_LETTERS	"acegilnoprstuvwxW46"

/*
 * The letters of net-tools' options in argv, in seen[]; 0 when some
 * argument is not one (an operand, an option net-tools lacks).
 */
static int
gnu_letters(int argc, char **argv, char seen[128])
{
	const char *p;
	size_t i;
	int k, found;

	memset(seen, 0, 128);
	if (argc < 2)
		return (0);
	for (k = 1; k < argc; k++) {
		p = argv[k];
		if (p[0] != '-' || p[1] == '\0')
			return (0);
		if (p[1] == '-') {
			for (i = 0, found = 0; !found &&
			    i < sizeof(longopts) / sizeof(longopts[0]); i++)
				if (strcmp(p, longopts[i].name) == 0) {
					seen[(int)longopts[i].letter] = 1;
					found = 1;
				}
			if (!found)
				return (0);
			continue;
		}
		for (p++; *p != '\0'; p++) {
			if (strchr(GNU_LETTERS, *p) == NULL)
				return (0);
			seen[(int)*p] = 1;
		}
	}
	return (1);
}

static void
cat(char *buf, size_t len, const char *s)
{
	size_t have = strlen(buf), n = strlen(s);

	if (have + n < len)
		memcpy(buf + have, s, n + 1);
}

/* The protocol part of a socket or statistics request, or "". */
static const char *
gnu_proto(const char *seen)
{
	int n = seen['t'] + seen['u'] + seen['w'] + seen['x'];

	if (n == 1)
		return (seen['t'] ? " -p tcp" : seen['u'] ? " -p udp" :
		    seen['w'] ? " -p ip" : " -f unix");
	if (n > 1 && !seen['x'])
		return (" -f inet");
	return ("");
}

/* The BSD spelling of what net-tools' letters in seen ask for. */
static void
gnu_spelling(const char *seen, char *buf, size_t len)
{
	static const char modes[] = "rigs";
	char flags[16];
	size_t n = 0;
	int sockets = 1;
	const char *m;

	for (m = modes; *m != '\0'; m++)
		if (seen[(int)*m]) {
			flags[n++] = *m;
			sockets = 0;
		}
	if (sockets && (seen['a'] || seen['l']))
		flags[n++] = 'a';	/* BSD lists listeners with -a */
	if (seen['n'])
		flags[n++] = 'n';
	if (sockets && (seen['p'] || seen['e']))
		flags[n++] = 'v';	/* the process:pid column */
	if (sockets && seen['o'])
		flags[n++] = 'x';	/* the timer columns */
	if (seen['W'])
		flags[n++] = 'W';
	if (seen['4'])
		flags[n++] = '4';
	if (seen['6'])
		flags[n++] = '6';
	flags[n] = '\0';
	(void)snprintf(buf, len, "netstat");
	if (n > 0) {
		cat(buf, len, " -");
		cat(buf, len, flags);
	}
	if (sockets || seen['s'])
		cat(buf, len, gnu_proto(seen));
	if (seen['c'] && seen['i'])
		cat(buf, len, " -w 1");
}

/*
 * Called where BSD's parse of argv failed: when the arguments read as
 * net-tools' netstat, say so and exit 1; else return (usage follows).
 */
void
gnu_hint(int argc, char **argv)
{
	char seen[128], try[64], asked[128];
	int k;

	if (!gnu_letters(argc, argv, seen))
		return;
	asked[0] = '\0';
	for (k = 1; k < argc; k++) {
		if (k > 1)
			cat(asked, sizeof(asked), " ");
		cat(asked, sizeof(asked), argv[k]);
	}
	gnu_spelling(seen, try, sizeof(try));
	if (strcmp(try, "netstat") == 0)
		return;		/* nothing BSD could say instead */
	ns_errx("this is BSD netstat; for net-tools' %s try: %s", asked, try);
}
