// The bench's ceilings (run.mjs bundles this file): the least a Lit element can do to show Q1,
// and, with a `service` attribute, the least one that must first read its service's published survey
// (#14) can do; no Lit element beats them on the same machine. One file for both pages: the fetch
// adds under 0.1 KB gzipped to the Lit floor's bytes.
import { css, html, LitElement } from 'lit';

class BenchLitQ1 extends LitElement {
  static properties = { ready: { state: true } };
  static styles = css`fieldset{border:1px solid;padding:.5em 1em}label{margin-inline-end:1em}`;

  constructor() {
    super();
    this.ready = false;
  }

  connectedCallback() {
    super.connectedCallback();
    const service = this.getAttribute('service');
    if (!service) {
      this.ready = true;
      return;
    }
    // As <cx-survey> asks its collector: no cookies, Q1 only once the JSON has arrived.
    fetch(`/v1/services/${encodeURIComponent(service)}`, { credentials: 'omit' })
      .then((res) => res.json())
      .then(() => (this.ready = true));
  }

  render() {
    if (!this.ready) return null;
    return html`<fieldset><legend>This interaction increased my trust in Example Agency.</legend>
<label><input type="radio" name="q1" value="agree"> Agree</label> <label><input type="radio" name="q1" value="disagree"> Disagree</label></fieldset>`;
  }
}
customElements.define('bench-lit-q1', BenchLitQ1);
