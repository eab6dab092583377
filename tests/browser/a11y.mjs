// a11y.mjs: an axe-style check of every buyer page in Chromium (playwright-core), in English and
// Chinese on a phone: WCAG AA contrast of text (computed colours over the backgrounds behind it),
// a name for every control, one pattern for field errors (aria-invalid + aria-describedby to a
// message that exists), a skip link to the main content, and a visible focus ring. No network: the
// rules are computed here from the pages' styles. Prints TAP.
// Usage: node a11y.mjs BASE_URL
import { launch, clickToLoad } from "./desk.mjs";

const [base] = process.argv.slice(2);
let n = 0;
const results = [];
function check(ok, name, detail = "") {
	n++;
	results.push(`${ok ? "ok" : "not ok"} ${n} - ${name}` + (!ok && detail ? `\n# ${String(detail).replace(/\n/g, "\n# ")}` : ""));
}

// Runs in the page: every problem found, as short strings.
function audit() {
	const problems = [];
	const parse = (c) => {
		const m = c.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
		return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : [0, 0, 0, 0];
	};
	const lum = ([r, g, b]) => {
		const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
		return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
	};
	const blend = (top, under) => {
		const a = top[3];
		return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
	};
	// The opaque colour behind el: its own and its ancestors' backgrounds, over white.
	const background = (el) => {
		const layers = [];
		for (let e = el; e; e = e.parentElement) {
			const c = parse(getComputedStyle(e).backgroundColor);
			if (c[3] > 0) layers.push(c);
			if (c[3] >= 1) break;
		}
		let bg = [255, 255, 255, 1];
		for (const l of layers.reverse()) bg = blend(l, bg);
		return bg;
	};
	const visible = (el) => {
		const s = getComputedStyle(el);
		const r = el.getBoundingClientRect();
		return s.visibility !== "hidden" && s.display !== "none" && r.width > 0 && r.height > 0;
	};
	const seen = new Set();
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let t = walker.nextNode(); t; t = walker.nextNode()) {
		const el = t.parentElement;
		if (!el || !t.textContent.trim() || seen.has(el) || !visible(el)) continue;
		if (el.closest("option, select, script, style, [aria-hidden=true]")) continue;
		seen.add(el);
		const s = getComputedStyle(el);
		const fg = blend(parse(s.color), background(el));
		const bg = background(el);
		const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
		const ratio = (a + 0.05) / (b + 0.05);
		const size = parseFloat(s.fontSize), bold = +s.fontWeight >= 700;
		const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
		if (ratio < need)
			problems.push(`contrast ${ratio.toFixed(2)} < ${need}: <${el.tagName.toLowerCase()} class="${el.className}"> "${t.textContent.trim().slice(0, 40)}"`);
	}
	for (const c of document.querySelectorAll("input:not([type=hidden]), select, textarea, button")) {
		if (!visible(c) && c.type !== "file") continue;
		const named = c.getAttribute("aria-label") || c.getAttribute("aria-labelledby") || c.title ||
			(c.id && document.querySelector(`label[for="${c.id}"]`)) || c.closest("label") ||
			(c.tagName === "BUTTON" && c.textContent.trim()) ||
			(["submit", "button"].includes(c.type) && c.value);
		if (!named) problems.push(`no name: <${c.tagName.toLowerCase()} name="${c.name}">`);
	}
	for (const c of document.querySelectorAll("[aria-invalid=true]")) {
		const ids = (c.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
		if (ids.length === 0 || !ids.every((id) => document.getElementById(id)))
			problems.push(`aria-invalid without its message: <${c.tagName.toLowerCase()} name="${c.name}">`);
	}
	for (const img of document.querySelectorAll("img"))
		if (!img.hasAttribute("alt")) problems.push(`img without alt: ${img.src}`);
	const first = document.querySelector("a[href], button, input, select, textarea");
	const target = first && first.getAttribute("href") && first.getAttribute("href").startsWith("#") &&
		document.getElementById(first.getAttribute("href").slice(1));
	if (!target) problems.push("no skip link to the main content first");
	return problems;
}

const browser = await launch();
try {
	for (const locale of ["en-GB", "zh-CN"]) {
		const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, locale, isMobile: true, hasTouch: true });
		const page = await ctx.newPage();
		await page.goto(`${base}/buyer/login`);
		check((await page.evaluate(audit)).length === 0, `${locale}: the sign-in page passes`, (await page.evaluate(audit)).join("\n"));
		await page.fill("#login", "buyer3");
		await page.fill("#password", "demo");
		await clickToLoad(page, "button[type=submit]");
		const urls = ["/buyer/", "/buyer/cases", "/buyer/policy"];
		const caseLink = await page.goto(`${base}/buyer/cases`).then(() => page.$("a[href*='/buyer/case/']"));
		if (caseLink) urls.push(await caseLink.getAttribute("href"));
		await page.goto(`${base}/buyer/`);
		const formLink = await page.$("a[href*='case/new']");
		const form = formLink ? await formLink.getAttribute("href") : null;
		if (form) urls.push(form);
		for (const u of urls) {
			await page.goto(new URL(u, base).href);
			const p = await page.evaluate(audit);
			check(p.length === 0, `${locale}: ${u} passes the contrast, name, error and skip-link checks`, p.join("\n"));
		}
		// The request form with its errors shown: one pattern for every field error.
		if (form) {
			await page.goto(new URL(form, base).href);
			await page.fill("#amount", "abc");
			await clickToLoad(page, "form.request button[type=submit]");
			const p = await page.evaluate(audit);
			const invalid = await page.locator("[aria-invalid=true]").count();
			check(p.length === 0 && invalid >= 1, `${locale}: the request form with its errors passes`, `${invalid} invalid; ${p.join("\n")}`);
		}
		// Keyboard focus is visible: the first Tab lands on the skip link, which shows a ring.
		await page.goto(`${base}/buyer/`);
		await page.keyboard.press("Tab");
		const ring = await page.evaluate(() => {
			const s = getComputedStyle(document.activeElement);
			return { tag: document.activeElement.tagName, outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow, top: document.activeElement.getBoundingClientRect().top };
		});
		check(ring.tag === "A" && ((ring.outline !== "none" && ring.width >= 2) || ring.shadow !== "none") && ring.top >= 0,
			`${locale}: the first Tab shows the skip link with a visible focus ring`, JSON.stringify(ring));
		await ctx.close();
	}
} catch (e) {
	check(false, "the accessibility check ran to the end", e.stack);
} finally {
	await browser.close();
}
console.log(`1..${n}`);
console.log(results.join("\n"));
process.exit(0);
