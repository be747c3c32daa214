# netstat -- BSD netstat for Linux.  Works with BSD make and GNU make.

PROG=	netstat
OBJS=	main.o inet.o inet_stats.o inet6.o unix.o if.o iface.o route.o \
	route_proc.o mbuf.o mroute.o nl.o proc.o out.o names.o stats.o \
	util.o watch.o filter.o tcpinfo.o owners.o flags.o \
	packet.o vsock.o mptcp.o sctp.o hint.o netns.o sockwatch.o
SRCS=	main.c inet.c inet_stats.c inet6.c unix.c if.c iface.c route.c \
	route_proc.c mbuf.c mroute.c nl.c proc.c out.c names.c stats.c \
	util.c watch.c filter.c tcpinfo.c owners.c flags.c \
	packet.c vsock.c mptcp.c sctp.c hint.c netns.c sockwatch.c

CC?=		cc
CFLAGS?=	-O2 -g
# -Werror for developers and CI; a release build with a newer compiler
# may say "make WERROR=".
WERROR?=	-Werror
WARNFLAGS=	-std=c11 -Wall -Wextra $(WERROR)
VERSION=	0.9
CPPFLAGS+=	-D_GNU_SOURCE -pthread -DVERSION=\"$(VERSION)\"
LDLIBS=		-pthread
# Everything but main.c: what the test programs link against, as an
# archive, so a program takes only the objects it needs.
LIBSRCS=	inet.c inet_stats.c inet6.c unix.c if.c iface.c route.c \
		route_proc.c mbuf.c mroute.c nl.c proc.c out.c names.c \
		stats.c util.c watch.c filter.c tcpinfo.c owners.c flags.c \
		packet.c vsock.c mptcp.c sctp.c hint.c netns.c sockwatch.c
LIBOBJS=	inet.o inet_stats.o inet6.o unix.o if.o iface.o route.o \
		route_proc.o mbuf.o mroute.o nl.o proc.o out.o names.o \
		stats.o util.o watch.o filter.o tcpinfo.o owners.o flags.o \
		packet.o vsock.o mptcp.o sctp.o hint.o netns.o sockwatch.o
LIB=		tests/libnetstat.a
LIBASAN=	tests/libnetstat-asan.a
# The subsystems' netlink parsers under hostile bytes: each
# tests/nlfuzz-X program is tests/nlfuzz-X.c and $(LIB), its -asan twin
# the same under the sanitizers.
NLFUZZ=		tests/nlfuzz-inet tests/nlfuzz-unix tests/nlfuzz-if \
		tests/nlfuzz-route tests/nlfuzz-fam
NLFUZZASAN=	$(NLFUZZ:=-asan)
NLFUZZSRCS=	$(NLFUZZ:=.c)
SANFLAGS=	-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
		-fno-sanitize-recover=undefined
# libFuzzer targets over every parser of kernel data (tests/fuzz/): each
# tests/fuzz/fuzz-X is tests/fuzz/fuzz-X.c and $(LIBFUZZ), the library
# built for coverage under the sanitizers.  "make fuzz" runs each for
# FUZZTIME seconds over a corpus seeded from the fixtures and this
# machine's netlink dumps (see tests/fuzz/run).
FUZZCC?=	clang
FUZZTIME?=	60
FUZZFLAGS=	-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
		-fno-sanitize-recover=undefined
LIBFUZZ=	tests/libnetstat-fuzz.a
FUZZ1=		tests/fuzz/fuzz-proc tests/fuzz/fuzz-stats \
		tests/fuzz/fuzz-mbuf tests/fuzz/fuzz-mroute tests/fuzz/fuzz-nl \
		tests/fuzz/fuzz-rtstats
FUZZ=		$(FUZZ1) tests/fuzz/fuzz-filter
FUZZSRCS=	$(FUZZ1:=.c)
# The kernel's audit and run of inet_diag bytecode: filtertest and
# fuzz-filter check filter_bytecode() with it.
BCAUDIT=	tests/bcaudit.c
# What tests/fuzz/fuzz.h catches: ns_errx() and the memory it leaves.
FUZZWRAP=	-Wl,--wrap=ns_errx,--wrap=xcalloc,--wrap=xreallocarray \
		-Wl,--wrap=xstrndup,--wrap=grow,--wrap=free
# musl: the kernel headers it lacks, by symlink (see "make musl").
MUSLCC?=	musl-gcc
MUSLINC=	tests/musl-include

PREFIX?=	/usr/local
BINDIR=		$(PREFIX)/bin
MANDIR=		$(PREFIX)/share/man/man1
INSTALL?=	install
PROG_NAME?=	$(PROG)

all: $(PROG)

$(PROG): $(OBJS)
	$(CC) $(LDFLAGS) -o $(PROG) $(OBJS) $(LDLIBS)

.c.o:
	$(CC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -c $<

$(OBJS): netstat.h
route.o route_proc.o: route.h

$(LIB): $(LIBOBJS)
	rm -f $@
	ar rc $@ $(LIBOBJS)
	ranlib $@

# The library again under AddressSanitizer and UBSan, object by object.
$(LIBASAN): $(LIBSRCS) netstat.h route.h
	rm -rf tests/asan-obj $@
	mkdir -p tests/asan-obj
	for f in $(LIBSRCS); do \
		$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -c $$f \
		    -o tests/asan-obj/$${f%.c}.o || exit 1; \
	done
	ar rc $@ tests/asan-obj/*.o
	ranlib $@

$(NLFUZZ): $(LIB) $(NLFUZZSRCS) netstat.h route.h tests/nlfuzz.h \
    tests/check.h tests/exact.h
	$(CC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -o $@ $@.c $(LIB) $(LDLIBS)

$(NLFUZZASAN): $(LIBASAN) $(NLFUZZSRCS) netstat.h route.h tests/nlfuzz.h \
    tests/check.h tests/exact.h
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o $@ $(@:-asan=.c) \
	    $(LIBASAN) $(LDLIBS)

$(LIBFUZZ): $(LIBSRCS) netstat.h route.h
	rm -rf tests/fuzz-obj $@
	mkdir -p tests/fuzz-obj
	for f in $(LIBSRCS); do \
		$(FUZZCC) $(WARNFLAGS) $(FUZZFLAGS) -fsanitize=fuzzer-no-link \
		    $(CPPFLAGS) -c $$f -o tests/fuzz-obj/$${f%.c}.o || exit 1; \
	done
	ar rc $@ tests/fuzz-obj/*.o
	ranlib $@

$(FUZZ1): $(LIBFUZZ) $(FUZZSRCS) $(LIBSRCS) netstat.h route.h \
    tests/fuzz/fuzz.h tests/exact.h
	$(FUZZCC) $(WARNFLAGS) $(FUZZFLAGS) -fsanitize=fuzzer $(CPPFLAGS) \
	    -o $@ $@.c $(LIBFUZZ) $(LDLIBS) $(FUZZWRAP)

tests/fuzz/fuzz-filter: $(LIBFUZZ) tests/fuzz/fuzz-filter.c $(BCAUDIT) \
    tests/bcaudit.h $(LIBSRCS) netstat.h tests/fuzz/fuzz.h tests/exact.h
	$(FUZZCC) $(WARNFLAGS) $(FUZZFLAGS) -fsanitize=fuzzer $(CPPFLAGS) \
	    -o $@ tests/fuzz/fuzz-filter.c $(BCAUDIT) $(LIBFUZZ) $(LDLIBS) \
	    $(FUZZWRAP)

fuzz: $(FUZZ)
	sh tests/fuzz/run $(FUZZTIME) $(FUZZ)

# Unit tests of the shared layers.
tests/unit: tests/unit.c tests/formats.h tests/check.h tests/exact.h \
    $(LIB) netstat.h
	$(CC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -o $@ tests/unit.c $(LIB) \
	    $(LDLIBS)

tests/unit-asan: tests/unit.c tests/formats.h tests/check.h tests/exact.h \
    $(LIBASAN) netstat.h
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o $@ tests/unit.c \
	    $(LIBASAN) $(LDLIBS)

# The filter expressions: parser, matcher, bytecode.
tests/filtertest: tests/filtertest.c $(BCAUDIT) tests/bcaudit.h \
    tests/check.h $(LIB) netstat.h
	$(CC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -o $@ tests/filtertest.c \
	    $(BCAUDIT) $(LIB) $(LDLIBS)

tests/filtertest-asan: tests/filtertest.c $(BCAUDIT) tests/bcaudit.h \
    tests/check.h $(LIBASAN) netstat.h
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o $@ tests/filtertest.c \
	    $(BCAUDIT) $(LIBASAN) $(LDLIBS)

# The program with AddressSanitizer and UBSan, and the tests run on it.
$(PROG)-asan: main.c $(LIBASAN) netstat.h
	$(CC) $(WARNFLAGS) $(SANFLAGS) $(CPPFLAGS) -o $@ main.c $(LIBASAN) \
	    $(LDLIBS)

asan: $(PROG)-asan tests/unit-asan tests/filtertest-asan $(NLFUZZASAN)
	LSAN_OPTIONS=suppressions=$$PWD/tests/lsan.supp:print_suppressions=0 \
	    NETSTAT=./$(PROG)-asan UNIT="tests/unit-asan tests/filtertest-asan" \
	    FILTERTEST=tests/filtertest-asan NLFUZZ="$(NLFUZZASAN)" \
	    sh tests/run

test: $(PROG) tests/unit tests/filtertest $(NLFUZZ)
	NETSTAT=./$(PROG) UNIT="tests/unit tests/filtertest" \
	    NLFUZZ="$(NLFUZZ)" sh tests/run

# Built with musl libc, and the fixture tests run on it (not the lab
# ones).  musl has no kernel headers of its own: $(MUSLINC) links
# the system's linux/, asm/ and asm-generic/.
musl:
	rm -rf $(MUSLINC)
	mkdir -p $(MUSLINC)
	ln -s /usr/include/linux /usr/include/asm-generic $(MUSLINC)/
	arch=`$(MUSLCC) -dumpmachine`; \
	    ln -s /usr/include/$$arch/asm $(MUSLINC)/asm
	$(MUSLCC) $(WARNFLAGS) $(CFLAGS) $(CPPFLAGS) -I$(MUSLINC) \
	    -o $(PROG)-musl $(SRCS) $(LDLIBS)
	NETSTAT=./$(PROG)-musl LAB=no sh tests/run

lint:
	mandoc -Tlint -W warning netstat.1

bench: $(PROG)
	sh bench/bench.sh
	sh bench/routes.sh
	sh bench/ifaces.sh
	sh bench/netns.sh

# /usr/local/bin comes before /usr/bin in PATH: an installed netstat is
# the one a shell runs, ahead of net-tools'.  "make install
# PROG_NAME=bsdnetstat" installs it (and its page) under another name.
install: $(PROG)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	$(INSTALL) -m 755 $(PROG) $(DESTDIR)$(BINDIR)/$(PROG_NAME)
	uc=`echo $(PROG_NAME) | tr a-z A-Z`; \
	    sed -e "s/^\.Dt NETSTAT 1/.Dt $$uc 1/" \
	    -e "s/^\.Nm netstat$$/.Nm $(PROG_NAME)/" netstat.1 \
	    >$(DESTDIR)$(MANDIR)/$(PROG_NAME).1
	chmod 644 $(DESTDIR)$(MANDIR)/$(PROG_NAME).1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/$(PROG_NAME) \
	    $(DESTDIR)$(MANDIR)/$(PROG_NAME).1

clean:
	rm -f $(PROG) $(PROG)-asan $(PROG)-musl $(OBJS) $(LIB) $(LIBASAN)
	rm -f tests/unit tests/unit-asan $(NLFUZZ) $(NLFUZZASAN)
	rm -f tests/filtertest tests/filtertest-asan $(FUZZ) $(LIBFUZZ)
	rm -rf tests/fuzz-obj tests/fuzz/corpus tests/fuzz/log
	rm -rf tests/tmp tests/asan-obj $(MUSLINC) bench/tmp

.PHONY: all asan test musl lint bench install uninstall clean fuzz
