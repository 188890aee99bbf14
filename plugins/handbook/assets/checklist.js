/* Networking Handbook: tickable checklists.
 *
 * Ticks are kept in localStorage by technique id, so ticking a technique on one checklist
 * shows it ticked on every checklist that holds it. Works with Material's instant
 * navigation (document$ emits on every page shown) and without it.
 */
(() => {
  "use strict";
  const STORAGE_KEY = "networking-handbook:ticks:v1";
  const CHECKLIST = "[data-handbook-checklist]";

  const readTicks = () => {
    try {
      const ticks = JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}");
      return ticks && typeof ticks === "object" ? ticks : {};
    } catch (error) {
      return {};
    }
  };
  const writeTicks = (ticks) => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(ticks));
    } catch (error) {
      /* storage disabled: ticks last as long as the page */
    }
  };
  const boxesIn = (root) => Array.from(root.querySelectorAll("input[data-technique]"));

  function countProgress(checklist) {
    const all = new Set();
    const done = new Set();
    for (const box of boxesIn(checklist)) {
      all.add(box.dataset.technique);
      if (box.checked) done.add(box.dataset.technique);
    }
    for (const output of checklist.querySelectorAll("[data-handbook-progress]")) {
      if (output.closest(CHECKLIST) === checklist) {
        output.textContent = `${done.size} of ${all.size} done`;
      }
    }
  }

  function showTicks() {
    const ticks = readTicks();
    for (const box of boxesIn(document)) box.checked = ticks[box.dataset.technique] === true;
    document.querySelectorAll(CHECKLIST).forEach(countProgress);
    document.querySelectorAll("[data-handbook-print], [data-handbook-reset]").forEach((button) => {
      button.hidden = false;
    });
  }

  function markTarget() {
    document.querySelectorAll(".handbook-technique.is-target").forEach((element) => element.classList.remove("is-target"));
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target || !target.classList.contains("handbook-technique")) return;
    target.classList.add("is-target");
    /* Material may restore an earlier scroll position after navigating: land on the technique. */
    const box = target.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) target.scrollIntoView({ block: "start" });
  }

  document.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.dataset.technique) return;
    const ticks = readTicks();
    if (box.checked) ticks[box.dataset.technique] = true;
    else delete ticks[box.dataset.technique];
    writeTicks(ticks);
    showTicks();
  });

  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element && event.target.closest("[data-handbook-print], [data-handbook-reset]");
    if (!button) return;
    if (button.hasAttribute("data-handbook-print")) {
      window.print();
      return;
    }
    const checklist = button.closest(CHECKLIST);
    const ticks = readTicks();
    for (const box of boxesIn(checklist || document)) delete ticks[box.dataset.technique];
    writeTicks(ticks);
    showTicks();
  });

  window.addEventListener("storage", (event) => {
    if (event.key === STORAGE_KEY) showTicks();
  });
  window.addEventListener("hashchange", markTarget);

  const onPage = () => {
    showTicks();
    markTarget();
  };
  if (typeof window.document$ !== "undefined") window.document$.subscribe(onPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
  else onPage();
})();
