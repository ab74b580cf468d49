/* The admin's export form (django-import-export): binds "Select all" to the library's own
   onSelectToggleChange, because the Content-Security-Policy blocks its inline onchange. */
(function () {
  "use strict";

  document.querySelectorAll("input.select-toggle").forEach(function (toggle) {
    if (typeof window.onSelectToggleChange === "function") {
      toggle.addEventListener("change", window.onSelectToggleChange);
    }
  });
})();
