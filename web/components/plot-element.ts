import { type CSSResultGroup, css, html, LitElement } from "lit";
import { property, state } from "lit/decorators.js";
import type { Report } from "../../sim/report/report.ts";

/**
 * What every chart element shares: a title and caption, and an Observable Plot chart of its input
 * (`value`) redrawn whenever the element updates, including when its width changes (so the text
 * keeps its size). Subclasses hold the input as a property and may add controls in `controls()`.
 */
export abstract class ChartElement<T> extends LitElement {
  static override styles: CSSResultGroup = css`
    :host { display: block; min-width: 0; }
    h3 { margin: 0 0 0.2rem; font-size: 1rem; }
    p { margin: 0 0 0.5rem; color: #5f6670; font-size: 0.8rem; }
    .plot svg { max-width: 100%; height: auto; }
    /* A chart with a legend comes as a figure, whose default margins would shrink it. */
    .plot figure { margin: 0; }
  `;

  /** Width the chart is drawn at: the element's own width, as last measured. */
  @state() protected width = 0;

  protected abstract readonly heading: string;
  protected abstract readonly caption: string;

  /** The input drawn, or null for nothing. */
  protected abstract get value(): T | null;

  /** Draws the chart for an input at `width` pixels. */
  protected abstract plot(value: T, width: number): Element;

  /** Anything shown between the caption and the chart, such as a choice of view. */
  protected controls(): unknown {
    return null;
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

  override render() {
    if (!this.value) return null;
    return html`<h3>${this.heading}</h3>
      <p>${this.caption}</p>
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
