// admin.mjs: the platform's journey in Debian's Chromium (playwright-core): edit the policy with
// mistakes, fix them, preview, publish, see the buyers' page change, rule on an escalated case and
// find it in the analytics. Prints TAP; saves screenshots to the folder in argv[3].
// Usage: node admin.mjs BASE_URL WORK_DIR SCREENSHOT_DIR
import { launch, signInAt, clickToLoad } from "./desk.mjs";
import { mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";

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
try {
	const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const admin = await desk.newPage();
	const jsErrors = [];
	admin.on("pageerror", (e) => jsErrors.push(String(e)));
	admin.on("dialog", (d) => d.accept());
	await signIn(admin, "admin", "admin");
	await clickToLoad(admin, "nav >> text=Edit policy");
	check(await admin.isVisible("#f-seller_response_hours"), "the menu leads to the policy editor");

	// Mistakes: a deadline of 0 hours and a reason without its English label.
	const label = await admin.inputValue("#f-r0_label_en");
	await admin.fill("#f-seller_response_hours", "0");
	await admin.fill("#f-r0_label_en", "");
	await clickToLoad(admin, "form.policy-edit button[type=submit]");
	check(await admin.getAttribute("#f-seller_response_hours", "aria-invalid") === "true"
		&& await admin.inputValue("#f-seller_response_hours") === "0"
		&& (await admin.textContent("#seller_response_hours-error")).includes("from 1 to 8760")
		&& (await admin.textContent("#r0_label_en-error")).includes("label in English"),
		"the mistakes are refused next to their fields, what was typed is kept");
	await admin.screenshot({ path: `${shots}/admin-01-policy-mistakes.png`, fullPage: true });

	// Fixed: a longer seller deadline and a renamed reason.
	await admin.fill("#f-seller_response_hours", "60");
	await admin.fill("#f-r0_label_en", label + " (any reason)");
	await clickToLoad(admin, "form.policy-edit button[type=submit]");
	check(admin.url().endsWith("/admin/policy/draft"), "the fixed draft is saved and previewed", admin.url());
	const changes = await admin.textContent("table.changes");
	check(changes.includes("Seller answers within (hours)") && changes.includes("60")
		&& changes.includes("Label (English)"), "the confirmation says what changes, in words", changes);
	check(await admin.isVisible(".preview[lang=zh-CN] .policy") && await admin.isVisible(".preview[lang=en] .policy"),
		"the buyers' page is previewed in English and in Chinese");
	await admin.screenshot({ path: `${shots}/admin-02-policy-preview.png`, fullPage: true });
	await admin.fill("#note", "Sellers get 60 hours to answer");
	await clickToLoad(admin, "form[action$='policy/publish'] button[type=submit]");
	check((await admin.textContent("body")).includes("Version 2 is published")
		&& (await admin.textContent("table.versions")).includes("Sellers get 60 hours to answer"),
		"publishing lists version 2 with its note");
	await admin.screenshot({ path: `${shots}/admin-03-versions.png`, fullPage: true });

	// The buyers see the new version.
	const shopper = await (await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true })).newPage();
	await signIn(shopper, "buyer", "buyer1");
	await shopper.goto(`${base}/buyer/policy`);
	const policy = await shopper.textContent("section.policy");
	check(policy.includes("Version 2") && policy.includes("60 hours") && policy.includes("(any reason)"),
		"the buyers' policy page shows version 2", policy.slice(0, 300));
	await shopper.screenshot({ path: `${shots}/admin-04-buyer-policy-v2.png`, fullPage: true });

	// Rule on the escalated case.
	await admin.goto(`${base}/admin/cases`);
	const caseLink = admin.locator("table.escalations a[href*='/admin/case/']").first();
	const href = await caseLink.getAttribute("href");
	await clickToLoad(admin, caseLink);
	const rule = admin.locator("form:has(input[name=event][value=rule_refund])");
	await admin.click("details:has(input[name=event][value=rule_refund]) summary");
	if (await rule.locator("textarea[name=note]").count() > 0)
		await rule.locator("textarea[name=note]").fill("The seller did not show the goods were sent back intact.");
	await clickToLoad(admin, rule.locator("button[type=submit]"));
	const after = await admin.textContent("body");
	check(admin.url().endsWith(href) && /Refunded|refunded/.test(after), "the full refund ruling is recorded", admin.url());
	await admin.screenshot({ path: `${shots}/admin-05-ruled.png`, fullPage: true });

	// And find it in the analytics, once the worker has folded it into its daily aggregates.
	execFileSync(`${process.env.DESK_BUILDDIR}/tools/deskctl`, ["sweep"]);
	await clickToLoad(admin, "nav >> text=Analytics");
	const outcomes = await admin.textContent("#stats-outcomes");
	check(await admin.locator("svg.chart rect").count() > 0 && /escalated[\s\S]*Refunded/i.test(outcomes),
		"the analytics show the escalated case refunded, with charts drawn on the server", outcomes.slice(0, 400));
	await admin.screenshot({ path: `${shots}/admin-06-analytics.png`, fullPage: true });
	check(jsErrors.length === 0, "no script error on the admin's pages", jsErrors.join("\n"));
} catch (e) {
	check(false, "the journey ran to the end", e.stack);
} finally {
	await browser.close();
}
console.log(`1..${n}`);
console.log(results.join("\n"));
process.exit(0);
