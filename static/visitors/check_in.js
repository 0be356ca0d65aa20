/* The check-in page: scans (camera or typed code) queued in localStorage, sent when online.
 *
 * Each scan gets its own id here, so a scan sent twice (a retry, the queue sent again after the
 * network came back) counts once on the server. The device's time of the scan travels with it.
 */
(function () {
  "use strict";
  var root = document.getElementById("scanner");
  if (!root) { return; }
  var data = root.dataset;
  var queueKey = data.queueKey;
  var csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  var resultBox = document.getElementById("scan-result");
  var networkBox = document.getElementById("scan-network");
  var queueBox = document.getElementById("scan-queue");
  var form = document.getElementById("code-form");
  var input = document.getElementById("pass-code");
  var sending = false;
  var lastShown = null;

  function newId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function readQueue() {
    try { return JSON.parse(window.localStorage.getItem(queueKey) || "[]"); } catch (e) { return []; }
  }

  function writeQueue(queue) {
    window.localStorage.setItem(queueKey, JSON.stringify(queue));
    queueBox.textContent = queue.length ? data.msgPending + " " + queue.length : "";
  }

  function show(result) {
    resultBox.className = "scan-result " + (result.admitted ? "scan-admitted" : "scan-refused");
    resultBox.textContent = "";
    var message = document.createElement("p");
    message.className = "scan-message";
    message.textContent = result.message;
    resultBox.appendChild(message);
    if (result.kind) {
      var kind = document.createElement("p");
      kind.textContent = result.kind;
      resultBox.appendChild(kind);
    }
    if (result.repeated) {
      var repeated = document.createElement("p");
      repeated.className = "muted";
      repeated.textContent = data.msgRepeated;
      resultBox.appendChild(repeated);
    }
  }

  function flush() {
    var queue = readQueue();
    if (sending || !queue.length) { return; }
    if (navigator.onLine === false) { networkBox.textContent = data.msgQueued; return; }
    sending = true;
    var batch = queue.slice(0, 100);
    fetch(data.endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ scans: batch })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      sending = false;
      if (!answer.ok) { networkBox.textContent = answer.body.error || data.msgError; return; }
      networkBox.textContent = "";
      var done = {};
      answer.body.results.forEach(function (result) { done[result.id] = result; });
      writeQueue(readQueue().filter(function (scan) { return !done[scan.id]; }));
      var latest = batch[batch.length - 1];
      if (latest && done[latest.id]) { lastShown = latest.id; show(done[latest.id]); }
      if (readQueue().length) { flush(); }
    }).catch(function () {
      sending = false;
      networkBox.textContent = data.msgQueued;
    });
  }

  function scan(code) {
    var item = { id: newId(), code: code, at: new Date().toISOString() };
    if (data.gate) { item.gate = data.gate; } else { item.session = data.session; }
    var queue = readQueue();
    queue.push(item);
    writeQueue(queue);
    resultBox.className = "scan-result";
    resultBox.textContent = "…";
    flush();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var code = input.value.trim();
    if (!code) { return; }
    input.value = "";
    scan(code);
    input.focus();
  });
  window.addEventListener("online", flush);
  window.addEventListener("offline", function () { networkBox.textContent = data.msgQueued; });
  window.setInterval(flush, 4000);
  writeQueue(readQueue());
  flush();

  // Kept for a reopening without network: the service worker serves this page and its files.
  if ("serviceWorker" in navigator && window.caches && data.worker) {
    navigator.serviceWorker.register(data.worker, { scope: "/visitors/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      return window.caches.open("craftmatch-check-in-v1");
    }).then(function (cache) {
      return cache.add(window.location.href);
    }).then(function () {
      root.setAttribute("data-offline-ready", "1");
    }).catch(function () { /* no offline copy: the page still queues while it stays open */ });
  }

  // The camera: frames read by the vendored jsQR. A code is scanned once while it stays in view;
  // shown again after two seconds out of view (the visitor comes back), it is a new scan.
  var startButton = document.getElementById("camera-start");
  var video = document.getElementById("camera-video");
  var canvas = document.getElementById("camera-canvas");
  var lastCode = "", lastSeenAt = 0;
  function tick() {
    if (video.readyState === video.HAVE_ENOUGH_DATA && window.jsQR) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      var context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      var now = Date.now();
      if (found && found.data) {
        if (found.data !== lastCode || now - lastSeenAt > 2000) { scan(found.data); }
        lastCode = found.data;
        lastSeenAt = now;
      }
    }
    window.setTimeout(tick, 250);
  }
  startButton.addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      networkBox.textContent = data.msgCamera;
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      startButton.hidden = true;
      video.play();
      tick();
    }).catch(function () { networkBox.textContent = data.msgCamera; });
  });
})();
