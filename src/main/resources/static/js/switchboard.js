// Switchboard's only script besides htmx and the chart library: CSRF for htmx requests, visible errors for
// failed ones, live updates (server-sent events, polling when they are unavailable) and the charts.
(function () {
  "use strict";
  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute("content") : null;
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var header = meta("csrf-header"), token = meta("csrf-token");
    if (header && token) {
      event.detail.headers[header] = token;
    }
  });

  function toast(message) {
    var element = document.getElementById("toast");
    if (!element) {
      return;
    }
    element.textContent = message;
    element.hidden = false;
    clearTimeout(element.hideTimer);
    element.hideTimer = setTimeout(function () { element.hidden = true; }, 8000);
  }

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    if (status === 401) {
      return; // htmx follows HX-Redirect to the login page
    }
    toast(status === 403 ? "Your role cannot do this. Ask an admin if you need it."
      : "The server answered " + status + ". Try again; if it keeps failing, tell your admin.");
  });

  document.addEventListener("htmx:sendError", function () {
    toast("Switchboard cannot be reached. Check your connection; the page retries on its own.");
  });

  // Live updates: elements that refresh themselves listen for "sb:changed" on the body. The server sends a
  // "change" event (at most once a second) whenever tasks change anywhere in the cluster; if the stream
  // cannot be kept open, the page polls every few seconds instead.
  var live = { source: null, failures: 0, poller: null };

  function changed() {
    document.body.dispatchEvent(new CustomEvent("sb:changed"));
  }

  function startPolling() {
    if (!live.poller) {
      live.poller = setInterval(changed, 3000);
      document.documentElement.dataset.live = "polling";
    }
  }

  function stopPolling() {
    if (live.poller) {
      clearInterval(live.poller);
      live.poller = null;
    }
  }

  function connect() {
    if (!document.querySelector("[data-live]") || live.source) {
      return;
    }
    if (!window.EventSource) {
      startPolling();
      return;
    }
    live.source = new EventSource(document.body.dataset.liveUrl || "/live");
    live.source.addEventListener("hello", function () {
      live.failures = 0;
      stopPolling();
      document.documentElement.dataset.live = "streaming";
    });
    live.source.addEventListener("change", changed);
    live.source.onerror = function () {
      live.failures++;
      if (live.failures >= 3) {
        startPolling();
      }
    };
  }

  // Charts: a canvas with data-chart holds its series as JSON; drawn on load and after every swap.
  var charts = {};

  function drawCharts(root) {
    if (!window.Chart) {
      return;
    }
    (root || document).querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var data = JSON.parse(canvas.dataset.chart);
      if (charts[canvas.id]) {
        charts[canvas.id].destroy();
      }
      charts[canvas.id] = new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: data.series.map(function (series) {
            return { label: series.label, data: series.values, backgroundColor: series.color, borderWidth: 0 };
          })
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          plugins: { legend: { position: "bottom" } },
          scales: {
            x: { stacked: true, grid: { display: false }, ticks: { maxTicksLimit: 12 } },
            y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }
          }
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    connect();
    drawCharts(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    connect();
    drawCharts(event.detail.elt);
  });
})();
