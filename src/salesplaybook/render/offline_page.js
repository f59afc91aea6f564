/* On every page: register the service worker (sw.js at the site's root, the root being
   Material's __config.base), show once that the playbook now works offline, and offer a newly
   published version when it is ready. Words come from the catalogue (PB_OFFLINE_WORDS). */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  var config = document.getElementById("__config");
  var base = config ? JSON.parse(config.textContent).base : ".";
  var root = new URL(base.replace(/\/?$/, "/"), location.href);

  function banner(text, onTap) {
    var old = document.querySelector(".pb-offline-banner");
    if (old) old.remove();
    // a live region holding the words, or the button that offers the new version (a button
    // itself may not take the status role)
    var el = document.createElement("div");
    el.className = "pb-offline-banner";
    el.setAttribute("role", "status");
    if (onTap) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = text;
      button.addEventListener("click", onTap);
      el.appendChild(button);
    } else {
      el.textContent = text;
      setTimeout(function () { el.remove(); }, 6000);
    }
    document.body.appendChild(el);
  }

  function say(key, version) { return PB_OFFLINE_WORDS[key].replace("{version}", version); }

  function askVersion(worker, then) {
    var channel = function (event) {
      if (event.data && event.data.type === "version") {
        navigator.serviceWorker.removeEventListener("message", channel);
        then(event.data.playbook + " · " + event.data.version);
      }
    };
    navigator.serviceWorker.addEventListener("message", channel);
    worker.postMessage("version");
  }

  // after the page has loaded: keeping the whole site must not slow its first paint
  function register() {
    navigator.serviceWorker.register(new URL("sw.js", root).href, {scope: root.href}).then(function (reg) {
      function offer(worker) {
        askVersion(worker, function (version) {
          banner(say("update", version), function () { worker.postMessage("skip-waiting"); });
        });
      }
      if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
      reg.addEventListener("updatefound", function () {
        var worker = reg.installing;
        worker.addEventListener("statechange", function () {
          if (worker.state !== "installed") return;
          if (navigator.serviceWorker.controller) offer(worker);
          else askVersion(worker, function (version) { banner(say("ready", version)); });
        });
      });
    }).catch(function () { /* no offline copy: the site still works online */ });
  }
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);

  var reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (reloading || !navigator.serviceWorker.controller) return;
    if (document.querySelector(".pb-offline-banner button")) { reloading = true; location.reload(); }
  });
})();
