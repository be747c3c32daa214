/*
 * Benchmark helper: open `nconn` loopback TCP connections (both ends held
 * by this process, so 2 * nconn sockets) to a listener on `addr`:9000,
 * print "ready", then sleep until killed.
 *
 * usage: sockets addr nconn
 */
#include <sys/resource.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define	BATCH	512

int
main(int argc, char *argv[])
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct rlimit rl = { 20000, 20000 };
	int lfd, fd, n, i, done, one = 1;

	if (argc != 3 || inet_pton(AF_INET, argv[1], &sin.sin_addr) != 1)
		errx(1, "usage: sockets addr nconn");
	n = atoi(argv[2]);
	if (n <= 0 || 2 * n + 16 > 20000)
		errx(1, "nconn: 1 to 9992");
	(void)setrlimit(RLIMIT_NOFILE, &rl);
	sin.sin_port = htons(9000);
	if ((lfd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		err(1, "socket");
	(void)setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lfd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		err(1, "bind %s", argv[1]);
	if (listen(lfd, 4096) < 0)
		err(1, "listen");
	for (done = 0; done < n; ) {
		/* Connect a batch (the backlog holds them), then accept it. */
		for (i = 0; i < BATCH && done + i < n; i++) {
			if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
				err(1, "socket");
			if (connect(fd, (struct sockaddr *)&sin,
			    sizeof(sin)) < 0)
				err(1, "connect");
		}
		done += i;
		while (i-- > 0)
			if (accept(lfd, NULL, NULL) < 0)
				err(1, "accept");
	}
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}
