// The family table of a household file: "添加家庭成员" copies the formset's empty row.
(function () {
  "use strict";
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("[data-add-family]");
    if (!btn) return;
    ev.preventDefault();
    var total = document.getElementById("id_family-TOTAL_FORMS");
    var template = document.getElementById("family-empty");
    var body = document.querySelector("#family-table tbody");
    if (!total || !template || !body) return;
    var index = parseInt(total.value, 10);
    if (index >= 12) return;
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    body.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
  });
})();
