// Follows a running import: polls its status every 1.5 s, moves the bar, reloads when it ends.
(function () {
  "use strict";
  var box = document.querySelector("[data-status-url]");
  if (!box) { return; }
  var bar = box.querySelector("[data-progress-bar]");
  var text = box.querySelector("[data-progress-text]");
  var title = box.querySelector("[data-status-text]");
  function poll() {
    fetch(box.getAttribute("data-status-url"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (!state.running) { window.location.reload(); return; }
        bar.style.width = state.percent + "%";
        bar.textContent = state.percent + "%";
        bar.setAttribute("aria-valuenow", state.processed);
        bar.setAttribute("aria-valuemax", state.total);
        text.textContent = state.processed + " / " + state.total;
        title.textContent = state.status_display;
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
}());
