import { LitElement, css, html, unsafeCSS, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css';

/**
 * One uPlot chart over categories (weeks, quarters, drivers). The canvas is
 * an image to assistive technology, named by `label`; the page puts the same
 * numbers in a table next to it. No cursor or legend: values are read in the
 * table, which keyboards and screen readers reach.
 */
@customElement('cx-chart')
export class CxChart extends LitElement {
  static override styles = [
    unsafeCSS(uplotCss),
    css`
      :host {
        display: block;
        min-height: 200px;
      }
      .plot {
        width: 100%;
      }
    `,
  ];

  /** 'trust': percent line with its confidence band; 'bars': counts or shares. */
  @property() kind: 'trust' | 'bars' = 'bars';
  /** Accessible name: what the chart shows. */
  @property() label = '';
  @property({ attribute: false }) labels: string[] = [];
  @property({ attribute: false }) values: Array<number | null> = [];
  @property({ attribute: false }) low: Array<number | null> = [];
  @property({ attribute: false }) high: Array<number | null> = [];
  @property({ type: Number }) max: number | null = null;

  private plot: uPlot | null = null;
  private readonly resize = new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: 220 }));

  private width() {
    return Math.max(240, this.clientWidth || 600);
  }

  override connectedCallback() {
    super.connectedCallback();
    this.resize.observe(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }

  override render() {
    return html`<div class="plot" role="img" aria-label=${this.label}></div>`;
  }

  protected override updated(_changed: PropertyValues) {
    this.plot?.destroy();
    const target = this.renderRoot.querySelector('.plot') as HTMLElement;
    const n = this.values.length;
    const x = Array.from({ length: n }, (_, i) => i);
    const labels = this.labels;
    const axis = { stroke: '#1b1b1b', grid: { stroke: '#dfe1e2', width: 1 }, ticks: { stroke: '#dfe1e2', width: 1 } };
    const trust = this.kind === 'trust';
    const top = this.max ?? Math.max(1, ...this.values.map((v) => v ?? 0)) * 1.15;
    const opts: uPlot.Options = {
      width: this.width(),
      height: 220,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, Math.max(0.5, n - 0.5)] }, y: { range: [0, trust ? 100 : top] } },
      axes: [
        {
          ...axis,
          incrs: [1, 2, 3, 4, 6, 8, 13, 26, 52],
          values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? (labels[v] ?? '') : '')),
        },
        { ...axis, values: (_u, splits) => splits.map((v) => (trust ? `${v}%` : String(v))) },
      ],
      series: trust
        ? [
            {},
            { stroke: '#005ea2', width: 2, points: { show: true, size: 6, fill: '#005ea2' }, spanGaps: false },
            { stroke: 'transparent', points: { show: false } },
            { stroke: 'transparent', points: { show: false } },
          ]
        : [{}, { stroke: '#005ea2', fill: '#73b3e7', paths: uPlot.paths.bars!({ size: [0.6, 48] }), points: { show: false } }],
      // The confidence interval is the band between the high (3) and low (2) series.
      bands: trust ? [{ series: [3, 2], fill: 'rgba(0, 94, 162, 0.15)' }] : undefined,
    };
    const data = (trust ? [x, this.values, this.low, this.high] : [x, this.values]) as uPlot.AlignedData;
    this.plot = new uPlot(opts, data, target);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cx-chart': CxChart;
  }
}
