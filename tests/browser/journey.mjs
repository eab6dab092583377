// journey.mjs: a buyer's return journey in Debian's Chromium (playwright-core), with a seller
// acting in a second window. Prints TAP; saves screenshots to the folder in argv[3].
// Usage: node journey.mjs BASE_URL WORK_DIR SCREENSHOT_DIR
import { launch, signInAt, clickToLoad, png } from "./desk.mjs";
import { mkdirSync, writeFileSync } from "node:fs";

const [base, work, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
let n = 0, failed = 0;
const results = [];
function check(ok, name, detail = "") {
	n++;
	if (!ok) failed++;
	results.push(`${ok ? "ok" : "not ok"} ${n} - ${name}` + (!ok && detail ? `\n# ${String(detail).replace(/\n/g, "\n# ")}` : ""));
}


const photo1 = `${work}/scratch-on-case.png`, photo2 = `${work}/broken-zip.png`;
writeFileSync(photo1, png(64, 48, [200, 40, 40]));
writeFileSync(photo2, png(48, 64, [40, 40, 200]));

const browser = await launch();
const signIn = signInAt(base);
try {
	const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
	const buyer = await phone.newPage();
	const jsErrors = [];
	buyer.on("pageerror", (e) => jsErrors.push(String(e)));
	buyer.on("console", (m) => { if (m.type() === "error") jsErrors.push(m.text()); });

	await signIn(buyer, "buyer", "buyer1");
	check(await buyer.locator("h1", { hasText: "My orders" }).count() === 1, "the buyer signs in and sees their orders");
	await buyer.screenshot({ path: `${shots}/01-orders-phone.png`, fullPage: false });
	const width = await buyer.evaluate(() => document.documentElement.scrollWidth);
	check(width <= 375, "the orders page fits a 375-px screen without sideways scrolling", `scrollWidth ${width}`);

	// The newest delivered order with something to request.
	const links = await buyer.$$eval("article.order", (arts) => arts
		.filter((a) => a.querySelector(".badge-delivered"))
		.map((a) => a.querySelector("a[href*='case/new']").getAttribute("href")));
	let opened = false;
	for (const href of links) {
		await buyer.goto(new URL(href, base).href);
		if (await buyer.locator("input[type=checkbox][name^=line_]").count() > 0) { opened = true; break; }
	}
	check(opened, "a delivered order offers the request form");
	await buyer.locator("input[type=checkbox][name^=line_]").first().check();
	await buyer.check("input[name=type][value=return_refund]");
	await buyer.check("input[name=received][value=yes]");
	await buyer.selectOption("#reason", "quality");
	await buyer.fill("#description", "The zip broke on the first day and the seam is torn.");
	await buyer.setInputFiles("#photos", [photo1, photo2]);
	await buyer.waitForSelector("#photo-previews img");
	check(await buyer.locator("#photo-previews img").count() === 2, "the two photos are previewed before sending");
	await buyer.screenshot({ path: `${shots}/02-request-form-phone.png`, fullPage: true });
	await Promise.all([buyer.waitForURL(/\/buyer\/case\/\d+$/), buyer.click("button:has-text('Send the request')")]);
	const caseUrl = buyer.url();
	check(await buyer.locator(".badge", { hasText: "Waiting for the seller to answer" }).count() === 1, "the case page shows it waits for the seller");
	await buyer.waitForSelector(".countdown");
	const countdown = await buyer.locator(".countdown").first().textContent();
	check(/left\)$/.test(countdown), "a live countdown shows the time left", countdown);
	check(await buyer.locator(".gallery img").count() === 2, "both photos are in the case's gallery");
	const thumb = await buyer.locator(".gallery img").first().evaluate((img) => img.naturalWidth);
	check(thumb > 0, "the thumbnails load", `naturalWidth ${thumb}`);
	await buyer.screenshot({ path: `${shots}/03-case-waiting-phone.png`, fullPage: true });

	// The seller approves the return in a desktop window.
	const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const seller = await desk.newPage();
	let sellerLogin = null;
	const caseId = caseUrl.split("/").pop();
	for (const login of ["seller1", "seller2", "seller3"]) {
		await desk.clearCookies();
		await signIn(seller, "seller", login);
		if (await seller.locator(`a[href$='/case/${caseId}']`).count() > 0) { sellerLogin = login; break; }
	}
	check(sellerLogin !== null, "the case is in its seller's queue");
	await seller.screenshot({ path: `${shots}/04-seller-queue.png` });
	await seller.click(`a[href$='/case/${caseId}']`);
	await seller.click("summary:has-text('Approve the return')");
	await clickToLoad(seller, "button:has-text('Approve the return')");
	check(await seller.locator(".flash", { hasText: "Done" }).count() === 1, "the seller approves the return");

	// The buyer ships the goods back.
	await buyer.goto(caseUrl);
	check(await buyer.locator("dt", { hasText: "Send the goods to" }).count() === 1, "the buyer sees the return address");
	await buyer.click("summary:has-text('I have sent the goods back')");
	await buyer.fill("input[name=carrier]", "SF Express");
	await buyer.fill("input[name=waybill]", "SF1234567890123");
	await buyer.screenshot({ path: `${shots}/05-waybill-phone.png`, fullPage: true });
	await clickToLoad(buyer, "button:has-text('I have sent the goods back')");
	check(await buyer.locator(".badge", { hasText: "Goods on their way back" }).count() === 1, "the waybill is recorded");

	// The seller confirms receipt: the refund is paid.
	await seller.reload();
	await seller.click("summary:has-text('Confirm the goods arrived')");
	await clickToLoad(seller, "button:has-text('Confirm the goods arrived')");
	await buyer.goto(caseUrl);
	check(await buyer.locator(".badge", { hasText: "Refunded" }).count() === 1, "the buyer sees the refund");
	const timeline = await buyer.locator(".timeline li").allTextContents();
	check(timeline.some((t) => t.includes("Refund paid")) && timeline.some((t) => t.includes("SF1234567890123")),
		"the timeline tells the whole story", timeline.join(" | "));
	await buyer.screenshot({ path: `${shots}/06-refunded-phone.png`, fullPage: true });
	check(jsErrors.length === 0, "no JavaScript or CSP errors in the console", jsErrors.join("\n"));

	// The same desk in Chinese, on a phone: chosen by the browser's language.
	const zh = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: "zh-CN", isMobile: true });
	const cn = await zh.newPage();
	await signIn(cn, "buyer", "buyer2");
	check(await cn.getAttribute("html", "lang") === "zh-CN" && (await cn.textContent("h1")).includes("订单"),
		"a Chinese browser gets the orders page in Chinese");
	check(await cn.evaluate(() => document.documentElement.scrollWidth) <= 375, "the Chinese orders page fits 375 px");
	await cn.screenshot({ path: `${shots}/07-orders-zh-phone.png` });
	await cn.goto(caseUrl.replace(/\/case\/\d+$/, "/policy"));
	await cn.screenshot({ path: `${shots}/08-policy-zh-phone.png`, fullPage: true });
	await cn.goto(`${base}/buyer/`);
	const link = await cn.$("article.order a[href*='case/new']");
	await clickToLoad(cn, link);
	check(await cn.evaluate(() => document.documentElement.scrollWidth) <= 375, "the Chinese request form fits 375 px");
	const boxes = cn.locator("input[type=checkbox][name^=line_]");
	if (await boxes.count() > 0) {
		await boxes.first().check();
		check(/^\d+\.\d\d$/.test(await cn.inputValue("#amount")), "choosing an item fills in what it is worth",
			await cn.inputValue("#amount"));
	}
	await cn.screenshot({ path: `${shots}/09-request-form-zh-phone.png`, fullPage: true });

	// From a line of the orders page: the form opens with that line and its worth; two errors
	// are fixed in one go without choosing the photo again.
	await cn.goto(`${base}/buyer/`);
	const lineLinks = await cn.$$eval("a[href*='case/new'][href*='line=']", (as) => as.map((a) => a.getAttribute("href")));
	check(lineLinks.length > 0 && (await cn.locator("small.until").first().textContent()).includes("可申请"),
		"each line says in Chinese what can be asked and until when", String(lineLinks.length));
	let needsPhotos = null;
	for (const href of lineLinks) {
		await cn.goto(new URL(href, base).href);
		const codes = await cn.$$eval("#reason option[data-photos='1']", (os) => os.map((o) => o.value));
		if (codes.length > 0) { needsPhotos = codes[0]; break; }
	}
	check(needsPhotos !== null, "a line's link opens a form offering a reason that needs photos");
	const worth = await cn.inputValue("#amount");
	check(/^\d+\.\d\d$/.test(worth), "the line's link fills in the amount it is worth", worth);
	await cn.fill("#amount", "999999");
	await cn.setInputFiles("#photos", [photo1]);
	await clickToLoad(cn, "form.request button[type=submit]");
	check(await cn.locator("#reason-error").count() === 1 && await cn.locator("#amount-error").count() === 1,
		"a missing reason and a too large amount are shown together, each next to its field");
	check(await cn.inputValue("#amount") === "999999", "the amount typed is kept");
	check(await cn.locator("input[name^=keep_]:checked").count() === 1, "the chosen photo is kept for the retry");
	await cn.screenshot({ path: `${shots}/10-request-errors-zh-phone.png`, fullPage: true });
	await cn.selectOption("#reason", needsPhotos);
	await cn.check("input[name=received][value=yes]");
	await cn.check("input[name=type][value=refund_only]");
	await cn.fill("#amount", worth);
	await Promise.all([cn.waitForURL(/\/buyer\/case\/\d+$/), cn.click("form.request button[type=submit]")]);
	check(await cn.locator(".gallery img").count() === 1, "fixed in one go: the case is opened with the kept photo");
	const steps = await cn.locator("ol.steps li").allTextContents();
	const current = await cn.locator("ol.steps li[aria-current=step]").textContent();
	check(steps.length === 3 && steps[0].trim() === "已申请" && current.trim() === "已同意",
		"the case's step bar, in Chinese, shows it requested and waiting for approval", steps.join(" | "));
	await cn.screenshot({ path: `${shots}/11-case-zh-phone.png`, fullPage: true });
	await cn.screenshot({ path: `${shots}/09-request-form-zh-phone.png`, fullPage: true });
	await clickToLoad(cn, "a[lang=en]");
	check(await cn.getAttribute("html", "lang") === "en", "the footer switch turns the pages to English");
} catch (e) {
	check(false, "the journey ran to the end", e.stack);
} finally {
	await browser.close();
}
console.log(`1..${n}`);
console.log(results.join("\n"));
process.exit(0);
