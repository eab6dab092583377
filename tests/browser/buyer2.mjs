// buyer2.mjs: a Chinese buyer on a phone asks for an exchange from a line of the orders page
// (the item's picture shown, the amount filled), fixes two errors in one go without choosing
// the photo again, and follows the case through its step bar to the end while a seller acts in
// a desktop window; the next step is always the one primary button. Prints TAP; screenshots
// into argv[4]. Usage: node buyer2.mjs BASE_URL WORK_DIR SCREENSHOT_DIR ORDER_ID LINE_ID
import { launch, signInAt, clickToLoad, png } from "./desk.mjs";
import { mkdirSync, writeFileSync } from "node:fs";

const [base, work, shots, orderId, lineId] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
let n = 0;
const results = [];
function check(ok, name, detail = "") {
	n++;
	results.push(`${ok ? "ok" : "not ok"} ${n} - ${name}` + (!ok && detail ? `\n# ${String(detail).replace(/\n/g, "\n# ")}` : ""));
}

const photo = `${work}/torn-seam.png`;
writeFileSync(photo, png(64, 48, [180, 60, 60]));

const browser = await launch();
const signIn = signInAt(base);
// Opens the action form of event on a case page and sends it, after fill(page).
async function act(page, event, fill = async () => {}) {
	const form = page.locator(`details:has(input[name=event][value=${event}])`);
	if (!(await form.getAttribute("open") !== null)) await form.locator("summary").click();
	await fill(form);
	await clickToLoad(page, form.locator("button[type=submit]"));
}
// The step bar: its steps' classes, and the index of the current one (-1: none).
async function steps(page) {
	const keys = await page.$$eval("ol.steps li", (ls) => ls.map((l) => l.className.replace("step step-", "")));
	return { keys, current: keys.indexOf("current"), text: (await page.locator("ol.steps").textContent()).trim() };
}
// The actions drawn as the one primary button: their events.
async function primary(page) {
	return page.$$eval("details.action-next", (ds) => ds.map((d) =>
		`${d.querySelector("input[name=event]").value}` +
		`:${d.querySelector("button[type=submit]").className}`));
}

try {
	const zh = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true,
		hasTouch: true, locale: "zh-CN" });
	const cn = await zh.newPage();
	const jsErrors = [];
	cn.on("pageerror", (e) => jsErrors.push(String(e)));
	// A refused form answers 422 on purpose; Chromium logs that status too.
	cn.on("console", (m) => { if (m.type() === "error" && !/status of 422/.test(m.text())) jsErrors.push(m.text()); });
	await signIn(cn, "buyer", "buyer9");

	// The orders page: the line with its picture, and a link to ask about it.
	const link = cn.locator(`a[href*='case/new?order=${orderId}&line=${lineId}']`);
	check(await link.count() === 1, "the line of a delivered order links to a request");
	const row = cn.locator("tr", { has: link });
	const pic = row.locator("img.item-picture");
	check(await pic.count() === 1 && (await pic.getAttribute("alt")).length > 0
		&& await pic.evaluate((i) => i.complete && i.naturalWidth > 0),
		"the line shows the item's picture, with its title as alt text");
	await cn.screenshot({ path: `${shots}/b2-01-orders-zh-phone.png`, fullPage: false });
	await clickToLoad(cn, link);

	// The form opens with that line chosen and the amount it is worth filled in.
	const box = cn.locator(`input[type=checkbox][name=line_${lineId}]`);
	check(await box.isChecked(), "the form opens with the line chosen");
	const worth = await cn.$eval(`select[name=qty_${lineId}] option:checked`, (o) => o.dataset.worth);
	const amount = await cn.inputValue("#amount");
	check(/^\d+\.\d\d$/.test(amount) && Math.round(Number(amount) * 100) === Number(worth),
		"the amount is filled with what the line is worth", `${amount} vs ${worth}`);
	check(await cn.locator("label img.item-picture").count() >= 1, "the form shows the item's picture");

	// An exchange with a photo but without a reason or a variant: both errors at once.
	await cn.check("input[name=type][value=exchange]");
	await cn.check("input[name=received][value=yes]");
	await cn.setInputFiles("#photos", [photo]);
	await clickToLoad(cn, "form.request button[type=submit]");
	check(await cn.locator("#reason-error").count() === 1 && await cn.locator("#variant-error").count() === 1
		&& await cn.getAttribute("#variant", "aria-describedby") === "variant-error",
		"a missing reason and a missing variant are shown together, each next to its field");
	check(await cn.locator("input[name^=keep_]:checked").count() === 1, "the chosen photo is kept for the retry");
	const errText = await cn.locator(".form-error").textContent();
	check(!/[A-Za-z]{3,}/.test(errText), "the errors are in Chinese", errText);
	await cn.screenshot({ path: `${shots}/b2-02-two-errors-zh-phone.png`, fullPage: true });

	// Both fixed in one go, without choosing the photo again.
	await cn.selectOption("#reason", "quality");
	const wanted = await cn.$$eval("#variant option", (os) => os.map((o) => o.value).filter((v) => v !== ""));
	await cn.selectOption("#variant", wanted[wanted.length - 1]);
	await Promise.all([cn.waitForURL(/\/buyer\/case\/\d+$/), cn.click("form.request button[type=submit]")]);
	const caseUrl = cn.url(), caseId = caseUrl.split("/").pop();
	check(await cn.locator(".gallery img").count() === 1, "fixed in one go: the case opens with the kept photo");
	check((await cn.locator("dd.wanted").textContent()).trim() === wanted[wanted.length - 1],
		"the case names the variant wanted");
	check(await cn.locator("td img.item-picture").count() === 1, "the case page shows the item's picture");
	let s = await steps(cn);
	check(s.keys.length === 5 && s.current === 1 && !/[A-Za-z]/.test(s.text),
		"the step bar shows the exchange's five steps in Chinese, waiting for approval", JSON.stringify(s));
	check(await cn.evaluate(() => document.documentElement.scrollWidth) <= 375, "the case page fits 375 px");
	await cn.screenshot({ path: `${shots}/b2-03-case-requested-zh-phone.png`, fullPage: true });

	// The seller approves the return in a desktop window.
	const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const seller = await desk.newPage();
	let found = false;
	for (const login of ["seller1", "seller2", "seller3"]) {
		await desk.clearCookies();
		await signIn(seller, "seller", login);
		await seller.goto(`${base}/seller/case/${caseId}`);
		if (await seller.locator("input[name=event][value=approve_return]").count() > 0) { found = true; break; }
	}
	check(found, "the case's seller can approve the return");
	check((await seller.locator("dd.wanted").textContent()).trim() === wanted[wanted.length - 1],
		"the seller sees the variant wanted");
	await act(seller, "approve_return");

	// The buyer's next step is to ship the goods back: the one primary button.
	await cn.goto(caseUrl);
	s = await steps(cn);
	check(s.current === 2 && s.keys.slice(0, 2).every((k) => k === "done"), "approved: the step bar moves on",
		JSON.stringify(s));
	check(JSON.stringify(await primary(cn)) === JSON.stringify(["ship_return:button primary"]),
		"sending the goods back is the one primary button", JSON.stringify(await primary(cn)));
	await cn.screenshot({ path: `${shots}/b2-04-ship-back-zh-phone.png`, fullPage: true });
	await act(cn, "ship_return", async (f) => {
		await f.locator("input[name=carrier]").fill("顺丰速运");
		await f.locator("input[name=waybill]").fill("SF1400000099");
	});
	s = await steps(cn);
	check(s.current === 2 && (await primary(cn)).length === 0, "the goods are on their way: nothing is asked of the buyer",
		JSON.stringify(s));

	// The seller confirms the goods and ships the replacement.
	await seller.goto(`${base}/seller/case/${caseId}`);
	await act(seller, "confirm_receipt");
	await act(seller, "ship_replacement", async (f) => {
		await f.locator("input[name=carrier]").fill("SF Express");
		await f.locator("input[name=waybill]").fill("SF1400000100");
	});
	await cn.goto(caseUrl);
	s = await steps(cn);
	check(s.current === 4, "the replacement is sent: the last step is current", JSON.stringify(s));
	check(JSON.stringify(await primary(cn)) === JSON.stringify(["confirm_exchange:button primary"]),
		"confirming the replacement is the one primary button", JSON.stringify(await primary(cn)));
	await cn.screenshot({ path: `${shots}/b2-05-replacement-zh-phone.png`, fullPage: true });
	await act(cn, "confirm_exchange");
	s = await steps(cn);
	check(s.keys.length === 5 && s.keys.every((k) => k === "done"), "exchanged: every step is done", JSON.stringify(s));
	const times = await cn.locator(".timeline time").allTextContents();
	check(times.length > 0 && times.every((t) => /\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d UTC/.test(t)),
		"the timeline's times carry their zone", times.join(" | "));
	await cn.screenshot({ path: `${shots}/b2-06-exchanged-zh-phone.png`, fullPage: true });
	check(jsErrors.length === 0, "no JavaScript or CSP errors in the console", jsErrors.join("\n"));
} catch (e) {
	check(false, "the journey ran to the end", e.stack);
} finally {
	await browser.close();
}
console.log(`1..${n}`);
console.log(results.join("\n"));
process.exit(0);
