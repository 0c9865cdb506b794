/**
 * The quarter as reported to OMB, from the collector's report (GET /v1/reports): once the quarter is
 * closed, its frozen figures (never the live ones) and the late arrivals beside them; and each scale's
 * figures side by side (trustByScale) when the quarter holds more than one, never added up.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { describeScale } from '@cx-survey/protocol';
import type { QuarterReportView, ScaleFigures, Trust } from './api.js';
import { num, pct } from './format.js';

/** Trust on a scale's own terms: thumbs up share, or the share at or above the five-point cut the records used. */
function trustText(t: Trust, f: Pick<ScaleFigures, 'scale' | 'positiveCut'>): string {
  if (f.scale === 'thumbs') return `${pct(t.percent)} (${num(t.up ?? 0)} of ${num(t.answered)} thumbs up)`;
  const cut = f.positiveCut ?? 5;
  const key = (cut === 5 ? '5' : `${cut}-5`) as keyof NonNullable<Trust['percentAtCut']>;
  return `${pct(t.percentAtCut?.[key])} (${key} of ${num(t.answered)} ratings)`;
}

export function renderQuarterReport(r: QuarterReportView | null): TemplateResult {
  if (!r) return html`<div data-field="report"><h3>Quarterly report to OMB</h3><p>Loading the quarter's report…</p></div>`;
  const status = r.closed
    ? `Closed on ${r.closed.closedAt.slice(0, 10)} with ${num(r.closed.records)} responses: these are the figures as submitted, and they do not change. ${num(r.lateArrivals?.responses ?? 0)} response(s) of the quarter arrived after closing and are not included.`
    : `Not closed: these figures still change while late responses arrive (due to OMB ${r.dueDate}).`;
  const headline = { scale: r.service.scale as ScaleFigures['scale'], positiveCut: r.service.positiveCut };
  return html`<div data-field="report">
    <h3>Quarterly report to OMB${r.closed ? ' (as submitted)' : ''}</h3>
    <p data-field="report-status">${status}</p>
    <div class="figures">
      <div class="figure">Responses${r.closed ? ' submitted' : ''}<b data-field="report-responses">${num(r.responses)}</b></div>
      <div class="figure">Trust, ${describeScale(headline)} scale<b data-field="report-trust">${trustText(r.trust, headline)}</b></div>
    </div>
    <table data-field="trust-by-scale">
      <caption>Trust by scale: each scale's figures on its own, never added up</caption>
      <thead><tr><th scope="col">Scale</th><th scope="col" class="n">Responses</th><th scope="col" class="n">Q1 answered</th><th scope="col" class="n">Trust</th></tr></thead>
      <tbody>
        ${r.trustByScale.map(
          (f) => html`<tr data-scale=${`${f.scale}:${f.positiveCut ?? ''}`}><th scope="row">${describeScale(f)}</th><td class="n">${num(f.responses)}</td><td class="n">${num(f.q1Answered)}</td><td class="n" data-field="trust">${trustText(f.trust, f)}</td></tr>`,
        )}
      </tbody>
    </table>
    ${r.warnings.length ? html`<ul data-field="report-warnings">${r.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : nothing}
  </div>`;
}
