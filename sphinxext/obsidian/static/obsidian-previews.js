/* Hover previews of links (sphinxext-obsidian).
 *
 * A link carrying the class "obsidian-preview" leads to a page whose preview
 * was written at build time beside it ("note.html" -> "note.preview.js"). The
 * preview is loaded as a script, the first time such a link is hovered or
 * focused, and shown in a popover: the section or block the link names, else
 * the page's opening. Escape closes it. Nothing is fetched from another site
 * and no page is fetched whole; from file:// it works the same.
 *
 * Math in a preview is typeset by the site's MathJax. A page without math of
 * its own has none loaded: it is loaded the first time a preview shows math,
 * as Sphinx loads it on pages with math (the address, attributes and
 * configuration scripts are on this script's tag).
 */
(function () {
  "use strict";
  var SHOW_DELAY = 300, FOCUS_DELAY = 150, HIDE_DELAY = 300;
  var script = document.currentScript;
  var suffix = (script && script.getAttribute("data-link-suffix")) || ".html";
  var previews = {}; // preview address -> {data} | {waiting: [callbacks]}
  var box = null, shownFor = null, showTimer = 0, hideTimer = 0, round = 0;

  function pageAddress(link) {
    var url = new URL(link.href, document.baseURI);
    url.hash = "";
    url.search = "";
    return url;
  }

  function previewAddress(page) {
    var url = new URL(page.href);
    var path = url.pathname;
    if (path.slice(-1) === "/") {
      path += "preview.js";
    } else if (suffix === "/" && /\/index\.html$/.test(path)) {
      // a dirhtml page opened by its file's name
      path = path.slice(0, -"index.html".length) + "preview.js";
    } else if (suffix && suffix !== "/" && path.slice(-suffix.length) === suffix) {
      path = path.slice(0, -suffix.length) + ".preview.js";
    } else {
      path += ".preview.js";
    }
    url.pathname = path;
    return url.href;
  }

  function finish(address, data) {
    var entry = previews[address];
    if (!entry || !entry.waiting) return;
    previews[address] = { data: data };
    entry.waiting.forEach(function (done) { done(data); });
  }

  window.obsidianPreviews = {
    add: function (element, data) {
      if (element && element.src) finish(element.src, data);
    }
  };

  function load(address, done) {
    var entry = previews[address];
    if (entry && entry.waiting) { entry.waiting.push(done); return; }
    if (entry) { done(entry.data); return; }
    previews[address] = { waiting: [done] };
    var tag = document.createElement("script");
    tag.src = address;
    tag.async = true;
    tag.onerror = function () { finish(tag.src, null); };
    tag.onload = function () { finish(tag.src, null); }; // when it did not call add()
    document.head.appendChild(tag);
  }

  /* -- math -------------------------------------------------------------- */

  var MATH = "span.math, div.math";
  var mathjaxAsked = false;

  function mathjaxReady() {
    var mathjax = window.MathJax;
    if (mathjax && typeof mathjax.typesetPromise === "function") return mathjax;
    if (mathjax && mathjax.Hub && typeof mathjax.Hub.Queue === "function") return mathjax;
    return null;
  }

  function parsed(name, fallback) {
    try { return JSON.parse(script.getAttribute(name) || "") || fallback; } catch (e) { return fallback; }
  }

  /* Load MathJax as Sphinx does on a page with math, unless the page has it. */
  function askForMathJax() {
    if (mathjaxAsked) return;
    mathjaxAsked = true;
    var path = script && script.getAttribute("data-mathjax");
    if (!path) return;
    var address = new URL(path, script.src).href;
    var bare = function (href) { return href.split(/[?#]/)[0]; };
    var own = [].some.call(document.scripts, function (tag) {
      return tag.src && bare(tag.src) === bare(address); // Sphinx adds "?v=..." to local files
    });
    if (own) return; // the page's own, still starting
    if (!window.MathJax) {
      parsed("data-mathjax-setup", []).forEach(function (pair) {
        var setup = document.createElement("script");
        if (pair[0]) setup.type = pair[0];
        setup.text = pair[1];
        document.head.appendChild(setup);
      });
    }
    var tag = document.createElement("script");
    var options = parsed("data-mathjax-options", {});
    Object.keys(options).forEach(function (name) { tag.setAttribute(name, options[name]); });
    tag.async = true;
    tag.src = address;
    document.head.appendChild(tag);
  }

  var typesetting = null; // MathJax 3 and 4 typeset one call after another

  /* Typeset the math of a preview once MathJax is there; then place it again.
   * Nothing to do where the site's math is not MathJax (imgmath: pictures). */
  function typeset(body, done, tries) {
    if (!(script && script.getAttribute("data-mathjax")) || !body.querySelector(MATH)) return;
    var mathjax = mathjaxReady();
    if (!mathjax) {
      askForMathJax();
      if ((tries || 0) < 200) setTimeout(function () { typeset(body, done, (tries || 0) + 1); }, 50);
      return;
    }
    if (mathjax.typesetPromise) {
      if (!typesetting) {
        typesetting = mathjax.startup && mathjax.startup.promise ? mathjax.startup.promise : Promise.resolve();
      }
      typesetting = typesetting
        .then(function () { return mathjax.typesetPromise([body]); })
        .then(done, function () { /* shown as written */ });
    } else {
      mathjax.Hub.Queue(["Typeset", mathjax.Hub, body], done);
    }
  }

  function forget(element) {
    var mathjax = window.MathJax;
    if (mathjax && typeof mathjax.typesetClear === "function") {
      try { mathjax.typesetClear([element]); } catch (e) { /* nothing to forget */ }
    }
    element.textContent = "";
  }

  /* -- the popover ----------------------------------------------------------- */

  function popover() {
    if (box) return box;
    box = document.createElement("div");
    box.className = "obsidian-popover";
    box.id = "obsidian-popover";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    box.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    box.addEventListener("mouseleave", function () { hideSoon(); });
    box.addEventListener("focusout", function (event) {
      if (!box.contains(event.relatedTarget) && event.relatedTarget !== shownFor) hideSoon();
    });
    document.body.appendChild(box);
    return box;
  }

  /* The preview's addresses are relative to the previewed page: make them absolute. */
  function rebase(root, page) {
    [["a", "href"], ["img", "src"], ["source", "src"], ["video", "src"], ["audio", "src"],
     ["object", "data"], ["embed", "src"]].forEach(function (pair) {
      root.querySelectorAll(pair[0] + "[" + pair[1] + "]").forEach(function (element) {
        var value = element.getAttribute(pair[1]);
        try { element.setAttribute(pair[1], new URL(value, page.href).href); } catch (e) { /* keep it */ }
      });
    });
    root.querySelectorAll("img[srcset]").forEach(function (image) { image.removeAttribute("srcset"); });
    // a tooltip holds nothing to tab to: its links are followed with the pointer
    root.querySelectorAll("a, button, input, select, textarea, [tabindex]").forEach(function (element) {
      element.setAttribute("tabindex", "-1");
    });
  }

  function place(element, link) {
    var rects = link.getClientRects();
    var rect = rects.length ? rects[0] : link.getBoundingClientRect();
    var width = Math.min(480, document.documentElement.clientWidth - 16);
    element.style.maxWidth = width + "px";
    var left = Math.max(8, Math.min(rect.left, document.documentElement.clientWidth - width - 8));
    element.style.left = (left + window.scrollX) + "px";
    var below = window.innerHeight - rect.bottom;
    var height = element.offsetHeight;
    var top = below < height + 12 && rect.top > below ? rect.top - height - 8 : rect.bottom + 8;
    element.style.top = (top + window.scrollY) + "px";
  }

  function show(link) {
    var page = pageAddress(link);
    var part = "";
    try { part = decodeURIComponent(new URL(link.href, document.baseURI).hash.slice(1)); } catch (e) { part = ""; }
    var mine = ++round;
    load(previewAddress(page), function (data) {
      if (mine !== round || !data || !data.parts) return;
      var html = Object.prototype.hasOwnProperty.call(data.parts, part) ? data.parts[part] : data.parts[""];
      if (!html) return;
      var element = popover();
      forget(element);
      var title = document.createElement("p");
      title.className = "obsidian-popover-title";
      title.textContent = data.title;
      var body = document.createElement("div");
      body.className = "obsidian-popover-body";
      body.innerHTML = html;
      rebase(body, page);
      element.appendChild(title);
      element.appendChild(body);
      element.hidden = false;
      element.style.top = "0px";
      place(element, link);
      if (shownFor && shownFor !== link) shownFor.removeAttribute("aria-describedby");
      shownFor = link;
      link.setAttribute("aria-describedby", element.id);
      typeset(body, function () {
        if (mine === round && !element.hidden && body.parentNode === element) place(element, link);
      });
    });
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    round++;
    if (box) box.hidden = true;
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    shownFor = null;
  }

  function hideSoon() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  function previewLink(target) {
    if (!(target instanceof Element)) return null;
    var link = target.closest("a." + "obsidian-preview");
    return link && !(box && box.contains(link)) ? link : null;
  }

  function showSoon(link, delay) {
    clearTimeout(hideTimer);
    if (link === shownFor && box && !box.hidden) return;
    clearTimeout(showTimer);
    showTimer = setTimeout(function () { show(link); }, delay);
  }

  document.addEventListener("mouseover", function (event) {
    var link = previewLink(event.target);
    if (link) showSoon(link, SHOW_DELAY);
  });
  document.addEventListener("mouseout", function (event) {
    var link = previewLink(event.target);
    if (link && !link.contains(event.relatedTarget)) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var link = previewLink(event.target);
    if (link) showSoon(link, FOCUS_DELAY);
  });
  document.addEventListener("focusout", function (event) {
    var link = previewLink(event.target);
    if (link && !(box && box.contains(event.relatedTarget))) hideSoon();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && (shownFor || (box && !box.hidden))) hide();
  });
})();
