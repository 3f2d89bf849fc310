package serve

// reloadJS is served at /_pmkb/reload.js and added to every HTML page. It
// reloads the page when the server announces a new build, and after the
// server restarts (its "hello" names a build this page has not seen).
//
// It also keeps the warnings box from covering the page on every reload
// (serve reloads on every save): the box is open the first time a tab
// shows it and when it lists more warnings than the last page did;
// otherwise it is as the author last left it, collapsed unless they opened
// it (kept in sessionStorage, so per tab).
//
// Escape, or the box's first control, hides the overlay or the warnings
// box until a build changes what it says (QA 21 C-F3: the fixed box
// covered the focused element, and the overlay could not be put away).
// Escape that the page used (defaultPrevented), that edits a text field
// with text (a search box clears it) or that composes text is left alone.
// Hiding the box with the focus in it moves the focus to what comes after
// it, the page's skip link, not to nowhere. The button is described by
// the box's heading ("Hide (Esc)", "pmkb: the last build failed").
//
// While the box is shown the page gets scroll-padding-bottom as high as
// the box, so that the browser scrolls a focused element clear of it, and
// a spacer as high at its end, so that the last links can be scrolled
// clear too (WCAG 2.4.11; set through the CSSOM, which the CSP allows).
//
// The overlay is an alert, but one in the page a reload brings is not
// read by screen readers (it is there at load): the script moves the
// focus to it, as GOV.UK's error summary does, once per text in a tab,
// unless something already has the focus. A page of a later build
// without the overlay forgets what was said and hidden, so that a build
// that fails again with the same errors is shown and said again (a
// page of the same build without it, next to a left-out draft's, does
// not).
const reloadJS = `(function () {
  "use strict";
  var box = document.querySelector("#pmkb-warnings details");
  var store = null;
  try { store = window.sessionStorage; } catch (err) { store = null; }
  var meta = document.querySelector('meta[name="pmkb-build"]');
  var shown = meta ? meta.getAttribute("content") : null;
  var overlay = document.getElementById("pmkb-overlay");
  var panel = overlay || document.getElementById("pmkb-warnings");
  if (store && shown !== null && !overlay && store.getItem("pmkb-overlay-at") !== shown) {
    store.removeItem("pmkb-said");
    store.removeItem("pmkb-hidden-pmkb-overlay");
    if (!panel) { store.removeItem("pmkb-hidden-pmkb-warnings"); }
  }
  if (panel) {
    var hash = function (s) {
      var h = 2166136261;
      for (var i = 0; i < s.length; i++) { h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0; }
      return h.toString(36) + "." + s.length;
    };
    var named = document.querySelector('meta[name="pmkb-box"]');
    var said = named ? named.getAttribute("content") : panel.id + " " + hash(panel.textContent);
    if (store && store.getItem("pmkb-hidden-" + panel.id) === said) { panel.hidden = true; }
    if (store && overlay && shown !== null) { store.setItem("pmkb-overlay-at", shown); }
    var after = function () {
      var all = document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]");
      for (var i = 0; i < all.length; i++) {
        var el = all[i];
        if (!panel.contains(el) && el.tabIndex >= 0 && !el.disabled && el.getClientRects().length &&
            (panel.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) { return el; }
      }
      return null;
    };
    var hide = function () {
      var inside = panel.contains(document.activeElement);
      var next = inside ? after() : null;
      panel.hidden = true;
      if (store) { store.setItem("pmkb-hidden-" + panel.id, said); }
      reserve();
      if (next) { next.focus(); }
    };
    var spacer = document.createElement("div");
    spacer.id = "pmkb-spacer";
    spacer.setAttribute("aria-hidden", "true");
    document.body.appendChild(spacer);
    var reserve = function () {
      var h = 0;
      if (!panel.hidden) {
        var r = panel.getBoundingClientRect();
        if (r.height > 0) { h = Math.max(0, Math.ceil(document.documentElement.clientHeight - r.top)) + 8; }
      }
      document.documentElement.style.scrollPaddingBottom = h ? h + "px" : "";
      spacer.style.height = h + "px";
    };
    reserve();
    if (window.ResizeObserver) { new ResizeObserver(reserve).observe(panel); }
    window.addEventListener("resize", reserve);
    var button = panel.querySelector(".pmkb-hide");
    var title = panel.querySelector("h2, summary");
    if (button && title) {
      title.id = panel.id + "-title";
      button.setAttribute("aria-describedby", title.id);
    }
    if (button) { button.addEventListener("click", hide); }
    var typed = 'input:not([type]), input[type="text"], input[type="search"], input[type="email"], input[type="url"], input[type="tel"], input[type="password"], textarea';
    window.addEventListener("keydown", function (e) {
      if (e.key !== "Escape" || e.defaultPrevented || e.isComposing || panel.hidden) { return; }
      var t = e.target;
      if (t instanceof Element && !panel.contains(t) && (t.isContentEditable || (t.matches(typed) && t.value !== ""))) { return; }
      hide();
    });
    if (panel.id === "pmkb-overlay" && !panel.hidden && !(store && store.getItem("pmkb-said") === said) &&
        (!document.activeElement || document.activeElement === document.body)) {
      panel.tabIndex = -1;
      panel.addEventListener("blur", function () { panel.removeAttribute("tabindex"); }, { once: true });
      panel.focus({ preventScroll: true });
      if (store) { store.setItem("pmkb-said", said); }
    }
  }
  if (store) {
    if (box) {
      var n = box.querySelectorAll("li").length;
      var state = store.getItem("pmkb-warnings");
      var seen = Number(store.getItem("pmkb-warnings-n") || "0");
      box.open = state === null || state === "open" || n > seen;
      store.setItem("pmkb-warnings-n", String(n));
      if (state === null) { store.setItem("pmkb-warnings", "shown"); }
      box.querySelector("summary").addEventListener("click", function () {
        store.setItem("pmkb-warnings", box.open ? "closed" : "open");
      });
    } else if (!document.getElementById("pmkb-overlay")) {
      store.setItem("pmkb-warnings-n", "0");
    }
  }
  if (!window.EventSource) { return; }
  var events = new EventSource("/_pmkb/events");
  events.addEventListener("hello", function (e) {
    if (shown !== null && e.data !== shown) { location.reload(); }
  });
  events.addEventListener("reload", function (e) {
    if (e.data !== shown) { location.reload(); }
  });
})();
`

// earlyJS is served at /_pmkb/early.js and loaded, without defer, in the
// head of a page that brings the overlay or the warnings box: when the
// author hid that box in this tab and it says the same (the page's meta
// pmkb-box, which reload.js keeps as what was hidden), it hides it before
// the body is parsed. reload.js, deferred, hid it only once the page was
// parsed, so a reload on every save laid it out, and could paint it,
// again.
const earlyJS = `(function () {
  "use strict";
  try {
    var named = document.querySelector('meta[name="pmkb-box"]');
    var said = named ? named.getAttribute("content") : "";
    if (said && window.sessionStorage.getItem("pmkb-hidden-" + said.split(" ")[0]) === said) {
      document.documentElement.classList.add("pmkb-box-hidden");
    }
  } catch (err) { /* no sessionStorage: nothing was hidden */ }
})();
`

// overlayCSS is served at /_pmkb/overlay.css; it styles the error overlay
// and the warnings box (a stylesheet, because the Content-Security-Policy forbids inline
// styles). Every box sets its own background and text colour, as the page's
// theme styles the same elements (a theme's light pre background under the
// overlay's light text made the quoted source line unreadable).
const overlayCSS = `#pmkb-overlay {
  position: fixed; inset: auto 1rem 1rem 1rem; z-index: 2147483647;
  max-height: 60vh; overflow: auto; padding: 1rem 1.25rem;
  background: #2b0b0b; color: #fde8e8; border: 2px solid #e5484d; border-radius: 8px;
  box-shadow: 0 8px 32px rgba(0, 0, 0, .45);
  font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
}
#pmkb-overlay h2 { margin: 0 0 .5rem; font-size: 1rem; color: #fff; }
#pmkb-overlay p { margin: 0 0 .5rem; }
#pmkb-overlay ul { margin: 0; padding-left: 1.25rem; }
#pmkb-overlay code { white-space: pre-wrap; word-break: break-word; color: inherit; background: none; }
#pmkb-warnings {
  position: fixed; inset: auto 1rem 1rem auto; z-index: 2147483647;
  max-width: min(60rem, calc(100vw - 2rem)); max-height: 50vh; overflow: auto; padding: .5rem 1rem;
  background: #2b220b; color: #fdf3d8; border: 2px solid #d9a21b; border-radius: 8px;
  box-shadow: 0 8px 32px rgba(0, 0, 0, .45);
  font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
}
#pmkb-warnings summary { cursor: pointer; font-weight: bold; color: #fff; }
#pmkb-overlay[hidden], #pmkb-warnings[hidden], .pmkb-box-hidden #pmkb-overlay, .pmkb-box-hidden #pmkb-warnings { display: none; }
#pmkb-overlay:focus { outline: 3px solid #fff; outline-offset: 2px; }
#pmkb-overlay .pmkb-hide, #pmkb-warnings .pmkb-hide {
  float: right; position: sticky; top: 0; margin: 0 0 .25rem .75rem; padding: .125rem .5rem;
  font: inherit; font-weight: bold; cursor: pointer; border-radius: 4px;
}
#pmkb-overlay .pmkb-hide { background: #1a0606; color: #fde8e8; border: 1px solid #e5484d; }
#pmkb-warnings .pmkb-hide { background: #1a1406; color: #fdf3d8; border: 1px solid #d9a21b; }
#pmkb-overlay :focus-visible, #pmkb-warnings :focus-visible { outline: 2px solid #fff; outline-offset: 2px; }
#pmkb-warnings ul { margin: .5rem 0 0; padding-left: 1.25rem; }
#pmkb-warnings code { white-space: pre-wrap; word-break: break-word; color: inherit; background: none; }
#pmkb-overlay .pmkb-hint, #pmkb-warnings .pmkb-hint { margin: 0 0 .25rem; white-space: pre-wrap; word-break: break-word; opacity: .85; }
#pmkb-overlay .pmkb-quote, #pmkb-warnings .pmkb-quote { margin: .25rem 0; padding: .25rem .5rem; border: 0; border-radius: 4px; white-space: pre; overflow-x: auto; font: inherit; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; tab-size: 4; }
#pmkb-overlay .pmkb-quote { background: #1a0606; color: #fde8e8; }
#pmkb-warnings .pmkb-quote { background: #1a1406; color: #fdf3d8; }
@media (max-width: 40rem) {
  #pmkb-warnings { inset: auto .5rem .5rem .5rem; max-width: none; max-height: 30vh; padding: .25rem .75rem; font-size: 12px; }
}
`
