/* Action plans and check-ins (issue 26). No inline script: the pages include this file.

   Voice notes: a [data-recorder] box records with the browser's MediaRecorder (opus in webm,
   or ogg where that is what the phone has), stops at the size limit, and puts the recording
   into the box's file input, so the form sends it like any chosen file. A phone that cannot
   record says so and keeps the plain file input.

   Photos: an input[data-compress] redraws a chosen photo on a canvas (longest side 1600 px,
   JPEG) before upload, so a 12 MB camera photo goes as a few hundred KB. */
(function () {
  "use strict";

  function recorderType() {
    if (!window.MediaRecorder || !navigator.mediaDevices) return null;
    var types = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"];
    for (var i = 0; i < types.length; i++) {
      if (MediaRecorder.isTypeSupported && MediaRecorder.isTypeSupported(types[i])) return types[i];
    }
    return null;
  }

  function suffixFor(type) {
    if (type.indexOf("webm") >= 0) return ".webm";
    if (type.indexOf("ogg") >= 0) return ".ogg";
    return ".m4a";
  }

  function setFile(input, blob, name) {
    var transfer = new DataTransfer();
    transfer.items.add(new File([blob], name, { type: blob.type }));
    input.files = transfer.files;
  }

  function setupRecorder(box) {
    var input = box.querySelector("input[type=file]");
    var start = box.querySelector("[data-record-start]");
    var stop = box.querySelector("[data-record-stop]");
    var status = box.querySelector("[data-record-status]");
    var maxBytes = parseInt(box.getAttribute("data-max-bytes"), 10) || 5242880;
    var type = recorderType();
    if (!type) {
      status.textContent = box.getAttribute("data-text-unsupported");
      box.setAttribute("data-state", "unsupported");
      start.hidden = true;
      stop.hidden = true;
      return;
    }
    var recorder = null;
    var chunks = [];
    var size = 0;
    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        chunks = [];
        size = 0;
        recorder = new MediaRecorder(stream, { mimeType: type, audioBitsPerSecond: 24000 });
        recorder.ondataavailable = function (event) {
          if (!event.data || !event.data.size) return;
          chunks.push(event.data);
          size += event.data.size;
          if (size >= maxBytes * 0.95 && recorder.state === "recording") recorder.stop();
        };
        recorder.onstop = function () {
          stream.getTracks().forEach(function (track) { track.stop(); });
          var blob = new Blob(chunks, { type: type.split(";")[0] });
          setFile(input, blob, "voice-note" + suffixFor(type));
          status.textContent = box.getAttribute("data-text-done");
          box.setAttribute("data-state", "recorded");
          start.hidden = false;
          stop.hidden = true;
        };
        recorder.start(1000);
        status.textContent = box.getAttribute("data-text-recording");
        box.setAttribute("data-state", "recording");
        start.hidden = true;
        stop.hidden = false;
      }).catch(function () {
        status.textContent = box.getAttribute("data-text-denied");
        box.setAttribute("data-state", "denied");
      });
    });
    stop.addEventListener("click", function () {
      if (recorder && recorder.state === "recording") recorder.stop();
    });
  }

  function setupCompress(input) {
    var longest = parseInt(input.getAttribute("data-compress"), 10) || 1600;
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file || !window.createImageBitmap || file.type.indexOf("image/") !== 0) return;
      input.setAttribute("data-state", "compressing");
      createImageBitmap(file).then(function (bitmap) {
        var scale = Math.min(1, longest / Math.max(bitmap.width, bitmap.height));
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(function (blob) {
          if (blob && blob.size < file.size) setFile(input, blob, "photo.jpg");
          input.setAttribute("data-state", "ready");
        }, "image/jpeg", 0.8);
      }).catch(function () {
        input.setAttribute("data-state", "ready");
      });
    });
  }

  document.querySelectorAll("[data-recorder]").forEach(setupRecorder);
  document.querySelectorAll("input[data-compress]").forEach(setupCompress);
})();
