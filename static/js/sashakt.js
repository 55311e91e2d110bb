// Sashakt's only script of its own (the Content-Security-Policy allows no inline script).
// A select marked data-autosubmit sends its form as soon as it changes.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("[data-autosubmit]") && field.form) {
    field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
  }
});

// Signing out forgets what this phone kept for working offline (the roll call's waiting
// marks and cached pages, a test's unsent answers): a hall's shared phone must not show the
// next person someone else's participants. Anything not yet sent is lost by that, so the
// officer is asked first.
(function () {
  "use strict";
  var ATTENDANCE_DB = "sashakt-attendance";  // attendance.js's outbox (store "outbox")
  var ANSWERS = "sashakt-attempt-";  // take.js's unsent answers, one key per attempt

  function waitingMarks() {
    if (!window.indexedDB) { return Promise.resolve(0); }
    return new Promise(function (resolve) {
      var request = indexedDB.open(ATTENDANCE_DB);
      request.onsuccess = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains("outbox")) { db.close(); resolve(0); return; }
        var count = db.transaction("outbox", "readonly").objectStore("outbox").count();
        count.onsuccess = function () { db.close(); resolve(count.result); };
        count.onerror = function () { db.close(); resolve(0); };
      };
      request.onerror = function () { resolve(0); };
    });
  }

  function answerKeys() {
    var keys = [];
    try {
      for (var i = 0; i < localStorage.length; i++) {
        if (localStorage.key(i).indexOf(ANSWERS) === 0) { keys.push(localStorage.key(i)); }
      }
    } catch (e) { /* storage disabled */ }
    return keys;
  }

  function waitingAnswers() {
    return answerKeys().reduce(function (total, key) {
      try { return total + Object.keys(JSON.parse(localStorage.getItem(key)) || {}).length; }
      catch (e) { return total; }
    }, 0);
  }

  function forget() {
    answerKeys().forEach(function (key) { localStorage.removeItem(key); });
    var steps = [];
    if (window.indexedDB) {
      steps.push(new Promise(function (resolve) {
        var request = indexedDB.deleteDatabase(ATTENDANCE_DB);
        request.onsuccess = request.onerror = request.onblocked = function () { resolve(); };
      }));
    }
    if (window.caches) {
      steps.push(caches.keys().then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.indexOf("sashakt-") === 0;
        }).map(function (name) { return caches.delete(name); }));
      }));
    }
    return Promise.all(steps);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-sign-out]") || form.dataset.forgotten) { return; }
    event.preventDefault();
    var counted = false;
    function signOut() { form.dataset.forgotten = "1"; form.submit(); }
    // A browser whose storage never answers must not keep anyone signed in.
    setTimeout(function () { if (!counted) { signOut(); } }, 3000);
    waitingMarks().then(function (marks) {
      counted = true;
      var waiting = marks + waitingAnswers();
      if (waiting && !window.confirm(form.dataset.unsent.replace("{count}", waiting))) {
        return;
      }
      return forget().then(signOut);
    }).catch(signOut);
  });
})();

// A "Print" button (recovery codes): no inline script is allowed, so it is wired here.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) window.print();
});
