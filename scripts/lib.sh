# scripts/lib.sh: shell functions shared by scripts/up, scripts/test and the test harness.
# Source it; it changes nothing by itself.

# Every Debian package refund-desk needs to build, run and test.
DESK_PACKAGES="libfcgi-dev libfcgi-bin libctemplate-dev libmariadb-dev
mariadb-server mariadb-client libcmocka-dev libcrypt-dev libssl-dev gettext
libcurl4-openssl-dev libjson-c-dev libjpeg62-turbo-dev
libpng-dev libwebp-dev libexif-dev autoconf automake libtool pkg-config gcc g++ make
galera-4 mariadb-backup socat iproute2 procps
lighttpd python3 tidy curl ca-certificates chromium fonts-wqy-zenhei
debhelper lintian systemd
apache2 libapache2-mod-fcgid libapache2-mod-qos nginx spawn-fcgi multiwatch"

# Whether the server on the socket $1 answers (scripts/galera redefines
# it: a Galera node must also be synced with its cluster).
desk_db_ready() {
	mariadb-admin --no-defaults --socket="$1" ping >/dev/null 2>&1
}

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
	if ! desk_db_ready "$sock"; then
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
		# Over TCP on 127.0.0.1 too when $dir/db-port names a port
		# (the tests of db_host, and programs that run as another
		# user, for whom the socket's folder is closed).
		net=--skip-networking
		[ -s "$dir/db-port" ] &&
		    net="--port=$(cat "$dir/db-port") --bind-address=127.0.0.1 --skip-name-resolve"
		# More server options, one line (tests: TLS certificates).
		[ -s "$dir/db-args" ] && net="$net $(cat "$dir/db-args")"
		if [ -f "$dir/my.cnf" ]; then
			# All options from the file (scripts/galera: its SST
			# scripts hand the command line to mariadb-backup, which
			# refuses server options there).
			mariadbd --defaults-file="$dir/my.cnf" >/dev/null 2>&1 &
		else
		# $net last: the last of two same options wins, so db-args
		# can set the buffer pool (the bench starts with its own).
		mariadbd --no-defaults --user=root --datadir="$dir/db" \
		    --tmpdir="$dir/tmp" \
		    --socket="$sock" \
		    --pid-file="$dir/run/mysqld.pid" \
		    --log-error="$dir/log/mariadb.log" \
		    --innodb-buffer-pool-size=64M --innodb-log-file-size=16M \
		    --character-set-server=utf8mb4 \
		    --collation-server=utf8mb4_unicode_ci \
		    --max-connections=300 $net >/dev/null 2>&1 &
		fi
		dbpid=$!
		i=0
		# Tenths of a second to wait (a Galera joiner copies its data).
		until desk_db_ready "$sock"; do
			i=$((i + 1))
			if [ $i -gt "${DESK_DB_WAIT:-300}" ] ||
			    ! kill -0 $dbpid 2>/dev/null; then
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
CREATE USER IF NOT EXISTS 'refund_desk'@'127.0.0.1' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON refund_desk.* TO 'refund_desk'@'127.0.0.1';
SQL
}

# Stops the database of the folder $1 and waits (up to ten minutes) for
# its process to be gone. mariadb-admin would wait for the pid file to
# go, for up to an hour: a server that died on its way out (a Galera node
# of tests/scale/galera.test did, once) leaves the file behind, so the
# process is watched instead.
desk_db_stop() {
	_pid=$(cat "$1/run/mysqld.pid" 2>/dev/null || true)
	mariadb-admin --no-defaults --socket="$1/run/mysqld.sock" \
	    --shutdown-timeout=0 shutdown >/dev/null 2>&1 || true
	[ -n "$_pid" ] || return 0
	_i=0
	while kill -0 "$_pid" 2>/dev/null && [ $_i -lt 6000 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	# Its pid file, when the server did not remove it.
	kill -0 "$_pid" 2>/dev/null || rm -f "$1/run/mysqld.pid"
}

# Writes $1/refund-desk.conf for the checkout $2; extra "key = value"
# lines may follow on stdin when $3 is "-". The key that signs the forms
# is made once per folder ($1/form-secret) and kept.
desk_write_conf() {
	[ -s "$1/form-secret" ] ||
	    (umask 077; head -c 48 /dev/urandom | base64 | tr -d '/+=\n' > "$1/form-secret")
	{
		echo "# Written by scripts/lib.sh; edit etc/refund-desk.conf.example instead."
		if [ -s "$1/db-port" ]; then
			echo "db_host = 127.0.0.1"
			echo "db_port = $(cat "$1/db-port")"
		else
			echo "db_socket = $1/run/mysqld.sock"
		fi
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

# Starts the web server ${DESK_SERVER:-lighttpd} (lighttpd, nginx, apache:
# Apache with mod_proxy_fcgi, or apache-fcgid: Apache with mod_fcgid) for
# the run-time folder $1 on 127.0.0.1 port $2, serving the sources in $3
# and the programs built in $4, from the shipped files in $3/etc. Stops an
# older one first. lighttpd spawns the programs itself, as this user;
# nginx and apache talk to programs run by spawn-fcgi and multiwatch
# (desk_fcgi_start) as ${DESK_FCGI_USER:-nobody}, never root, and Apache
# with mod_fcgid spawns them as www-data: for those the configuration file
# is given that user's group (0640) and the database must be reached over
# TCP ($1/db-port, see desk_db_start).
desk_web_start() {
	desk_web_stop "$1"
	mkdir -p "$1/log" "$1/run"
	chmod 0700 "$1/run"
	case ${DESK_SERVER:-lighttpd} in
	lighttpd)
		DESK_VARDIR=$1 DESK_PORT=$2 DESK_SRCDIR=$3 DESK_BUILDDIR=$4 \
		    DESK_PROCS=${DESK_PROCS:-2} \
		    lighttpd -f "$3/etc/lighttpd.conf" || return 1
		;;
	nginx)
		desk_fcgi_start "$1" "$4" || return 1
		desk_nginx_start "$1" "$2" "$3" || return 1
		;;
	apache)
		desk_fcgi_start "$1" "$4" || return 1
		desk_apache_start "$1" "$2" "$3" "$4" apache-proxy-fcgi.conf ||
		    return 1
		;;
	apache-fcgid)
		desk_apache_start "$1" "$2" "$3" "$4" apache-fcgid.conf ||
		    return 1
		;;
	*)
		echo "DESK_SERVER: lighttpd, nginx, apache or apache-fcgid," \
		    "not '$DESK_SERVER'" >&2
		return 1
		;;
	esac
	i=0
	until curl -s -o /dev/null "http://127.0.0.1:$2/static/desk.css"; do
		i=$((i + 1))
		[ $i -gt 100 ] && { tail -20 "$1"/log/*error*.log >&2; return 1; }
		sleep 0.1
	done
}

# Rewrites the production paths of a shipped server file $1 for the
# run-time folder $2, the sources $3, the programs built in $4 and port $5.
desk_server_paths() {
	sed -e "s|/usr/share/refund-desk/static|$3/static|g" \
	    -e "s|/run/refund-desk/|$2/fcgi/|g" \
	    -e "s|/usr/lib/refund-desk|$4/cgi-bin|g" \
	    -e "s|/etc/refund-desk/refund-desk.conf|$2/refund-desk.conf|g" \
	    -e "s|^\([[:space:]]*\)listen 80;|\1listen 127.0.0.1:$5;|" \
	    -e "/^[[:space:]]*listen \[::\]:80;/d" "$1"
}

# Lets the user $2 (group $3) into the run-time folder $1 and read its
# configuration file (0640, that group), as a package install would.
# Lets user $2 reach what is under folder $1 (the checkout, whose programs,
# templates and catalogues it runs and reads): search permission (o+x, not
# read) on each folder above it that does not give it already, as a
# checkout in a 0700 folder (mktemp -d) needs.
desk_reachable() {
	su -s /bin/sh "$2" -c "test -x '$1'" 2>/dev/null && return 0
	d=$1
	while [ "$d" != / ]; do
		chmod o+x "$d" || return 1
		d=$(dirname "$d")
	done
}

desk_share_conf() {
	chmod 0711 "$1"
	# A run_dir the programs may write (the password-hash slots, the
	# caches' generation counter), as systemd's RuntimeDirectory= gives
	# them; $1/run stays root's.
	mkdir -p "$1/prun" && chown "$2:$3" "$1/prun" && chmod 0750 "$1/prun" &&
	    sed "s|^run_dir = .*|run_dir = $1/prun|" "$1/refund-desk.conf" \
	    > "$1/refund-desk.conf.tmp" && mv "$1/refund-desk.conf.tmp" \
	    "$1/refund-desk.conf" || return 1
	chgrp "$3" "$1/refund-desk.conf" && chmod 0640 "$1/refund-desk.conf"
}

# Runs each program under spawn-fcgi -n (it binds the socket
# $1/fcgi/DESK.sock for www-data only, then becomes ${DESK_FCGI_USER:-nobody})
# and multiwatch (which forks ${DESK_PROCS:-2} processes and replaces
# those that die), inside a loop that starts it all again when multiwatch
# gives up; the programs' error lines go to $1/log/programs.log: the
# commands etc/nginx.conf shows, under a shell loop instead of systemd.
desk_fcgi_start() {
	u=${DESK_FCGI_USER:-nobody}
	g=$(id -gn "$u")
	desk_reachable "$2/cgi-bin" "$u" || return 1
	desk_share_conf "$1" "$u" "$g" || return 1
	mkdir -p "$1/fcgi"
	chgrp www-data "$1/fcgi" && chmod 0750 "$1/fcgi"
	for d in buyer seller admin; do
		REFUND_DESK_CONF="$1/refund-desk.conf" setsid sh -c '
			trap "kill \$child 2>/dev/null; wait \$child; exit 0" TERM INT
			while :; do
				spawn-fcgi -n -s "$1" -M 0660 -U www-data -G www-data \
				    -u "$2" -g "$3" -- \
				    /usr/bin/multiwatch -f "$4" -- "$5" & child=$!
				wait $child
				echo "supervisor: $5 exited with status $?; starting it again in 1 s"
				sleep 1
			done' sh "$1/fcgi/$d.sock" "$u" "$g" "${DESK_PROCS:-2}" \
		    "$2/cgi-bin/$d.fcgi" >>"$1/log/programs.log" 2>&1 </dev/null &
		echo $! > "$1/run/fcgi-$d.pid"
	done
	for d in buyer seller admin; do
		i=0
		until [ -S "$1/fcgi/$d.sock" ]; do
			i=$((i + 1))
			[ $i -gt 100 ] && { tail -20 "$1/log/programs.log" >&2; return 1; }
			sleep 0.1
		done
	done
}

desk_fcgi_stop() {
	for pidf in "$1"/run/fcgi-*.pid; do
		[ -s "$pidf" ] || continue
		pid=$(cat "$pidf")
		# The loop, spawn-fcgi's multiwatch and the programs: one group.
		kill -TERM "-$pid" 2>/dev/null || true
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -KILL "-$pid" 2>/dev/null || true
		rm -f "$pidf"
	done
	return 0
}

# nginx from a main file like Debian's /etc/nginx/nginx.conf (user www-data,
# worker_connections raised as etc/nginx.conf asks) that includes
# etc/nginx.conf with its paths rewritten.
desk_nginx_start() {
	mkdir -p "$1/nginx"
	# What Debian's /etc/nginx holds beside nginx.conf.
	ln -sf /etc/nginx/fastcgi_params "$1/nginx/fastcgi_params"
	desk_server_paths "$3/etc/nginx.conf" "$1" "$3" "$3" "$2" \
	    > "$1/nginx/refund-desk.conf"
	cat > "$1/nginx/nginx.conf" <<CONF
user www-data;
worker_processes 2;
pid $1/run/nginx.pid;
error_log $1/log/nginx-error.log;
worker_rlimit_nofile 16384;
events { worker_connections 8192; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log $1/log/nginx-access.log;
	include $1/nginx/refund-desk.conf;
}
CONF
	nginx -c "$1/nginx/nginx.conf" -g "daemon on;" \
	    2>>"$1/log/nginx-error.log" || return 1
}

# Apache (event MPM, as www-data) from a main file like Debian's
# apache2.conf with the modules the shipped file $5 asks for, which it
# includes with its paths rewritten.
desk_apache_start() {
	mkdir -p "$1/apache/run"
	m=/usr/lib/apache2/modules
	desk_server_paths "$3/etc/$5" "$1" "$3" "$4" "$2" \
	    > "$1/apache/refund-desk.conf"
	if [ "$5" = apache-fcgid.conf ]; then
		desk_reachable "$4/cgi-bin" www-data &&
		    desk_reachable "$3/templates" www-data &&
		    desk_share_conf "$1" www-data www-data || return 1
		mods="fcgid"
	else
		mods="proxy proxy_fcgi"
	fi
	{
		echo "ServerRoot /etc/apache2"
		echo "ServerName 127.0.0.1"
		echo "DefaultRuntimeDir $1/apache/run"
		echo "PidFile $1/run/apache2.pid"
		echo "Listen 127.0.0.1:$2"
		echo "User www-data"
		echo "Group www-data"
		echo "ErrorLog $1/log/apache-error.log"
		echo "LogLevel warn"
		echo "TypesConfig /etc/mime.types"
		# As Debian's default modules and the a2enmod lines of the
		# shipped file (which loads mod_qos itself).
		for x in mpm_event authz_core authz_host mime alias headers \
		    reqtimeout $mods; do
			echo "LoadModule ${x}_module $m/mod_$x.so"
		done
		if [ "$5" = apache-fcgid.conf ]; then
			echo "FcgidIPCDir $1/apache/fcgid"
			echo "FcgidProcessTableFile $1/apache/run/fcgid_shm"
		fi
		echo "Include $1/apache/refund-desk.conf"
	} > "$1/apache/apache2.conf"
	[ "$5" = apache-fcgid.conf ] && mkdir -p "$1/apache/fcgid" &&
	    chown www-data "$1/apache/fcgid"
	chgrp www-data "$1/apache" "$1/apache/run" && chmod 0750 "$1/apache"
	apache2 -f "$1/apache/apache2.conf" -k start \
	    2>>"$1/log/apache-error.log" || return 1
}

desk_web_stop() {
	for pidf in "$1/run/lighttpd.pid" "$1/run/nginx.pid" \
	    "$1/run/apache2.pid"; do
		[ -s "$pidf" ] || continue
		pid=$(cat "$pidf")
		if kill "$pid" 2>/dev/null; then
			i=0
			while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
				sleep 0.1
				i=$((i + 1))
			done
		fi
		rm -f "$pidf"
	done
	desk_fcgi_stop "$1"
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
		kill -KILL "-$pid" 2>/dev/null || true
	fi
	rm -f "$pidf"
	return 0
}
