{% load static %}/* The check-in page's service worker: the page and its files kept, so a scanner reopened without
 * network still works (its scans wait in localStorage until the network is back; check_in.js).
 * Only GET requests of the check-in pages and their static files are answered from the cache;
 * scans (POST) always go to the network.
 */
"use strict";
var CACHE = "craftmatch-check-in-v1";
var ASSETS = [
  "{% static 'css/app.css' %}", "{% static 'js/app.js' %}", "{% static 'visitors/visitors.css' %}",
  "{% static 'visitors/vendor/jsQR.js' %}", "{% static 'visitors/check_in.js' %}"
];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(ASSETS); }));
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name !== CACHE && name.indexOf("craftmatch-check-in-") === 0; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate" && /\/check-in\/$/.test(url.pathname)) {
    // The network first (fresh page, fresh CSRF token), the kept copy when there is none.
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    }).catch(function () { return caches.match(request, { ignoreVary: true }); }));
    return;
  }
  if (ASSETS.indexOf(url.pathname) >= 0) {
    event.respondWith(caches.match(request).then(function (kept) { return kept || fetch(request); }));
  }
});
