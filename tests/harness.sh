# tests/harness.sh: sourced by the *.test scripts: a private MariaDB (and
# a web server) in a temporary folder, removed at exit. A test that needs the
# database fails (never skips) when it cannot start one.
#
# DESK_SERVER chooses the web server harness_web starts from the shipped
# files in etc/: lighttpd (the default), nginx, apache (mod_proxy_fcgi) or
# apache-fcgid (see desk_web_start in scripts/lib.sh). With any but
# lighttpd the programs run as another user than root, so the database is
# reached over TCP on 127.0.0.1 (db_host, db_port); DESK_DB_TCP=1 asks for
# that with lighttpd too.
set -u
: "${DESK_SRCDIR:?run through make check}"
: "${DESK_BUILDDIR:?run through make check}"
. "$DESK_SRCDIR/scripts/lib.sh"

H=$(mktemp -d /tmp/desk-test.XXXXXX)
harness_cleanup() {
	desk_web_stop "$H"
	desk_db_stop "$H"
	rm -rf "$H"
}
trap harness_cleanup EXIT
trap 'exit 1' INT TERM

# Prints a TAP bail-out (a hard error for automake) and exits.
harness_bail() {
	echo "Bail out! $*"
	for f in "$H"/log/*.log; do
		[ -f "$f" ] || continue
		echo "# --- $f (its error lines, then its end)"
		grep -i -m 10 'error' "$f" | sed 's/^/# /'
		tail -20 "$f" | sed 's/^/# /'
	done
	exit 99
}

DESKCTL="$DESK_BUILDDIR/tools/deskctl"
export REFUND_DESK_CONF="$H/refund-desk.conf"

# Starts the database and writes the configuration; extra config lines on stdin.
harness_db() {
	if [ "${DESK_SERVER:-lighttpd}" != lighttpd ] || [ -n "${DESK_DB_TCP:-}" ]; then
		harness_free_port > "$H/db-port"
	fi
	desk_db_start "$H" >/dev/null 2>&1 || harness_bail "cannot start MariaDB"
	desk_write_conf "$H" "$DESK_SRCDIR" -
}

# Migrates and loads the demo data.
harness_seed() {
	"$DESKCTL" migrate >"$H/log/migrate.log" 2>&1 || harness_bail "migrate failed"
	"$DESKCTL" seed-demo >"$H/log/seed.log" 2>&1 || harness_bail "seed-demo failed"
}

# Prints a free TCP port on 127.0.0.1.
harness_free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Starts ${DESK_SERVER:-lighttpd} with the real programs on a free port;
# sets DESK_URL.
harness_web() {
	port=$(harness_free_port)
	DESK_PROCS=${DESK_PROCS:-2} desk_web_start "$H" "$port" "$DESK_SRCDIR" "$DESK_BUILDDIR" \
	    >"$H/log/web-start.log" 2>&1 || harness_bail "cannot start ${DESK_SERVER:-lighttpd}"
	DESK_URL="http://127.0.0.1:$port"
	export DESK_URL
}

# Runs a TAP-printing command (its arguments) and keeps its result lines,
# without their numbers, in $H/suite.tap; a command that exits non-zero (a
# crash before its plan) adds a failure of its own. harness_tap_end prints
# them all with one plan: several suites in one test script.
harness_tap() {
	"$@" > "$H/one.tap" 2> "$H/one.err"
	rc=$?
	sed -n 's/^\(ok\|not ok\) [0-9]* *-* */\1 - /p; /^#/p' "$H/one.tap" >> "$H/suite.tap"
	if [ $rc -ne 0 ]; then
		echo "not ok - ${2##*/} exited with status $rc" >> "$H/suite.tap"
		tail -20 "$H/one.err" | sed 's/^/# /' >> "$H/suite.tap"
	fi
}
harness_tap_end() {
	cat "$H/suite.tap"
	echo "1..$(grep -cE '^(ok|not ok) ' "$H/suite.tap")"
	echo "# $(grep -c '^ok ' "$H/suite.tap") passed, $(grep -c '^not ok ' "$H/suite.tap") failed"
}
