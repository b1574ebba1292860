// Switchboard's only script besides htmx: CSRF for htmx requests, and visible errors for failed ones.
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
})();
