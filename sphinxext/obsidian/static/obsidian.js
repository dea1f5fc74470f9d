/* sphinxext-obsidian: foldable callouts in the theme's own admonition markup.
 *
 * A callout written "> [!note]- Title" is a div.admonition with the attribute
 * data-callout-fold ("-" folded, "+" open). Without this script it is shown
 * open; with it, its title is a button that folds and unfolds the body, by
 * mouse and keyboard, and a link to something inside a folded callout opens it.
 * A line in the page's head keeps folded callouts folded until this runs
 * ("obsidian-folds" on <html>); it gives them back open should this never run.
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
    box.classList.add("callout-ready");
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

  // the element an address's "#..." names, or null (a malformed one names nothing)
  function named(hash) {
    try {
      var id = decodeURIComponent(hash.slice(1));
      return id ? document.getElementById(id) : null;
    } catch (error) {
      return null;
    }
  }

  // open the folded callouts around an element; whether any was folded
  function unfold(node) {
    var opened = false;
    for (; node; node = node.parentElement) {
      if (node.classList && node.classList.contains("callout-folded")) {
        setOpen(node, true);
        opened = true;
      }
    }
    return opened;
  }

  function reveal() {
    var target = named(window.location.hash);
    if (unfold(target)) {
      target.scrollIntoView(); // it was hidden when the browser looked for it
    }
  }

  // a link to this page: the callouts around its target open before the
  // browser scrolls there (also when the address does not change)
  function follow(event) {
    var link = event.target.closest ? event.target.closest("a[href*='#']") : null;
    if (
      link &&
      link.pathname === window.location.pathname &&
      link.search === window.location.search
    ) {
      unfold(named(link.hash));
    }
  }

  function start() {
    document.querySelectorAll("div.callout[data-callout-fold]").forEach(prepare);
    // every callout of the page is prepared: callouts added later (a hover
    // preview's) are shown open, as they are not prepared
    window.obsidianFolds = true;
    document.documentElement.classList.remove("obsidian-folds");
    reveal();
    window.addEventListener("hashchange", reveal);
    document.addEventListener("click", follow, true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
