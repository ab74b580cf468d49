/* Admin location picker: a draggable marker that fills the latitude and longitude inputs,
   and follows them when they are typed. */
(function () {
  "use strict";
  function round(value) { return Math.round(value * 100000) / 100000; }

  function setUp(box) {
    if (typeof L === "undefined") { return; }
    var latInput = document.getElementById(box.getAttribute("data-latitude-id"));
    var lngInput = document.getElementById(box.getAttribute("data-longitude-id"));
    if (!latInput || !lngInput) { return; }
    var mapElement = box.querySelector(".location-picker-map");
    var map = L.map(mapElement, { center: [20, 10], zoom: 2, worldCopyJump: true });
    L.tileLayer(box.getAttribute("data-tiles-url"), {
      attribution: box.getAttribute("data-attribution"), maxZoom: 18
    }).addTo(map);
    var marker = null;

    function current() {
      var lat = parseFloat(latInput.value);
      var lng = parseFloat(lngInput.value);
      if (isNaN(lat) || isNaN(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) { return null; }
      return L.latLng(lat, lng);
    }
    function write(latlng) {
      var wrapped = latlng.wrap();
      latInput.value = round(wrapped.lat);
      lngInput.value = round(wrapped.lng);
    }
    function place(latlng, pan) {
      if (!latlng) {
        if (marker) { map.removeLayer(marker); marker = null; }
        return;
      }
      if (!marker) {
        marker = L.marker(latlng, { draggable: true, title: latInput.name, keyboard: true }).addTo(map);
        marker.on("dragend", function () { write(marker.getLatLng()); });
      } else {
        marker.setLatLng(latlng);
      }
      if (pan) { map.setView(latlng, Math.max(map.getZoom(), 6)); }
    }
    map.on("click", function (event) { write(event.latlng); place(event.latlng, false); });
    [latInput, lngInput].forEach(function (input) {
      input.addEventListener("change", function () { place(current(), true); });
    });
    box.querySelector("[data-clear-location]").addEventListener("click", function () {
      latInput.value = "";
      lngInput.value = "";
      place(null, false);
    });
    place(current(), true);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-location-picker]").forEach(setUp);
  });
})();
