/*
 * AskScope: Mermaid only on pages with a diagram, from this site, in strict mode.
 *
 * Material for MkDocs draws each `pre.mermaid` with the global `mermaid`: it calls
 * mermaid.initialize({startOnLoad: false, themeCSS, ...}) once and mermaid.render() for
 * each diagram, on the first page and after every instant navigation; if `mermaid` is
 * undefined it fetches Mermaid from a CDN. So this script (loaded on every page, ~1 KB
 * compressed) defines a stand-in `mermaid`: it keeps the initialize() config and, on the
 * first render(), imports the vendored ESM build of Mermaid (assets/vendor/mermaid/,
 * which imports the flowchart code only when a flowchart is drawn), hardens it, and puts
 * the real Mermaid in its place. A page without a diagram never loads Mermaid.
 *
 * Hardening: every initialize/init/run/render path re-imposes securityLevel "strict" and
 * keeps "securityLevel" and "secure" in the site config's `secure` list, so %%{init: ...}%%
 * directives in a diagram cannot override them (Mermaid drops directive keys listed in
 * `secure`). If the vendored Mermaid cannot be loaded, render() fails with a console error
 * and nothing is fetched from elsewhere.
 */
(function () {
  "use strict";

  var STRICT = "strict";
  var LOCKED = [
    "secure", "securityLevel", "startOnLoad", "maxTextSize",
    "suppressErrorRendering", "maxEdges"
  ];
  var here = document.currentScript && document.currentScript.src;
  var MODULE = new URL("../vendor/mermaid/mermaid.esm.min.mjs", here || document.baseURI).href;

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

  function isStrict(config) {
    return !!config && config.securityLevel === STRICT &&
      Array.isArray(config.secure) &&
      config.secure.indexOf("securityLevel") >= 0 &&
      config.secure.indexOf("secure") >= 0;
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

  /* Wrap the real Mermaid so that every path into it is strict; returns it. */
  function hardenMermaid(m) {
    var api = m.mermaidAPI;
    var origInitialize = m.initialize;

    /* Re-impose strict mode if anything changed the site config behind our back. */
    function ensureStrict() {
      var site = api && typeof api.getSiteConfig === "function" ? api.getSiteConfig() : null;
      if (!isStrict(site)) {
        origInitialize.call(m, harden(site));
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
    return m;
  }

  var config = {};
  var loading = null;

  function load() {
    if (!loading) {
      loading = import(MODULE).then(function (module) {
        var m = hardenMermaid(module.default);
        m.initialize(config);
        window.mermaid = m;
        return m;
      }, function (error) {
        console.error("AskScope: vendored Mermaid is missing; diagrams are not rendered.", String(error));
        throw error;
      });
    }
    return loading;
  }

  window.mermaid = {
    initialize: function (c) { config = harden(c); },
    render: function () {
      var args = arguments;
      return load().then(function (m) { return m.render.apply(m, args); });
    }
  };
})();
