import { css } from 'lit';

/** The USWDS-like button both elements use: 44 px targets, primary colours from --cx- properties. */
export const buttonStyles = css`
  button {
    min-height: 44px;
    min-width: 44px;
    padding: 0.625em 1.25em;
    font: inherit;
    font-weight: 700;
    border-radius: var(--cx-radius, 0.25rem);
    cursor: pointer;
  }
  .primary {
    color: var(--cx-color-on-primary, #fff);
    background: var(--cx-color-primary, #005ea2);
    border: 2px solid var(--cx-color-primary, #005ea2);
  }
  .primary:hover {
    background: var(--cx-color-primary-dark, #1a4480);
    border-color: var(--cx-color-primary-dark, #1a4480);
  }
  .secondary {
    color: var(--cx-color-primary, #005ea2);
    background: transparent;
    border: 2px solid var(--cx-color-primary, #005ea2);
  }
  :focus-visible {
    outline: 0.25rem solid var(--cx-color-focus, #2491ff);
    outline-offset: 0.125rem;
  }
  @media (forced-colors: active) {
    .primary, .secondary { border: 2px solid ButtonText; }
  }
`;
