import { css } from 'lit';
import { buttonStyles } from '../../internal/button.styles.js';

export const styles = [
  buttonStyles,
  css`
  :host {
    display: inline-block;
    font-family: var(--cx-font-family, 'Source Sans Pro Web', 'Helvetica Neue', Helvetica, Roboto, Arial, sans-serif);
    font-size: var(--cx-font-size, 1.0625rem);
  }
  :host([hidden]) { display: none; }
  .close { padding: 0.25em 0.75em; }
  /* Corner placement floats only where there is room; on a phone it stays in the flow and covers nothing. */
  @media (min-width: 48em) {
    :host([placement='corner']) .open {
      position: fixed;
      inset-inline-end: max(1rem, env(safe-area-inset-right));
      inset-block-end: max(1rem, env(safe-area-inset-bottom));
      z-index: 1000;
    }
    :host([placement='corner']) .open.raised {
      inset-block-end: auto;
      inset-block-start: max(1rem, env(safe-area-inset-top));
    }
  }
  dialog {
    color-scheme: var(--cx-color-scheme, light);
    width: min(42rem, calc(100vw - 2rem));
    max-height: calc(100dvh - 2rem);
    padding: 0;
    border: 0;
    border-radius: var(--cx-radius, 0.25rem);
    background: var(--cx-color-background, #fff);
    color: var(--cx-color-text, #1b1b1b);
  }
  dialog::backdrop { background: rgb(0 0 0 / 0.5); }
  .bar { display: flex; justify-content: flex-end; padding: 0.5rem 0.5rem 0; }
  ::slotted(cx-survey) { --cx-max-width: none; }
  @media (forced-colors: active) {
    dialog { border: 2px solid CanvasText; }
  }
`,
];
