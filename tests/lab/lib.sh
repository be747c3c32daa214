# Sourced by each lab script, inside its own network namespace.
# $NETSTAT is the binary, $LABTMP a scratch directory.

ns() { "$NETSTAT" "$@"; }

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; }

# check DESC CMD...: passes when CMD succeeds.
check() {
	_d=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$_d"; else notok "$_d"; fi
}

# expect_eq DESC GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		notok "$1: got '$2', want '$3'"
	fi
}

# expect_match DESC TEXT ERE: some line of TEXT matches ERE.
expect_match() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		ok "$1"
	else
		notok "$1: no line matches /$3/"
		printf '%s\n' "$2" | head -20 | sed 's/^/#   /'
	fi
}

# expect_nomatch DESC TEXT ERE: no line of TEXT matches ERE.
expect_nomatch() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		notok "$1: a line matches /$3/"
		printf '%s\n' "$2" | grep -E -- "$3" | head -5 | sed 's/^/#   /'
	else
		ok "$1"
	fi
}

# json_ok DESC CMD...: the command's output parses as JSON.
json_ok() {
	_d=$1
	shift
	if "$@" 2>/dev/null | python3 -c 'import json,sys; json.load(sys.stdin)' \
	    2>/dev/null; then
		ok "$_d"
	else
		notok "$_d: output is not valid JSON"
	fi
}

# no_trailing_blanks DESC TEXT
no_trailing_blanks() {
	expect_nomatch "$1" "$2" ' $'
}

# wait_until TENTHS CMD...: runs CMD until it succeeds, a tenth of a
# second apart, at most TENTHS times more; fails when it never did.
wait_until() {
	_wn=$1
	shift
	until "$@"; do
		[ "$_wn" -gt 0 ] || return 1
		_wn=$((_wn - 1))
		sleep 0.1
	done
	return 0
}

# gone PID: the process has ended.
gone() {
	! kill -0 "$1" 2>/dev/null
}

# end_job PID SIG: sends SIG to a background job, gives it 5 s to end
# (then kills it) and returns its exit status.
end_job() {
	kill -"$2" "$1"
	wait_until 50 gone "$1"
	kill -KILL "$1" 2>/dev/null
	wait "$1"
}

# Processes a test starts in the background are ended when it is done:
# every process in this network namespace but the shell itself.
lab_done() {
	_me=$(readlink /proc/$$/ns/net)
	for _d in /proc/[0-9]*; do
		_p=${_d#/proc/}
		[ "$_p" = $$ ] && continue
		[ "$(readlink "$_d/ns/net" 2>/dev/null)" = "$_me" ] || continue
		kill "$_p" 2>/dev/null
	done
	return 0
}
