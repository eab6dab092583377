// seller.mjs: the seller's journey in Debian's Chromium (playwright-core), with the buyers acting in
// their own windows: sign in, filter the queue, open a case, look at the evidence, approve the
// return to the shop's second address, confirm receipt once the buyer has shipped, offer a coupon
// on another case that the buyer accepts, and find both in the statistics and their CSV files.
// Prints TAP; saves screenshots to the folder in argv[3].
// Usage: node seller.mjs BASE_URL WORK_DIR SCREENSHOT_DIR
import { launch, signInAt, clickToLoad, png } from "./desk.mjs";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";

const [base, work, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
let n = 0;
const results = [];
function check(ok, name, detail = "") {
	n++;
	results.push(`${ok ? "ok" : "not ok"} ${n} - ${name}` + (!ok && detail ? `\n# ${String(detail).replace(/\n/g, "\n# ")}` : ""));
}

// The test database, read as root through the mariadb client (to choose orders and check figures).
function sql(q) {
	return execFileSync("mariadb", ["--no-defaults", `--socket=${work}/run/mysqld.sock`, "-u", "root", "-N", "-B",
		"refund_desk", "-e", q], { encoding: "utf8" }).trim();
}

const photo1 = `${work}/stain.png`, photo2 = `${work}/label.png`;
writeFileSync(photo1, png(64, 48, [180, 120, 40]));
writeFileSync(photo2, png(48, 64, [40, 160, 90]));

const browser = await launch();
const signIn = signInAt(base);
// Two delivered Lotus Apparel orders of different buyers with nothing asked about yet: [login, order id].
const picks = sql(`SELECT u.login, o.id FROM orders o JOIN users u ON u.id = o.buyer_id
	WHERE o.shop_id = 1 AND o.delivered_at > UTC_TIMESTAMP() - INTERVAL 6 DAY
	AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.order_id = o.id)
	AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.buyer_id = o.buyer_id AND c.state NOT IN ('refunded', 'exchanged', 'closed'))
	ORDER BY o.delivered_at DESC`).split("\n").map((l) => l.split("\t"));
const first = picks[0], second = picks.find((p) => p[0] !== first[0]);

// A buyer asks for a refund on the first line of an order; returns the case page's URL.
async function request(page, order, type, description) {
	await page.goto(`${base}/buyer/case/new?order=${order}`);
	await page.locator("input[type=checkbox][name^=line_]").first().check();
	await page.check(`input[name=type][value=${type}]`);
	await page.check("input[name=received][value=yes]");
	await page.selectOption("#reason", "quality");
	await page.fill("#description", description);
	await page.setInputFiles("#photos", [photo1, photo2]);
	await Promise.all([page.waitForURL(/\/buyer\/case\/\d+$/), page.click("form.request button[type=submit]")]);
	return page.url();
}

try {
	check(first && second, "two delivered Lotus Apparel orders of two buyers to ask about", JSON.stringify(picks));
	const jsErrors = [];
	const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
	const buyerA = await (await browser.newContext(phone)).newPage();
	const buyerB = await (await browser.newContext(phone)).newPage();
	await signIn(buyerA, "buyer", first[0]);
	const caseA = await request(buyerA, first[1], "return_refund", "A stain on the front that does not wash out.");
	await signIn(buyerB, "buyer", second[0]);
	const caseB = await request(buyerB, second[1], "refund_only", "The colour is not the one in the pictures.");
	const idA = caseA.split("/").pop(), idB = caseB.split("/").pop();
	const rmaA = sql(`SELECT rma_no FROM cases WHERE id = ${idA}`);
	check(/^RMA/.test(rmaA) && sql(`SELECT COUNT(*) FROM cases WHERE id IN (${idA}, ${idB}) AND state = 'requested'`) === "2",
		"two buyers ask Lotus Apparel: a return and a refund", `${caseA} ${caseB}`);

	// The seller signs in on a desktop, adds a second return address.
	const desk = await browser.newContext({ viewport: { width: 1366, height: 900 } });
	const seller = await desk.newPage();
	seller.on("pageerror", (e) => jsErrors.push(String(e)));
	seller.on("console", (m) => { if (m.type() === "error") jsErrors.push(m.text()); });
	await signIn(seller, "seller", "seller1");
	check(await seller.locator("h1", { hasText: "Case queue" }).count() === 1, "the seller signs in to the queue");
	await seller.goto(`${base}/seller/addresses`);
	const add = seller.locator(`form[action$='/addresses']`);
	await add.locator("input[name=label]").fill("Hangzhou returns 杭州退货仓");
	await add.locator("input[name=recipient]").fill("莲花服饰 售后");
	await add.locator("input[name=phone]").fill("0571-8888 0000");
	await add.locator("[name=address]").fill("浙江省杭州市余杭区 仓前街道 8 号");
	await clickToLoad(seller, `form[action$='/addresses'] button[type=submit]`);
	const second_addr = sql("SELECT id FROM shop_addresses WHERE shop_id = 1 AND label = 'Hangzhou returns 杭州退货仓'");
	check(second_addr !== "", "the seller adds a second return address");

	// Filter the queue: by reason, then search the case number.
	await seller.goto(`${base}/seller/cases`);
	await seller.selectOption("select[name=reason]", "quality");
	await clickToLoad(seller, "form.filters button[type=submit]");
	check(seller.url().includes("reason=quality") && await seller.locator(`a[href$='/case/${idA}']`).count() === 1
		&& await seller.locator(`a[href$='/case/${idB}']`).count() === 1, "filtered by reason, both new cases are listed",
		seller.url());
	await seller.fill("input[name=q]", rmaA);
	await clickToLoad(seller, "form.filters button[type=submit]");
	const shown = await seller.locator("a[href*='/seller/case/']").allTextContents();
	check(shown.filter((t) => t.startsWith("RMA")).join() === rmaA, "searching the case number finds that case only",
		shown.join(" "));
	await seller.screenshot({ path: `${shots}/seller-01-queue-filtered.png` });

	// Open the case: the review and the evidence.
	await clickToLoad(seller, `a[href$='/case/${idA}']`);
	check(await seller.locator(".buyer-history .h-cases").count() === 1 && await seller.locator(".order-facts .o-parcel").count() === 1
		&& (await seller.textContent(".policy-rule")).includes("days after delivery"),
		"the case review shows the buyer's history, the order and the reason's rule");
	check(await seller.locator("details.action-primary summary").textContent() === "Approve the return",
		"approving the return is the primary action");
	check(await seller.locator(".gallery img").count() === 2, "the buyer's two photos are in the gallery");
	const naturals = await seller.locator(".gallery img").evaluateAll((imgs) => imgs.map((i) => i.naturalWidth));
	check(naturals.every((w) => w > 0), "their thumbnails load", naturals.join());
	await seller.screenshot({ path: `${shots}/seller-02-case-review.png`, fullPage: true });
	const photoUrl = new URL(await seller.locator(".gallery a").first().getAttribute("href"), base).href;
	const photo = await desk.request.get(photoUrl);
	check(photo.status() === 200 && /^image\//.test(photo.headers()["content-type"] || ""), "the full photo opens",
		`${photo.status()} ${photo.headers()["content-type"]}`);

	// Approve the return to the second address.
	await seller.click("summary:has-text('Approve the return')");
	await seller.selectOption("select[name=address]", second_addr);
	await seller.screenshot({ path: `${shots}/seller-03-approve-second-address.png`, fullPage: true });
	await clickToLoad(seller, "details:has(input[name=event][value=approve_return]) button[type=submit]");
	check(sql(`SELECT CONCAT(state, ' ', return_address_id) FROM cases WHERE id = ${idA}`) === `awaiting_return ${second_addr}`,
		"the return is approved to the second address");

	// The buyer ships the goods back to it; the seller confirms receipt.
	await buyerA.goto(caseA);
	check((await buyerA.textContent("body")).includes("仓前街道 8 号"), "the buyer is sent to the second address");
	await buyerA.click("summary:has-text('I have sent the goods back')");
	await buyerA.fill("input[name=carrier]", "ZTO");
	await buyerA.fill("input[name=waybill]", "ZTO7766554433");
	await clickToLoad(buyerA, "details:has(input[name=event][value=ship_return]) button[type=submit]");
	await seller.goto(`${base}/seller/case/${idA}`);
	check((await seller.textContent(".timeline")).includes("ZTO7766554433"), "the seller sees the waybill");
	await seller.click("summary:has-text('Confirm the goods arrived')");
	const cond = seller.locator("details:has(input[name=event][value=confirm_receipt]) textarea[name=note]");
	if (await cond.count() > 0)
		await cond.fill("Arrived complete, stain as described.");
	await clickToLoad(seller, "details:has(input[name=event][value=confirm_receipt]) button[type=submit]");
	check(sql(`SELECT state FROM cases WHERE id = ${idA}`) === "refunded", "receipt confirmed: the return is refunded");
	await seller.screenshot({ path: `${shots}/seller-04-received-refunded.png`, fullPage: true });

	// Offer a partial refund and a coupon on the other case; the buyer accepts.
	await seller.goto(`${base}/seller/case/${idB}`);
	await seller.click("summary:has-text('Offer a partial refund')");
	const offer = seller.locator("details:has(input[name=event][value=offer])");
	const asked = Number(sql(`SELECT requested_cents FROM cases WHERE id = ${idB}`));
	await offer.locator("input[name=amount]").fill((Math.max(1, Math.floor(asked / 200))).toFixed(2));
	await offer.locator("select[name=comp_kind]").selectOption("coupon");
	await offer.locator("input[name=comp_value]").fill("15");
	await offer.locator("input[name=comp_code]").fill("LOTUS15");
	await offer.locator("input[name=comp_expires]").fill("2031-06-30");
	await seller.screenshot({ path: `${shots}/seller-05-coupon-offer.png`, fullPage: true });
	await clickToLoad(seller, "details:has(input[name=event][value=offer]) button[type=submit]");
	check(sql(`SELECT state FROM cases WHERE id = ${idB}`) === "offered", "the seller offers a partial refund and a coupon");
	await buyerB.goto(caseB);
	check((await buyerB.textContent("body")).includes("LOTUS15"), "the buyer sees the coupon offered");
	await buyerB.click("summary:has-text('Accept the offer')");
	await clickToLoad(buyerB, "details:has(input[name=event][value=accept_offer]) button[type=submit]");
	await buyerB.screenshot({ path: `${shots}/seller-06-buyer-accepted.png`, fullPage: true });
	check(sql(`SELECT o.status FROM compensations k JOIN offers o ON o.id = k.offer_id WHERE k.case_id = ${idB}`) === "accepted",
		"the buyer accepts: the coupon is recorded as accepted");

	// Both in the statistics and their CSV: the worker's figures per shop and day (sql/015), as of
	// its last pass; no worker runs here, so one pass by hand (deskctl sweep), as deskd would.
	execFileSync(`${process.env.DESK_BUILDDIR || "."}/tools/deskctl`, ["sweep"]);
	await seller.goto(`${base}/seller/stats`);
	const coupon = sql(`SELECT COUNT(*), SUM(o.status = 'accepted'), SUM(IF(o.status = 'accepted', k.value_cents, 0))
		FROM compensations k JOIN offers o ON o.id = k.offer_id JOIN cases c ON c.id = k.case_id
		WHERE c.shop_id = 1 AND k.kind = 'coupon' AND c.created_at >= UTC_DATE() - INTERVAL 29 DAY`).split("\t");
	const row = (await seller.locator("tr[data-kind=coupon] td").allTextContents()).map((t) => t.trim());
	check(row.length === 4 && row[1] === coupon[0] && row[2] === coupon[1] && Number(coupon[1]) >= 1,
		"the statistics count the accepted coupon", `${row} ${coupon}`);
	const refunded = sql(`SELECT COUNT(*) FROM cases WHERE shop_id = 1 AND state = 'refunded'
		AND created_at >= UTC_DATE() - INTERVAL 29 DAY AND reason_code = 'quality'`);
	const qrow = (await seller.locator("tr[data-reason=quality] td").allTextContents()).map((t) => t.trim());
	check(qrow[2] === refunded && Number(refunded) >= 2, "the quality reason counts both refunds (the return and the settlement)",
		`${qrow} ${refunded}`);
	check(await seller.locator("svg.chart-time rect").count() > 0 && await seller.locator("svg.chart rect").count() > 0,
		"the charts over time and by reason are drawn");
	await seller.screenshot({ path: `${shots}/seller-07-statistics.png`, fullPage: true });
	const csvHref = await seller.locator("a[href*='stats/csv?table=comps']").getAttribute("href");
	const csv = await desk.request.get(new URL(csvHref, base).href);
	const body = await csv.body();
	const lines = body.toString("utf8").replace(/^\uFEFF/, "").split("\r\n");
	check(body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf, "the CSV starts with a byte order mark");
	check(lines.includes(`"coupon",${coupon[0]},${coupon[1]},${coupon[2]}`), "the coupon is in the compensation CSV",
		lines.join(" | "));
	const rcsv = await desk.request.get(new URL(
		(await seller.locator("a[href*='stats/csv?table=reasons']").getAttribute("href")), base).href);
	const rlines = (await rcsv.text()).replace(/^\uFEFF/, "").split("\r\n");
	check(rlines.some((l) => l.startsWith('"quality",') && l.split(",").at(-2) === refunded),
		"and both refunds are in the reasons CSV", rlines.join(" | "));
	check(jsErrors.length === 0, "no JavaScript or CSP errors on the seller's pages", jsErrors.join("\n"));
} catch (e) {
	check(false, "the journey ran to the end", e.stack);
} finally {
	await browser.close();
}
console.log(`1..${n}`);
console.log(results.join("\n"));
process.exit(0);
