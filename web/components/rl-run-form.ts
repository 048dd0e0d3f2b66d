import { css, html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { BUILTIN_SCENARIOS } from "../../sim/scenario/builtin.ts";
import type { Scenario } from "../../sim/scenario/normalize.ts";
import { BUILTIN_STRATEGIES } from "../../strategies/index.ts";
import {
  defaultInputs,
  type FieldError,
  parseInputs,
  type RunInputs,
  type RunRequest,
} from "../inputs.ts";

type NumberField = "members" | "days" | "seed" | "workers";

const NUMBER_FIELDS: { field: NumberField; label: string; hint: string }[] = [
  { field: "members", label: "Members", hint: "randomised to the arms" },
  { field: "days", label: "Days", hint: "horizon" },
  { field: "seed", label: "Seed", hint: "same inputs + seed = same report" },
  { field: "workers", label: "Workers", hint: "results do not depend on it" },
];

/**
 * The scenario and strategy pickers and the run parameters. Validates on Run: a bad field gets an
 * inline message and nothing runs; a good form fires `run-request` with a `RunRequest`.
 */
@customElement("rl-run-form")
export class RlRunForm extends LitElement {
  static override styles = css`
    :host { display: block; }
    form { display: grid; gap: 1rem; }
    fieldset { border: 0; margin: 0; padding: 0; }
    legend, label > span { display: block; font-weight: 600; font-size: 0.85rem; margin-bottom: 0.3rem; }
    select, input[type="text"] {
      font: inherit; padding: 0.35rem 0.5rem; border: 1px solid #c5c9d0; border-radius: 4px;
      width: 100%; box-sizing: border-box; background: white;
    }
    input[aria-invalid="true"] { border-color: #c0392b; background: #fff5f4; }
    .numbers { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr)); gap: 0.8rem; }
    .arms label { display: flex; gap: 0.45rem; align-items: baseline; margin: 0.25rem 0; cursor: pointer; }
    .arms small, .hint { color: #5f6670; font-size: 0.78rem; }
    .hint { display: block; margin-top: 0.2rem; }
    .errors { margin: 0; padding: 0.5rem 0.8rem; list-style: none; background: #fff5f4;
      border-left: 3px solid #c0392b; color: #8e2418; font-size: 0.9rem; }
    button {
      font: inherit; font-weight: 600; padding: 0.5rem 1.4rem; border-radius: 4px; cursor: pointer;
      border: 1px solid #2f55b5; background: #4269d0; color: white; justify-self: start;
    }
    button:disabled { opacity: 0.5; cursor: default; }
  `;

  /** Workers to offer by default (the page passes `navigator.hardwareConcurrency`). */
  @property({ type: Number }) defaultWorkers = 1;

  /** True while a run is going: the form is locked. */
  @property({ type: Boolean }) disabled = false;

  /** The scenarios offered: the built-in ones, then any the page adds (a fitted population). */
  @property({ attribute: false }) scenarios: readonly Scenario[] = BUILTIN_SCENARIOS;

  @state() private inputs: RunInputs | null = null;
  @state() private errors: FieldError[] = [];

  private get values(): RunInputs {
    return this.inputs ?? defaultInputs(this.defaultWorkers);
  }

  protected override willUpdate() {
    this.inputs ??= defaultInputs(this.defaultWorkers);
  }

  private edit(patch: Partial<RunInputs>) {
    this.inputs = { ...this.values, ...patch };
    const changed = Object.keys(patch);
    this.errors = this.errors.filter((e) => !changed.includes(e.field));
  }

  /**
   * Selects one of `scenarios`, as picking it would. A new scenario brings its own members and
   * days, unless the user has typed other values.
   */
  selectScenario(id: string) {
    const before = this.scenarios.find((s) => s.id === this.values.scenario);
    const after = this.scenarios.find((s) => s.id === id);
    const patch: Partial<RunInputs> = { scenario: id };
    if (before && after) {
      if (this.values.members.trim() === String(before.members))
        patch.members = String(after.members);
      if (this.values.days.trim() === String(before.horizonDays))
        patch.days = String(after.horizonDays);
    }
    this.edit(patch);
  }

  private toggleArm(id: string, on: boolean) {
    const arms = on ? [...this.values.arms, id] : this.values.arms.filter((a) => a !== id);
    this.edit({ arms });
  }

  private submit(event: Event) {
    event.preventDefault();
    const parsed = parseInputs(this.values, this.scenarios);
    if ("errors" in parsed) {
      this.errors = parsed.errors;
      return;
    }
    this.errors = [];
    this.dispatchEvent(
      new CustomEvent<RunRequest>("run-request", {
        detail: parsed.request,
        bubbles: true,
        composed: true,
      }),
    );
  }

  override render() {
    const v = this.values;
    const invalid = (field: keyof RunInputs) => this.errors.some((e) => e.field === field);
    const scenario = this.scenarios.find((s) => s.id === v.scenario);
    return html`
      <form @submit=${this.submit} novalidate>
        <label>
          <span>Scenario</span>
          <select
            name="scenario"
            ?disabled=${this.disabled}
            @change=${(e: Event) => this.selectScenario((e.target as HTMLSelectElement).value)}
          >
            ${this.scenarios.map(
              (s) =>
                html`<option value=${s.id} .selected=${s.id === v.scenario}>${s.name}</option>`,
            )}
          </select>
          <small class="hint">${scenario?.description ?? ""}</small>
        </label>
        <fieldset class="arms">
          <legend>Strategies (arms, two or more)</legend>
          ${BUILTIN_STRATEGIES.map(
            (s) => html`
              <label title=${s.description ?? ""}>
                <input
                  type="checkbox"
                  name="arm"
                  value=${s.id}
                  .checked=${v.arms.includes(s.id)}
                  ?disabled=${this.disabled}
                  @change=${(e: Event) => this.toggleArm(s.id, (e.target as HTMLInputElement).checked)}
                />
                <span>${s.name} <small>${s.id}</small></span>
              </label>
            `,
          )}
        </fieldset>
        <div class="numbers">
          ${NUMBER_FIELDS.map(
            ({ field, label, hint }) => html`
              <label>
                <span>${label}</span>
                <input
                  type="text"
                  inputmode="numeric"
                  name=${field}
                  .value=${v[field]}
                  aria-invalid=${invalid(field) ? "true" : "false"}
                  ?disabled=${this.disabled}
                  @input=${(e: Event) => this.edit({ [field]: (e.target as HTMLInputElement).value })}
                />
                <small class="hint">${hint}</small>
              </label>
            `,
          )}
        </div>
        ${
          this.errors.length > 0
            ? html`<ul class="errors" role="alert">
                ${this.errors.map((e) => html`<li data-field=${e.field}>${e.message}</li>`)}
              </ul>`
            : null
        }
        <button type="submit" ?disabled=${this.disabled}>Run</button>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-run-form": RlRunForm;
  }
}
