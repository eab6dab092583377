/* mail.h: e-mail notifications from the outbox events, sent by the worker through SMTP (libcurl). */
#ifndef MAIL_H
#define MAIL_H

#include <stdio.h>
#include <time.h>

#include "base/config.h"
#include "base/rc.h"
#include "store/db.h"

/*
 * One pass: turns new outbox events into mails (the buyer hears of the
 * seller's and the platform's acts, the shop's sellers of the buyer's),
 * each in the recipient's language (users.locale) with a plain-text and
 * an HTML part and a link to the case under cfg->public_url, for users
 * with an address who did not turn e-mail off; then sends up to
 * cfg->worker_batch due mails through cfg->smtp_url, retrying failures
 * with events_backoff(). With no smtp_url, events are marked and nothing
 * is queued. Returns RC_OK or RC_DB.
 */
enum rc	mail_pass(struct db *db, const struct config *cfg, time_t now,
	    FILE *log);

#endif /* MAIL_H */
