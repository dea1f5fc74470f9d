/* sphinxext-obsidian: zoom, pan and highlighting for the graphs drawn at build time.
 *
 * Without this script a graph is a still drawing whose nodes are links. With
 * it: the buttons, the keys + - 0 and the arrows (on the focused graph), and
 * Ctrl (or Cmd) with the wheel zoom; dragging pans (a drag that starts on a
 * node does not open it); hovering or focusing a node highlights it, its
 * neighbours and their links, and dims the rest. Zooming into the whole graph
 * labels more of its nodes. Nothing is fetched: it works from file:// too.
 */
(function () {
  "use strict";

  var MAX_ZOOM = 16;
  var STEP = 1.25;
  var DRAG = 4; // pixels a press must move to be a drag rather than a click

  function graph(root) {
    var viewport = root.querySelector(":scope > .obsidian-graph-viewport");
    var svg = viewport && viewport.querySelector(":scope > svg.obsidian-graph-svg");
    if (!svg || root.hasAttribute("data-obsidian-graph-ready")) {
      return;
    }
    root.setAttribute("data-obsidian-graph-ready", "");
    var start = svg.getAttribute("viewBox").split(/\s+/).map(parseFloat);
    var view = start.slice();
    var font = parseFloat(svg.getAttribute("font-size")) || 12;
    var nodes = svg.querySelectorAll(".obsidian-graph-node");
    var lines = svg.querySelectorAll(".obsidian-graph-links line");
    var near = null; // node -> [[neighbour, line], ...], made on first use

    function zoomLevel() {
      return start[2] / view[2];
    }

    function show() {
      svg.setAttribute("viewBox", view.map(function (v) { return v.toFixed(2); }).join(" "));
      var zoom = zoomLevel();
      // labels grow more slowly than the drawing, so that more of them fit
      svg.setAttribute("font-size", (font / Math.pow(zoom, 0.6)).toFixed(2));
      svg.setAttribute("data-detail", zoom >= 6 ? "3" : zoom >= 3 ? "2" : zoom >= 1.6 ? "1" : "0");
      root.setAttribute("data-obsidian-graph-zoom", zoom.toFixed(2));
    }

    // the point of the drawing under a point of the screen
    function toDrawing(clientX, clientY) {
      var matrix = svg.getScreenCTM();
      if (!matrix) {
        return null;
      }
      var point = svg.createSVGPoint();
      point.x = clientX;
      point.y = clientY;
      return point.matrixTransform(matrix.inverse());
    }

    function zoom(factor, clientX, clientY) {
      var level = Math.min(MAX_ZOOM, Math.max(1, zoomLevel() * factor));
      var width = start[2] / level;
      var height = start[3] / level;
      var box = svg.getBoundingClientRect();
      var at = toDrawing(
        clientX === undefined ? box.left + box.width / 2 : clientX,
        clientY === undefined ? box.top + box.height / 2 : clientY
      );
      if (!at) {
        return;
      }
      view = [
        at.x - (at.x - view[0]) * (width / view[2]),
        at.y - (at.y - view[1]) * (height / view[3]),
        width,
        height,
      ];
      show();
    }

    function reset() {
      view = start.slice();
      show();
    }

    function pan(dx, dy) {
      var matrix = svg.getScreenCTM();
      var scale = matrix ? matrix.a : 1;
      view[0] -= dx / scale;
      view[1] -= dy / scale;
      show();
    }

    var tools = document.createElement("div");
    tools.className = "obsidian-graph-tools";
    [
      ["\u2212", "Zoom out", function () { zoom(1 / STEP); }],
      ["+", "Zoom in", function () { zoom(STEP); }],
      ["Reset", "Show the whole graph", reset],
    ].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      button.title = spec[1];
      button.setAttribute("aria-label", spec[1]);
      button.addEventListener("click", spec[2]);
      tools.appendChild(button);
    });
    viewport.insertBefore(tools, svg);

    viewport.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) {
        return;
      }
      event.preventDefault();
      zoom(event.deltaY < 0 ? 1.1 : 1 / 1.1, event.clientX, event.clientY);
    }, { passive: false });

    viewport.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      var moves = { ArrowLeft: [40, 0], ArrowRight: [-40, 0], ArrowUp: [0, 40], ArrowDown: [0, -40] };
      if (event.key === "+" || event.key === "=") {
        zoom(STEP);
      } else if (event.key === "-") {
        zoom(1 / STEP);
      } else if (event.key === "0") {
        reset();
      } else if (moves[event.key] && event.target === viewport) {
        pan(moves[event.key][0], moves[event.key][1]);
      } else {
        return;
      }
      event.preventDefault();
    });

    // -- dragging pans; a drag never opens the node it started on. Once pressed,
    // the pointer is followed over the whole window, so a quick drag that leaves
    // the drawing still pans it.
    var press = null;
    var dragged = false;
    function follow(event) {
      if (!press || event.pointerId !== press.id) {
        return;
      }
      var dx = event.clientX - press.x;
      var dy = event.clientY - press.y;
      if (!press.moving && Math.abs(dx) + Math.abs(dy) < DRAG) {
        return;
      }
      if (!press.moving) {
        press.moving = true;
        dragged = true;
        viewport.classList.add("obsidian-graph-panning");
        clear();
      }
      press.x = event.clientX;
      press.y = event.clientY;
      pan(dx, dy);
    }
    function release(event) {
      if (press && event.pointerId === press.id) {
        press = null;
        viewport.classList.remove("obsidian-graph-panning");
        window.removeEventListener("pointermove", follow);
        window.removeEventListener("pointerup", release);
        window.removeEventListener("pointercancel", release);
      }
    }
    svg.addEventListener("dragstart", function (event) { event.preventDefault(); });
    svg.addEventListener("pointerdown", function (event) {
      if (event.button !== 0 || press) {
        return;
      }
      press = { x: event.clientX, y: event.clientY, id: event.pointerId, moving: false };
      dragged = false;
      window.addEventListener("pointermove", follow);
      window.addEventListener("pointerup", release);
      window.addEventListener("pointercancel", release);
    });
    svg.addEventListener("click", function (event) {
      if (dragged) {
        event.preventDefault();
        event.stopPropagation();
        dragged = false;
      }
    }, true);

    // -- a node and its neighbours highlighted, the rest dimmed
    function neighbours() {
      if (near === null) {
        near = [];
        for (var n = 0; n < nodes.length; n++) {
          near.push([]);
        }
        lines.forEach(function (line) {
          var ends = (line.getAttribute("data-link") || "").split(" ");
          var a = nodes[+ends[0]];
          var b = nodes[+ends[1]];
          if (a && b) {
            near[+ends[0]].push([b, line]);
            near[+ends[1]].push([a, line]);
          }
        });
      }
      return near;
    }
    // The highlighted node, its neighbours and their links are copied into a
    // group drawn over the rest, and the rest is dimmed as two groups: a change
    // of a few elements, however large the graph (dimming each of thousands of
    // nodes would restyle them all). The copies let the pointer through to the
    // nodes under them, which stay the links that are clicked.
    var overlay = document.createElementNS("http://www.w3.org/2000/svg", "g");
    overlay.setAttribute("class", "obsidian-graph-overlay");
    overlay.setAttribute("aria-hidden", "true");
    svg.appendChild(overlay);
    var shown = -1;
    function copy(element, extra) {
      var twin = element.cloneNode(true);
      twin.removeAttribute("href");
      twin.removeAttribute("data-node");
      twin.classList.add("obsidian-graph-near");
      if (extra) {
        twin.classList.add(extra);
      }
      return twin;
    }
    function clear() {
      if (shown >= 0) {
        overlay.textContent = "";
        svg.classList.remove("obsidian-graph-focus");
        shown = -1;
      }
    }
    function highlight(node) {
      var index = +node.getAttribute("data-node");
      if (index === shown) {
        return;
      }
      clear();
      var list = neighbours()[index] || [];
      var part = document.createDocumentFragment();
      list.forEach(function (pair) { part.appendChild(copy(pair[1])); });
      list.forEach(function (pair) { part.appendChild(copy(pair[0])); });
      part.appendChild(copy(node, "obsidian-graph-source"));
      overlay.appendChild(part);
      svg.classList.add("obsidian-graph-focus");
      shown = index;
    }
    function nodeOf(target) {
      return target && target.closest ? target.closest(".obsidian-graph-node") : null;
    }
    svg.addEventListener("pointerover", function (event) {
      var node = nodeOf(event.target);
      if (node && !(press && press.moving)) {
        highlight(node);
      }
    });
    svg.addEventListener("pointerout", function (event) {
      var node = nodeOf(event.target);
      if (node && !node.contains(event.relatedTarget)) {
        clear();
      }
    });
    svg.addEventListener("focusin", function (event) {
      var node = nodeOf(event.target);
      if (node) {
        highlight(node);
      }
    });
    svg.addEventListener("focusout", clear);
    show();
  }

  function all() {
    document.querySelectorAll("[data-obsidian-graph]").forEach(graph);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", all);
  } else {
    all();
  }
})();
