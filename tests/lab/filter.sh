# Filter expressions against the kernel: sockets on known addresses and
# ports, then tests/filtertest --dump (a real SOCK_DIAG_BY_FAMILY dump with
# the expression's bytecode and states mask) against ss(8) given the same
# filter in its own words, and against the same dump without bytecode.
# Every bytecode must pass the kernel's audit (no EINVAL).

FT=${FILTERTEST:-tests/filtertest}
case $FT in /*) ;; *) FT=$PWD/$FT ;; esac

. tests/lab/filter-sockets.inc
# ss's lines as --dump prints them: "laddr:lport faddr:fport STATE".
ss_rows() {
	ss -tanH "$@" | awk '
	function ep(s) {
		sub(/:\*$/, ":0", s)
		if (s ~ /^\*:/)
			s = "[::]" substr(s, 2)
		return s
	}
	{
		st = $1
		sub(/^ESTAB$/, "ESTABLISHED", st)
		sub(/^UNCONN$/, "CLOSED", st)
		sub(/^SYN-RECV$/, "SYN_RCVD", st)
		gsub(/-/, "_", st)
		sub(/WAIT_/, "WAIT_", st)
		print ep($4), ep($5), st
	}' | sed 's/FIN_WAIT_\([12]\)/FIN_WAIT_\1/' | sort
}

# fcheck "EXPR" SS-ARGS...
fcheck() {
	_e=$1
	shift
	# shellcheck disable=SC2086
	_got=$("$FT" --dump $_e 2>"$LABTMP/ft.err" | sort)
	_rc=$?
	_nobc=$("$FT" --dump --nobc $_e 2>/dev/null | sort)
	_want=$(ss_rows "$@")
	if [ -z "$_want" ]; then
		notok "filter '$_e': ss lists nothing (the lab is not set up)"
	elif [ "$_got" = "$_want" ] && [ "$_nobc" = "$_want" ]; then
		ok "filter '$_e': as ss (rows: $(echo "$_got" | wc -l))"
	else
		notok "filter '$_e' differs from ss $*"
		printf 'got:\n%s\nnobc:\n%s\nss:\n%s\n' "$_got" "$_nobc" \
		    "$_want" | sed 's/^/#   /'
		cat "$LABTMP/ft.err" | sed 's/^/#   /'
	fi
}

# fexact "EXPR": a state-free expression's bytecode is exact, so the
# kernel returns only what matches.
fexact() {
	# shellcheck disable=SC2086
	"$FT" --dump $1 >/dev/null 2>"$LABTMP/ft.err"
	_k=$(awk '$1 == "kernel" { print $2 }' "$LABTMP/ft.err")
	_m=$(awk '$1 == "kernel" { print $4 }' "$LABTMP/ft.err")
	if [ -n "$_k" ] && [ "$_k" = "$_m" ]; then
		ok "filter '$1': the kernel returns only the $_m matches"
	else
		notok "filter '$1': kernel returned $_k, $_m match"
		cat "$LABTMP/ft.err" | sed 's/^/#   /'
	fi
}

check "filtertest is built" test -x "$FT"
check "ss is installed" command -v ss

filter_cases fcheck

fexact "port 443"
fexact "dst net 10/8 or src host 2001:db8::2"
fexact "not portrange 1-1023"
fexact "net ::ffff:0:0/96"
