/* The dashboard: hovering or focusing a network node brings out its links. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("wfl-data").textContent);
  var svg = document.querySelector("svg.network");
  if (!svg || !data.network) return;
  var neighbours = {};
  data.network.edges.forEach(function (e) {
    (neighbours[e[0]] = neighbours[e[0]] || []).push(e[1]);
    (neighbours[e[1]] = neighbours[e[1]] || []).push(e[0]);
  });
  var nodes = svg.querySelectorAll(".node");
  var edges = svg.querySelectorAll(".edge");

  function clear() {
    svg.classList.remove("focused");
    Array.prototype.forEach.call(svg.querySelectorAll(".hi, .nb"), function (e) { e.classList.remove("hi", "nb"); });
  }

  function focus(i) {
    clear();
    svg.classList.add("focused");
    nodes[i].classList.add("hi");
    (neighbours[i] || []).forEach(function (j) { nodes[j].classList.add("nb"); });
    Array.prototype.forEach.call(edges, function (e) {
      if (+e.getAttribute("data-a") === i || +e.getAttribute("data-b") === i) e.classList.add("hi");
    });
  }

  Array.prototype.forEach.call(nodes, function (n) {
    var i = +n.getAttribute("data-i");
    n.addEventListener("mouseenter", function () { focus(i); });
    n.addEventListener("mouseleave", clear);
    n.addEventListener("focus", function () { focus(i); });
    n.addEventListener("blur", clear);
  });
})();
