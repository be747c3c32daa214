/*
 * The option flags every part of the program reads, set by main.c's
 * option parsing.  Here rather than in main.c so that the test programs,
 * which link everything but main.c, have them too.
 */
#include <sys/socket.h>

#include "netstat.h"

int	Aflag, aflag, bflag, dflag, gflag, hflag, iflag, Lflag, lflag;
int	mflag, nflag, rflag, sflag, tflag, vflag, Wflag, xflag;
int	Sflag;
int	af = AF_UNSPEC;
char	*interface;
int	interval;
int	qcount;
char	*memf;
char	*fibname;
int	exit_status;
