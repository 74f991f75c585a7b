// Muninn admin UI: the little behaviour htmx does not cover. No inline scripts, so the CSP can forbid them.
(function () {
    'use strict';

    function meta(name) {
        var el = document.querySelector('meta[name="' + name + '"]');
        return el ? el.getAttribute('content') : null;
    }

    // Spring Security checks CSRF on every POST; htmx requests carry the token in its header.
    document.addEventListener('htmx:configRequest', function (event) {
        var header = meta('csrf-header');
        var token = meta('csrf-token');
        if (header && token) {
            event.detail.headers[header] = token;
        }
    });

    // A slider shows its value next to its label while it moves.
    document.addEventListener('input', function (event) {
        var input = event.target;
        if (input.matches && input.matches('input[type="range"][data-output]')) {
            var out = document.getElementById(input.getAttribute('data-output'));
            if (out) {
                out.textContent = Number(input.value).toFixed(2);
            }
        }
    });

    // Buttons that ask before they act: data-confirm holds the question.
    document.addEventListener('click', function (event) {
        var button = event.target.closest ? event.target.closest('[data-confirm]') : null;
        if (button && !window.confirm(button.getAttribute('data-confirm'))) {
            event.preventDefault();
            event.stopPropagation();
        }
    }, true);

    window.Muninn = {meta: meta};
})();
