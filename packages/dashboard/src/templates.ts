/** The dashboard's stateless pieces: a branch's driver shares, a breakdown by channel or survey type, a chart's data table. */
import { html, type TemplateResult } from 'lit';
import type { DriverKey } from '@cx-survey/protocol';
import type { Breakdown, BranchDrivers } from './api.js';
import { chartLabel, ci, DRIVER_NAMES, num, pct } from './format.js';

export function branchTemplate(title: string, b: BranchDrivers, keys: DriverKey[]): TemplateResult {
  return html`<div>
    <h3>${title}</h3>
    <p>${num(b.responses)} responses on this branch, ${num(b.answeredQ2)} chose at least one driver. Shares add up to more than 100 % (several may be chosen).</p>
    <cx-chart kind="bars" .max=${100} label=${`Bar chart of driver shares: ${title}; the table below has the values.`} .labels=${keys.map(chartLabel)} .values=${keys.map((k) => b.drivers[k]?.share ?? null)}></cx-chart>
    ${dataTable(title, ['Driver', 'Chosen', 'Share'], keys.map((k) => [DRIVER_NAMES[k], num(b.drivers[k]?.count ?? 0), pct(b.drivers[k]?.share)]))}
  </div>`;
}

export function breakdownTemplate(title: string, rows: Breakdown[]): TemplateResult {
  // The mix: each row's part of the quarter's responses (web, paper, phone, IVR … side by side).
  const total = rows.reduce((sum, r) => sum + r.responses, 0);
  return html`<div>
    <h3>${title}</h3>
    <table data-field=${title === 'By channel' ? 'by-channel' : 'by-survey-type'}>
      <caption>${title}, whole quarter</caption>
      <thead><tr><th scope="col">${title === 'By channel' ? 'Channel' : 'Survey type'}</th><th scope="col" class="n">Responses</th><th scope="col" class="n">Share</th><th scope="col" class="n">Q1 answered</th><th scope="col" class="n">Trust</th><th scope="col" class="n">95 % interval</th></tr></thead>
      <tbody>
        ${rows.map((r) => html`<tr data-value=${r.value}><th scope="row">${r.value}</th><td class="n">${num(r.responses)}</td><td class="n" data-field="share">${pct(total ? (100 * r.responses) / total : null)}</td><td class="n">${num(r.trust.answered)}</td><td class="n" data-field="trust">${pct(r.trust.percent)}</td><td class="n">${ci(r.trust)}</td></tr>`)}
      </tbody>
    </table>
  </div>`;
}

/** The text alternative of a chart: the same numbers, in a table behind a disclosure. */
export function dataTable(caption: string, head: string[], rows: string[][]): TemplateResult {
  return html`<details>
    <summary>Data table: ${caption}</summary>
    <table>
      <caption>${caption}</caption>
      <thead><tr>${head.map((h, i) => html`<th scope="col" class=${i ? 'n' : ''}>${h}</th>`)}</tr></thead>
      <tbody>${rows.map((r) => html`<tr>${r.map((c, i) => (i ? html`<td class="n">${c}</td>` : html`<th scope="row">${c}</th>`))}</tr>`)}</tbody>
    </table>
  </details>`;
}
