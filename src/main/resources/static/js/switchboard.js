// Switchboard's only script besides htmx and the chart library: CSRF for htmx requests, visible errors for
// failed ones, live updates (server-sent events, polling when they are unavailable), the charts, and forms'
// mistakes tied to their fields.
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

  // The chart library (200 KB) is fetched only by a page that has a chart, once, after the page's load event: until
  // the charts are drawn the page shows their numbers as a table. The "sb:charts-drawn" mark says when they were
  // (the pages benchmark prints it beside the load time).
  var chartLibrary = null;

  function fetchChartLibrary() {
    var source = document.body.dataset.chartLibrary;
    if (!chartLibrary && source) {
      chartLibrary = document.createElement("script");
      chartLibrary.src = source;
      chartLibrary.addEventListener("load", function () { drawCharts(document); });
      document.head.appendChild(chartLibrary);
    }
  }

  function drawCharts(root) {
    if (!(root || document).querySelector("canvas[data-chart]")) {
      return;
    }
    if (!window.Chart) {
      if (document.readyState === "complete") {
        fetchChartLibrary();
      } else {
        window.addEventListener("load", fetchChartLibrary, { once: true });
      }
      return;
    }
    document.documentElement.classList.add("charts");
    (root || document).querySelectorAll("details.chart-data[open]").forEach(function (details) {
      details.open = false;
    });
    (root || document).querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var data = JSON.parse(canvas.dataset.chart);
      if (charts[canvas.id]) {
        charts[canvas.id].destroy();
      }
      var stacked = data.stacked !== false;
      var title = function (text) { return text ? { display: true, text: text } : { display: false }; };
      charts[canvas.id] = new window.Chart(canvas, {
        type: data.type || "bar",
        data: {
          labels: data.labels,
          datasets: data.series.map(function (series) {
            return { label: series.label, data: series.values, backgroundColor: series.color,
              borderColor: series.color, borderWidth: data.type === "line" ? 2 : 0, pointRadius: 2 };
          })
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          plugins: { legend: { position: "bottom" } },
          scales: {
            x: { stacked: stacked, grid: { display: false }, ticks: { maxTicksLimit: 12 }, title: title(data.xTitle) },
            y: { stacked: stacked, beginAtZero: data.type !== "line", ticks: { precision: 0 }, title: title(data.yTitle) }
          }
        }
      });
    });
    if (window.performance && performance.mark) {
      performance.mark("sb:charts-drawn");
    }
  }

  // Forms: each mistake (an .error-text beside its field) is tied to its field for assistive technology
  // (aria-invalid, aria-describedby); when a form comes back with mistakes, the first such field takes the focus.
  function markMistakes(root) {
    root.querySelectorAll(".error-text[id]").forEach(function (error) {
      var holder = error.closest(".field, fieldset");
      if (!holder) {
        return;
      }
      holder.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (control) {
        control.setAttribute("aria-invalid", "true");
        var ids = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
        if (ids.indexOf(error.id) < 0) {
          ids.push(error.id);
          control.setAttribute("aria-describedby", ids.join(" "));
        }
      });
    });
    if (root.querySelector(".form-summary, .error-text[id]")) {
      var first = root.querySelector("[aria-invalid=true]");
      if (first) {
        first.focus();
      }
    }
  }

  // A table wider than its card scrolls sideways inside it; such a region takes the keyboard focus (arrow keys
  // scroll it) and is named after its card. Measured when the browser lays the page out anyway (a ResizeObserver
  // reports each table's box after layout, and again when the window's width changes it): measuring in the
  // DOMContentLoaded handler forced a layout of the whole page before its load event.
  function scrollable(wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      var heading = wrap.closest(".card") && wrap.closest(".card").querySelector("h2");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", (heading ? heading.textContent.trim() : "Table") + " (scrolls sideways)");
    } else if (wrap.getAttribute("role") === "region") {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
  }

  var tableBoxes = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { scrollable(entry.target); });
  }) : null;

  // now: after a swap, whose new rows may widen a table whose box did not change
  function scrollableTables(root, now) {
    root.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (tableBoxes) {
        tableBoxes.observe(wrap);
      }
      if (now || !tableBoxes) {
        scrollable(wrap);
      }
    });
  }
  if (!tableBoxes) {
    window.addEventListener("resize", function () { scrollableTables(document, true); });
  }

  // The last command's answer can be dismissed (by its button or Escape).
  // a declaration that depends on a box (TikTok's, with branded content) follows it as it is ticked; the server
  // renders the same text from the submitted form
  document.addEventListener("change", function (event) {
    var box = event.target;
    var target = box && box.getAttribute && box.getAttribute("data-consent-target");
    var text = target && document.getElementById(target);
    if (text) {
      text.textContent = box.getAttribute(box.checked ? "data-consent-on" : "data-consent-off");
    }
  });
  document.addEventListener("click", function (event) {
    var dismiss = event.target.closest("[data-dismiss]");
    if (dismiss) {
      dismiss.closest(".alert").remove();
    }
  });
  document.addEventListener("keydown", function (event) {
    var flash = document.getElementById("flash");
    if (event.key === "Escape" && flash && flash.contains(document.activeElement)) {
      flash.remove();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    connect();
    drawCharts(document);
    markMistakes(document);
    scrollableTables(document);
  });
  // A page the browser restores from its back-forward cache shows what it showed when left: refresh what is live.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      changed();
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    connect();
    drawCharts(event.detail.elt);
    markMistakes(event.detail.elt);
    scrollableTables(document, true);
  });

  // Media uploads: each dropped or chosen file is sent as the raw body of its own request, so the server streams
  // it to storage and the browser reports its progress; the new item's card joins the grid and updates itself.
  var PARALLEL_UPLOADS = 3;

  function setupUpload() {
    var form = document.getElementById("upload-form");
    if (!form || form.dataset.scripted) {
      return;
    }
    form.dataset.scripted = "true";
    form.classList.add("scripted");
    var input = form.querySelector("input[type=file]");
    var queue = [];
    var running = 0;

    function next() {
      while (running < PARALLEL_UPLOADS && queue.length > 0) {
        running++;
        send(form, queue.shift(), function () { running--; next(); });
      }
    }

    function enqueue(files) {
      Array.prototype.forEach.call(files, function (file) { queue.push(file); });
      next();
    }

    input.addEventListener("change", function () {
      enqueue(input.files);
      input.value = "";
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      enqueue(input.files);
    });
    ["dragenter", "dragover"].forEach(function (name) {
      form.addEventListener(name, function (event) {
        event.preventDefault();
        form.classList.add("dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      form.addEventListener(name, function () { form.classList.remove("dragging"); });
    });
    form.addEventListener("drop", function (event) {
      event.preventDefault();
      enqueue(event.dataTransfer.files);
    });
  }

  function uploadRow(file) {
    var row = document.createElement("li");
    row.className = "upload-row";
    var name = document.createElement("span");
    name.className = "upload-name";
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", "Upload of " + file.name);
    var message = document.createElement("span");
    message.className = "upload-message muted";
    message.textContent = "waiting";
    row.append(name, bar, message);
    document.getElementById("upload-list").prepend(row);
    return {row: row, bar: bar, message: message};
  }

  function finish(ui, kind, text) {
    ui.row.classList.add("upload-" + kind);
    ui.message.className = "upload-message" + (kind === "refused" || kind === "failed" ? " error-text" : "");
    ui.message.textContent = text;
  }

  function send(form, file, done) {
    var ui = uploadRow(file);
    var max = Number(form.dataset.maxBytes);
    if (max > 0 && file.size > max) {
      finish(ui, "refused", file.name + " is larger than the upload limit (" + Math.round(max / 1048576)
        + " MB). Shorten or compress it, or ask an admin to raise the limit.");
      done();
      return;
    }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.dataset.uploadUrl + "?name=" + encodeURIComponent(file.name));
    var header = meta("csrf-header"), token = meta("csrf-token");
    if (header && token) {
      xhr.setRequestHeader(header, token);
    }
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    ui.message.textContent = "uploading";
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        ui.bar.value = Math.floor(event.loaded * 100 / event.total);
      }
    });
    xhr.addEventListener("load", function () {
      var answer = null;
      try {
        answer = JSON.parse(xhr.responseText);
      } catch (e) {
        answer = null;
      }
      if (!answer) {
        finish(ui, "failed", xhr.status === 403 ? "Your role cannot upload. Ask an admin if you need it."
          : "The server answered " + xhr.status + ". Try again; if it keeps failing, tell your admin.");
      } else {
        ui.bar.value = 100;
        finish(ui, answer.outcome, answer.message);
        if (answer.outcome === "stored") {
          addCard(form, answer.id);
        }
        if (answer.id) {
          follow(form, ui.row, answer.id, answer.outcome === "duplicate");
        }
      }
      done();
    });
    xhr.addEventListener("error", function () {
      finish(ui, "failed", "The upload was interrupted. Check your connection and drop the file again.");
      done();
    });
    xhr.send(file);
  }

  // The row follows its item to ready or rejected: the server renders it, and it stops asking once settled.
  function follow(form, row, id, duplicate) {
    if (!window.htmx) {
      return;
    }
    row.setAttribute("hx-get", form.dataset.rowUrl + id + "/upload-row" + (duplicate ? "?duplicate=true" : ""));
    row.setAttribute("hx-trigger", "load, every 2s");
    row.setAttribute("hx-swap", "outerHTML");
    htmx.process(row);
  }

  function addCard(form, id) {
    var empty = document.getElementById("media-empty");
    if (empty) {
      empty.hidden = true;
    }
    fetch(form.dataset.cardUrl + id + "/card", {headers: {"HX-Request": "true"}, credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var grid = document.getElementById("media-grid");
        if (!html || !grid) {
          return;
        }
        var holder = document.createElement("div");
        holder.innerHTML = html.trim();
        var card = holder.firstElementChild;
        if (card && !document.getElementById(card.id)) {
          grid.prepend(card);
          htmx.process(card);
        }
      });
  }

  // The calendar: a scheduled post dragged onto another day (or hour of the day view) is moved by the calendar's
  // move form, which the server checks like the plan; a refusal comes back beside the post. Without dragging,
  // each post opens its page, whose form moves it by keyboard.
  var dragged = null;
  document.addEventListener("dragstart", function (e) {
    var post = e.target.closest && e.target.closest("[data-post][draggable=true]");
    if (!post) {
      return;
    }
    dragged = post;
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", post.getAttribute("data-post"));
  });
  document.addEventListener("dragend", function () {
    dragged = null;
    document.querySelectorAll(".drop-over").forEach(function (z) { z.classList.remove("drop-over"); });
  });
  document.addEventListener("dragover", function (e) {
    var zone = dragged && e.target.closest && e.target.closest("[data-drop-date]");
    if (zone) {
      e.preventDefault();
      zone.classList.add("drop-over");
    }
  });
  document.addEventListener("dragleave", function (e) {
    var zone = e.target.closest && e.target.closest("[data-drop-date]");
    if (zone && !zone.contains(e.relatedTarget)) {
      zone.classList.remove("drop-over");
    }
  });
  document.addEventListener("drop", function (e) {
    var zone = dragged && e.target.closest && e.target.closest("[data-drop-date]");
    var form = document.getElementById("move-form");
    if (!zone || !form) {
      return;
    }
    e.preventDefault();
    var time = dragged.getAttribute("data-time");
    var hour = zone.getAttribute("data-drop-hour");
    if (hour !== null) {
      time = (hour.length === 1 ? "0" + hour : hour) + time.substring(2);
    }
    form.elements["post"].value = dragged.getAttribute("data-post");
    form.elements["date"].value = zone.getAttribute("data-drop-date");
    form.elements["time"].value = time;
    dragged = null;
    form.requestSubmit();
  });

  // The calendar's post preview: a post's "Preview" link loads the preview (htmx, on demand) into the one popover and
  // opens it with focus on its Close button; Escape or Close shuts it (the popover's own behaviour) and the browser
  // returns focus to the link. Without JavaScript the link opens the post page.
  document.addEventListener("htmx:afterSwap", function (e) {
    var peek = e.detail.target;
    if (peek.id !== "cal-peek" || !peek.showPopover) {
      return;
    }
    if (!peek.matches(":popover-open")) {
      peek.showPopover();
    }
    var close = document.getElementById("peek-close");
    if (close) {
      close.focus();
    }
  });

  if (window.htmx) {
    htmx.onLoad(setupUpload);
  } else {
    document.addEventListener("DOMContentLoaded", function () { setupUpload(); });
  }
})();
