import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Scenario } from "../../sim/index.ts";
import { LangController, t } from "../i18n.ts";
import { localName } from "../terms.ts";

/** Sections the editor offers to copy in with the chosen scenario's values. */
export const EDITABLE_SECTIONS = [
  "fatigue",
  "response",
  "channels",
  "spend",
  "purchase",
  "acquisition",
  "offers",
] as const;

/**
 * The scenario's parameters as a partial scenario in JSON laid over the chosen one: a section
 * button copies that section's current values in to edit, the validator's message (the CLI's,
 * naming the parameter path) shows as you type, and "Reset to default" empties the edit.
 * Fires `scenario-patch-input` with the new text.
 */
@customElement("rl-scenario-editor")
export class RlScenarioEditor extends LitElement {
  static override styles = css`
    :host { display: block; }
    summary { font-weight: 600; font-size: 0.85rem; cursor: pointer; }
    summary small { font-weight: 400; color: #5f6670; }
    .hint { color: #5f6670; font-size: 0.78rem; margin: 0.3rem 0; }
    .sections { display: flex; flex-wrap: wrap; gap: 0.3rem; margin: 0.3rem 0; }
    label { display: block; font-weight: 600; font-size: 0.8rem; margin-top: 0.4rem; }
    textarea {
      display: block; width: 100%; box-sizing: border-box; margin-top: 0.3rem; min-height: 8rem;
      font: 0.8rem/1.35 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; resize: vertical;
      padding: 0.4rem 0.5rem; border: 1px solid #c5c9d0; border-radius: 4px; background: white;
    }
    textarea[aria-invalid="true"] { border-color: #c0392b; background: #fff5f4; }
    textarea:focus-visible, button:focus-visible, summary:focus-visible {
      outline: 2px solid #2f55b5; outline-offset: 1px;
    }
    .message { margin: 0.3rem 0 0; font-size: 0.82rem; overflow-wrap: anywhere; }
    .error { color: #8e2418; border-left: 3px solid #c0392b; padding-left: 0.5rem; }
    .ok { color: #1d6b3a; }
    .row { display: flex; justify-content: flex-end; margin-top: 0.4rem; }
    button {
      font: inherit; font-size: 0.78rem; padding: 0.15rem 0.55rem; border-radius: 4px; cursor: pointer;
      border: 1px solid #c5c9d0; background: white;
    }
  `;

  /** The chosen scenario as built: what the edit is laid over and the sections copy from. */
  @property({ attribute: false }) base: Scenario | null = null;
  @property() text = "";
  @property() error: string | null = null;
  @property({ type: Boolean }) disabled = false;
  /** Open from the start (a link with edited parameters opens it). */
  @property({ type: Boolean }) open = false;

  /** Re-renders on a language switch. */
  protected readonly i18n = new LangController(this);

  private emit(text: string) {
    this.dispatchEvent(
      new CustomEvent<string>("scenario-patch-input", {
        detail: text,
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** Copies a section's current values into the edit, keeping what was already edited there. */
  private insert(section: (typeof EDITABLE_SECTIONS)[number]) {
    if (!this.base) return;
    let patch: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(this.text || "{}");
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) patch = parsed;
      else return;
    } catch {
      return; // Fix the JSON first; the message says where.
    }
    if (!(section in patch)) patch[section] = this.base[section];
    this.emit(JSON.stringify(patch, null, 2));
  }

  override render() {
    const edited = this.text.trim() !== "";
    const invalid = this.error !== null;
    return html`
      <details ?open=${this.open || edited}>
        <summary>
          ${t("Scenario parameters", "场景参数")}
          <small>${edited ? t("edited", "已修改") : t("as built", "默认")}</small>
        </summary>
        <p class="hint">
          ${t(
            `Only the parameters you change, over ${this.base?.name ?? "the scenario"} (scenarios/README.md says what each means). Copy a section in to edit it:`,
            `只写你要改的参数，覆盖在“${this.base ? localName(this.base) : "场景"}”之上（各参数的含义见 scenarios/README.md）。点一个分区把它复制进来再编辑：`,
          )}
        </p>
        <div class="sections" role="group" aria-label=${t("Copy a section in", "复制一个分区")}>
          ${EDITABLE_SECTIONS.map(
            (section) => html`<button
              type="button"
              data-section=${section}
              ?disabled=${this.disabled || invalid}
              @click=${() => this.insert(section)}
            >
              ${section}
            </button>`,
          )}
        </div>
        <label for="patch">${t("Edited parameters (JSON)", "修改的参数（JSON）")}</label>
        <textarea
          id="patch"
          name="scenarioPatch"
          spellcheck="false"
          autocomplete="off"
          placeholder='{ "fatigue": { "halfLifeDays": 2 } }'
          aria-invalid=${invalid ? "true" : "false"}
          aria-describedby="patch-message"
          .value=${this.text}
          ?disabled=${this.disabled}
          @input=${(e: Event) => this.emit((e.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${
          invalid
            ? html`<p id="patch-message" class="message error" role="alert">${this.error}</p>`
            : html`<p id="patch-message" class="message ok">
                ${edited ? t("✓ valid: the run uses these parameters", "✓ 有效：运行将使用这些参数") : ""}
              </p>`
        }
        <div class="row">
          <button
            type="button"
            name="reset-scenario"
            ?disabled=${this.disabled || !edited}
            @click=${() => this.emit("")}
          >
            ${t("Reset to default", "恢复默认")}
          </button>
        </div>
      </details>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rl-scenario-editor": RlScenarioEditor;
  }
}
