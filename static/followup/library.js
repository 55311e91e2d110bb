/* The library page: registers the offline worker for /followup/library/ (a file opened once
 * is kept on the phone by it) and offers to keep every file of the page at once. */
(function () {
  "use strict";
  var root = document.querySelector("[data-library]");
  if (!root || !("serviceWorker" in navigator)) { return; }
  navigator.serviceWorker.register(root.dataset.sw, { scope: root.dataset.scope })
    .then(function () { return navigator.serviceWorker.ready; })
    .then(function (registration) {
      var button = root.querySelector("[data-keep-all]");
      if (!button || !window.MessageChannel) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var urls = Array.prototype.map.call(root.querySelectorAll("a[data-keep]"), function (a) { return a.href; });
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          var note = root.querySelector("[data-kept-note]");
          note.querySelector("[data-kept-count]").textContent = event.data.kept + " / " + event.data.asked;
          note.hidden = false;
          root.dataset.kept = String(event.data.kept);
        };
        registration.active.postMessage({ keep: urls }, [channel.port2]);
      });
    })
    .catch(function () { /* the page still works online */ });
})();
