/* The case page as one form (cases/admin/siblings.py): records tick among the case's
   people and sources and appeals pick among its decisions and orders, new rows of the
   same unsaved form included ("new:<row prefix>" values); new rows start with the
   visibility chosen in "New records, people and sources start as". */
"use strict";
(function () {
  const TOKEN = "new:";
  const RECORDS = ["detentions", "asylumdecisions", "appeals", "extraditions", "statements", "events"];
  // Which rows each record field chooses among, and how a new row is labelled.
  const SIBLINGS = {
    people: { group: "subjects", label: (row, p) => value(p + "-new_name") || picked(p + "-person") },
    sources: {
      group: "case_sources",
      label: (row, p) => value(p + "-title") || value(p + "-url") || picked(p + "-source"),
    },
    contests_decision: {
      group: "asylumdecisions",
      label: (row, p) => [gettext("New decision"), picked(p + "-outcome"), value(p + "-decided_on")]
        .filter(Boolean).join(", "),
    },
    contests_extradition: {
      group: "extraditions",
      label: (row, p) => [gettext("New extradition order"), value(p + "-ordered_on")]
        .filter(Boolean).join(", "),
    },
  };
  let uid = 0;

  function gettext(text) { return window.gettext ? window.gettext(text) : text; }
  function field(name) { return document.querySelector('[name="' + name + '"]'); }
  function value(name) { const el = field(name); return el ? el.value.trim() : ""; }
  function picked(name) {
    const el = field(name);
    const option = el && el.selectedOptions && el.selectedOptions[0];
    return option && option.value ? option.textContent.trim() : "";
  }
  function isNew(row) {
    const id = field(row.id + "-id");
    return !id || !id.value;
  }
  function rows(group) {
    return Array.from(document.querySelectorAll("#" + group + "-group .dynamic-" + group + ", #" + group + "-group .form-row[id^='" + group + "-'], #" + group + "-group .inline-related[id^='" + group + "-']"))
      .filter((row, i, all) => all.indexOf(row) === i && !row.id.endsWith("-empty") && /-\d+$/.test(row.id));
  }
  // The new rows of a sibling inline worth offering: stable ids, current tokens, labels.
  function newRows(name) {
    const sibling = SIBLINGS[name];
    return rows(sibling.group).filter(isNew).map((row) => {
      if (!row.dataset.sibling) row.dataset.sibling = String(++uid);
      const deleted = field(row.id + "-DELETE");
      return { uid: row.dataset.sibling, token: TOKEN + row.id, label: sibling.label(row, row.id), deleted: deleted && deleted.checked };
    }).filter((row) => row.label && !row.deleted);
  }

  function syncBoxes(container, inputName, offered, fresh) {
    const boxes = Array.from(container.querySelectorAll("input[type=checkbox]"));
    const kept = new Set();
    offered.forEach((row) => {
      let box = boxes.find((b) => b.dataset.sibling === row.uid || (!b.dataset.sibling && b.value === row.token));
      if (!box) {
        const line = document.createElement("div");
        const label = document.createElement("label");
        box = document.createElement("input");
        box.type = "checkbox";
        box.name = inputName;
        box.checked = fresh;  // a new record concerns everyone, until unticked
        label.append(box, document.createTextNode(" "), document.createElement("span"));
        line.append(label);
        container.append(line);
      }
      box.dataset.sibling = row.uid;
      box.value = row.token;
      const text = box.parentElement.querySelector("span") || box.parentElement;
      if (text.tagName === "SPAN") text.textContent = row.label;
      kept.add(box);
    });
    boxes.filter((b) => b.value.startsWith(TOKEN) && !kept.has(b)).forEach((b) => b.closest("div").remove());
  }

  function syncSelect(select, offered) {
    const options = Array.from(select.options);
    const kept = new Set();
    offered.forEach((row) => {
      let option = options.find((o) => o.dataset.sibling === row.uid || (!o.dataset.sibling && o.value === row.token));
      if (!option) { option = new Option("", ""); select.add(option); }
      option.dataset.sibling = row.uid;
      option.value = row.token;
      option.textContent = row.label;
      kept.add(option);
    });
    options.filter((o) => o.value.startsWith(TOKEN) && !kept.has(o)).forEach((o) => o.remove());
  }

  function sync() {
    const offered = {};
    Object.keys(SIBLINGS).forEach((name) => { offered[name] = newRows(name); });
    RECORDS.forEach((group) => rows(group).forEach((record) => {
      Object.keys(SIBLINGS).forEach((name) => {
        const el = document.getElementById("id_" + record.id + "-" + name);
        if (!el) return;
        if (el.tagName === "SELECT") syncSelect(el, offered[name]);
        else syncBoxes(el, record.id + "-" + name, offered[name], isNew(record));
      });
    }));
  }

  // Default visibility: new rows still at the one they were drawn with follow it.
  function newVisibilitySelects() {
    return Array.from(document.querySelectorAll("select[name$='-visibility']")).filter((select) => {
      const row = select.closest(".form-row[id], .inline-related[id]");
      return row && (row.id.endsWith("-empty") || isNew(row));
    });
  }
  function followDefault(previous, next) {
    newVisibilitySelects().forEach((select) => { if (select.value === previous) select.value = next; });
  }

  // A new extradition or deportation usually sends people from the case's host country
  // to their country of origin: its countries start as the case's (staff change them).
  const FROM_THE_CASE = { from_country: "host_country", to_country: "origin_country" };
  function startFromTheCase(row) {
    Object.entries(FROM_THE_CASE).forEach(([name, caseField]) => {
      const select = row.querySelector("select[name$='-" + name + "']");
      const country = value(caseField);
      if (select && !select.value && country) select.value = country;
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const chooser = document.getElementById("id_default_visibility");
    const drawn = document.getElementById("id_rows_default");
    if (chooser && drawn) {
      if (!drawn.value) drawn.value = "internal";
      chooser.addEventListener("change", () => {
        followDefault(drawn.value, chooser.value);
        drawn.value = chooser.value;
      });
    }
    document.addEventListener("formset:added", (event) => {
      const row = event.target;
      const select = row.querySelector("select[name$='-visibility']");
      if (select && drawn) select.value = drawn.value;
      sync();
      startFromTheCase(row);
      if (RECORDS.includes(event.detail && event.detail.formsetName)) {
        row.querySelectorAll(".field-people input[type=checkbox], .field-sources input[type=checkbox]")
          .forEach((box) => { box.checked = true; });
      }
    });
    document.addEventListener("formset:removed", sync);
    document.addEventListener("input", sync);
    document.addEventListener("change", sync);
    if (window.django && window.django.jQuery) window.django.jQuery(document).on("change select2:select", sync);
    sync();
  });
})();
