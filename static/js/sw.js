// SRO Log's service worker (served at /sw.js; sro_log/offline.py). It keeps the officer's home,
// the form of every kind and the static files, so those pages open without a signal. Pages are
// fetched from the network first and kept; without a network the kept copy answers. The page
// asks it (a "keep" message) to fetch them again when the reference stamp changes: new pick
// lists, schools or assignments. Entries themselves are never kept here: offline.js keeps them.
"use strict";

const PAGES = "sro-log-pages-v1";
const FILES = "sro-log-files-v1";
const STAMP = "/offline-stamp"; // the stamp the kept pages were fetched at (never a real page)
const KEPT_PAGE = /^\/activities\/(new\/[a-z_]+)?$/;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

async function keep({ stamp, pages, files }) {
  const cache = await caches.open(PAGES);
  const kept = await cache.match(STAMP);
  if (kept && (await kept.text()) === stamp) return;
  const fileCache = await caches.open(FILES);
  for (const url of files) {
    if (!(await fileCache.match(url))) {
      const answer = await fetch(url);
      if (answer.ok) await fileCache.put(url, answer);
    }
  }
  for (const url of pages) {
    const answer = await fetch(url, { credentials: "same-origin" });
    if (!answer.ok || answer.redirected) return; // signed out meanwhile: keep nothing new
    await cache.put(url, answer);
  }
  await cache.put(STAMP, new Response(stamp));
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "keep") event.waitUntil(keep(message).catch(() => undefined));
  if (message.type === "forget") event.waitUntil(caches.delete(PAGES));
});

// Hashed files (/assets/) never change: the kept copy first. Others (/static/ when the files
// are not built, Bootstrap's, chart images) may: the network first, the kept copy without one.
async function file(request, hashed) {
  const cache = await caches.open(FILES);
  const kept = await cache.match(request);
  if (kept && hashed) return kept;
  try {
    const answer = await fetch(request);
    if (answer.ok) await cache.put(request, answer.clone());
    return answer;
  } catch (error) {
    if (kept) return kept;
    throw error;
  }
}

async function networkFirst(request) {
  const cache = await caches.open(PAGES);
  const path = new URL(request.url).pathname;
  try {
    const answer = await fetch(request);
    if (answer.ok && !answer.redirected && KEPT_PAGE.test(path) && !new URL(request.url).search) {
      await cache.put(request, answer.clone());
    }
    return answer;
  } catch (error) {
    const options = { ignoreSearch: true, ignoreVary: true };
    const kept = (await cache.match(request, options)) || (await cache.match("/activities/", options));
    if (kept) return kept;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (["style", "script", "image", "font", "manifest"].includes(request.destination)) {
    event.respondWith(file(request, url.pathname.startsWith("/assets/")));
  } else if (request.mode === "navigate" && url.pathname.startsWith("/activities/")) {
    event.respondWith(networkFirst(request));
  }
});
