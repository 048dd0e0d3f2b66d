import { css } from "lit";

/** What the lessons of the "Teach and check" section share: a card, fields, messages, notes. */
export const lessonStyles = css`
  :host { display: block; min-width: 0; }
  .card { border: 1px solid #dfe2e6; border-radius: 6px; padding: 1rem 1.2rem; background: white; }
  h3 { margin: 0 0 0.3rem; font-size: 1rem; }
  p { margin: 0 0 0.6rem; }
  .lead { color: #5f6670; font-size: 0.9rem; }
  .run { margin: 0 0 0.8rem; padding: 0.5rem 0.8rem; background: #eef4fb; border-left: 3px solid #0072b2;
    font-size: 0.95rem; }
  fieldset { border: 0; margin: 0; padding: 0; }
  legend, label > span { display: block; font-weight: 600; font-size: 0.85rem; margin-bottom: 0.3rem; }
  .choices { display: flex; flex-wrap: wrap; gap: 0.6rem 2rem; margin-bottom: 0.8rem; }
  .choices label { display: inline-flex; gap: 0.35rem; align-items: baseline; margin-right: 0.9rem;
    cursor: pointer; font-size: 0.95rem; }
  .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.8rem 1rem;
    align-items: start; margin-bottom: 0.8rem; }
  input[type="text"] {
    font: inherit; padding: 0.35rem 0.5rem; border: 1px solid #c5c9d0; border-radius: 4px;
    width: 100%; box-sizing: border-box; background: white;
  }
  input[aria-invalid="true"] { border-color: #c0392b; background: #fff5f4; }
  .hint { display: block; margin-top: 0.2rem; color: #5f6670; font-size: 0.78rem; }
  .error { display: block; margin-top: 0.25rem; color: #8e2418; font-size: 0.85rem; }
  .answer { display: block; padding: 0.6rem 0.8rem; background: #f6f7f9; border-radius: 4px; }
  .answer strong { display: block; font-size: 1.15rem; margin-bottom: 0.2rem; }
  .answer p { margin: 0; }
  .answer.invalid { background: #fff5f4; color: #8e2418; }
  button {
    font: inherit; font-weight: 600; padding: 0.45rem 1.2rem; border-radius: 4px; cursor: pointer;
    border: 1px solid #2f55b5; background: #4269d0; color: white;
  }
  button.secondary { font-weight: 400; background: white; color: inherit; border-color: #c5c9d0; }
  button:disabled { opacity: 0.5; cursor: default; }
  input:focus-visible, button:focus-visible, summary:focus-visible {
    outline: 2px solid #2f55b5; outline-offset: 1px;
  }
  .actions { display: flex; flex-wrap: wrap; align-items: center; gap: 0.6rem 0.9rem; }
  .actions progress { width: 12rem; }
  .status { font-size: 0.9rem; color: #3b4048; }
  .failure { margin: 0.8rem 0 0; padding: 0.5rem 0.8rem; background: #fff5f4; border-left: 3px solid #c0392b;
    color: #8e2418; }
  .note { margin: 0.8rem 0 0; color: #6b4a12; font-size: 0.88rem; }
  rl-peeking-chart { margin-top: 1rem; }
  details { margin-top: 0.9rem; font-size: 0.92rem; }
  summary { cursor: pointer; font-weight: 600; }
  details ul { margin: 0.4rem 0 0; padding-left: 1.2rem; }
  details li { margin: 0.25rem 0; }
`;
