// Delivers <cx-survey> records through the host app when it offers a bridge (see docs/webviews.md):
// the app posts them with its own HTTP stack (its auth, its certificate pinning, its offline queue),
// and answers one { id, outcome } per record. Without a bridge, this page is a normal web page and the
// survey sends with fetch.
const survey = document.getElementById('survey');
const via = document.getElementById('via');

/** iOS WKWebView: a WKScriptMessageHandlerWithReply named "cxSurvey"; postMessage resolves to its reply. */
function iosBridge() {
  const handler = window.webkit?.messageHandlers?.cxSurvey;
  if (!handler) return undefined;
  return async (records, endpoint) => {
    const reply = await handler.postMessage({ endpoint: new URL(endpoint, location.href).href, records });
    return typeof reply === 'string' ? JSON.parse(reply) : reply;
  };
}

/**
 * Android WebView: an object added with addJavascriptInterface(bridge, "CxSurveyBridge") whose
 * @JavascriptInterface deliver(requestId, json) returns at once; the app answers later by calling
 * window.cxSurveyBridgeReply(requestId, resultsJson), or with null to mean "retry them all".
 */
function androidBridge() {
  const bridge = window.CxSurveyBridge;
  if (!bridge || typeof bridge.deliver !== 'function') return undefined;
  const waiting = new Map();
  let next = 0;
  window.cxSurveyBridgeReply = (requestId, resultsJson) => {
    const request = waiting.get(requestId);
    if (!request) return;
    waiting.delete(requestId);
    if (resultsJson == null) request.reject(new Error('the app could not deliver; retry later'));
    else request.resolve(JSON.parse(resultsJson));
  };
  return (records, endpoint) =>
    new Promise((resolve, reject) => {
      const requestId = String(++next);
      waiting.set(requestId, { resolve, reject });
      bridge.deliver(requestId, JSON.stringify({ endpoint: new URL(endpoint, location.href).href, records }));
    });
}

const transport = iosBridge() ?? androidBridge();
if (transport) survey.transport = transport;
survey.addEventListener('cx-delivery', (e) => {
  if (e.detail.status === 'sent') via.textContent = transport ? 'Sent through the app.' : 'Sent from the page.';
});
