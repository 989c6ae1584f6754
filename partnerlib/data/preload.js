// Streamlit loads the code of a chart or a table only when the first one is drawn: plotly.js is 4.7 MB that
// Chromium takes one to two seconds to parse and run, and the data grid half a megabyte more. The Overview,
// where she lands, needs neither (its trends are SVG drawn by the server), so this script (put on the page
// with Streamlit's words at the start of every run; it acts once per page load) imports that code once the
// first run has ended and the browser is idle — while she reads the key figures — so that the next page
// does not wait for it. The URLs are those Streamlit's own lazy imports resolve to, next to its entry
// module, so each module is loaded and run only once.
(() => {
  if (window.__partnerlibPreloaded) return;
  window.__partnerlibPreloaded = true;
  const entry = document.querySelector('script[type="module"][src*="/static/js/index."]');
  if (!entry) return;
  const base = new URL(".", entry.src);
  const files = __FILES__;
  const load = () => files.reduce((done, file) => done.then(
    () => import(new URL(file, base).href).catch(() => {})), Promise.resolve());
  const idle = () => (window.requestIdleCallback ? window.requestIdleCallback(load, {timeout: 4000})
                                                 : setTimeout(load, 1500));
  const ended = () => document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]');
  const wait = setInterval(() => { if (ended()) { clearInterval(wait); idle(); } }, 200);
})();
