// The little the app needs from the browser that .NET cannot do itself. Loaded from this origin only (CSP).
window.timesheets = {
  // A top-level POST (logout), so what it carries is in the body, not in a URL.
  postForm(action, fields) {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = action;
    for (const [name, value] of Object.entries(fields)) {
      if (value == null) continue;
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.appendChild(input);
    }
    document.body.appendChild(form);
    form.submit();
  },
  // Entries logged offline are sent when the browser says the network is back.
  watchOnline(app) {
    window.addEventListener('online', () => app.invokeMethodAsync('OnlineAsync'));
  },
};

// A page restored from the back/forward cache would show what it showed before a logout: start afresh.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) location.reload();
});

// The service worker keeps the app shell for offline use (published builds; a no-op in development).
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('service-worker.js');
}
