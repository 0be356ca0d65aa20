/* Live counts: the table's figures read again every ten seconds from its JSON twin. */
(function () {
  "use strict";
  var table = document.getElementById("live-counts");
  if (!table) { return; }
  function refresh() {
    fetch(table.dataset.endpoint, { credentials: "same-origin" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (body) {
      if (!body) { return; }
      body.places.forEach(function (place) {
        var row = table.querySelector('tr[data-place="' + place.kind + "-" + place.id + '"]');
        if (!row) { return; }
        row.querySelector(".count-scans").textContent = place.scans;
        var people = row.querySelector(".count-people");
        var rest = people.textContent.indexOf("/") >= 0 ? " /" + people.textContent.split("/")[1] : "";
        people.textContent = place.people + rest;
      });
    }).catch(function () { /* offline: the figures shown stay until the next try */ });
  }
  window.setInterval(refresh, 10000);
})();
