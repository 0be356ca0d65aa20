// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Preselect the browser's time zone in sign-up forms that ask for one.
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { zone = null; }
  document.querySelectorAll("select[data-detect-time-zone]").forEach(function (select) {
    if (!zone || select.dataset.touched) { return; }
    var option = select.querySelector('option[value="' + zone + '"]');
    if (option && select.value === "UTC") { select.value = zone; }
  });
  // Ask before destructive actions marked with data-confirm.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });
})();
