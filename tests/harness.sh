# tests/harness.sh: sourced by the *.test scripts: a private MariaDB (and
# lighttpd) in a temporary folder, removed at exit. A test that needs the
# database fails (never skips) when it cannot start one.
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
	desk_db_start "$H" >/dev/null 2>&1 || harness_bail "cannot start MariaDB"
	desk_write_conf "$H" "$DESK_SRCDIR" -
}

# Migrates and loads the demo data.
harness_seed() {
	"$DESKCTL" migrate >"$H/log/migrate.log" 2>&1 || harness_bail "migrate failed"
	"$DESKCTL" seed-demo >"$H/log/seed.log" 2>&1 || harness_bail "seed-demo failed"
}

# Starts lighttpd with the real programs on a free port; sets DESK_URL.
harness_web() {
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	DESK_PROCS=${DESK_PROCS:-2} desk_web_start "$H" "$port" "$DESK_SRCDIR" "$DESK_BUILDDIR" \
	    >"$H/log/web-start.log" 2>&1 || harness_bail "cannot start lighttpd"
	DESK_URL="http://127.0.0.1:$port"
	export DESK_URL
}
