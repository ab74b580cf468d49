/* The member map: clustered markers from a GeoJSON endpoint, an accessible list beside it, and
   filters applied without reloading the page. Works with no tiles (offline): markers and list
   still show. Progressive enhancement: without JavaScript the server-rendered list remains. */
(function () {
  "use strict";

  var configElement = document.getElementById("member-map-config");
  if (!configElement || typeof L === "undefined") {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var LOCAL_KINDS = [
    "city", "municipality", "district", "county", "department", "region",
    "metropolitan_area", "union_of_municipalities"
  ];

  function countText(count) {
    if (count === 0) { return config.words.none; }
    if (count === 1) { return config.words.one; }
    return config.words.many.replace("%(count)s", String(count));
  }

  function kindClass(kind) {
    return LOCAL_KINDS.indexOf(kind) >= 0 ? "kind-local" : "kind-partner";
  }

  function popupContent(properties) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var title = document.createElement("p");
    title.className = "map-popup-title";
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.name;
    title.appendChild(link);
    box.appendChild(title);
    var where = document.createElement("p");
    where.textContent = properties.kind_label + " · " + properties.country_name;
    box.appendChild(where);
    if (properties.networks && properties.networks.length) {
      var networks = document.createElement("p");
      networks.textContent = config.words.networks + ": " + properties.networks.join(", ");
      box.appendChild(networks);
    }
    var more = document.createElement("a");
    more.href = properties.url;
    more.textContent = config.words.profile;
    box.appendChild(more);
    return box;
  }

  function markerFor(feature) {
    var coordinates = feature.geometry.coordinates;
    var properties = feature.properties;
    var icon = L.divIcon({
      className: "member-marker " + kindClass(properties.kind),
      html: "",
      iconSize: [18, 18],
      iconAnchor: [9, 9],
      popupAnchor: [0, -8]
    });
    var marker = L.marker([coordinates[1], coordinates[0]], {
      icon: icon,
      title: properties.name,
      alt: properties.name,
      keyboard: true
    });
    marker.bindPopup(popupContent(properties));
    return marker;
  }

  function baseMap(canvas) {
    canvas.textContent = "";
    var map = L.map(canvas, {
      center: config.center,
      zoom: config.zoom,
      minZoom: config.minZoom,
      maxZoom: config.maxZoom,
      worldCopyJump: true
    });
    L.tileLayer(config.tiles.url, {
      attribution: config.tiles.attribution,
      maxZoom: config.maxZoom
    }).addTo(map);
    return map;
  }

  function setUpFeatureMap(container) {
    var canvas = container.querySelector("[data-map-canvas]");
    var list = container.querySelector("[data-map-list]");
    var count = container.querySelector("[data-map-count]");
    var baseUrl = container.getAttribute("data-geojson-url");
    var map = baseMap(canvas);
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false });
    map.addLayer(cluster);
    var requestNumber = 0;

    function render(collection) {
      cluster.clearLayers();
      var markers = collection.features.map(markerFor);
      cluster.addLayers(markers);
      if (markers.length) {
        map.fitBounds(cluster.getBounds(), { padding: [30, 30], maxZoom: 8 });
      }
      list.textContent = "";
      collection.features.forEach(function (feature) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = feature.properties.url;
        link.textContent = feature.properties.name;
        item.appendChild(link);
        var where = document.createElement("span");
        where.className = "muted";
        where.textContent = " " + feature.properties.country_name;
        item.appendChild(where);
        list.appendChild(item);
      });
      count.textContent = countText(collection.features.length);
      container.setAttribute("data-marker-count", String(markers.length));
      container.setAttribute("data-ready", "true");
    }

    function load(query) {
      var number = ++requestNumber;
      container.setAttribute("data-ready", "false");
      var url = baseUrl + (query ? (baseUrl.indexOf("?") >= 0 ? "&" : "?") + query : "");
      return fetch(url, { headers: { Accept: "application/geo+json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (collection) {
          if (number === requestNumber) { render(collection); }
        })
        .catch(function () {
          count.textContent = config.words.failed;
          container.setAttribute("data-ready", "true");
        });
    }

    var form = document.querySelector("form[data-member-filters]");
    function queryFromForm() {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        if (value !== "" && key !== "page") { params.append(key, value); }
      });
      return params.toString();
    }
    if (form) {
      var apply = function (event) {
        if (event) { event.preventDefault(); }
        var query = queryFromForm();
        var address = window.location.pathname + (query ? "?" + query : "");
        window.history.replaceState(null, "", address);
        var directoryLink = document.querySelector("[data-directory-link]");
        if (directoryLink) {
          var path = directoryLink.getAttribute("href").split("?")[0];
          directoryLink.setAttribute("href", path + (query ? "?" + query : ""));
        }
        load(query);
      };
      form.addEventListener("submit", apply);
      form.addEventListener("change", function (event) {
        if (event.target.tagName === "SELECT") { apply(); }
      });
      load(queryFromForm());
    } else {
      load(window.location.search.replace(/^\?/, ""));
    }
  }

  function setUpSingleMarker(container) {
    var canvas = container.querySelector("[data-map-canvas]");
    var lat = parseFloat(container.getAttribute("data-lat"));
    var lng = parseFloat(container.getAttribute("data-lng"));
    var map = baseMap(canvas);
    map.setView([lat, lng], 6);
    L.marker([lat, lng], {
      icon: L.divIcon({
        className: "member-marker " + kindClass(container.getAttribute("data-kind")),
        html: "",
        iconSize: [18, 18],
        iconAnchor: [9, 9]
      }),
      title: container.getAttribute("data-name"),
      keyboard: false
    }).addTo(map);
    container.setAttribute("data-ready", "true");
  }

  document.querySelectorAll("[data-member-map]").forEach(setUpFeatureMap);
  document.querySelectorAll("[data-single-marker-map]").forEach(setUpSingleMarker);
})();
