/* Live preview of one-field dates (core/date_fields.py): as staff type, the server's own
   parser says how the public page will read the date, or what is wrong with it. No date
   parsing happens here, so the preview and the saved value can never disagree. */
"use strict";
(function () {
  const DELAY = 250;
  const pending = new WeakMap();

  function outputOf(input) {
    const box = input.closest(".precise-date");
    return box && box.querySelector(".precise-date-reading");
  }

  async function preview(input) {
    const output = outputOf(input);
    const url = input.dataset.readingUrl;
    if (!output || !url) return;
    // Inline rows added by "Add another" get their ids renamed, not this reference.
    if (output.id !== input.id + "_reading") output.id = input.id + "_reading";
    const previous = pending.get(input);
    if (previous) previous.abort();
    const controller = new AbortController();
    pending.set(input, controller);
    const query = new URLSearchParams({ text: input.value });
    if (input.dataset.preciseDate === "span") query.set("span", "1");
    try {
      const response = await fetch(url + "?" + query, {
        signal: controller.signal,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const answer = await response.json();
      output.textContent = answer.message;
      output.classList.toggle("is-error", Boolean(answer.error));
    } catch (error) {
      // Aborted by newer typing, or signed out: the preview is a help, the form still works.
    }
  }

  const timers = new WeakMap();
  document.addEventListener("input", function (event) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.preciseDate) return;
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { preview(input); }, DELAY));
  });
})();
