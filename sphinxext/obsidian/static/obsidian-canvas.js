/* sphinxext-obsidian: zoom and pan for canvas boards.
 *
 * Without this script a board is shown at its real size and scrolls. With it,
 * the board opens fitted to the page's width (never smaller than a third of
 * its size), buttons and the keys + - 0 zoom it, Ctrl (or Cmd) with the wheel
 * zooms at the pointer, and dragging the background pans it.
 */
(function () {
  "use strict";

  var MIN = 0.2;
  var MAX = 2.5;

  function board(root) {
    var viewport = root.querySelector(":scope > .obsidian-canvas-viewport");
    var sizer = viewport && viewport.querySelector(":scope > .obsidian-canvas-sizer");
    var plane = sizer && sizer.querySelector(":scope > .obsidian-canvas-plane");
    if (!plane || root.hasAttribute("data-obsidian-canvas-ready")) {
      return;
    }
    root.setAttribute("data-obsidian-canvas-ready", "");
    var width = parseFloat(plane.style.width);
    var height = parseFloat(plane.style.height);
    var scale = 1;

    function zoom(next, atX, atY) {
      next = Math.min(MAX, Math.max(MIN, next));
      var x = atX === undefined ? viewport.clientWidth / 2 : atX;
      var y = atY === undefined ? viewport.clientHeight / 2 : atY;
      var boardX = (viewport.scrollLeft + x) / scale;
      var boardY = (viewport.scrollTop + y) / scale;
      scale = next;
      plane.style.transform = "scale(" + scale + ")";
      sizer.style.width = width * scale + "px";
      sizer.style.height = height * scale + "px";
      viewport.scrollLeft = boardX * scale - x;
      viewport.scrollTop = boardY * scale - y;
      root.setAttribute("data-obsidian-canvas-scale", scale.toFixed(2));
    }

    function fit() {
      zoom(Math.max(1 / 3, Math.min(1, (viewport.clientWidth - 2) / width)), 0, 0);
      viewport.scrollLeft = 0;
      viewport.scrollTop = 0;
    }

    var tools = document.createElement("div");
    tools.className = "obsidian-canvas-tools";
    [
      ["\u2212", "Zoom out", function () { zoom(scale / 1.25); }],
      ["+", "Zoom in", function () { zoom(scale * 1.25); }],
      ["Fit", "Fit the board to the page's width", fit],
      ["1:1", "Actual size", function () { zoom(1); }],
    ].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      button.title = spec[1];
      button.setAttribute("aria-label", spec[1]);
      button.addEventListener("click", spec[2]);
      tools.appendChild(button);
    });
    viewport.insertBefore(tools, sizer);

    viewport.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) {
        return;
      }
      event.preventDefault();
      var box = viewport.getBoundingClientRect();
      zoom(scale * (event.deltaY < 0 ? 1.1 : 1 / 1.1), event.clientX - box.left, event.clientY - box.top);
    }, { passive: false });

    viewport.addEventListener("keydown", function (event) {
      if (event.target !== viewport) {
        return;
      }
      if (event.key === "+" || event.key === "=") {
        zoom(scale * 1.25);
      } else if (event.key === "-") {
        zoom(scale / 1.25);
      } else if (event.key === "0") {
        fit();
      } else {
        return;
      }
      event.preventDefault();
    });

    var drag = null;
    viewport.addEventListener("pointerdown", function (event) {
      var onCard = event.target.closest && event.target.closest(".obsidian-canvas-card:not(.obsidian-canvas-group), .obsidian-canvas-tools");
      if (onCard || event.button !== 0) {
        return;
      }
      drag = { x: event.clientX, y: event.clientY, left: viewport.scrollLeft, top: viewport.scrollTop };
      viewport.classList.add("obsidian-canvas-panning");
      viewport.setPointerCapture(event.pointerId);
    });
    viewport.addEventListener("pointermove", function (event) {
      if (drag) {
        viewport.scrollLeft = drag.left - (event.clientX - drag.x);
        viewport.scrollTop = drag.top - (event.clientY - drag.y);
      }
    });
    function stop() {
      drag = null;
      viewport.classList.remove("obsidian-canvas-panning");
    }
    viewport.addEventListener("pointerup", stop);
    viewport.addEventListener("pointercancel", stop);

    if (width > viewport.clientWidth) {
      fit();
    }
  }

  function all() {
    document.querySelectorAll("[data-obsidian-canvas]").forEach(board);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", all);
  } else {
    all();
  }
})();
