/* Taking a test: every answer is sent as it is given. If the connection drops, answers wait
   in the phone's storage and are sent when it returns (and the final form carries them all
   anyway), so nothing is lost. */
(function () {
  "use strict";
  var form = document.getElementById("test-form");
  if (!form) return;
  var saveUrl = form.getAttribute("data-save-url");
  var storageKey = "sashakt-attempt-" + form.getAttribute("data-attempt");
  var status = document.getElementById("save-state");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var pending = {};
  var sending = false;

  try { pending = JSON.parse(window.localStorage.getItem(storageKey) || "{}"); } catch (e) { pending = {}; }

  function remember() {
    try { window.localStorage.setItem(storageKey, JSON.stringify(pending)); } catch (e) { /* private mode */ }
  }

  function show(state) {
    status.setAttribute("data-state", state);
    status.textContent = status.getAttribute("data-text-" + state);
  }

  function answerOf(fieldset) {
    var options = [];
    var inputs = fieldset.querySelectorAll("input[type=radio], input[type=checkbox]");
    for (var i = 0; i < inputs.length; i++) if (inputs[i].checked) options.push(inputs[i].value);
    var text = fieldset.querySelector("textarea");
    return { options: options, text: text ? text.value : "" };
  }

  function restore() {
    Object.keys(pending).forEach(function (question) {
      var fieldset = form.querySelector("fieldset[data-question='" + question + "']");
      if (!fieldset) return;
      var answer = pending[question];
      var inputs = fieldset.querySelectorAll("input[type=radio], input[type=checkbox]");
      for (var i = 0; i < inputs.length; i++) inputs[i].checked = answer.options.indexOf(inputs[i].value) >= 0;
      var text = fieldset.querySelector("textarea");
      if (text) text.value = answer.text;
    });
  }

  function flush() {
    var questions = Object.keys(pending);
    if (sending || !questions.length) return;
    sending = true;
    var question = questions[0];
    var answer = pending[question];
    var body = new FormData();
    body.append("question", question);
    answer.options.forEach(function (o) { body.append("option", o); });
    body.append("text", answer.text);
    fetch(saveUrl, { method: "POST", body: body, credentials: "same-origin",
                     headers: { "X-CSRFToken": csrf } })
      .then(function (response) {
        sending = false;
        if (response.ok || response.status === 400) {
          if (pending[question] === answer) delete pending[question];
          remember();
          if (response.ok) {
            if (Object.keys(pending).length) flush(); else show("saved");
          } else {
            show("error");
          }
        } else {
          show("pending");
        }
      })
      .catch(function () { sending = false; show("pending"); });
  }

  function changed(fieldset) {
    pending[fieldset.getAttribute("data-question")] = answerOf(fieldset);
    remember();
    show("pending");
    flush();
  }

  var typing = null;
  form.addEventListener("change", function (event) {
    var fieldset = event.target.closest("fieldset[data-question]");
    if (fieldset) changed(fieldset);
  });
  form.addEventListener("input", function (event) {
    if (event.target.tagName !== "TEXTAREA") return;
    var fieldset = event.target.closest("fieldset[data-question]");
    window.clearTimeout(typing);
    typing = window.setTimeout(function () { changed(fieldset); }, 800);
  });
  form.addEventListener("submit", function () {
    // The final form carries every answer; what is stored here is no longer needed.
    pending = {};
    remember();
  });
  window.addEventListener("online", flush);
  window.setInterval(flush, 5000);

  var timer = document.getElementById("timer");
  if (timer) {
    var deadline = new Date(timer.getAttribute("data-deadline")).getTime();
    var two = function (n) { return ("0" + n).slice(-2); };
    var tick = function () {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      // A test that stays open for days (no time limit, only a closing date) keeps the
      // server's words ("2 दिन, 23 घंटे"); a clock counts only the last day.
      if (left >= 86400) { return; }
      var hours = Math.floor(left / 3600), minutes = Math.floor((left % 3600) / 60);
      timer.textContent = (hours ? hours + ":" + two(minutes) : minutes) + ":" + two(left % 60);
      if (left === 0) { window.clearInterval(timing); form.submit(); }
    };
    var timing = window.setInterval(tick, 1000);
    tick();
  }

  if (Object.keys(pending).length) { restore(); show("pending"); flush(); }
})();
