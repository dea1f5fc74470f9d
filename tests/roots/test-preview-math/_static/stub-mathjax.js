/* A stand-in for MathJax 3 and 4 in the tests (they have no network): the
 * part of its interface the previews script uses (startup.promise,
 * typesetPromise, typesetClear), there only once it has started, some time
 * after it is loaded (the configuration's "stubDelay", in milliseconds), as
 * MathJax is. It then typesets the page, as MathJax does, replacing each math
 * element's TeX with a marked element (a display taller than its TeX was),
 * and records how often it was loaded, with what configuration and attributes. */
(function () {
  "use strict";
  var found = window.MathJax || null;
  var record = window.stubMathJax || (window.stubMathJax = { loads: 0, configs: [], typeset: 0 });
  record.loads += 1;
  record.configs.push(JSON.stringify(found));
  record.referrerpolicy = document.currentScript && document.currentScript.getAttribute("referrerpolicy");

  function typeset(root) {
    root.querySelectorAll("span.math, div.math").forEach(function (math) {
      if (math.querySelector("mjx-container")) return;
      var shown = document.createElement("mjx-container");
      shown.setAttribute("data-tex", math.textContent);
      shown.textContent = "typeset";
      if (math.tagName === "DIV") {
        shown.style.display = "block";
        shown.style.height = "160px";
      }
      math.textContent = "";
      math.appendChild(shown);
      record.typeset += 1;
    });
  }

  var mathjax = found || {};
  window.MathJax = mathjax;
  var ready;
  mathjax.startup = { promise: new Promise(function (resolve) { ready = resolve; }) };
  setTimeout(function () {
    mathjax.typesetPromise = function (roots) {
      (roots || [document.body]).forEach(typeset);
      return Promise.resolve();
    };
    mathjax.typesetClear = function () {};
    typeset(document.body);
    ready();
  }, (found && found.stubDelay) || 0);
})();
