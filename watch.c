/*
 * The -w loop, one for every interval display: a tick every interval
 * seconds on a monotonic deadline, so a slow tick does not push the next
 * one late.  It ends after -q ticks, on SIGINT, SIGTERM or SIGHUP, when a
 * tick fails, or when the output can no longer be written.  The signals
 * stay blocked while it runs and are taken by sigtimedwait(), so one
 * that arrives between the check and the sleep is not lost, and a tick
 * is never cut short: JSON output always closes.
 */
#include <pthread.h>
#include <signal.h>
#include <time.h>

#include "netstat.h"

static const int endsigs[] = { SIGINT, SIGTERM, SIGHUP };

/* The end signals that were not ignored on entry (nohup keeps its own). */
static void
end_signals(sigset_t *set)
{
	struct sigaction sa;
	size_t i;

	sigemptyset(set);
	for (i = 0; i < sizeof(endsigs) / sizeof(endsigs[0]); i++)
		if (sigaction(endsigs[i], NULL, &sa) == 0 &&
		    sa.sa_handler != SIG_IGN)
			sigaddset(set, endsigs[i]);
}

/* Sleep until the deadline; 1 when an end signal came first. */
static int
wait_until(const struct timespec *deadline, const sigset_t *set)
{
	struct timespec now, left;

	for (;;) {
		(void)clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > deadline->tv_sec ||
		    (now.tv_sec == deadline->tv_sec &&
		    now.tv_nsec >= deadline->tv_nsec))
			return (0);
		left.tv_sec = deadline->tv_sec - now.tv_sec;
		left.tv_nsec = deadline->tv_nsec - now.tv_nsec;
		if (left.tv_nsec < 0) {
			left.tv_sec--;
			left.tv_nsec += 1000000000L;
		}
		if (sigtimedwait(set, NULL, &left) > 0)
			return (1);
	}
}

/*
 * Block the end signals now, before the first sample: one that comes
 * while the display is being set up waits for the loop instead of
 * killing a half-written document.  Blocked before any thread exists,
 * every thread inherits the mask.
 */
void
watch_block(void)
{
	sigset_t set;

	end_signals(&set);
	(void)pthread_sigmask(SIG_BLOCK, &set, NULL);
}

/*
 * Call tick(arg) each interval.  tick returns 0 to go on, -1 when the
 * display must end (it has said why and set the exit status).  Returns
 * 0 when the display ended as asked (-q or a signal), -1 otherwise.
 */
int
watch(int (*tick)(void *), void *arg)
{
	struct timespec deadline;
	sigset_t set;
	int n, rc = 0;

	/* Left blocked after: a late signal must not cut the closing. */
	end_signals(&set);
	(void)pthread_sigmask(SIG_BLOCK, &set, NULL);
	(void)clock_gettime(CLOCK_MONOTONIC, &deadline);
	for (n = 0; qcount == 0 || n < qcount; n++) {
		deadline.tv_sec += interval;
		if (wait_until(&deadline, &set))
			break;
		out_tick();	/* JSON and XML: the interval's time */
		if (tick(arg) < 0) {
			rc = -1;
			break;
		}
		if (out_flush() != 0) {
			rc = -1;
			break;
		}
	}
	return (rc);
}
