/* log.h: one line per error on stderr (the web server's error log, or the journal), with the time, the program, its pid and the request's incident id. */
#ifndef LOG_H
#define LOG_H

/*
 * Sets the incident id printed on every line until log_clear(); the
 * dispatch loop calls it when a request starts. id is copied (at most 16
 * characters). This is the one piece of per-request state outside struct
 * req: it lets the database layer log without a request in hand, and it
 * is reset at the end of every loop pass.
 */
void	log_set_incident(const char *id);
void	log_clear(void);

/* Returns the current incident id, or "-" outside a request. */
const char *log_incident(void);

/* Prints "refund-desk[pid] <incident>: error: <message>" to stderr. */
void	log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The same with "warning:", for trouble the program handled. */
void	log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "fatal: out of memory" and exits; the web server restarts us. */
void	log_oom(void) __attribute__((noreturn));

#endif /* LOG_H */
