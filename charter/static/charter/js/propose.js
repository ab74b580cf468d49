// A live preview of a proposed change while the person types: the page's own Preview answer
// (the server's word diff), fetched in the background. Without JavaScript the Preview button
// shows the same thing.
(function () {
  "use strict";
  var form = document.querySelector("form.charter-propose-form");
  var target = document.getElementById("charter-preview");
  if (!form || !target || !window.fetch || !window.FormData || !window.DOMParser) {
    return;
  }
  var url = form.getAttribute("action").split("#")[0];
  var timer = null;
  var latest = 0;

  function refresh() {
    var data = new FormData(form);
    data.append("preview", "1");
    var ticket = ++latest;
    fetch(url, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (!html || ticket !== latest) {
          return; // an error keeps the last preview; a newer request answers instead
        }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var section = fresh.getElementById("charter-preview");
        if (!section) {
          return;
        }
        var nodes = Array.prototype.map.call(section.childNodes, function (node) {
          return document.importNode(node, true);
        });
        target.replaceChildren.apply(target, nodes);
        target.hidden = section.hidden;
      })
      .catch(function () {});
  }

  form.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 600);
  });
})();
