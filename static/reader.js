// The reader: the claim panel (open, focus, close with Escape) and, side by side, the
// counterparts of a claim lit up on hover or focus. Every link also works without this file.
(() => {
  const panel = () => document.getElementById("reader-panel");

  function opener() { return document.querySelector("a.hl[data-opened]"); }

  function closePanel() {
    const p = panel();
    if (!p || !p.firstElementChild) return false;
    p.replaceChildren();
    const o = opener();
    if (o) {
      o.removeAttribute("data-opened");
      o.setAttribute("aria-expanded", "false");
      o.focus();
    }
    return true;
  }

  document.addEventListener("htmx:beforeRequest", (event) => {
    const el = event.detail.elt;
    if (!(el instanceof Element) || !el.matches("a.hl[hx-get]")) return;
    document.querySelectorAll("a.hl[data-opened]").forEach((o) => {
      o.removeAttribute("data-opened");
      o.setAttribute("aria-expanded", "false");
    });
    el.setAttribute("data-opened", "");
    el.setAttribute("aria-expanded", "true");
  });

  document.addEventListener("htmx:afterSwap", (event) => {
    const target = event.detail.target;
    if (!target || target.id !== "reader-panel") return;
    target.scrollTop = 0;
    const title = target.querySelector("[data-panel-title]");
    if (title) title.focus({ preventScroll: true });
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && closePanel()) event.preventDefault();
  });

  document.addEventListener("click", (event) => {
    const close = event.target instanceof Element && event.target.closest("#reader-panel [data-close-panel]");
    if (close) { event.preventDefault(); closePanel(); }
  });

  // Side by side: light up the counterparts of the claim under the pointer or the focus.
  function light(el, on) {
    const keys = (el.dataset.links || "").split(" ").filter(Boolean);
    if (!keys.length) return;
    el.classList.toggle("lit-self", on);
    for (const key of keys) {
      document.querySelectorAll(`[data-claim="${CSS.escape(key)}"]`).forEach((c) => c.classList.toggle("lit", on));
    }
  }
  for (const [type, on] of [["mouseover", true], ["focusin", true], ["mouseout", false], ["focusout", false]]) {
    document.addEventListener(type, (event) => {
      const el = event.target instanceof Element && event.target.closest("[data-claim][data-links]");
      if (el) light(el, on);
    });
  }
})();
