-- 007: the buyer's side, second round (issue 8): the variant an exchange
-- asks for, and the return postage the seller pays back with the goods.

-- An exchange names the variant wanted, one of order_lines.variant_options.
ALTER TABLE cases
  ADD COLUMN exchange_variant VARCHAR(128) NULL
    COMMENT 'Exchange: the variant the buyer wants instead, one of the line''s variant_options; NULL = none asked (no variants, or not an exchange)'
    AFTER description,
  ADD COLUMN return_postage_cents BIGINT NOT NULL DEFAULT 0
    COMMENT 'Return postage the buyer paid to send the goods back, refunded with them when the reason''s shipping_payer is the seller; 0 = none; at most the policy''s return_postage_max_cents'
    AFTER exchange_variant,
  ADD CONSTRAINT ck_cases_return_postage CHECK (return_postage_cents >= 0);

-- The most return postage a seller pays back, frozen with each version.
ALTER TABLE policies
  ADD COLUMN return_postage_max_cents BIGINT NOT NULL DEFAULT 2000
    COMMENT 'Most return postage refunded to the buyer when the seller pays return shipping, in the case currency''s cents; 0 = none refunded'
    AFTER fast_track_recent_days,
  ADD CONSTRAINT ck_policies_return_postage CHECK (return_postage_max_cents >= 0);

-- The ledger keeps the postage apart from the goods: amount_cents is what
-- the payment moves (goods + postage), postage_cents the postage part of
-- it; the goods part (amount_cents - postage_cents) is what the case's
-- lines count as refunded (order_lines.paid_cents still caps it).
ALTER TABLE refunds
  ADD COLUMN postage_cents BIGINT NOT NULL DEFAULT 0
    COMMENT 'Part of amount_cents that pays back return postage (cases.return_postage_cents), not goods; 0 = none'
    AFTER amount_cents,
  ADD CONSTRAINT ck_refunds_postage CHECK (postage_cents >= 0 AND postage_cents < amount_cents);
