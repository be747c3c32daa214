# netstat -- BSD netstat for Linux.  Works with BSD make and GNU make.

PROG=	netstat
OBJS=	main.o inet.o inet6.o unix.o if.o iface.o route.o route_proc.o \
	mbuf.o mroute.o nl.o proc.o out.o names.o stats.o util.o watch.o \
	filter.o inet_stats.o
SRCS=	main.c inet.c inet6.c unix.c if.c iface.c route.c route_proc.c \
	mbuf.c mroute.c nl.c proc.c out.c names.c stats.c util.c watch.c \
	filter.c inet_stats.c

CC?=		cc
CFLAGS?=	-O2 -g
WARNFLAGS=	-std=c11 -Wall -Wextra -Werror
CPPFLAGS+=	-D_GNU_SOURCE
LDLIBS=		-pthread
# Everything but main.c: what the test programs link against.
LIBSRCS=	inet.c inet6.c unix.c if.c iface.c route.c route_proc.c mbuf.c \
		mroute.c nl.c proc.c out.c names.c stats.c util.c watch.c \
		filter.c inet_stats.c
UNITSRCS=	tests/unit.c nl.c proc.c out.c names.c util.c
# The filter expressions: parser, matcher, bytecode (tests/filtertest.c).
FILTERSRCS=	tests/filtertest.c filter.c nl.c proc.c out.c names.c util.c
# The subsystems' netlink parsers under hostile bytes (tests/nlfuzz-*.c):
# every one links against $(LIBSRCS).
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
route.o route_proc.o: route.h

# The same program built with AddressSanitizer and UBSan, and the tests
# run against it.
$(PROG)-asan: $(SRCS) netstat.h route.h
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o $(PROG)-asan $(SRCS) \
	    $(LDLIBS)

tests/unit-asan: $(UNITSRCS) netstat.h
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o tests/unit-asan \
	    $(UNITSRCS) $(LDLIBS)

tests/nlfuzz-inet-asan: tests/nlfuzz-inet.c $(LIBSRCS) netstat.h tests/nlfuzz.h
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o $@ tests/nlfuzz-inet.c \
	    $(LIBSRCS) $(LDLIBS)

tests/nlfuzz-unix-asan: tests/nlfuzz-unix.c $(LIBSRCS) netstat.h tests/nlfuzz.h
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o $@ tests/nlfuzz-unix.c \
	    $(LIBSRCS) $(LDLIBS)

tests/nlfuzz-if-asan: tests/nlfuzz-if.c $(LIBSRCS) netstat.h tests/nlfuzz.h
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o $@ tests/nlfuzz-if.c \
	    $(LIBSRCS) $(LDLIBS)

tests/nlfuzz-route-asan: tests/nlfuzz-route.c $(LIBSRCS) netstat.h route.h \
	    tests/nlfuzz.h
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o $@ tests/nlfuzz-route.c \
	    $(LIBSRCS) $(LDLIBS)

tests/filtertest-asan: $(FILTERSRCS) netstat.h
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o $@ $(FILTERSRCS) \
	    $(LDLIBS)

asan: $(PROG)-asan tests/unit-asan tests/filtertest-asan $(NLFUZZASAN)
	NETSTAT=./$(PROG)-asan UNIT="tests/unit-asan tests/filtertest-asan" \
	    FILTERTEST=tests/filtertest-asan NLFUZZ="$(NLFUZZASAN)" \
	    sh tests/run

# Unit tests of the shared layers.
tests/unit: $(UNITSRCS) netstat.h
	$(CC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -o tests/unit $(UNITSRCS) \
	    $(LDLIBS)

tests/filtertest: $(FILTERSRCS) netstat.h
	$(CC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -o $@ $(FILTERSRCS) $(LDLIBS)

tests/nlfuzz-inet: tests/nlfuzz-inet.c $(LIBSRCS) netstat.h tests/nlfuzz.h
	$(CC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -o $@ tests/nlfuzz-inet.c \
	    $(LIBSRCS) $(LDLIBS)

tests/nlfuzz-unix: tests/nlfuzz-unix.c $(LIBSRCS) netstat.h tests/nlfuzz.h
	$(CC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -o $@ tests/nlfuzz-unix.c \
	    $(LIBSRCS) $(LDLIBS)

tests/nlfuzz-if: tests/nlfuzz-if.c $(LIBSRCS) netstat.h tests/nlfuzz.h
	$(CC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -o $@ tests/nlfuzz-if.c \
	    $(LIBSRCS) $(LDLIBS)

tests/nlfuzz-route: tests/nlfuzz-route.c $(LIBSRCS) netstat.h route.h \
	    tests/nlfuzz.h
	$(CC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -o $@ tests/nlfuzz-route.c \
	    $(LIBSRCS) $(LDLIBS)

test: $(PROG) tests/unit tests/filtertest $(NLFUZZ)
	NETSTAT=./$(PROG) UNIT="tests/unit tests/filtertest" \
	    NLFUZZ="$(NLFUZZ)" sh tests/run

lint:
	mandoc -Tlint -W warning netstat.1

bench: $(PROG)
	sh bench/bench.sh
	sh bench/routes.sh
	sh bench/ifaces.sh

install: $(PROG)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	$(INSTALL) -m 755 $(PROG) $(DESTDIR)$(BINDIR)/$(PROG)
	$(INSTALL) -m 644 netstat.1 $(DESTDIR)$(MANDIR)/netstat.1

clean:
	rm -f $(PROG) $(PROG)-asan $(OBJS) tests/unit tests/unit-asan
	rm -f tests/filtertest tests/filtertest-asan
	rm -f $(NLFUZZ) $(NLFUZZASAN)
	rm -rf tests/tmp bench/tmp

.PHONY: all asan test lint bench install clean
