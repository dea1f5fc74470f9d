/* A stand-in for MathJax 3 and 4 in the tests (they have no network): the
 * part of its interface the previews script uses (startup.promise,
 * typesetPromise, typesetClear). It typesets the page when it starts, as
 * MathJax does, replacing each math element's TeX with a marked element, and
 * records how often it was loaded, with what configuration and attributes. */
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
      math.textContent = "";
      math.appendChild(shown);
      record.typeset += 1;
    });
  }

  var mathjax = found || {};
  mathjax.startup = { promise: Promise.resolve() };
  mathjax.typesetPromise = function (roots) {
    (roots || [document.body]).forEach(typeset);
    return Promise.resolve();
  };
  mathjax.typesetClear = function () {};
  window.MathJax = mathjax;
  if (document.body) typeset(document.body);
})();
