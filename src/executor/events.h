/* events.h: outgoing event webhooks: the worker fans the outbox out to the endpoints and delivers each event, signed, with retries and back-off. */
#ifndef EVENTS_H
#define EVENTS_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "base/config.h"
#include "base/rc.h"
#include "store/db.h"

/* Attempts before a delivery is given up ("failed"). */
#define EVENTS_MAX_ATTEMPTS	8

/*
 * The webhook event type of a timeline event: "case.opened",
 * "case.decided", "case.shipped_back", "case.refunded", "case.escalated",
 * "case.ruled", "case.message", else "case.updated".
 */
const char *events_type(const char *timeline_event);

/* Seconds to wait after attempt n (from 1) failed: 30 s doubling, at most an hour. */
int64_t	events_backoff(int64_t n);

/*
 * Writes the signature header value of body sent at t under secret:
 * "t=<t>,v1=<hex HMAC-SHA256(secret, "<t>." body)>" into out.
 */
void	events_sign(const char *secret, time_t t, const char *body,
	    char out[96]);

/*
 * One pass of the worker over the events: gives every new outbox event a
 * delivery per matching endpoint, then makes up to cfg->worker_batch
 * deliveries that are due (each claimed under a lease, POSTed outside any
 * transaction with cfg->webhook_timeout_ms, then recorded: delivered on a
 * 2xx, else retried after events_backoff() or failed after
 * EVENTS_MAX_ATTEMPTS); then the e-mail pass (mail_pass()). Writes a
 * line per attempt to log when not NULL.
 * Returns RC_OK, or RC_DB.
 */
enum rc	events_pass(struct db *db, const struct config *cfg, time_t now,
	    FILE *log);

#endif /* EVENTS_H */
