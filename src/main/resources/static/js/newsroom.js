// The newsroom's editor, enhanced: a rich body editor over the HTML textarea (which still works
// without JavaScript), clean pasting, autosave every few seconds, tag suggestions, read-also and
// media pickers. The server sanitizes whatever arrives; this only makes editing pleasant.
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var question = button && button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  var form = document.getElementById("editor-form");
  if (!form) {
    return;
  }
  var articleId = form.getAttribute("data-article-id");
  var csrfHeader = form.getAttribute("data-csrf-header");
  var csrfToken = form.getAttribute("data-csrf-token");
  var source = form.querySelector("[data-rich-editor]");
  var state = form.querySelector("[data-autosave-state]");
  var disabled = form.querySelector("fieldset") && form.querySelector("fieldset").disabled;

  function post(url, body) {
    var headers = { "Content-Type": "application/json", "Accept": "application/json" };
    headers[csrfHeader] = csrfToken;
    return fetch(url, { method: "POST", headers: headers, body: JSON.stringify(body), credentials: "same-origin" });
  }

  // ---- the rich body editor
  var ALLOWED = { P: 1, H2: 1, H3: 1, BLOCKQUOTE: 1, UL: 1, OL: 1, LI: 1, A: 1, STRONG: 1, EM: 1, B: 1, I: 1, BR: 1,
    FIGURE: 1, IMG: 1, FIGCAPTION: 1, ASIDE: 1 };

  // Pasted HTML (Word, other sites) keeps only the safe subset: no styles, classes, scripts or Office tags.
  function cleanHtml(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    function clean(node) {
      Array.prototype.slice.call(node.childNodes).forEach(function (child) {
        if (child.nodeType === 8) { child.remove(); return; }
        if (child.nodeType !== 1) { return; }
        clean(child);
        var tag = child.tagName;
        if (tag === "SCRIPT" || tag === "STYLE" || tag === "META" || tag === "LINK" || tag === "TITLE" || tag === "XML") {
          child.remove();
          return;
        }
        if (tag === "H1") { tag = "H2"; }
        if (!ALLOWED[tag]) {
          if (tag === "DIV" || tag === "SECTION") {
            var p = doc.createElement("p");
            while (child.firstChild) { p.appendChild(child.firstChild); }
            child.replaceWith(p);
          } else {
            child.replaceWith.apply(child, Array.prototype.slice.call(child.childNodes));
          }
          return;
        }
        var keep = { A: ["href"], IMG: ["src", "alt"], ASIDE: ["class", "data-article-id", "data-title"] }[tag] || [];
        Array.prototype.slice.call(child.attributes).forEach(function (attribute) {
          if (keep.indexOf(attribute.name) < 0 || /^\s*javascript:/i.test(attribute.value)) {
            child.removeAttribute(attribute.name);
          }
        });
        if (child.tagName !== tag) {
          var renamed = doc.createElement(tag);
          while (child.firstChild) { renamed.appendChild(child.firstChild); }
          child.replaceWith(renamed);
        }
      });
    }
    clean(doc.body);
    return doc.body.innerHTML;
  }

  var rich = null;
  if (source && !disabled) {
    rich = document.createElement("div");
    rich.className = "rich-body";
    rich.contentEditable = "true";
    rich.setAttribute("dir", "rtl");
    rich.setAttribute("role", "textbox");
    rich.setAttribute("aria-multiline", "true");
    rich.setAttribute("aria-label", "المتن");
    rich.innerHTML = source.value.trim() ? cleanHtml(source.value) : "<p><br></p>";
    var toolbar = document.createElement("div");
    toolbar.className = "toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "تنسيق المتن");
    [["p", "فقرة"], ["h2", "عنوان فرعي"], ["bold", "غامق"], ["italic", "مائل"], ["link", "رابط"], ["readalso", "اقرأ أيضاً"],
      ["html", "HTML"]].forEach(function (item) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "secondary";
      b.textContent = item[1];
      b.setAttribute("data-command", item[0]);
      toolbar.appendChild(b);
    });
    source.hidden = true;
    source.parentNode.insertBefore(toolbar, source);
    // The body's read-also promos are <aside>s: inside an <article>, as on the reader's page, they are
    // part of the text, not complementary landmarks of the editor (axe landmark-unique).
    var frame = document.createElement("article");
    frame.className = "rich-frame";
    frame.appendChild(rich);
    source.parentNode.insertBefore(frame, source);

    toolbar.addEventListener("click", function (event) {
      var command = event.target.getAttribute("data-command");
      if (!command) { return; }
      rich.focus();
      if (command === "p" || command === "h2") {
        document.execCommand("formatBlock", false, command);
      } else if (command === "bold" || command === "italic") {
        document.execCommand(command);
      } else if (command === "link") {
        var url = window.prompt("عنوان الرابط (https://…)");
        if (url && /^https?:\/\//.test(url)) { document.execCommand("createLink", false, url); }
      } else if (command === "readalso") {
        pickReadAlso();
      } else if (command === "html") {
        sync();
        source.hidden = !source.hidden;
        rich.hidden = !source.hidden;
        if (source.hidden) { rich.innerHTML = cleanHtml(source.value); }
      }
      changed();
    });
    rich.addEventListener("paste", function (event) {
      var data = event.clipboardData;
      if (!data) { return; }
      event.preventDefault();
      var html = data.getData("text/html");
      if (html) {
        document.execCommand("insertHTML", false, cleanHtml(html));
      } else {
        document.execCommand("insertText", false, data.getData("text/plain"));
      }
    });
    rich.addEventListener("input", changed);
  }

  function sync() {
    if (rich && source.hidden) {
      source.value = rich.innerHTML;
    }
  }

  function pickReadAlso() {
    var query = window.prompt("ابحث عن مقال لـ«اقرأ أيضاً»");
    if (!query) { return; }
    fetch("/newsroom/api/articles/search?q=" + encodeURIComponent(query), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (found) {
        if (!found.length) { window.alert("لا نتائج."); return; }
        var list = found.map(function (a, i) { return (i + 1) + ". " + a.title; }).join("\n");
        var choice = parseInt(window.prompt("اختر رقم المقال:\n" + list, "1"), 10);
        var article = found[choice - 1];
        if (!article) { return; }
        var aside = document.createElement("aside");
        aside.className = "read-also";
        aside.setAttribute("data-article-id", String(article.id));
        aside.textContent = article.title;
        rich.focus();
        document.execCommand("insertHTML", false, aside.outerHTML + "<p><br></p>");
        changed();
      });
  }

  // ---- autosave: at most a few seconds of typing is ever only in the browser
  var dirty = false;
  var saving = false;
  function changed() { dirty = true; if (state) { state.textContent = "تعديلات غير محفوظة"; } }
  form.addEventListener("input", changed);
  form.addEventListener("submit", function () { sync(); dirty = false; });

  function fields() {
    sync();
    var data = new FormData(form);
    var radio = form.querySelector("input[name=autoReadAlso]:checked");
    var mediaId = data.get("leadMediaId");
    return {
      title: data.get("title"), body: data.get("body"), excerpt: data.get("excerpt"), sourceLabel: data.get("sourceLabel"),
      sectionId: data.get("sectionId") ? Number(data.get("sectionId")) : null, tags: data.get("tags"),
      contributors: data.get("contributors"), leadImageUrl: data.get("leadImageUrl"), leadImageAlt: data.get("leadImageAlt"),
      leadMediaId: mediaId ? Number(mediaId) : null, seoTitle: data.get("seoTitle"), seoDescription: data.get("seoDescription"),
      autoReadAlso: radio ? radio.value === "true" : true, version: Number(data.get("version"))
    };
  }

  function autosave() {
    if (!dirty || saving || disabled) { return; }
    saving = true;
    dirty = false;
    post("/newsroom/api/articles/" + articleId + "/autosave", fields())
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        if (state) { state.textContent = "حُفظت مسودة تلقائية " + new Date().toLocaleTimeString("ar"); }
      })
      .catch(function () {
        dirty = true;
        if (state) { state.textContent = "تعذّر الحفظ التلقائي؛ سنعيد المحاولة"; }
      })
      .then(function () { saving = false; });
  }
  window.setInterval(autosave, 3000);
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { autosave(); event.preventDefault(); }
  });

  // ---- tag suggestions from the text
  var suggest = form.querySelector("[data-suggest-tags]");
  var suggestions = form.querySelector("[data-tag-suggestions]");
  if (suggest && !disabled) {
    suggest.hidden = false;
    suggest.addEventListener("click", function () {
      var f = fields();
      var text = f.title + "\n" + new DOMParser().parseFromString(f.body || "", "text/html").body.textContent;
      post("/newsroom/api/tags/suggest", { text: text }).then(function (r) { return r.json(); }).then(function (tags) {
        suggestions.textContent = "";
        if (!tags.length) { suggestions.textContent = "لا اقتراحات."; return; }
        tags.forEach(function (tag) {
          var b = document.createElement("button");
          b.type = "button";
          b.className = "chip";
          b.textContent = "+ " + tag;
          b.addEventListener("click", function () {
            var input = form.querySelector("#tags");
            var current = input.value.split(/[,،]/).map(function (s) { return s.trim(); }).filter(Boolean);
            if (current.indexOf(tag) < 0) { current.push(tag); }
            input.value = current.join("، ");
            b.remove();
            changed();
          });
          suggestions.appendChild(b);
        });
      });
    });
  }

  // ---- lead image from the media library
  var pick = form.querySelector("[data-pick-media]");
  if (pick && !disabled) {
    pick.hidden = false;
    pick.addEventListener("click", function () {
      var query = window.prompt("ابحث في مكتبة الوسائط (اتركه فارغاً لأحدث الصور)") || "";
      fetch("/newsroom/media.json?q=" + encodeURIComponent(query), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (found) {
          var items = found.items || found;
          if (!items.length) { window.alert("لا صور."); return; }
          var list = items.slice(0, 15).map(function (m, i) { return (i + 1) + ". " + (m.alt || m.caption || m.url); }).join("\n");
          var item = items[parseInt(window.prompt("اختر رقم الصورة:\n" + list, "1"), 10) - 1];
          if (!item) { return; }
          form.querySelector("#leadImageUrl").value = item.url;
          form.querySelector("#leadMediaId").value = item.id;
          if (item.alt) { form.querySelector("#leadImageAlt").value = item.alt; }
          changed();
        });
    });
  }
})();
