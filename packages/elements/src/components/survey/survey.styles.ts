import { css } from 'lit';
import { buttonStyles } from '../../internal/button.styles.js';

// USWDS-like defaults; every colour and size a host may change is a --cx- property.
// What only some surveys use (five-point, kiosk, picker, PRA) comes with its feature module (features/).
export const styles = [
  buttonStyles,
  css`
  :host {
    display: block;
    /* The five-point scale lays itself out by the survey's own width, not the window's. */
    container-type: inline-size;
    font-family: var(--cx-font-family, 'Source Sans Pro Web', 'Helvetica Neue', Helvetica, Roboto, Arial, sans-serif);
    font-size: var(--cx-font-size, 1.0625rem);
    line-height: 1.5;
    color: var(--cx-color-text, #1b1b1b);
    --_s: var(--cx-spacing, 1rem);
    --_primary: var(--cx-color-primary, #005ea2);
    --_border: var(--cx-color-border, #565c65);
    --_muted: var(--cx-color-muted, #565c65);
    --_radius: var(--cx-radius, 0.25rem);
    --_focus: var(--cx-color-focus, #2491ff);
  }
  :host([hidden]) { display: none; }
  * { box-sizing: border-box; }
  .base {
    /* The box is light whatever the page's scheme, so native controls must draw light too
       (a dark-scheme unticked box looks ticked); a host with a dark palette sets --cx-color-scheme: dark. */
    color-scheme: var(--cx-color-scheme, light);
    max-width: var(--cx-max-width, 40rem);
    background: var(--cx-color-background, #fff);
    padding: var(--_s);
    border: 1px solid var(--cx-color-border-light, #dfe1e2);
    border-radius: var(--_radius);
  }
  form { display: grid; gap: calc(var(--_s) * 1.25); }
  fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
  legend, .q3 > label, .extra > label {
    display: block;
    padding: 0;
    margin-bottom: calc(var(--_s) * 0.5);
    font-weight: 700;
    font-size: 1.0625em;
  }
  .hint, .counter { color: var(--_muted); font-weight: 400; font-size: 0.9375em; }
  .hint { display: block; }
  .choices { display: flex; flex-wrap: wrap; gap: calc(var(--_s) * 0.5); }
  .tile, .check {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 44px;
    padding: 0.5em 0.75em;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--cx-color-background, #fff);
    cursor: pointer;
  }
  /* A tile never shrinks below its longest word: the row wraps instead. */
  .tile { flex: 1 1 8rem; }
  .text { overflow-wrap: break-word; }
  .tile.checked, .check.checked {
    border-color: var(--_primary);
    background: var(--cx-color-selected, #d9e8f6);
    /* Thicker edge, without moving the layout: selection shows by more than colour (1.4.1). */
    box-shadow: inset 0 0 0 2px var(--_primary);
  }
  .checks { display: grid; gap: calc(var(--_s) * 0.5); }
  .check { border-width: 1px; }
  input[type='radio'], input[type='checkbox'] {
    /* Form controls default to a fixed 13.33 px font: inherit it, so the em sizes grow with text size. */
    font-size: inherit;
    width: 1.25em;
    height: 1.25em;
    margin: 0;
    flex: none;
    accent-color: var(--_primary);
  }
  .icon { flex: none; width: 1.5em; height: 1.5em; }
  textarea, input[type='text'] {
    display: block;
    width: 100%;
    min-height: 44px;
    padding: 0.5em;
    font: inherit;
    color: inherit;
    background: var(--cx-color-background, #fff);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  textarea { resize: vertical; }
  .counter { margin-top: 0.25em; }
  .actions { display: flex; flex-wrap: wrap; gap: calc(var(--_s) * 0.75); align-items: center; }
  :focus-visible, .tile:focus-within, .check:focus-within {
    outline: 0.25rem solid var(--_focus);
    outline-offset: 0.125rem;
  }
  input:focus-visible { outline: none; }
  /* After a dismiss only one quiet line stays, where focus can rest. */
  .base.dismissed { border-color: transparent; background: none; padding-block: 0; }
  .dismissed p { margin: 0; color: var(--_muted); }
  .dismissed p:focus, .closed:focus { outline: none; }
  .thanks-heading { margin: 0 0 0.5em; font-size: 1.25em; font-weight: 700; }
  .thanks-heading:focus { outline: none; }
  .status { margin: 0 0 var(--_s); }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  @media (prefers-reduced-motion: no-preference) {
    .tile, .check, button { transition: background-color 0.15s, border-color 0.15s; }
  }
  @media (forced-colors: active) {
    /* Backgrounds vanish in forced colours: show selection and focus with system colours and borders. */
    .tile.checked, .check.checked { border: 3px solid Highlight; }
    :focus-visible, .tile:focus-within, .check:focus-within { outline-color: Highlight; }
    .icon { color: CanvasText; }
  }
`,
];
