// Reading a QR code with the device's camera (kernel/scan.html). The decoded text is put into
// the form's field and the form is sent; without a camera (or without permission) the field is
// typed or filled by a hand scanner, which types like a keyboard.
(function () {
  "use strict";

  function start(box) {
    var form = box.closest("form");
    var field = form && form.querySelector(box.dataset.scanField);
    var video = box.querySelector("video");
    var status = box.querySelector("[data-scan-status]");
    if (!field || !video || !window.jsQR || !navigator.mediaDevices) return;
    var canvas = document.createElement("canvas");
    var ctx = canvas.getContext("2d", { willReadFrequently: true });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        function tick() {
          if (video.readyState === video.HAVE_ENOUGH_DATA) {
            canvas.width = video.videoWidth;
            canvas.height = video.videoHeight;
            ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
            var img = ctx.getImageData(0, 0, canvas.width, canvas.height);
            var code = window.jsQR(img.data, img.width, img.height, { inversionAttempts: "dontInvert" });
            if (code && code.data) {
              stream.getTracks().forEach(function (t) { t.stop(); });
              field.value = code.data;
              form.requestSubmit();
              return;
            }
          }
          requestAnimationFrame(tick);
        }
        requestAnimationFrame(tick);
      })
      .catch(function () {
        if (status) status.hidden = false;
      });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-scan-start]");
    if (!button) return;
    var box = button.closest("[data-scan]");
    if (box) start(box);
  });
})();
