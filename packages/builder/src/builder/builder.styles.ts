import { css } from 'lit';

/** One column on a phone (reflows at 320 px), the preview beside the steps on a wide screen. */
export const styles = css`
  :host { display: block; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1b1b1b; background: #fff; line-height: 1.45; }
  * { box-sizing: border-box; }
  h1 { font-size: 1.6rem; margin: 0 0 0.5rem; }
  h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
  h3 { font-size: 1.05rem; margin: 1rem 0 0.25rem; }
  .layout { display: grid; gap: 1.5rem; grid-template-columns: minmax(0, 1fr); }
  @media (min-width: 70em) { .layout { grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr); } .preview { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; } }
  fieldset { border: 1px solid #a9aeb1; border-radius: 0.25rem; margin: 0 0 1rem; padding: 0.75rem 1rem 1rem; min-width: 0; }
  fieldset fieldset { border-color: #dfe1e2; }
  legend { font-weight: 700; padding: 0 0.25rem; }
  .step > legend { font-size: 1.15rem; }
  .rule { background: #e7f6f8; border-inline-start: 0.25rem solid #00bde3; padding: 0.5rem 0.75rem; margin: 0.25rem 0 0.75rem; }
  .rule strong { margin-inline-end: 0.25rem; }
  .field { margin: 0.6rem 0; }
  .field > label, .label { display: block; font-weight: 600; }
  .hint { color: #565c65; margin: 0.1rem 0 0.25rem; font-size: 0.95em; }
  input[type='text'], input[type='number'], input:not([type]), select, textarea { font: inherit; width: 100%; max-width: 36rem; padding: 0.4rem 0.5rem; border: 1px solid #565c65; border-radius: 0.25rem; background: #fff; color: inherit; }
  textarea { min-height: 4.5rem; }
  input[aria-invalid='true'], select[aria-invalid='true'], textarea[aria-invalid='true'] { border: 2px solid #b50909; }
  .check { display: flex; gap: 0.5rem; align-items: flex-start; margin: 0.3rem 0; }
  .check input { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; flex: none; }
  .errors { color: #b50909; margin: 0.25rem 0 0; padding-inline-start: 1.2rem; }
  .flag { display: inline-block; background: #faf3d1; border: 1px solid #ffbe2e; padding: 0.1rem 0.4rem; border-radius: 0.25rem; margin: 0.25rem 0; }
  button { font: inherit; padding: 0.45rem 0.9rem; border-radius: 0.25rem; border: 1px solid #005ea2; background: #005ea2; color: #fff; cursor: pointer; min-height: 2.5rem; }
  button.secondary { background: #fff; color: #005ea2; }
  button:hover { background: #1a4480; color: #fff; }
  :focus-visible { outline: 0.25rem solid #2491ff; outline-offset: 0.1rem; }
  .summary { border: 2px solid #b50909; padding: 0.5rem 1rem; margin: 0 0 1rem; border-radius: 0.25rem; }
  .summary.ok { border-color: #00a91c; }
  .summary ul { margin: 0.25rem 0; padding-inline-start: 1.2rem; }
  .summary code { overflow-wrap: anywhere; }
  .controls { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
  .controls fieldset { margin: 0; }
  .frame { border: 2px dashed #a9aeb1; padding: 0.5rem; margin: 0.75rem 0; max-width: 100%; overflow: auto; }
  .frame.phone { width: 320px; } .frame.tablet { width: 768px; }
  .output { border-top: 1px solid #dfe1e2; padding-top: 0.75rem; margin-top: 0.75rem; }
  pre { background: #f0f0f0; padding: 0.75rem; overflow: auto; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 22rem; font-size: 0.9em; }
  .buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  .status { min-height: 1.5em; font-weight: 600; }
  .axe ul { padding-inline-start: 1.2rem; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
