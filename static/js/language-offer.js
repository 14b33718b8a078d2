// Offers an English page's version in the visitor's language (templates/base.html): the
// first of the browser's languages that the site has, when it comes before English. Never
// a redirect; dismissed once, never offered again (localStorage).
(function () {
  "use strict";
  var KEY = "language-offer-dismissed";
  var box = document.getElementById("language-offer");
  if (!box) return;
  try {
    if (window.localStorage.getItem(KEY)) return;
  } catch (e) {
    return; // No storage: a dismissal could not be remembered, so offer nothing.
  }
  var offers = {};
  document.querySelectorAll("template.language-offer-text").forEach(function (t) {
    offers[t.dataset.language] = t;
  });
  var wanted = navigator.languages || [navigator.language || ""];
  var chosen = null;
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (code === "en") break;
    if (offers[code]) {
      chosen = offers[code];
      break;
    }
  }
  if (!chosen) return;
  box.appendChild(chosen.content.cloneNode(true));
  box.hidden = false;
  box.querySelector(".language-offer-dismiss").addEventListener("click", function () {
    try {
      window.localStorage.setItem(KEY, "1");
    } catch (e) {}
    box.hidden = true;
  });
})();
