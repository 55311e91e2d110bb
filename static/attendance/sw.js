/* Offline worker for the attendance pages (served at /attendance/sw.js, scope /attendance/).
 *
 * Pages: network first, the last copy when there is no connection, so a coordinator can
 * reopen the roll call in a hall without data. Scripts and styles: the cached copy first.
 * A batch's attendance page, opened online, asks the worker to keep every page its hall
 * needs (each session's roll call and check-in, the scripts and styles they load). A page
 * the phone does not hold answers with Sashakt's own offline page (kept at install), never
 * the browser's error.
 * Marks themselves are not handled here: the page keeps them in IndexedDB and sends them.
 *
 * The same worker is served at /followup/library/sw.js for the library (scope
 * /followup/library/): a material's file (/library/files/<id>/<hash>/) is kept the first
 * time it is opened and read from the phone after that. Its address holds the content's
 * hash, so a kept copy is never stale.
 */
"use strict";

var CACHE = "sashakt-attendance-v2";
var OFFLINE_PAGE = new URL("offline/", self.registration.scope).href;
/* Django's pages vary on Cookie and Accept-Language: a kept page is the same page. */
var ANY = { ignoreVary: true };

function keep(cache, url) {
  return fetch(url, { credentials: "same-origin" }).then(function (response) {
    if (!response.ok || response.redirected) { return false; }
    return cache.put(url, response).then(function () { return true; });
  }).catch(function () { return false; });
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) { return keep(cache, OFFLINE_PAGE); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (!Array.isArray(data.keep)) { return; }
  var urls = data.keep.map(function (url) { return new URL(url, self.location.origin); })
    .filter(function (url) { return url.origin === self.location.origin; })
    .map(function (url) { return url.href; });
  var port = event.ports && event.ports[0];
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return Promise.all(urls.map(function (url) { return keep(cache, url); }));
    }).then(function (kept) {
      var count = kept.filter(Boolean).length;
      if (port) { port.postMessage({ kept: count, asked: urls.length }); }
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("sashakt-attendance-") === 0 && name !== CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf("/library/files/") !== -1) {
    event.respondWith(
      caches.match(url.href, ANY).then(function (cached) {
        return cached || fetch(url.href, { credentials: "same-origin" }).then(function (response) {
          if (response.status === 200 && !response.redirected) {
            var copy = response.clone();
            caches.open(CACHE).then(function (cache) { cache.put(url.href, copy); });
          }
          return response;
        });
      })
    );
    return;
  }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(
      caches.match(request, ANY).then(function (cached) {
        return cached || fetch(request).then(function (response) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
          return response;
        });
      })
    );
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      }).catch(function () {
        return caches.match(request, ANY).then(function (cached) {
          return cached || caches.match(OFFLINE_PAGE, ANY);
        }).then(function (page) {
          return page || new Response("", { status: 503, statusText: "Offline" });
        });
      })
    );
  }
});
