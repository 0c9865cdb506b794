import { css } from 'lit';

/** The dashboard's look (the element's static styles, kept apart as in the survey element). */
export const styles = css`
  :host {
    display: block;
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    color: #1b1b1b;
    background: #fff;
    line-height: 1.4;
  }
  header {
    background: #162e51;
    color: #fff;
    padding: 0.75rem 1.5rem;
    display: flex;
    align-items: baseline;
    gap: 1rem;
    flex-wrap: wrap;
  }
  header h1 {
    font-size: 1.35rem;
    margin: 0;
  }
  header button {
    margin-left: auto;
  }
  main {
    padding: 1rem 1.5rem 3rem;
    max-width: 1200px;
    margin: 0 auto;
  }
  section {
    margin-top: 1.5rem;
  }
  h2 {
    font-size: 1.2rem;
    margin: 0 0 0.5rem;
  }
  h3 {
    font-size: 1.05rem;
    margin: 1rem 0 0.25rem;
  }
  form.filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1.25rem;
    align-items: end;
    padding: 0.75rem;
    background: #f0f0f0;
    border-radius: 4px;
  }
  label {
    display: flex;
    flex-direction: column;
    font-weight: 600;
    font-size: 0.9rem;
    gap: 0.2rem;
  }
  input,
  select,
  button {
    font: inherit;
    font-size: 0.95rem;
    padding: 0.3rem 0.5rem;
    border: 1px solid #565c65;
    border-radius: 4px;
    background: #fff;
    color: #1b1b1b;
  }
  button {
    background: #005ea2;
    color: #fff;
    border-color: #005ea2;
    cursor: pointer;
  }
  button.link {
    background: none;
    border: none;
    color: #005ea2;
    text-decoration: underline;
    padding: 0;
    text-align: left;
  }
  button[disabled] {
    background: #c9c9c9;
    border-color: #c9c9c9;
    color: #454545;
    cursor: default;
  }
  :focus-visible {
    outline: 3px solid #2491ff;
    outline-offset: 2px;
  }
  .figures {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
  }
  .figure {
    border: 1px solid #dfe1e2;
    border-radius: 4px;
    padding: 0.5rem 0.75rem;
    min-width: 9rem;
  }
  .figure b {
    display: block;
    font-size: 1.5rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.92rem;
  }
  th,
  td {
    border-bottom: 1px solid #dfe1e2;
    padding: 0.3rem 0.5rem;
    text-align: left;
  }
  td.n,
  th.n {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding: 0.25rem 0;
  }
  details {
    margin: 0.25rem 0 1rem;
  }
  summary {
    cursor: pointer;
    color: #005ea2;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(420px, 1fr));
    gap: 1rem 2rem;
  }
  .alert {
    border-left: 6px solid #b50909;
    background: #f4e3db;
    padding: 0.5rem 0.75rem;
    margin: 0.25rem 0;
  }
  .alert.resolved {
    border-color: #00a91c;
    background: #ecf3ec;
  }
  .error {
    color: #b50909;
    font-weight: 600;
  }
  .pager {
    display: flex;
    gap: 1rem;
    align-items: center;
    margin-top: 0.5rem;
  }
  tr.selected {
    background: #e7f2f5;
  }
`;
