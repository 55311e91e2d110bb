/* Attendance in a hall with weak mobile data: the roll-call grid and the QR check-in.
 *
 * Every tap becomes an item in an IndexedDB outbox, keyed by a client-generated id, and is
 * shown at once; the outbox is sent whenever the connection allows (now, on "online", every
 * few seconds). The server records each id once, so sending an item twice is harmless.
 * Without this script the same forms post to the server as ordinary forms.
 */
(function () {
  "use strict";

  var DB_NAME = "sashakt-attendance";
  var STORE = "outbox";
  var ATTENDED = ["present", "late", "left_early"];
  var flushing = false;

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "client_id" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var request = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () {
          db.close();
          resolve(request ? request.result : undefined);
        };
        transaction.onerror = function () { db.close(); reject(transaction.error); };
      });
    });
  }

  function outboxPut(item) { return withStore("readwrite", function (s) { return s.put(item); }); }
  function outboxAll() { return withStore("readonly", function (s) { return s.getAll(); }); }
  function outboxDelete(id) { return withStore("readwrite", function (s) { return s.delete(id); }); }

  function newClientId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var random = new Uint32Array(4);
    crypto.getRandomValues(random);
    return Date.now().toString(36) + "-" + Array.prototype.map.call(random, function (n) {
      return n.toString(36);
    }).join("");
  }

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function labels(root) {
    try { return JSON.parse(root.dataset.labels || "{}"); } catch (e) { return {}; }
  }

  /* --- Sync status ------------------------------------------------------------------- */

  function showPending() {
    return outboxAll().then(function (items) {
      document.querySelectorAll("[data-pending]").forEach(function (el) {
        el.textContent = String(items.length);
      });
      document.querySelectorAll("[data-sync-text]").forEach(function (el) {
        el.textContent = navigator.onLine ? el.dataset.online : el.dataset.offline;
      });
    });
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body)
    });
  }

  function flush() {
    if (flushing || !navigator.onLine) { return showPending(); }
    flushing = true;
    return outboxAll().then(function (items) {
      var marks = {};
      var checkins = [];
      items.forEach(function (item) {
        if (item.kind === "checkin") { checkins.push(item); }
        else { (marks[item.url] = marks[item.url] || []).push(item); }
      });
      var chain = Promise.resolve();
      Object.keys(marks).forEach(function (url) {
        chain = chain.then(function () { return sendMarks(url, marks[url]); });
      });
      checkins.forEach(function (item) {
        chain = chain.then(function () { return sendCheckin(item); });
      });
      return chain;
    }).catch(function () {
      /* No connection after all: the items stay in the outbox. */
    }).then(function () {
      flushing = false;
      return showPending();
    });
  }

  function sendMarks(url, items) {
    return post(url, { marks: items }).then(function (response) {
      if (!response.ok) { throw new Error("marks not accepted: " + response.status); }
      return response.json();
    }).then(function (data) {
      return Promise.all(data.results.map(function (result) {
        markSettled(result);
        return outboxDelete(result.client_id);
      }));
    });
  }

  function sendCheckin(item) {
    return post(item.url, item).then(function (response) {
      if (response.status >= 500 || response.status === 403 || response.status === 401) {
        throw new Error("check-in not accepted: " + response.status);
      }
      return response.json().then(function (data) {
        checkinSettled(item, data);
        return outboxDelete(item.client_id);
      });
    });
  }

  /* --- Roll-call grid ---------------------------------------------------------------- */

  var grid = document.querySelector("[data-attendance-grid]");

  function rowFor(nomination) {
    return grid && grid.querySelector("[data-nomination='" + nomination + "']");
  }

  function showRow(row, status) {
    var text = labels(grid)[status] || status;
    row.dataset.status = status;
    row.querySelector("[data-testid=state]").textContent = text;
    var toggle = row.querySelector("form[data-toggle] input[name=status]");
    if (toggle) { toggle.value = ATTENDED.indexOf(status) >= 0 ? "absent" : "present"; }
    var present = grid.querySelectorAll("[data-nomination]");
    var count = 0;
    present.forEach(function (r) { if (ATTENDED.indexOf(r.dataset.status) >= 0) { count += 1; } });
    grid.querySelector("[data-present-count]").textContent = String(count);
  }

  function markSettled(result) {
    if (!grid) { return; }
    var pending = grid.querySelector("[data-client-id='" + result.client_id + "']");
    if (!pending) { return; }
    pending.removeAttribute("data-client-id");
    var error = pending.querySelector("[data-row-error]");
    if (!result.ok) {
      error.textContent = result.error;
      error.hidden = false;
    } else {
      error.hidden = true;
      if (result.status) { showRow(pending, result.status); }
    }
  }

  function queueMark(row, fields) {
    var item = {
      kind: "mark",
      url: grid.dataset.api,
      client_id: newClientId(),
      session: Number(grid.dataset.session),
      nomination: Number(row.dataset.nomination),
      method: grid.dataset.method || "grid",
      marked_at: new Date().toISOString(),
      status: fields.status,
      arrived_at: fields.arrived_at || "",
      left_at: fields.left_at || "",
      reason: fields.reason || ""
    };
    row.setAttribute("data-client-id", item.client_id);
    showRow(row, item.status);
    return outboxPut(item);
  }

  /* Marks still waiting (this page was reopened before they were sent) are shown as such. */
  function showWaiting() {
    return outboxAll().then(function (items) {
      items.forEach(function (item) {
        if (item.kind !== "mark" || item.session !== Number(grid.dataset.session)) { return; }
        var row = rowFor(item.nomination);
        if (!row) { return; }
        row.setAttribute("data-client-id", item.client_id);
        showRow(row, item.status);
      });
    });
  }

  if (grid) {
    showWaiting();
    grid.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.matches("form[data-all-present]")) {
        event.preventDefault();
        var queued = [];
        var why = new FormData(form).get("reason") || "";
        grid.querySelectorAll("[data-nomination]").forEach(function (row) {
          if (!row.dataset.status) { queued.push(queueMark(row, { status: "present", reason: why })); }
        });
        Promise.all(queued).then(flush);
        return;
      }
      if (!form.matches("form[data-mark-form]")) { return; }
      event.preventDefault();
      var row = form.closest("[data-nomination]");
      var data = new FormData(form);
      var fields = {
        status: data.get("status"),
        arrived_at: data.get("arrived_at"),
        left_at: data.get("left_at"),
        reason: data.get("reason")
      };
      if (form.hasAttribute("data-toggle")) {
        fields.status = ATTENDED.indexOf(row.dataset.status) >= 0 ? "absent" : "present";
      }
      var details = form.closest("details");
      if (details) { details.open = false; }
      queueMark(row, fields).then(flush);
    });
  }

  /* --- QR check-in ------------------------------------------------------------------- */

  var checkin = document.querySelector("[data-attendance-checkin]");
  var checkedIn = {};

  function normalise(code) { return code.toUpperCase().replace(/[^0-9A-Z]/g, ""); }

  function showPerson(person, state) {
    var box = checkin.querySelector("[data-result]");
    box.textContent = "";
    if (person) {
      var name = document.createElement("p");
      name.className = "who";
      name.innerHTML = "";
      var strong = document.createElement("strong");
      strong.textContent = person.name;
      name.appendChild(strong);
      var place = document.createElement("p");
      place.textContent = person.designation + " · " + person.district;
      box.appendChild(name);
      box.appendChild(place);
    }
    var status = document.createElement("p");
    status.className = "state";
    status.textContent = state;
    box.appendChild(status);
  }

  function checkinSettled(item, data) {
    if (!checkin) { return; }
    var text = labels(checkin);
    if (!data.ok) {
      showPerson(null, data.error || text.unknown);
      return;
    }
    checkedIn[data.nomination] = true;
    if (item.shown === checkin.dataset.lastShown) {
      showPerson(data, data.already ? text.already : text.present);
    }
  }

  function queueCheckin(value) {
    var text = labels(checkin);
    var roster = [];
    try { roster = JSON.parse(checkin.dataset.roster || "[]"); } catch (e) { roster = []; }
    var item = {
      kind: "checkin",
      url: checkin.dataset.api,
      client_id: newClientId(),
      session: Number(checkin.dataset.session),
      marked_at: new Date().toISOString()
    };
    var code = normalise(value);
    var person = null;
    if (value.length > 16) {
      item.token = value.trim();
    } else {
      item.code = code;
      person = roster.filter(function (p) { return p.code === code; })[0] || null;
      if (!person) { showPerson(null, text.unknown); return Promise.resolve(); }
    }
    item.shown = item.client_id;
    checkin.dataset.lastShown = item.client_id;
    if (person) {
      showPerson(person, checkedIn[person.nomination] ? text.already : text.present);
      checkedIn[person.nomination] = true;
    } else {
      showPerson(null, text.queued);
    }
    return outboxPut(item).then(flush);
  }

  if (checkin) {
    var form = checkin.querySelector("form[data-code-form]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var input = form.querySelector("input[name=code]");
      var value = input.value;
      input.value = "";
      input.focus();
      if (value.trim()) { queueCheckin(value); }
    });
    startCamera();
  }

  function startCamera() {
    var button = checkin.querySelector("[data-start-camera]");
    var video = checkin.querySelector("[data-camera]");
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      var last = "";
      var lastAt = 0;
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
        .then(function (stream) {
          video.srcObject = stream;
          video.hidden = false;
          button.hidden = true;
          return video.play();
        })
        .then(function () {
          window.setInterval(function () {
            detector.detect(video).then(function (codes) {
              if (!codes.length) { return; }
              var value = codes[0].rawValue;
              var now = Date.now();
              /* The same QR held in front of the camera is one scan, not many. */
              if (value === last && now - lastAt < 4000) { return; }
              last = value;
              lastAt = now;
              queueCheckin(value);
            }).catch(function () { /* a frame that could not be read */ });
          }, 350);
        })
        .catch(function () { button.hidden = true; });
    });
  }

  /* --- The batch page keeps its hall's pages on the phone ------------------------------- */

  var hall = document.querySelector("[data-hall-offline]");
  if (hall && "serviceWorker" in navigator && window.MessageChannel) {
    var pages = JSON.parse(hall.dataset.pages || "[]");
    var assets = (hall.dataset.static || "").split(" ").filter(Boolean);
    document.querySelectorAll("link[rel=stylesheet], link[rel=preload], script[src]")
      .forEach(function (node) { assets.push(node.href || node.src); });
    navigator.serviceWorker.register(hall.dataset.sw, { scope: hall.dataset.scope })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          hall.dataset.kept = String(event.data.kept);
          var note = hall.querySelector("[data-testid=offline-ready]");
          if (note && event.data.kept === event.data.asked) { note.hidden = false; }
        };
        registration.active.postMessage({ keep: pages.concat(assets) }, [channel.port2]);
      })
      .catch(function () { /* the pages still work online */ });
  }

  /* --- Start ------------------------------------------------------------------------- */

  var root = grid || checkin;
  if (root) {
    if ("serviceWorker" in navigator && root.dataset.sw) {
      navigator.serviceWorker.register(root.dataset.sw, { scope: root.dataset.scope })
        .catch(function () { /* pages still work online without it */ });
    }
    window.addEventListener("online", flush);
    window.addEventListener("offline", showPending);
    window.setInterval(flush, 10000);
    flush();
  }
})();
