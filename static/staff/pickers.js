/* Tells the staff admin's autocomplete which case the page is about, so that the
   people picker lists the case's own people first (core/pickers.py).

   The case is, in this order: a `data-case` attribute on the open picker or around it
   (a form may set one), the case of a case's change page (its address), or the value of
   the form's `case` field (a record's page, as currently chosen). */
'use strict';
{
    const $ = django.jQuery;
    const CASE_PAGE = /\/cases\/case\/(\d+)\/change\/$/;

    function openPicker() {
        return $('.admin-autocomplete').filter(function () {
            const select2 = $(this).data('select2');
            return select2 && select2.isOpen();
        }).get(0);
    }

    function pageCase(picker) {
        const marked = picker && picker.closest('[data-case]');
        if (marked) {
            return marked.dataset.case;
        }
        const page = CASE_PAGE.exec(window.location.pathname);
        if (page) {
            return page[1];
        }
        const field = document.querySelector('form [name="case"]');
        return field && /^\d+$/.test(field.value) ? field.value : '';
    }

    // Django's autocomplete.js sends {term, page, app_label, model_name, field_name}.
    $.ajaxPrefilter(function (options, original) {
        const data = original.data;
        if (!data || typeof data !== 'object' || !('field_name' in data) || !('app_label' in data)) {
            return;
        }
        const caseId = pageCase(openPicker());
        if (caseId) {
            options.data = (options.data ? options.data + '&' : '') + 'case=' + encodeURIComponent(caseId);
        }
    });

    // select2 draws its own combobox, named by its current value alone (empty for a new
    // row): give it the name of the select it stands for (its label or aria-label).
    function nameCombobox(select) {
        const combobox = select.parentElement.querySelector('.select2-selection[role="combobox"]');
        if (!combobox || combobox.hasAttribute('aria-label')) {
            return;
        }
        const label = select.getAttribute('aria-label') ||
            (select.labels && select.labels[0] && select.labels[0].textContent.trim());
        if (label) {
            const name = label.replace(/:$/, '');
            combobox.setAttribute('aria-label', name);
            combobox.querySelectorAll('[role="textbox"]').forEach(function (shown) {
                shown.setAttribute('aria-label', name);
            });
        }
    }
    function nameComboboxes() {
        document.querySelectorAll('select.admin-autocomplete').forEach(nameCombobox);
    }
    // After Django's autocomplete.js has drawn them (on ready, and for each added row).
    $(function () { setTimeout(nameComboboxes); });
    document.addEventListener('formset:added', function () { setTimeout(nameComboboxes); });
}
