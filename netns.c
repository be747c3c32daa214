/*
 * -j: run in another network namespace, FreeBSD's -j jail.
 *
 * A netlink socket belongs to the namespace of the task that opens it,
 * and /proc/net shows the namespace of the task that reads it, so joining
 * with setns() before anything is opened makes every mode work there.
 * sysfs is different: it shows the namespace of whoever mounted it, so
 * for the modes that read /sys (-i) a private mount namespace gets a
 * sysfs of its own.
 *
 * -j all forks once per namespace: the child joins it and runs the mode
 * with its output into a pipe, the parent prints a heading and the
 * child's output (in JSON, each child's document becomes one member of a
 * list).  Every cache (netlink sockets, interface names, owners) starts
 * empty in each child, and the output layer is never shared.
 */
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

#ifndef NSFS_MAGIC
#define	NSFS_MAGIC	0x6e736673
#endif

#define	NETNS_RUN	"/run/netns"

/* One namespace of -j all, and what it is called. */
struct nsent {
	dev_t		 dev;
	ino_t		 ino;
	int		 fd;		/* held open: the namespace stays */
	char		 name[256];		/* its heading */
	int		 named;			/* an ip netns name */
	long		 pid;			/* a process in it, or 0 */
};

/*
 * Join the namespace of the open file fd (what names it).  Errors are
 * fatal: the listing would otherwise be of the wrong machine.
 */
static void
join_fd(int fd, const char *what)
{
	struct statfs sfs;

	if (fstatfs(fd, &sfs) < 0)
		ns_err("-j %s", what);
	if (sfs.f_type != NSFS_MAGIC)
		ns_errx("-j %s: not a namespace file", what);
	if (setns(fd, CLONE_NEWNET) < 0) {
		if (errno == EINVAL)
			ns_errx("-j %s: not a network namespace", what);
		if (errno == EPERM)
			ns_errx("-j %s: not permitted: joining a network "
			    "namespace needs CAP_SYS_ADMIN", what);
		ns_err("-j %s: setns", what);
	}
}

/*
 * sysfs as the joined namespace sees it, in a mount namespace of our
 * own (so nothing outside changes).  Without it -i would show the
 * interfaces' sysfs attributes of the namespace /sys was mounted in.
 */
static void
private_sysfs(void)
{
	if (unshare(CLONE_NEWNS) == 0 &&
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0) {
		/*
		 * Off with the old one first, as ip netns exec does: the
		 * sysfs /sys already shows, mounted on it again, is EBUSY.
		 */
		(void)umount2("/sys", MNT_DETACH);
		if (mount("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV |
		    MS_NOEXEC, NULL) == 0)
			return;
	}
	ns_warn("-j: sysfs of the namespace (-i -t figures may be the "
	    "host's)");
}

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return (0);
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return (0);
	return (1);
}

/* The file that names ns: a pid's, an ip netns name's, or a path. */
static int
open_ns(const char *ns)
{
	char path[PATH_MAX];
	int fd;

	if (all_digits(ns)) {
		(void)snprintf(path, sizeof(path), "/proc/%s", ns);
		if (access(path, F_OK) < 0)
			ns_errx("-j %s: no such process", ns);
		(void)snprintf(path, sizeof(path), "/proc/%s/ns/net", ns);
	} else if (strchr(ns, '/') == NULL) {
		if (strcmp(ns, ".") == 0 || strcmp(ns, "..") == 0 ||
		    snprintf(path, sizeof(path), "%s/%s", NETNS_RUN, ns) >=
		    (int)sizeof(path))
			ns_errx("-j %s: no such network namespace name", ns);
		if (access(path, F_OK) < 0)
			ns_errx("-j %s: no such network namespace name "
			    "(ip netns list shows them)", ns);
	} else if (snprintf(path, sizeof(path), "%s", ns) >=
	    (int)sizeof(path))
		ns_errx("-j %s: %s", ns, strerror(ENAMETOOLONG));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno == EACCES || errno == EPERM)
			ns_errx("-j %s: %s: not permitted: reading another "
			    "user's namespace needs CAP_SYS_PTRACE", ns, path);
		ns_err("-j %s: %s", ns, path);
	}
	return (fd);
}

void
netns_join(const char *ns, int needsys)
{
	int fd;

	fd = open_ns(ns);
	join_fd(fd, ns);
	close(fd);
	if (needsys)
		private_sysfs();
}

/*
 * -j all.
 */

/* systemd's escapes in unit names: "debian\\x2dbox" is "debian-box". */
static void
unescape(char *s)
{
	char *d = s;
	unsigned int c;

	for (; *s != '\0'; s++) {
		if (s[0] == '\\' && s[1] == 'x' &&
		    isxdigit((unsigned char)s[2]) &&
		    isxdigit((unsigned char)s[3]) &&
		    sscanf(s + 2, "%2x", &c) == 1 && c >= 0x20 && c < 0x7f) {
			*d++ = (char)c;
			s += 3;
		} else
			*d++ = *s;
	}
	*d = '\0';
}

/* The container a cgroup path names, "docker 0123456789ab", or "". */
static void
cgroup_container(const char *cg, char *out, size_t len)
{
	static const struct {
		const char	*mark;	/* what precedes the id */
		const char	*kind;
		int		 hex;	/* a hex id: its first 12 digits */
	} pat[] = {
		{ "/docker/", "docker", 1 },
		{ "docker-", "docker", 1 },
		{ "libpod-", "podman", 1 },
		{ "cri-containerd-", "containerd", 1 },
		{ "crio-", "cri-o", 1 },
		{ "/lxc.payload.", "lxc", 0 },
		{ "/lxc.payload/", "lxc", 0 },
		{ "/lxc/", "lxc", 0 },
		{ "machine-", "nspawn", 0 },
	};
	const char *p, *e;
	size_t i, n;

	out[0] = '\0';
	for (i = 0; i < sizeof(pat) / sizeof(pat[0]); i++) {
		if ((p = strstr(cg, pat[i].mark)) == NULL)
			continue;
		p += strlen(pat[i].mark);
		e = p + strcspn(p, "/\n");
		if (e - p > 6 && strncmp(e - 6, ".scope", 6) == 0)
			e -= 6;
		n = (size_t)(e - p);
		if (n == 0 || strncmp(p, "libpod", 6) == 0)
			continue;
		if (pat[i].hex && n > 12)
			n = 12;
		(void)snprintf(out, len, "%s %.*s", pat[i].kind, (int)n, p);
		unescape(out);
		return;
	}
}

/* The container process pid is in, from /proc/PID/cgroup, or "". */
static void
pid_container(long pid, char *out, size_t len)
{
	char path[64], buf[4096];
	ssize_t n;
	int fd;

	out[0] = '\0';
	(void)snprintf(path, sizeof(path), "/proc/%ld/cgroup", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	cgroup_container(buf, out, len);
}

struct nslist {
	struct nsent	*v;
	size_t		 n, cap;
};

/*
 * Add the namespace of file path (once); returns it.  Its file is held
 * open, so a namespace whose last process exits before its turn can
 * still be joined.
 */
static struct nsent *
ns_add(struct nslist *L, const char *path)
{
	struct stat st;
	struct statfs sfs;
	size_t i;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno == EMFILE || errno == ENFILE)
			ns_err("-j all: %s", path);
		return (NULL);	/* gone, or not ours to see */
	}
	if (fstat(fd, &st) < 0 || fstatfs(fd, &sfs) < 0 ||
	    sfs.f_type != NSFS_MAGIC) {
		close(fd);
		return (NULL);
	}
	for (i = 0; i < L->n; i++)
		if (L->v[i].dev == st.st_dev && L->v[i].ino == st.st_ino) {
			close(fd);
			return (&L->v[i]);
		}
	L->v = grow(L->v, &L->cap, L->n, sizeof(*L->v));
	memset(&L->v[L->n], 0, sizeof(L->v[0]));
	L->v[L->n].dev = st.st_dev;
	L->v[L->n].ino = st.st_ino;
	L->v[L->n].fd = fd;
	return (&L->v[L->n++]);
}

/* Close the files held for the namespaces. */
static void
ns_close(struct nslist *L)
{
	size_t i;

	for (i = 0; i < L->n; i++)
		close(L->v[i].fd);
	free(L->v);
}

static int
name_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* /run/netns, in name order: the names ip netns gave. */
static void
scan_named(struct nslist *L)
{
	char path[PATH_MAX], **names = NULL;
	size_t n = 0, cap = 0, i;
	struct dirent *de;
	struct nsent *e;
	DIR *d;

	if ((d = opendir(NETNS_RUN)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = grow(names, &cap, n, sizeof(*names));
		names[n++] = xstrndup(de->d_name, strlen(de->d_name));
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		(void)snprintf(path, sizeof(path), "%s/%s", NETNS_RUN,
		    names[i]);
		if ((e = ns_add(L, path)) != NULL && !e->named) {
			e->named = 1;
			(void)snprintf(e->name, sizeof(e->name), "%s",
			    names[i]);
		}
		free(names[i]);
	}
	free(names);
}

static int
pid_cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x < y ? -1 : x > y);
}

/* Every process's namespace, in pid order. */
static void
scan_pids(struct nslist *L)
{
	char path[64], cont[128];
	long *pids = NULL, pid;
	size_t n = 0, cap = 0, i;
	struct dirent *de;
	struct nsent *e;
	DIR *d;

	if ((d = opendir("/proc")) == NULL)
		ns_err("/proc");
	while ((de = readdir(d)) != NULL) {
		if (!all_digits(de->d_name))
			continue;
		pids = grow(pids, &cap, n, sizeof(*pids));
		pids[n++] = strtol(de->d_name, NULL, 10);
	}
	closedir(d);
	if (n > 0)
		qsort(pids, n, sizeof(*pids), pid_cmp);
	for (i = 0; i < n; i++) {
		pid = pids[i];
		(void)snprintf(path, sizeof(path), "/proc/%ld/ns/net", pid);
		if ((e = ns_add(L, path)) == NULL)
			continue;
		if (e->pid == 0)
			e->pid = pid;
		if (e->named || e->name[0] != '\0')
			continue;
		pid_container(pid, cont, sizeof(cont));
		if (cont[0] != '\0')
			(void)snprintf(e->name, sizeof(e->name), "%s", cont);
	}
	free(pids);
	for (i = 0; i < L->n; i++)
		if (L->v[i].name[0] == '\0')
			(void)snprintf(L->v[i].name, sizeof(L->v[0].name),
			    "pid %ld", L->v[i].pid);
}

/* The whole of fd, until end of file. */
static char *
slurp(int fd, size_t *len)
{
	char *buf = NULL;
	size_t n = 0, cap = 0;
	ssize_t r;

	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = xreallocarray(buf, cap, 1);
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	*len = n;
	return (buf);
}

static int
put(const char *p, size_t n)
{
	ssize_t r;

	while (n > 0) {
		if ((r = write(STDOUT_FILENO, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		p += r;
		n -= (size_t)r;
	}
	return (0);
}

/* A name as a JSON string, or in text with what is not printable as '?'. */
static int
put_name(const char *s, int json)
{
	char buf[1024];
	size_t n = 0;

	if (json)
		buf[n++] = '"';
	for (; *s != '\0' && n < sizeof(buf) - 8; s++) {
		unsigned char c = (unsigned char)*s;

		if (json && (c == '"' || c == '\\')) {
			buf[n++] = '\\';
			buf[n++] = (char)c;
		} else if (json && c < 0x20)
			n += (size_t)snprintf(buf + n, 8, "\\u%04x", c);
		else
			buf[n++] = json || isprint(c) ? (char)c : '?';
	}
	if (json)
		buf[n++] = '"';
	return (put(buf, n));
}

/*
 * One namespace's output, captured from its child: a heading and the
 * tables in text; in JSON an object with its name and the members of
 * the child's document.
 */
static int
put_ns(const struct nsent *e, const char *body, size_t len, int first)
{
	char num[64];
	int json = out_style == OUT_JSON, rc;

	if (!json) {
		rc = put(first ? "" : "\n", first ? 0 : 1);
		rc |= put("Network namespace ", 18);
		rc |= put_name(e->name, 0);
		rc |= put(":\n", 2);
		return (rc | put(body, len));
	}
	rc = put(first ? "{\"namespace\":[" : ",", first ? 14 : 1);
	rc |= put("{\"name\":", 8);
	rc |= put_name(e->name, 1);
	(void)snprintf(num, sizeof(num), ",\"kind\":\"%s\",\"inode\":%llu",
	    e->named ? "netns" : strncmp(e->name, "pid ", 4) == 0 ?
	    "process" : "container", (unsigned long long)e->ino);
	rc |= put(num, strlen(num));
	while (len > 0 && isspace((unsigned char)body[len - 1]))
		len--;
	/* The child's document is one object: splice its members in. */
	if (len > 2 && body[0] == '{' && body[len - 1] == '}') {
		rc |= put(",", 1);
		rc |= put(body + 1, len - 1);
	} else
		rc |= put("}", 1);
	return (rc);
}

/*
 * Fork a child into namespace e with its standard output into a pipe;
 * returns 0 in the child (which goes on to run the mode), the parent's
 * read end otherwise.
 */
static int
spawn(const struct nsent *e, int needsys, pid_t *pidp)
{
	int p[2];

	if (pipe(p) < 0)
		ns_err("pipe");
	(void)out_flush();
	if ((*pidp = fork()) < 0)
		ns_err("fork");
	if (*pidp > 0) {
		close(p[1]);
		return (p[0]);
	}
	close(p[0]);
	if (dup2(p[1], STDOUT_FILENO) < 0)
		ns_err("dup2");
	close(p[1]);
	join_fd(e->fd, e->name);
	if (needsys)
		private_sysfs();
	return (0);
}

/*
 * -j all: returns in each child (to run the mode in its namespace);
 * the parent prints what they wrote and exits with the worst status.
 */
void
netns_all(int needsys)
{
	struct nslist L;
	struct rlimit rl;
	const char *end;
	char *body;
	size_t i, len;
	pid_t pid;
	int fd, st, status = 0, wrote = 0, failed = 0;

	/* Each child's document is spliced into one; XML is not. */
	if (out_style != OUT_TEXT && out_style != OUT_JSON)
		ns_errx("-j all: text or JSON only");
	/* A file held open for each namespace: as many as allowed. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
	memset(&L, 0, sizeof(L));
	scan_named(&L);
	scan_pids(&L);
	for (i = 0; i < L.n; i++) {
		if ((fd = spawn(&L.v[i], needsys, &pid)) == 0) {
			ns_close(&L);	/* the child is in; the list is done */
			return;
		}
		body = slurp(fd, &len);
		close(fd);
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			status = 1;
		if (put_ns(&L.v[i], body, len, !wrote) < 0)
			failed = 1;
		wrote = 1;
		free(body);
	}
	if (out_style == OUT_JSON) {
		end = wrote ? "]}\n" : "{\"namespace\":[]}\n";
		if (put(end, strlen(end)) < 0)
			failed = 1;
	}
	if (failed) {
		ns_warn("stdout");
		status = 1;
	}
	ns_close(&L);
	exit(status);
}
