// Service places near the worker: ask the phone for its position (only when they press the
// button), then reload the list with lat and lng; without it, the district list stays.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("[data-locate]");
    if (!form) return;
    var button = form.querySelector("[data-locate-me]");
    var status = form.querySelector("[data-locate-status]");
    button.addEventListener("click", function () {
      if (!navigator.geolocation) { status.hidden = false; return; }
      navigator.geolocation.getCurrentPosition(function (pos) {
        form.elements.lat.value = pos.coords.latitude.toFixed(6);
        form.elements.lng.value = pos.coords.longitude.toFixed(6);
        form.elements.division.value = "";
        form.submit();
      }, function () { status.hidden = false; }, { enableHighAccuracy: false, timeout: 8000, maximumAge: 600000 });
    });
  });
})();
