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
	  "c.currency, UNIX_TIMESTAMP(c.deadline_at), o.order_no, "
	  "u.display_name FROM cases c JOIN orders o ON o.id = c.order_id "
	  "JOIN users u ON u.id = c.buyer_id "
	  "WHERE c.shop_id = ? AND c.state IN ('requested', 'return_shipped', "
	  "'reshipping', 'escalated', 'offered', 'rejected', 'awaiting_return', "
	  "'replacement_shipped', 'refunding') "
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
	{ "policy_reasons", /* SQL_POLICY_REASONS */
	  "SELECT code, label_en, label_zh, explain_en, explain_zh, "
	  "allow_refund_only, allow_return_refund, allow_exchange, "
	  "evidence_required, shipping_payer, window_days, needs_not_received, "
	  "fast_track FROM policy_reasons WHERE policy_id = ? "
	  "ORDER BY sort_order, id" },

	{ "demo_seeded", /* SQL_DEMO_SEEDED */
	  "SELECT COUNT(*) FROM users WHERE login = 'admin'" },
	{ "demo_set_hash", /* SQL_DEMO_SET_HASH */
	  "SET @demo_hash = ?" },

	{ "connection_id", /* SQL_CONNECTION_ID */
	  "SELECT CONNECTION_ID()" },
};
