import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import {
  UnauthorizedError,
  download,
  getJson,
  saveToken,
  savedToken,
  type Alerts,
  type Overview,
  type QuarterReportView,
  type ServiceDetail,
  type ServicePage,
} from './api.js';
import { fiscalQuarterOf } from '@cx-survey/protocol';
import './chart.js';
import { ci, num, pct } from './format.js';
import { styles } from './dashboard.styles.js';
import { renderQuarterReport } from './quarter-report.js';
import { branchTemplate, breakdownTemplate, dataTable } from './templates.js';

const PAGE = 25;

function fiscalNow(): { fy: number; quarter: number } {
  const { fiscalYear, quarter } = fiscalQuarterOf(Date.now());
  return { fy: fiscalYear, quarter };
}

/**
 * The dashboard page. All text comes through Lit text bindings (escaped);
 * free-text answers are never requested. Data loads per view: one page of
 * services, one service's series.
 */
@customElement('cx-dashboard')
export class CxDashboard extends LitElement {
  static override styles = styles;

  @state() private signedIn = Boolean(savedToken());
  @state() private error = '';
  @state() private fy = fiscalNow().fy;
  @state() private quarter = fiscalNow().quarter;
  @state() private channel = '';
  @state() private surveyType = '';
  @state() private cut = 5;
  @state() private search = '';
  @state() private sort = 'responses';
  @state() private offset = 0;
  @state() private overview: Overview | null = null;
  @state() private page: ServicePage | null = null;
  @state() private detail: ServiceDetail | null = null;
  /** The selected service's quarterly report: frozen figures once the quarter is closed. */
  @state() private report: QuarterReportView | null = null;
  @state() private selected: string | null = null;
  @state() private alerts: Alerts | null = null;
  @state() private status = '';
  private searchTimer = 0;
  private seq = 0;

  override connectedCallback() {
    super.connectedCallback();
    if (this.signedIn) void this.load();
  }

  private params() {
    return { fy: this.fy, quarter: this.quarter, channel: this.channel, surveyType: this.surveyType, cut: this.cut };
  }

  /** Reloads what the filters affect; answers of an older request are dropped. */
  private async load(withDetail = true) {
    const seq = ++this.seq;
    this.status = 'Loading…';
    try {
      const [overview, page, alerts] = await Promise.all([
        getJson<Overview>('/v1/dashboard/overview', this.params()),
        getJson<ServicePage>('/v1/dashboard/services', { ...this.params(), q: this.search, sort: this.sort, offset: this.offset, limit: PAGE }),
        getJson<Alerts>('/v1/dashboard/alerts'),
      ]);
      if (seq !== this.seq) return;
      Object.assign(this, { overview, page, alerts, error: '' });
      if (withDetail && this.selected) await this.loadDetail(this.selected, seq);
      if (seq === this.seq) this.status = `Showing FY ${this.fy} Q${this.quarter}${this.channel ? `, channel ${this.channel}` : ''}${this.surveyType ? `, ${this.surveyType}` : ''}.`;
    } catch (e) {
      this.fail(e);
    }
  }

  private async loadDetail(id: string, seq = ++this.seq) {
    try {
      const [detail, { reports }] = await Promise.all([
        getJson<ServiceDetail>(`/v1/dashboard/services/${encodeURIComponent(id)}`, this.params()),
        getJson<{ reports: QuarterReportView[] }>('/v1/reports', { fy: this.fy, quarter: this.quarter, service: id }),
      ]);
      if (seq === this.seq) Object.assign(this, { detail, report: reports[0] ?? null });
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown) {
    if (e instanceof UnauthorizedError) {
      saveToken(null);
      this.signedIn = false;
    }
    this.error = (e as Error).message;
    this.status = '';
  }

  private signIn(e: SubmitEvent) {
    e.preventDefault();
    const token = (new FormData(e.target as HTMLFormElement).get('token') as string).trim();
    if (!token) return;
    saveToken(token);
    this.signedIn = true;
    this.error = '';
    void this.load();
  }

  private signOut() {
    saveToken(null);
    this.signedIn = false;
    this.overview = this.page = this.detail = this.report = this.alerts = null;
  }

  private filter(e: Event) {
    const el = e.target as HTMLSelectElement | HTMLInputElement;
    const v = el.value;
    if (el.name === 'fy') this.fy = Number(v);
    else if (el.name === 'quarter') this.quarter = Number(v);
    else if (el.name === 'channel') this.channel = v;
    else if (el.name === 'surveyType') this.surveyType = v;
    else if (el.name === 'cut') this.cut = Number(v);
    else if (el.name === 'sort') this.sort = v;
    this.offset = 0;
    void this.load();
  }

  private onSearch(e: Event) {
    this.search = (e.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = window.setTimeout(() => {
      this.offset = 0;
      void this.load(false);
    }, 250);
  }

  private go(delta: number) {
    this.offset = Math.max(0, this.offset + delta * PAGE);
    void this.load(false);
  }

  private select(id: string) {
    this.selected = id;
    void this.loadDetail(id).then(() => (this.renderRoot.querySelector('#detail-heading') as HTMLElement | null)?.focus());
  }

  private async save(kind: 'csv' | 'report') {
    const s = this.detail?.service.id;
    if (!s) return;
    const q = { service: s, fy: this.fy, quarter: this.quarter };
    try {
      if (kind === 'csv') await download('/v1/export.csv', q, `cx-${s}-fy${this.fy}-q${this.quarter}.csv`);
      else await download('/v1/reports', q, `cx-report-${s}-fy${this.fy}-q${this.quarter}.json`);
      this.status = `Downloaded the ${kind === 'csv' ? 'CSV' : 'report'} for ${s}.`;
    } catch (e) {
      this.fail(e);
    }
  }

  override render() {
    return html`
      <header>
        <h1>CX survey dashboard</h1>
        <span>OMB A-11 §280 post-transaction feedback</span>
        ${this.signedIn ? html`<button type="button" @click=${this.signOut}>Sign out</button>` : nothing}
      </header>
      <main>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <p role="status" aria-live="polite" class="status">${this.status}</p>
        ${this.signedIn ? this.renderDashboard() : this.renderSignIn()}
      </main>
    `;
  }

  private renderSignIn() {
    return html`<section aria-labelledby="signin">
      <h2 id="signin">Sign in</h2>
      <p>Enter the collector's admin token. It stays in this browser tab only.</p>
      <form class="filters" @submit=${this.signIn}>
        <label>Admin token <input name="token" type="password" autocomplete="current-password" required /></label>
        <button type="submit">Open dashboard</button>
      </form>
    </section>`;
  }

  private renderFilters() {
    const o = this.overview;
    const years = Array.from({ length: 6 }, (_, i) => fiscalNow().fy - i);
    return html`<form class="filters" aria-label="Filters" @submit=${(e: Event) => e.preventDefault()} @change=${this.filter}>
      <label>Fiscal year
        <select name="fy">${years.map((y) => html`<option value=${y} ?selected=${y === this.fy}>FY ${y}</option>`)}</select>
      </label>
      <label>Quarter
        <select name="quarter">${[1, 2, 3, 4].map((q) => html`<option value=${q} ?selected=${q === this.quarter}>Q${q}</option>`)}</select>
      </label>
      <label>Channel
        <select name="channel">
          <option value="" ?selected=${!this.channel}>All channels</option>
          ${(o?.channels ?? []).map((c) => html`<option value=${c.value} ?selected=${c.value === this.channel}>${c.value} (${num(c.responses)})</option>`)}
        </select>
      </label>
      <label>Survey type
        <select name="surveyType">
          <option value="" ?selected=${!this.surveyType}>All survey types</option>
          ${(o?.surveyTypes ?? []).map((c) => html`<option value=${c.value} ?selected=${c.value === this.surveyType}>${c.value} (${num(c.responses)})</option>`)}
        </select>
      </label>
      <label>Five-point trust counts
        <select name="cut">
          <option value="5" ?selected=${this.cut === 5}>5 only (seed)</option>
          <option value="4" ?selected=${this.cut === 4}>4–5</option>
          <option value="3" ?selected=${this.cut === 3}>3–5</option>
        </select>
      </label>
    </form>`;
  }

  private renderDashboard() {
    const o = this.overview;
    return html`
      ${this.renderFilters()} ${this.renderAlerts()}
      ${o
        ? html`<section aria-labelledby="overview">
            <h2 id="overview">FY ${o.period.fiscalYear} Q${o.period.quarter} (${o.period.firstDay} to ${o.period.lastDay}, ${o.period.timeZone}; report due ${o.period.dueDate})</h2>
            <div class="figures">
              <div class="figure">Responses<b data-field="total-responses">${num(o.responses)}</b></div>
              <div class="figure">Q1 answered<b>${num(o.answered)}</b></div>
              <div class="figure">Services with responses<b>${num(o.servicesWithResponses)} of ${num(o.servicesDeclared)}</b></div>
            </div>
            <h3 id="volume">Volume per week, all services</h3>
            <cx-chart kind="bars" label=${`Bar chart of responses per week, ${o.weekly.length} weeks; the table below has the values.`} .labels=${o.weekly.map((w) => w.week.slice(5))} .values=${o.weekly.map((w) => w.responses)}></cx-chart>
            ${dataTable(
              'Responses per week (weeks start Monday, UTC)',
              ['Week of', 'Responses', 'Q1 answered'],
              o.weekly.map((w) => [w.week, num(w.responses), num(w.answered)]),
            )}
          </section>`
        : nothing}
      ${this.renderServices()} ${this.renderDetail()}
    `;
  }

  private renderAlerts() {
    const a = this.alerts;
    if (!a) return nothing;
    return html`<section aria-labelledby="alerts">
      <h2 id="alerts">Alerts</h2>
      ${!a.enabled
        ? html`<p>No alert rules are configured (see docs/dashboard.md, <code>--alerts</code>).</p>`
        : html`<p>
              ${a.rules.length} rule${a.rules.length === 1 ? '' : 's'}, evaluated every ${a.intervalSeconds} s;
              ${a.webhook ? 'firings are posted to the webhook.' : 'no webhook configured.'}
            </p>
            ${a.firing.length
              ? html`<ul aria-label="Firing alerts" data-field="firing">
                  ${a.firing.map(
                    (f) => html`<li class="alert"><strong>${f.ruleId}</strong> — ${f.serviceName} (${f.service}): ${f.message}. Since ${new Date(f.since).toISOString().slice(0, 16).replace('T', ' ')} UTC.</li>`,
                  )}
                </ul>`
              : html`<p data-field="firing">Nothing is firing.</p>`}
            ${a.resolved.length
              ? html`<details>
                  <summary>Resolved in the last 7 days (${a.resolved.length})</summary>
                  <ul>
                    ${a.resolved.map((f) => html`<li class="alert resolved"><strong>${f.ruleId}</strong> — ${f.serviceName}: ${f.message}. Resolved ${new Date(f.resolvedAt ?? 0).toISOString().slice(0, 16).replace('T', ' ')} UTC.</li>`)}
                  </ul>
                </details>`
              : nothing}`}
    </section>`;
  }

  private renderServices() {
    const p = this.page;
    if (!p) return nothing;
    const last = Math.min(p.offset + p.items.length, p.total);
    return html`<section aria-labelledby="services">
      <h2 id="services">Services</h2>
      <form class="filters" aria-label="Find services" @submit=${(e: Event) => e.preventDefault()}>
        <label>Search by name, id or agency <input name="q" type="search" .value=${this.search} @input=${this.onSearch} /></label>
        <label>Sort by
          <select name="sort" @change=${this.filter}>
            <option value="responses" ?selected=${this.sort === 'responses'}>Most responses</option>
            <option value="trust" ?selected=${this.sort === 'trust'}>Highest trust</option>
            <option value="name" ?selected=${this.sort === 'name'}>Name</option>
          </select>
        </label>
      </form>
      <table data-field="services">
        <caption>Trust per service, FY ${p.period.fiscalYear} Q${p.period.quarter}${this.channel ? `, channel ${this.channel}` : ''}${this.surveyType ? `, ${this.surveyType}` : ''}: ${p.total ? `${p.offset + 1}–${last} of ${num(p.total)}` : 'none match'}</caption>
        <thead>
          <tr><th scope="col">Service</th><th scope="col">Agency</th><th scope="col" class="n">Responses</th><th scope="col" class="n">Q1 answered</th><th scope="col" class="n">Trust</th><th scope="col" class="n">95 % interval</th></tr>
        </thead>
        <tbody>
          ${p.items.map(
            (s) => html`<tr class=${s.id === this.selected ? 'selected' : ''} data-service=${s.id}>
              <th scope="row"><button type="button" class="link" aria-pressed=${s.id === this.selected ? 'true' : 'false'} @click=${() => this.select(s.id)}>${s.name}</button></th>
              <td>${s.agency}</td>
              <td class="n" data-field="responses">${num(s.responses)}</td>
              <td class="n" data-field="answered">${num(s.trust.answered)}</td>
              <td class="n" data-field="trust">${pct(s.trust.percent)}</td>
              <td class="n">${ci(s.trust)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <div class="pager">
        <button type="button" ?disabled=${p.offset === 0} @click=${() => this.go(-1)}>Previous page</button>
        <button type="button" ?disabled=${last >= p.total} @click=${() => this.go(1)}>Next page</button>
      </div>
    </section>`;
  }

  private renderDetail() {
    const d = this.detail;
    if (!d) return html`<section aria-labelledby="detail-heading"><h2 id="detail-heading" tabindex="-1">Service detail</h2><p>Choose a service in the table to see its trend, drivers and downloads.</p></section>`;
    const t = d.trust;
    // A closed quarter's submitted figures are in the report block; these count every record received so far.
    const live = this.report?.closed ? ' (live, late arrivals included)' : '';
    return html`<section aria-labelledby="detail-heading" data-field="detail">
      <h2 id="detail-heading" tabindex="-1">${d.service.name} <small>(${d.service.id}, ${d.service.agency}, ${d.service.scale})</small></h2>
      <div class="figures">
        <div class="figure">Responses${live}<b data-field="detail-responses">${num(d.responses)}</b></div>
        <div class="figure">Trust${live}<b data-field="detail-trust">${pct(t.percent)}</b>${num(t.positive)} of ${num(t.answered)} Q1 answers</div>
        <div class="figure">95 % interval (Wilson)<b>${ci(t)}</b></div>
      </div>
      ${renderQuarterReport(this.report)}
      <p>
        <button type="button" @click=${() => this.save('report')}>Download quarterly report (JSON)</button>
        <button type="button" @click=${() => this.save('csv')}>Download raw Q1/Q2 data (CSV)</button>
        <small>Downloads cover the whole quarter, all channels and survey types.</small>
      </p>
      <div class="grid">
        <div>
          <h3>Trust per week</h3>
          <cx-chart kind="trust" label=${`Line chart of trust per week with its 95 % interval as a band, ${d.weekly.length} weeks; the table below has the values.`} .labels=${d.weekly.map((w) => w.week.slice(5))} .values=${d.weekly.map((w) => w.trust.percent)} .low=${d.weekly.map((w) => w.trust.ci?.low ?? null)} .high=${d.weekly.map((w) => w.trust.ci?.high ?? null)}></cx-chart>
          ${dataTable('Trust per week', ['Week of', 'Responses', 'Q1 answered', 'Trust', '95 % interval'], d.weekly.map((w) => [w.week, num(w.responses), num(w.trust.answered), pct(w.trust.percent), ci(w.trust)]))}
        </div>
        <div>
          <h3>Trust per quarter</h3>
          <cx-chart kind="trust" label=${`Line chart of trust per quarter with its 95 % interval, ${d.quarterly[0]?.label} to ${d.quarterly.at(-1)?.label}; the table below has the values.`} .labels=${d.quarterly.map((q) => `FY${String(q.fiscalYear).slice(2)} Q${q.quarter}`)} .values=${d.quarterly.map((q) => q.trust.percent)} .low=${d.quarterly.map((q) => q.trust.ci?.low ?? null)} .high=${d.quarterly.map((q) => q.trust.ci?.high ?? null)}></cx-chart>
          ${dataTable('Trust per quarter', ['Quarter', 'Responses', 'Q1 answered', 'Trust', '95 % interval'], d.quarterly.map((q) => [q.label, num(q.responses), num(q.trust.answered), pct(q.trust.percent), ci(q.trust)]))}
        </div>
        ${branchTemplate('Q2a drivers: what made the difference (positive branch)', d.q2.positive, d.service.drivers)}
        ${branchTemplate('Q2b drivers: what could have been better (negative branch)', d.q2.negative, d.service.drivers)}
      </div>
      <div class="grid">
        ${breakdownTemplate('By channel', d.byChannel)} ${breakdownTemplate('By survey type', d.bySurveyType)}
      </div>
    </section>`;
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'cx-dashboard': CxDashboard;
  }
}
