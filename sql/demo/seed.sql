-- refund-desk demo data.
--
-- Loaded once into an empty, migrated database by `deskctl seed-demo`, which first runs
-- SET @demo_hash = '<yescrypt hash>' on the same connection and then this file as one
-- multi-statement script. Every demo account uses @demo_hash as its password hash.
--
-- Deterministic: no RAND(), every varying value is arithmetic on sequence numbers. Times are
-- relative to UTC_TIMESTAMP() taken once (@now), so the demo looks current whenever it is loaded.
-- No SELECT returns rows, no DELIMITER, and no semicolon inside comments or strings.
--
-- Shape: 3 shops with 5 return addresses, 1 admin, 3 sellers (seller1..3, one per shop),
-- 20 buyers (buyer1..buyer20), 210 orders (10 per buyer plus 10 more for buyer1) with 1-4 lines
-- each, and the published policy version 1 with 8 reasons. No cases: the case engine makes them.
--
-- Delivery profile of an order (k, 0..9): 0 paid hours ago, not shipped. 1 shipped, in transit
-- (for every fourth buyer the parcel is stuck in transit for over a week). 2 delivered in the last
-- two days. 3 delivered 2.5-6 days ago. 4 delivered about 7 days ago (around the window edge).
-- 5..9 delivered 12-36 days ago. Every buyer has one order of each profile.

SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci;
SET @now = UTC_TIMESTAMP();

-- ---------------------------------------------------------------------------------------------
-- Shops and return addresses
-- ---------------------------------------------------------------------------------------------

INSERT INTO shops (id, name, currency, created_at) VALUES
  (1, 'Lotus Apparel 莲花服饰', 'CNY', @now - INTERVAL 1460 DAY),
  (2, 'Kirin Digital 麒麟数码', 'CNY', @now - INTERVAL 1095 DAY),
  (3, 'Bamboo Home 竹居家居',   'CNY', @now - INTERVAL 730 DAY);

INSERT INTO shop_addresses (id, shop_id, label, recipient, phone, address, is_default, created_at) VALUES
  (1, 1, '杭州售后仓 Hangzhou returns', '莲花服饰 售后组', '0571-8612 3400',
   '浙江省杭州市余杭区仓前街道文一西路 1500 号 莲花服饰电商园 3 号楼 1 层 售后仓 (邮编 311121)', 1,
   @now - INTERVAL 1400 DAY),
  (2, 1, '湖州童装仓 Huzhou kidswear', '莲花童装 售后 王师傅', '0572-3021 5588',
   '浙江省湖州市吴兴区织里镇珍贝路 88 号 莲花童装仓库 B 区 (邮编 313008)', 0,
   @now - INTERVAL 600 DAY),
  (3, 2, '深圳售后中心 Shenzhen service', '麒麟数码 售后部', '0755-8327 6100',
   '广东省深圳市福田区华强北街道华强北路 1019 号 华强广场 B 座 12 楼 1208 (邮编 518031)', 1,
   @now - INTERVAL 1000 DAY),
  (4, 2, '东莞维修中心 Dongguan repairs', '麒麟数码 维修中心 李工', '0769-8558 2210',
   '广东省东莞市长安镇振安中路 168 号 麒麟工业园 2 栋 1 楼 (邮编 523850)', 0,
   @now - INTERVAL 400 DAY),
  (5, 3, '厦门退货仓 Xiamen returns', '竹居家居 退货组', '0592-6218 7730',
   '福建省厦门市集美区杏林湾路 520 号 竹居家居仓储中心 A 仓 (邮编 361021)', 1,
   @now - INTERVAL 700 DAY);

-- ---------------------------------------------------------------------------------------------
-- Users (all with the demo password)
-- ---------------------------------------------------------------------------------------------

INSERT INTO users (id, role, login, display_name, password_hash, shop_id, timezone, locale, created_at) VALUES
  (1, 'admin',  'admin',   '平台客服 Platform Support', @demo_hash, NULL, 'Asia/Shanghai', 'zh-CN', @now - INTERVAL 1500 DAY),
  (2, 'seller', 'seller1', '林晓 · 莲花服饰',            @demo_hash, 1,    'Asia/Shanghai', 'zh-CN', @now - INTERVAL 1450 DAY),
  (3, 'seller', 'seller2', 'Chen Wei 陈伟 · 麒麟数码',   @demo_hash, 2,    'Asia/Shanghai', 'en',    @now - INTERVAL 1090 DAY),
  (4, 'seller', 'seller3', '周敏 · 竹居家居',            @demo_hash, 3,    'Asia/Shanghai', 'zh-CN', @now - INTERVAL 725 DAY),
  (5,  'buyer', 'buyer1',  '张小雨',        @demo_hash, NULL, 'Asia/Shanghai',       'zh-CN', @now - INTERVAL 980 DAY),
  (6,  'buyer', 'buyer2',  'Li Na 李娜',    @demo_hash, NULL, 'Asia/Shanghai',       'zh-CN', @now - INTERVAL 911 DAY),
  (7,  'buyer', 'buyer3',  '王磊',          @demo_hash, NULL, 'Asia/Shanghai',       'zh-CN', @now - INTERVAL 850 DAY),
  (8,  'buyer', 'buyer4',  'Emily Carter',  @demo_hash, NULL, 'Europe/London',       'en',    @now - INTERVAL 802 DAY),
  (9,  'buyer', 'buyer5',  '刘洋',          @demo_hash, NULL, 'Asia/Shanghai',       'zh-CN', @now - INTERVAL 760 DAY),
  (10, 'buyer', 'buyer6',  '陈静',          @demo_hash, NULL, 'Asia/Shanghai',       'zh-CN', @now - INTERVAL 701 DAY),
  (11, 'buyer', 'buyer7',  '杨帆',          @demo_hash, NULL, 'Asia/Shanghai',       'zh-CN', @now - INTERVAL 640 DAY),
  (12, 'buyer', 'buyer8',  'Tom Becker',    @demo_hash, NULL, 'Europe/Berlin',       'en',    @now - INTERVAL 588 DAY),
  (13, 'buyer', 'buyer9',  '赵敏',          @demo_hash, NULL, 'Asia/Shanghai',       'zh-CN', @now - INTERVAL 533 DAY),
  (14, 'buyer', 'buyer10', '黄子涵',        @demo_hash, NULL, 'Asia/Shanghai',       'zh-CN', @now - INTERVAL 478 DAY),
  (15, 'buyer', 'buyer11', '周晓峰',        @demo_hash, NULL, 'Asia/Shanghai',       'zh-CN', @now - INTERVAL 420 DAY),
  (16, 'buyer', 'buyer12', '吴婷',          @demo_hash, NULL, 'Asia/Shanghai',       'zh-CN', @now - INTERVAL 377 DAY),
  (17, 'buyer', 'buyer13', '徐浩然',        @demo_hash, NULL, 'Asia/Shanghai',       'zh-CN', @now - INTERVAL 321 DAY),
  (18, 'buyer', 'buyer14', 'Sofia Rossi',   @demo_hash, NULL, 'Europe/Rome',         'en',    @now - INTERVAL 266 DAY),
  (19, 'buyer', 'buyer15', '孙悦',          @demo_hash, NULL, 'Asia/Shanghai',       'zh-CN', @now - INTERVAL 214 DAY),
  (20, 'buyer', 'buyer16', '胡一鸣',        @demo_hash, NULL, 'Asia/Shanghai',       'zh-CN', @now - INTERVAL 170 DAY),
  (21, 'buyer', 'buyer17', '朱丽',          @demo_hash, NULL, 'Asia/Shanghai',       'zh-CN', @now - INTERVAL 123 DAY),
  (22, 'buyer', 'buyer18', '高翔',          @demo_hash, NULL, 'America/Los_Angeles', 'zh-CN', @now - INTERVAL 90 DAY),
  (23, 'buyer', 'buyer19', '林佳怡',        @demo_hash, NULL, 'Asia/Shanghai',       'zh-CN', @now - INTERVAL 61 DAY),
  (24, 'buyer', 'buyer20', '何俊',          @demo_hash, NULL, 'Asia/Shanghai',       'zh-CN', @now - INTERVAL 40 DAY);

-- ---------------------------------------------------------------------------------------------
-- Orders: n = 1..200 gives buyer (n-1) mod 20 + 1 and profile (n-1) div 20, n = 201..210 are
-- extra orders of buyer1 with profiles 0..9 again. Shop = n mod 3 + 1. All ages in minutes.
-- total_paid_cents is filled in from the lines below.
-- ---------------------------------------------------------------------------------------------

INSERT INTO orders (id, order_no, shop_id, buyer_id, currency, total_paid_cents,
                    paid_at, shipped_at, delivered_at, ship_carrier, ship_waybill, created_at)
WITH RECURSIVE seq (n) AS (
  SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 210
),
o AS (
  SELECT n,
         IF(n <= 200, (n - 1) MOD 20 + 1, 1) AS b,
         IF(n <= 200, (n - 1) DIV 20, n - 201) AS k,
         n MOD 3 + 1 AS shop,
         60 * (12 + (n * 13) MOD 30) + (n * 17) MOD 60 AS ship_delay,
         60 * (48 + (n * 29) MOD 61) + (n * 23) MOD 60 AS deliver_delay
  FROM seq
),
a AS (
  SELECT o.*,
         CASE
           WHEN k < 2 THEN NULL
           WHEN k = 2 THEN 60 * (6 + (b * 5 + n) MOD 40)
           WHEN k = 3 THEN 60 * (60 + (b * 7 + n) MOD 86)
           WHEN k = 4 THEN 60 * (155 + (b * 11 + n) MOD 26)
           ELSE 60 * (24 * (12 + 6 * (k - 5)) + (b * 13 + n) MOD 60)
         END + (n * 37) MOD 60 AS deliv_ago,
         CASE
           WHEN k <> 1 THEN NULL
           WHEN b MOD 4 = 0 THEN 60 * (200 + (b * 3) MOD 40)
           ELSE 60 * (6 + (b * 11 + n) MOD 54)
         END + (n * 41) MOD 60 AS transit_ago
  FROM o
),
t AS (
  SELECT a.*,
         CASE WHEN k = 0 THEN NULL WHEN k = 1 THEN transit_ago ELSE deliv_ago + deliver_delay END AS ship_ago,
         CASE WHEN k = 0 THEN 60 * (2 + (n * 7) MOD 30) + (n * 43) MOD 60
              WHEN k = 1 THEN transit_ago + ship_delay
              ELSE deliv_ago + deliver_delay + ship_delay END AS paid_ago,
         (n * 7 + b) MOD 5 AS carrier
  FROM a
)
SELECT n,
       CONCAT('TB', DATE_FORMAT(@now - INTERVAL paid_ago MINUTE, '%Y%m%d'),
              LPAD((n * 104729 + 31337) MOD 100000000, 8, '0')),
       shop,
       b + 4,
       'CNY',
       0,
       @now - INTERVAL paid_ago MINUTE,
       IF(ship_ago IS NULL, NULL, @now - INTERVAL ship_ago MINUTE),
       IF(deliv_ago IS NULL, NULL, @now - INTERVAL deliv_ago MINUTE),
       IF(ship_ago IS NULL, NULL, ELT(carrier + 1,
          '顺丰速运 SF Express', '中通快递 ZTO Express', '圆通速递 YTO Express',
          '韵达快递 Yunda Express', '京东物流 JD Logistics')),
       IF(ship_ago IS NULL, NULL, ELT(carrier + 1,
          CONCAT('SF14', LPAD((n * 982451653) MOD 100000000000, 11, '0')),
          CONCAT('7731', LPAD((n * 472882049) MOD 10000000000, 10, '0')),
          CONCAT('YT78', LPAD((n * 179424673) MOD 100000000000, 11, '0')),
          CONCAT('4312', LPAD((n * 373587883) MOD 1000000000, 9, '0')),
          CONCAT('JDVA', LPAD((n * 961748927) MOD 100000000000, 11, '0')))),
       @now - INTERVAL paid_ago MINUTE + INTERVAL 3 MINUTE
FROM t;

-- Order lines: 1-4 per order (about half have one), products from the shop catalogue below,
-- quantities 1-3, every fifth line with a shop coupon of 10 percent (at most 50.00).

INSERT INTO order_lines (order_id, line_no, sku, title, quantity, unit_price_cents, paid_cents)
WITH RECURSIVE ln (line_no) AS (
  SELECT 1 UNION ALL SELECT line_no + 1 FROM ln WHERE line_no < 4
),
catalog (shop_id, idx, sku, title, price, vnames, vcodes) AS (
  VALUES
  (1, 1, 'LA-TEE01',  '纯棉圆领短袖T恤 男女同款 Cotton crew-neck T-shirt', 5900,
      '白色 M,白色 L,黑色 M,黑色 XL', 'WH-M,WH-L,BK-M,BK-XL'),
  (1, 2, 'LA-JEAN02', '高腰直筒牛仔裤 High-waist straight jeans', 19900,
      '浅蓝 26,浅蓝 27,深蓝 28,深蓝 29', 'LB-26,LB-27,DB-28,DB-29'),
  (1, 3, 'LA-DRS03',  '法式碎花连衣裙 French floral midi dress', 25900,
      '碎花 S,碎花 M,碎花 L', 'FL-S,FL-M,FL-L'),
  (1, 4, 'LA-HOOD04', '加绒连帽卫衣 Fleece-lined hoodie', 18900,
      '灰色 M,灰色 L,藏青 L,藏青 XL', 'GY-M,GY-L,NV-L,NV-XL'),
  (1, 5, 'LA-DOWN05', '90白鸭绒轻薄羽绒服 Light down jacket, 90% duck down', 89900,
      '黑色 M,黑色 L,米白 M,雾蓝 L', 'BK-M,BK-L,CR-M,BL-L'),
  (1, 6, 'LA-SNK06',  '透气休闲小白鞋 Breathable white sneakers', 39900,
      '白色 37,白色 38,白色 39,白色 42', 'WH-37,WH-38,WH-39,WH-42'),
  (1, 7, 'LA-SHRT07', '免烫商务长袖衬衫 Non-iron oxford shirt', 15900,
      '白色 39,浅蓝 40,白色 41,浅蓝 42', 'WH-39,LB-40,WH-41,LB-42'),
  (1, 8, 'LA-KNIT08', '羊毛混纺圆领毛衣 Wool-blend crew-neck sweater', 23900,
      '燕麦 M,燕麦 L,酒红 M,墨绿 L', 'OT-M,OT-L,WR-M,GN-L'),
  (1, 9, 'LA-COAT09', '双面羊绒大衣 Double-faced cashmere coat', 129900,
      '驼色 S,驼色 M,黑色 M,黑色 L', 'CA-S,CA-M,BK-M,BK-L'),
  (1, 10, 'LA-SCRF10', '格纹羊毛围巾 Plaid wool scarf', 8900,
      '红格,灰格,驼格', 'RD,GY,CA'),
  (2, 1, 'KD-EB01',   '主动降噪真无线蓝牙耳机 ANC true wireless earbuds', 29900,
      '曜石黑,云母白', 'BK,WH'),
  (2, 2, 'KD-PB02',   '20000mAh 快充移动电源 20000 mAh fast-charge power bank', 12900,
      '黑色,白色', 'BK,WH'),
  (2, 3, 'KD-CHG03',  '65W 氮化镓三口充电器 65 W GaN 3-port charger', 8900,
      '白色', 'WH'),
  (2, 4, 'KD-KB04',   '三模机械键盘 茶轴 Tri-mode mechanical keyboard, brown switches', 39900,
      '87键 白色,87键 黑色,104键 黑色', '87WH,87BK,104BK'),
  (2, 5, 'KD-SW05',   '运动智能手表 血氧心率监测 Sports smartwatch, SpO2 and heart rate', 129900,
      '46mm 曜石黑,42mm 月光银', '46BK,42SV'),
  (2, 6, 'KD-CBL06',  'USB-C 编织数据线 2米 USB-C braided cable, 2 m', 5900,
      '黑色,深空灰', 'BK,GY'),
  (2, 7, 'KD-MS07',   '静音无线鼠标 Silent wireless mouse', 15900,
      '石墨黑,雾霾蓝,樱花粉', 'BK,BL,PK'),
  (2, 8, 'KD-SPK08',  '便携防水蓝牙音箱 Portable waterproof Bluetooth speaker', 49900,
      '黑色,橄榄绿', 'BK,OG'),
  (2, 9, 'KD-SSD09',  '移动固态硬盘 1TB Portable SSD, 1 TB', 59900,
      '1TB 深空灰', '1T'),
  (2, 10, 'KD-HP10',  '头戴式降噪耳机 Over-ear noise-cancelling headphones', 89900,
      '黑色,银色', 'BK,SV'),
  (3, 1, 'BH-BED01',  '全棉四件套 1.8米床 Cotton bedding set, 4 pieces, 1.8 m bed', 39900,
      '雾霾蓝,燕麦色,浅灰', 'BL,OT,GY'),
  (3, 2, 'BH-TWL02',  '长绒棉毛巾 3条装 Long-staple cotton towels, pack of 3', 6900,
      '白色,灰色', 'WH,GY'),
  (3, 3, 'BH-PIL03',  '记忆棉护颈枕 Memory-foam neck pillow', 12900,
      '标准款', 'STD'),
  (3, 4, 'BH-BOX04',  '可折叠布艺收纳箱 3个装 Foldable storage boxes, set of 3', 7900,
      '米白,浅灰', 'CR,GY'),
  (3, 5, 'BH-TBW05',  '釉下彩陶瓷餐具 16件套 Underglaze ceramic tableware, 16 pieces', 25900,
      '青花,素白', 'BW,WH'),
  (3, 6, 'BH-PAN06',  '不粘炒锅 32cm 带锅盖 Non-stick wok with lid, 32 cm', 32900,
      '32cm', '32'),
  (3, 7, 'BH-RC07',   '4L 智能电饭煲 4 L smart rice cooker', 69900,
      '白色', 'WH'),
  (3, 8, 'BH-CUR08',  '全遮光窗帘 一对 Blackout curtains, pair', 21900,
      '米色 宽2米,灰色 宽3米', 'BG-200,GY-300'),
  (3, 9, 'BH-LMP09',  '护眼LED台灯 LED eye-care desk lamp', 18900,
      '白色,原木色', 'WH,WD'),
  (3, 10, 'BH-FLK10', '316不锈钢保温杯 500ml 316 stainless vacuum flask, 500 ml', 9900,
      '月光白,松石绿,曜石黑', 'WH,GN,BK')
),
picked AS (
  SELECT o.id AS order_id, l.line_no, c.sku, c.title, c.price, c.vnames, c.vcodes,
         1 + (o.id + l.line_no * 3) MOD (1 + LENGTH(c.vcodes) - LENGTH(REPLACE(c.vcodes, ',', ''))) AS v,
         CASE
           WHEN c.price <= 15000 AND (o.id + l.line_no * 5) MOD 4 = 0 THEN 2 + o.id MOD 2
           WHEN c.price <= 40000 AND (o.id + l.line_no) MOD 7 = 0 THEN 2
           ELSE 1
         END AS qty,
         (o.id * 3 + l.line_no) MOD 5 = 0 AS coupon
  FROM orders o
  JOIN ln l
    ON l.line_no <= CASE (o.id * 13 + o.id DIV 10) MOD 10
                      WHEN 0 THEN 4 WHEN 1 THEN 3 WHEN 2 THEN 2 WHEN 3 THEN 2 WHEN 4 THEN 2
                      ELSE 1 END
  JOIN catalog c
    ON c.shop_id = o.shop_id AND c.idx = (o.id * 7 + o.id DIV 30 + l.line_no * 3) MOD 10 + 1
)
SELECT order_id, line_no,
       CONCAT(sku, '-', SUBSTRING_INDEX(SUBSTRING_INDEX(vcodes, ',', v), ',', -1)),
       CONCAT(title, ' · ', SUBSTRING_INDEX(SUBSTRING_INDEX(vnames, ',', v), ',', -1)),
       qty, price,
       price * qty - IF(coupon, LEAST((price * qty) DIV 1000 * 100, 5000), 0)
FROM picked
ORDER BY order_id, line_no;

UPDATE orders o
JOIN (SELECT order_id, SUM(paid_cents) AS total FROM order_lines GROUP BY order_id) s
  ON s.order_id = o.id
SET o.total_paid_cents = s.total;

-- ---------------------------------------------------------------------------------------------
-- Return policy, version 1 (published now), following the usual Taobao / Tmall rules
-- ---------------------------------------------------------------------------------------------

INSERT INTO policies (id, version, status, return_window_days, seller_response_hours, buyer_response_hours,
                      buyer_ship_days, seller_receive_days, seller_reship_days, buyer_confirm_days,
                      platform_ruling_days, escalation_days, max_attempts,
                      evidence_max_files, evidence_max_bytes, evidence_types,
                      fast_track_enabled, fast_track_max_cents, fast_track_max_recent_refunds, fast_track_recent_days,
                      text_en, text_zh, created_at, created_by, updated_at, published_at, published_by)
VALUES (1, 1, 'published', 7, 48, 72,
        7, 10, 5, 10,
        3, 7, 3,
        6, 5242880, 'image/jpeg,image/png,image/webp',
        1, 10000, 3, 30,
'Return and refund policy

This policy applies to every order paid on the marketplace. From the order page you can ask for a refund only (仅退款), a return and refund (退货退款) or an exchange (换货). Choose the order lines, the reason and the amount. The amount is filled in for you and is never more than you paid for those lines.

Seven-day no-reason returns (七天无理由): within 7 days after delivery you may return goods for any reason, as long as they are complete, unused, with tags and original packaging. You pay the return shipping. Quality problems, wrong items and items not as described can be reported within 15 days after delivery, damage in transit and missing items within 7 days. In those cases the seller pays the return shipping, and you add at least one photo.

The seller answers within 48 hours. If the seller does not answer in time, your request is approved automatically. After an approval you have 7 days to send the goods to the return address shown on your case and to enter the carrier and waybill number. The seller confirms receipt within 10 days, otherwise receipt is confirmed automatically and the refund is paid. For an exchange the seller ships the replacement within 5 days, otherwise the exchange becomes a refund. You confirm that the replacement arrived within 10 days, otherwise it is confirmed automatically.

If the seller rejects your request or makes you an offer, you have 72 hours to answer: accept it, change your request, or ask the platform to step in (客服介入). The platform rules on a dispute within 3 days. Refunds are paid back to the original payment method.

Fast refund (极速退款): a refund-only request of 100.00 CNY or less for an order that has not been shipped or has not arrived is approved at once, if you had fewer than 3 refunds in the last 30 days.

Each order line can be part of at most 3 requests. Photos: up to 6 files per request, 5 MB each, JPEG, PNG or WebP.',
'退换货与退款规则

本规则适用于在本平台付款的所有订单。您可以在订单页面申请仅退款、退货退款或换货。请选择要处理的商品、退款原因和金额。系统会自动填写可退金额，退款金额不会超过该商品的实付金额。

七天无理由退换货：签收后 7 天内，商品完好、未使用、吊牌和原包装齐全，可无理由退货或换货，退货运费由买家承担。质量问题、发错货、与描述不符可在签收后 15 天内申请，运输破损和少件漏发可在签收后 7 天内申请，以上情况退货运费由卖家承担，申请时请至少上传一张照片作为凭证。

卖家需在 48 小时内处理您的申请，超时未处理的，系统自动同意。同意退货后，请在 7 天内将商品寄回申请页面显示的退货地址，并填写快递公司和运单号。卖家需在 10 天内确认收货，超时系统自动确认收货并退款。换货申请中，卖家需在 5 天内寄出新商品，超时自动转为退款。收到换货商品后请在 10 天内确认，超时系统自动确认。

卖家拒绝申请或提出协商方案后，您需在 72 小时内处理：接受方案、修改申请，或申请平台客服介入。平台将在 3 天内作出处理结果。退款将原路退回您的付款账户。

极速退款：未发货或未收到货的仅退款申请，金额不超过 100.00 元，且近 30 天内退款少于 3 次的，系统立即同意退款。

每件商品最多可申请 3 次售后。凭证图片每次申请最多 6 张，每张不超过 5 MB，支持 JPEG、PNG、WebP 格式。',
        @now - INTERVAL 3 DAY, 1, @now - INTERVAL 1 DAY, @now, 1);

INSERT INTO policy_reasons (policy_id, code, label_en, label_zh, explain_en, explain_zh,
                            allow_refund_only, allow_return_refund, allow_exchange, evidence_required,
                            shipping_payer, window_days, needs_received, needs_not_received, needs_unshipped,
                            fast_track, sort_order) VALUES
  (1, 'no_reason_7d', 'Seven-day no-reason return', '七天无理由退换货',
   'You changed your mind, or the size or colour you picked does not suit you. Within 7 days after delivery, with the goods complete, unused, tags and packaging intact. You pay the return shipping. No photos needed.',
   '签收后 7 天内，商品完好、未使用、吊牌及包装齐全，可无理由退货或换货（如尺码、颜色拍错）。退货运费由买家承担，无需上传凭证。',
   0, 1, 1, 0, 'buyer', NULL, 1, 0, 0, 0, 10),
  (1, 'quality', 'Quality problem', '质量问题',
   'The item is defective, does not work, has flaws in material or workmanship, or breaks in normal use. Report it within 15 days after delivery with photos of the problem. The seller pays the return shipping and may offer a partial refund if you keep the item.',
   '商品存在做工、材质、功能等质量缺陷，或正常使用中出现故障。请在签收后 15 天内申请，并上传能看清问题的照片。退货运费由卖家承担，也可与卖家协商部分退款后保留商品。',
   1, 1, 1, 1, 'seller', 15, 1, 0, 0, 0, 20),
  (1, 'wrong_item', 'Wrong item received', '发错货',
   'You received a different product, size, colour or model than you ordered. Add a photo of the item and its label. The seller pays the shipping both ways.',
   '收到的商品款式、尺码、颜色或型号与订单不符。请上传商品及吊牌、标签的照片。退换货运费由卖家承担。',
   0, 1, 1, 1, 'seller', 15, 1, 0, 0, 0, 30),
  (1, 'damaged', 'Damaged in transit', '运输途中破损',
   'The parcel or the goods arrived broken, crushed or leaking. Photograph the outer box, the packing and the damage, best on the day of delivery. The seller pays the return shipping and settles with the carrier.',
   '包裹或商品在运输途中破损、压坏或漏液。请拍摄外箱、内包装及破损部位的照片，最好在签收当天申请。运费由卖家承担，卖家负责向快递公司索赔。',
   1, 1, 1, 1, 'seller', NULL, 1, 0, 0, 0, 40),
  (1, 'not_as_described', 'Not as described', '与商品描述不符',
   'Size, material, colour, function or specifications clearly differ from the product page. Show the difference with photos or screenshots. The seller pays the return shipping.',
   '商品的尺寸、材质、颜色、功能或参数与商品详情页描述明显不符。请上传照片或截图说明差异。退货运费由卖家承担。',
   1, 1, 0, 1, 'seller', 15, 1, 0, 0, 0, 50),
  (1, 'missing_item', 'Missing item or part', '少件/漏发',
   'The parcel arrived but an item, accessory or gift of the order is missing. Add a photo of the parcel contents. The missing part is refunded, nothing needs to be sent back.',
   '包裹已签收，但缺少订单中的商品、配件或赠品。请上传包裹内物品的照片。缺少的部分直接退款，无需退货。',
   1, 0, 0, 1, 'seller', NULL, 1, 0, 0, 0, 60),
  (1, 'not_received', 'Goods not received', '未收到货',
   'The parcel has not reached you, or tracking shows it lost or sent back. Refund only, no photos needed. Small amounts are refunded at once (fast refund).',
   '包裹未送达，或物流显示丢件、退回。仅退款，无需上传凭证。小额申请可享极速退款。',
   1, 0, 0, 0, 'seller', NULL, 0, 1, 0, 1, 70),
  (1, 'changed_mind_unshipped', 'No longer wanted (not shipped yet)', '不想要了/拍错了（未发货）',
   'You ordered by mistake, ordered too many, or changed your mind before the seller shipped. Refund only, nothing is sent. Small amounts are refunded at once (fast refund).',
   '拍错、多拍或不想要了，且卖家尚未发货。仅退款，商品不再发出。小额申请可享极速退款。',
   1, 0, 0, 0, 'buyer', NULL, 0, 1, 1, 1, 80);
-- From when each reason's window counts (sql/003_buyer.sql).
UPDATE policy_reasons SET window_from = 'undelivered' WHERE code = 'not_received';
UPDATE policy_reasons SET window_from = 'unshipped' WHERE code = 'changed_mind_unshipped';

-- The buyer's side, second round (sql/006_order_facts.sql, issue 8): the variant bought (the
-- title's last part), the variants an exchange may ask for and a picture, for the apparel
-- shop's lines and the earbuds; the promised delivery date of delivered orders (two days after
-- shipping, never after the delivery) and of buyer20's parcels on their way.
UPDATE order_lines l
JOIN (SELECT 'LA-TEE01' AS sku, '白色 M\n白色 L\n黑色 M\n黑色 XL' AS opts, '/static/items/tee.svg' AS pic
      UNION ALL SELECT 'LA-JEAN02', '浅蓝 26\n浅蓝 27\n深蓝 28\n深蓝 29', '/static/items/jeans.svg'
      UNION ALL SELECT 'LA-DRS03', '碎花 S\n碎花 M\n碎花 L', '/static/items/dress.svg'
      UNION ALL SELECT 'LA-HOOD04', '灰色 M\n灰色 L\n藏青 L\n藏青 XL', '/static/items/hoodie.svg'
      UNION ALL SELECT 'LA-DOWN05', '黑色 M\n黑色 L\n米白 M\n雾蓝 L', NULL
      UNION ALL SELECT 'LA-SNK06', '白色 37\n白色 38\n白色 39\n白色 42', '/static/items/sneakers.svg'
      UNION ALL SELECT 'LA-SHRT07', '白色 39\n浅蓝 40\n白色 41\n浅蓝 42', NULL
      UNION ALL SELECT 'LA-KNIT08', '燕麦 M\n燕麦 L\n酒红 M\n墨绿 L', NULL
      UNION ALL SELECT 'LA-COAT09', '驼色 S\n驼色 M\n黑色 M\n黑色 L', NULL
      UNION ALL SELECT 'LA-SCRF10', '红格\n灰格\n驼格', NULL
      UNION ALL SELECT 'KD-EB01', '曜石黑\n云母白', '/static/items/earbuds.svg') v
  ON l.sku LIKE CONCAT(v.sku, '-%')
SET l.variant = SUBSTRING_INDEX(l.title, ' · ', -1),
    l.variant_options = v.opts,
    l.picture_url = v.pic;
UPDATE orders SET expected_delivery_at = shipped_at + INTERVAL 2 DAY
  WHERE delivered_at IS NOT NULL AND shipped_at + INTERVAL 2 DAY <= delivered_at;
UPDATE orders o JOIN users u ON u.id = o.buyer_id
  SET o.expected_delivery_at = o.shipped_at + INTERVAL 3 DAY
  WHERE u.login = 'buyer20' AND o.shipped_at IS NOT NULL AND o.delivered_at IS NULL;
