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
  // Infinite scroll: the list loads its next page when the marker after the last card nears the screen.
  observeEnd(marker, list) {
    const observer = new IntersectionObserver((seen) => {
      if (!seen.some((e) => e.isIntersecting)) return;
      // Observing again reports the marker's place afresh: a page too short to push it away loads the next one too.
      list.invokeMethodAsync('LoadMoreAsync').then(() => { observer.unobserve(marker); observer.observe(marker); });
    }, { rootMargin: '400px 0px' });
    observer.observe(marker);
    return { dispose: () => observer.disconnect() };
  },
  // Pull to refresh on touch screens: pulled down 80 px from the top of the page, the list reloads.
  pullToRefresh(list) {
    let startY = null;
    let pulled = 0;
    const start = (e) => { startY = window.scrollY === 0 ? e.touches[0].clientY : null; pulled = 0; };
    const move = (e) => {
      if (startY === null) return;
      pulled = e.touches[0].clientY - startY;
      document.body.classList.toggle('pulling', pulled > 80);
    };
    const end = () => {
      if (startY !== null && pulled > 80) list.invokeMethodAsync('PullRefreshAsync');
      document.body.classList.remove('pulling');
      startY = null;
    };
    window.addEventListener('touchstart', start, { passive: true });
    window.addEventListener('touchmove', move, { passive: true });
    window.addEventListener('touchend', end);
    return {
      dispose: () => {
        window.removeEventListener('touchstart', start);
        window.removeEventListener('touchmove', move);
        window.removeEventListener('touchend', end);
      },
    };
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
