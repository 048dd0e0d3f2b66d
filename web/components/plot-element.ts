import { type CSSResultGroup, css, html, LitElement } from "lit";
import { property, state } from "lit/decorators.js";
import type { Report } from "../../sim/index.ts";
import { LangController, t } from "../i18n.ts";

/** Chart text size: readable at 1280 px and on a projector. */
export const CHART_FONT = 13;

const SVG_NS = "http://www.w3.org/2000/svg";

/** A name for a file: lower case, words joined by dashes. */
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/**
 * Hands the browser a file to save. The link is in the document while it is clicked, and its blob
 * URL lives a minute: revoked at once, a slow browser may find it gone before the download starts.
 */
export function saveFile(blob: Blob, name: string) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/** A Plot chart's colour scale, if it has one with a legend worth drawing. */
type ColorScale = { domain?: unknown[]; range?: unknown[] };

/**
 * One standalone SVG of a chart: its title, its colour legend (Plot draws legends in HTML, which an
 * SVG file cannot hold) and the plot itself, fonts inlined, so the file reads on its own.
 */
export function exportSvg(chart: Element, title: string): SVGSVGElement | null {
  // A chart with a legend is a figure: the legend's swatches hold small SVGs of their own.
  const svg = (
    chart instanceof SVGSVGElement ? chart : chart.querySelector(":scope > svg")
  ) as SVGSVGElement | null;
  if (!svg) return null;
  const width = Number(svg.getAttribute("width")) || svg.viewBox.baseVal.width || 640;
  const height = Number(svg.getAttribute("height")) || svg.viewBox.baseVal.height || 400;
  const scale = (chart as Element & { scale?: (name: string) => ColorScale | undefined }).scale?.(
    "color",
  );
  const swatches =
    chart.querySelector("[class*=-swatches]") && scale?.domain && scale.range
      ? scale.domain.map((d, i) => ({
          label: String(d),
          color: String(scale.range?.[i % (scale.range?.length ?? 1)]),
        }))
      : [];
  const top = 28 + (swatches.length > 0 ? 24 : 0);
  const out = document.createElementNS(SVG_NS, "svg");
  out.setAttribute("xmlns", SVG_NS);
  out.setAttribute("width", String(width));
  out.setAttribute("height", String(height + top));
  out.setAttribute("viewBox", `0 0 ${width} ${height + top}`);
  out.setAttribute(
    "style",
    `font: ${CHART_FONT}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: white;`,
  );
  const bg = document.createElementNS(SVG_NS, "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", "white");
  out.append(bg);
  const heading = document.createElementNS(SVG_NS, "text");
  heading.setAttribute("x", "4");
  heading.setAttribute("y", "18");
  heading.setAttribute("font-weight", "bold");
  heading.setAttribute("font-size", "15");
  heading.textContent = title;
  out.append(heading);
  let x = 4;
  for (const s of swatches) {
    const rect = document.createElementNS(SVG_NS, "rect");
    rect.setAttribute("x", String(x));
    rect.setAttribute("y", "32");
    rect.setAttribute("width", "12");
    rect.setAttribute("height", "12");
    rect.setAttribute("fill", s.color);
    const label = document.createElementNS(SVG_NS, "text");
    label.setAttribute("x", String(x + 16));
    label.setAttribute("y", "43");
    label.textContent = s.label;
    out.append(rect, label);
    x += 16 + s.label.length * 7.5 + 16;
  }
  const body = svg.cloneNode(true) as SVGSVGElement;
  body.setAttribute("y", String(top));
  body.style.fontSize = `${CHART_FONT}px`;
  // Plot's own stylesheet, inside the clone, keeps its class-scoped rules working.
  out.append(body);
  return out;
}

/** The SVG as text, with its XML declaration, for a file. */
export function svgText(svg: SVGSVGElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`;
}

/** The SVG drawn on a canvas at twice its size, as PNG. */
async function pngOf(svg: SVGSVGElement): Promise<Blob> {
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height"));
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = width * 2;
    canvas.height = height * 2;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no canvas");
    context.scale(2, 2);
    context.fillStyle = "white";
    context.fillRect(0, 0, width, height);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no PNG"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * What every chart element shares: a title, a caption, a one-line reading of this run, PNG and SVG
 * downloads, and an Observable Plot chart of its input (`value`) redrawn whenever the element
 * updates, including when its width changes (so the text keeps its size). Subclasses hold the
 * input as a property and may add controls in `controls()`.
 */
export abstract class ChartElement<T> extends LitElement {
  static override styles: CSSResultGroup = css`
    :host { display: block; min-width: 0; }
    .head { display: flex; justify-content: space-between; align-items: baseline; gap: 0.3rem 1rem; flex-wrap: wrap; }
    h3 { margin: 0 0 0.2rem; font-size: 1rem; }
    p { margin: 0 0 0.5rem; color: #5f6670; font-size: 0.85rem; }
    p.reading { color: #1f2329; font-size: 0.9rem; }
    .downloads { display: flex; gap: 0.4rem; }
    .downloads button {
      font: inherit; font-size: 0.8rem; padding: 0.1rem 0.5rem; border-radius: 4px; cursor: pointer;
      border: 1px solid #c5c9d0; background: white;
    }
    .plot svg { max-width: 100%; height: auto; font-size: ${CHART_FONT}px !important; }
    .plot [class*="-swatches"] { font-size: ${CHART_FONT}px !important; }
    /* A chart with a legend comes as a figure, whose default margins would shrink it. */
    .plot figure { margin: 0; }
  `;

  /** Width the chart is drawn at: the element's own width, as last measured. */
  @state() protected width = 0;

  /** Redraws the chart in the language shown (its text is computed on every update). */
  protected readonly i18n = new LangController(this);

  /** The title and caption, getters so they follow the language. */
  protected abstract get heading(): string;
  protected abstract get caption(): string;

  /** One line that reads this run's chart (what to see in it), or "" for none. */
  protected get reading(): string {
    return "";
  }

  /** The input drawn, or null for nothing. */
  protected abstract get value(): T | null;

  /** Draws the chart for an input at `width` pixels. */
  protected abstract plot(value: T, width: number): Element;

  /** Anything shown between the caption and the chart, such as a choice of view. */
  protected controls(): unknown {
    return null;
  }

  /**
   * The file name of the downloads, without extension: from the element's name, so it is the same
   * English slug in either language (`retention-lab-km-chart`).
   */
  protected get fileName(): string {
    return `retention-lab-${slug(this.localName.replace(/^rl-/, ""))}`;
  }

  private chart: Element | null = null;
  private readonly resize = new ResizeObserver(([entry]) => {
    const width = Math.floor(entry.contentRect.width);
    if (width > 0 && Math.abs(width - this.width) > 4) this.width = width;
  });

  override connectedCallback() {
    super.connectedCallback();
    this.resize.observe(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.resize.disconnect();
  }

  // Only the input, the width and a subclass's own view state are reactive, so any change redraws.
  protected override willUpdate() {
    const value = this.value;
    this.chart = value && this.width > 0 ? this.plot(value, this.width) : null;
  }

  private exported(): SVGSVGElement | null {
    return this.chart ? exportSvg(this.chart, this.heading) : null;
  }

  private downloadSvg() {
    const svg = this.exported();
    if (svg) saveFile(new Blob([svgText(svg)], { type: "image/svg+xml" }), `${this.fileName}.svg`);
  }

  private async downloadPng() {
    const svg = this.exported();
    if (svg) saveFile(await pngOf(svg), `${this.fileName}.png`);
  }

  override render() {
    if (!this.value) return null;
    const reading = this.reading;
    return html`<div class="head">
        <h3>${this.heading}</h3>
        <div class="downloads" role="group" aria-label=${t(`Download ${this.heading}`, `下载“${this.heading}”`)}>
          <button
            type="button"
            data-download="png"
            aria-label=${t(`Download ${this.heading} as PNG`, `下载“${this.heading}”PNG 图片`)}
            @click=${this.downloadPng}
          >
            PNG
          </button>
          <button
            type="button"
            data-download="svg"
            aria-label=${t(`Download ${this.heading} as SVG`, `下载“${this.heading}”SVG 矢量图`)}
            @click=${this.downloadSvg}
          >
            SVG
          </button>
        </div>
      </div>
      <p>${this.caption}</p>
      ${reading ? html`<p class="reading">${reading}</p>` : null}
      ${this.controls()}
      <div class="plot">${this.chart}</div>`;
  }
}

/** A chart of a run's report. */
export abstract class PlotElement extends ChartElement<Report> {
  @property({ attribute: false }) report: Report | null = null;

  protected get value(): Report | null {
    return this.report;
  }
}
