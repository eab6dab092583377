# scripts/lib.sh: shell functions shared by scripts/up, scripts/test and the test harness.
# Source it; it changes nothing by itself.

# Every Debian package refund-desk needs to build, run and test.
DESK_PACKAGES="libfcgi-dev libfcgi-bin libctemplate-dev libmariadb-dev
mariadb-server mariadb-client libcmocka-dev libcrypt-dev libssl-dev gettext
libcurl4-openssl-dev libjson-c-dev libgd-dev libjpeg62-turbo-dev
libpng-dev libwebp-dev libexif-dev autoconf automake libtool pkg-config gcc g++ make
lighttpd python3 tidy curl ca-certificates chromium fonts-wqy-zenhei
debhelper lintian systemd"

desk_say() { printf '==> %s\n' "$*" >&2; }
desk_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs the missing packages (apt-get update first, once).
desk_install_packages() {
	missing=""
	for p in $DESK_PACKAGES ${DESK_EXTRA_PACKAGES:-}; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		    grep -q "install ok installed" || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	desk_say "installing Debian packages:$missing"
	[ "$(id -u)" = 0 ] || desk_die "run as root to install packages"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null || desk_die "apt-get update failed"
	apt-get install -y -q --no-install-recommends $missing >/dev/null ||
	    desk_die "apt-get install failed"
}

# Installs the browser tests' npm packages (playwright-core, pinned by
# tests/browser/package-lock.json) in the checkout $1 when missing.
desk_install_browser_deps() {
	command -v node >/dev/null 2>&1 || {
		desk_say "installing Node.js"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >/dev/null ||
		    desk_die "apt-get install nodejs npm failed"
	}
	[ -d "$1/tests/browser/node_modules/playwright-core" ] && return 0
	desk_say "installing playwright-core (npm)"
	(cd "$1/tests/browser" && npm ci --no-audit --no-fund >/dev/null 2>&1) ||
	    desk_die "npm ci in tests/browser failed"
}

# Builds in the checkout $1 (configure once, then make).
desk_build() {
	(
		cd "$1" || exit 1
		if [ ! -x configure ] || [ configure.ac -nt configure ] ||
		    [ Makefile.am -nt Makefile.in ]; then
			desk_say "autoreconf"
			autoreconf -fi >/dev/null 2>&1 || autoreconf -fi || exit 1
		fi
		if [ ! -f Makefile ] || [ configure -nt Makefile ]; then
			desk_say "configure"
			./configure -q --enable-werror ${DESK_CONFIGURE_FLAGS:-} || exit 1
		fi
		desk_say "make"
		make -s -j"$(nproc)" >/dev/null || make -j1 || exit 1
	) || desk_die "the build failed"
}

# Starts a private MariaDB with its data in $1/db (made on first use),
# socket $1/run/mysqld.sock, an application account and database
# refund_desk; the password goes to $1/db-password. Safe to call again.
desk_db_start() {
	dir=$1
	mkdir -p "$dir/run" "$dir/log" "$dir/tmp"
	chmod 0700 "$dir/run" "$dir/tmp"
	sock="$dir/run/mysqld.sock"
	if ! mariadb-admin --no-defaults --socket="$sock" ping >/dev/null 2>&1; then
		if [ ! -d "$dir/db/mysql" ]; then
			# Initialised in a folder of its own and moved into place
			# only when complete, so a failed first run (a busy
			# machine) leaves nothing half-made for the next to trip
			# on. Each instance its own tmpdir: instances started at
			# once must not share temporary table files in /tmp.
			rm -rf "$dir/db" "$dir/db.new"
			mariadb-install-db --no-defaults --datadir="$dir/db.new" \
			    --tmpdir="$dir/tmp" \
			    --user=root --auth-root-authentication-method=socket \
			    --skip-test-db >"$dir/log/mariadb-install.log" 2>&1 ||
			    { tail -40 "$dir/log/mariadb-install.log" >&2;
			    rm -rf "$dir/db.new"; return 1; }
			mv "$dir/db.new" "$dir/db"
		fi
		mariadbd --no-defaults --user=root --datadir="$dir/db" \
		    --tmpdir="$dir/tmp" \
		    --socket="$sock" --skip-networking \
		    --pid-file="$dir/run/mysqld.pid" \
		    --log-error="$dir/log/mariadb.log" \
		    --innodb-buffer-pool-size=64M --innodb-log-file-size=16M \
		    --character-set-server=utf8mb4 \
		    --collation-server=utf8mb4_unicode_ci \
		    --max-connections=300 >/dev/null 2>&1 &
		i=0
		until mariadb-admin --no-defaults --socket="$sock" ping >/dev/null 2>&1; do
			i=$((i + 1))
			if [ $i -gt 300 ]; then
				tail -20 "$dir/log/mariadb.log" >&2
				return 1
			fi
			sleep 0.1
		done
	fi
	[ -s "$dir/db-password" ] ||
	    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/db-password")
	pw=$(cat "$dir/db-password")
	mariadb --no-defaults --socket="$sock" -u root <<SQL || return 1
CREATE DATABASE IF NOT EXISTS refund_desk CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'refund_desk'@'localhost' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON refund_desk.* TO 'refund_desk'@'localhost';
SQL
}

desk_db_stop() {
	mariadb-admin --no-defaults --socket="$1/run/mysqld.sock" shutdown \
	    >/dev/null 2>&1 || true
}

# Writes $1/refund-desk.conf for the checkout $2; extra "key = value"
# lines may follow on stdin when $3 is "-". The key that signs the forms
# is made once per folder ($1/form-secret) and kept.
desk_write_conf() {
	[ -s "$1/form-secret" ] ||
	    (umask 077; head -c 48 /dev/urandom | base64 | tr -d '/+=\n' > "$1/form-secret")
	{
		echo "# Written by scripts/lib.sh; edit etc/refund-desk.conf.example instead."
		echo "db_socket = $1/run/mysqld.sock"
		echo "db_name = refund_desk"
		echo "db_user = refund_desk"
		echo "db_password = $(cat "$1/db-password")"
		echo "template_dir = $2/templates"
		echo "sql_dir = $2/sql"
		echo "locale_dir = $2/po"
		echo "run_dir = $1/run"
		echo "form_secret = $(cat "$1/form-secret")"
		[ "${3:-}" = "-" ] && cat
	} > "$1/refund-desk.conf.tmp"
	chmod 0600 "$1/refund-desk.conf.tmp"
	mv "$1/refund-desk.conf.tmp" "$1/refund-desk.conf"
}

# Starts lighttpd for the run-time folder $1 on port $2, serving the
# sources in $3 and the programs built in $4. Stops an older one first.
desk_web_start() {
	desk_web_stop "$1"
	mkdir -p "$1/log" "$1/run"
	chmod 0700 "$1/run"
	DESK_VARDIR=$1 DESK_PORT=$2 DESK_SRCDIR=$3 DESK_BUILDDIR=$4 \
	    DESK_PROCS=${DESK_PROCS:-2} \
	    lighttpd -f "$3/etc/lighttpd.conf" || return 1
	i=0
	until curl -s -o /dev/null "http://127.0.0.1:$2/static/desk.css"; do
		i=$((i + 1))
		[ $i -gt 100 ] && { tail -20 "$1/log/lighttpd-error.log" >&2; return 1; }
		sleep 0.1
	done
}

desk_web_stop() {
	pidf="$1/run/lighttpd.pid"
	[ -s "$pidf" ] || return 0
	pid=$(cat "$pidf")
	if kill "$pid" 2>/dev/null; then
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
	fi
	rm -f "$pidf"
}

# Runs the worker (deskd) for the run-time folder $1 with the programs
# built in $2, under a supervisor that starts it again if it dies; both
# in a process group of their own, stopped together by desk_worker_stop.
desk_worker_start() {
	desk_worker_stop "$1"
	# The cron-style sweeper of earlier versions gives way to the worker.
	if [ -s "$1/run/sweep.pid" ]; then
		kill "$(cat "$1/run/sweep.pid")" 2>/dev/null || true
	fi
	rm -f "$1/run/sweep.pid"
	mkdir -p "$1/log" "$1/run"
	REFUND_DESK_CONF="$1/refund-desk.conf" setsid sh -c '
		trap "kill \$child 2>/dev/null; wait \$child; exit 0" TERM INT
		while :; do
			"$0" & child=$!
			wait $child
			echo "supervisor: deskd exited with status $?; starting it again in 1 s"
			sleep 1
		done' "$2/tools/deskd" >>"$1/log/deskd.log" 2>&1 </dev/null &
	echo $! > "$1/run/deskd.pid"
}

desk_worker_stop() {
	pidf="$1/run/deskd.pid"
	if [ -s "$pidf" ]; then
		pid=$(cat "$pidf")
		kill -TERM "$pid" 2>/dev/null || true
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		# Whatever of its group is left (set -e: a group gone is fine).
		kill -KILL -- "-$pid" 2>/dev/null || true
	fi
	rm -f "$pidf"
	return 0
}
