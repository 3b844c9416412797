// Starts Swagger UI on the API page (kept out of the HTML: the site allows no inline scripts).
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var target = document.getElementById("swagger-ui");
  if (target && window.SwaggerUIBundle) {
    window.SwaggerUIBundle({ url: target.dataset.openapi, dom_id: "#swagger-ui" });
  }
});
