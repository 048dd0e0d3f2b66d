import { css, html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import {
  BUILTIN_SCENARIOS,
  BUILTIN_STRATEGIES,
  type Scenario,
  type Strategy,
} from "../../sim/index.ts";
import { LangController, t } from "../i18n.ts";
import {
  applyScenarioPatch,
  defaultInputs,
  type FieldError,
  parseInputs,
  parsePlaybooks,
  type RunInputs,
  type RunRequest,
} from "../inputs.ts";
import { playbookTemplate, TEMPLATE_IDS } from "../playbook-docs.ts";
import { engineMessage, localDescription, localName } from "../terms.ts";
import type { PlaybookInput } from "./rl-playbook-editor.ts";
import "./rl-playbook-editor.ts";
import "./rl-scenario-editor.ts";

/** What the form holds after every edit, for the URL and the strategy timelines. */
export type FormChange = {
  inputs: RunInputs;
  /** The arms that would run, valid edited playbooks included, in run order. */
  strategies: Strategy[];
};

/** A blank playbook to paste over or write from scratch. */
const BLANK_PLAYBOOK = JSON.stringify(
  {
    id: "my-playbook",
    name: "My playbook",
    rules: [
      {
        on: "joined",
        delayDays: 1,
        hour: "active",
        message: { kind: "welcome", channel: "wecom" },
      },
    ],
  },
  null,
  2,
);

type NumberField = "members" | "days" | "seed" | "workers";

/** The number fields, their labels and hints in the language shown. */
const numberFields = (): { field: NumberField; label: string; hint: string }[] => [
  {
    field: "members",
    label: t("Members", "会员数"),
    hint: t("randomised to the arms", "随机分到各组"),
  },
  { field: "days", label: t("Days", "天数"), hint: t("horizon", "观察期") },
  {
    field: "seed",
    label: t("Seed", "随机种子"),
    hint: t("same inputs + seed = same report", "相同输入 + 种子 = 相同报告"),
  },
  {
    field: "workers",
    label: t("Workers", "线程数"),
    hint: t("results do not depend on it", "结果与线程数无关"),
  },
];

/** A built-in playbook's name, for the template picker. */
const templateName = (id: string) => {
  const builtin = BUILTIN_STRATEGIES.find((s) => s.id === id);
  return builtin ? `${localName(builtin)} (${id})` : id;
};

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
    /* Run stays in view at the foot of the sidebar however long the editors make the form. */
    /* bottom: −1rem reaches over the sidebar's padding, so nothing scrolls into view below it. */
    .run { position: sticky; bottom: -1rem; padding: 0.5rem 0 1.5rem; margin: -0.5rem 0 -1rem;
      background: linear-gradient(to bottom, transparent, #f6f7f9 30%); }
    button.small {
      font-weight: 400; font-size: 0.85rem; padding: 0.3rem 0.7rem; background: white; color: inherit;
      border-color: #c5c9d0;
    }
    .add { display: flex; gap: 0.4rem; align-items: end; }
    .add label { flex: 1; }
    .editors { display: grid; gap: 0.9rem; margin-top: 0.6rem; }
    .notice { margin: 0; padding: 0.5rem 0.8rem; background: #fff8e6; border-left: 3px solid #b7791f;
      color: #6b4a12; font-size: 0.85rem; overflow-wrap: anywhere; }
    select:focus-visible, input:focus-visible, button:focus-visible {
      outline: 2px solid #2f55b5; outline-offset: 1px;
    }
  `;

  /** Workers to offer by default (the page passes `navigator.hardwareConcurrency`). */
  @property({ type: Number }) defaultWorkers = 1;

  /** True while a run is going: the form is locked. */
  @property({ type: Boolean }) disabled = false;

  /** The scenarios offered: the built-in ones, then any the page adds (a fitted population). */
  @property({ attribute: false }) scenarios: readonly Scenario[] = BUILTIN_SCENARIOS;

  /** The set-up to start from (a shared link's), instead of the defaults; read once. */
  @property({ attribute: false }) initial: Omit<RunInputs, "workers"> | null = null;

  /** A note above the form, e.g. why a shared link's set-up was not used. */
  @property() notice = "";

  @state() private inputs: RunInputs | null = null;
  @state() private errors: FieldError[] = [];
  /** The built-in a new edited playbook starts from ("" = blank). */
  @state() private template = "t-plus-7";

  /** Re-renders on a language switch. */
  protected readonly i18n = new LangController(this);

  private get values(): RunInputs {
    return this.inputs ?? this.start();
  }

  private start(): RunInputs {
    const workers = String(this.defaultWorkers);
    return this.initial ? { ...this.initial, workers } : defaultInputs(this.defaultWorkers);
  }

  protected override willUpdate() {
    this.inputs ??= this.start();
  }

  protected override firstUpdated() {
    this.changed();
  }

  private edit(patch: Partial<RunInputs>) {
    this.inputs = { ...this.values, ...patch };
    const changed = Object.keys(patch);
    this.errors = this.errors.filter((e) => !changed.includes(e.field));
    this.changed();
  }

  /** Tells the page what the form now holds (for the URL and the timelines). */
  private changed() {
    const inputs = this.values;
    const builtins = BUILTIN_STRATEGIES.filter((s) => inputs.arms.includes(s.id));
    const edited = parsePlaybooks(inputs.playbooks).flatMap((p) =>
      "strategy" in p ? [p.strategy] : [],
    );
    this.dispatchEvent(
      new CustomEvent<FormChange>("inputs-change", {
        detail: { inputs, strategies: [...builtins, ...edited] },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private addPlaybook() {
    const text = this.template === "" ? BLANK_PLAYBOOK : playbookTemplate(this.template);
    this.edit({ playbooks: [...this.values.playbooks, text] });
  }

  private editPlaybook(event: CustomEvent<PlaybookInput>) {
    const playbooks = [...this.values.playbooks];
    playbooks[event.detail.index] = event.detail.text;
    this.edit({ playbooks });
  }

  private async removePlaybook(event: CustomEvent<PlaybookInput>) {
    const playbooks = this.values.playbooks.filter((_, i) => i !== event.detail.index);
    this.edit({ playbooks });
    // Keyboard users keep their place: focus goes to the add button the editor sat under.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>("button[name=add-playbook]")?.focus();
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

  private renderPlaybooks(v: RunInputs) {
    const parsed = parsePlaybooks(v.playbooks);
    return html`
      <fieldset class="playbooks">
        <legend>${t("Edited playbooks (each runs as an arm)", "自定义打法（每个作为一组运行）")}</legend>
        <div class="add">
          <label>
            <span>${t("Start from", "起点")}</span>
            <select
              name="playbook-template"
              ?disabled=${this.disabled}
              @change=${(e: Event) => {
                this.template = (e.target as HTMLSelectElement).value;
              }}
            >
              ${TEMPLATE_IDS.map(
                (id) =>
                  html`<option value=${id} .selected=${id === this.template}>${templateName(id)}</option>`,
              )}
              <option value="" .selected=${this.template === ""}>
                ${t("blank (paste your own)", "空白（粘贴你自己的）")}
              </option>
            </select>
          </label>
          <button
            type="button"
            class="small"
            name="add-playbook"
            ?disabled=${this.disabled}
            @click=${this.addPlaybook}
          >
            ${t("Edit as JSON", "以 JSON 编辑")}
          </button>
        </div>
        <div
          class="editors"
          @playbook-input=${this.editPlaybook}
          @playbook-remove=${this.removePlaybook}
        >
          ${parsed.map((p, index) =>
            "strategy" in p
              ? html`<rl-playbook-editor
                  .index=${index}
                  .text=${v.playbooks[index]}
                  .error=${null}
                  .armId=${p.strategy.id}
                  .rules=${p.strategy.rules.length}
                  ?disabled=${this.disabled}
                ></rl-playbook-editor>`
              : html`<rl-playbook-editor
                  .index=${index}
                  .text=${v.playbooks[index]}
                  .error=${engineMessage(p.error)}
                  ?disabled=${this.disabled}
                ></rl-playbook-editor>`,
          )}
        </div>
      </fieldset>
    `;
  }

  override render() {
    const v = this.values;
    const invalid = (field: keyof RunInputs) => this.errors.some((e) => e.field === field);
    const scenario = this.scenarios.find((s) => s.id === v.scenario);
    const patched = scenario ? applyScenarioPatch(scenario, v.scenarioPatch) : null;
    const patchError = patched && "error" in patched ? patched.error : null;
    const editorsInvalid =
      patchError !== null || parsePlaybooks(v.playbooks).some((p) => "error" in p);
    // The editors show their own messages as you type; the list under the form has the rest.
    const errors = this.errors.filter(
      (e) => e.field !== "playbooks" && e.field !== "scenarioPatch",
    );
    return html`
      <form @submit=${this.submit} novalidate>
        ${this.notice ? html`<p class="notice" role="alert">${this.notice}</p>` : null}
        <label>
          <span>${t("Scenario", "场景")}</span>
          <select
            name="scenario"
            ?disabled=${this.disabled}
            @change=${(e: Event) => this.selectScenario((e.target as HTMLSelectElement).value)}
          >
            ${this.scenarios.map(
              (s) =>
                html`<option value=${s.id} .selected=${s.id === v.scenario}>${localName(s)}</option>`,
            )}
          </select>
          <small class="hint">${scenario ? localDescription(scenario) : ""}</small>
        </label>
        <rl-scenario-editor
          .base=${scenario ?? null}
          .text=${v.scenarioPatch}
          .error=${patchError === null ? null : engineMessage(patchError)}
          ?disabled=${this.disabled}
          @scenario-patch-input=${(e: CustomEvent<string>) => this.edit({ scenarioPatch: e.detail })}
        ></rl-scenario-editor>
        <fieldset class="arms">
          <legend>${t("Strategies (arms, two or more)", "策略（实验组，两个或以上）")}</legend>
          ${BUILTIN_STRATEGIES.map(
            (s) => html`
              <label title=${localDescription(s)}>
                <input
                  type="checkbox"
                  name="arm"
                  value=${s.id}
                  .checked=${v.arms.includes(s.id)}
                  ?disabled=${this.disabled}
                  @change=${(e: Event) => this.toggleArm(s.id, (e.target as HTMLInputElement).checked)}
                />
                <span>${localName(s)} <small>${s.id}</small></span>
              </label>
            `,
          )}
        </fieldset>
        ${this.renderPlaybooks(v)}
        <div class="numbers">
          ${numberFields().map(
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
          errors.length > 0
            ? html`<ul class="errors" role="alert">
                ${errors.map((e) => html`<li data-field=${e.field}>${e.message}</li>`)}
              </ul>`
            : null
        }
        <div class="run">
          <button
            type="submit"
            ?disabled=${this.disabled || editorsInvalid}
            aria-describedby=${editorsInvalid ? "run-blocked" : nothing}
          >
            ${t("Run", "运行")}
          </button>
          ${
            editorsInvalid
              ? html`<small id="run-blocked" class="hint">
                  ${t("Fix the editor's message above to run.", "先修正上方编辑器中的问题，才能运行。")}
                </small>`
              : null
          }
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-run-form": RlRunForm;
  }
}
