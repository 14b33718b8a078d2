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
}
