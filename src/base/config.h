/* config.h: the one configuration file (etc/refund-desk.conf) every program reads at start. */
#ifndef CONFIG_H
#define CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The environment variable that names the configuration file. */
#define CONFIG_ENV	"REFUND_DESK_CONF"
/* The file read when the variable is not set. */
#define CONFIG_DEFAULT	SYSCONFDIR "/refund-desk.conf"

/*
 * Everything the programs can be told. Strings are owned by the struct;
 * free them with config_release().
 */
struct config {
	char	*db_socket;	/* unix socket of the MariaDB server, or "" */
	char	*db_host;	/* or its host for TCP ("" : the socket) */
	int64_t	 db_port;	/* TCP port, 3306 */
	char	*db_ssl;	/* TCP: "off", "on" (TLS required), "verify" */
	char	*db_ssl_ca;	/* CA file that signed the server's certificate */
	char	*db_ssl_capath;	/* or a folder of CA files */
	char	*db_ssl_cert;	/* client certificate, with db_ssl_key */
	char	*db_ssl_key;
	char	*db_name;
	char	*db_user;
	char	*db_password;	/* may be empty (socket auth) */
	char	*template_dir;	/* root of templates/ */
	char	*sql_dir;	/* root of sql/ (deskctl) */
	char	*locale_dir;	/* po/: the message catalogues */
	size_t	 max_body_bytes;	/* whole request body */
	size_t	 max_file_bytes;	/* one uploaded file */
	size_t	 max_files;	/* files in one request */
	size_t	 max_parts;	/* fields of one multipart body */
	size_t	 max_field_bytes;	/* one non-file field */
	int64_t	 session_idle_secs;
	int64_t	 session_max_secs;
	int64_t	 admin_session_idle_secs;	/* the admin desk's, if shorter */
	int64_t	 login_max_failures;	/* per login name within the window */
	int64_t	 login_window_secs;
	int64_t	 login_addr_max_failures;	/* per client address, the same */
	char	*refund_executor;	/* "ledger" or "webhook" */
	char	*webhook_url;	/* for the webhook executor */
	int64_t	 webhook_timeout_ms;	/* one webhook call, in all */
	int64_t	 refund_max_attempts;	/* webhook calls before a refund is failed */
	int64_t	 refund_give_up_secs;	/* or this long after its first attempt */
	int64_t	 db_connect_timeout_secs;	/* MYSQL_OPT_CONNECT_TIMEOUT */
	int64_t	 db_read_timeout_secs;	/* MYSQL_OPT_READ_TIMEOUT (see db.c) */
	int64_t	 db_write_timeout_secs;	/* MYSQL_OPT_WRITE_TIMEOUT */
	char	*form_secret;	/* HMAC key of signed form tokens; "" unset */
	int64_t	 worker_batch;	/* refunds or deadlines claimed per pass */
	char	*clock_offset_file;	/* tests only: seconds to add to the clock */
	char	*run_dir;	/* run-time folder: the password-hash lock files */
	int64_t	 hash_slots;	/* password hashes at once per host; 0: half the CPUs */
	char	*trusted_proxy;	/* REMOTE_ADDR whose X-Forwarded-For is believed */
	char	*smtp_url;	/* e-mail: smtp://host:port, "" = no e-mail */
	char	*mail_from;	/* e-mail: the sender address */
	char	*public_url;	/* e-mail: the desk's address for links */
	char	*db_galera;	/* "yes": each connection waits for the cluster's writes */
	size_t	 page_cache_kb;	/* per process, pages kept a second (app/pagecache.h); 0: off */
};

/*
 * Reads the file at path (or, when path is NULL, the file named by
 * $REFUND_DESK_CONF, else CONFIG_DEFAULT) into cfg, starting from the
 * defaults. The format (etc/refund-desk.conf.example, refund-desk.conf(5)):
 * one "key = value" a line; blank lines and lines starting with '#' are
 * ignored; a bare value ends at a '#' (a comment) and loses its outer
 * blanks; a value in double quotes keeps everything ('#', blanks), with
 * \" and \\ for a quote and a backslash. A key given twice: the last
 * wins. Unknown keys, bad numbers, numbers out of their range
 * (refund_max_attempts, refund_give_up_secs and worker_batch at least 1;
 * the db_*_timeout_secs 1 to 3600; db_port 1 to 65535), missing required
 * keys (db_socket or db_host, not both; db_name, db_user, template_dir)
 * are errors; so is a file anyone may write, or read when it holds
 * db_password or form_secret. form_secret's length is not checked here: a
 * program that signs forms checks it (form_secret_ok()) at start.
 * Returns 0, or -1 with *err set to one line naming the file, the line
 * and the key, and the reason (free it), and nothing left to release in
 * cfg. After success cfg->db_socket is "" when db_host is set.
 */
int	config_load(const char *path, struct config *cfg, char **err);

/*
 * Reads and parses the file like config_load() without checking its mode,
 * which it gives in *st (deskctl check-config reports the mode itself).
 */
struct stat;
int	config_read(const char *path, struct config *cfg, struct stat *st,
	    char **err);

/* Parses the text of a configuration file; the same contract. */
int	config_parse(const char *text, struct config *cfg, char **err);

/* Frees the strings held by cfg. */
void	config_release(struct config *cfg);

#endif /* CONFIG_H */
