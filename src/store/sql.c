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
	/* The worker's purges (session_purge()), each a range of its own key (sql/027). */
	[SQL_LOGIN_FAILURES_PURGE] = { "login_failures_purge",
	  "DELETE FROM login_failures WHERE failed_at < ?" },

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
	[SQL_SESSION_PURGE_IDLE] = { "session_purge_idle",
	  "DELETE FROM sessions WHERE last_seen_at < ?" },
	[SQL_SESSION_PURGE_OLD] = { "session_purge_old",
	  "DELETE FROM sessions WHERE created_at < ?" },

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
	/* Guarded by state and version. The shop's first answer (a seller's
	 * action, sql/014) is written here too, so that the indexes that
	 * hold it change once, with the state. */
	[SQL_CASE_UPDATE] = { "case_update",
	  "UPDATE cases SET state = ?, deadline_at = ?, offered_cents = ?, "
	  "approved_cents = ?, requested_cents = ?, refunded_cents = ?, "
	  "attempt = ?, escalated_at = ?, return_address_id = ?, "
	  "return_address_snapshot = ?, fast_tracked = fast_tracked OR ?, "
	  "close_reason = ?, closed_at = ?, rejected_at = ?, "
	  "first_answer_at = IF(? AND (first_answer_at IS NULL "
	  "OR first_answer_at > ?), ?, first_answer_at), updated_at = ?, "
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
	/*
	 * The due cases: due_at is the deadline while the case is in a state
	 * of machine_deadline_acts(), else NULL (sql/025), so they are one
	 * range of ix_cases_due, in the order the worker takes them.
	 */
	[SQL_CASE_DUE_CLAIM] = { "case_due_claim",
	  "SELECT id, UNIX_TIMESTAMP(due_at) FROM cases "
	  "FORCE INDEX (ix_cases_due) WHERE due_at <= ? "
	  "AND (due_at > ? OR (due_at = ? AND id > ?)) "
	  "ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED" },
	[SQL_WORK_NEXT_DUE] = { "work_next_due",
	  "SELECT COALESCE(UNIX_TIMESTAMP(LEAST("
	  "COALESCE((SELECT MIN(next_attempt_at) FROM refunds "
	  "WHERE status = 'pending'), '2999-01-01'), "
	  "COALESCE((SELECT MIN(due_at) FROM cases), '2999-01-01'))), 0)" },

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
	/* A refund the ledger executor pays as it is decided (args as
	 * SQL_REFUND_INSERT, the second time is when it was settled). */
	[SQL_REFUND_INSERT_PAID] = { "refund_insert_paid",
	  "INSERT INTO refunds (case_id, idempotency_key, amount_cents, "
	  "currency, executor, status, attempts, external_ref, created_at, "
	  "settled_at) VALUES (?, ?, ?, ?, ?, 'succeeded', 1, 'ledger', ?, ?)" },
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
	[SQL_CASE_VIEW_LINES] = { "case_view_lines", /* case id twice */
	  /* The order's lines in line order, then the case's: no filesort. */
	  "SELECT l.id, l.title, l.sku, cl.quantity, l.quantity, "
	  "cl.amount_cents, cl.refunded_cents, l.paid_cents "
	  "FROM order_lines l STRAIGHT_JOIN case_lines cl FORCE INDEX (PRIMARY) "
	  "ON cl.case_id = ? AND cl.order_line_id = l.id "
	  "WHERE l.order_id = (SELECT k.order_id FROM cases k WHERE k.id = ?) "
	  "ORDER BY l.line_no" },
	[SQL_CASE_VIEW_TIMELINE] = { "case_view_timeline",
	  "SELECT UNIX_TIMESTAMP(t.at), t.actor_role, "
	  "COALESCE(u.display_name, ''), t.event, COALESCE(t.from_state, ''), "
	  "t.to_state, COALESCE(t.amount_cents, -1), t.note, t.rule, "
	  "t.evidence_ids FROM timeline t LEFT JOIN users u ON u.id = t.actor_id "
	  "WHERE t.case_id = ? ORDER BY t.id" },

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
	[SQL_ADMIN_AUDIT_ADD] = { "admin_audit_add",
	  "INSERT INTO admin_audit (admin_id, action, subject, detail, "
	  "remote_addr, created_at) VALUES (?, ?, ?, ?, ?, ?)" },
	[SQL_ADMIN_REFUND_RETRY] = { "admin_refund_retry",
	  "UPDATE refunds SET status = 'pending', next_attempt_at = ? "
	  "WHERE id = ? AND status = 'failed'" },
	[SQL_ADMIN_REFUND_BY_HAND] = { "admin_refund_by_hand",
	  "UPDATE refunds SET status = 'succeeded', settled_at = ?, "
	  "external_ref = ?, next_attempt_at = NULL "
	  "WHERE id = ? AND status = 'failed'" },
	[SQL_ADMIN_REFUND_CASE] = { "admin_refund_case",
	  "SELECT case_id FROM refunds WHERE id = ?" },
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
	[SQL_CASE_PICTURES] = { "case_pictures", /* store/orders.c; case twice */
	  "SELECT l.id, l.picture_url FROM order_lines l "
	  "STRAIGHT_JOIN case_lines c FORCE INDEX (PRIMARY) "
	  "ON c.case_id = ? AND c.order_line_id = l.id "
	  "WHERE l.order_id = (SELECT k.order_id FROM cases k WHERE k.id = ?) "
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
	 * Unread markers: written with each timeline row (engine/locked.c)
	 * for the other side, one user at a time (SQL_GBU_MARK, grow-b, which
	 * also keeps each user's count); read up to a timeline id here.
	 */
	/* Read up to a timeline id: a later row keeps the marker. */
	[SQL_TALK_READ] = { "talk_read",
	  "DELETE FROM case_unread WHERE user_id = ? AND case_id = ? "
	  "AND last_id <= ?" },
	[SQL_TALK_UNREAD_CASE] = { "talk_unread_case",
	  "SELECT last_id, message FROM case_unread WHERE user_id = ? "
	  "AND case_id = ?" },
	/* The markers of one queue page: user, then QUEUE_PAGE case ids. */
	[SQL_TALK_UNREAD_MARKS] = { "talk_unread_marks",
	  "SELECT case_id, message FROM case_unread FORCE INDEX (PRIMARY) "
	  "WHERE user_id = ? "
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
	  /* kept-counts (issue 12): kind 2, the open cases assigned */
	  "COALESCE((SELECT k.n FROM kept_counts k WHERE k.kind = 2 "
	  "AND k.owner_id = u.id AND k.bucket = 0), 0) FROM users u "
	  "WHERE u.shop_id = ? AND u.role = 'seller' "
	  "ORDER BY u.display_name, u.id" },
	[SQL_TALK_STAFF_MEMBER] = { "talk_staff_member",
	  "SELECT id FROM users WHERE id = ? AND shop_id = ? "
	  "AND role = 'seller' AND disabled = 0" },
	[SQL_TALK_ASSIGNED_COUNT] = { "talk_assigned_count",
	  "SELECT COUNT(*) FROM cases FORCE INDEX (ix_cases_mine_created) "
	  "WHERE mine_open = ? AND shop_id = ?" },
/* The keyset tails of the two sorts (store/queue.c binds key, key, id, limit). */
#define TALK_BY_DEADLINE \
	  "AND (c.deadline_sort > ? OR (c.deadline_sort = ? AND c.id > ?)) " \
	  "ORDER BY c.deadline_sort, c.id LIMIT ?"
/* The "mine" lists sort by mine_deadline, which is deadline_sort for every
 * case they show and NULL for the others (sql/022: so that their entries in
 * ix_cases_mine_deadline never move); the keyset's comparison leaves the
 * NULLs (the closed cases of the seller) out. */
#define TALK_MINE_BY_DEADLINE \
	  "AND (c.mine_deadline > ? OR (c.mine_deadline = ? AND c.id > ?)) " \
	  "ORDER BY c.mine_deadline, c.id LIMIT ?"
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
	  "FROM cases c FORCE INDEX (ix_cases_mine_deadline) "
	  SELLER_QUEUE_JOINS "WHERE c.assigned_to = ? "
	  "AND c.shop_id = ? " SELLER_QUEUE_FILTERS TALK_MINE_BY_DEADLINE },
	[SQL_TALK_QUEUE_MINE_NEWEST] = { "talk_queue_mine_newest",
	  SELLER_QUEUE_COLUMNS
	  "FROM cases c FORCE INDEX (ix_cases_mine_created) "
	  SELLER_QUEUE_JOINS "WHERE c.mine_open = ? "
	  "AND c.shop_id = ? " SELLER_QUEUE_FILTERS TALK_BY_NEWEST },
	/* Args: user (unread), user, shop, the filters, the keyset. */
	[SQL_TALK_QUEUE_MINE_NEW_DEADLINE] = { "talk_queue_mine_new_deadline",
	  SELLER_QUEUE_COLUMNS
	  "FROM cases c FORCE INDEX (ix_cases_mine_deadline) "
	  TALK_NEW_JOIN SELLER_QUEUE_JOINS
	  "WHERE c.assigned_to = ? "
	  "AND c.shop_id = ? " SELLER_QUEUE_FILTERS TALK_MINE_BY_DEADLINE },
	[SQL_TALK_QUEUE_MINE_NEW_NEWEST] = { "talk_queue_mine_new_newest",
	  SELLER_QUEUE_COLUMNS
	  "FROM cases c FORCE INDEX (ix_cases_mine_created) "
	  TALK_NEW_JOIN SELLER_QUEUE_JOINS
	  "WHERE c.mine_open = ? "
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
	/* (The history of a case's buyer and shop on the admin's case page:
	 * kept totals, SQL_GROWA_CASE_HISTORY.) */
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
	[SQL_SS_DURATIONS] = { "ss_durations",
	  /* seconds from the request to the shop's first timeline row (kept */
	  /* by the engine in cases.first_answer_at, sql/014) and to the close, */
	  /* per case of the period: a range of the covering ix_cases_shop_stats */
	  /* (store/stats_store.c takes the medians) */
	  "SELECT TIMESTAMPDIFF(SECOND, c.created_at, c.first_answer_at), "
	  "TIMESTAMPDIFF(SECOND, c.created_at, c.closed_at) "
	  "FROM cases c FORCE INDEX (ix_cases_shop_stats) "
	  "WHERE c.shop_id = ? AND c.created_at >= ? AND c.created_at < ? "
	  /* grow-b: at most STATS_EXACT_MAX + 1 rows; beyond, the kept */
	  /* histograms (SQL_SDD_READ) */
	  "LIMIT 1001" },
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
	/*
	 * A shop's cases for the API, newest id first from a cursor: down
	 * the primary key, the shop and the change date filtered on the way
	 * (no index leads with the shop and then the id). Named, since the
	 * estimates from statistics (db.c) would pick a shop key and sort.
	 */
	[SQL_API_CASES] = { "api_cases",
	  "SELECT c.id, c.rma_no, o.order_no, c.state, c.type, c.reason_code, "
	  "c.requested_cents, COALESCE(c.offered_cents, -1), "
	  "COALESCE(c.approved_cents, -1), c.refunded_cents, c.currency, "
	  "COALESCE(UNIX_TIMESTAMP(c.deadline_at), 0), "
	  "UNIX_TIMESTAMP(c.created_at), UNIX_TIMESTAMP(c.updated_at), u.login "
	  "FROM cases c FORCE INDEX (PRIMARY) "
	  "JOIN orders o ON o.id = c.order_id "
	  "JOIN users u ON u.id = c.buyer_id WHERE c.shop_id = ? "
	  "AND c.id < ? AND c.updated_at >= ? ORDER BY c.id DESC LIMIT ?" },
	[SQL_API_CASES_STATE] = { "api_cases_state",
	  "SELECT c.id, c.rma_no, o.order_no, c.state, c.type, c.reason_code, "
	  "c.requested_cents, COALESCE(c.offered_cents, -1), "
	  "COALESCE(c.approved_cents, -1), c.refunded_cents, c.currency, "
	  "COALESCE(UNIX_TIMESTAMP(c.deadline_at), 0), "
	  "UNIX_TIMESTAMP(c.created_at), UNIX_TIMESTAMP(c.updated_at), u.login "
	  "FROM cases c FORCE INDEX (PRIMARY) "
	  "JOIN orders o ON o.id = c.order_id "
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
	  "FROM event_outbox o FORCE INDEX (ix_event_outbox_fanned) "
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
	  "FROM event_outbox o FORCE INDEX (ix_event_outbox_mailed) "
	  "JOIN timeline t ON t.id = o.timeline_id "
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
	 * and the replacement; each with the carrier its name matches. A
	 * UNION ALL streams its parts in order without a temporary table; the
	 * second part reads uq_return_shipments_direction, whose order is the
	 * direction's (return, replacement). Args: case id twice. */
	[SQL_PARCELS_OF_CASE] = { "parcels_of_case",
	  "SELECT 'outbound', o.ship_carrier, o.ship_waybill, k.name_en, "
	  "k.name_zh, k.url_pattern FROM cases c JOIN orders o "
	  "ON o.id = c.order_id LEFT JOIN carriers k ON k.code = "
	  "(SELECT k2.code FROM carriers k2 WHERE o.ship_carrier = k2.code "
	  "OR o.ship_carrier LIKE CONCAT('%', k2.name_en, '%') "
	  "OR o.ship_carrier LIKE CONCAT('%', k2.name_zh, '%') "
	  "ORDER BY k2.code LIMIT 1) "
	  "WHERE c.id = ? AND o.ship_waybill IS NOT NULL "
	  "UNION ALL SELECT s.direction, s.carrier, s.waybill, k.name_en, "
	  "k.name_zh, k.url_pattern FROM return_shipments s "
	  "FORCE INDEX (uq_return_shipments_direction) LEFT JOIN carriers k "
	  "ON k.code = (SELECT k2.code FROM carriers k2 WHERE s.carrier = k2.code "
	  "OR s.carrier LIKE CONCAT('%', k2.name_en, '%') "
	  "OR s.carrier LIKE CONCAT('%', k2.name_zh, '%') "
	  "ORDER BY k2.code LIMIT 1) WHERE s.case_id = ?" },
	[SQL_NOTIFY_GET] = { "notify_get",
	  "SELECT email, email_notify FROM users WHERE id = ?" },
	[SQL_NOTIFY_SET] = { "notify_set",
	  "UPDATE users SET email = ?, email_notify = ? WHERE id = ?" },
	/*
	 * Cases waiting for the buyer whose deadline falls in (?, ?] and
	 * that were not reminded of it: the due cases of that window (every
	 * state the buyer waits in is one of the due ones). Read, not
	 * locked: the reminder's row (SQL_REMIND_ADD, a unique key) decides
	 * which worker sends it.
	 */
	[SQL_REMIND_DUE] = { "remind_due",
	  "SELECT c.id, c.rma_no, c.buyer_id, c.state, "
	  "UNIX_TIMESTAMP(c.due_at) FROM cases c FORCE INDEX (ix_cases_due) "
	  "WHERE c.due_at > ? AND c.due_at <= ? "
	  "AND c.state IN ('offered', 'rejected', 'awaiting_return', "
	  "'replacement_shipped') "
	  "AND NOT EXISTS (SELECT 1 FROM mail_reminders m "
	  "WHERE m.case_id = c.id AND m.deadline_at = c.deadline_at) "
	  "ORDER BY c.due_at, c.id LIMIT 100" },
	[SQL_REMIND_ADD] = { "remind_add",
	  "INSERT IGNORE INTO mail_reminders (case_id, deadline_at, created_at) "
	  "VALUES (?, ?, ?)" },
	/* ---- integ: end ---- */
	/* ---- ss-fast (issue 9): begin ---- */
	/* ---- ss-fast (issue 9): end ---- */
	/* ---- kept-counts (issue 12): begin ---- */
	/* engine/counts.c, sql/015: one count row moved by delta */
	[SQL_COUNTS_ADD] = { "counts_add",
	  "INSERT INTO kept_counts (kind, owner_id, bucket, n) "
	  "VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE n = n + VALUES(n)" },
	[SQL_COUNTS_CASE] = { "counts_case",
	  "SELECT shop_id, buyer_id, COALESCE(assigned_to, 0), refunded_cents "
	  "FROM cases WHERE id = ?" },
	[SQL_COUNTS_CASE_OPEN] = { "counts_case_open",
	  "SELECT queue_open FROM cases WHERE id = ?" },
	/* The rebuild (deskctl recount): the backfill of sql/015. */
	[SQL_COUNTS_CLEAR] = { "counts_clear",
	  "DELETE FROM kept_counts" },
	[SQL_COUNTS_REBUILD_TABS] = { "counts_rebuild_tabs",
	  "INSERT INTO kept_counts (kind, owner_id, bucket, n) "
	  "SELECT 1, shop_id, queue_tab, COUNT(*) FROM cases "
	  "GROUP BY shop_id, queue_tab" },
	[SQL_COUNTS_REBUILD_ASSIGNED] = { "counts_rebuild_assigned",
	  "INSERT INTO kept_counts (kind, owner_id, bucket, n) "
	  "SELECT 2, mine_open, 0, COUNT(*) FROM cases "
	  "FORCE INDEX (ix_cases_mine_created) WHERE mine_open IS NOT NULL "
	  "GROUP BY mine_open" },
	[SQL_COUNTS_REBUILD_BUYERS] = { "counts_rebuild_buyers",
	  "INSERT INTO kept_counts (kind, owner_id, bucket, n) "
	  "SELECT k.kind, c.buyer_id, c.shop_id, "
	  "SUM(CASE k.kind WHEN 3 THEN 1 WHEN 4 THEN c.state = 'refunded' "
	  "WHEN 5 THEN c.queue_open ELSE c.refunded_cents END) "
	  "FROM cases c JOIN (SELECT 3 AS kind UNION ALL SELECT 4 "
	  "UNION ALL SELECT 5 UNION ALL SELECT 6) k "
	  "GROUP BY k.kind, c.buyer_id, c.shop_id" },
	[SQL_COUNTS_REBUILD_ORDERS] = { "counts_rebuild_orders",
	  "INSERT INTO kept_counts (kind, owner_id, bucket, n) "
	  "SELECT 7, buyer_id, shop_id, COUNT(*) FROM orders "
	  "GROUP BY buyer_id, shop_id" },
	/* The counts of one owner and kind, by bucket: a primary key range. */
	[SQL_COUNTS_OF_OWNER] = { "counts_of_owner",
	  "SELECT bucket, n FROM kept_counts WHERE kind = ? AND owner_id = ? "
	  "ORDER BY bucket" },
	/* A buyer's history with a shop (pages/review.c): kinds 3..7. */
	[SQL_COUNTS_BUYER_SHOP] = { "counts_buyer_shop",
	  "SELECT kind, n FROM kept_counts WHERE kind IN (3, 4, 5, 6, 7) "
	  "AND owner_id = ? AND bucket = ?" },
	/*
	 * The seller's search (store/queue.c queue_search()), one bounded
	 * statement per kind of match, each an index range that serves its
	 * filter and order (no union, no sort): the results are merged,
	 * newest first, in C. Args: the text, then the shop (FIND_BUYER:
	 * the buyer's id and the shop). SELLER_QUEUE_* are still defined.
	 */
	[SQL_SELLER_FIND_RMA] = { "seller_find_rma",
	  SELLER_QUEUE_COLUMNS "FROM cases c " SELLER_QUEUE_JOINS
	  "WHERE c.rma_no = ? AND c.shop_id = ?" },
	[SQL_SELLER_FIND_ORDER] = { "seller_find_order",
	  SELLER_QUEUE_COLUMNS "FROM orders m STRAIGHT_JOIN cases c "
	  "FORCE INDEX (fk_cases_order) ON c.order_id = m.id "
	  SELLER_QUEUE_JOINS
	  "WHERE m.order_no = ? AND c.shop_id = ? LIMIT 100" },
	[SQL_SELLER_FIND_LOGIN] = { "seller_find_login",
	  "SELECT id FROM users WHERE login = ? AND role = 'buyer'" },
	[SQL_SELLER_FIND_NAME] = { "seller_find_name",
	  "SELECT id FROM users WHERE display_name = ? AND role = 'buyer' "
	  "ORDER BY id LIMIT 5" },
	[SQL_SELLER_FIND_BUYER] = { "seller_find_buyer",
	  SELLER_QUEUE_COLUMNS
	  "FROM cases c FORCE INDEX (ix_cases_buyer_shop_created) "
	  SELLER_QUEUE_JOINS "WHERE c.buyer_id = ? AND c.shop_id = ? "
	  "ORDER BY c.created_at DESC, c.id DESC LIMIT 100" },
	[SQL_SELLER_FIND_SKU] = { "seller_find_sku",
	  /* the newest lines of the product, then their cases of the shop */
	  SELLER_QUEUE_COLUMNS "FROM order_lines fl "
	  "FORCE INDEX (ix_order_lines_sku) STRAIGHT_JOIN case_lines fcl "
	  "FORCE INDEX (fk_case_lines_line) ON fcl.order_line_id = fl.id "
	  "STRAIGHT_JOIN cases c ON c.id = fcl.case_id " SELLER_QUEUE_JOINS
	  "WHERE fl.sku = ? AND c.shop_id = ? "
	  "ORDER BY fl.id DESC LIMIT 100" },
	/*
	 * A shop's statistics per day, shop_day_stats (sql/015), kept by the
	 * worker (engine/aggregates.c) like the platform's aggregates: its
	 * marks, how far this pass reads (20000 rows), the (shop, day) pairs
	 * whose cases or orders changed, each recomputed whole from a range
	 * of the shop's index in a transaction of its own, the mark moved if
	 * no other worker moved it; the _ALL_ variants rebuild every day
	 * (deskctl recount, the backfill of sql/015).
	 */
	[SQL_SDS_MARK_LOCK] = { "sds_mark_lock", /* read, not locked */
	  "SELECT last_id FROM aggregate_marks WHERE name = ?" },
	[SQL_SDS_MARK_SET] = { "sds_mark_set", /* guarded: from where it was */
	  "UPDATE aggregate_marks SET last_id = ? WHERE name = ? "
	  "AND last_id = ?" },
	[SQL_SDS_TIMELINE_UPTO] = { "sds_timeline_upto",
	  "SELECT COALESCE(MAX(t.id), 0) FROM (SELECT id FROM timeline "
	  "WHERE id > ? ORDER BY id LIMIT 20000) t" },
	[SQL_SDS_ORDERS_UPTO] = { "sds_orders_upto",
	  "SELECT COALESCE(MAX(t.id), 0) FROM (SELECT id FROM orders "
	  "WHERE id > ? ORDER BY id LIMIT 20000) t" },
	[SQL_SDS_CASE_DAYS] = { "sds_case_days",
	  "SELECT DISTINCT c.shop_id, UNIX_TIMESTAMP(DATE(c.created_at)) "
	  "FROM timeline t JOIN cases c ON c.id = t.case_id "
	  "WHERE t.id > ? AND t.id <= ?" },
	[SQL_SDS_ORDER_DAYS] = { "sds_order_days",
	  "SELECT DISTINCT shop_id, UNIX_TIMESTAMP(DATE(paid_at)) FROM orders "
	  "WHERE id > ? AND id <= ?" },
	[SQL_SDS_CLEAR_CASES] = { "sds_clear_cases",
	  "DELETE FROM shop_day_stats WHERE shop_id = ? AND kind BETWEEN 1 "
	  "AND 7 AND day = DATE(?)" },
	[SQL_SDS_CLEAR_ORDERS] = { "sds_clear_orders",
	  "DELETE FROM shop_day_stats WHERE shop_id = ? AND kind IN (10, 11) "
	  "AND day = DATE(?)" },
/* One (shop, day) of cases (args: shop, day, day) or orders; or all. */
#define SDS_INS \
	  "INSERT INTO shop_day_stats (shop_id, day, kind, k, t, u, a, b, c, " \
	  "d, e, f) "
#define SDS_CASES_DAY \
	  "WHERE c.shop_id = ? AND c.created_at >= ? " \
	  "AND c.created_at < ? + INTERVAL 1 DAY "
#define SDS_ORDERS_DAY \
	  "WHERE o.shop_id = ? AND o.paid_at >= ? " \
	  "AND o.paid_at < ? + INTERVAL 1 DAY "
#define SDS_CASES(where) \
	  SDS_INS "SELECT c.shop_id, DATE(c.created_at), 1, '', '', '', " \
	  "COUNT(*), SUM(c.state = 'refunded'), SUM(c.refunded_cents), " \
	  "SUM(c.escalated_at IS NOT NULL), SUM(c.closed_at IS NOT NULL), " \
	  "SUM(c.fast_tracked) FROM cases c FORCE INDEX (ix_cases_shop_stats) " \
	  where "GROUP BY c.shop_id, DATE(c.created_at)"
#define SDS_LINES(where) \
	  SDS_INS "SELECT c.shop_id, DATE(c.created_at), 2, '', '', '', " \
	  "COUNT(*), 0, 0, 0, 0, 0 FROM cases c " \
	  "FORCE INDEX (ix_cases_shop_stats) STRAIGHT_JOIN case_lines cl " \
	  "FORCE INDEX (PRIMARY) ON cl.case_id = c.id " \
	  where "GROUP BY c.shop_id, DATE(c.created_at)"
#define SDS_REASONS(where) \
	  SDS_INS "SELECT c.shop_id, DATE(c.created_at), 3, c.reason_code, " \
	  "MAX(r.label_en), MAX(r.label_zh), COUNT(*), " \
	  "SUM(c.state = 'refunded'), SUM(c.refunded_cents), 0, 0, 0 " \
	  "FROM cases c FORCE INDEX (ix_cases_shop_stats) " \
	  "STRAIGHT_JOIN policy_reasons r ON r.policy_id = c.policy_id " \
	  "AND r.code = c.reason_code " \
	  where "GROUP BY c.shop_id, DATE(c.created_at), c.reason_code"
#define SDS_SKUS(where) \
	  SDS_INS "SELECT c.shop_id, DATE(c.created_at), 4, l.sku, " \
	  "MAX(l.title), '', COUNT(*), SUM(cl.refunded_cents), 0, 0, 0, 0 " \
	  "FROM cases c FORCE INDEX (ix_cases_shop_stats) " \
	  "STRAIGHT_JOIN case_lines cl FORCE INDEX (PRIMARY) " \
	  "ON cl.case_id = c.id STRAIGHT_JOIN order_lines l " \
	  "ON l.id = cl.order_line_id " \
	  where "GROUP BY c.shop_id, DATE(c.created_at), l.sku"
#define SDS_RULINGS(where) \
	  SDS_INS "SELECT e.shop_id, e.day, 5, e.ruling, '', '', COUNT(*), " \
	  "SUM(e.cents), 0, 0, 0, 0 FROM (SELECT c.shop_id, " \
	  "DATE(c.created_at) AS day, COALESCE((SELECT t.event FROM timeline t " \
	  "FORCE INDEX (ix_timeline_case) WHERE t.case_id = c.id " \
	  "AND t.event IN ('rule_refund', 'rule_partial', 'rule_reject') " \
	  "ORDER BY t.id DESC LIMIT 1), '') AS ruling, " \
	  "c.refunded_cents AS cents FROM cases c " \
	  "FORCE INDEX (ix_cases_shop_stats) " \
	  where "AND c.escalated_at IS NOT NULL) e " \
	  "GROUP BY e.shop_id, e.day, e.ruling"
#define SDS_COMPS(where) \
	  SDS_INS "SELECT c.shop_id, DATE(c.created_at), 6, k.kind, '', '', " \
	  "COUNT(*), SUM(o.status = 'accepted'), " \
	  "COALESCE(SUM(IF(o.status = 'accepted', k.value_cents, 0)), 0), " \
	  "0, 0, 0 FROM cases c FORCE INDEX (ix_cases_shop_stats) " \
	  "STRAIGHT_JOIN compensations k FORCE INDEX (ix_compensations_case) " \
	  "ON k.case_id = c.id " \
	  "STRAIGHT_JOIN offers o FORCE INDEX (PRIMARY) ON o.id = k.offer_id " \
	  where "GROUP BY c.shop_id, DATE(c.created_at), k.kind"
#define SDS_DEADLINE(where) \
	  SDS_INS "SELECT c.shop_id, DATE(c.created_at), 7, '', '', '', " \
	  "COUNT(*), 0, 0, 0, 0, 0 FROM cases c " \
	  "FORCE INDEX (ix_cases_shop_stats) STRAIGHT_JOIN timeline t " \
	  "FORCE INDEX (ix_timeline_case) ON t.case_id = c.id " \
	  where "AND t.event = 'deadline' AND t.from_state = 'requested' " \
	  "GROUP BY c.shop_id, DATE(c.created_at)"
#define SDS_ORDERS(where) \
	  SDS_INS "SELECT o.shop_id, DATE(o.paid_at), 10, '', '', '', " \
	  "COUNT(*), SUM((SELECT COUNT(*) FROM order_lines l " \
	  "WHERE l.order_id = o.id)), 0, 0, 0, 0 FROM orders o " \
	  "FORCE INDEX (ix_orders_shop_paid) " \
	  where "GROUP BY o.shop_id, DATE(o.paid_at)"
#define SDS_SOLD(where) \
	  SDS_INS "SELECT o.shop_id, DATE(o.paid_at), 11, l.sku, " \
	  "MAX(l.title), '', COUNT(*), 0, 0, 0, 0, 0 FROM orders o " \
	  "FORCE INDEX (ix_orders_shop_paid) STRAIGHT_JOIN order_lines l " \
	  "ON l.order_id = o.id " \
	  where "GROUP BY o.shop_id, DATE(o.paid_at), l.sku"
	[SQL_SDS_DAY_CASES] = { "sds_day_cases", SDS_CASES(SDS_CASES_DAY) },
	[SQL_SDS_DAY_LINES] = { "sds_day_lines", SDS_LINES(SDS_CASES_DAY) },
	[SQL_SDS_DAY_REASONS] = { "sds_day_reasons",
	  SDS_REASONS(SDS_CASES_DAY) },
	[SQL_SDS_DAY_SKUS] = { "sds_day_skus", SDS_SKUS(SDS_CASES_DAY) },
	[SQL_SDS_DAY_RULINGS] = { "sds_day_rulings",
	  SDS_RULINGS(SDS_CASES_DAY) },
	[SQL_SDS_DAY_COMPS] = { "sds_day_comps", SDS_COMPS(SDS_CASES_DAY) },
	[SQL_SDS_DAY_DEADLINE] = { "sds_day_deadline",
	  SDS_DEADLINE(SDS_CASES_DAY) },
	[SQL_SDS_DAY_ORDERS] = { "sds_day_orders", SDS_ORDERS(SDS_ORDERS_DAY) },
	[SQL_SDS_DAY_SOLD] = { "sds_day_sold", SDS_SOLD(SDS_ORDERS_DAY) },
	[SQL_SDS_CLEAR_ALL] = { "sds_clear_all", "DELETE FROM shop_day_stats" },
	[SQL_SDS_ALL_CASES] = { "sds_all_cases", SDS_CASES("WHERE 1 ") },
	[SQL_SDS_ALL_LINES] = { "sds_all_lines", SDS_LINES("WHERE 1 ") },
	[SQL_SDS_ALL_REASONS] = { "sds_all_reasons", SDS_REASONS("WHERE 1 ") },
	[SQL_SDS_ALL_SKUS] = { "sds_all_skus", SDS_SKUS("WHERE 1 ") },
	[SQL_SDS_ALL_RULINGS] = { "sds_all_rulings", SDS_RULINGS("WHERE 1 ") },
	[SQL_SDS_ALL_COMPS] = { "sds_all_comps", SDS_COMPS("WHERE 1 ") },
	[SQL_SDS_ALL_DEADLINE] = { "sds_all_deadline",
	  SDS_DEADLINE("WHERE 1 ") },
	[SQL_SDS_ALL_ORDERS] = { "sds_all_orders", SDS_ORDERS("WHERE 1 ") },
	[SQL_SDS_ALL_SOLD] = { "sds_all_sold", SDS_SOLD("WHERE 1 ") },
	[SQL_SDS_MARKS_ALL] = { "sds_marks_all",
	  "UPDATE aggregate_marks SET last_id = IF(name = 'shop_timeline', "
	  "(SELECT COALESCE(MAX(id), 0) FROM timeline), "
	  "(SELECT COALESCE(MAX(id), 0) FROM orders)) "
	  "WHERE name IN ('shop_timeline', 'shop_orders')" },
#undef SDS_INS
#undef SDS_CASES_DAY
#undef SDS_ORDERS_DAY
#undef SDS_CASES
#undef SDS_LINES
#undef SDS_REASONS
#undef SDS_SKUS
#undef SDS_RULINGS
#undef SDS_COMPS
#undef SDS_DEADLINE
#undef SDS_ORDERS
#undef SDS_SOLD
	/*
	 * A shop's statistics of a period (store/stats_store.c): the days
	 * [?, ?) of every kind, one range of the primary key per kind, in
	 * key order (merged per key in C: no grouping, no sort).
	 */
	[SQL_SDS_READ] = { "sds_read",
	  "SELECT kind, UNIX_TIMESTAMP(day), k, t, u, a, b, c, d, e, f "
	  "FROM shop_day_stats WHERE shop_id = ? "
	  "AND kind IN (1, 2, 3, 4, 5, 6, 7, 10, 11) "
	  "AND day >= DATE(?) AND day < DATE(?) ORDER BY kind, day, k" },
	/* ---- kept-counts (issue 12): end ---- */
	/* ---- admin-lists (issue 12): begin ---- */
	/*
	 * The platform's lists as keyset pages (cursor.h): 50 rows a page and
	 * one more to tell of a next one, each over an index that serves its
	 * filter and its sort (sql/016_admin_lists.sql); the keyset tail in the
	 * expanded OR form so that the range serves it.
	 */
#define ADMINL_LEDGER_COLS \
	"SELECT r.id, r.case_id, c.rma_no, r.amount_cents, r.currency, " \
	"r.executor, r.status, r.attempts, r.last_error, " \
	"UNIX_TIMESTAMP(r.created_at), " \
	"COALESCE(UNIX_TIMESTAMP(r.settled_at), 0), " \
	"COALESCE(UNIX_TIMESTAMP(r.next_attempt_at), 0), r.idempotency_key, " \
	"DATE_FORMAT(r.created_at, '%Y%m%d%H%i%s') "
#define ADMINL_NEWEST(t) \
	"AND (" t ".created_at < ? OR (" t ".created_at = ? AND " t ".id < ?)) " \
	"ORDER BY " t ".created_at DESC, " t ".id DESC LIMIT 51"
	/* Args: the keyset (key, key, id). */
	[SQL_ADMINL_LEDGER_ALL] = { "adminl_ledger_all",
	  ADMINL_LEDGER_COLS "FROM refunds r FORCE INDEX (ix_refunds_ledger_all) "
	  "STRAIGHT_JOIN cases c ON c.id = r.case_id WHERE 1 = 1 "
	  ADMINL_NEWEST("r") },
	/* Args: ledger_tab (1 attention, 2 pending, 3 succeeded), the keyset. */
	[SQL_ADMINL_LEDGER_TAB] = { "adminl_ledger_tab",
	  ADMINL_LEDGER_COLS "FROM refunds r FORCE INDEX (ix_refunds_ledger_tab) "
	  "STRAIGHT_JOIN cases c ON c.id = r.case_id WHERE r.ledger_tab = ? "
	  ADMINL_NEWEST("r") },
#define ADMINL_CASE_COLS \
	"SELECT c.id, c.rma_no, c.type, c.state, c.requested_cents, " \
	"c.currency, UNIX_TIMESTAMP(c.created_at), " \
	"COALESCE(UNIX_TIMESTAMP(c.deadline_at), 0), " \
	"COALESCE(UNIX_TIMESTAMP(c.escalated_at), 0), o.order_no, u.login, " \
	"s.name, "
#define ADMINL_CASE_JOINS \
	"STRAIGHT_JOIN orders o ON o.id = c.order_id " \
	"STRAIGHT_JOIN users u ON u.id = c.buyer_id " \
	"STRAIGHT_JOIN shops s ON s.id = c.shop_id "
	/* Soonest deadline first (those past it lead). Args: the keyset. */
	[SQL_ADMINL_ESCALATIONS] = { "adminl_escalations",
	  ADMINL_CASE_COLS "DATE_FORMAT(c.deadline_sort, '%Y%m%d%H%i%s') "
	  "FROM cases c FORCE INDEX (ix_cases_platform_deadline) "
	  ADMINL_CASE_JOINS "WHERE c.platform_deadline IS NOT NULL "
	  "AND (c.platform_deadline > ? OR (c.platform_deadline = ? "
	  "AND c.id > ?)) ORDER BY c.platform_deadline, c.id LIMIT 51" },
	/* Case search: one statement per leading filter, read first over its index; the others narrow it. */
#define ADMINL_SEARCH_TAIL \
	" AND (? = 0 OR c.shop_id = ?) AND (? = '' OR c.state = ?) " \
	"AND c.created_at >= ? AND c.created_at < ? " \
	"AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?)) " \
	"ORDER BY c.created_at DESC, c.id DESC LIMIT 51"
#define ADMINL_SEARCH_COLS \
	ADMINL_CASE_COLS "DATE_FORMAT(c.created_at, '%Y%m%d%H%i%s') "
	[SQL_ADMINL_SEARCH_RMA] = { "adminl_search_rma",
	  ADMINL_SEARCH_COLS "FROM cases c FORCE INDEX (uq_cases_rma_no) "
	  ADMINL_CASE_JOINS "WHERE c.rma_no = ?" ADMINL_SEARCH_TAIL },
	[SQL_ADMINL_SEARCH_ORDER] = { "adminl_search_order",
	  ADMINL_SEARCH_COLS "FROM orders o STRAIGHT_JOIN cases c "
	  "ON c.order_id = o.id STRAIGHT_JOIN users u ON u.id = c.buyer_id "
	  "STRAIGHT_JOIN shops s ON s.id = c.shop_id "
	  "WHERE o.order_no = ?" ADMINL_SEARCH_TAIL },
	[SQL_ADMINL_SEARCH_BUYER] = { "adminl_search_buyer",
	  ADMINL_SEARCH_COLS "FROM cases c FORCE INDEX (ix_cases_buyer_created) "
	  ADMINL_CASE_JOINS "WHERE c.buyer_id = (SELECT x.id FROM users x "
	  "WHERE x.login = ?)" ADMINL_SEARCH_TAIL },
	[SQL_ADMINL_SEARCH_SHOP] = { "adminl_search_shop",
	  ADMINL_SEARCH_COLS "FROM cases c FORCE INDEX (ix_cases_shop_created) "
	  ADMINL_CASE_JOINS "WHERE c.shop_id = ?" ADMINL_SEARCH_TAIL },
	[SQL_ADMINL_SEARCH_STATE] = { "adminl_search_state",
	  ADMINL_SEARCH_COLS "FROM cases c FORCE INDEX (ix_cases_state_created) "
	  ADMINL_CASE_JOINS "WHERE c.state = ?" ADMINL_SEARCH_TAIL },
	[SQL_ADMINL_SEARCH_ALL] = { "adminl_search_all",
	  ADMINL_SEARCH_COLS "FROM cases c FORCE INDEX (ix_cases_created) "
	  ADMINL_CASE_JOINS "WHERE 1 = 1" ADMINL_SEARCH_TAIL },
	/* Accounts, newest first; args: the filter, the id to start below. */
#define ADMINL_USER_COLS \
	"SELECT u.id, u.login, u.display_name, u.role, COALESCE(s.name, ''), " \
	"u.disabled, UNIX_TIMESTAMP(u.created_at), (SELECT COUNT(*) " \
	"FROM sessions x WHERE x.user_id = u.id) "
	[SQL_ADMINL_USERS_ALL] = { "adminl_users_all",
	  ADMINL_USER_COLS "FROM users u LEFT JOIN shops s ON s.id = u.shop_id "
	  "WHERE u.id < ? ORDER BY u.id DESC LIMIT 21" },
	[SQL_ADMINL_USERS_STAFF] = { "adminl_users_staff",
	  ADMINL_USER_COLS "FROM users u FORCE INDEX (ix_users_staff_id) "
	  "LEFT JOIN shops s ON s.id = u.shop_id "
	  "WHERE u.staff = ? AND u.id < ? ORDER BY u.id DESC LIMIT 21" },
	[SQL_ADMINL_USERS_ROLE] = { "adminl_users_role",
	  ADMINL_USER_COLS "FROM users u FORCE INDEX (ix_users_role_id) "
	  "LEFT JOIN shops s ON s.id = u.shop_id "
	  "WHERE u.role = ? AND u.id < ? ORDER BY u.id DESC LIMIT 21" },
	/* The account of one login (uq_users_login). */
	[SQL_ADMINL_USERS_LOGIN] = { "adminl_users_login",
	  ADMINL_USER_COLS "FROM users u LEFT JOIN shops s ON s.id = u.shop_id "
	  "WHERE u.login = ?" },
	/* The first 51 logins that start with a prefix ('!' escapes). */
	[SQL_ADMINL_USERS_PREFIX] = { "adminl_users_prefix",
	  ADMINL_USER_COLS "FROM users u FORCE INDEX (uq_users_login) "
	  "LEFT JOIN shops s ON s.id = u.shop_id "
	  "WHERE u.login LIKE ? ESCAPE '!' ORDER BY u.login LIMIT 51" },
	/* Shops, newest first; args: the id to start below. */
	[SQL_ADMINL_SHOPS] = { "adminl_shops",
	  "SELECT s.id, s.name, s.currency, (SELECT COUNT(*) FROM "
	  "shop_addresses a WHERE a.shop_id = s.id AND a.archived_at IS NULL), "
	  "(SELECT COUNT(*) FROM users u WHERE u.shop_id = s.id) "
	  "FROM shops s WHERE s.id < ? ORDER BY s.id DESC LIMIT 21" },
	/* The audit list, newest first; args: the keyset. */
	[SQL_ADMINL_AUDIT] = { "adminl_audit",
	  "SELECT a.id, UNIX_TIMESTAMP(a.created_at), COALESCE(u.login, ''), "
	  "a.action, a.subject, a.detail, a.remote_addr, "
	  "DATE_FORMAT(a.created_at, '%Y%m%d%H%i%s') "
	  "FROM admin_audit a FORCE INDEX (ix_admin_audit_when) "
	  "LEFT JOIN users u ON u.id = a.admin_id WHERE 1 = 1 "
	  ADMINL_NEWEST("a") },
	/*
	 * Policy versions, newest first, with their open cases as the worker
	 * counted them (-1: not counted yet); args: the version to start below.
	 */
	[SQL_ADMINL_VERSIONS] = { "adminl_versions",
	  "SELECT p.id, p.version, p.status, UNIX_TIMESTAMP(p.published_at), "
	  "COALESCE(u.login, ''), COALESCE(u.display_name, ''), "
	  "COALESCE(p.publish_note, ''), COALESCE(a.cases, -1) "
	  "FROM policies p FORCE INDEX (uq_policies_version) "
	  "LEFT JOIN users u ON u.id = p.published_by "
	  "LEFT JOIN admin_stats a ON a.tbl = 'policy_open' AND a.k1 = '' "
	  "AND a.k2 = '' AND a.ref_id = p.id "
	  "WHERE p.version < ? AND p.status <> 'draft' "
	  "ORDER BY p.version DESC LIMIT 51" },
	/* What the worker keeps (admin_stats); every row the same columns. */
#define ADMINL_STATS_COLS \
	"SELECT k1, k2, ref_id, sort_n, orders, cases, refunded, " \
	"refunded_cents, fast, escalated, comp_given, comp_cents " \
	"FROM admin_stats "
	/* Args: table, limit. */
	[SQL_ADMINL_STATS_KEYS] = { "adminl_stats_keys",
	  ADMINL_STATS_COLS "FORCE INDEX (PRIMARY) WHERE tbl = ? "
	  "ORDER BY k1, k2, ref_id LIMIT ?" },
	[SQL_ADMINL_STATS_TOP] = { "adminl_stats_top",
	  ADMINL_STATS_COLS "WHERE tbl = ? ORDER BY sort_n DESC, k1, k2 "
	  "LIMIT ?" },
	/* Ranked rows (sort_n = -rank); args: table, -rank to start below, limit. */
	[SQL_ADMINL_STATS_RANKED] = { "adminl_stats_ranked",
	  ADMINL_STATS_COLS "WHERE tbl = ? AND sort_n < ? "
	  "ORDER BY sort_n DESC LIMIT ?" },
	/* Args: table, first k1, limit. */
	[SQL_ADMINL_STATS_FROM] = { "adminl_stats_from",
	  ADMINL_STATS_COLS "FORCE INDEX (PRIMARY) WHERE tbl = ? AND k1 >= ? "
	  "ORDER BY k1, k2, ref_id LIMIT ?" },
	/* When a part was refilled: ledger or analytics (0: never). */
	[SQL_ADMINL_AGG_AS_OF] = { "adminl_agg_as_of",
	  "SELECT sort_n FROM admin_stats WHERE tbl = 'as_of' AND k1 = ? "
	  "AND k2 = '' AND ref_id = 0" },
	/* The refill (engine/aggregates.c admin_aggregates_pass). */
	[SQL_ADMINL_AGG_LOCK] = { "adminl_agg_lock", /* none: another refills */
	  "SELECT sort_n FROM admin_stats WHERE tbl = 'as_of' AND k1 = ? "
	  "AND k2 = '' AND ref_id = 0 FOR UPDATE SKIP LOCKED" },
	[SQL_ADMINL_AGG_CLEAR] = { "adminl_agg_clear",
	  "DELETE FROM admin_stats WHERE tbl = ?" },
	[SQL_ADMINL_AGG_STAMP] = { "adminl_agg_stamp",
	  "INSERT INTO admin_stats (tbl, k1, k2, ref_id, sort_n) "
	  "VALUES ('as_of', ?, '', 0, ?) "
	  "ON DUPLICATE KEY UPDATE sort_n = VALUES(sort_n)" },
	[SQL_ADMINL_AGG_REFUNDS] = { "adminl_agg_refunds",
	  "INSERT INTO admin_stats (tbl, k1, k2, cases, refunded_cents) "
	  "SELECT 'refunds', status, currency, COUNT(*), SUM(amount_cents) "
	  "FROM refunds GROUP BY status, currency" },
	/* Args: problem, id, value (a row of SQL_RECONCILE). */
	[SQL_ADMINL_AGG_RECONCILE_ADD] = { "adminl_agg_reconcile_add",
	  "INSERT IGNORE INTO admin_stats (tbl, k1, k2, ref_id, sort_n) "
	  "VALUES ('reconcile', ?, '', ?, ?)" },
	/*
	 * Every shop, ranked by name, with its orders and its cases' figures.
	 * Split materialization off: MariaDB would run the daily figures'
	 * grouping once per shop, each a scan of the whole table (900M rows
	 * read at 1M cases, ten minutes of the worker); each grouping runs
	 * once (about 2 s at 1M).
	 */
	[SQL_ADMINL_AGG_SHOPS] = { "adminl_agg_shops",
	  "SET STATEMENT optimizer_switch = 'split_materialized=off' FOR "
	  "INSERT INTO admin_stats (tbl, k1, k2, ref_id, sort_n, orders, cases, "
	  "refunded, refunded_cents, fast, escalated, comp_given, comp_cents) "
	  "SELECT 'shops', s.name, s.currency, s.id, "
	  "-ROW_NUMBER() OVER (ORDER BY s.name, s.id), COALESCE(o.n, 0), "
	  "COALESCE(a.cases, 0), COALESCE(a.refunded, 0), COALESCE(a.rc, 0), "
	  "COALESCE(a.fast, 0), COALESCE(a.esc, 0), COALESCE(a.cg, 0), "
	  "COALESCE(a.cc, 0) FROM shops s "
	  "LEFT JOIN (SELECT shop_id, COUNT(*) AS n FROM orders "
	  "GROUP BY shop_id) o ON o.shop_id = s.id "
	  "LEFT JOIN (SELECT shop_id, SUM(cases) AS cases, "
	  "SUM(IF(state = 'refunded', cases, 0)) AS refunded, "
	  "SUM(refunded_cents) AS rc, SUM(fast_tracked) AS fast, "
	  "SUM(escalated) AS esc, SUM(comp_given) AS cg, SUM(comp_cents) AS cc "
	  "FROM daily_case_stats GROUP BY shop_id) a ON a.shop_id = s.id" },
#define ADMINL_AGG_SUMS \
	"SUM(cases), SUM(cases), SUM(IF(state = 'refunded', cases, 0)), " \
	"SUM(refunded_cents), SUM(fast_tracked), SUM(escalated), " \
	"SUM(comp_given), SUM(comp_cents) FROM daily_case_stats "
#define ADMINL_AGG_INTO \
	"INSERT INTO admin_stats (tbl, k1, k2, sort_n, cases, refunded, " \
	"refunded_cents, fast, escalated, comp_given, comp_cents) "
	[SQL_ADMINL_AGG_REASONS] = { "adminl_agg_reasons",
	  ADMINL_AGG_INTO "SELECT 'reasons', reason_code, currency, "
	  ADMINL_AGG_SUMS "GROUP BY reason_code, currency" },
	[SQL_ADMINL_AGG_SKUS] = { "adminl_agg_skus",
	  ADMINL_AGG_INTO "SELECT 'skus', sku, currency, "
	  ADMINL_AGG_SUMS "GROUP BY sku, currency" },
	[SQL_ADMINL_AGG_MONTHS] = { "adminl_agg_months",
	  ADMINL_AGG_INTO "SELECT 'months', DATE_FORMAT(day, '%Y-%m'), "
	  "currency, " ADMINL_AGG_SUMS "GROUP BY 2, 3" },
	[SQL_ADMINL_AGG_OUTCOMES] = { "adminl_agg_outcomes",
	  "INSERT INTO admin_stats (tbl, k1, k2, cases, refunded, "
	  "refunded_cents, fast, escalated) "
	  "SELECT 'outcomes', 'fast_track', state, SUM(fast_tracked), "
	  "SUM(IF(state = 'refunded', fast_tracked, 0)), "
	  "SUM(fast_refunded_cents), 0, 0 FROM daily_case_stats "
	  "GROUP BY state HAVING SUM(fast_tracked) > 0 "
	  "UNION ALL SELECT 'outcomes', 'escalated', state, SUM(escalated), "
	  "SUM(IF(state = 'refunded', escalated, 0)), "
	  "SUM(escalated_refunded_cents), 0, 0 FROM daily_case_stats "
	  "GROUP BY state HAVING SUM(escalated) > 0 "
	  "UNION ALL SELECT 'outcomes', 'all', '', COALESCE(SUM(cases), 0), "
	  "COALESCE(SUM(IF(state = 'refunded', cases, 0)), 0), "
	  "COALESCE(SUM(refunded_cents), 0), COALESCE(SUM(fast_tracked), 0), "
	  "COALESCE(SUM(escalated), 0) FROM daily_case_stats "
	  "UNION ALL SELECT 'outcomes', 'deadline', from_state, COUNT(*), 0, 0, "
	  "0, 0 FROM timeline WHERE event = 'deadline' GROUP BY from_state" },
	/* Args: decide or close, the median in seconds, how many. */
	[SQL_ADMINL_AGG_MEDIAN_ADD] = { "adminl_agg_median_add",
	  "INSERT INTO admin_stats (tbl, k1, k2, sort_n, cases) "
	  "VALUES ('median', ?, '', ?, ?)" },
	[SQL_ADMINL_AGG_POLICY_OPEN] = { "adminl_agg_policy_open",
	  "INSERT INTO admin_stats (tbl, k1, k2, ref_id, cases) "
	  "SELECT 'policy_open', '', '', p.id, (SELECT COUNT(*) FROM cases c "
	  "FORCE INDEX (ix_cases_policy_open) WHERE c.policy_id = p.id "
	  "AND c.queue_open = 1) FROM policies p WHERE p.status <> 'draft'" },
	/*
	 * The open cases under every published or retired version, for the
	 * publisher's confirmation (exact, over ix_cases_policy_open).
	 */
	[SQL_ADMINL_OPEN_CASES] = { "adminl_open_cases",
	  "SELECT COALESCE(SUM((SELECT COUNT(*) FROM cases c "
	  "FORCE INDEX (ix_cases_policy_open) WHERE c.policy_id = p.id "
	  "AND c.queue_open = 1)), 0) FROM policies p "
	  "WHERE p.status <> 'draft'" },
#undef ADMINL_LEDGER_COLS
#undef ADMINL_NEWEST
#undef ADMINL_CASE_COLS
#undef ADMINL_CASE_JOINS
#undef ADMINL_SEARCH_TAIL
#undef ADMINL_SEARCH_COLS
#undef ADMINL_USER_COLS
#undef ADMINL_STATS_COLS
#undef ADMINL_AGG_SUMS
#undef ADMINL_AGG_INTO
	/* ---- admin-lists (issue 12): end ---- */
	/* ---- lists-buyer (issue 12): begin ---- */
	/*
	 * One keyset page of a buyer's orders, newest paid first: buyer, then
	 * the cursor (paid_at as yyyymmddhhmmss twice, id), then the limit.
	 */
	[SQL_BUYER_ORDERS_PAGE] = { "buyer_orders_page",
	  "SELECT o.id, o.order_no, s.name, o.currency, o.total_paid_cents, "
	  "UNIX_TIMESTAMP(o.paid_at), COALESCE(UNIX_TIMESTAMP(o.shipped_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(o.delivered_at), 0), "
	  "COALESCE(UNIX_TIMESTAMP(o.expected_delivery_at), 0), "
	  "DATE_FORMAT(o.paid_at, '%Y%m%d%H%i%s') "
	  "FROM orders o FORCE INDEX (ix_orders_buyer_paid) "
	  "JOIN shops s ON s.id = o.shop_id WHERE o.buyer_id = ? "
	  "AND (o.paid_at < ? OR (o.paid_at = ? AND o.id < ?)) "
	  "ORDER BY o.paid_at DESC, o.id DESC LIMIT ?" },
	/*
	 * The lines of one page of orders (ORDERS_PAGE order ids, 0 for none),
	 * each with its open case, its number of cases and its latest case.
	 */
	[SQL_BUYER_ORDER_LINES] = { "buyer_order_lines",
	  "SELECT l.order_id, l.id, l.title, l.sku, l.quantity, l.paid_cents, "
	  "l.refunded_cents, l.pending_cents, "
	  "COALESCE((SELECT c.case_id FROM case_lines c "
	  "WHERE c.open_line_id = l.id), 0), "
	  "(SELECT COUNT(*) FROM case_lines c WHERE c.order_line_id = l.id), "
	  "COALESCE((SELECT MAX(c.case_id) FROM case_lines c "
	  "WHERE c.order_line_id = l.id), 0), l.variant, l.picture_url "
	  "FROM order_lines l WHERE l.order_id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	  "?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ORDER BY l.order_id, l.line_no" },
	/*
	 * One keyset page of one part of a buyer's cases (queue_open 1: open,
	 * 0: finished), newest first: buyer, part, cursor (created_at twice,
	 * id), limit.
	 */
	[SQL_BUYER_CASES_PAGE] = { "buyer_cases_page",
	  "SELECT c.id, c.rma_no, c.type, c.state, c.requested_cents, "
	  "c.currency, COALESCE(UNIX_TIMESTAMP(c.deadline_at), 0), o.order_no, "
	  "s.name, DATE_FORMAT(c.created_at, '%Y%m%d%H%i%s') "
	  "FROM cases c FORCE INDEX (ix_cases_buyer_open_created) "
	  "JOIN orders o ON o.id = c.order_id JOIN shops s ON s.id = c.shop_id "
	  "WHERE c.buyer_id = ? AND c.queue_open = ? "
	  "AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?)) "
	  "ORDER BY c.created_at DESC, c.id DESC LIMIT ?" },
	/* ---- lists-buyer (issue 12): end ---- */
	/* ---- grow-a: begin ---- */
	/*
	 * The all-time totals of each shop (kind 20) and buyer (kind 21) in
	 * kept_counts (engine/counts.c, sql/019), rebuilt by deskctl recount
	 * after its clear: buckets 1 cases, 2 refunded, 3 escalated, 4 cents
	 * refunded (from the cases), 5 orders (from the orders).
	 */
	[SQL_GROWA_TOTALS_REBUILD_CASES] = { "growa_totals_rebuild_cases",
	  "INSERT INTO kept_counts (kind, owner_id, bucket, n) "
	  "SELECT k.kind, IF(k.kind = 20, c.shop_id, c.buyer_id), k.b, "
	  "SUM(CASE k.b WHEN 1 THEN 1 WHEN 2 THEN c.state = 'refunded' "
	  "WHEN 3 THEN c.escalated_at IS NOT NULL ELSE c.refunded_cents END) "
	  "FROM cases c JOIN (SELECT 20 AS kind, 1 AS b UNION ALL "
	  "SELECT 20, 2 UNION ALL SELECT 20, 3 UNION ALL SELECT 20, 4 "
	  "UNION ALL SELECT 21, 1 UNION ALL SELECT 21, 2 UNION ALL "
	  "SELECT 21, 3 UNION ALL SELECT 21, 4) k "
	  "GROUP BY k.kind, IF(k.kind = 20, c.shop_id, c.buyer_id), k.b" },
	[SQL_GROWA_TOTALS_REBUILD_ORDERS] = { "growa_totals_rebuild_orders",
	  "INSERT INTO kept_counts (kind, owner_id, bucket, n) "
	  "SELECT k.kind, IF(k.kind = 20, o.shop_id, o.buyer_id), 5, COUNT(*) "
	  "FROM orders o JOIN (SELECT 20 AS kind UNION ALL SELECT 21) k "
	  "GROUP BY k.kind, IF(k.kind = 20, o.shop_id, o.buyer_id)" },
	/*
	 * The admin case page's history of both sides (store/admin_store.c):
	 * the totals of the case's shop and buyer, one primary-key range each.
	 */
	[SQL_GROWA_CASE_HISTORY] = { "growa_case_history",
	  "SELECT k.kind, k.bucket, k.n FROM cases c STRAIGHT_JOIN "
	  "kept_counts k ON (k.kind = 20 AND k.owner_id = c.shop_id) "
	  "OR (k.kind = 21 AND k.owner_id = c.buyer_id) WHERE c.id = ?" },
	/* ---- grow-a: end ---- */
	/* ---- grow-b: begin ---- */
	/*
	 * The seller's median durations at any size (issue 12): a histogram
	 * per shop and opening day of the seconds to the shop's first answer
	 * (kind 1) and to the close (kind 2), in log-scale buckets
	 * (store/stats_store.c stats_bucket_of(): exact below 32 s, then 16
	 * buckets per doubling), kept by the worker with the other figures
	 * of the (shop, day) (engine/aggregates.c) and rebuilt by deskctl
	 * recount (sql/020_stats_durations.sql).
	 */
#define SDD_BUCKET(s) \
	  "IF(" s " < 32, GREATEST(" s ", 0), (LENGTH(BIN(" s ")) - 5) * 16 " \
	  "+ (" s " >> (LENGTH(BIN(" s ")) - 5)))"
#define SDD_FILL(kind, col, where) \
	  "INSERT INTO shop_day_durations (shop_id, kind, day, n, hist) " \
	  "SELECT g.shop_id, " kind ", g.day, SUM(g.n), " \
	  "GROUP_CONCAT(g.b, ':', g.n, ':', g.t ORDER BY g.b SEPARATOR ',') " \
	  "FROM (SELECT x.shop_id, x.day, " SDD_BUCKET("x.s") " AS b, " \
	  "COUNT(*) AS n, SUM(GREATEST(x.s, 0)) AS t " \
	  "FROM (SELECT c.shop_id, DATE(c.created_at) AS day, " \
	  "TIMESTAMPDIFF(SECOND, c.created_at, c." col ") AS s " \
	  "FROM cases c FORCE INDEX (ix_cases_shop_stats) " where \
	  "AND c." col " IS NOT NULL) x GROUP BY x.shop_id, x.day, b) g " \
	  "GROUP BY g.shop_id, g.day"
#define SDD_DAY \
	  "WHERE c.shop_id = ? AND c.created_at >= ? " \
	  "AND c.created_at < ? + INTERVAL 1 DAY "
	/* One (shop, day) (args: shop, day, day), with the worker's fills. */
	[SQL_SDD_DAY_CLEAR] = { "sdd_day_clear",
	  "DELETE FROM shop_day_durations WHERE shop_id = ? AND kind IN (1, 2) "
	  "AND day >= DATE(?) AND day < DATE(?) + INTERVAL 1 DAY" },
	[SQL_SDD_DAY_ANSWER] = { "sdd_day_answer",
	  SDD_FILL("1", "first_answer_at", SDD_DAY) },
	[SQL_SDD_DAY_CLOSE] = { "sdd_day_close",
	  SDD_FILL("2", "closed_at", SDD_DAY) },
	/* Every shop and day (deskctl recount, the migration's backfill). */
	[SQL_SDD_CLEAR_ALL] = { "sdd_clear_all",
	  "DELETE FROM shop_day_durations" },
	[SQL_SDD_ALL_ANSWER] = { "sdd_all_answer",
	  SDD_FILL("1", "first_answer_at", "WHERE 1 ") },
	[SQL_SDD_ALL_CLOSE] = { "sdd_all_close",
	  SDD_FILL("2", "closed_at", "WHERE 1 ") },
#undef SDD_BUCKET
#undef SDD_FILL
#undef SDD_DAY
	/*
	 * The histograms of a shop's days [?, ?) (args: shop, from, to): one
	 * range of the primary key, two rows a day at most.
	 */
	[SQL_SDD_READ] = { "sdd_read",
	  "SELECT kind, n, hist FROM shop_day_durations WHERE shop_id = ? "
	  "AND kind IN (1, 2) AND day >= DATE(?) AND day < DATE(?) "
	  "ORDER BY kind, day" },
	/*
	 * The products of the statistics' default period (the 30 UTC days to
	 * today, seller-stats.c), kept by the worker per shop (sql/020): the
	 * 200 most asked about, merged from the period's rows of kinds 4 and
	 * 11 of shop_day_stats as store/stats_store.c merges them (keys and
	 * labels in byte order), so that the page reads 200 rows, not one per
	 * product and day (26,000 for the heavy shop at 1M cases).
	 */
#define SWS_WINDOW \
	  "day >= UTC_DATE() - INTERVAL 29 DAY " \
	  "AND day < UTC_DATE() + INTERVAL 1 DAY "
#define SWS_MERGED(shop, where) \
	  "SELECT " shop "k COLLATE utf8mb4_bin AS k, " \
	  "MAX(t COLLATE utf8mb4_bin) AS title, SUM(IF(kind = 11, a, 0)) AS sold, " \
	  "SUM(IF(kind = 4, a, 0)) AS cased, SUM(IF(kind = 4, b, 0)) AS cents " \
	  "FROM shop_day_stats WHERE " where "kind IN (4, 11) AND " SWS_WINDOW \
	  "GROUP BY " shop "k COLLATE utf8mb4_bin"
	/* A (shop, day) recomputed (args: shop, day, day, with the worker's
	 * fills): the shop's window due; a new shop's row an empty window. */
	[SQL_SWS_TOUCH] = { "sws_touch",
	  "INSERT INTO shop_windows (shop_id, win_from, win_to, dirty) "
	  "VALUES (?, DATE(?), DATE(?), 1) ON DUPLICATE KEY UPDATE dirty = 1" },
	/* The shops whose window is due: changed, or of another day. */
	[SQL_SWS_DUE] = { "sws_due",
	  "SELECT shop_id FROM shop_windows "
	  "WHERE dirty = 1 OR win_to <> UTC_DATE() + INTERVAL 1 DAY "
	  "ORDER BY shop_id LIMIT 100" },
	/* One shop's window again (args: shop), in one transaction. */
	[SQL_SWS_MARK] = { "sws_mark",
	  "UPDATE shop_windows SET win_from = UTC_DATE() - INTERVAL 29 DAY, "
	  "win_to = UTC_DATE() + INTERVAL 1 DAY, dirty = 0 WHERE shop_id = ?" },
	[SQL_SWS_CLEAR] = { "sws_clear",
	  "DELETE FROM shop_window_skus WHERE shop_id = ?" },
	[SQL_SWS_FILL] = { "sws_fill",
	  "INSERT INTO shop_window_skus (shop_id, pos, sku, title, sold, cased, "
	  "refunded_cents) SELECT ?, ROW_NUMBER() OVER (ORDER BY g.cased DESC, "
	  "g.k), g.k, g.title, g.sold, g.cased, g.cents FROM ("
	  SWS_MERGED("", "shop_id = ? AND ") ") g "
	  "ORDER BY g.cased DESC, g.k LIMIT 200" },
	/* Every shop's (deskctl recount, the migration's backfill). */
	[SQL_SWS_CLEAR_ALL] = { "sws_clear_all",
	  "DELETE FROM shop_window_skus" },
	[SQL_SWS_MARKS_CLEAR_ALL] = { "sws_marks_clear_all",
	  "DELETE FROM shop_windows" },
	[SQL_SWS_ALL] = { "sws_all",
	  "INSERT INTO shop_window_skus (shop_id, pos, sku, title, sold, cased, "
	  "refunded_cents) SELECT r.shop_id, r.pos, r.k, r.title, r.sold, "
	  "r.cased, r.cents FROM (SELECT g.*, ROW_NUMBER() OVER (PARTITION BY "
	  "g.shop_id ORDER BY g.cased DESC, g.k) AS pos FROM ("
	  SWS_MERGED("shop_id, ", "") ") g) r WHERE r.pos <= 200" },
	[SQL_SWS_MARKS_ALL] = { "sws_marks_all",
	  "INSERT INTO shop_windows (shop_id, win_from, win_to, dirty) "
	  "SELECT id, UTC_DATE() - INTERVAL 29 DAY, UTC_DATE() + INTERVAL 1 DAY, "
	  "0 FROM shops" },
#undef SWS_WINDOW
#undef SWS_MERGED
	/*
	 * The page: the shop's kept products in order, each with the window's
	 * days (args: shop): a range of a primary key in its order, and one
	 * primary key lookup. No rows: none kept (the page reads the days).
	 */
	[SQL_SWS_READ] = { "sws_read",
	  "SELECT UNIX_TIMESTAMP(w.win_from), UNIX_TIMESTAMP(w.win_to), "
	  "k.sku, k.title, k.sold, k.cased, k.refunded_cents "
	  "FROM shop_window_skus k STRAIGHT_JOIN shop_windows w "
	  "ON w.shop_id = k.shop_id WHERE k.shop_id = ? ORDER BY k.pos" },
	/* SQL_SDS_READ without the products (kinds 4 and 11): args the same. */
	[SQL_SDS_READ_DAYS] = { "sds_read_days",
	  "SELECT kind, UNIX_TIMESTAMP(day), k, t, u, a, b, c, d, e, f "
	  "FROM shop_day_stats WHERE shop_id = ? "
	  "AND kind IN (1, 2, 3, 5, 6, 7, 10) "
	  "AND day >= DATE(?) AND day < DATE(?) ORDER BY kind, day, k" },
	/*
	 * The header's count of cases with news (src/app/page.c) kept per
	 * user in kept_counts (kind 22, src/store/kept_counts.h): bucket 0
	 * the user's unread markers on open cases (a seller's count), bucket
	 * 1 all of them (a buyer's). Moved where markers are written
	 * (store/talk_store.c, in engine/locked.c's transaction), read
	 * (talk_read()) and where a case closes; rebuilt by deskctl recount.
	 */
	/* The sellers who get a marker of case ? (args: case). */
	[SQL_GBU_SELLERS] = { "gbu_sellers",
	  "SELECT u.id FROM cases c JOIN users u "
	  "ON u.shop_id = c.shop_id AND u.role = 'seller' AND u.disabled = 0 "
	  "WHERE c.id = ?" },
	[SQL_GBU_BUYER] = { "gbu_buyer",
	  "SELECT c.buyer_id FROM cases c WHERE c.id = ?" },
	/* One marker (args: user, case, first, last, message): 1 row
	 * affected when it is new. */
	[SQL_GBU_MARK] = { "gbu_mark",
	  "INSERT INTO case_unread (user_id, case_id, first_id, last_id, "
	  "message) VALUES (?, ?, ?, ?, ?) "
	  "ON DUPLICATE KEY UPDATE last_id = VALUES(last_id), "
	  "message = GREATEST(message, VALUES(message))" },
	/* The markers of a case that closes (args: case; the case locked). */
	[SQL_GBU_MARKERS] = { "gbu_markers",
	  "SELECT user_id FROM case_unread WHERE case_id = ? "
	  "LOCK IN SHARE MODE" },
	[SQL_GBU_OPEN] = { "gbu_open",
	  "SELECT queue_open FROM cases WHERE id = ? LOCK IN SHARE MODE" },
	/* The header (args: user, bucket): a primary key lookup. */
	[SQL_GBU_COUNT] = { "gbu_count",
	  "SELECT n FROM kept_counts WHERE kind = 22 AND owner_id = ? "
	  "AND bucket = ?" },
	[SQL_GBU_REBUILD] = { "gbu_rebuild",
	  "INSERT INTO kept_counts (kind, owner_id, bucket, n) "
	  "SELECT 22, cu.user_id, b.b, SUM(IF(b.b = 0, c.queue_open, 1)) "
	  "FROM case_unread cu JOIN cases c ON c.id = cu.case_id "
	  "JOIN (SELECT 0 AS b UNION ALL SELECT 1) b "
	  "GROUP BY cu.user_id, b.b" },
	/* ---- grow-b: end ---- */
};
