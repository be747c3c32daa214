# netstat -- BSD netstat for Linux.  Works with BSD make and GNU make.

PROG=	netstat
OBJS=	main.o inet.o inet6.o unix.o if.o route.o mbuf.o mroute.o \
	nl.o proc.o out.o names.o stats.o util.o watch.o
SRCS=	main.c inet.c inet6.c unix.c if.c route.c mbuf.c mroute.c \
	nl.c proc.c out.c names.c stats.c util.c watch.c

CC?=		cc
CFLAGS?=	-O2 -g
WARNFLAGS=	-std=c11 -Wall -Wextra -Werror
CPPFLAGS+=	-D_GNU_SOURCE
LDLIBS=		-pthread
# Everything but main.c: what the test programs link against.
LIBSRCS=	inet.c inet6.c unix.c if.c route.c mbuf.c mroute.c \
		nl.c proc.c out.c names.c stats.c util.c watch.c
UNITSRCS=	tests/unit.c nl.c proc.c out.c names.c util.c
# The subsystems' netlink parsers under hostile bytes (tests/nlfuzz-*.c):
# each program includes one subsystem file; route.c also needs if.c.
NLFUZZ=		tests/nlfuzz-inet tests/nlfuzz-unix tests/nlfuzz-if \
		tests/nlfuzz-route
NLFUZZASAN=	tests/nlfuzz-inet-asan tests/nlfuzz-unix-asan \
		tests/nlfuzz-if-asan tests/nlfuzz-route-asan
NLFUZZSRCS=	nl.c proc.c out.c names.c stats.c util.c watch.c
NLFUZZDEPS=	$(NLFUZZSRCS) netstat.h tests/nlfuzz.h
SANFLAGS=	-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
		-fno-sanitize-recover=undefined

PREFIX?=	/usr/local
BINDIR=		$(PREFIX)/bin
MANDIR=		$(PREFIX)/share/man/man1
INSTALL?=	install

all: $(PROG)

$(PROG): $(OBJS)
	$(CC) $(LDFLAGS) -o $(PROG) $(OBJS) $(LDLIBS)

.c.o:
	$(CC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -c $<

$(OBJS): netstat.h

# The same program built with AddressSanitizer and UBSan, and the tests
# run against it.
$(PROG)-asan: $(SRCS) netstat.h
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o $(PROG)-asan $(SRCS) \
	    $(LDLIBS)

tests/unit-asan: $(UNITSRCS) netstat.h tests/formats.h
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o tests/unit-asan \
	    $(UNITSRCS) $(LDLIBS)

tests/nlfuzz-inet-asan: tests/nlfuzz-inet.c inet.c $(NLFUZZDEPS)
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o $@ tests/nlfuzz-inet.c \
	    $(NLFUZZSRCS) $(LDLIBS)

tests/nlfuzz-unix-asan: tests/nlfuzz-unix.c unix.c $(NLFUZZDEPS)
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o $@ tests/nlfuzz-unix.c \
	    $(NLFUZZSRCS) $(LDLIBS)

tests/nlfuzz-if-asan: tests/nlfuzz-if.c if.c $(NLFUZZDEPS)
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o $@ tests/nlfuzz-if.c \
	    $(NLFUZZSRCS) $(LDLIBS)

tests/nlfuzz-route-asan: tests/nlfuzz-route.c route.c if.c $(NLFUZZDEPS)
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o $@ tests/nlfuzz-route.c \
	    if.c $(NLFUZZSRCS) $(LDLIBS)

asan: $(PROG)-asan tests/unit-asan $(NLFUZZASAN)
	NETSTAT=./$(PROG)-asan UNIT=tests/unit-asan NLFUZZ="$(NLFUZZASAN)" \
	    sh tests/run

# Unit tests of the shared layers.
tests/unit: $(UNITSRCS) netstat.h tests/formats.h
	$(CC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -o tests/unit $(UNITSRCS) \
	    $(LDLIBS)

tests/nlfuzz-inet: tests/nlfuzz-inet.c inet.c $(NLFUZZDEPS)
	$(CC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -o $@ tests/nlfuzz-inet.c \
	    $(NLFUZZSRCS) $(LDLIBS)

tests/nlfuzz-unix: tests/nlfuzz-unix.c unix.c $(NLFUZZDEPS)
	$(CC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -o $@ tests/nlfuzz-unix.c \
	    $(NLFUZZSRCS) $(LDLIBS)

tests/nlfuzz-if: tests/nlfuzz-if.c if.c $(NLFUZZDEPS)
	$(CC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -o $@ tests/nlfuzz-if.c \
	    $(NLFUZZSRCS) $(LDLIBS)

tests/nlfuzz-route: tests/nlfuzz-route.c route.c if.c $(NLFUZZDEPS)
	$(CC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -o $@ tests/nlfuzz-route.c \
	    if.c $(NLFUZZSRCS) $(LDLIBS)

test: $(PROG) tests/unit $(NLFUZZ)
	NETSTAT=./$(PROG) UNIT=tests/unit NLFUZZ="$(NLFUZZ)" sh tests/run

lint:
	mandoc -Tlint -W warning netstat.1

bench: $(PROG)
	sh bench/bench.sh
	sh bench/routes.sh

install: $(PROG)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	$(INSTALL) -m 755 $(PROG) $(DESTDIR)$(BINDIR)/$(PROG)
	$(INSTALL) -m 644 netstat.1 $(DESTDIR)$(MANDIR)/netstat.1

clean:
	rm -f $(PROG) $(PROG)-asan $(OBJS) tests/unit tests/unit-asan
	rm -f $(NLFUZZ) $(NLFUZZASAN)
	rm -rf tests/tmp bench/tmp

.PHONY: all asan test lint bench install clean
