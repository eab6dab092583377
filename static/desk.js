/* desk.js: progressive enhancement only: live countdowns to case deadlines, photo previews, confirmations.
 * Every page works without it; the CSP allows scripts from /static/ only. */
(function () {
	"use strict";

	function left(ms) {
		var s = Math.floor(Math.abs(ms) / 1000);
		var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600);
		var m = Math.floor(s % 3600 / 60);
		var text = d > 0 ? d + " d " + h + " h" : h > 0 ? h + " h " + m + " min" :
		    m + " min " + (s % 60) + " s";
		return ms >= 0 ? text + " left" : "overdue by " + text;
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
			out.textContent = "(" + left(Date.parse(el.getAttribute("data-countdown")) - Date.now()) + ")";
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

	/* Asks before buttons that cannot be undone (cancel, refuse). */
	document.addEventListener("click", function (e) {
		var b = e.target.closest && e.target.closest("button[data-confirm]");
		if (b && !window.confirm(b.getAttribute("data-confirm")))
			e.preventDefault();
	});

	document.addEventListener("DOMContentLoaded", function () {
		var inputs = document.querySelectorAll("input[type=file][data-preview]");
		for (var i = 0; i < inputs.length; i++)
			previews(inputs[i]);
		tick();
		if (document.querySelector("[data-countdown]"))
			setInterval(tick, 1000);
	});
})();
