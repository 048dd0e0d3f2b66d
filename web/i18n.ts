import type { ReactiveController, ReactiveControllerHost } from "lit";

/**
 * The dashboard's two languages. Text is written where it is used, English first and Chinese
 * beside it — `t("Run", "运行")` — so a label and its translation never drift apart in two files.
 * The choice is remembered (localStorage) and travels in a shared link (url-state.ts).
 */
export type Lang = "en" | "zh";
export const LANGS: readonly Lang[] = ["en", "zh"];

const STORE_KEY = "retention-lab.lang";
const EVENT = "rl-lang";

function stored(): Lang | null {
  try {
    const value = globalThis.localStorage?.getItem(STORE_KEY);
    return value === "en" || value === "zh" ? value : null;
  } catch {
    // Storage may be off (file://, private mode): the choice then lasts the page.
    return null;
  }
}

function browserLang(): Lang {
  const language = globalThis.navigator?.language ?? "en";
  return language.toLowerCase().startsWith("zh") ? "zh" : "en";
}

let current: Lang = stored() ?? browserLang();

/** The language shown now. */
export const lang = (): Lang => current;

/** The BCP 47 locale of the language shown, for Intl number and date formats. */
export const locale = (): string => (current === "zh" ? "zh-CN" : "en-US");

/** Switches every component to `next`, and remembers it unless `remember` is false. */
export function setLang(next: Lang, remember = true): void {
  if (next !== "en" && next !== "zh") return;
  if (remember) {
    try {
      globalThis.localStorage?.setItem(STORE_KEY, next);
    } catch {
      // See stored().
    }
  }
  if (next === current) return;
  current = next;
  if (globalThis.document) document.documentElement.lang = locale();
  globalThis.dispatchEvent?.(new CustomEvent<Lang>(EVENT, { detail: next }));
}

/** Text in the language shown: `t("Run", "运行")`. */
export const t = (en: string, zh: string): string => (current === "zh" ? zh : en);

/**
 * Re-renders its host whenever the language changes; every component with text adds one, as
 * `protected readonly i18n = new LangController(this);` (protected: nothing else reads it).
 */
export class LangController implements ReactiveController {
  private readonly update = () => this.host.requestUpdate();
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    globalThis.addEventListener(EVENT, this.update);
  }
  hostDisconnected(): void {
    globalThis.removeEventListener(EVENT, this.update);
  }
}

/**
 * `fields` with a `label` in the language shown, read when used, so a list declared once (the
 * scorecard's metrics, a chart's series) follows a switch:
 * `labelled({ id: "revenue" }, "revenue", "收入")`.
 */
export function labelled<const T extends object>(
  fields: T,
  en: string,
  zh: string,
): T & { readonly label: string } {
  return Object.defineProperty({ ...fields }, "label", {
    get: () => t(en, zh),
    enumerable: true,
  }) as T & { readonly label: string };
}
