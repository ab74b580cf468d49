// Tell the server the browser's time zone (cookie "tz"), so the next page shows the visitor's
// own time next to an event's (core/timezones.py reads it; a signed-in person's setting wins).
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone || !/^[A-Za-z0-9_+\-]+(\/[A-Za-z0-9_+\-]+)*$/.test(zone)) {
    return;
  }
  var current = document.cookie.split("; ").filter(function (pair) {
    return pair.indexOf("tz=") === 0;
  })[0];
  if (current === "tz=" + zone) {
    return;
  }
  var secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = "tz=" + zone + "; path=/; max-age=31536000; SameSite=Lax" + secure;
})();
