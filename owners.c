/*
 * Socket owners (-v): which process holds each socket, from one scan of
 * /proc/[0-9]*\/fd (or the -M tree's), made only when asked for and
 * shared by every table that shows a process:pid column.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

/*
 * -v: which process holds each socket, from one scan of /proc/[0-9]*\/fd
 * (or the -M tree's).  An open-addressed table maps inodes to an index
 * into the table of processes; the first process found (lowest pid)
 * wins.
 */
struct owner {
	int	pid;
	char	comm[32];
};

static struct owner *owners;
static size_t	nowners, ownercap;
static unsigned long long *own_ino;
static unsigned int *own_idx;
static size_t	own_cap, own_n;
static int	owners_loaded;
static int	owners_denied;	/* another user's fd/ was closed to us */

static size_t
ino_hash(unsigned long long ino, size_t cap)
{
	return ((size_t)((ino * 0x9e3779b97f4a7c15ULL) >> 20) & (cap - 1));
}

static int
own_grow(void)
{
	unsigned long long *ni;
	unsigned int *nx;
	size_t ncap = own_cap ? own_cap * 2 : 4096, i, h;

	ni = calloc(ncap, sizeof(*ni));
	nx = calloc(ncap, sizeof(*nx));
	if (ni == NULL || nx == NULL) {
		free(ni);
		free(nx);
		return (-1);
	}
	for (i = 0; i < own_cap; i++) {
		if (own_ino[i] == 0)
			continue;
		for (h = ino_hash(own_ino[i], ncap); ni[h] != 0;
		    h = (h + 1) & (ncap - 1))
			;
		ni[h] = own_ino[i];
		nx[h] = own_idx[i];
	}
	free(own_ino);
	free(own_idx);
	own_ino = ni;
	own_idx = nx;
	own_cap = ncap;
	return (0);
}

static void
own_add(unsigned long long ino, unsigned int idx)
{
	size_t h;

	if (ino == 0)
		return;
	if ((own_n + 1) * 2 > own_cap && own_grow() < 0)
		return;
	for (h = ino_hash(ino, own_cap); own_ino[h] != 0;
	    h = (h + 1) & (own_cap - 1))
		if (own_ino[h] == ino)
			return;
	own_ino[h] = ino;
	own_idx[h] = idx;
	own_n++;
}

static const struct owner *
own_find(unsigned long long ino)
{
	size_t h;

	if (ino == 0 || own_cap == 0)
		return (NULL);
	for (h = ino_hash(ino, own_cap); own_ino[h] != 0;
	    h = (h + 1) & (own_cap - 1))
		if (own_ino[h] == ino)
			return (&owners[own_idx[h]]);
	return (NULL);
}

/* "socket:[12345]" -> 12345; 0 when the link is not a socket. */
static unsigned long long
socket_link_inode(const char *s, size_t n)
{
	unsigned long long v;

	if (n < 10 || memcmp(s, "socket:[", 8) != 0 || s[n - 1] != ']')
		return (0);
	if (proc_ull(s + 8, n - 9, 10, &v) < 0)
		return (0);
	return (v);
}

static void
read_comm(int piddir, struct owner *o)
{
	ssize_t n;
	int fd;

	(void)strcpy(o->comm, "-");
	if ((fd = openat(piddir, "comm", O_RDONLY | O_CLOEXEC)) < 0)
		return;
	n = read(fd, o->comm, sizeof(o->comm) - 1);
	close(fd);
	if (n <= 0) {
		(void)strcpy(o->comm, "-");
		return;
	}
	if (o->comm[n - 1] == '\n')
		n--;
	o->comm[n] = '\0';
	if (n == 0)
		(void)strcpy(o->comm, "-");
}

/* A process that holds sockets: 0, or -1 when there is no room. */
static int
owner_new(int piddir, int pid)
{
	struct owner *no;
	size_t ncap;

	if (nowners == ownercap) {
		ncap = ownercap ? ownercap * 2 : 64;
		if ((no = realloc(owners, ncap * sizeof(*no))) == NULL)
			return (-1);
		owners = no;
		ownercap = ncap;
	}
	owners[nowners].pid = pid;
	read_comm(piddir, &owners[nowners]);
	nowners++;
	return (0);
}

static void
scan_process(int rootfd, const char *pidname, int pid)
{
	char link[64];
	struct dirent *de;
	unsigned long long ino;
	ssize_t n;
	DIR *d;
	int piddir, fddir, counted = 0;

	if ((piddir = openat(rootfd, pidname, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) < 0)
		return;
	if ((fddir = openat(piddir, "fd", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) < 0 || (d = fdopendir(fddir)) == NULL) {
		if (fddir < 0 && (errno == EACCES || errno == EPERM))
			owners_denied = 1;
		if (fddir >= 0)
			close(fddir);
		close(piddir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		n = readlinkat(fddir, de->d_name, link, sizeof(link));
		if (n <= 0 || (ino = socket_link_inode(link, (size_t)n)) == 0)
			continue;
		if (!counted && owner_new(piddir, pid) < 0)
			break;
		counted = 1;
		own_add(ino, (unsigned int)(nowners - 1));
	}
	closedir(d);
	close(piddir);
}

static void
load_owners(void)
{
	struct dirent *de;
	unsigned long long pid;
	DIR *d;
	int rootfd;

	owners_loaded = 1;
	if ((rootfd = open(proc_root(), O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) < 0)
		return;
	if ((d = fdopendir(rootfd)) == NULL) {
		close(rootfd);
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (proc_ull(de->d_name, strlen(de->d_name), 10, &pid) == 0 &&
		    pid > 0 && pid <= 0x7fffffff)
			scan_process(rootfd, de->d_name, (int)pid);
	closedir(d);
	if (owners_denied)	/* why some rows show "-", once */
		ns_notice("some process owners unknown: not permitted to "
		    "read other users' /proc/PID/fd (run as root)");
}

/*
 * The process holding socket ino, for the live view's -v (sockwatch.c):
 * its pid and name, 0 when none.  fresh scans /proc again first, for the
 * sockets opened since the last scan.
 */
int
inet_owner(unsigned long long ino, int fresh, char *comm, size_t len)
{
	const struct owner *o;

	if (fresh) {
		nowners = own_n = 0;
		if (own_cap > 0)
			memset(own_ino, 0, own_cap * sizeof(*own_ino));
		owners_loaded = 0;
	}
	if (!owners_loaded)
		load_owners();
	if ((o = own_find(ino)) == NULL)
		return (0);
	(void)snprintf(comm, len, "%s", o->comm);
	return (o->pid);
}

/* " process:pid" of the socket with inode ino, or " -"; unix.c too. */
void
sock_owner(unsigned long long ino)
{
	const struct owner *o;

	if (!owners_loaded)
		load_owners();
	if ((o = own_find(ino)) == NULL) {
		out_str(NULL, " %s", "-");
		return;
	}
	out_str("process", " %s", o->comm);
	out_uint("pid", ":%u", (unsigned int)o->pid);
}

