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

  // An article's "side by side" follows the figure open in its panel (or named by the
  // address): the article holding that figure's counterpart comes along.
  function followFigure(key) {
    const button = document.querySelector("a[data-compare]");
    if (!button) return;
    if (!button.dataset.plain) button.dataset.plain = button.getAttribute("href");
    const id = key && key.startsWith("fig-") ? key.slice(4) : "";
    button.setAttribute("href", id ? `${button.dataset.compare}?figure=${id}` : button.dataset.plain);
  }
  followFigure(location.hash.slice(1));
  document.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target && event.detail.target.id === "reader-panel") {
      const o = opener();
      followFigure(o ? o.dataset.claim : "");
    }
  });
  document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("#reader-panel [data-close-panel]")) followFigure("");
  });

  // Side by side: j / k (and the buttons) step through the claims shared across the columns,
  // in the column the reader is in; a button per column jumps to the claim's counterpart there.
  const walk = document.querySelector("[data-walk]");
  if (walk) {
    walk.hidden = false;
    const total = Number(walk.dataset.groups);
    const status = walk.querySelector("[data-walk-status]");
    const jumps = walk.querySelector("[data-walk-cols]");
    const columns = [...document.querySelectorAll(".columns > .column")];
    let current = 0;
    let lastColumn = null;

    const go = (el) => {
      lastColumn = el.closest(".column");
      el.scrollIntoView({ block: "center" });
      el.focus({ preventScroll: true });
    };
    function show(n, near) {
      document.querySelectorAll(".walk-on").forEach((e) => e.classList.remove("walk-on"));
      current = n;
      const members = [...document.querySelectorAll(`[data-no="${n}"]`)];
      members.forEach((e) => e.classList.add("walk-on"));
      status.textContent = `Shared claim ${n} of ${total}`;
      const buttons = [];
      columns.forEach((col, i) => {
        const el = members.find((m) => col.contains(m));
        if (!el) return;
        const b = document.createElement("button");
        b.type = "button";
        const label = document.createElement("span");
        label.className = "walk-col-label";
        label.textContent = ` ${col.dataset.colLabel}`;
        b.append(`${i + 1}.`, label);
        b.title = `The same claim in column ${i + 1}: ${col.dataset.colLabel}`;
        b.addEventListener("click", () => go(el));
        buttons.push(b);
      });
      jumps.replaceChildren(...buttons);
      const col = (near && near.closest(".column")) || lastColumn;
      const target = members.find((m) => col && col.contains(m)) || members[0];
      if (target) go(target);
    }
    function step(by) {
      const active = document.activeElement;
      const here = active && active.closest("[data-claim]");
      if (here && !here.dataset.no) {
        // From a claim no other column shares: the next shared one in its column.
        const col = here.closest(".column");
        const after = (el) => here.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
        const list = col ? [...col.querySelectorAll("[data-no]")] : [];
        const next = by > 0 ? list.find(after) : list.reverse().find((el) => !after(el));
        if (next) show(Number(next.dataset.no), next);
        return;
      }
      const from = here ? Number(here.dataset.no) : current;
      const n = from + by;
      if (n >= 1 && n <= total) show(n, active);
    }
    walk.querySelectorAll("[data-walk-step]").forEach((b) => {
      b.addEventListener("click", () => step(Number(b.dataset.walkStep)));
    });
    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target instanceof Element && event.target.closest("input, textarea, select, [contenteditable]")) return;
      if (event.key === "j" || event.key === "k") {
        event.preventDefault();
        step(event.key === "j" ? 1 : -1);
      }
    });
    const start = location.hash && document.getElementById(location.hash.slice(1));
    if (start && start.dataset.no) show(Number(start.dataset.no), start);
  }
})();

// Add a missed figure: words selected in one paragraph of the article become the start of
// the form, by their offsets in the stored text (each paragraph carries its own, data-start).
// Without this file, or without a mouse, the reader types the words in the form instead.
(() => {
  const SKIP = ".hid, .derived, sup.claim-no"; // what the page adds to the text

  function selected() {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    const range = sel.getRangeAt(0);
    const blockOf = (node) => (node.nodeType === 1 ? node : node.parentElement)?.closest("[data-reader-text] [data-start]");
    const block = blockOf(range.startContainer);
    if (!block || block !== blockOf(range.endContainer)) return null;
    const before = document.createRange();
    before.setStart(block, 0);
    before.setEnd(range.startContainer, range.startOffset);
    let start = Number(block.dataset.start), quote = "";
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const t = walker.currentNode;
      if (t.parentElement.closest(SKIP)) continue;
      if (before.intersectsNode(t)) start += t === range.startContainer ? range.startOffset : t.data.length;
      if (range.intersectsNode(t)) {
        const from = t === range.startContainer ? range.startOffset : 0;
        const to = t === range.endContainer ? range.endOffset : t.data.length;
        quote += t.data.slice(from, to);
      }
    }
    if (!quote.trim() || quote.length > 200) return null;
    return { start, end: start + quote.length, quote, rect: range.getBoundingClientRect() };
  }

  function urlFor(base, s) {
    const q = new URLSearchParams({ start: s.start, end: s.end, quote: s.quote });
    return `${base.split("?")[0]}?${q}`;
  }

  let last = null;
  function update() {
    const tool = document.querySelector("[data-selection-tool]");
    if (!tool) return;
    const s = selected();
    last = s;
    if (!s) { tool.hidden = true; return; }
    const link = tool.querySelector("[data-selection-add]");
    link.href = urlFor(link.getAttribute("href"), s);
    tool.hidden = false;
    const box = tool.offsetParent ? tool.offsetParent.getBoundingClientRect() : { top: 0, left: 0 };
    tool.style.top = `${s.rect.bottom - box.top + 6}px`;
    tool.style.left = `${Math.max(0, s.rect.left - box.left)}px`;
  }

  let timer = 0;
  document.addEventListener("selectionchange", () => { clearTimeout(timer); timer = setTimeout(update, 120); });

  function open(event, href) {
    const panel = document.getElementById("reader-panel");
    if (!panel || !window.htmx) return; // the link navigates to the form's own page
    event.preventDefault();
    window.htmx.ajax("GET", href, { target: "#reader-panel", swap: "innerHTML" });
  }

  document.addEventListener("click", (event) => {
    const el = event.target instanceof Element && event.target.closest("[data-selection-add], [data-add-figure]");
    if (!el) return;
    const href = el.matches("[data-add-figure]") && last ? urlFor(el.getAttribute("href"), last) : el.href;
    open(event, href);
    const tool = document.querySelector("[data-selection-tool]");
    if (tool) tool.hidden = true;
  });
})();
