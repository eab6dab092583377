// talk.mjs: the conversation in Debian's Chromium (playwright-core): the seller's queue with select-all
// and keyboard shortcuts (j/k, o, then a and r on the case page, which open and focus a form but never
// send it), a message that marks the case unread for the buyer (list row and header count) and the case
// page that, once seen, marks it read by a POST of its own. Prints TAP; screenshots to the folder in argv[3].
// Usage: node talk.mjs BASE_URL WORK_DIR SCREENSHOT_DIR
import { launch, signInAt, clickToLoad } from "./desk.mjs";
import { mkdirSync } from "node:fs";

const [base, , shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
let n = 0;
const results = [];
function check(ok, name, detail = "") {
	n++;
	results.push(`${ok ? "ok" : "not ok"} ${n} - ${name}` + (!ok && detail ? `\n# ${String(detail).replace(/\n/g, "\n# ")}` : ""));
}

const browser = await launch();
const signIn = signInAt(base);
async function headerCount(page) {
	const el = await page.$(".unread-count:not([hidden]) .unread-dot");
	return el ? parseInt(await el.textContent(), 10) : 0;
}
try {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
	const seller = await ctx.newPage();
	const jsErrors = [];
	seller.on("pageerror", (e) => jsErrors.push(String(e)));
	const posts = [];
	seller.on("request", (r) => { if (r.method() === "POST") posts.push(r.url()); });
	await signIn(seller, "seller", "seller3");
	await seller.goto(`${base}/seller/cases?tab=open`);

	// Select-all: one box in the table's head chooses every case the page can approve.
	const boxes = await seller.$$("form.bulk input[name=case]");
	check(boxes.length > 0 && await seller.isVisible("form.bulk thead input.select-all"),
		"the queue has a select-all box over its bulk check boxes", String(boxes.length));
	await seller.check("form.bulk thead input.select-all");
	let checked = await seller.$$eval("form.bulk input[name=case]", (l) => l.filter((b) => b.checked).length);
	check(checked === boxes.length, "select-all chooses every case of the page", `${checked}/${boxes.length}`);
	await seller.uncheck("form.bulk thead input.select-all");
	checked = await seller.$$eval("form.bulk input[name=case]", (l) => l.filter((b) => b.checked).length);
	check(checked === 0, "and clears them again", String(checked));
	await seller.screenshot({ path: `${shots}/talk-01-queue.png`, fullPage: true });

	// j/k move through the rows, o opens the current one.
	await seller.click("h1");
	await seller.keyboard.press("j");
	await seller.keyboard.press("j");
	await seller.keyboard.press("k");
	const current = await seller.$$eval("table.queue.dense tbody tr", (rows) =>
		rows.findIndex((r) => r.classList.contains("kbd-current")));
	check(current === 0, "j, j, k leaves the first row current", String(current));
	const rows = await seller.$$eval("table.queue.dense tbody tr a[href*='case/']", (l) => l.map((a) => a.getAttribute("href")));
	const requested = await seller.$$eval("table.queue.dense tbody tr", (l) =>
		l.findIndex((r) => r.querySelector(".state-requested")));
	check(requested >= 0, "the queue has a request waiting for the seller", String(requested));
	for (let i = 0; i < requested; i++)
		await seller.keyboard.press("j");
	await Promise.all([seller.waitForNavigation(), seller.keyboard.press("o")]);
	check(seller.url().endsWith(rows[requested]), "o opens the current row's case", seller.url());

	// The case page was unread: seeing it sends the page's own "Mark as read" form.
	const caseUrl = seller.url();
	await seller.waitForFunction(() => {
		const f = document.querySelector("form[data-seen]");
		return !f || f.hidden;
	}, null, { timeout: 10000 }).catch(() => {});
	check(posts.some((u) => u.endsWith("/seen")), "the case page, once shown, posts 'seen' by itself", posts.join(" "));
	await seller.reload();
	check(await seller.$("form[data-seen]") === null, "after a reload the case is no longer marked new");

	// a: the approval form opens with the focus in it; nothing is sent.
	const before = posts.length;
	await seller.click("h1");
	await seller.keyboard.press("a");
	const approve = await seller.evaluate(() => {
		const d = document.activeElement && document.activeElement.closest("details");
		return d && d.open ? d.querySelector("input[name=event]").value : null;
	});
	check(approve === "approve_refund" || approve === "approve_return",
		"a opens the approval form and puts the focus in it", String(approve));
	await seller.screenshot({ path: `${shots}/talk-02-approve-focused.png`, fullPage: true });
	// Enter on the focused decision asks first; declined, nothing is sent.
	const dialogs = [];
	seller.once("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
	await seller.keyboard.press("Enter");
	check(dialogs.length === 1 && dialogs[0].includes("?"),
		"Enter on the approval a opened asks for a confirmation first", dialogs.join(" "));
	await seller.click("h1");
	await seller.keyboard.press("r");
	const refuse = await seller.evaluate(() => {
		const d = document.activeElement && document.activeElement.closest("details");
		return d && d.open ? [d.querySelector("input[name=event]").value, document.activeElement.name] : null;
	});
	check(refuse && refuse[0] === "reject" && refuse[1] === "refusal",
		"r opens the refusal form with the focus on its reason", JSON.stringify(refuse));
	await seller.reload();
	check(posts.length === before && seller.url() === caseUrl && await seller.$(".state-requested") !== null,
		"neither key nor the declined Enter sent a decision: the case still waits for the seller",
		`${posts.slice(before).join(" ")} ${seller.url()}`);

	// A message to the buyer: the buyer's list marks the case, the header counts it.
	const message = "form:has(input[name=event][value=message])";
	await seller.reload();
	await seller.click(`details:has(${message}) summary`);
	await seller.fill(`${message} textarea[name=note]`, "Could you send a photo of the label?");
	await clickToLoad(seller, `${message} button[type=submit]`);
	check(await seller.$(".state-requested, .state .badge") !== null &&
		(await seller.textContent("body")).includes("Could you send a photo of the label?"),
		"the seller's message is on the case's timeline");
	const caseId = caseUrl.match(/case\/(\d+)/)[1];

	// n: the next case of the queue last seen.
	await seller.click("h1");
	await Promise.all([seller.waitForNavigation(), seller.keyboard.press("n")]);
	check(seller.url().endsWith(rows[requested + 1] || "none"), "n goes to the next case of the queue", seller.url());

	const buyerCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
	const buyer = await buyerCtx.newPage();
	buyer.on("pageerror", (e) => jsErrors.push(String(e)));
	const login = await (async () => {
		for (let i = 1; i <= 20; i++) {
			await signIn(buyer, "buyer", `buyer${i}`);
			await buyer.goto(`${base}/buyer/cases`);
			if (await buyer.$(`a[href="/buyer/case/${caseId}"]`))
				return `buyer${i}`;
			await buyerCtx.clearCookies();
		}
		return null;
	})();
	check(login !== null, "the case's buyer is found", caseId);
	const marked = await buyer.$(`a[href="/buyer/case/${caseId}"] + b.unread-dot`);
	const markText = marked ? await marked.textContent() : "";
	const count = await headerCount(buyer);
	check(marked !== null && markText === "new message" && count >= 1,
		"the buyer's list marks the case (a new message) and the header counts it", `${markText} ${count}`);
	await buyer.screenshot({ path: `${shots}/talk-03-buyer-unread.png`, fullPage: true });
	await clickToLoad(buyer, `a[href="/buyer/case/${caseId}"]`);
	await buyer.waitForFunction(() => {
		const f = document.querySelector("form[data-seen]");
		return !f || f.hidden;
	}, null, { timeout: 10000 }).catch(() => {});
	check(await headerCount(buyer) === count - 1, "once the case is seen the header count drops at once",
		String(await headerCount(buyer)));
	await buyer.goto(`${base}/buyer/cases`);
	check(await buyer.$(`a[href="/buyer/case/${caseId}"] + b.unread-dot`) === null,
		"and the list no longer marks the case");
	await buyer.screenshot({ path: `${shots}/talk-04-buyer-read.png`, fullPage: true });
	check(jsErrors.length === 0, "no script errors", jsErrors.join("; "));
} catch (e) {
	check(false, "the journey runs to its end", e.stack || String(e));
} finally {
	await browser.close();
}
console.log(`1..${n}`);
for (const line of results)
	console.log(line);
