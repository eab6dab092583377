/* sql.c: the text of every SQL statement, indexed by enum sql; nothing builds SQL at run time. */
#include "store/sql.h"

const struct sql_text sql_texts[SQL__MAX] = {
	[SQL_MIGRATIONS_CREATE] = { "migrations_create",
	  "CREATE TABLE IF NOT EXISTS schema_migrations ("
	  " version INT NOT NULL PRIMARY KEY COMMENT 'number of the file',"
	  " name VARCHAR(255) NOT NULL COMMENT 'file name',"
	  " sha256 CHAR(64) NOT NULL COMMENT 'hex SHA-256 of the file as run',"
	  " applied_at DATETIME NOT NULL COMMENT 'when it ran (UTC)'"
	  ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 "
	  "COMMENT='Schema migrations that deskctl migrate has applied'" },
	[SQL_MIGRATIONS_LIST] = { "migrations_list",
	  "SELECT version, name, sha256 FROM schema_migrations ORDER BY version" },
	[SQL_MIGRATION_RECORD] = { "migration_record",
	  "INSERT INTO schema_migrations (version, name, sha256, applied_at) "
	  "VALUES (?, ?, ?, ?)" },

	[SQL_USER_BY_LOGIN] = { "user_by_login",
	  "SELECT id, role, password_hash, disabled FROM users WHERE login = ?" },
	[SQL_USER_INSERT] = { "user_insert",
	  "INSERT INTO users (role, login, display_name, password_hash, "
	  "shop_id, created_at) VALUES (?, ?, ?, ?, ?, ?)" },
	[SQL_USER_SET_HASH] = { "user_set_hash",
	  "UPDATE users SET password_hash = ? WHERE id = ?" },
	[SQL_SHOP_BY_NAME] = { "shop_by_name",
	  "SELECT id FROM shops WHERE name = ?" },
	[SQL_LOGIN_FAILURES_COUNT] = { "login_failures_count",
	  "SELECT COUNT(*), COALESCE(UNIX_TIMESTAMP(MIN(failed_at)), 0) "
	  "FROM login_failures WHERE user_id = ? AND failed_at > ?" },
	[SQL_LOGIN_FAILURE_ADD] = { "login_failure_add",
	  "INSERT INTO login_failures (user_id, failed_at) VALUES (?, ?)" },
	[SQL_LOGIN_FAILURES_CLEAR] = { "login_failures_clear",
	  "DELETE FROM login_failures WHERE user_id = ? OR failed_at < ?" },

	[SQL_SESSION_INSERT] = { "session_insert",
	  "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, "
	  "last_seen_at, user_agent) VALUES (?, ?, ?, ?, ?, ?)" },
	[SQL_SESSION_GET] = { "session_get",
	  "SELECT s.user_id, s.csrf_token, UNIX_TIMESTAMP(s.created_at), "
	  "UNIX_TIMESTAMP(s.last_seen_at), u.role, u.login, u.display_name, "
	  "COALESCE(u.shop_id, 0), u.timezone, u.locale "
	  "FROM sessions s JOIN users u ON u.id = s.user_id "
	  "WHERE s.id_hash = ? AND u.disabled = 0" },
	[SQL_SESSION_TOUCH] = { "session_touch",
	  "UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?" },
	[SQL_SESSION_DELETE] = { "session_delete",
	  "DELETE FROM sessions WHERE id_hash = ?" },
	[SQL_SESSION_PURGE] = { "session_purge",
	  "DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?" },

	[SQL_ORDERS_COUNT_BY_BUYER] = { "orders_count_by_buyer",
	  "SELECT COUNT(*) FROM orders WHERE buyer_id = ?" },
	[SQL_ORDER_LINES_BY_BUYER_PAGE] = { "order_lines_by_buyer_page",
	  "SELECT o.id, o.order_no, s.name, o.currency, o.total_paid_cents, "
	  "UNIX_TIMESTAMP(o.paid_at), UNIX_TIMESTAMP(o.shipped_at), "
	  "UNIX_TIMESTAMP(o.delivered_at), l.id, l.title, l.sku, l.quantity, "
	  "l.paid_cents, l.refunded_cents, l.pending_cents, "
	  "COALESCE(k.open_id, 0), COALESCE(k.n, 0), COALESCE(k.last_id, 0), "
	  "COALESCE(UNIX_TIMESTAMP(o.expected_delivery_at), 0), l.variant, "
	  "l.picture_url "
	  "FROM orders o JOIN shops s ON s.id = o.shop_id "
	  "JOIN order_lines l ON l.order_id = o.id "
	  /* The buyer's case lines, counted once per line. */
	  "LEFT JOIN (SELECT c.order_line_id, COUNT(*) AS n, "
	  "MAX(c.case_id) AS last_id, "
	  "MAX(CASE WHEN c.open_line_id IS NOT NULL THEN c.case_id END) "
	  "AS open_id FROM case_lines c JOIN orders b ON b.id = c.order_id "
	  "WHERE b.buyer_id = ? GROUP BY c.order_line_id) k "
	  "ON k.order_line_id = l.id "
	  "WHERE o.buyer_id = ? AND o.id IN (SELECT id FROM (SELECT id FROM "
	  "orders WHERE buyer_id = ? ORDER BY paid_at DESC, id DESC "
	  "LIMIT ? OFFSET ?) page) "
	  "ORDER BY o.paid_at DESC, o.id DESC, l.line_no" },

	[SQL_QUEUE_BY_SHOP] = { "queue_by_shop",
	  "SELECT c.id, c.rma_no, c.type, c.state, c.requested_cents, "
	  "c.currency, COALESCE(UNIX_TIMESTAMP(c.deadline_at), 0), o.order_no, "
	  "u.display_name FROM cases c JOIN orders o ON o.id = c.order_id "
	  "JOIN users u ON u.id = c.buyer_id "
	  "WHERE c.shop_id = ? AND c.state NOT IN ('refunded', 'exchanged', "
	  "'closed') "
	  "ORDER BY c.deadline_at IS NULL, c.deadline_at, c.id LIMIT 500" },
	[SQL_SHOP_GET] = { "shop_get",
	  "SELECT id, name, currency FROM shops WHERE id = ?" },

	[SQL_POLICY_CURRENT] = { "policy_current",
	  "SELECT id, version, UNIX_TIMESTAMP(published_at), "
	  "return_window_days, seller_response_hours, buyer_response_hours, "
	  "buyer_ship_days, seller_receive_days, seller_reship_days, "
	  "buyer_confirm_days, platform_ruling_days, escalation_days, "
	  "max_attempts, evidence_max_files, evidence_max_bytes, "
	  "evidence_types, fast_track_enabled, fast_track_max_cents, "
	  "fast_track_max_recent_refunds, fast_track_recent_days, "
	  "text_en, text_zh, evidence_request_hours "
	  "FROM policies WHERE status = 'published'" },
	[SQL_POLICY_CURRENT_ID] = { "policy_current_id",
	  "SELECT id FROM policies WHERE status = 'published'" },
	[SQL_POLICY_BY_ID] = { "policy_by_id",
	  "SELECT id, version, UNIX_TIMESTAMP(published_at), "
	  "return_window_days, seller_response_hours, buyer_response_hours, "
	  "buyer_ship_days, seller_receive_days, seller_reship_days, "
	  "buyer_confirm_days, platform_ruling_days, escalation_days, "
	  "max_attempts, evidence_max_files, evidence_max_bytes, "
	  "evidence_types, fast_track_enabled, fast_track_max_cents, "
	  "fast_track_max_recent_refunds, fast_track_recent_days, "
	  "text_en, text_zh, evidence_request_hours "
	  "FROM policies WHERE id = ?" },
	[SQL_POLICY_VERSIONS] = { "policy_versions",
	  "SELECT id, version, status, UNIX_TIMESTAMP(published_at) "
	  "FROM policies WHERE status <> 'draft' ORDER BY version DESC" },
	[SQL_POLICY_ID_BY_VERSION] = { "policy_id_by_version",
	  "SELECT id FROM policies WHERE version = ? AND status <> 'draft'" },
	[SQL_POLICY_REASONS] = { "policy_reasons",
	  "SELECT code, label_en, label_zh, explain_en, explain_zh, "
	  "allow_refund_only, allow_return_refund, allow_exchange, "
	  "evidence_required, shipping_payer, window_days, needs_not_received, "
	  "fast_track, needs_received, needs_unshipped, window_from "
	  "FROM policy_reasons WHERE policy_id = ? "
	  "ORDER BY sort_order, id" },

	[SQL_ORDER_FOR_BUYER] = { "order_for_buyer",
	  "SELECT id, shop_id, currency, UNIX_TIMESTAMP(paid_at), "
	  "COALESCE(UNIX_TIMESTAMP(shipped_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(delivered_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(expected_delivery_at), 0) "
	  "FROM orders WHERE id = ? AND buyer_id = ?" },
	[SQL_ORDER_LINES_LOCK] = { "order_lines_lock",
	  "SELECT l.id, l.quantity, l.paid_cents, l.refunded_cents, "
	  "l.pending_cents, "
	  "(SELECT COUNT(*) FROM case_lines c WHERE c.order_line_id = l.id), "
	  "(SELECT COUNT(*) FROM case_lines c WHERE c.open_line_id = l.id) "
	  "FROM order_lines l WHERE l.order_id = ? ORDER BY l.line_no "
	  "FOR UPDATE" },
	[SQL_ORDER_LINES_STATUS] = { "order_lines_status",
	  "SELECT l.id, l.quantity, l.paid_cents, l.refunded_cents, "
	  "l.pending_cents, "
	  "(SELECT COUNT(*) FROM case_lines c WHERE c.order_line_id = l.id), "
	  "(SELECT MAX(c.case_id) FROM case_lines c "
	  "WHERE c.open_line_id = l.id), l.title, l.sku, l.variant, "
	  "l.variant_options, l.picture_url "
	  "FROM order_lines l WHERE l.order_id = ? ORDER BY l.line_no" },
	[SQL_ORDER_SUMMARY] = { "order_summary",
	  "SELECT o.order_no, s.name, o.currency, o.total_paid_cents, "
	  "UNIX_TIMESTAMP(o.paid_at), COALESCE(UNIX_TIMESTAMP(o.shipped_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(o.delivered_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(o.expected_delivery_at), 0) FROM orders o "
	  "JOIN shops s ON s.id = o.shop_id WHERE o.id = ? AND o.buyer_id = ?" },
	[SQL_RMA_NEXT] = { "rma_next",
	  "INSERT INTO rma_counters (day, last_seq) VALUES (?, LAST_INSERT_ID(1)) "
	  "ON DUPLICATE KEY UPDATE last_seq = LAST_INSERT_ID(last_seq + 1)" },
	[SQL_CASE_INSERT] = { "case_insert",
	  "INSERT INTO cases (rma_no, order_id, shop_id, buyer_id, policy_id, "
	  "type, state, reason_code, goods_received, requested_cents, currency, "
	  "description, attempt, deadline_at, created_at, updated_at) "
	  "VALUES (?, ?, ?, ?, ?, ?, 'requested', ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
	[SQL_LINE_RESERVE] = { "line_reserve", /* money_refundable() as a guard */
	  "UPDATE order_lines SET pending_cents = pending_cents + ? "
	  "WHERE id = ? AND paid_cents - refunded_cents - pending_cents >= ?" },
	[SQL_CASE_LINE_INSERT] = { "case_line_insert",
	  "INSERT INTO case_lines (case_id, order_line_id, order_id, quantity, "
	  "amount_cents, open_line_id) VALUES (?, ?, ?, ?, ?, ?)" },
	[SQL_BUYER_RECENT_REFUNDS] = { "buyer_recent_refunds",
	  "SELECT COUNT(*) FROM refunds r JOIN cases c ON c.id = r.case_id "
	  "WHERE c.buyer_id = ? AND r.status = 'succeeded' AND r.created_at > ?" },

	[SQL_CASE_LOCK] = { "case_lock",
	  "SELECT id, rma_no, order_id, shop_id, buyer_id, policy_id, type, "
	  "state, requested_cents, COALESCE(offered_cents, 0), "
	  "COALESCE(approved_cents, 0), refunded_cents, currency, attempt, "
	  "COALESCE(UNIX_TIMESTAMP(deadline_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(escalated_at), 0), version, "
	  "COALESCE(return_address_id, 0), return_address_snapshot, "
	  "reason_code, close_reason, "
	  "COALESCE(UNIX_TIMESTAMP(rejected_at), 0) "
	  "FROM cases WHERE id = ? FOR UPDATE" },
	[SQL_CASE_UPDATE] = { "case_update", /* guarded by state and version */
	  "UPDATE cases SET state = ?, deadline_at = ?, offered_cents = ?, "
	  "approved_cents = ?, requested_cents = ?, attempt = ?, "
	  "escalated_at = ?, return_address_id = ?, "
	  "return_address_snapshot = ?, fast_tracked = fast_tracked OR ?, "
	  "close_reason = ?, closed_at = ?, rejected_at = ?, updated_at = ?, "
	  "version = version + 1 WHERE id = ? AND state = ? AND version = ?" },
	[SQL_TIMELINE_INSERT] = { "timeline_insert",
	  "INSERT INTO timeline (case_id, at, actor_id, actor_role, event, "
	  "from_state, to_state, amount_cents, note, evidence_ids, rule) "
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
	[SQL_CASE_LINES_RELEASE] = { "case_lines_release",
	  "UPDATE order_lines l JOIN case_lines c ON c.order_line_id = l.id "
	  "SET l.pending_cents = l.pending_cents - c.amount_cents "
	  "WHERE c.case_id = ? AND c.open_line_id IS NOT NULL" },
	[SQL_CASE_LINES_CLOSE] = { "case_lines_close",
	  "UPDATE case_lines SET open_line_id = NULL WHERE case_id = ?" },
	[SQL_SHOP_ADDRESS] = { "shop_address",
	  "SELECT id, recipient, phone, address FROM shop_addresses "
	  "WHERE id = ? AND shop_id = ? AND archived_at IS NULL" },
	[SQL_SHOP_DEFAULT_ADDRESS] = { "shop_default_address",
	  "SELECT id, recipient, phone, address FROM shop_addresses "
	  "WHERE shop_id = ? AND archived_at IS NULL "
	  "ORDER BY is_default DESC, id LIMIT 1" },
	[SQL_OFFER_INSERT] = { "offer_insert",
	  "INSERT INTO offers (case_id, seller_id, amount_cents, note, "
	  "created_at) VALUES (?, ?, ?, ?, ?)" },
	[SQL_OFFER_ANSWER] = { "offer_answer",
	  "UPDATE offers SET status = ?, answered_at = ? "
	  "WHERE case_id = ? AND status = 'open'" },
	[SQL_SHIPMENT_INSERT] = { "shipment_insert",
	  "INSERT INTO return_shipments (case_id, direction, carrier, waybill, "
	  "shipped_by, shipped_at) VALUES (?, ?, ?, ?, ?, ?)" },
	[SQL_SHIPMENT_RECEIVE] = { "shipment_receive",
	  "UPDATE return_shipments SET received_at = ?, receipt_status = ?, "
	  "condition_note = ? WHERE case_id = ? AND direction = 'return' "
	  "AND receipt_status IS NULL" },
	/* The states of both lists are those of machine_deadline_acts(). */
	[SQL_CASE_DUE_CLAIM] = { "case_due_claim",
	  "SELECT id, UNIX_TIMESTAMP(deadline_at) FROM cases "
	  "WHERE state IN ('requested', 'offered', 'rejected', "
	  "'awaiting_return', 'return_shipped', 'reshipping', "
	  "'replacement_shipped', 'evidence_from_buyer', "
	  "'evidence_from_seller') AND deadline_at <= ? "
	  "AND (deadline_at > ? OR (deadline_at = ? AND id > ?)) "
	  "ORDER BY deadline_at, id LIMIT 1 FOR UPDATE SKIP LOCKED" },
	[SQL_WORK_NEXT_DUE] = { "work_next_due",
	  "SELECT COALESCE(UNIX_TIMESTAMP(LEAST("
	  "COALESCE((SELECT MIN(next_attempt_at) FROM refunds "
	  "WHERE status = 'pending'), '2999-01-01'), "
	  "COALESCE((SELECT MIN(deadline_at) FROM cases "
	  "WHERE state IN ('requested', 'offered', 'rejected', "
	  "'awaiting_return', 'return_shipped', 'reshipping', "
	  "'replacement_shipped', 'evidence_from_buyer', "
	  "'evidence_from_seller')), '2999-01-01'))), 0)" },

	[SQL_EVIDENCE_COUNT] = { "evidence_count",
	  "SELECT COUNT(*) FROM evidence WHERE case_id = ?" },
	[SQL_EVIDENCE_INSERT] = { "evidence_insert",
	  "INSERT INTO evidence (case_id, uploader_id, role, media_type, "
	  "byte_size, sha256, data, thumb, thumb_media_type, original_name, "
	  "width, height, created_at) "
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'image/jpeg', ?, ?, ?, ?)" },
	[SQL_EVIDENCE_ID_BY_SHA] = { "evidence_id_by_sha",
	  "SELECT id FROM evidence WHERE case_id = ? AND sha256 = ?" },
	[SQL_EVIDENCE_OF_CASE] = { "evidence_of_case",
	  "SELECT e.id, e.role, e.media_type, e.original_name, e.width, "
	  "e.height, UNIX_TIMESTAMP(e.created_at), e.byte_size "
	  "FROM evidence e WHERE e.case_id = ? ORDER BY e.id" },
	[SQL_EVIDENCE_FILE] = { "evidence_file", /* access is checked by the caller */
	  "SELECT e.case_id, c.buyer_id, c.shop_id, e.media_type, e.data, "
	  "e.thumb FROM evidence e JOIN cases c ON c.id = e.case_id "
	  "WHERE e.id = ?" },
	[SQL_REFUND_COUNT] = { "refund_count",
	  "SELECT COUNT(*) FROM refunds WHERE case_id = ?" },
	[SQL_REFUND_INSERT] = { "refund_insert",
	  "INSERT INTO refunds (case_id, idempotency_key, amount_cents, "
	  "currency, executor, status, created_at, next_attempt_at) "
	  "VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)" },
	[SQL_REFUND_GET] = { "refund_get",
	  "SELECT r.id, r.case_id, r.idempotency_key, r.amount_cents, "
	  "r.currency, r.executor, r.status, c.rma_no, c.order_id, r.attempts "
	  "FROM refunds r JOIN cases c ON c.id = r.case_id WHERE r.id = ?" },
	[SQL_REFUND_LOCK] = { "refund_lock",
	  "SELECT id, case_id, amount_cents, status, attempts, "
	  "UNIX_TIMESTAMP(created_at) FROM refunds WHERE id = ? FOR UPDATE" },
	[SQL_REFUND_CLAIM] = { "refund_claim",
	  "SELECT id FROM refunds WHERE status = 'pending' "
	  "AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1 "
	  "FOR UPDATE SKIP LOCKED" },
	[SQL_REFUND_LEASE] = { "refund_lease",
	  "UPDATE refunds SET next_attempt_at = ? WHERE id = ? "
	  "AND status = 'pending' AND next_attempt_at <= ?" },
	[SQL_REFUND_GIVE_UP] = { "refund_give_up",
	  "UPDATE refunds SET status = 'failed', attempts = attempts + 1, "
	  "last_error = ?, next_attempt_at = NULL "
	  "WHERE id = ? AND status = 'pending'" },
	[SQL_REFUND_SUCCEED] = { "refund_succeed",
	  "UPDATE refunds SET status = 'succeeded', settled_at = ?, "
	  "attempts = attempts + 1, external_ref = ?, last_error = NULL, "
	  "next_attempt_at = NULL WHERE id = ? AND status = 'pending'" },
	[SQL_REFUND_RETRY] = { "refund_retry",
	  "UPDATE refunds SET attempts = attempts + 1, last_error = ?, "
	  "next_attempt_at = ? WHERE id = ? AND status = 'pending'" },
	[SQL_REFUNDS_LEDGER] = { "refunds_ledger",
	  "SELECT r.id, r.case_id, c.rma_no, r.amount_cents, r.currency, "
	  "r.executor, r.status, r.attempts, r.last_error, "
	  "UNIX_TIMESTAMP(r.created_at), "
	  "COALESCE(UNIX_TIMESTAMP(r.settled_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(r.next_attempt_at), 0), r.idempotency_key "
	  "FROM refunds r JOIN cases c ON c.id = r.case_id "
	  "ORDER BY r.status = 'succeeded', r.last_error IS NULL, "
	  "r.created_at DESC, r.id DESC LIMIT 200" },
	[SQL_CASE_LINES_OF_CASE] = { "case_lines_of_case",
	  "SELECT order_line_id, amount_cents, open_line_id IS NOT NULL "
	  "FROM case_lines WHERE case_id = ? ORDER BY order_line_id" },
	[SQL_CASE_LINE_REFUNDED] = { "case_line_refunded",
	  "UPDATE case_lines SET refunded_cents = ?, open_line_id = NULL "
	  "WHERE case_id = ? AND order_line_id = ?" },
	[SQL_LINE_SETTLE] = { "line_settle", /* refund share in, reservation out */
	  "UPDATE order_lines SET refunded_cents = refunded_cents + ?, "
	  "pending_cents = pending_cents - ? WHERE id = ?" },
	[SQL_CASE_REFUNDED] = { "case_refunded",
	  "UPDATE cases SET state = 'refunded', refunded_cents = ?, "
	  "closed_at = ?, updated_at = ?, close_reason = ?, "
	  "version = version + 1 WHERE id = ? AND state = 'refunding'" },

	[SQL_TOKEN_USE_INSERT] = { "token_use_insert",
	  "INSERT INTO form_token_uses (token_hash, user_id, case_id, purpose, "
	  "outcome, used_at) VALUES (?, ?, ?, ?, ?, ?)" },
	[SQL_TOKEN_USE_GET] = { "token_use_get",
	  "SELECT outcome FROM form_token_uses WHERE token_hash = ?" },
	[SQL_TOKEN_USE_OUTCOME] = { "token_use_outcome",
	  "UPDATE form_token_uses SET outcome = ? WHERE token_hash = ?" },
	[SQL_TOKEN_USES_PURGE] = { "token_uses_purge",
	  "DELETE FROM form_token_uses WHERE used_at < ?" },

	/* The buyer's desk (issue 8). */
	[SQL_BUYER_FAST_LOCK] = { "buyer_fast_lock",
	  "SELECT id FROM users WHERE id = ? FOR UPDATE" },
	/* A locking read: it sees what the buyer's other requests committed. */
	[SQL_BUYER_FAST_REFUNDS] = { "buyer_fast_refunds",
	  "SELECT COUNT(*) FROM refunds r JOIN cases c ON c.id = r.case_id "
	  "WHERE c.buyer_id = ? AND c.fast_tracked = 1 "
	  "AND r.status IN ('pending', 'succeeded') AND r.created_at > ? "
	  "LOCK IN SHARE MODE" },
	[SQL_HELD_INSERT] = { "held_insert",
	  "INSERT INTO held_uploads (token_hash, user_id, name, data, "
	  "created_at) VALUES (?, ?, ?, ?, ?)" },
	[SQL_HELD_BY_TOKEN] = { "held_by_token",
	  "SELECT id, name, data FROM held_uploads "
	  "WHERE token_hash = ? AND user_id = ? ORDER BY id" },
	[SQL_HELD_DROP] = { "held_drop",
	  "DELETE FROM held_uploads WHERE token_hash = ? AND user_id = ?" },
	[SQL_HELD_PURGE] = { "held_purge",
	  "DELETE FROM held_uploads WHERE created_at < ?" },

	[SQL_CASE_VIEW] = { "case_view",
	  "SELECT c.id, c.rma_no, c.order_id, o.order_no, s.name, "
	  "u.display_name, c.type, c.state, c.reason_code, c.requested_cents, "
	  "COALESCE(c.offered_cents, 0), COALESCE(c.approved_cents, 0), "
	  "c.refunded_cents, c.currency, "
	  "COALESCE(UNIX_TIMESTAMP(c.deadline_at), 0), "
	  "UNIX_TIMESTAMP(c.created_at), c.attempt, c.policy_id, p.version, "
	  "p.max_attempts, c.description, c.return_address_snapshot, "
	  "c.close_reason, c.goods_received, c.fast_tracked, c.buyer_id, "
	  "c.shop_id, r.label_en, r.label_zh, r.shipping_payer "
	  "FROM cases c JOIN orders o ON o.id = c.order_id "
	  "JOIN shops s ON s.id = c.shop_id JOIN users u ON u.id = c.buyer_id "
	  "JOIN policies p ON p.id = c.policy_id "
	  "JOIN policy_reasons r ON r.policy_id = c.policy_id "
	  "AND r.code = c.reason_code WHERE c.id = ?" },
	[SQL_CASE_VIEW_LINES] = { "case_view_lines",
	  "SELECT l.id, l.title, l.sku, cl.quantity, l.quantity, "
	  "cl.amount_cents, cl.refunded_cents, l.paid_cents "
	  "FROM case_lines cl JOIN order_lines l ON l.id = cl.order_line_id "
	  "WHERE cl.case_id = ? ORDER BY l.line_no" },
	[SQL_CASE_VIEW_TIMELINE] = { "case_view_timeline",
	  "SELECT UNIX_TIMESTAMP(t.at), t.actor_role, "
	  "COALESCE(u.display_name, ''), t.event, COALESCE(t.from_state, ''), "
	  "t.to_state, COALESCE(t.amount_cents, -1), t.note, t.rule, "
	  "t.evidence_ids FROM timeline t LEFT JOIN users u ON u.id = t.actor_id "
	  "WHERE t.case_id = ? ORDER BY t.id" },
	[SQL_CASES_BY_BUYER] = { "cases_by_buyer",
	  "SELECT c.id, c.rma_no, c.type, c.state, c.requested_cents, "
	  "c.currency, COALESCE(UNIX_TIMESTAMP(c.deadline_at), 0), o.order_no, "
	  "s.name FROM cases c JOIN orders o ON o.id = c.order_id "
	  "JOIN shops s ON s.id = c.shop_id WHERE c.buyer_id = ? "
	  "ORDER BY c.closed_at IS NOT NULL, c.created_at DESC, c.id DESC "
	  "LIMIT 200" },
	[SQL_CASES_ESCALATED] = { "cases_escalated",
	  "SELECT c.id, c.rma_no, c.type, c.state, c.requested_cents, "
	  "c.currency, COALESCE(UNIX_TIMESTAMP(c.deadline_at), 0), o.order_no, "
	  "u.display_name FROM cases c JOIN orders o ON o.id = c.order_id "
	  "JOIN users u ON u.id = c.buyer_id WHERE c.state = 'escalated' "
	  "ORDER BY c.deadline_at, c.id LIMIT 500" },

	/* The seller's desk (issue 9). */
/* The columns, joins and filters of the queue (store/queue.c). */
#define SELLER_QUEUE_COLUMNS \
	  "SELECT c.id, c.rma_no, c.type, c.state, c.reason_code, " \
	  "r.label_en, r.label_zh, c.requested_cents, c.currency, " \
	  "COALESCE(UNIX_TIMESTAMP(c.deadline_at), 0), " \
	  "UNIX_TIMESTAMP(c.created_at), " \
	  "DATE_FORMAT(c.deadline_sort, '%Y%m%d%H%i%s'), " \
	  "DATE_FORMAT(c.created_at, '%Y%m%d%H%i%s'), o.order_no, " \
	  "u.display_name, " \
	  "(SELECT l.title FROM order_lines l WHERE l.id = " \
	  "(SELECT MIN(cl.order_line_id) FROM case_lines cl " \
	  "WHERE cl.case_id = c.id)), " \
	  "(SELECT l.sku FROM order_lines l WHERE l.id = " \
	  "(SELECT MIN(cl.order_line_id) FROM case_lines cl " \
	  "WHERE cl.case_id = c.id)), " \
	  "(SELECT COUNT(*) FROM case_lines cl WHERE cl.case_id = c.id), " \
	  "COALESCE((SELECT MIN(e.id) FROM evidence e " \
	  "FORCE INDEX (uq_evidence_case_sha256) WHERE e.case_id = c.id " \
	  "AND e.thumb_media_type IS NOT NULL), 0) "
#define SELLER_QUEUE_JOINS \
	  "JOIN orders o ON o.id = c.order_id " \
	  "JOIN users u ON u.id = c.buyer_id " \
	  "JOIN policy_reasons r ON r.policy_id = c.policy_id " \
	  "AND r.code = c.reason_code "
#define SELLER_QUEUE_FILTERS \
	  "AND (? IS NULL OR c.state = ?) AND (? IS NULL OR c.type = ?) " \
	  "AND (? IS NULL OR c.reason_code = ?) " \
	  "AND c.requested_cents BETWEEN ? AND ? " \
	  "AND c.created_at >= ? AND c.created_at < ? "

	[SQL_SELLER_TAB_COUNTS] = { "seller_tab_counts",
	  "SELECT queue_tab, COUNT(*) FROM cases "
	  "FORCE INDEX (ix_cases_seller_tab_deadline) WHERE shop_id = ? "
	  "GROUP BY queue_tab ORDER BY queue_tab" },
	[SQL_SELLER_QUEUE_TAB_DEADLINE] = { "seller_queue_tab_deadline",
	  SELLER_QUEUE_COLUMNS
	  "FROM cases c FORCE INDEX (ix_cases_seller_tab_deadline) "
	  SELLER_QUEUE_JOINS "WHERE c.shop_id = ? AND c.queue_tab = ? "
	  SELLER_QUEUE_FILTERS
	  "AND (c.deadline_sort > ? OR (c.deadline_sort = ? AND c.id > ?)) "
	  "ORDER BY c.deadline_sort, c.id LIMIT ?" },
	[SQL_SELLER_QUEUE_TAB_NEWEST] = { "seller_queue_tab_newest",
	  SELLER_QUEUE_COLUMNS
	  "FROM cases c FORCE INDEX (ix_cases_seller_tab_created) "
	  SELLER_QUEUE_JOINS "WHERE c.shop_id = ? AND c.queue_tab = ? "
	  SELLER_QUEUE_FILTERS
	  "AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?)) "
	  "ORDER BY c.created_at DESC, c.id DESC LIMIT ?" },
	[SQL_SELLER_QUEUE_OPEN_DEADLINE] = { "seller_queue_open_deadline",
	  SELLER_QUEUE_COLUMNS
	  "FROM cases c FORCE INDEX (ix_cases_seller_open_deadline) "
	  SELLER_QUEUE_JOINS "WHERE c.shop_id = ? AND c.queue_open = 1 "
	  SELLER_QUEUE_FILTERS
	  "AND (c.deadline_sort > ? OR (c.deadline_sort = ? AND c.id > ?)) "
	  "ORDER BY c.deadline_sort, c.id LIMIT ?" },
	[SQL_SELLER_QUEUE_OPEN_NEWEST] = { "seller_queue_open_newest",
	  SELLER_QUEUE_COLUMNS
	  "FROM cases c FORCE INDEX (ix_cases_seller_open_created) "
	  SELLER_QUEUE_JOINS "WHERE c.shop_id = ? AND c.queue_open = 1 "
	  SELLER_QUEUE_FILTERS
	  "AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?)) "
	  "ORDER BY c.created_at DESC, c.id DESC LIMIT ?" },
	[SQL_SELLER_SEARCH] = { "seller_search", /* exact matches, newest 100 */
	  SELLER_QUEUE_COLUMNS "FROM (SELECT id FROM cases WHERE rma_no = ? "
	  "UNION SELECT k.id FROM orders m JOIN cases k ON k.order_id = m.id "
	  "WHERE m.order_no = ? "
	  "UNION SELECT k.id FROM users b JOIN cases k ON k.buyer_id = b.id "
	  "WHERE b.login = ? "
	  "UNION SELECT k.id FROM users b JOIN cases k ON k.buyer_id = b.id "
	  "WHERE b.display_name = ? "
	  "UNION SELECT cl.case_id FROM order_lines l JOIN case_lines cl "
	  "ON cl.order_line_id = l.id WHERE l.sku = ?) hit "
	  "STRAIGHT_JOIN cases c ON c.id = hit.id "
	  SELLER_QUEUE_JOINS "WHERE c.shop_id = ? "
	  "ORDER BY c.created_at DESC, c.id DESC LIMIT 100" },
	[SQL_SELLER_ADDRESSES] = { "seller_addresses", /* the default first */
	  "SELECT id, label, recipient, phone, address, is_default "
	  "FROM shop_addresses WHERE shop_id = ? AND archived_at IS NULL "
	  "ORDER BY is_default DESC, id" },
	[SQL_SELLER_ADDRESS_INSERT] = { "seller_address_insert",
	  "INSERT INTO shop_addresses (shop_id, label, recipient, phone, "
	  "address, is_default, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)" },
	[SQL_SELLER_ADDRESS_UPDATE] = { "seller_address_update",
	  "UPDATE shop_addresses SET label = ?, recipient = ?, phone = ?, "
	  "address = ? WHERE id = ? AND shop_id = ? AND archived_at IS NULL" },
	[SQL_SELLER_ADDRESS_ARCHIVE] = { "seller_address_archive",
	  /* the default stays: another one is made the default first */
	  "UPDATE shop_addresses SET archived_at = ? WHERE id = ? "
	  "AND shop_id = ? AND archived_at IS NULL AND is_default = 0" },
	[SQL_SELLER_ADDRESS_CLEAR_DEFAULT] = { "seller_address_clear_default",
	  "UPDATE shop_addresses SET is_default = 0 WHERE shop_id = ? "
	  "AND is_default = 1 AND id <> ?" },
	[SQL_SELLER_ADDRESS_SET_DEFAULT] = { "seller_address_set_default",
	  "UPDATE shop_addresses SET is_default = 1 WHERE id = ? "
	  "AND shop_id = ? AND archived_at IS NULL" },
	[SQL_SELLER_ADDRESS_COUNT] = { "seller_address_count",
	  "SELECT COUNT(*), COALESCE(SUM(id = ?), 0), "
	  "COALESCE(SUM(id = ? AND is_default = 1), 0) FROM shop_addresses "
	  "WHERE shop_id = ? AND archived_at IS NULL" },
	[SQL_SELLER_CASE_REFUSAL] = { "seller_case_refusal",
	  "UPDATE cases SET refuse_reason = ? WHERE id = ?" },
	[SQL_SELLER_COMP_INSERT] = { "seller_comp_insert",
	  "INSERT INTO compensations (offer_id, case_id, kind, value_cents, "
	  "currency, coupon_code, expires_on, description, created_at) "
	  "VALUES (?, ?, ?, ?, ?, NULLIF(?, ''), DATE(?), ?, ?)" },
	[SQL_SELLER_COMPS_OF_CASE] = { "seller_comps_of_case",
	  "SELECT k.kind, COALESCE(k.value_cents, 0), k.currency, "
	  "k.coupon_code, COALESCE(DATE_FORMAT(k.expires_on, '%Y-%m-%d'), ''), "
	  "k.description, o.status FROM compensations k "
	  "JOIN offers o ON o.id = k.offer_id WHERE k.case_id = ? "
	  "ORDER BY k.id" },
	/* Statistics of a shop's cases opened in [from, to). */
	[SQL_SELLER_STATS_REASONS] = { "seller_stats_reasons",
	  /* ss-fast: the period's cases grouped from ix_cases_shop_stats */
	  /* alone (it holds policy_id and reason_code, sql/014), then labelled */
	  "SELECT g.reason_code, MAX(r.label_en), MAX(r.label_zh), SUM(g.n), "
	  "SUM(g.rf), SUM(g.cents) FROM (SELECT c.reason_code, c.policy_id, "
	  "COUNT(*) AS n, SUM(c.state = 'refunded') AS rf, "
	  "SUM(c.refunded_cents) AS cents "
	  "FROM cases c FORCE INDEX (ix_cases_shop_stats) WHERE c.shop_id = ? "
	  "AND c.created_at >= ? AND c.created_at < ? "
	  "GROUP BY c.reason_code, c.policy_id) g "
	  "STRAIGHT_JOIN policy_reasons r ON r.policy_id = g.policy_id "
	  "AND r.code = g.reason_code "
	  "GROUP BY g.reason_code ORDER BY SUM(g.n) DESC, g.reason_code" },
	[SQL_SELLER_STATS_SKUS] = { "seller_stats_skus",
	  /* lines sold (paid in the period) against lines asked about */
	  "SELECT s.sku, MAX(s.title), SUM(s.sold), SUM(s.cased), "
	  "SUM(s.refunded) FROM ("
	  "SELECT l.sku, l.title, 1 AS sold, 0 AS cased, 0 AS refunded "
	  "FROM orders o FORCE INDEX (ix_orders_shop_paid) "
	  "JOIN order_lines l ON l.order_id = o.id WHERE o.shop_id = ? "
	  "AND o.paid_at >= ? AND o.paid_at < ? "
	  "UNION ALL SELECT l.sku, l.title, 0, 1, cl.refunded_cents "
	  "FROM cases c FORCE INDEX (ix_cases_shop_created) "
	  "STRAIGHT_JOIN case_lines cl FORCE INDEX (PRIMARY) "
	  "ON cl.case_id = c.id "
	  "STRAIGHT_JOIN order_lines l ON l.id = cl.order_line_id "
	  "WHERE c.shop_id = ? AND c.created_at >= ? AND c.created_at < ?) s "
	  "GROUP BY s.sku ORDER BY SUM(s.cased) DESC, s.sku LIMIT 200" },
	[SQL_SELLER_STATS_COMPS] = { "seller_stats_comps",
	  "SELECT k.kind, COUNT(*), SUM(o.status = 'accepted'), "
	  "COALESCE(SUM(IF(o.status = 'accepted', k.value_cents, 0)), 0) "
	  "FROM cases c FORCE INDEX (ix_cases_shop_created) "
	  "STRAIGHT_JOIN compensations k FORCE INDEX (ix_compensations_case) "
	  "ON k.case_id = c.id "
	  "STRAIGHT_JOIN offers o FORCE INDEX (PRIMARY) ON o.id = k.offer_id "
	  "WHERE c.shop_id = ? "
	  "AND c.created_at >= ? AND c.created_at < ? "
	  "GROUP BY k.kind ORDER BY k.kind" },
	[SQL_SELLER_STATS_DEADLINE] = { "seller_stats_deadline",
	  /* requests approved by the deadline instead of by a person */
	  "SELECT COUNT(*) FROM cases c FORCE INDEX (ix_cases_shop_created) "
	  "STRAIGHT_JOIN timeline t FORCE INDEX (ix_timeline_case) "
	  "ON t.case_id = c.id WHERE c.shop_id = ? "
	  "AND c.created_at >= ? AND c.created_at < ? "
	  "AND t.event = 'deadline' AND t.from_state = 'requested'" },

	[SQL_RECONCILE] = { "reconcile", /* each row names a broken invariant */
	  "SELECT 'order line refunded above what was paid', id, 0 "
	  "FROM order_lines WHERE refunded_cents + pending_cents > paid_cents "
	  "UNION ALL SELECT 'refunded case without exactly one succeeded "
	  "refund', c.id, (SELECT COUNT(*) FROM refunds r WHERE r.case_id = "
	  "c.id AND r.status = 'succeeded') FROM cases c WHERE "
	  "(c.state = 'refunded') <> ((SELECT COUNT(*) FROM refunds r WHERE "
	  "r.case_id = c.id AND r.status = 'succeeded') = 1) "
	  "UNION ALL SELECT 'case refunded amount differs from its ledger row', "
	  "c.id, c.refunded_cents FROM cases c JOIN refunds r ON r.case_id = "
	  "c.id AND r.status = 'succeeded' WHERE r.amount_cents - "
	  "r.postage_cents <> c.refunded_cents "
	  /* buyer2: the return postage, apart from the goods. */
	  "UNION ALL SELECT 'refund postage differs from its case', c.id, "
	  "r.postage_cents FROM cases c JOIN refunds r ON r.case_id = c.id "
	  "AND r.status = 'succeeded' WHERE r.postage_cents <> "
	  "c.return_postage_cents "
	  "UNION ALL SELECT 'case return postage above its policy''s cap', "
	  "c.id, c.return_postage_cents FROM cases c JOIN policies p ON "
	  "p.id = c.policy_id WHERE c.return_postage_cents > "
	  "p.return_postage_max_cents "
	  "UNION ALL SELECT 'order line refunded differs from its cases', l.id, "
	  "l.refunded_cents FROM order_lines l WHERE l.refunded_cents <> "
	  "(SELECT COALESCE(SUM(cl.refunded_cents), 0) FROM case_lines cl "
	  "WHERE cl.order_line_id = l.id) "
	  "UNION ALL SELECT 'order line pending differs from its open cases', "
	  "l.id, l.pending_cents FROM order_lines l WHERE l.pending_cents <> "
	  "(SELECT COALESCE(SUM(cl.amount_cents), 0) FROM case_lines cl "
	  "WHERE cl.open_line_id = l.id) "
	  "UNION ALL SELECT 'succeeded webhook refund without a reference', "
	  "r.id, r.case_id FROM refunds r WHERE r.executor = 'webhook' AND "
	  "r.status = 'succeeded' AND COALESCE(r.external_ref, '') = ''" },
	/* The platform's desk (issue 10). */
	[SQL_ADMIN_DRAFT_OF] = { "admin_draft_of",
	  "SELECT id, COALESCE(based_on_id, 0) FROM policies "
	  "WHERE created_by = ? AND status = 'draft' ORDER BY id DESC LIMIT 1" },
	[SQL_ADMIN_DRAFT_LOCK] = { "admin_draft_lock",
	  "SELECT id, COALESCE(based_on_id, 0) FROM policies "
	  "WHERE created_by = ? AND status = 'draft' ORDER BY id DESC LIMIT 1 "
	  "FOR UPDATE" },
	[SQL_ADMIN_DRAFT_INSERT] = { "admin_draft_insert",
	  "INSERT INTO policies (status, based_on_id, return_window_days, "
	  "seller_response_hours, buyer_response_hours, buyer_ship_days, "
	  "seller_receive_days, seller_reship_days, buyer_confirm_days, "
	  "platform_ruling_days, escalation_days, max_attempts, "
	  "evidence_max_files, evidence_max_bytes, evidence_types, "
	  "fast_track_enabled, fast_track_max_cents, "
	  "fast_track_max_recent_refunds, fast_track_recent_days, text_en, "
	  "text_zh, created_at, created_by, evidence_request_hours) "
	  "VALUES ('draft', ?, ?, ?, ?, ?, ?, "
	  "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
	[SQL_ADMIN_DRAFT_UPDATE] = { "admin_draft_update",
	  "UPDATE policies SET return_window_days = ?, "
	  "seller_response_hours = ?, buyer_response_hours = ?, "
	  "buyer_ship_days = ?, seller_receive_days = ?, "
	  "seller_reship_days = ?, buyer_confirm_days = ?, "
	  "platform_ruling_days = ?, escalation_days = ?, max_attempts = ?, "
	  "evidence_max_files = ?, evidence_max_bytes = ?, "
	  "evidence_types = ?, fast_track_enabled = ?, "
	  "fast_track_max_cents = ?, fast_track_max_recent_refunds = ?, "
	  "fast_track_recent_days = ?, text_en = ?, text_zh = ?, "
	  "updated_at = ?, evidence_request_hours = ? "
	  "WHERE id = ? AND status = 'draft'" },
	[SQL_ADMIN_DRAFT_REASONS_CLEAR] = { "admin_draft_reasons_clear",
	  "DELETE r FROM policy_reasons r JOIN policies p ON p.id = r.policy_id "
	  "WHERE p.id = ? AND p.status = 'draft'" },
	[SQL_ADMIN_DRAFT_REASON_ADD] = { "admin_draft_reason_add",
	  "INSERT INTO policy_reasons (policy_id, code, label_en, label_zh, "
	  "explain_en, explain_zh, allow_refund_only, allow_return_refund, "
	  "allow_exchange, evidence_required, shipping_payer, window_days, "
	  "needs_received, needs_not_received, needs_unshipped, fast_track, "
	  "sort_order, window_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	  "?, ?, ?, ?, ?, ?)" },
	[SQL_ADMIN_DRAFT_REBASE] = { "admin_draft_rebase",
	  "UPDATE policies SET based_on_id = ? WHERE id = ? AND status = 'draft'" },
	[SQL_ADMIN_POLICY_RETIRE] = { "admin_policy_retire",
	  "UPDATE policies SET status = 'retired', retired_at = ? "
	  "WHERE id = ? AND status = 'published'" },
	[SQL_ADMIN_POLICY_NEXT_VERSION] = { "admin_policy_next_version",
	  "SELECT COALESCE(MAX(version), 0) + 1 FROM policies" },
	[SQL_ADMIN_POLICY_PUBLISH] = { "admin_policy_publish",
	  "UPDATE policies SET status = 'published', version = ?, "
	  "published_at = ?, published_by = ?, publish_note = ? "
	  "WHERE id = ? AND status = 'draft' AND created_by = ?" },
	[SQL_ADMIN_POLICY_HISTORY] = { "admin_policy_history",
	  "SELECT p.id, p.version, p.status, UNIX_TIMESTAMP(p.published_at), "
	  "COALESCE(u.login, ''), COALESCE(u.display_name, ''), "
	  "COALESCE(p.publish_note, ''), (SELECT COUNT(*) FROM cases c "
	  "WHERE c.policy_id = p.id AND c.state NOT IN ('refunded', "
	  "'exchanged', 'closed')) FROM policies p LEFT JOIN users u "
	  "ON u.id = p.published_by WHERE p.status <> 'draft' "
	  "ORDER BY p.version DESC" },
	[SQL_ADMIN_AUDIT_ADD] = { "admin_audit_add",
	  "INSERT INTO admin_audit (admin_id, action, subject, detail, "
	  "remote_addr, created_at) VALUES (?, ?, ?, ?, ?, ?)" },
	[SQL_ADMIN_AUDIT_LIST] = { "admin_audit_list",
	  "SELECT a.id, UNIX_TIMESTAMP(a.created_at), COALESCE(u.login, ''), "
	  "a.action, a.subject, a.detail, a.remote_addr FROM admin_audit a "
	  "LEFT JOIN users u ON u.id = a.admin_id "
	  "ORDER BY a.created_at DESC, a.id DESC LIMIT 200" },
	[SQL_ADMIN_REFUND_RETRY] = { "admin_refund_retry",
	  "UPDATE refunds SET status = 'pending', next_attempt_at = ? "
	  "WHERE id = ? AND status = 'failed'" },
	[SQL_ADMIN_REFUND_BY_HAND] = { "admin_refund_by_hand",
	  "UPDATE refunds SET status = 'succeeded', settled_at = ?, "
	  "external_ref = ?, next_attempt_at = NULL "
	  "WHERE id = ? AND status = 'failed'" },
	[SQL_ADMIN_REFUND_TOTALS] = { "admin_refund_totals",
	  "SELECT status, currency, COUNT(*), SUM(amount_cents) FROM refunds "
	  "GROUP BY status, currency ORDER BY status, currency" },
	[SQL_ADMIN_REFUND_CASE] = { "admin_refund_case",
	  "SELECT case_id FROM refunds WHERE id = ?" },
	[SQL_ADMIN_USERS] = { "admin_users",
	  "SELECT u.id, u.login, u.display_name, u.role, COALESCE(s.name, ''), "
	  "u.disabled, UNIX_TIMESTAMP(u.created_at), (SELECT COUNT(*) "
	  "FROM sessions x WHERE x.user_id = u.id) FROM users u "
	  "LEFT JOIN shops s ON s.id = u.shop_id "
	  "ORDER BY u.role = 'buyer', u.role, u.login LIMIT 500" },
	[SQL_ADMIN_SHOPS] = { "admin_shops",
	  "SELECT s.id, s.name, s.currency, (SELECT COUNT(*) FROM "
	  "shop_addresses a WHERE a.shop_id = s.id AND a.archived_at IS NULL), "
	  "(SELECT COUNT(*) FROM users u WHERE u.shop_id = s.id) "
	  "FROM shops s ORDER BY s.name" },
	[SQL_ADMIN_SHOP_INSERT] = { "admin_shop_insert",
	  "INSERT INTO shops (name, currency, created_at) VALUES (?, ?, ?)" },
	[SQL_ADMIN_ADDRESS_INSERT] = { "admin_address_insert",
	  "INSERT INTO shop_addresses (shop_id, label, recipient, phone, "
	  "address, is_default, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)" },
	[SQL_ADMIN_USER_ID] = { "admin_user_id",
	  "SELECT id, login FROM users WHERE id = ? OR login = ? "
	  "ORDER BY id = ? DESC LIMIT 1" },
	[SQL_ADMIN_USER_DISABLE] = { "admin_user_disable",
	  "UPDATE users SET disabled = ? WHERE id = ?" },
	[SQL_ADMIN_USER_PASSWORD] = { "admin_user_password",
	  "UPDATE users SET password_hash = ? WHERE id = ?" },
	[SQL_ADMIN_USER_SESSIONS_END] = { "admin_user_sessions_end",
	  "DELETE FROM sessions WHERE user_id = ?" },
/*
 * Case search: one statement per leading filter, so that each uses its
 * index; the other filters narrow it, newest first, keyset-paged on
 * (created_at, id), at most 50 a page and one more to tell of a next one.
 */
#define SEARCH_COLS \
	"SELECT c.id, c.rma_no, c.type, c.state, c.requested_cents, " \
	"c.currency, UNIX_TIMESTAMP(c.created_at), " \
	"COALESCE(UNIX_TIMESTAMP(c.deadline_at), 0), " \
	"COALESCE(UNIX_TIMESTAMP(c.escalated_at), 0), o.order_no, u.login, " \
	"s.name FROM cases c JOIN orders o ON o.id = c.order_id " \
	"JOIN users u ON u.id = c.buyer_id JOIN shops s ON s.id = c.shop_id "
#define SEARCH_TAIL \
	" AND (? = 0 OR c.shop_id = ?) AND (? = '' OR c.state = ?) " \
	"AND c.created_at >= ? AND c.created_at < ? " \
	"AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?)) " \
	"ORDER BY c.created_at DESC, c.id DESC LIMIT 51"
	[SQL_ADMIN_SEARCH_RMA] = { "admin_search_rma",
	  SEARCH_COLS "WHERE c.rma_no = ?" SEARCH_TAIL },
	[SQL_ADMIN_SEARCH_ORDER] = { "admin_search_order",
	  SEARCH_COLS "WHERE o.order_no = ?" SEARCH_TAIL },
	[SQL_ADMIN_SEARCH_BUYER] = { "admin_search_buyer",
	  SEARCH_COLS "WHERE c.buyer_id = (SELECT x.id FROM users x "
	  "WHERE x.login = ?)" SEARCH_TAIL },
	[SQL_ADMIN_SEARCH_SHOP] = { "admin_search_shop",
	  SEARCH_COLS "WHERE c.shop_id = ?" SEARCH_TAIL },
	[SQL_ADMIN_SEARCH_STATE] = { "admin_search_state",
	  SEARCH_COLS "WHERE c.state = ?" SEARCH_TAIL },
	[SQL_ADMIN_SEARCH_ALL] = { "admin_search_all",
	  SEARCH_COLS "WHERE 1 = 1" SEARCH_TAIL },
	[SQL_ADMIN_ESCALATIONS] = { "admin_escalations",
	  SEARCH_COLS "WHERE c.state IN ('escalated', 'evidence_from_buyer', "
	  "'evidence_from_seller') ORDER BY c.deadline_at <= ? DESC, c.escalated_at, c.id LIMIT 500" },
#undef SEARCH_COLS
#undef SEARCH_TAIL
	/* Analytics: every row is (key, key2, a, b, c, d); see analytics.h. */
	[SQL_ADMIN_STATS_SHOPS] = { "admin_stats_shops",
	  "SELECT s.name, s.currency, (SELECT COUNT(*) FROM orders o "
	  "WHERE o.shop_id = s.id), COUNT(c.id), "
	  "COALESCE(SUM(c.state = 'refunded'), 0), "
	  "COALESCE(SUM(c.refunded_cents), 0) FROM shops s "
	  "LEFT JOIN cases c ON c.shop_id = s.id "
	  "GROUP BY s.id, s.name, s.currency ORDER BY s.name" },
	[SQL_ADMIN_STATS_REASONS] = { "admin_stats_reasons",
	  "SELECT c.reason_code, c.currency, 0, COUNT(*), "
	  "SUM(c.state = 'refunded'), SUM(c.refunded_cents) FROM cases c "
	  "GROUP BY c.reason_code, c.currency "
	  "ORDER BY COUNT(*) DESC, c.reason_code, c.currency" },
	[SQL_ADMIN_STATS_MONTHS] = { "admin_stats_months",
	  "SELECT DATE_FORMAT(c.created_at, '%Y-%m'), c.currency, 0, COUNT(*), "
	  "SUM(c.state = 'refunded'), SUM(c.refunded_cents) FROM cases c "
	  "WHERE c.created_at >= ? GROUP BY 1, c.currency ORDER BY 1, 2" },
	[SQL_ADMIN_STATS_OUTCOMES] = { "admin_stats_outcomes",
	  "SELECT 'fast_track', c.state, 0, COUNT(*), "
	  "SUM(c.state = 'refunded'), SUM(c.refunded_cents) FROM cases c "
	  "WHERE c.fast_tracked = 1 GROUP BY c.state "
	  "UNION ALL SELECT 'escalated', c.state, 0, COUNT(*), "
	  "SUM(c.state = 'refunded'), SUM(c.refunded_cents) FROM cases c "
	  "WHERE c.escalated_at IS NOT NULL GROUP BY c.state "
	  "UNION ALL SELECT 'all', '', 0, COUNT(*), SUM(c.state = 'refunded'), "
	  "SUM(c.refunded_cents) FROM cases c "
	  "UNION ALL SELECT 'deadline', t.from_state, 0, COUNT(*), 0, 0 "
	  "FROM timeline t WHERE t.event = 'deadline' GROUP BY t.from_state "
	  "ORDER BY 1, 2" },
	[SQL_ADMIN_STATS_MEDIAN] = { "admin_stats_median",
	  "SELECT COALESCE(MAX(t.m), 0) FROM (SELECT PERCENTILE_CONT(0.5) "
	  "WITHIN GROUP (ORDER BY TIMESTAMPDIFF(SECOND, c.created_at, "
	  "c.closed_at)) OVER () AS m FROM cases c "
	  "WHERE c.closed_at IS NOT NULL) t" },
	[SQL_DEMO_SEEDED] = { "demo_seeded",
	  "SELECT COUNT(*) FROM users WHERE login = 'admin'" },
	[SQL_DEMO_SET_HASH] = { "demo_set_hash",
	  "SET @demo_hash = ?" },

	[SQL_DEMO_ORDER] = { "demo_order",
	  "SELECT o.id, o.buyer_id, o.shop_id, l.id, l.quantity "
	  "FROM orders o JOIN users u ON u.id = o.buyer_id "
	  "JOIN order_lines l ON l.order_id = o.id AND l.line_no = 1 "
	  "WHERE u.login = ? AND (o.shipped_at IS NOT NULL) = ? "
	  "AND (o.delivered_at IS NOT NULL) = ? AND (o.delivered_at IS NULL "
	  "OR o.delivered_at > ?) AND l.paid_cents <= ? "
	  "ORDER BY o.paid_at DESC LIMIT 1" },
	[SQL_DEMO_SELLER] = { "demo_seller",
	  "SELECT id FROM users WHERE role = 'seller' AND shop_id = ? "
	  "ORDER BY id LIMIT 1" },
	[SQL_CONNECTION_ID] = { "connection_id",
	  "SELECT CONNECTION_ID()" },

	/* ---- buyer2: begin ---- */
	[SQL_CASE_EXTRA] = { "case_extra", /* store/orders.c case_extra_load */
	  "SELECT c.exchange_variant, c.return_postage_cents, "
	  "p.return_postage_max_cents, COALESCE(r.shipping_payer, 'buyer') "
	  "FROM cases c JOIN policies p ON p.id = c.policy_id "
	  "LEFT JOIN policy_reasons r ON r.policy_id = c.policy_id "
	  "AND r.code = c.reason_code WHERE c.id = ?" },
	[SQL_CASE_SET_VARIANT] = { "case_set_variant",
	  "UPDATE cases SET exchange_variant = ? WHERE id = ?" },
	[SQL_CASE_SET_POSTAGE] = { "case_set_postage",
	  "UPDATE cases SET return_postage_cents = ? WHERE id = ?" },
	[SQL_REFUND_ADD_POSTAGE] = { "refund_add_postage",
	  "UPDATE refunds SET amount_cents = amount_cents + ?, "
	  "postage_cents = ? WHERE id = ? AND postage_cents = 0" },
	[SQL_CASE_PICTURES] = { "case_pictures", /* store/orders.c */
	  "SELECT l.id, l.picture_url FROM case_lines c JOIN order_lines l "
	  "ON l.id = c.order_line_id WHERE c.case_id = ? "
	  "AND l.picture_url IS NOT NULL ORDER BY l.line_no" },
	/* ---- buyer2: end ---- */
	/* ---- signin: begin ---- */
	[SQL_SIGNIN_ADDR_FAILURES] = { "signin_addr_failures",
	  "SELECT COUNT(*), COALESCE(UNIX_TIMESTAMP(MAX(failed_at)), 0) "
	  "FROM login_failures WHERE addr = ? AND failed_at > ?" },
	[SQL_SIGNIN_LOGIN_FAILURES] = { "signin_login_failures",
	  "SELECT COUNT(*), COALESCE(UNIX_TIMESTAMP(MAX(failed_at)), 0) "
	  "FROM login_failures WHERE login = ? AND failed_at > ?" },
	[SQL_SIGNIN_KNOWN] = { "signin_known",
	  "SELECT COUNT(*) FROM login_known_addrs k "
	  "JOIN users u ON u.id = k.user_id "
	  "WHERE u.login = ? AND k.addr = ? AND k.last_ok_at > ?" },
	[SQL_SIGNIN_PAIR_FAILURES] = { "signin_pair_failures",
	  "SELECT COUNT(*), COALESCE(UNIX_TIMESTAMP(MAX(failed_at)), 0) "
	  "FROM login_failures WHERE login = ? AND addr = ? AND failed_at > ?" },
	[SQL_SIGNIN_FAILURE_ADD] = { "signin_failure_add",
	  "INSERT INTO login_failures (user_id, login, addr, failed_at) "
	  "VALUES (?, ?, ?, ?)" },
	[SQL_SIGNIN_KNOWN_SET] = { "signin_known_set",
	  "INSERT INTO login_known_addrs (user_id, addr, last_ok_at) "
	  "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE last_ok_at = "
	  "VALUES(last_ok_at)" },
	[SQL_SIGNIN_FORGET] = { "signin_forget",
	  "DELETE FROM login_failures WHERE login = ? AND addr = ?" },
	[SQL_SIGNIN_REFUSAL_COUNT] = { "signin_refusal_count",
	  "INSERT INTO login_refusals (day, reason, refusals) "
	  "VALUES (DATE(?), ?, 1) ON DUPLICATE KEY UPDATE "
	  "refusals = refusals + 1" },
	[SQL_SIGNIN_KNOWN_PURGE] = { "signin_known_purge",
	  "DELETE FROM login_known_addrs WHERE last_ok_at < ?" },
	[SQL_SIGNIN_REFUSALS] = { "signin_refusals",
	  "SELECT DATE_FORMAT(day, '%Y-%m-%d'), reason, refusals "
	  "FROM login_refusals WHERE day >= DATE(?) ORDER BY day DESC, reason" },
	/* ---- signin: end ---- */
	/* ---- seller-talk: begin ---- */
	/*
	 * Unread markers, fanned out with each timeline row (engine/locked.c)
	 * to the other side: the shop's sellers, or the case's buyer. Args:
	 * timeline id (first), timeline id (last), message (0/1), case id.
	 */
	[SQL_TALK_UNREAD_SHOP] = { "talk_unread_shop",
	  "INSERT INTO case_unread (user_id, case_id, first_id, last_id, "
	  "message) SELECT u.id, c.id, ?, ?, ? FROM cases c "
	  "JOIN users u ON u.shop_id = c.shop_id AND u.role = 'seller' "
	  "AND u.disabled = 0 WHERE c.id = ? "
	  "ON DUPLICATE KEY UPDATE last_id = VALUES(last_id), "
	  "message = GREATEST(message, VALUES(message))" },
	[SQL_TALK_UNREAD_BUYER] = { "talk_unread_buyer",
	  "INSERT INTO case_unread (user_id, case_id, first_id, last_id, "
	  "message) SELECT c.buyer_id, c.id, ?, ?, ? FROM cases c "
	  "WHERE c.id = ? "
	  "ON DUPLICATE KEY UPDATE last_id = VALUES(last_id), "
	  "message = GREATEST(message, VALUES(message))" },
	/* Read up to a timeline id: a later row keeps the marker. */
	[SQL_TALK_READ] = { "talk_read",
	  "DELETE FROM case_unread WHERE user_id = ? AND case_id = ? "
	  "AND last_id <= ?" },
	[SQL_TALK_UNREAD_COUNT] = { "talk_unread_count",
	  "SELECT COUNT(*) FROM case_unread cu JOIN cases c ON c.id = cu.case_id "
	  "WHERE cu.user_id = ? AND (? = 0 OR c.queue_open = 1)" },
	[SQL_TALK_UNREAD_CASE] = { "talk_unread_case",
	  "SELECT last_id, message FROM case_unread WHERE user_id = ? "
	  "AND case_id = ?" },
	/* The markers of one queue page: user, then QUEUE_PAGE case ids. */
	[SQL_TALK_UNREAD_MARKS] = { "talk_unread_marks",
	  "SELECT case_id, message FROM case_unread WHERE user_id = ? "
	  "AND case_id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	  "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	  "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
	[SQL_TALK_UNREAD_OF_USER] = { "talk_unread_of_user",
	  "SELECT case_id, message FROM case_unread WHERE user_id = ? "
	  "ORDER BY case_id DESC LIMIT 500" },
	[SQL_TALK_NOTES] = { "talk_notes",
	  "SELECT n.id, UNIX_TIMESTAMP(n.at), n.author_role, a.display_name, "
	  "n.kind, COALESCE(s.display_name, ''), COALESCE(n.assignee_id, 0), "
	  "n.body FROM case_notes n JOIN users a ON a.id = n.author_id "
	  "LEFT JOIN users s ON s.id = n.assignee_id WHERE n.case_id = ? "
	  "ORDER BY n.id" },
	[SQL_TALK_NOTE_ADD] = { "talk_note_add",
	  "INSERT INTO case_notes (case_id, at, author_id, author_role, kind, "
	  "assignee_id, body) VALUES (?, ?, ?, ?, ?, ?, ?)" },
	[SQL_TALK_CASE_LOCK] = { "talk_case_lock",
	  "SELECT shop_id, buyer_id, COALESCE(assigned_to, 0) FROM cases "
	  "WHERE id = ? FOR UPDATE" },
	[SQL_TALK_ASSIGN] = { "talk_assign",
	  "UPDATE cases SET assigned_to = ? WHERE id = ?" },
	[SQL_TALK_STAFF] = { "talk_staff",
	  "SELECT u.id, u.login, u.display_name, u.disabled, "
	  "(SELECT COUNT(*) FROM cases c FORCE INDEX (ix_cases_assigned_deadline) "
	  "WHERE c.assigned_to = u.id AND c.queue_open = 1) FROM users u "
	  "WHERE u.shop_id = ? AND u.role = 'seller' "
	  "ORDER BY u.display_name, u.id" },
	[SQL_TALK_STAFF_MEMBER] = { "talk_staff_member",
	  "SELECT id FROM users WHERE id = ? AND shop_id = ? "
	  "AND role = 'seller' AND disabled = 0" },
	[SQL_TALK_ASSIGNED_COUNT] = { "talk_assigned_count",
	  "SELECT COUNT(*) FROM cases FORCE INDEX (ix_cases_assigned_deadline) "
	  "WHERE assigned_to = ? AND queue_open = 1 AND shop_id = ?" },
/* The keyset tails of the two sorts (store/queue.c binds key, key, id, limit). */
#define TALK_BY_DEADLINE \
	  "AND (c.deadline_sort > ? OR (c.deadline_sort = ? AND c.id > ?)) " \
	  "ORDER BY c.deadline_sort, c.id LIMIT ?"
#define TALK_BY_NEWEST \
	  "AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?)) " \
	  "ORDER BY c.created_at DESC, c.id DESC LIMIT ?"
/* Only the cases with a message the user has not read: user id. */
#define TALK_NEW_JOIN \
	  "STRAIGHT_JOIN case_unread cu ON cu.user_id = ? " \
	  "AND cu.case_id = c.id AND cu.message = 1 "
	/* Args: user, shop, the filters, the keyset. */
	[SQL_TALK_QUEUE_MINE_DEADLINE] = { "talk_queue_mine_deadline",
	  SELLER_QUEUE_COLUMNS
	  "FROM cases c FORCE INDEX (ix_cases_assigned_deadline) "
	  SELLER_QUEUE_JOINS "WHERE c.assigned_to = ? AND c.queue_open = 1 "
	  "AND c.shop_id = ? " SELLER_QUEUE_FILTERS TALK_BY_DEADLINE },
	[SQL_TALK_QUEUE_MINE_NEWEST] = { "talk_queue_mine_newest",
	  SELLER_QUEUE_COLUMNS
	  "FROM cases c FORCE INDEX (ix_cases_assigned_created) "
	  SELLER_QUEUE_JOINS "WHERE c.assigned_to = ? AND c.queue_open = 1 "
	  "AND c.shop_id = ? " SELLER_QUEUE_FILTERS TALK_BY_NEWEST },
	/* Args: user (unread), user, shop, the filters, the keyset. */
	[SQL_TALK_QUEUE_MINE_NEW_DEADLINE] = { "talk_queue_mine_new_deadline",
	  SELLER_QUEUE_COLUMNS
	  "FROM cases c FORCE INDEX (ix_cases_assigned_deadline) "
	  TALK_NEW_JOIN SELLER_QUEUE_JOINS
	  "WHERE c.assigned_to = ? AND c.queue_open = 1 "
	  "AND c.shop_id = ? " SELLER_QUEUE_FILTERS TALK_BY_DEADLINE },
	[SQL_TALK_QUEUE_MINE_NEW_NEWEST] = { "talk_queue_mine_new_newest",
	  SELLER_QUEUE_COLUMNS
	  "FROM cases c FORCE INDEX (ix_cases_assigned_created) "
	  TALK_NEW_JOIN SELLER_QUEUE_JOINS
	  "WHERE c.assigned_to = ? AND c.queue_open = 1 "
	  "AND c.shop_id = ? " SELLER_QUEUE_FILTERS TALK_BY_NEWEST },
	/* Args: user (unread), shop, tab, the filters, the keyset. */
	[SQL_TALK_QUEUE_TAB_NEW_DEADLINE] = { "talk_queue_tab_new_deadline",
	  SELLER_QUEUE_COLUMNS
	  "FROM cases c FORCE INDEX (ix_cases_seller_tab_deadline) "
	  TALK_NEW_JOIN SELLER_QUEUE_JOINS
	  "WHERE c.shop_id = ? AND c.queue_tab = ? "
	  SELLER_QUEUE_FILTERS TALK_BY_DEADLINE },
	[SQL_TALK_QUEUE_TAB_NEW_NEWEST] = { "talk_queue_tab_new_newest",
	  SELLER_QUEUE_COLUMNS
	  "FROM cases c FORCE INDEX (ix_cases_seller_tab_created) "
	  TALK_NEW_JOIN SELLER_QUEUE_JOINS
	  "WHERE c.shop_id = ? AND c.queue_tab = ? "
	  SELLER_QUEUE_FILTERS TALK_BY_NEWEST },
	/* Args: user (unread), shop, the filters, the keyset. */
	[SQL_TALK_QUEUE_OPEN_NEW_DEADLINE] = { "talk_queue_open_new_deadline",
	  SELLER_QUEUE_COLUMNS
	  "FROM cases c FORCE INDEX (ix_cases_seller_open_deadline) "
	  TALK_NEW_JOIN SELLER_QUEUE_JOINS
	  "WHERE c.shop_id = ? AND c.queue_open = 1 "
	  SELLER_QUEUE_FILTERS TALK_BY_DEADLINE },
	[SQL_TALK_QUEUE_OPEN_NEW_NEWEST] = { "talk_queue_open_new_newest",
	  SELLER_QUEUE_COLUMNS
	  "FROM cases c FORCE INDEX (ix_cases_seller_open_created) "
	  TALK_NEW_JOIN SELLER_QUEUE_JOINS
	  "WHERE c.shop_id = ? AND c.queue_open = 1 "
	  SELLER_QUEUE_FILTERS TALK_BY_NEWEST },
#undef TALK_BY_DEADLINE
#undef TALK_BY_NEWEST
#undef TALK_NEW_JOIN
	/* ---- seller-talk: end ---- */
	/* ---- admin2: begin ---- */
	/*
	 * The history of a case's buyer and of its shop, for the admin's
	 * case page: orders, cases, refunded cases, escalated cases, amount
	 * refunded; each an index range (buyer_id, shop_id).
	 */
	[SQL_ADMIN2_HISTORY] = { "admin2_history",
	  "SELECT (SELECT COUNT(*) FROM orders o WHERE o.buyer_id = c.buyer_id), "
	  "(SELECT COUNT(*) FROM cases x WHERE x.buyer_id = c.buyer_id), "
	  "(SELECT COUNT(*) FROM cases x WHERE x.buyer_id = c.buyer_id "
	  "AND x.state = 'refunded'), "
	  "(SELECT COUNT(*) FROM cases x WHERE x.buyer_id = c.buyer_id "
	  "AND x.escalated_at IS NOT NULL), "
	  "(SELECT COALESCE(SUM(x.refunded_cents), 0) FROM cases x "
	  "WHERE x.buyer_id = c.buyer_id), "
	  "(SELECT COUNT(*) FROM orders o WHERE o.shop_id = c.shop_id), "
	  "(SELECT COUNT(*) FROM cases x WHERE x.shop_id = c.shop_id), "
	  "(SELECT COUNT(*) FROM cases x WHERE x.shop_id = c.shop_id "
	  "AND x.state = 'refunded'), "
	  "(SELECT COUNT(*) FROM cases x WHERE x.shop_id = c.shop_id "
	  "AND x.escalated_at IS NOT NULL), "
	  "(SELECT COALESCE(SUM(x.refunded_cents), 0) FROM cases x "
	  "WHERE x.shop_id = c.shop_id) FROM cases c WHERE c.id = ?" },
	/*
	 * The worker's aggregates (engine/aggregates.c): the mark locked,
	 * how far this pass reads (at most 20000 timeline rows), the opening
	 * days of the cases changed in between, each day recomputed whole,
	 * the changed cases' durations, the mark moved.
	 */
	[SQL_ADMIN2_AGG_MARK_LOCK] = { "admin2_agg_mark_lock",
	  "SELECT last_id FROM aggregate_marks WHERE name = 'timeline' "
	  "FOR UPDATE" },
	[SQL_ADMIN2_AGG_UPTO] = { "admin2_agg_upto",
	  "SELECT COALESCE(MAX(t.id), 0) FROM (SELECT id FROM timeline "
	  "WHERE id > ? ORDER BY id LIMIT 20000) t" },
	[SQL_ADMIN2_AGG_DAYS] = { "admin2_agg_days",
	  "SELECT DISTINCT UNIX_TIMESTAMP(DATE(c.created_at)) FROM timeline t "
	  "JOIN cases c ON c.id = t.case_id WHERE t.id > ? AND t.id <= ?" },
	[SQL_ADMIN2_AGG_DAY_CLEAR] = { "admin2_agg_day_clear",
	  "DELETE FROM daily_case_stats WHERE day = DATE(?)" },
	[SQL_ADMIN2_AGG_DAY_FILL] = { "admin2_agg_day_fill",
	  "INSERT INTO daily_case_stats (day, shop_id, reason_code, sku, "
	  "currency, state, cases, fast_tracked, escalated, refunded_cents, "
	  "fast_refunded_cents, escalated_refunded_cents, comp_given, "
	  "comp_cents) SELECT DATE(?), c.shop_id, c.reason_code, "
	  "COALESCE((SELECT l.sku FROM case_lines cl JOIN order_lines l "
	  "ON l.id = cl.order_line_id WHERE cl.case_id = c.id "
	  "ORDER BY cl.order_line_id LIMIT 1), '') AS first_sku, c.currency, "
	  "c.state, COUNT(*), SUM(c.fast_tracked), "
	  "SUM(c.escalated_at IS NOT NULL), SUM(c.refunded_cents), "
	  "SUM(IF(c.fast_tracked = 1, c.refunded_cents, 0)), "
	  "SUM(IF(c.escalated_at IS NOT NULL, c.refunded_cents, 0)), "
	  "COALESCE(SUM((SELECT COUNT(*) FROM compensations k JOIN offers f "
	  "ON f.id = k.offer_id WHERE k.case_id = c.id "
	  "AND f.status = 'accepted')), 0), "
	  "COALESCE(SUM((SELECT COALESCE(SUM(k.value_cents), 0) "
	  "FROM compensations k JOIN offers f ON f.id = k.offer_id "
	  "WHERE k.case_id = c.id AND f.status = 'accepted')), 0) "
	  "FROM cases c WHERE c.created_at >= ? "
	  "AND c.created_at < ? + INTERVAL 1 DAY "
	  "GROUP BY c.shop_id, c.reason_code, first_sku, c.currency, c.state" },
	[SQL_ADMIN2_AGG_DURATIONS] = { "admin2_agg_durations",
	  "INSERT INTO case_durations (case_id, decide_secs, close_secs) "
	  "SELECT c.id, (SELECT TIMESTAMPDIFF(SECOND, c.created_at, MIN(d.at)) "
	  "FROM timeline d WHERE d.case_id = c.id "
	  "AND d.from_state = 'requested' AND d.to_state <> 'requested' "
	  "AND d.event <> 'cancel'), IF(c.closed_at IS NULL, NULL, "
	  "TIMESTAMPDIFF(SECOND, c.created_at, c.closed_at)) FROM cases c "
	  "WHERE c.id IN (SELECT t.case_id FROM timeline t WHERE t.id > ? "
	  "AND t.id <= ?) ON DUPLICATE KEY UPDATE "
	  "decide_secs = VALUES(decide_secs), close_secs = VALUES(close_secs)" },
	[SQL_ADMIN2_AGG_MARK_SET] = { "admin2_agg_mark_set",
	  "UPDATE aggregate_marks SET last_id = ? WHERE name = 'timeline'" },
	/*
	 * The analytics from the aggregates: every row is (key, key2,
	 * orders, cases, refunded, refunded_cents, fast, escalated,
	 * comp_given, comp_cents); see analytics.h.
	 */
	[SQL_ADMIN2_STATS_SHOPS] = { "admin2_stats_shops",
	  "SELECT s.name, s.currency, (SELECT COUNT(*) FROM orders o "
	  "WHERE o.shop_id = s.id), COALESCE(SUM(a.cases), 0), "
	  "COALESCE(SUM(IF(a.state = 'refunded', a.cases, 0)), 0), "
	  "COALESCE(SUM(a.refunded_cents), 0), COALESCE(SUM(a.fast_tracked), 0), "
	  "COALESCE(SUM(a.escalated), 0), COALESCE(SUM(a.comp_given), 0), "
	  "COALESCE(SUM(a.comp_cents), 0) FROM shops s "
	  "LEFT JOIN daily_case_stats a ON a.shop_id = s.id "
	  "GROUP BY s.id, s.name, s.currency ORDER BY s.name" },
	[SQL_ADMIN2_STATS_REASONS] = { "admin2_stats_reasons",
	  "SELECT a.reason_code, a.currency, 0, SUM(a.cases), "
	  "SUM(IF(a.state = 'refunded', a.cases, 0)), SUM(a.refunded_cents), "
	  "SUM(a.fast_tracked), SUM(a.escalated), SUM(a.comp_given), "
	  "SUM(a.comp_cents) FROM daily_case_stats a "
	  "GROUP BY a.reason_code, a.currency "
	  "ORDER BY SUM(a.cases) DESC, a.reason_code, a.currency" },
	[SQL_ADMIN2_STATS_MONTHS] = { "admin2_stats_months",
	  "SELECT DATE_FORMAT(a.day, '%Y-%m'), a.currency, 0, SUM(a.cases), "
	  "SUM(IF(a.state = 'refunded', a.cases, 0)), SUM(a.refunded_cents), "
	  "SUM(a.fast_tracked), SUM(a.escalated), SUM(a.comp_given), "
	  "SUM(a.comp_cents) FROM daily_case_stats a WHERE a.day >= DATE(?) "
	  "GROUP BY 1, a.currency ORDER BY 1, 2" },
	[SQL_ADMIN2_STATS_OUTCOMES] = { "admin2_stats_outcomes",
	  "SELECT 'fast_track', a.state, 0, SUM(a.fast_tracked), "
	  "SUM(IF(a.state = 'refunded', a.fast_tracked, 0)), "
	  "SUM(a.fast_refunded_cents), 0, 0, 0, 0 FROM daily_case_stats a "
	  "GROUP BY a.state HAVING SUM(a.fast_tracked) > 0 "
	  "UNION ALL SELECT 'escalated', a.state, 0, SUM(a.escalated), "
	  "SUM(IF(a.state = 'refunded', a.escalated, 0)), "
	  "SUM(a.escalated_refunded_cents), 0, 0, 0, 0 "
	  "FROM daily_case_stats a GROUP BY a.state HAVING SUM(a.escalated) > 0 "
	  "UNION ALL SELECT 'all', '', 0, COALESCE(SUM(a.cases), 0), "
	  "COALESCE(SUM(IF(a.state = 'refunded', a.cases, 0)), 0), "
	  "COALESCE(SUM(a.refunded_cents), 0), COALESCE(SUM(a.fast_tracked), 0), "
	  "COALESCE(SUM(a.escalated), 0), 0, 0 FROM daily_case_stats a "
	  "UNION ALL SELECT 'deadline', t.from_state, 0, COUNT(*), 0, 0, 0, 0, "
	  "0, 0 FROM timeline t WHERE t.event = 'deadline' GROUP BY t.from_state "
	  "ORDER BY 1, 2" },
	[SQL_ADMIN2_STATS_SKUS] = { "admin2_stats_skus",
	  "SELECT a.sku, a.currency, 0, SUM(a.cases), "
	  "SUM(IF(a.state = 'refunded', a.cases, 0)), SUM(a.refunded_cents), "
	  "SUM(a.fast_tracked), SUM(a.escalated), SUM(a.comp_given), "
	  "SUM(a.comp_cents) FROM daily_case_stats a "
	  "GROUP BY a.sku, a.currency "
	  "ORDER BY SUM(a.cases) DESC, a.sku, a.currency LIMIT 50" },
	[SQL_ADMIN2_STATS_COMP] = { "admin2_stats_comp",
	  "SELECT DATE_FORMAT(a.day, '%Y-%m'), a.currency, 0, SUM(a.cases), "
	  "SUM(IF(a.state = 'refunded', a.cases, 0)), SUM(a.refunded_cents), "
	  "SUM(a.fast_tracked), SUM(a.escalated), SUM(a.comp_given), "
	  "SUM(a.comp_cents) FROM daily_case_stats a WHERE a.day >= DATE(?) "
	  "GROUP BY 1, a.currency HAVING SUM(a.comp_given) > 0 ORDER BY 1, 2" },
	/* Medians read the middle of an index: its count, then one or two values. */
	[SQL_ADMIN2_MEDIAN_COUNT_DECIDE] = { "admin2_median_count_decide",
	  "SELECT COUNT(decide_secs) FROM case_durations "
	  "WHERE decide_secs IS NOT NULL" },
	[SQL_ADMIN2_MEDIAN_AT_DECIDE] = { "admin2_median_at_decide",
	  "SELECT decide_secs FROM case_durations WHERE decide_secs IS NOT NULL "
	  "ORDER BY decide_secs LIMIT ?, 2" },
	[SQL_ADMIN2_MEDIAN_COUNT_CLOSE] = { "admin2_median_count_close",
	  "SELECT COUNT(close_secs) FROM case_durations "
	  "WHERE close_secs IS NOT NULL" },
	[SQL_ADMIN2_MEDIAN_AT_CLOSE] = { "admin2_median_at_close",
	  "SELECT close_secs FROM case_durations WHERE close_secs IS NOT NULL "
	  "ORDER BY close_secs LIMIT ?, 2" },
	/* ---- admin2: end ---- */
	/* ---- pkg (issue 13): begin ---- */
	[SQL_MIGRATION_PROGRESS_CREATE] = { "migration_progress_create",
	  "CREATE TABLE IF NOT EXISTS schema_migration_progress ("
	  " version INT NOT NULL PRIMARY KEY COMMENT 'number of the file',"
	  " name VARCHAR(255) NOT NULL COMMENT 'file name',"
	  " sha256 CHAR(64) NOT NULL COMMENT 'hex SHA-256 of the file as last run',"
	  " statements_done INT NOT NULL COMMENT 'statements of the file that"
	  " have run and committed',"
	  " done_sha256 CHAR(64) NOT NULL COMMENT 'hex SHA-256 of those"
	  " statements: they must not change before the rest runs'"
	  ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 "
	  "COMMENT='Migrations deskctl migrate has started and not finished "
	  "(a statement failed): where the next run resumes'" },
	[SQL_MIGRATION_PROGRESS_LIST] = { "migration_progress_list",
	  "SELECT version, name, statements_done, done_sha256 "
	  "FROM schema_migration_progress ORDER BY version" },
	[SQL_MIGRATION_PROGRESS_START] = { "migration_progress_start",
	  "INSERT INTO schema_migration_progress (version, name, sha256, "
	  "statements_done, done_sha256) VALUES (?, ?, ?, ?, ?)" },
	[SQL_MIGRATION_PROGRESS_SET] = { "migration_progress_set",
	  "UPDATE schema_migration_progress SET statements_done = ?, "
	  "sha256 = ?, done_sha256 = ? WHERE version = ?" },
	[SQL_MIGRATION_PROGRESS_DROP] = { "migration_progress_drop",
	  "DELETE FROM schema_migration_progress WHERE version = ?" },
	/* ---- pkg (issue 13): end ---- */
	/* ---- seller-stats: begin ---- */
	/*
	 * A shop's statistics over the cases opened in [?, ?): every
	 * statement ranges over ix_cases_shop_stats (sql/008, which covers
	 * the columns they count) or ix_orders_shop_paid, and reaches other
	 * rows by primary or case_id keys only.
	 */
	[SQL_SS_TOTALS] = { "ss_totals",
	  "SELECT COUNT(*), COALESCE(SUM(c.state = 'refunded'), 0), "
	  "COALESCE(SUM(c.refunded_cents), 0), "
	  "COALESCE(SUM(c.escalated_at IS NOT NULL), 0), "
	  "COALESCE(SUM(c.closed_at IS NOT NULL), 0), "
	  "COALESCE(SUM(c.fast_tracked), 0) "
	  "FROM cases c FORCE INDEX (ix_cases_shop_stats) "
	  "WHERE c.shop_id = ? AND c.created_at >= ? AND c.created_at < ?" },
	[SQL_SS_DAYS] = { "ss_days",
	  /* orders paid and cases opened per UTC day, each grouped first; */
	  /* sorted by the caller */
	  "SELECT s.d, SUM(s.o), SUM(s.c), SUM(s.r), SUM(s.cents) FROM ("
	  "SELECT DATE_FORMAT(o.paid_at, '%Y-%m-%d') AS d, COUNT(*) AS o, "
	  "0 AS c, 0 AS r, 0 AS cents "
	  "FROM orders o FORCE INDEX (ix_orders_shop_paid) "
	  "WHERE o.shop_id = ? AND o.paid_at >= ? AND o.paid_at < ? GROUP BY 1 "
	  "UNION ALL SELECT DATE_FORMAT(c.created_at, '%Y-%m-%d'), 0, COUNT(*), "
	  "SUM(c.state = 'refunded'), SUM(c.refunded_cents) "
	  "FROM cases c FORCE INDEX (ix_cases_shop_stats) "
	  "WHERE c.shop_id = ? AND c.created_at >= ? AND c.created_at < ? "
	  "GROUP BY 1) s GROUP BY s.d ORDER BY NULL" },
	[SQL_SS_LINES] = { "ss_lines",
	  /* order lines paid, and case lines opened, in the period */
	  "SELECT (SELECT COUNT(*) FROM orders o "
	  "FORCE INDEX (ix_orders_shop_paid) STRAIGHT_JOIN order_lines l "
	  "ON l.order_id = o.id WHERE o.shop_id = ? AND o.paid_at >= ? "
	  "AND o.paid_at < ?), (SELECT COUNT(*) FROM cases c "
	  "FORCE INDEX (ix_cases_shop_stats) STRAIGHT_JOIN case_lines cl "
	  "FORCE INDEX (PRIMARY) ON cl.case_id = c.id WHERE c.shop_id = ? "
	  "AND c.created_at >= ? AND c.created_at < ?)" },
	[SQL_SS_MEDIAN_ANSWER] = { "ss_median_answer",
	  /* seconds from the request to the shop's first timeline row, kept */
	  /* by the engine in cases.first_answer_at (sql/014): no timeline probe */
	  "SELECT COALESCE(MAX(m.v), -1), COUNT(*) FROM (SELECT "
	  "MEDIAN(TIMESTAMPDIFF(SECOND, c.created_at, c.first_answer_at)) "
	  "OVER () AS v FROM cases c FORCE INDEX (ix_cases_shop_stats) "
	  "WHERE c.shop_id = ? AND c.created_at >= ? AND c.created_at < ? "
	  "AND c.first_answer_at IS NOT NULL) m" },
	[SQL_SS_MEDIAN_CLOSE] = { "ss_median_close",
	  "SELECT COALESCE(MAX(m.v), -1), COUNT(*) FROM (SELECT "
	  "MEDIAN(TIMESTAMPDIFF(SECOND, c.created_at, c.closed_at)) OVER () "
	  "AS v FROM cases c FORCE INDEX (ix_cases_shop_stats) "
	  "WHERE c.shop_id = ? AND c.created_at >= ? AND c.created_at < ? "
	  "AND c.closed_at IS NOT NULL) m" },
	[SQL_SS_ESCALATIONS] = { "ss_escalations",
	  /* escalated cases by the platform's ruling ('' = not ruled yet) */
	  "SELECT e.ruling, COUNT(*), SUM(e.cents) FROM (SELECT COALESCE(("
	  "SELECT t.event FROM timeline t FORCE INDEX (ix_timeline_case) "
	  "WHERE t.case_id = c.id AND t.event IN ('rule_refund', "
	  "'rule_partial', 'rule_reject') ORDER BY t.id DESC LIMIT 1), '') "
	  "AS ruling, c.refunded_cents AS cents "
	  "FROM cases c FORCE INDEX (ix_cases_shop_stats) "
	  "WHERE c.shop_id = ? AND c.created_at >= ? AND c.created_at < ? "
	  "AND c.escalated_at IS NOT NULL) e GROUP BY e.ruling ORDER BY NULL" },
	[SQL_SS_BUYER_HISTORY] = { "ss_buyer_history",
	  /* a buyer with one shop: orders, cases, refunded cases, amount */
	  "SELECT (SELECT COUNT(*) FROM orders o "
	  "FORCE INDEX (ix_orders_buyer_paid) WHERE o.buyer_id = ? "
	  "AND o.shop_id = ?), COUNT(*), COALESCE(SUM(c.state = 'refunded'), 0), "
	  "COALESCE(SUM(c.refunded_cents), 0), "
	  "COALESCE(SUM(c.state NOT IN ('refunded', 'exchanged', 'closed')), 0) "
	  "FROM cases c FORCE INDEX (ix_cases_buyer_created) "
	  "WHERE c.buyer_id = ? AND c.shop_id = ?" },
	[SQL_SS_CASE_FACTS] = { "ss_case_facts",
	  /* the order's dates and parcel, the frozen reason's rule, deadlines */
	  "SELECT c.buyer_id, c.shop_id, UNIX_TIMESTAMP(o.paid_at), "
	  "COALESCE(UNIX_TIMESTAMP(o.shipped_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(o.delivered_at), 0), "
	  "COALESCE(o.ship_carrier, ''), COALESCE(o.ship_waybill, ''), "
	  "r.allow_refund_only, r.allow_return_refund, r.allow_exchange, "
	  "r.evidence_required, r.shipping_payer, "
	  "COALESCE(r.window_days, p.return_window_days), r.fast_track, "
	  "p.seller_response_hours "
	  "FROM cases c JOIN orders o ON o.id = c.order_id "
	  "JOIN policies p ON p.id = c.policy_id "
	  "JOIN policy_reasons r ON r.policy_id = c.policy_id "
	  "AND r.code = c.reason_code WHERE c.id = ?" },
	/* ---- seller-stats: end ---- */

	/* ---- integ: begin ---- */
	[SQL_IMPORT_SHOP] = { "import_shop",
	  "SELECT id, currency, disabled FROM shops WHERE name = ?" },
	[SQL_IMPORT_BUYER] = { "import_buyer",
	  "SELECT id, role FROM users WHERE login = ?" },
	/* A buyer made by the import cannot sign in ('!' is no crypt hash)
	 * until an admin or deskctl user reset gives a password. */
	[SQL_IMPORT_BUYER_ADD] = { "import_buyer_add",
	  "INSERT INTO users (role, login, display_name, password_hash, "
	  "created_at) VALUES ('buyer', ?, ?, '!', ?)" },
	[SQL_IMPORT_ORDER_GET] = { "import_order_get",
	  "SELECT id, shop_id, buyer_id, currency, UNIX_TIMESTAMP(paid_at), "
	  "COALESCE(UNIX_TIMESTAMP(shipped_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(delivered_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(expected_delivery_at), 0), ship_carrier, "
	  "ship_waybill FROM orders WHERE order_no = ? FOR UPDATE" },
	[SQL_IMPORT_ORDER_INSERT] = { "import_order_insert",
	  "INSERT INTO orders (order_no, shop_id, buyer_id, currency, "
	  "total_paid_cents, paid_at, shipped_at, delivered_at, "
	  "expected_delivery_at, ship_carrier, ship_waybill, created_at) "
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
	[SQL_IMPORT_ORDER_UPDATE] = { "import_order_update",
	  "UPDATE orders SET shipped_at = ?, delivered_at = ?, "
	  "expected_delivery_at = ?, ship_carrier = ?, ship_waybill = ? "
	  "WHERE id = ?" },
	[SQL_IMPORT_ORDER_TOTAL] = { "import_order_total",
	  "UPDATE orders o SET o.total_paid_cents = (SELECT "
	  "COALESCE(SUM(l.paid_cents), 0) FROM order_lines l "
	  "WHERE l.order_id = o.id) WHERE o.id = ?" },
	[SQL_IMPORT_LINES_GET] = { "import_lines_get",
	  "SELECT l.id, l.line_no, l.sku, l.title, l.variant, "
	  "l.variant_options, l.picture_url, l.quantity, l.unit_price_cents, "
	  "l.paid_cents, (l.refunded_cents + l.pending_cents > 0 OR EXISTS "
	  "(SELECT 1 FROM case_lines cl WHERE cl.order_line_id = l.id)) "
	  "FROM order_lines l WHERE l.order_id = ? ORDER BY l.line_no" },
	[SQL_IMPORT_LINE_UPDATE] = { "import_line_update",
	  "UPDATE order_lines SET sku = ?, title = ?, variant = ?, "
	  "variant_options = ?, picture_url = ?, quantity = ?, "
	  "unit_price_cents = ?, paid_cents = ? WHERE id = ?" },
	[SQL_IMPORT_LINE_INSERT] = { "import_line_insert",
	  "INSERT INTO order_lines (order_id, line_no, sku, title, variant, "
	  "variant_options, picture_url, quantity, unit_price_cents, "
	  "paid_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
	/* The lines of a whole batch of new orders in one statement: one
	 * JSON array of objects (a key left out is NULL). */
	[SQL_IMPORT_LINES_INSERT_JSON] = { "import_lines_insert_json",
	  "INSERT INTO order_lines (order_id, line_no, sku, title, variant, "
	  "variant_options, picture_url, quantity, unit_price_cents, "
	  "paid_cents) SELECT j.o, j.n, j.s, j.t, j.v, j.vo, j.p, j.q, j.u, "
	  "j.c FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	  "o BIGINT PATH '$.o', n INT PATH '$.n', "
	  "s VARCHAR(64) CHARACTER SET utf8mb4 PATH '$.s', "
	  "t VARCHAR(255) CHARACTER SET utf8mb4 PATH '$.t', "
	  "v VARCHAR(128) CHARACTER SET utf8mb4 PATH '$.v', "
	  "vo VARCHAR(2048) CHARACTER SET utf8mb4 PATH '$.vo', "
	  "p VARCHAR(512) CHARACTER SET utf8mb4 PATH '$.p', "
	  "q INT PATH '$.q', u BIGINT PATH '$.u', c BIGINT PATH '$.c')) j" },

	[SQL_APIKEY_INSERT] = { "apikey_insert",
	  "INSERT INTO api_keys (shop_id, user_id, label, key_hash, "
	  "key_prefix, rate_per_min, created_at, created_by) "
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)" },
	[SQL_APIKEY_BY_HASH] = { "apikey_by_hash",
	  "SELECT k.id, k.shop_id, k.user_id, k.rate_per_min, "
	  "k.revoked_at IS NOT NULL, u.disabled, s.disabled, s.name "
	  "FROM api_keys k JOIN users u ON u.id = k.user_id "
	  "JOIN shops s ON s.id = k.shop_id WHERE k.key_hash = ?" },
	[SQL_APIKEY_REVOKE] = { "apikey_revoke",
	  "UPDATE api_keys SET revoked_at = ? WHERE id = ? "
	  "AND revoked_at IS NULL" },
	[SQL_APIKEY_LIST] = { "apikey_list",
	  "SELECT k.id, s.name, u.login, k.label, k.key_prefix, "
	  "k.rate_per_min, UNIX_TIMESTAMP(k.created_at), "
	  "COALESCE(UNIX_TIMESTAMP(k.revoked_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(k.last_used_at), 0) FROM api_keys k "
	  "JOIN shops s ON s.id = k.shop_id JOIN users u ON u.id = k.user_id "
	  "ORDER BY k.id" },
	[SQL_APIKEY_SELLER] = { "apikey_seller",
	  "SELECT id, shop_id FROM users WHERE login = ? AND role = 'seller'" },
	[SQL_API_RATE_HIT] = { "api_rate_hit",
	  "INSERT INTO api_rate (key_id, window_at, hits) VALUES (?, ?, 1) "
	  "ON DUPLICATE KEY UPDATE hits = hits + 1" },
	[SQL_API_RATE_GET] = { "api_rate_get",
	  "SELECT hits FROM api_rate WHERE key_id = ? AND window_at = ?" },
	[SQL_API_RATE_PURGE] = { "api_rate_purge",
	  "DELETE FROM api_rate WHERE key_id = ? AND window_at < ?" },
	[SQL_API_IDEM_GET] = { "api_idem_get",
	  "SELECT request_sha, status, body FROM api_idempotency "
	  "WHERE key_id = ? AND idem_key = ?" },
	[SQL_API_IDEM_PUT] = { "api_idem_put",
	  "INSERT INTO api_idempotency (key_id, idem_key, request_sha, status, "
	  "body, created_at) VALUES (?, ?, ?, ?, ?, ?)" },
	[SQL_API_CASES] = { "api_cases",
	  "SELECT c.id, c.rma_no, o.order_no, c.state, c.type, c.reason_code, "
	  "c.requested_cents, COALESCE(c.offered_cents, -1), "
	  "COALESCE(c.approved_cents, -1), c.refunded_cents, c.currency, "
	  "COALESCE(UNIX_TIMESTAMP(c.deadline_at), 0), "
	  "UNIX_TIMESTAMP(c.created_at), UNIX_TIMESTAMP(c.updated_at), u.login "
	  "FROM cases c JOIN orders o ON o.id = c.order_id "
	  "JOIN users u ON u.id = c.buyer_id WHERE c.shop_id = ? "
	  "AND c.id < ? AND c.updated_at >= ? ORDER BY c.id DESC LIMIT ?" },
	[SQL_API_CASES_STATE] = { "api_cases_state",
	  "SELECT c.id, c.rma_no, o.order_no, c.state, c.type, c.reason_code, "
	  "c.requested_cents, COALESCE(c.offered_cents, -1), "
	  "COALESCE(c.approved_cents, -1), c.refunded_cents, c.currency, "
	  "COALESCE(UNIX_TIMESTAMP(c.deadline_at), 0), "
	  "UNIX_TIMESTAMP(c.created_at), UNIX_TIMESTAMP(c.updated_at), u.login "
	  "FROM cases c JOIN orders o ON o.id = c.order_id "
	  "JOIN users u ON u.id = c.buyer_id WHERE c.shop_id = ? "
	  "AND c.id < ? AND c.updated_at >= ? AND c.state = ? "
	  "ORDER BY c.id DESC LIMIT ?" },
	[SQL_API_CASE_SHOP] = { "api_case_shop",
	  "SELECT c.id, c.rma_no, o.order_no, c.state, c.type, c.reason_code, "
	  "c.requested_cents, COALESCE(c.offered_cents, -1), "
	  "COALESCE(c.approved_cents, -1), c.refunded_cents, c.currency, "
	  "COALESCE(UNIX_TIMESTAMP(c.deadline_at), 0), "
	  "UNIX_TIMESTAMP(c.created_at), UNIX_TIMESTAMP(c.updated_at), u.login "
	  "FROM cases c JOIN orders o ON o.id = c.order_id "
	  "JOIN users u ON u.id = c.buyer_id WHERE c.shop_id = ? "
	  "AND (c.id = ? OR c.rma_no = ?)" },

	[SQL_OUTBOX_ADD] = { "outbox_add",
	  "INSERT INTO event_outbox (case_id, timeline_id, created_at) "
	  "VALUES (?, LAST_INSERT_ID(), ?)" },
	[SQL_OUTBOX_UNFANNED] = { "outbox_unfanned",
	  "SELECT o.id, c.shop_id, t.event, UNIX_TIMESTAMP(o.created_at) "
	  "FROM event_outbox o "
	  "JOIN cases c ON c.id = o.case_id JOIN timeline t ON t.id = o.timeline_id "
	  "WHERE o.fanned_at IS NULL ORDER BY o.id LIMIT 200 "
	  "FOR UPDATE SKIP LOCKED" },
	[SQL_OUTBOX_ENDPOINTS] = { "outbox_endpoints",
	  "SELECT id, events FROM webhook_endpoints WHERE disabled = 0 "
	  "AND (shop_id IS NULL OR shop_id = ?) AND created_at <= ? "
	  "ORDER BY id" },
	[SQL_OUTBOX_FANNED] = { "outbox_fanned",
	  "UPDATE event_outbox SET fanned_at = ? WHERE id = ?" },
	[SQL_DELIVERY_ADD] = { "delivery_add",
	  "INSERT IGNORE INTO webhook_deliveries (event_id, endpoint_id, "
	  "next_attempt_at, created_at) VALUES (?, ?, ?, ?)" },
	[SQL_DELIVERY_CLAIM] = { "delivery_claim",
	  "SELECT id FROM webhook_deliveries WHERE status = 'pending' "
	  "AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1 "
	  "FOR UPDATE SKIP LOCKED" },
	[SQL_DELIVERY_LEASE] = { "delivery_lease",
	  "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ? "
	  "AND status = 'pending' AND next_attempt_at <= ?" },
	[SQL_DELIVERY_GET] = { "delivery_get",
	  "SELECT d.id, d.attempts, e.url, e.secret, o.id, t.event, "
	  "UNIX_TIMESTAMP(t.at), t.actor_role, t.from_state, t.to_state, "
	  "t.amount_cents, t.note, t.rule, c.id, c.rma_no, c.shop_id, c.type, "
	  "c.currency, ord.order_no FROM webhook_deliveries d "
	  "JOIN webhook_endpoints e ON e.id = d.endpoint_id "
	  "JOIN event_outbox o ON o.id = d.event_id "
	  "JOIN timeline t ON t.id = o.timeline_id "
	  "JOIN cases c ON c.id = o.case_id "
	  "JOIN orders ord ON ord.id = c.order_id WHERE d.id = ?" },
	[SQL_DELIVERY_DONE] = { "delivery_done",
	  "UPDATE webhook_deliveries SET status = 'delivered', "
	  "attempts = attempts + 1, last_status = ?, last_error = NULL, "
	  "last_attempt_at = ?, delivered_at = ? WHERE id = ?" },
	[SQL_DELIVERY_RETRY] = { "delivery_retry",
	  "UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, "
	  "last_status = ?, last_error = ?, last_attempt_at = ?, "
	  "next_attempt_at = ? WHERE id = ?" },
	[SQL_DELIVERY_LIST] = { "delivery_list",
	  "SELECT d.id, d.endpoint_id, d.event_id, t.event, c.rma_no, d.status, "
	  "d.attempts, COALESCE(d.last_status, 0), COALESCE(d.last_error, ''), "
	  "COALESCE(UNIX_TIMESTAMP(d.last_attempt_at), 0), "
	  "UNIX_TIMESTAMP(d.next_attempt_at) FROM webhook_deliveries d "
	  "JOIN event_outbox o ON o.id = d.event_id "
	  "JOIN timeline t ON t.id = o.timeline_id "
	  "JOIN cases c ON c.id = o.case_id ORDER BY d.id DESC LIMIT ?" },
	[SQL_ENDPOINT_ADD] = { "endpoint_add",
	  "INSERT INTO webhook_endpoints (shop_id, url, secret, events, "
	  "created_at) VALUES (?, ?, ?, ?, ?)" },
	[SQL_ENDPOINT_LIST] = { "endpoint_list",
	  "SELECT e.id, COALESCE(s.name, ''), e.url, e.events, e.disabled, "
	  "(SELECT COUNT(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id "
	  "AND d.status = 'pending'), (SELECT COUNT(*) FROM webhook_deliveries d "
	  "WHERE d.endpoint_id = e.id AND d.status = 'delivered'), "
	  "(SELECT COUNT(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id "
	  "AND d.status = 'failed') FROM webhook_endpoints e "
	  "LEFT JOIN shops s ON s.id = e.shop_id ORDER BY e.id" },
	[SQL_ENDPOINT_DISABLE] = { "endpoint_disable",
	  "UPDATE webhook_endpoints SET disabled = 1 WHERE id = ?" },

	[SQL_MAIL_UNMAILED] = { "mail_unmailed",
	  "SELECT o.id, t.event, t.actor_role, c.id, c.rma_no, c.shop_id, "
	  "c.buyer_id, t.note, COALESCE(t.amount_cents, -1), c.currency "
	  "FROM event_outbox o JOIN timeline t ON t.id = o.timeline_id "
	  "JOIN cases c ON c.id = o.case_id WHERE o.mailed_at IS NULL "
	  "ORDER BY o.id LIMIT 200 FOR UPDATE SKIP LOCKED" },
	[SQL_MAIL_BUYER] = { "mail_buyer",
	  "SELECT id, email, locale, display_name FROM users WHERE id = ? "
	  "AND email IS NOT NULL AND email_notify = 1 AND disabled = 0" },
	[SQL_MAIL_SELLERS] = { "mail_sellers",
	  "SELECT id, email, locale, display_name FROM users "
	  "WHERE role = 'seller' AND shop_id = ? AND email IS NOT NULL "
	  "AND email_notify = 1 AND disabled = 0 ORDER BY id" },
	[SQL_MAIL_MARK] = { "mail_mark",
	  "UPDATE event_outbox SET mailed_at = ? WHERE id = ?" },
	[SQL_MAIL_ADD] = { "mail_add",
	  "INSERT IGNORE INTO mail_queue (event_id, user_id, to_addr, subject, "
	  "body_text, body_html, next_attempt_at, created_at) "
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)" },
	[SQL_MAIL_CLAIM] = { "mail_claim",
	  "SELECT id FROM mail_queue WHERE status = 'pending' "
	  "AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1 "
	  "FOR UPDATE SKIP LOCKED" },
	[SQL_MAIL_LEASE] = { "mail_lease",
	  "UPDATE mail_queue SET next_attempt_at = ? WHERE id = ? "
	  "AND status = 'pending' AND next_attempt_at <= ?" },
	[SQL_MAIL_GET] = { "mail_get",
	  "SELECT id, attempts, to_addr, subject, body_text, body_html "
	  "FROM mail_queue WHERE id = ?" },
	[SQL_MAIL_DONE] = { "mail_done",
	  "UPDATE mail_queue SET status = 'sent', attempts = attempts + 1, "
	  "last_error = NULL, sent_at = ? WHERE id = ?" },
	[SQL_MAIL_RETRY] = { "mail_retry",
	  "UPDATE mail_queue SET status = ?, attempts = attempts + 1, "
	  "last_error = ?, next_attempt_at = ? WHERE id = ?" },
	[SQL_USER_EMAIL_SET] = { "user_email_set",
	  "UPDATE users SET email = ?, email_notify = ? WHERE login = ?" },
	/* The parcels of a case: the order's outbound one, then the return
	 * and the replacement; each with the carrier its name matches. */
	[SQL_PARCELS_OF_CASE] = { "parcels_of_case",
	  "SELECT p.kind, p.carrier, p.waybill, k.name_en, k.name_zh, "
	  "k.url_pattern FROM (SELECT 0 AS n, 'outbound' AS kind, "
	  "o.ship_carrier AS carrier, o.ship_waybill AS waybill FROM cases c "
	  "JOIN orders o ON o.id = c.order_id WHERE c.id = ? "
	  "AND o.ship_waybill IS NOT NULL "
	  "UNION ALL SELECT IF(s.direction = 'return', 1, 2), s.direction, "
	  "s.carrier, s.waybill FROM return_shipments s WHERE s.case_id = ?) p "
	  "LEFT JOIN carriers k ON k.code = (SELECT k2.code FROM carriers k2 "
	  "WHERE p.carrier = k2.code OR p.carrier LIKE CONCAT('%', k2.name_en, "
	  "'%') OR p.carrier LIKE CONCAT('%', k2.name_zh, '%') "
	  "ORDER BY k2.code LIMIT 1) ORDER BY p.n" },
	[SQL_NOTIFY_GET] = { "notify_get",
	  "SELECT email, email_notify FROM users WHERE id = ?" },
	[SQL_NOTIFY_SET] = { "notify_set",
	  "UPDATE users SET email = ?, email_notify = ? WHERE id = ?" },
	/* Cases waiting for the buyer whose deadline falls in (?, ?] and
	 * that were not reminded of it. */
	[SQL_REMIND_DUE] = { "remind_due",
	  "SELECT c.id, c.rma_no, c.buyer_id, c.state, "
	  "UNIX_TIMESTAMP(c.deadline_at) FROM cases c "
	  "WHERE c.state IN ('offered', 'rejected', 'awaiting_return', "
	  "'replacement_shipped') AND c.deadline_at > ? AND c.deadline_at <= ? "
	  "AND NOT EXISTS (SELECT 1 FROM mail_reminders m "
	  "WHERE m.case_id = c.id AND m.deadline_at = c.deadline_at) "
	  "ORDER BY c.deadline_at LIMIT 100 FOR UPDATE SKIP LOCKED" },
	[SQL_REMIND_ADD] = { "remind_add",
	  "INSERT IGNORE INTO mail_reminders (case_id, deadline_at, created_at) "
	  "VALUES (?, ?, ?)" },
	/* ---- integ: end ---- */
	/* ---- ss-fast (issue 9): begin ---- */
	[SQL_SS_FIRST_ANSWER_SET] = { "ss_first_answer_set",
	  /* the shop's earliest timeline row of the case (engine/locked.c) */
	  "UPDATE cases SET first_answer_at = ? WHERE id = ? "
	  "AND (first_answer_at IS NULL OR first_answer_at > ?)" },
	/* ---- ss-fast (issue 9): end ---- */
};
