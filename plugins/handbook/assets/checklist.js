/* Networking Handbook: tickable checklists, and ticks a reader can keep and carry.
 *
 * Ticks are kept in localStorage by technique id, so ticking a technique on one checklist
 * shows it ticked on every checklist that holds it. A tick saved under an old id of a
 * technique (a checkbox's data-aliases) is moved to its id. Reset asks first and offers
 * undo; Export downloads the ticks as a JSON file, Import merges such a file back; a share
 * link carries the ticks in the URL fragment, which never reaches a server. Print blank
 * prints the checklist unticked without touching the saved ticks.
 *
 * Works with Material's instant navigation (document$ emits on every page shown) and
 * without it. Every listener is on the document, added once.
 */
(() => {
  "use strict";
  const STORAGE_KEY = "networking-handbook:ticks:v1";
  const FORMAT = "networking-handbook-ticks"; /* the "format" of an exported file */
  const SHARE = "ticks="; /* a share link's fragment: #ticks=id,id,... */
  const ID = /^[a-z0-9][a-z0-9._-]{0,199}$/i; /* what a technique id looks like */
  const CHECKLIST = "[data-handbook-checklist]";

  const readTicks = () => {
    try {
      const ticks = JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}");
      return ticks && typeof ticks === "object" && !Array.isArray(ticks) ? ticks : {};
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
  const tickedIds = (ticks) => Object.keys(ticks).filter((id) => ticks[id] === true).sort();
  const boxesIn = (root) => Array.from(root.querySelectorAll("input[data-technique]"));
  const idsIn = (root) => new Set(boxesIn(root).map((box) => box.dataset.technique));
  const own = (checklist, selector) =>
    Array.from(checklist.querySelectorAll(selector)).filter((element) => element.closest(CHECKLIST) === checklist);
  const outermost = () => Array.from(document.querySelectorAll(CHECKLIST)).filter((c) => !c.parentElement.closest(CHECKLIST));
  const plural = (count, noun) => `${count} ${noun}${count === 1 ? "" : "s"}`;

  /* Ticks saved under an old id of a technique on this page count under its id. */
  function migrate(ticks) {
    let moved = false;
    for (const box of boxesIn(document)) {
      for (const alias of (box.dataset.aliases || "").split(/\s+/)) {
        if (alias && ticks[alias] === true) {
          ticks[box.dataset.technique] = true;
          delete ticks[alias];
          moved = true;
        }
      }
    }
    return moved;
  }

  function countProgress(checklist, blank) {
    const all = new Set();
    const done = new Set();
    for (const box of boxesIn(checklist)) {
      all.add(box.dataset.technique);
      if (box.checked) done.add(box.dataset.technique);
    }
    const noun = checklist.dataset.handbookNoun || "techniques";
    const text = `${done.size} of ${all.size} ${noun} done`;
    for (const output of own(checklist, "[data-handbook-progress]")) output.textContent = text;
    for (const output of own(checklist, "[data-handbook-sheet-progress]")) {
      output.textContent = blank ? `${all.size} ${noun}.` : `${text}.`;
    }
  }

  function showDate() {
    const today = new Date().toLocaleDateString(document.documentElement.lang || undefined, {
      year: "numeric",
      month: "long",
      day: "numeric",
    });
    document.querySelectorAll("[data-handbook-date]").forEach((output) => {
      output.textContent = `Printed ${today}.`;
    });
    document.querySelectorAll("[data-handbook-address]").forEach((output) => {
      output.textContent = siteAddress();
    });
  }

  function showTicks() {
    const ticks = readTicks();
    if (migrate(ticks)) writeTicks(ticks);
    for (const box of boxesIn(document)) box.checked = ticks[box.dataset.technique] === true;
    document.querySelectorAll(CHECKLIST).forEach((checklist) => countProgress(checklist, false));
    document.querySelectorAll("[data-handbook-actions]").forEach((actions) => {
      actions.hidden = false;
    });
    showDate();
  }

  /* Merge ticks (ids) into the saved ones; returns how many were new. */
  function mergeTicks(ids) {
    const ticks = readTicks();
    const added = ids.filter((id) => ticks[id] !== true);
    for (const id of ids) ticks[id] = true;
    writeTicks(ticks);
    showTicks();
    return added.length;
  }

  /* --- messages, the confirmation dialog, undo ------------------------------------------ */

  function say(checklist, message, { undo = null, link = null } = {}) {
    const status = own(checklist, "[data-handbook-status]")[0];
    if (!status) return;
    status.querySelector("[data-handbook-message]").textContent = message;
    const undoButton = status.querySelector("[data-handbook-undo]");
    undoButton.hidden = undo === null;
    undoButton.onclick = undo;
    const field = status.querySelector("[data-handbook-link]");
    if (field) {
      field.hidden = link === null;
      field.value = link || "";
    }
  }

  /* Ask in the checklist's modal <dialog>; ``onConfirm`` runs only if the reader confirms. */
  function ask(checklist, texts, onConfirm) {
    const dialog = own(checklist, "[data-handbook-dialog]")[0];
    if (!dialog || typeof dialog.showModal !== "function") {
      if (window.confirm(`${texts.title}\n\n${texts.message}`)) onConfirm();
      return;
    }
    dialog.querySelector("[data-handbook-dialog-title]").textContent = texts.title;
    dialog.querySelector("[data-handbook-dialog-message]").textContent = texts.message;
    const confirm = dialog.querySelector("[data-handbook-dialog-confirm]");
    const cancel = dialog.querySelector("[data-handbook-dialog-cancel]");
    confirm.textContent = texts.confirm;
    cancel.textContent = texts.cancel;
    const close = (confirmed) => {
      confirm.onclick = cancel.onclick = null;
      dialog.close();
      if (confirmed) onConfirm();
    };
    confirm.onclick = () => close(true);
    cancel.onclick = () => close(false);
    dialog.showModal();
    cancel.focus(); /* the safe choice first */
  }

  function askReset(checklist, button) {
    const ticks = readTicks();
    const here = idsIn(checklist);
    const ticked = Array.from(here).filter((id) => ticks[id] === true);
    if (!ticked.length) {
      say(checklist, "Nothing to reset: no technique of this checklist is ticked.");
      return;
    }
    /* On a chapter's checklist, say that the ticks of other chapters' techniques stay. */
    const kept = checklist.hasAttribute("data-handbook-chapter") ? tickedIds(ticks).filter((id) => !here.has(id)).length : 0;
    const message =
      `This unticks the ${plural(ticked.length, "ticked technique")} of this checklist, wherever they appear.` +
      (kept ? ` Your ${plural(kept, "other tick")}, of techniques only other chapters hold, stay.` : "") +
      " You can undo it straight after.";
    ask(checklist, { title: "Reset ticks?", message, confirm: "Untick them", cancel: "Keep my ticks" }, () => {
      const now = readTicks();
      for (const id of ticked) delete now[id];
      writeTicks(now);
      showTicks();
      say(checklist, `Unticked ${plural(ticked.length, "technique")}.`, {
        undo: () => {
          mergeTicks(ticked);
          say(checklist, `Ticks restored: ${plural(ticked.length, "technique")}.`);
          button.focus();
        },
      });
      const undo = own(checklist, "[data-handbook-undo]")[0];
      if (undo) undo.focus();
    });
  }

  /* --- export, import, share --------------------------------------------------------------- */

  const isoDate = () => new Date().toISOString().slice(0, 10);

  function exportTicks(checklist) {
    const ids = tickedIds(readTicks());
    const data = { format: FORMAT, version: 1, exported: new Date().toISOString(), site: siteAddress(), ticks: ids };
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `handbook-ticks-${isoDate()}.json`;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    say(checklist, `Exported ${plural(ids.length, "tick")} to ${link.download}. Use "Import ticks" to add them in another browser.`);
  }

  /* The ids an exported file (or an older {id: true} object) holds, or null if it is not one. */
  function idsOfFile(data) {
    let ids = null;
    if (data && data.format === FORMAT && Array.isArray(data.ticks)) ids = data.ticks;
    else if (data && typeof data === "object" && !Array.isArray(data) && !("format" in data)) ids = tickedIds(data);
    if (ids === null || !ids.every((id) => typeof id === "string" && ID.test(id))) return null;
    return ids;
  }

  async function importTicks(checklist, input) {
    const file = input.files && input.files[0];
    input.value = ""; /* the same file can be chosen again */
    if (!file) return;
    let ids = null;
    try {
      ids = idsOfFile(JSON.parse(await file.text()));
    } catch (error) {
      ids = null;
    }
    if (ids === null) {
      say(checklist, `${file.name} holds no ticks: choose a file that "Export ticks" saved.`);
      return;
    }
    const added = mergeTicks(ids);
    say(checklist, `Imported ${plural(ids.length, "tick")} from ${file.name}: ${added} new, the others were already ticked.`);
  }

  function siteAddress() {
    return window.location.href.split("#")[0];
  }

  function shareLink(checklist) {
    const ids = tickedIds(readTicks());
    const link = `${siteAddress()}#${SHARE}${ids.join(",")}`;
    const shown = () =>
      say(checklist, `A link with your ${plural(ids.length, "tick")}; copy it to open them in another browser:`, {
        link,
      });
    if (!navigator.clipboard || !window.isSecureContext) {
      shown();
      return;
    }
    navigator.clipboard.writeText(link).then(
      () => say(checklist, `Link copied: it carries your ${plural(ids.length, "tick")} to whoever opens it.`, { link }),
      shown,
    );
  }

  /* A share link opened: offer to add its ticks, then drop them from the address. */
  function takeSharedTicks() {
    const hash = window.location.hash;
    if (!hash.startsWith(`#${SHARE}`)) return;
    const ids = decodeURIComponent(hash.slice(SHARE.length + 1))
      .split(",")
      .filter((id) => ID.test(id));
    window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
    const checklist = outermost()[0];
    if (!checklist || !ids.length) return;
    const message =
      `This link carries ${plural(ids.length, "tick")}. Add them to the ticks saved in this browser?` +
      " Your own ticks stay as they are.";
    ask(checklist, { title: "Add shared ticks?", message, confirm: "Add ticks", cancel: "Not now" }, () => {
      const added = mergeTicks(ids);
      say(checklist, `Added ${plural(added, "tick")} from the link.`);
    });
  }

  /* --- printing, filtering ------------------------------------------------------------------ */

  function print(blank) {
    if (blank) {
      for (const box of boxesIn(document)) box.checked = false; /* on paper only: nothing is saved */
      document.querySelectorAll(CHECKLIST).forEach((checklist) => countProgress(checklist, true));
    }
    showDate();
    try {
      window.print();
    } finally {
      if (blank) {
        showTicks();
      }
    }
  }

  function toggleFilter(checklist, button) {
    const on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", String(on));
    const items = own(checklist, "li.handbook-checklist__item");
    let shown = 0;
    for (const item of items) {
      const box = item.querySelector("input[data-technique]");
      item.hidden = on && box !== null && box.checked;
      if (!item.hidden) shown += 1;
    }
    say(checklist, on ? `Showing the ${shown} unticked of ${items.length}.` : `Showing all ${items.length}.`);
  }

  /* --- events ------------------------------------------------------------------------------- */

  document.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    if (input.hasAttribute("data-handbook-import")) {
      const checklist = input.closest(CHECKLIST);
      if (checklist) importTicks(checklist, input);
      return;
    }
    if (!input.dataset.technique) return;
    const ticks = readTicks();
    if (input.checked) ticks[input.dataset.technique] = true;
    else delete ticks[input.dataset.technique];
    writeTicks(ticks);
    showTicks();
  });

  const ACTIONS = "[data-handbook-print], [data-handbook-reset], [data-handbook-export], [data-handbook-share], [data-handbook-filter]";
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element && event.target.closest(ACTIONS);
    if (!button) return;
    const checklist = button.closest(CHECKLIST);
    if (button.hasAttribute("data-handbook-print")) print(button.dataset.handbookPrint === "blank");
    else if (!checklist) return;
    else if (button.hasAttribute("data-handbook-reset")) askReset(checklist, button);
    else if (button.hasAttribute("data-handbook-export")) exportTicks(checklist);
    else if (button.hasAttribute("data-handbook-share")) shareLink(checklist);
    else if (button.hasAttribute("data-handbook-filter")) toggleFilter(checklist, button);
  });

  window.addEventListener("storage", (event) => {
    if (event.key === STORAGE_KEY) showTicks();
  });
  window.addEventListener("beforeprint", showDate);

  function markTarget() {
    document.querySelectorAll(".handbook-technique.is-target").forEach((element) => element.classList.remove("is-target"));
    let id = "";
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return;
    }
    const target = id && document.getElementById(id);
    if (!target || !target.classList.contains("handbook-technique")) return;
    target.classList.add("is-target");
    /* Material may restore an earlier scroll position after navigating: land on the technique. */
    const box = target.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) target.scrollIntoView({ block: "start" });
  }
  window.addEventListener("hashchange", () => {
    markTarget();
    takeSharedTicks();
  });

  const onPage = () => {
    showTicks();
    markTarget();
    takeSharedTicks();
  };
  if (typeof window.document$ !== "undefined") window.document$.subscribe(onPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
  else onPage();
})();
