// The playground streams its answer: POST the form to /ui/playground/stream and read the
// server-sent events (meta, delta..., result) as they arrive. Without JavaScript the form posts normally.
(function () {
    'use strict';
    var form = document.getElementById('playground-form');
    if (!form || !window.fetch || !window.TextDecoder) {
        return;
    }
    var $ = function (id) { return document.getElementById(id); };

    function set(id, value) {
        $(id).textContent = value === null || value === undefined || value === '' ? '—' : String(value);
    }

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        var send = $('send');
        var answer = $('answer');
        var error = $('run-error');
        var started = performance.now();
        var firstAt = null;
        var chunks = 0;
        answer.textContent = '';
        error.hidden = true;
        error.textContent = '';
        ['stat-model', 'stat-source', 'stat-prompt', 'stat-completion', 'stat-total', 'stat-budget', 'stat-latency',
            'stat-first', 'stat-chunks', 'stat-finish'].forEach(function (id) { set(id, null); });
        send.disabled = true;
        set('run-status', 'Sending…');

        var headers = {'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'text/event-stream', 'X-Requested-By': 'fetch'};
        var csrfHeader = window.Muninn.meta('csrf-header');
        if (csrfHeader) {
            headers[csrfHeader] = window.Muninn.meta('csrf-token');
        }

        function handle(name, data) {
            if (name === 'meta') {
                set('stat-model', data.provider + ' / ' + data.model);
                set('stat-source', data.source);
                set('stat-budget', data.budget);
                set('run-status', 'Streaming…');
            } else if (name === 'delta') {
                if (firstAt === null) {
                    firstAt = performance.now();
                    set('stat-first', Math.round(firstAt - started) + ' ms');
                }
                chunks++;
                set('stat-chunks', chunks);
                answer.textContent += data.content;
            } else if (name === 'result') {
                if (data.provider) {
                    set('stat-model', data.provider + ' / ' + data.model);
                }
                set('stat-source', data.source);
                var usage = data.usage || {};
                set('stat-prompt', usage.prompt_tokens);
                set('stat-completion', usage.completion_tokens);
                set('stat-total', usage.total_tokens);
                set('stat-budget', data.budget);
                set('stat-latency', data.latency_ms + ' ms');
                set('stat-finish', data.finish_reason);
                if (data.success) {
                    set('run-status', 'Done.');
                } else {
                    error.textContent = data.code + ': ' + data.message;
                    error.hidden = false;
                    set('run-status', 'Failed.');
                }
            }
        }

        fetch(form.getAttribute('data-stream'), {
            method: 'POST', headers: headers, body: new URLSearchParams(new FormData(form)), credentials: 'same-origin'
        }).then(function (response) {
            if (response.headers.get('HX-Redirect')) {
                window.location.href = response.headers.get('HX-Redirect'); // signed out meanwhile
                return;
            }
            if (!response.ok || !response.body) {
                throw new Error('The server answered ' + response.status);
            }
            var reader = response.body.getReader();
            var decoder = new TextDecoder();
            var buffer = '';
            function pump() {
                return reader.read().then(function (part) {
                    if (part.done) {
                        return;
                    }
                    buffer += decoder.decode(part.value, {stream: true});
                    var end;
                    while ((end = buffer.indexOf('\n\n')) >= 0) {
                        var block = buffer.slice(0, end);
                        buffer = buffer.slice(end + 2);
                        var name = 'message';
                        var data = '';
                        block.split('\n').forEach(function (line) {
                            if (line.indexOf('event:') === 0) {
                                name = line.slice(6).trim();
                            } else if (line.indexOf('data:') === 0) {
                                data += line.slice(5).trim();
                            }
                        });
                        if (data) {
                            handle(name, JSON.parse(data));
                        }
                    }
                    return pump();
                });
            }
            return pump();
        }).catch(function (e) {
            error.textContent = e.message;
            error.hidden = false;
            set('run-status', 'Failed.');
        }).finally(function () {
            send.disabled = false;
        });
    });
})();
