/* sql.c: the text of every SQL statement, indexed by enum sql; nothing builds SQL at run time. */
#include "sql.h"

const struct sql_text sql_texts[SQL__MAX] = {
	{ "migrations_create", /* SQL_MIGRATIONS_CREATE */
	  "CREATE TABLE IF NOT EXISTS schema_migrations ("
	  " version INT NOT NULL PRIMARY KEY COMMENT 'number of the file',"
	  " name VARCHAR(255) NOT NULL COMMENT 'file name',"
	  " sha256 CHAR(64) NOT NULL COMMENT 'hex SHA-256 of the file as run',"
	  " applied_at DATETIME NOT NULL COMMENT 'when it ran (UTC)'"
	  ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 "
	  "COMMENT='Schema migrations that deskctl migrate has applied'" },
	{ "migrations_list", /* SQL_MIGRATIONS_LIST */
	  "SELECT version, name, sha256 FROM schema_migrations ORDER BY version" },
	{ "migration_record", /* SQL_MIGRATION_RECORD */
	  "INSERT INTO schema_migrations (version, name, sha256, applied_at) "
	  "VALUES (?, ?, ?, ?)" },

	{ "user_by_login", /* SQL_USER_BY_LOGIN */
	  "SELECT id, role, password_hash, disabled FROM users WHERE login = ?" },
	{ "user_insert", /* SQL_USER_INSERT */
	  "INSERT INTO users (role, login, display_name, password_hash, "
	  "shop_id, created_at) VALUES (?, ?, ?, ?, ?, ?)" },
	{ "user_set_hash", /* SQL_USER_SET_HASH */
	  "UPDATE users SET password_hash = ? WHERE id = ?" },
	{ "shop_by_name", /* SQL_SHOP_BY_NAME */
	  "SELECT id FROM shops WHERE name = ?" },
	{ "login_failures_count", /* SQL_LOGIN_FAILURES_COUNT */
	  "SELECT COUNT(*), COALESCE(UNIX_TIMESTAMP(MIN(failed_at)), 0) "
	  "FROM login_failures WHERE user_id = ? AND failed_at > ?" },
	{ "login_failure_add", /* SQL_LOGIN_FAILURE_ADD */
	  "INSERT INTO login_failures (user_id, failed_at) VALUES (?, ?)" },
	{ "login_failures_clear", /* SQL_LOGIN_FAILURES_CLEAR */
	  "DELETE FROM login_failures WHERE user_id = ? OR failed_at < ?" },

	{ "session_insert", /* SQL_SESSION_INSERT */
	  "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, "
	  "last_seen_at, user_agent) VALUES (?, ?, ?, ?, ?, ?)" },
	{ "session_get", /* SQL_SESSION_GET */
	  "SELECT s.user_id, s.csrf_token, UNIX_TIMESTAMP(s.created_at), "
	  "UNIX_TIMESTAMP(s.last_seen_at), u.role, u.login, u.display_name, "
	  "COALESCE(u.shop_id, 0), u.timezone, u.locale "
	  "FROM sessions s JOIN users u ON u.id = s.user_id "
	  "WHERE s.id_hash = ? AND u.disabled = 0" },
	{ "session_touch", /* SQL_SESSION_TOUCH */
	  "UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?" },
	{ "session_delete", /* SQL_SESSION_DELETE */
	  "DELETE FROM sessions WHERE id_hash = ?" },
	{ "session_purge", /* SQL_SESSION_PURGE */
	  "DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?" },

	{ "orders_count_by_buyer", /* SQL_ORDERS_COUNT_BY_BUYER */
	  "SELECT COUNT(*) FROM orders WHERE buyer_id = ?" },
	{ "order_lines_by_buyer_page", /* SQL_ORDER_LINES_BY_BUYER_PAGE */
	  "SELECT o.id, o.order_no, s.name, o.currency, o.total_paid_cents, "
	  "UNIX_TIMESTAMP(o.paid_at), UNIX_TIMESTAMP(o.shipped_at), "
	  "UNIX_TIMESTAMP(o.delivered_at), l.id, l.title, l.sku, l.quantity, "
	  "l.paid_cents, l.refunded_cents, l.pending_cents "
	  "FROM orders o JOIN shops s ON s.id = o.shop_id "
	  "JOIN order_lines l ON l.order_id = o.id "
	  "WHERE o.buyer_id = ? AND o.id IN (SELECT id FROM (SELECT id FROM "
	  "orders WHERE buyer_id = ? ORDER BY paid_at DESC, id DESC "
	  "LIMIT ? OFFSET ?) page) "
	  "ORDER BY o.paid_at DESC, o.id DESC, l.line_no" },

	{ "queue_by_shop", /* SQL_QUEUE_BY_SHOP */
	  "SELECT c.id, c.rma_no, c.type, c.state, c.requested_cents, "
	  "c.currency, COALESCE(UNIX_TIMESTAMP(c.deadline_at), 0), o.order_no, "
	  "u.display_name FROM cases c JOIN orders o ON o.id = c.order_id "
	  "JOIN users u ON u.id = c.buyer_id "
	  "WHERE c.shop_id = ? AND c.state NOT IN ('refunded', 'exchanged', "
	  "'closed') "
	  "ORDER BY c.deadline_at IS NULL, c.deadline_at, c.id LIMIT 500" },
	{ "shop_get", /* SQL_SHOP_GET */
	  "SELECT id, name, currency FROM shops WHERE id = ?" },

	{ "policy_current", /* SQL_POLICY_CURRENT */
	  "SELECT id, version, UNIX_TIMESTAMP(published_at), "
	  "return_window_days, seller_response_hours, buyer_response_hours, "
	  "buyer_ship_days, seller_receive_days, seller_reship_days, "
	  "buyer_confirm_days, platform_ruling_days, escalation_days, "
	  "max_attempts, evidence_max_files, evidence_max_bytes, "
	  "evidence_types, fast_track_enabled, fast_track_max_cents, "
	  "fast_track_max_recent_refunds, fast_track_recent_days, "
	  "text_en, text_zh FROM policies WHERE status = 'published'" },
	{ "policy_by_id", /* SQL_POLICY_BY_ID */
	  "SELECT id, version, UNIX_TIMESTAMP(published_at), "
	  "return_window_days, seller_response_hours, buyer_response_hours, "
	  "buyer_ship_days, seller_receive_days, seller_reship_days, "
	  "buyer_confirm_days, platform_ruling_days, escalation_days, "
	  "max_attempts, evidence_max_files, evidence_max_bytes, "
	  "evidence_types, fast_track_enabled, fast_track_max_cents, "
	  "fast_track_max_recent_refunds, fast_track_recent_days, "
	  "text_en, text_zh FROM policies WHERE id = ?" },
	{ "policy_reasons", /* SQL_POLICY_REASONS */
	  "SELECT code, label_en, label_zh, explain_en, explain_zh, "
	  "allow_refund_only, allow_return_refund, allow_exchange, "
	  "evidence_required, shipping_payer, window_days, needs_not_received, "
	  "fast_track, needs_received, needs_unshipped "
	  "FROM policy_reasons WHERE policy_id = ? "
	  "ORDER BY sort_order, id" },

	{ "order_for_buyer", /* SQL_ORDER_FOR_BUYER */
	  "SELECT id, shop_id, currency, UNIX_TIMESTAMP(paid_at), "
	  "COALESCE(UNIX_TIMESTAMP(shipped_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(delivered_at), 0) "
	  "FROM orders WHERE id = ? AND buyer_id = ?" },
	{ "order_lines_lock", /* SQL_ORDER_LINES_LOCK */
	  "SELECT l.id, l.quantity, l.paid_cents, l.refunded_cents, "
	  "l.pending_cents, "
	  "(SELECT COUNT(*) FROM case_lines c WHERE c.order_line_id = l.id), "
	  "(SELECT COUNT(*) FROM case_lines c WHERE c.open_line_id = l.id) "
	  "FROM order_lines l WHERE l.order_id = ? ORDER BY l.line_no "
	  "FOR UPDATE" },
	{ "order_lines_status", /* SQL_ORDER_LINES_STATUS */
	  "SELECT l.id, l.quantity, l.paid_cents, l.refunded_cents, "
	  "l.pending_cents, "
	  "(SELECT COUNT(*) FROM case_lines c WHERE c.order_line_id = l.id), "
	  "(SELECT MAX(c.case_id) FROM case_lines c "
	  "WHERE c.open_line_id = l.id), l.title, l.sku "
	  "FROM order_lines l WHERE l.order_id = ? ORDER BY l.line_no" },
	{ "order_summary", /* SQL_ORDER_SUMMARY */
	  "SELECT o.order_no, s.name, o.currency, o.total_paid_cents, "
	  "UNIX_TIMESTAMP(o.paid_at), COALESCE(UNIX_TIMESTAMP(o.shipped_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(o.delivered_at), 0) FROM orders o "
	  "JOIN shops s ON s.id = o.shop_id WHERE o.id = ? AND o.buyer_id = ?" },
	{ "rma_next", /* SQL_RMA_NEXT */
	  "INSERT INTO rma_counters (day, last_seq) VALUES (?, LAST_INSERT_ID(1)) "
	  "ON DUPLICATE KEY UPDATE last_seq = LAST_INSERT_ID(last_seq + 1)" },
	{ "case_insert", /* SQL_CASE_INSERT */
	  "INSERT INTO cases (rma_no, order_id, shop_id, buyer_id, policy_id, "
	  "type, state, reason_code, goods_received, requested_cents, currency, "
	  "description, attempt, deadline_at, created_at, updated_at) "
	  "VALUES (?, ?, ?, ?, ?, ?, 'requested', ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
	{ "line_reserve", /* SQL_LINE_RESERVE: money_refundable() as a guard */
	  "UPDATE order_lines SET pending_cents = pending_cents + ? "
	  "WHERE id = ? AND paid_cents - refunded_cents - pending_cents >= ?" },
	{ "case_line_insert", /* SQL_CASE_LINE_INSERT */
	  "INSERT INTO case_lines (case_id, order_line_id, order_id, quantity, "
	  "amount_cents, open_line_id) VALUES (?, ?, ?, ?, ?, ?)" },
	{ "buyer_recent_refunds", /* SQL_BUYER_RECENT_REFUNDS */
	  "SELECT COUNT(*) FROM refunds r JOIN cases c ON c.id = r.case_id "
	  "WHERE c.buyer_id = ? AND r.status = 'succeeded' AND r.created_at > ?" },

	{ "case_lock", /* SQL_CASE_LOCK */
	  "SELECT id, rma_no, order_id, shop_id, buyer_id, policy_id, type, "
	  "state, requested_cents, COALESCE(offered_cents, 0), "
	  "COALESCE(approved_cents, 0), refunded_cents, currency, attempt, "
	  "COALESCE(UNIX_TIMESTAMP(deadline_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(escalated_at), 0), version, "
	  "COALESCE(return_address_id, 0), return_address_snapshot, "
	  "reason_code, close_reason "
	  "FROM cases WHERE id = ? FOR UPDATE" },
	{ "case_update", /* SQL_CASE_UPDATE: guarded by state and version */
	  "UPDATE cases SET state = ?, deadline_at = ?, offered_cents = ?, "
	  "approved_cents = ?, requested_cents = ?, attempt = ?, "
	  "escalated_at = ?, return_address_id = ?, "
	  "return_address_snapshot = ?, fast_tracked = fast_tracked OR ?, "
	  "close_reason = ?, closed_at = ?, updated_at = ?, "
	  "version = version + 1 WHERE id = ? AND state = ? AND version = ?" },
	{ "timeline_insert", /* SQL_TIMELINE_INSERT */
	  "INSERT INTO timeline (case_id, at, actor_id, actor_role, event, "
	  "from_state, to_state, amount_cents, note, evidence_ids, rule) "
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" },
	{ "case_lines_release", /* SQL_CASE_LINES_RELEASE */
	  "UPDATE order_lines l JOIN case_lines c ON c.order_line_id = l.id "
	  "SET l.pending_cents = l.pending_cents - c.amount_cents "
	  "WHERE c.case_id = ? AND c.open_line_id IS NOT NULL" },
	{ "case_lines_close", /* SQL_CASE_LINES_CLOSE */
	  "UPDATE case_lines SET open_line_id = NULL WHERE case_id = ?" },
	{ "shop_address", /* SQL_SHOP_ADDRESS */
	  "SELECT id, recipient, phone, address FROM shop_addresses "
	  "WHERE id = ? AND shop_id = ? AND archived_at IS NULL" },
	{ "shop_default_address", /* SQL_SHOP_DEFAULT_ADDRESS */
	  "SELECT id, recipient, phone, address FROM shop_addresses "
	  "WHERE shop_id = ? AND archived_at IS NULL "
	  "ORDER BY is_default DESC, id LIMIT 1" },
	{ "offer_insert", /* SQL_OFFER_INSERT */
	  "INSERT INTO offers (case_id, seller_id, amount_cents, note, "
	  "created_at) VALUES (?, ?, ?, ?, ?)" },
	{ "offer_answer", /* SQL_OFFER_ANSWER */
	  "UPDATE offers SET status = ?, answered_at = ? "
	  "WHERE case_id = ? AND status = 'open'" },
	{ "shipment_insert", /* SQL_SHIPMENT_INSERT */
	  "INSERT INTO return_shipments (case_id, direction, carrier, waybill, "
	  "shipped_by, shipped_at) VALUES (?, ?, ?, ?, ?, ?)" },
	{ "shipment_receive", /* SQL_SHIPMENT_RECEIVE */
	  "UPDATE return_shipments SET received_at = ?, receipt_status = ?, "
	  "condition_note = ? WHERE case_id = ? AND direction = 'return' "
	  "AND receipt_status IS NULL" },
	{ "cases_due", /* SQL_CASES_DUE */
	  "SELECT id FROM cases WHERE deadline_at <= ? AND state IN "
	  "('requested', 'offered', 'rejected', 'awaiting_return', "
	  "'return_shipped', 'reshipping', 'replacement_shipped') "
	  "ORDER BY deadline_at, id LIMIT 1000" },

	{ "refund_count", /* SQL_REFUND_COUNT */
	  "SELECT COUNT(*) FROM refunds WHERE case_id = ?" },
	{ "refund_insert", /* SQL_REFUND_INSERT */
	  "INSERT INTO refunds (case_id, idempotency_key, amount_cents, "
	  "currency, executor, status, created_at, next_attempt_at) "
	  "VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)" },
	{ "refund_get", /* SQL_REFUND_GET */
	  "SELECT r.id, r.case_id, r.idempotency_key, r.amount_cents, "
	  "r.currency, r.executor, r.status, c.rma_no, c.order_id "
	  "FROM refunds r JOIN cases c ON c.id = r.case_id WHERE r.id = ?" },
	{ "refund_lock", /* SQL_REFUND_LOCK */
	  "SELECT id, case_id, amount_cents, status, attempts FROM refunds "
	  "WHERE id = ? FOR UPDATE" },
	{ "refund_succeed", /* SQL_REFUND_SUCCEED */
	  "UPDATE refunds SET status = 'succeeded', settled_at = ?, "
	  "attempts = attempts + 1, external_ref = ?, last_error = NULL, "
	  "next_attempt_at = NULL WHERE id = ? AND status = 'pending'" },
	{ "refund_retry", /* SQL_REFUND_RETRY */
	  "UPDATE refunds SET attempts = attempts + 1, last_error = ?, "
	  "next_attempt_at = ? WHERE id = ? AND status = 'pending'" },
	{ "refunds_due", /* SQL_REFUNDS_DUE */
	  "SELECT id FROM refunds WHERE status = 'pending' "
	  "AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1000" },
	{ "case_lines_of_case", /* SQL_CASE_LINES_OF_CASE */
	  "SELECT order_line_id, amount_cents, open_line_id IS NOT NULL "
	  "FROM case_lines WHERE case_id = ? ORDER BY order_line_id" },
	{ "case_line_refunded", /* SQL_CASE_LINE_REFUNDED */
	  "UPDATE case_lines SET refunded_cents = ?, open_line_id = NULL "
	  "WHERE case_id = ? AND order_line_id = ?" },
	{ "line_settle", /* SQL_LINE_SETTLE: refund share in, reservation out */
	  "UPDATE order_lines SET refunded_cents = refunded_cents + ?, "
	  "pending_cents = pending_cents - ? WHERE id = ?" },
	{ "case_refunded", /* SQL_CASE_REFUNDED */
	  "UPDATE cases SET state = 'refunded', refunded_cents = ?, "
	  "closed_at = ?, updated_at = ?, close_reason = 'refunded', "
	  "version = version + 1 WHERE id = ? AND state = 'refunding'" },

	{ "form_token_insert", /* SQL_FORM_TOKEN_INSERT */
	  "INSERT INTO form_tokens (token_hash, user_id, case_id, purpose, "
	  "created_at) VALUES (?, ?, ?, ?, ?)" },
	{ "form_token_lock", /* SQL_FORM_TOKEN_LOCK */
	  "SELECT user_id, COALESCE(case_id, 0), purpose, used_at IS NOT NULL, "
	  "outcome FROM form_tokens WHERE token_hash = ? FOR UPDATE" },
	{ "form_token_spend", /* SQL_FORM_TOKEN_SPEND */
	  "UPDATE form_tokens SET used_at = ?, outcome = ? "
	  "WHERE token_hash = ? AND used_at IS NULL" },

	{ "case_view", /* SQL_CASE_VIEW */
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
	{ "case_view_lines", /* SQL_CASE_VIEW_LINES */
	  "SELECT l.id, l.title, l.sku, cl.quantity, l.quantity, "
	  "cl.amount_cents, cl.refunded_cents, l.paid_cents "
	  "FROM case_lines cl JOIN order_lines l ON l.id = cl.order_line_id "
	  "WHERE cl.case_id = ? ORDER BY l.line_no" },
	{ "case_view_timeline", /* SQL_CASE_VIEW_TIMELINE */
	  "SELECT UNIX_TIMESTAMP(t.at), t.actor_role, "
	  "COALESCE(u.display_name, ''), t.event, COALESCE(t.from_state, ''), "
	  "t.to_state, COALESCE(t.amount_cents, -1), t.note, t.rule, "
	  "t.evidence_ids FROM timeline t LEFT JOIN users u ON u.id = t.actor_id "
	  "WHERE t.case_id = ? ORDER BY t.id" },
	{ "cases_by_buyer", /* SQL_CASES_BY_BUYER */
	  "SELECT c.id, c.rma_no, c.type, c.state, c.requested_cents, "
	  "c.currency, COALESCE(UNIX_TIMESTAMP(c.deadline_at), 0), o.order_no, "
	  "s.name FROM cases c JOIN orders o ON o.id = c.order_id "
	  "JOIN shops s ON s.id = c.shop_id WHERE c.buyer_id = ? "
	  "ORDER BY c.closed_at IS NOT NULL, c.created_at DESC, c.id DESC "
	  "LIMIT 200" },
	{ "cases_escalated", /* SQL_CASES_ESCALATED */
	  "SELECT c.id, c.rma_no, c.type, c.state, c.requested_cents, "
	  "c.currency, COALESCE(UNIX_TIMESTAMP(c.deadline_at), 0), o.order_no, "
	  "u.display_name FROM cases c JOIN orders o ON o.id = c.order_id "
	  "JOIN users u ON u.id = c.buyer_id WHERE c.state = 'escalated' "
	  "ORDER BY c.deadline_at, c.id LIMIT 500" },

	{ "reconcile", /* SQL_RECONCILE: each row names a broken invariant */
	  "SELECT 'order line refunded above what was paid', id, 0 "
	  "FROM order_lines WHERE refunded_cents + pending_cents > paid_cents "
	  "UNION ALL SELECT 'refunded case without exactly one succeeded "
	  "refund', c.id, (SELECT COUNT(*) FROM refunds r WHERE r.case_id = "
	  "c.id AND r.status = 'succeeded') FROM cases c WHERE "
	  "(c.state = 'refunded') <> ((SELECT COUNT(*) FROM refunds r WHERE "
	  "r.case_id = c.id AND r.status = 'succeeded') = 1) "
	  "UNION ALL SELECT 'case refunded amount differs from its ledger row', "
	  "c.id, c.refunded_cents FROM cases c JOIN refunds r ON r.case_id = "
	  "c.id AND r.status = 'succeeded' WHERE r.amount_cents <> "
	  "c.refunded_cents "
	  "UNION ALL SELECT 'order line refunded differs from its cases', l.id, "
	  "l.refunded_cents FROM order_lines l WHERE l.refunded_cents <> "
	  "(SELECT COALESCE(SUM(cl.refunded_cents), 0) FROM case_lines cl "
	  "WHERE cl.order_line_id = l.id) "
	  "UNION ALL SELECT 'order line pending differs from its open cases', "
	  "l.id, l.pending_cents FROM order_lines l WHERE l.pending_cents <> "
	  "(SELECT COALESCE(SUM(cl.amount_cents), 0) FROM case_lines cl "
	  "WHERE cl.open_line_id = l.id)" },
	{ "demo_seeded", /* SQL_DEMO_SEEDED */
	  "SELECT COUNT(*) FROM users WHERE login = 'admin'" },
	{ "demo_set_hash", /* SQL_DEMO_SET_HASH */
	  "SET @demo_hash = ?" },

	{ "connection_id", /* SQL_CONNECTION_ID */
	  "SELECT CONNECTION_ID()" },
};
