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
	  "COALESCE(k.open_id, 0), COALESCE(k.n, 0), COALESCE(k.last_id, 0) "
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
	  "text_en, text_zh FROM policies WHERE status = 'published'" },
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
	  "text_en, text_zh FROM policies WHERE id = ?" },
	[SQL_POLICY_VERSIONS] = { "policy_versions",
	  "SELECT id, version, status, UNIX_TIMESTAMP(published_at) "
	  "FROM policies WHERE status <> 'draft' ORDER BY version DESC" },
	[SQL_POLICY_ID_BY_VERSION] = { "policy_id_by_version",
	  "SELECT id FROM policies WHERE version = ? AND status <> 'draft'" },
	[SQL_POLICY_REASONS] = { "policy_reasons",
	  "SELECT code, label_en, label_zh, explain_en, explain_zh, "
	  "allow_refund_only, allow_return_refund, allow_exchange, "
	  "evidence_required, shipping_payer, window_days, needs_not_received, "
	  "fast_track, needs_received, needs_unshipped "
	  "FROM policy_reasons WHERE policy_id = ? "
	  "ORDER BY sort_order, id" },

	[SQL_ORDER_FOR_BUYER] = { "order_for_buyer",
	  "SELECT id, shop_id, currency, UNIX_TIMESTAMP(paid_at), "
	  "COALESCE(UNIX_TIMESTAMP(shipped_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(delivered_at), 0) "
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
	  "WHERE c.open_line_id = l.id), l.title, l.sku "
	  "FROM order_lines l WHERE l.order_id = ? ORDER BY l.line_no" },
	[SQL_ORDER_SUMMARY] = { "order_summary",
	  "SELECT o.order_no, s.name, o.currency, o.total_paid_cents, "
	  "UNIX_TIMESTAMP(o.paid_at), COALESCE(UNIX_TIMESTAMP(o.shipped_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(o.delivered_at), 0) FROM orders o "
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
	  "'replacement_shipped') AND deadline_at <= ? "
	  "AND (deadline_at > ? OR (deadline_at = ? AND id > ?)) "
	  "ORDER BY deadline_at, id LIMIT 1 FOR UPDATE SKIP LOCKED" },
	[SQL_WORK_NEXT_DUE] = { "work_next_due",
	  "SELECT COALESCE(UNIX_TIMESTAMP(LEAST("
	  "COALESCE((SELECT MIN(next_attempt_at) FROM refunds "
	  "WHERE status = 'pending'), '2999-01-01'), "
	  "COALESCE((SELECT MIN(deadline_at) FROM cases "
	  "WHERE state IN ('requested', 'offered', 'rejected', "
	  "'awaiting_return', 'return_shipped', 'reshipping', "
	  "'replacement_shipped')), '2999-01-01'))), 0)" },

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
	  "AND status = 'pending'" },
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
	[SQL_POLICY_REASON_WINDOWS] = { "policy_reason_windows",
	  "SELECT code, window_from FROM policy_reasons WHERE policy_id = ? "
	  "ORDER BY sort_order, id" },
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
	  "c.id AND r.status = 'succeeded' WHERE r.amount_cents <> "
	  "c.refunded_cents "
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
};
