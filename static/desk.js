/* desk.js: progressive enhancement only: live countdowns to case deadlines, photo previews, upload progress, confirmations, the request form's kinds and amount, marking a case read when it is seen, select-all and keyboard shortcuts on the seller's desk.
 * Every page works without it; the CSP allows scripts from /static/ only. */
(function () {
	"use strict";

	/*
	 * The time between now and a deadline ms away, in the words the page
	 * gives on el or, for a list's rows, once on an element around them
	 * (data-left="%s left", data-overdue="overdue by %s", data-day,
	 * data-hour, data-minute, data-second), English without them.
	 */
	function left(el, ms) {
		var words = el.hasAttribute("data-left") ? el :
		    el.closest("[data-left]") || el;

		function word(name, english) {
			return words.getAttribute("data-" + name) || english;
		}
		var s = Math.floor(Math.abs(ms) / 1000);
		var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600);
		var m = Math.floor(s % 3600 / 60);
		var day = word("day", "d"), hour = word("hour", "h");
		var min = word("minute", "min"), sec = word("second", "s");
		var text = d > 0 ? d + " " + day + " " + h + " " + hour :
		    h > 0 ? h + " " + hour + " " + m + " " + min :
		    m + " " + min + " " + (s % 60) + " " + sec;
		return (ms >= 0 ? word("left", "%s left") :
		    word("overdue", "overdue by %s")).replace("%s", text);
	}

	function tick() {
		var els = document.querySelectorAll("[data-countdown]");
		for (var i = 0; i < els.length; i++) {
			var el = els[i], out = el.nextElementSibling;
			if (!out || !out.classList.contains("countdown")) {
				out = document.createElement("span");
				out.className = "countdown";
				out.setAttribute("aria-live", "off");
				el.parentNode.insertBefore(out, el.nextSibling);
			}
			out.textContent = "(" + left(el, Date.parse(el.getAttribute("datetime")) - Date.now()) + ")";
		}
	}

	/* Shows the chosen photos before they are sent, where the browser can. */
	function previews(input) {
		var box = document.getElementById(input.getAttribute("data-preview"));
		if (!box || !window.URL || !URL.createObjectURL)
			return;
		input.addEventListener("change", function () {
			box.textContent = "";
			for (var i = 0; i < input.files.length; i++) {
				var f = input.files[i], fig = document.createElement("figure");
				var img = document.createElement("img"), cap = document.createElement("figcaption");
				img.src = URL.createObjectURL(f);
				img.alt = f.name;
				cap.textContent = f.name + " · " + Math.ceil(f.size / 1024) + " KB";
				fig.appendChild(img);
				fig.appendChild(cap);
				box.appendChild(fig);
			}
		});
	}

	/*
	 * The request form: the kinds a reason allows, and the amount the
	 * chosen items are worth (the server checks both again).
	 */
	function requestForm(form) {
		var reason = form.querySelector("#reason"), amount = form.querySelector("#amount");
		var lines = form.querySelectorAll("input[type=checkbox][data-refundable]");
		var touched = false;

		function kinds() {
			var opt = reason.options[reason.selectedIndex];
			var allowed = opt && opt.getAttribute("data-types");
			var radios = form.querySelectorAll("input[name=type]"), i, first = null;
			for (i = 0; i < radios.length; i++) {
				var ok = !allowed || allowed.split(" ").indexOf(radios[i].value) >= 0;
				radios[i].disabled = !ok;
				radios[i].parentNode.classList.toggle("muted", !ok);
				if (ok && !first) first = radios[i];
				if (!ok && radios[i].checked && first) first.checked = true;
			}
			for (i = 0; i < radios.length; i++)
				if (radios[i].checked && radios[i].disabled && first) first.checked = true;
		}

		function worth() {
			var cents = 0, i;
			for (i = 0; i < lines.length; i++) {
				if (!lines[i].checked) continue;
				/* What the chosen units are worth comes from the page (money_share). */
				var qty = form.querySelector("select[name=" + lines[i].getAttribute("data-qty") + "]");
				var opt = qty && qty.options[qty.selectedIndex];
				cents += +(opt ? opt.getAttribute("data-worth") : lines[i].getAttribute("data-refundable"));
			}
			var text = (cents / 100).toFixed(2);
			amount.placeholder = (amount.getAttribute("data-up-to") || "up to %s").replace("%s", text);
			if (!touched) amount.value = cents > 0 ? text : "";
		}

		if (reason) {
			reason.addEventListener("change", kinds);
			kinds();
		}
		if (amount && lines.length) {
			amount.addEventListener("input", function () { touched = true; });
			form.addEventListener("change", function (e) {
				if (e.target !== amount && e.target !== reason) worth();
			});
			touched = amount.value !== "";
		}
	}

	/*
	 * Shows upload progress for forms that carry photos: the form is sent
	 * by XMLHttpRequest with the same fields, and the answer replaces the
	 * page (a redirect is followed to its page). Without JavaScript the
	 * browser simply posts the form.
	 */
	function progress(form) {
		form.addEventListener("submit", function (e) {
			var files = form.querySelector("input[type=file]");
			if (e.defaultPrevented || !window.FormData || !files || files.files.length === 0)
				return;
			e.preventDefault();
			var bar = document.createElement("progress");
			bar.max = 100;
			bar.value = 0;
			bar.className = "upload-progress";
			form.appendChild(bar);
			var buttons = form.querySelectorAll("button[type=submit]");
			for (var i = 0; i < buttons.length; i++)
				buttons[i].disabled = true;
			var xhr = new XMLHttpRequest();
			xhr.open("POST", form.action);
			xhr.upload.onprogress = function (p) {
				if (p.lengthComputable)
					bar.value = Math.round(p.loaded * 100 / p.total);
			};
			xhr.onload = function () {
				if (xhr.status === 200 && xhr.responseURL && xhr.responseURL !== form.action) {
					window.location.assign(xhr.responseURL);
					return;
				}
				document.open();
				document.write(xhr.responseText);
				document.close();
			};
			xhr.onerror = function () {
				/* Fall back to the browser's own post. */
				bar.remove();
				form.submit();
			};
			xhr.send(new FormData(form));
		});
	}

	/* Asks before buttons that cannot be undone (cancel, refuse). */
	document.addEventListener("click", function (e) {
		var b = e.target.closest && e.target.closest("button[data-confirm]");
		if (b && !window.confirm(b.getAttribute("data-confirm")))
			e.preventDefault();
	});

	/*
	 * Marks the case read once the page is seen: the page's own "Mark as
	 * read" form (CSRF token, the latest unseen timeline id) sent in the
	 * background. A GET never writes; this POST does.
	 */
	function seen(form) {
		var sent = false;
		function send() {
			if (sent || document.visibilityState === "hidden" || !window.fetch)
				return;
			sent = true;
			fetch(form.action, { method: "POST", credentials: "same-origin", redirect: "manual",
			    body: new URLSearchParams(new FormData(form)) }).then(function () {
				form.hidden = true;
				var count = document.querySelector(".unread-count .unread-dot");
				if (count) {
					var n = parseInt(count.textContent, 10) - 1;
					if (n > 0)
						count.textContent = String(n);
					else
						count.parentNode.hidden = true;
				}
			}, function () { sent = false; });
		}
		document.addEventListener("visibilitychange", send);
		send();
	}

	/* A check box in the bulk table's head that chooses every case of the page. */
	function selectAll(form) {
		var boxes = form.querySelectorAll("input[type=checkbox][name=case]");
		var head = form.querySelector("thead th:last-child");
		if (!boxes.length || !head)
			return;
		var all = document.createElement("input");
		all.type = "checkbox";
		all.className = "select-all";
		all.setAttribute("aria-label", head.textContent.trim() || "all");
		all.addEventListener("change", function () {
			for (var i = 0; i < boxes.length; i++)
				boxes[i].checked = all.checked;
		});
		form.addEventListener("change", function (e) {
			if (e.target === all)
				return;
			var n = 0;
			for (var i = 0; i < boxes.length; i++)
				n += boxes[i].checked ? 1 : 0;
			all.checked = n === boxes.length;
			all.indeterminate = n > 0 && n < boxes.length;
		});
		head.appendChild(all);
	}

	/*
	 * Keyboard shortcuts of the seller's desk. Queue: j or n next row, k
	 * previous, o or Enter opens it, x chooses it, a goes to the bulk
	 * approve button. Case page: n or j the next case of the queue last
	 * seen, k the one before, a opens the approval form and r the refusal
	 * form with the focus on them: a decision is still sent by the seller's
	 * own click or Enter, and asks for a confirmation first.
	 */
	function shortcuts() {
		var rows = document.querySelectorAll("table.queue.dense tbody tr");
		var cur = -1, store = window.sessionStorage, key = "desk-queue";
		var ids = [];

		for (var i = 0; i < rows.length; i++) {
			var a = rows[i].querySelector("a[href*='case/']");
			if (a)
				ids.push(a.getAttribute("href"));
		}
		if (ids.length && store)
			store.setItem(key, JSON.stringify(ids));
		var help = document.querySelector("[data-kbd-help]");
		if (help)
			help.hidden = false;

		function move(by) {
			if (!rows.length)
				return false;
			if (cur >= 0)
				rows[cur].classList.remove("kbd-current");
			cur = Math.max(0, Math.min(rows.length - 1, cur + by));
			rows[cur].classList.add("kbd-current");
			var link = rows[cur].querySelector("a[href*='case/']");
			if (link)
				link.focus();
			return true;
		}

		function sibling(by) {
			var list = [];
			try { list = JSON.parse(store && store.getItem(key) || "[]"); } catch (e) { list = []; }
			var here = window.location.pathname, at = list.indexOf(here);
			if (at < 0 || !list[at + by])
				return false;
			window.location.assign(list[at + by]);
			return true;
		}

		function action(events) {
			for (var i = 0; i < events.length; i++) {
				var input = document.querySelector(".actions form input[name=event][value=" + events[i] + "]");
				if (!input)
					continue;
				var details = input.closest("details");
				if (details)
					details.open = true;
				/* Opened by a key: the decision asks before it is sent. */
				var send = input.form.querySelector("button[type=submit]");
				if (send && !send.hasAttribute("data-confirm"))
					send.setAttribute("data-confirm", send.textContent.trim() + "?");
				var field = input.form.querySelector("select, textarea, input[type=text]") ||
				    input.form.querySelector("button[type=submit]");
				field.focus();
				return true;
			}
			return false;
		}

		document.addEventListener("keydown", function (e) {
			var t = e.target, tag = t && t.tagName;
			if (e.ctrlKey || e.metaKey || e.altKey || tag === "INPUT" || tag === "TEXTAREA" ||
			    tag === "SELECT" || (t && t.isContentEditable))
				return;
			var done = false;
			if (rows.length) {
				if (e.key === "j" || e.key === "n")
					done = move(1);
				else if (e.key === "k")
					done = move(-1);
				else if (e.key === "o" && cur >= 0) {
					var link = rows[cur].querySelector("a[href*='case/']");
					if (link) {
						link.click();
						done = true;
					}
				} else if (e.key === "x" && cur >= 0) {
					var box = rows[cur].querySelector("input[name=case]");
					if (box) {
						box.click();
						done = true;
					}
				} else if (e.key === "a") {
					var bulk = document.querySelector("form.bulk button[type=submit]");
					if (bulk) {
						bulk.focus();
						done = true;
					}
				}
			} else if (document.querySelector(".actions")) {
				if (e.key === "n" || e.key === "j")
					done = sibling(1);
				else if (e.key === "k")
					done = sibling(-1);
				else if (e.key === "a")
					done = action(["approve_refund", "approve_return", "confirm_receipt", "accept_offer"]);
				else if (e.key === "r")
					done = action(["reject", "refuse_receipt", "decline_offer"]);
			}
			if (done)
				e.preventDefault();
		});
	}

	document.addEventListener("DOMContentLoaded", function () {
		var marks = document.querySelectorAll("form[data-seen]");
		for (var m = 0; m < marks.length; m++)
			seen(marks[m]);
		var bulks = document.querySelectorAll("form.bulk");
		for (var b = 0; b < bulks.length; b++)
			selectAll(bulks[b]);
		if (document.body.classList.contains("app-seller"))
			shortcuts();
		var forms = document.querySelectorAll("form.request");
		for (var f = 0; f < forms.length; f++)
			requestForm(forms[f]);
		var uploads = document.querySelectorAll("form[enctype='multipart/form-data']");
		for (var u = 0; u < uploads.length; u++)
			progress(uploads[u]);
		var inputs = document.querySelectorAll("input[type=file][data-preview]");
		for (var i = 0; i < inputs.length; i++)
			previews(inputs[i]);
		tick();
		if (document.querySelector("[data-countdown]"))
			setInterval(tick, 1000);
	});
})();
