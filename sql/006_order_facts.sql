-- 006: facts about orders that the buyer's form, the exchange and the
-- import need (issues 8 and 11). Created first so that every desk builds
-- on the same columns.

-- "Not received" counts its window from the expected delivery date when the
-- platform gave one (and from the latest of that and the shipping date
-- otherwise); NULL while the platform gave none.
ALTER TABLE orders
  ADD COLUMN expected_delivery_at DATETIME NULL
    COMMENT 'Delivery date the platform promised the buyer (UTC), NULL = none given; start of the not-received window'
    AFTER delivered_at;

-- What the buyer sees of the item, and what an exchange may ask for.
ALTER TABLE order_lines
  ADD COLUMN variant VARCHAR(128) NULL
    COMMENT 'Variant bought (size, colour...), as the shop names it; NULL = the product has none'
    AFTER title,
  ADD COLUMN variant_options VARCHAR(2048) NULL
    COMMENT 'Variants an exchange may ask for, one per line (LF), as the shop names them; NULL = no choice'
    AFTER variant,
  ADD COLUMN picture_url VARCHAR(512) NULL
    COMMENT 'Picture of the item: an https URL of the shop platform or a path under /static/; NULL = none'
    AFTER variant_options;
