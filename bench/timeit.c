/*
 * Benchmark timer: run a command `runs` times with its output to
 * /dev/null; print the best wall time in milliseconds and the largest
 * peak RSS in KiB (getrusage's ru_maxrss of the child).
 *
 * usage: timeit runs command [args...]
 */
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	struct timespec t0, t1;
	struct rusage ru;
	double best = 1e18, ms;
	long maxrss = 0;
	int runs, i, status, devnull;
	pid_t pid;

	if (argc < 3 || (runs = atoi(argv[1])) <= 0)
		errx(1, "usage: timeit runs command [args...]");
	if ((devnull = open("/dev/null", O_WRONLY)) < 0)
		err(1, "/dev/null");
	for (i = 0; i < runs; i++) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if ((pid = fork()) < 0)
			err(1, "fork");
		if (pid == 0) {
			dup2(devnull, 1);
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		if (wait4(pid, &status, 0, &ru) < 0)
			err(1, "wait4");
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			errx(1, "%s: failed", argv[2]);
		ms = (t1.tv_sec - t0.tv_sec) * 1e3 +
		    (t1.tv_nsec - t0.tv_nsec) / 1e6;
		if (ms < best)
			best = ms;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	printf("%.1f %ld\n", best, maxrss);
	return (0);
}
