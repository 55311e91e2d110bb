/* Big "Listen" buttons: play the recording the institute uploaded, or else read the text
   with the phone's own Hindi (or English) voice. A button that can do neither on this phone
   is hidden. No inline script: pages include this file. */
(function () {
  "use strict";
  var current = null;
  var synth = window.speechSynthesis || null;

  function voiceFor(lang) {
    if (!synth) return null;
    var want = lang === "hi" ? "hi" : "en";
    var voices = synth.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().indexOf(want) === 0) return voices[i];
    }
    return null;
  }

  function mark(button, state) {
    button.setAttribute("data-state", state);
  }

  function speak(button) {
    var voice = voiceFor(button.getAttribute("data-lang"));
    if (!voice) { mark(button, "no-voice"); return; }
    var utterance = new SpeechSynthesisUtterance(button.getAttribute("data-speak"));
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9;
    utterance.onstart = function () { mark(button, "playing"); };
    utterance.onend = function () { mark(button, "played"); };
    synth.speak(utterance);
  }

  function play(button) {
    if (current) { current.pause(); current = null; }
    if (synth) synth.cancel();
    var src = button.getAttribute("data-src");
    if (!src) { speak(button); return; }
    var audio = new Audio(src);
    current = audio;
    mark(button, "loading");
    audio.addEventListener("playing", function () { mark(button, "playing"); });
    audio.addEventListener("ended", function () { mark(button, "played"); });
    audio.addEventListener("error", function () { speak(button); });
    var started = audio.play();
    if (started && started.catch) started.catch(function () { speak(button); });
  }

  function refresh() {
    var buttons = document.querySelectorAll("button.play");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      button.hidden = !button.getAttribute("data-src") && !voiceFor(button.getAttribute("data-lang"));
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.play") : null;
    if (button) { event.preventDefault(); play(button); }
  });
  refresh();
  if (synth && synth.addEventListener) synth.addEventListener("voiceschanged", refresh);
})();
