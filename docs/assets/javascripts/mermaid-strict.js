/*
 * AskScope: force Mermaid's securityLevel to "strict".
 *
 * Load right after assets/vendor/mermaid/mermaid.min.js (extra_javascript).
 * Material for MkDocs calls mermaid.initialize({startOnLoad: false, ...}) and
 * then mermaid.render(); every initialize/init/run/render path below re-imposes
 * securityLevel "strict" and keeps "securityLevel" and "secure" in the
 * site config's `secure` list, so %%{init: ...}%% directives in a diagram cannot
 * override them (Mermaid drops directive keys listed in `secure`).
 *
 * If the vendored Mermaid did not load, a stub is installed so that Material
 * does not fall back to fetching Mermaid from a CDN.
 */
(function () {
  "use strict";

  var STRICT = "strict";
  var LOCKED = [
    "secure", "securityLevel", "startOnLoad", "maxTextSize",
    "suppressErrorRendering", "maxEdges"
  ];
  var m = window.mermaid;

  if (typeof m !== "object" || m === null ||
      (typeof Element !== "undefined" && m instanceof Element)) {
    console.error("AskScope: vendored Mermaid is missing; diagrams are not rendered.");
    window.mermaid = {
      initialize: function () {},
      render: function () {
        return Promise.reject(new Error("AskScope: Mermaid is not available"));
      }
    };
    return;
  }

  function harden(config) {
    var out = {};
    var key;
    if (config && typeof config === "object") {
      for (key in config) {
        if (Object.prototype.hasOwnProperty.call(config, key)) {
          out[key] = config[key];
        }
      }
    }
    out.securityLevel = STRICT;
    var secure = Array.isArray(out.secure) ? out.secure.slice() : [];
    LOCKED.forEach(function (k) {
      if (secure.indexOf(k) < 0) { secure.push(k); }
    });
    out.secure = secure;
    return out;
  }

  var api = m.mermaidAPI;
  var origInitialize = m.initialize;

  function isStrict(config) {
    return !!config && config.securityLevel === STRICT &&
      Array.isArray(config.secure) &&
      config.secure.indexOf("securityLevel") >= 0 &&
      config.secure.indexOf("secure") >= 0;
  }

  /* Re-impose strict mode if anything changed the site config behind our back. */
  function ensureStrict() {
    var site = api && typeof api.getSiteConfig === "function" ? api.getSiteConfig() : null;
    if (!isStrict(site)) {
      origInitialize.call(m, harden(site));
    }
  }

  function lock(obj, name, value) {
    try {
      Object.defineProperty(obj, name, {
        value: value, writable: false, configurable: false, enumerable: true
      });
    } catch (e) {
      try { obj[name] = value; } catch (e2) { /* frozen object: leave as is */ }
    }
  }

  function wrapBefore(obj, name) {
    var orig = obj && obj[name];
    if (typeof orig !== "function") { return; }
    lock(obj, name, function () {
      ensureStrict();
      return orig.apply(this, arguments);
    });
  }

  lock(m, "initialize", function (config) {
    return origInitialize.call(m, harden(config));
  });

  if (typeof m.init === "function") {
    var origInit = m.init;
    lock(m, "init", function (config) {
      if (config && typeof config === "object") { m.initialize(config); }
      ensureStrict();
      return origInit.apply(m, arguments);
    });
  }
  wrapBefore(m, "run");
  wrapBefore(m, "render");
  wrapBefore(m, "parse");
  wrapBefore(m, "contentLoaded");

  if (api && !Object.isFrozen(api)) {
    var origApiInitialize = api.initialize;
    if (typeof origApiInitialize === "function") {
      lock(api, "initialize", function (config) {
        return origApiInitialize.call(api, harden(config));
      });
    }
    wrapBefore(api, "render");
  }

  ensureStrict();
})();
