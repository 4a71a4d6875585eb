// The officer's phone without a signal (issue 21). On an officer's page (the body carries
// data-officer) it registers the service worker and asks it to keep the officer's pages; on an
// entry form it gives the entry a key made on the phone; when the form is sent without a
// network, the entry is kept on the phone (IndexedDB, in a store of this officer's own) and
// listed as waiting. When the network is back, or on the next page with one, waiting entries
// are sent oldest first with their key, so an entry whose sending was cut is stored once; each
// is deleted from the phone as soon as the server has stored it. An entry the server refuses
// stays, with the server's messages. The pages work the same without this script.
(function () {
  "use strict";
  const body = document.body;
  const officer = body.dataset.officer;
  if (!officer || !("indexedDB" in window)) return;

  const STORE = "entries";
  let sending = false;

  function openStore() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open("sro-log-outbox-" + officer, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function withStore(mode, work) {
    const db = await openStore();
    try {
      return await new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const result = work(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
        tx.onerror = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  }

  const waiting = async () =>
    ((await withStore("readonly", (s) => s.getAll())) || []).sort((a, b) =>
      a.savedAt < b.savedAt ? -1 : 1,
    );
  const keep = (entry) => withStore("readwrite", (s) => s.put(entry));
  const discard = (key) => withStore("readwrite", (s) => s.delete(key));

  // --- What the page shows: how many wait, each with its date and kind, refusals with why.
  function text(tag, content, className) {
    const node = document.createElement(tag);
    node.textContent = content;
    if (className) node.className = className;
    return node;
  }

  async function show() {
    const box = document.getElementById("outbox");
    if (!box) return;
    const entries = await waiting();
    box.replaceChildren();
    box.hidden = entries.length === 0;
    if (!entries.length) return;
    box.append(text("p", `Saved on this phone: ${entries.length} waiting to send`, "fw-semibold mb-1"));
    const list = text("ul", "", "list-unstyled mb-0");
    for (const entry of entries) {
      const item = text("li", `${entry.date || ""} · ${entry.label}`, "mb-1");
      if (entry.errors) {
        const reasons = Object.entries(entry.errors).map(([field, message]) => `${field}: ${message}`);
        item.append(text("div", "Not accepted: " + reasons.join("; "), "text-danger-emphasis small"));
      }
      const open = text("a", "Open", "btn btn-outline-dark btn-sm ms-2");
      open.href = `/activities/new/${entry.kind}?waiting=${encodeURIComponent(entry.key)}`;
      item.append(open);
      const drop = text("button", "Discard", "btn btn-outline-secondary btn-sm ms-2");
      drop.type = "button";
      drop.addEventListener("click", async () => {
        if (confirm(`Discard the ${entry.label} entry of ${entry.date || "this day"}? It was never sent.`)) {
          await discard(entry.key);
          show();
        }
      });
      item.append(drop);
      list.append(item);
    }
    box.append(list);
  }

  // --- Sending: oldest first, with the current page's CSRF token.
  function refusals(html) {
    const page = new DOMParser().parseFromString(html, "text/html");
    const found = {};
    page.querySelectorAll(".invalid-feedback[id$='-error']").forEach((node) => {
      const field = page.querySelector(`label[for='${node.id.replace(/-error$/, "")}']`);
      found[field ? field.textContent.trim() : node.id] = node.textContent.trim();
    });
    page.querySelectorAll(".alert-danger p").forEach((node, n) => {
      if (!/Please correct/.test(node.textContent)) found["Entry" + (n ? " " + n : "")] = node.textContent.trim();
    });
    return found;
  }

  // With a poor signal the browser still says it is online: try again a little later.
  const RETRY_MS = 30000;
  let retry = null;
  function sendLater() {
    clearTimeout(retry);
    retry = setTimeout(send, RETRY_MS);
  }

  async function send() {
    const token = document.querySelector("input[name='csrf_token']");
    if (sending || !navigator.onLine || !token) return;
    sending = true;
    try {
      for (const entry of await waiting()) {
        if (entry.errors) continue; // refused: waits for the officer
        const form = new URLSearchParams(entry.fields);
        form.set("csrf_token", token.value);
        let answer;
        try {
          answer = await fetch("/activities/new/" + entry.kind, { method: "POST", body: form, credentials: "same-origin" });
        } catch (error) {
          sendLater();
          break; // the network went again: the rest wait
        }
        const path = new URL(answer.url).pathname;
        if (answer.ok && answer.redirected && /^\/activities\/\d+$/.test(path)) {
          await discard(entry.key); // stored: nothing of it stays on the phone
        } else if (path.startsWith("/auth/")) {
          break; // the session ended: sent once the officer signs in again
        } else if (answer.status === 422) {
          entry.errors = refusals(await answer.text());
          await keep(entry);
        } else {
          break;
        }
      }
    } finally {
      sending = false;
      show();
    }
  }

  // --- The entry form: a key made on the phone; without a network, kept here.
  const form = document.querySelector("form[data-entry-form]");
  const keyField = form && form.querySelector("input[name='device_key']");
  const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : "");
  if (keyField && !keyField.value) keyField.value = newKey();
  const opened = new URLSearchParams(location.search).get("waiting");

  function fill(entry) {
    const values = new Map();
    for (const [name, value] of entry.fields) values.set(name, [...(values.get(name) || []), value]);
    for (const field of form.elements) {
      if (!field.name || field.type === "submit" || field.name === "csrf_token") continue;
      const given = values.get(field.name) || [];
      if (field.type === "checkbox" || field.type === "radio") field.checked = given.includes(field.value);
      else if (field.tagName === "SELECT" && field.multiple) {
        for (const option of field.options) option.selected = given.includes(option.value);
      } else field.value = given.length ? given[0] : "";
    }
    keyField.value = entry.key;
    for (const [label, message] of Object.entries(entry.errors || {})) {
      const target = [...form.querySelectorAll("label")].find((node) => node.textContent.trim() === label);
      const field = target && document.getElementById(target.htmlFor);
      if (!field) continue;
      field.classList.add("is-invalid");
      field.setAttribute("aria-invalid", "true");
      const note = text("div", message, "invalid-feedback d-block");
      note.id = field.id + "-waiting-error";
      field.setAttribute("aria-describedby", note.id);
      field.after(note);
    }
  }

  if (form && keyField && opened) {
    waiting().then((entries) => {
      const entry = entries.find((e) => e.key === opened);
      if (entry) fill(entry);
    });
  }

  // Kept on the phone: the form's fields (no CSRF token: a fresh one is used when sent).
  async function keepHere(data) {
    const reopened = opened && keyField.value === opened;
    const earlier = reopened ? (await waiting()).find((e) => e.key === opened) : null;
    const now = new Date().toISOString();
    data.delete("csrf_token");
    data.set("made_at", (earlier && new Map(earlier.fields).get("made_at")) || now);
    const day = data.get("occurred_on") || String(data.get("reported_at") || "").slice(0, 10);
    await keep({
      key: keyField.value,
      kind: form.dataset.kind,
      label: form.dataset.label,
      date: day,
      savedAt: earlier ? earlier.savedAt : now, // a corrected entry keeps its place in line
      fields: [...data.entries()].filter(([, value]) => typeof value === "string"),
      errors: null,
    });
  }

  // Sent by the page itself while the phone says it is online, so that a signal that is there
  // but drops requests (or hangs past SEND_TIMEOUT_MS) keeps the entry instead of losing it. A
  // stored entry opens as usual; any other answer (the server's messages, a sign-in) is asked
  // for again by the browser itself: nothing was written, and the key makes a resend safe.
  const SEND_TIMEOUT_MS = 20000;
  let browserSends = false;

  async function sendNow(event) {
    const data = new FormData(form, event.submitter);
    const cut = new AbortController();
    const timer = setTimeout(() => cut.abort(), SEND_TIMEOUT_MS);
    let answer;
    try {
      answer = await fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(data),
        credentials: "same-origin",
        signal: cut.signal,
      });
    } catch (error) {
      return false; // no answer: kept here, and sent later
    } finally {
      clearTimeout(timer);
    }
    if (answer.ok && answer.redirected && /^\/activities\/\d+$/.test(new URL(answer.url).pathname)) {
      location.assign(answer.url);
    } else {
      browserSends = true;
      form.requestSubmit(event.submitter);
    }
    return true;
  }

  if (form && keyField) {
    form.addEventListener("submit", async (event) => {
      const reopened = opened && keyField.value === opened;
      if (browserSends || !keyField.value) return; // sent as usual
      event.preventDefault();
      if (navigator.onLine && !reopened && (await sendNow(event))) return;
      await keepHere(new FormData(form, event.submitter));
      if (reopened && navigator.onLine) {
        await send();
        const left = (await waiting()).find((e) => e.key === opened);
        if (!left) return location.assign("/activities/"); // stored: the week shows it
        return location.assign(location.href); // refused again: its new messages at the fields
      }
      form.reset();
      keyField.value = newKey();
      await show();
      document.getElementById("outbox").scrollIntoView();
      if (navigator.onLine) sendLater();
    });
  }

  // --- Signing out: warn while entries wait; forget the kept pages.
  const signOut = document.querySelector("form[action$='/auth/logout']");
  if (signOut) {
    signOut.addEventListener("submit", async (event) => {
      event.preventDefault();
      const count = (await waiting()).length;
      const go =
        count === 0 ||
        confirm(`${count} ${count === 1 ? "entry is" : "entries are"} still waiting on this phone. ` +
          "They stay here for you and are sent when you sign in again. Sign out?");
      if (!go) return;
      if ("caches" in window) await caches.delete("sro-log-pages-v1");
      signOut.submit();
    });
  }

  // --- The service worker, asked to keep this officer's pages at this reference stamp.
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
    navigator.serviceWorker.ready.then((registration) => {
      if (!navigator.onLine || !registration.active) return;
      const files = [...document.querySelectorAll("script[src], link[rel='stylesheet']")].map(
        (node) => node.getAttribute("src") || node.getAttribute("href"),
      );
      registration.active.postMessage({
        type: "keep",
        stamp: officer + ":" + body.dataset.reference,
        pages: JSON.parse(body.dataset.offlinePages || "[]"),
        files,
      });
    });
  }

  window.addEventListener("online", send);
  show().then(send);
})();
