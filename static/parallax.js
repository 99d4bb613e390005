// Small progressive enhancements; every page works without this file.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const panel = document.querySelector("[data-panel]:not([hidden])");
  if (panel) {
    panel.replaceChildren();
    const opener = document.querySelector("[data-opened]");
    if (opener) { opener.removeAttribute("data-opened"); opener.focus(); }
  }
});
