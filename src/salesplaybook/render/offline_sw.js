/* The playbook's service worker (its first lines, written at build time, give VERSION and the
   FILES of this language's site). It keeps every page, style, script, the search index and the
   rules on the first visit, so the whole playbook opens with no signal; it answers from what
   it keeps and fetches anything else; a newly published version replaces the old one and the
   open pages are told, with the version. */
"use strict";

const CACHE = "playbook-" + VERSION;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // one by one: a missing file must not stop the others from being kept
    return Promise.all(FILES.map(function (url) {
      return cache.add(new Request(url, {cache: "reload"})).catch(function () { return null; });
    }));
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("playbook-") === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  if (event.data === "skip-waiting") self.skipWaiting();
  if (event.data === "version" && event.source) {
    event.source.postMessage({type: "version", version: VERSION, playbook: PLAYBOOK_VERSION});
  }
});

self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(caches.open(CACHE).then(function (cache) {
    // a page is kept under its folder URL (stages/x/), whatever its query string
    return cache.match(request, {ignoreSearch: request.mode === "navigate"}).then(function (hit) {
      if (hit) return hit;
      return fetch(request).then(function (response) {
        if (response.ok && response.type === "basic") cache.put(request, response.clone());
        return response;
      }).catch(function () {
        return cache.match("./") || Response.error();
      });
    });
  }));
});
