// Starts Swagger UI on the API docs page (templates/api/docs.html). An external file,
// not an inline script, so the page runs under the site's Content-Security-Policy.
"use strict";

(function () {
  const root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    domNode: root,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    // No call to validator.swagger.io: nothing leaves the site.
    validatorUrl: null,
  });
})();
