-- 018: the seller's short lists read in index order (issue 12: no page
-- statement sorts). A shop's return addresses, the default first; a
-- shop's sellers by name (the staff list of the case page and the
-- addresses page).
ALTER TABLE shop_addresses
  ADD KEY ix_shop_addresses_list (shop_id, archived_at, is_default DESC, id);
ALTER TABLE users
  ADD KEY ix_users_shop_staff (shop_id, role, display_name, id);
