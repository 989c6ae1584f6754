// Streamlit's own words in the interface's language (see ui.streamlit_words): a text node or an
// aria-label/title/placeholder whose whole text is one of WORDS, or matches one of PATTERNS, is rewritten,
// now and whenever Streamlit draws it again. Texts of our own (markdown, charts) are left alone.
(() => {
  const WORDS = __WORDS__;
  const PATTERNS = __PATTERNS__.map(([re, to]) => [new RegExp(re), to]);
  const ATTRS = ["aria-label", "title", "placeholder"];
  // Our own texts: charts, static tables, and markdown outside Streamlit's own controls (whose labels,
  // such as the uploader's button and the toolbars' tooltips, are drawn as markdown too).
  const OURS = '.js-plotly-plot, [data-testid="stTable"], [data-testid="stAlert"], [data-testid="stCaptionContainer"]';
  const ours = (el) => el.closest(OURS) || (el.closest('[data-testid="stMarkdownContainer"]')
                                            && !el.closest('[data-testid="stFileUploader"] button, [data-testid="stTooltipContent"]'));
  const words = (text) => {
    const key = text.trim();
    if (!key) return null;
    if (Object.hasOwn(WORDS, key)) return text.replace(key, WORDS[key]);
    for (const [re, to] of PATTERNS) if (re.test(key)) return text.replace(key, key.replace(re, to));
    return null;
  };
  const icon = (el) => el && /Material/.test(getComputedStyle(el).fontFamily);
  const fixAttributes = (el) => {
    for (const name of ATTRS) {
      const value = el.getAttribute(name);
      const text = value && words(value);
      if (text && text !== value) el.setAttribute(name, text);
    }
  };
  const fix = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const el = node.parentElement;
      const text = words(node.nodeValue);
      if (text !== null && text !== node.nodeValue && el && !ours(el) && !icon(el)) node.nodeValue = text;
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE || node.closest(OURS)) return;
    for (const el of [node, ...node.querySelectorAll("[aria-label],[title],[placeholder]")]) fixAttributes(el);
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) fix(n);
  };
  window.__partnerlibWords?.disconnect();
  const observer = new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "childList") change.addedNodes.forEach(fix);
      else if (change.type === "attributes") fixAttributes(change.target);
      else fix(change.target);
    }
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                                   attributeFilter: ATTRS});
  window.__partnerlibWords = observer;
  fix(document.body);
})();
