/* AskScope search box: Pagefind (site/pagefind/, built by generator/mkdocs/search_hook.py) behind Material's look.
   Nothing is fetched until the reader opens the box. A query is read the way a reader writes it:
   - function words (how, does, it, my, without…) are dropped; what is left are the content words;
   - each content word is looked up as its crude stem, which Pagefind matches as the start of an indexed
     word (labelled -> label*, trained -> train*), together with the other forms the task vocabulary gives
     it (search-words.json: noisy -> nois*, denois*);
   - the pages that hold every content word come from one Pagefind search (Pagefind ANDs the words of a search);
     if they are fewer than a page of results, those that hold every word but one are added (one search each);
     if still fewer, one search per term, merged. A Pagefind search takes time in proportion to the pages its
     words are on times the pages it returns, so a word on most pages (cell) is searched alone only when the
     narrower searches find too little;
   - a page ranks by how many of the query's content words it matches, plus 1 if the query holds a whole phrase
     of the page's task or a broader one (a lay or expert name or a synonym such as "count cells"), plus log2 of
     the page's boost (questions 3: +1.6, tasks 2: +1, models 1.5: +0.6), then by Pagefind's score times the
     boost; so a question comes before the task, model, paper and hand-written pages that match as much of the
     query, or one word more. */
(function () {
  "use strict";
  var STOP = new Set(("a about above after again against all also am an and any anything are as at be because been " +
    "before being below between both but by can cannot could did do does doing done down during each either else " +
    "even ever every few for from further get gets getting got had has have having he her here hers him his how i " +
    "if in into is it its itself just let like lot lots me more most much my myself need no nobody nor not now of " +
    "off on once one only or other our out over own please possible really same she should so some someone " +
    "something such than that the their them then there these they thing things this those through to too under " +
    "until up us use using very want wants was way we well were what when where which while who whom why will " +
    "with within without would you your").split(" "));
  var SUFFIXES = ["ations", "ation", "ings", "ing", "ers", "er", "ies", "ied", "ed", "es", "ly", "y", "s", "e"];
  var SHOWN = 10;
  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href);

  /* Kept in step with stem() in generator/pages/searchwords.py. */
  function stem(word) {
    var w = word.toLowerCase();
    for (var i = 0; i < SUFFIXES.length; i++) {
      var s = SUFFIXES[i];
      if (w.length - s.length >= 4 && w.slice(-s.length) === s) { w = w.slice(0, -s.length); break; }
    }
    var last = w.charAt(w.length - 1);
    if (w.length >= 5 && last === w.charAt(w.length - 2) && "aeious".indexOf(last) < 0) w = w.slice(0, -1);
    return w;
  }

  /* The term a content word is searched as: its stem, or the word itself if shorter than 4 letters. */
  function lookup(word) { return word.length >= 4 ? stem(word) : word; }

  /* The query's content words, each with the terms to search for it. */
  function groups(query, forms) {
    var words = query.toLowerCase().normalize("NFKC").match(/[\p{L}\p{N}]+/gu) || [];
    var content = words.filter(function (w) { return !STOP.has(w); });
    if (!content.length) content = words;
    var seen = new Map();
    content.forEach(function (word) {
      var base = lookup(word);
      if (seen.has(base)) return;
      var terms = new Set([word, base].concat(forms[base] || []));
      seen.set(base, Array.from(terms));
    });
    return Array.from(seen.values());
  }

  /* Merge one search per term into pages ranked by content words matched, then by score. */
  function merge(groupTerms, found) {
    var pages = new Map();
    groupTerms.forEach(function (terms) {
      var best = new Map();
      terms.forEach(function (term) {
        found.get(term).forEach(function (r) {
          if (!best.has(r.id) || best.get(r.id).score < r.score) best.set(r.id, r);
        });
      });
      best.forEach(function (r, id) {
        var page = pages.get(id) || { result: r, matched: 0, score: 0 };
        page.matched += 1;
        page.score += r.score;
        pages.set(id, page);
      });
    });
    return Array.from(pages.values()).sort(byMatched);
  }

  function byMatched(a, b) { return b.matched - a.matched || b.score - a.score; }

  /* Whether the query holds a whole phrase of several words of the page's tasks (`keywords`: "count cells, …"). */
  function holdsPhrase(keywords, stems) {
    return (keywords || "").split(", ").some(function (phrase) {
      var words = (phrase.match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) { return !STOP.has(w); });
      return words.length >= 2 && words.every(function (w) { return stems.has(stem(w)); });
    });
  }

  var engine = null;
  function load() {
    if (!engine) {
      engine = Promise.all([
        import(new URL("pagefind/pagefind.js", root).href),
        fetch(new URL("search-words.json", root)).then(function (r) { return r.ok ? r.json() : { forms: {} }; })
          .catch(function () { return { forms: {} }; })
      ]).then(function (loaded) {
        var pagefind = loaded[0];
        return pagefind.options({
          baseUrl: root.pathname,
          ranking: { metaWeights: { title: 5, also_asked: 4, keywords: 6, broader_keywords: 3, boost: 0 } }
        }).then(function () {
          pagefind.init();  /* its worker, WebAssembly and page list load while the reader types */
          return { pagefind: pagefind, forms: loaded[1].forms || {} };
        });
      });
    }
    return engine;
  }

  /* The results of one Pagefind search of `words` (ANDed). */
  function find(e, words) {
    return e.pagefind.search(words.join(" ")).then(function (answer) { return (answer && answer.results) || []; });
  }

  /* Pages matching every content word, then every word but one, each with the number of words it matched. */
  function narrowest(e, list) {
    var bases = list.map(function (terms) { return lookup(terms[0]); });
    var pages = new Map();
    function add(results, matched) {
      results.forEach(function (r) {
        if (!pages.has(r.id)) pages.set(r.id, { result: r, matched: matched, score: r.score });
      });
    }
    return find(e, bases).then(function (all) {
      add(all, bases.length);
      if (pages.size >= SHOWN || bases.length < 3) return pages;
      var allButOne = bases.map(function (_, skip) { return bases.filter(function (b, i) { return i !== skip; }); });
      return Promise.all(allButOne.map(function (words) { return find(e, words); })).then(function (answers) {
        answers.forEach(function (results) { add(results, bases.length - 1); });
        return pages;
      });
    });
  }

  /* A group's terms without those that start with another of its terms: Pagefind matches a term as the start of
     indexed words, so searching noisy as well as nois would do the same work twice. */
  function widest(terms) {
    return terms.filter(function (t) { return !terms.some(function (o) { return o !== t && t.indexOf(o) === 0; }); });
  }

  /* One search per term, merged. */
  function everyTerm(e, groupTerms) {
    var list = groupTerms.map(widest);
    var terms = Array.from(new Set([].concat.apply([], list)));
    return Promise.all(terms.map(function (t) { return find(e, [t]); })).then(function (answers) {
      var found = new Map();
      terms.forEach(function (t, i) { found.set(t, answers[i]); });
      return merge(list, found);
    });
  }

  function ranked(e, list) {
    if (list.length < 2) return everyTerm(e, list);
    return narrowest(e, list).then(function (pages) {
      if (pages.size < SHOWN) return everyTerm(e, list);
      return Array.from(pages.values()).sort(byMatched);
    });
  }

  function search(query) {
    return load().then(function (e) {
      var list = groups(query, e.forms);
      return ranked(e, list).then(function (pages) {
        return Promise.all(pages.slice(0, SHOWN).map(function (p) { return p.result.data(); }))
          .then(function (data) {
            var stems = new Set(list.map(function (terms) { return stem(terms[0]); }));
            var top = pages.slice(0, SHOWN).map(function (p, i) {
              var meta = data[i].meta || {}, boost = parseFloat(meta.boost) || 1;
              var bonus = holdsPhrase(meta.keywords, stems) || holdsPhrase(meta.broader_keywords, stems) ? 1 : 0;
              return { matched: p.matched + bonus + Math.log2(boost), rank: p.score * boost, data: data[i] };
            });
            top.sort(function (a, b) { return b.matched - a.matched || b.rank - a.rank; });
            return { total: pages.length, top: top.map(function (t) { return t.data; }) };
          });
      });
    });
  }

  /* Pagefind's excerpt is escaped text with <mark> around the matched words: shown as text and <mark>s only. */
  function excerpt(into, text) {
    var decode = document.createElement("textarea");
    (text || "").split(/(<mark>|<\/mark>)/).reduce(function (marked, piece) {
      if (piece === "<mark>") return true;
      if (piece === "</mark>") return false;
      decode.innerHTML = piece;
      var node = document.createTextNode(decode.value);
      if (marked) { var mark = document.createElement("mark"); mark.appendChild(node); into.appendChild(mark); }
      else into.appendChild(node);
      return marked;
    }, false);
  }

  function item(data) {
    var li = document.createElement("li"), a = document.createElement("a");
    var article = document.createElement("article"), h = document.createElement("h1"), p = document.createElement("p");
    li.className = "md-search-result__item";
    a.className = "md-search-result__link";
    a.href = data.url;
    article.className = "md-search-result__article md-typeset";
    h.textContent = (data.meta && data.meta.title) || data.url;
    excerpt(p, data.excerpt);
    article.append(h, p);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  var box = document.querySelector("[data-askscope-search]");
  var toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  var input = box.querySelector("input"), meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list"), form = box.querySelector("form");
  var asked = 0, timer = 0;

  function show(query) {
    var mine = ++asked;
    if (!query.trim()) { list.textContent = ""; meta.textContent = "Type to start searching"; return; }
    search(query).then(function (found) {
      if (mine !== asked) return;
      list.textContent = "";
      found.top.forEach(function (d) { list.appendChild(item(d)); });
      meta.textContent = found.total === 0 ? "No matching documents"
        : found.total === 1 ? "1 matching document" : found.total + " matching documents";
    }).catch(function (error) {
      if (mine === asked) meta.textContent = "Search is not available here (" + error.message + ")";
    });
  }

  function open() {
    toggle.checked = true;
    input.focus();
    load();
  }
  function close() {
    toggle.checked = false;
    input.blur();
  }

  toggle.addEventListener("change", function () { if (toggle.checked) open(); else input.blur(); });
  input.addEventListener("focus", function () { toggle.checked = true; load(); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 60);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(function () { show(""); input.focus(); }); });

  function links() { return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link")); }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target, typing = target.isContentEditable || /^(input|select|textarea)$/i.test(target.tagName);
    if (!toggle.checked) {
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) { event.preventDefault(); open(); }
      return;
    }
    var all = links(), at = all.indexOf(document.activeElement);
    if (event.key === "Escape") { event.preventDefault(); close(); }
    else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus();
      else if (all.length) all[Math.min(next, all.length - 1)].focus();
    } else if (event.key === "Enter" && target === input && all.length) {
      event.preventDefault();
      location.href = all[0].href;
    }
  });

  window.askscopeSearch = { stem: stem, groups: groups, search: search };
})();
