// desk.mjs: what the Chromium journeys share: Debian's Chromium started the same way, the sign-in
// form filled as a user would, a click that waits for the page it leads to, and a small PNG of one
// colour made here so the tests need no image files (journey.mjs, buyer2.mjs, seller.mjs,
// talk.mjs, admin.mjs, a11y.mjs).
import { chromium } from "playwright-core";
import { deflateSync } from "node:zlib";

// Debian's Chromium, headless, without the background traffic that would slow a test down.
export function launch() {
	return chromium.launch({
		executablePath: "/usr/bin/chromium",
		args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync"],
	});
}

// A signIn(page, desk, login) for the server at base: the desk's sign-in form with password "demo".
export function signInAt(base) {
	return async function signIn(page, desk, login) {
		await page.goto(`${base}/${desk}/login`);
		await page.fill("#login", login);
		await page.fill("#password", "demo");
		await clickToLoad(page, "button[type=submit]");
	};
}

// Clicks target (a selector or a locator) that leads to another page (a link, a form's button),
// and returns once that page has loaded. The page still showing is marked first: waiting for
// "load" (or for a response, then "load") can pass on the old page, which loaded long ago, before
// the new one is shown; Playwright's click no longer waits for the navigation it starts. The mark
// is on the root element, not the window, because a form with photos is sent by desk.js, which
// writes the answer into the same window.
export async function clickToLoad(page, target) {
	await page.evaluate(() => document.documentElement.setAttribute("data-leaving", ""));
	await (typeof target === "string" ? page.click(target) : target.click());
	await page.waitForFunction(() => document.documentElement !== null
		&& !document.documentElement.hasAttribute("data-leaving") && document.readyState === "complete");
}

export function png(w, h, rgb) {
	const crcTable = Array.from({ length: 256 }, (_, k) => {
		let c = k;
		for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
	const chunk = (type, data) => {
		const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
		const td = Buffer.concat([Buffer.from(type), data]);
		const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
		return Buffer.concat([len, td, c]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
	const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(w).fill(rgb).flat())]);
	const raw = Buffer.concat(Array(h).fill(row));
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}
