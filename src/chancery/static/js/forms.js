// A form that changes something is sent once: after the first press its submit buttons are
// disabled, so a double click does not send it twice (the server holds it too, core.once). The
// buttons are disabled after the browser has taken the form's data, so the pressed button's own
// name and value still go with it; returning to the page (the back button) enables them again.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || "").toLowerCase() !== "post" || event.defaultPrevented) {
      return;
    }
    window.setTimeout(function () {
      form.querySelectorAll('button[type="submit"], button:not([type]), input[type="submit"]').forEach(function (button) {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
      });
    }, 0);
  });
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) {
      return;
    }
    document.querySelectorAll("form button[aria-disabled], form input[aria-disabled]").forEach(function (button) {
      button.disabled = false;
      button.removeAttribute("aria-disabled");
    });
  });
})();

// Several countries in one field (core.forms.CountriesField): the server shows two empty inputs
// beyond those filled; the "Add a country" button adds one more, labelled like the others.
(function () {
  "use strict";
  document.querySelectorAll("[data-country-list]").forEach(function (list) {
    var button = list.querySelector("[data-add-country]");
    if (!button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var inputs = list.querySelectorAll("input");
      var last = inputs[inputs.length - 1];
      var added = last.cloneNode(false);
      var number = inputs.length + 1;
      added.value = "";
      added.id = inputs[0].id + "_" + (number - 1);
      added.removeAttribute("aria-invalid");
      added.removeAttribute("aria-describedby");
      var label = (last.getAttribute("aria-label") || "").replace(/\(\d+\)$/, "(" + number + ")");
      added.setAttribute("aria-label", label);
      list.insertBefore(added, button);
      added.focus();
    });
  });
})();
