/* sphinxext-obsidian: foldable callouts in the theme's own admonition markup.
 *
 * A callout written "> [!note]- Title" is a div.admonition with the attribute
 * data-callout-fold ("-" folded, "+" open). Without this script it is shown
 * open; with it, its title is a button that folds and unfolds the body, by
 * mouse and keyboard, and a link to something inside a folded callout opens it.
 */
(function () {
  "use strict";

  function setOpen(box, open) {
    box.classList.toggle("callout-folded", !open);
    var title = box.querySelector(":scope > .admonition-title");
    if (title) {
      title.setAttribute("aria-expanded", open ? "true" : "false");
    }
  }

  function prepare(box) {
    var title = box.querySelector(":scope > .admonition-title");
    if (!title || title.hasAttribute("role")) {
      return;
    }
    title.setAttribute("role", "button");
    title.setAttribute("tabindex", "0");
    var chevron = document.createElement("span");
    chevron.className = "callout-fold";
    chevron.setAttribute("aria-hidden", "true");
    title.appendChild(chevron);
    setOpen(box, box.getAttribute("data-callout-fold") === "+");
    function toggle(event) {
      if (event.target.closest("a")) {
        return; // a link in the title is followed, not folded
      }
      event.preventDefault();
      setOpen(box, box.classList.contains("callout-folded"));
    }
    title.addEventListener("click", toggle);
    title.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        toggle(event);
      }
    });
  }

  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var node = id ? document.getElementById(id) : null;
    for (; node; node = node.parentElement) {
      if (node.classList && node.classList.contains("callout-folded")) {
        setOpen(node, true);
      }
    }
  }

  function start() {
    document.querySelectorAll("div.callout[data-callout-fold]").forEach(prepare);
    reveal();
    window.addEventListener("hashchange", reveal);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
