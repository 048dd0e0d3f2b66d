import { css, html, LitElement, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";
import type { Report } from "../../sim/report/report.ts";

/**
 * What the chart elements share: a `report` property, a title and caption, and an Observable Plot
 * chart redrawn when the report changes or the element's width does (so the text keeps its size).
 */
export abstract class PlotElement extends LitElement {
  static override styles = css`
    :host { display: block; min-width: 0; }
    h3 { margin: 0 0 0.2rem; font-size: 1rem; }
    p { margin: 0 0 0.5rem; color: #5f6670; font-size: 0.8rem; }
    .plot svg { max-width: 100%; height: auto; }
  `;

  @property({ attribute: false }) report: Report | null = null;

  /** Width the chart is drawn at: the element's own width, as last measured. */
  @state() protected width = 0;

  protected abstract readonly heading: string;
  protected abstract readonly caption: string;

  /** Draws the chart for a report at `width` pixels. */
  protected abstract plot(report: Report, width: number): Element;

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

  protected override willUpdate(changed: PropertyValues) {
    if (changed.has("report") || changed.has("width")) {
      this.chart = this.report && this.width > 0 ? this.plot(this.report, this.width) : null;
    }
  }

  override render() {
    if (!this.report) return null;
    return html`<h3>${this.heading}</h3>
      <p>${this.caption}</p>
      <div class="plot">${this.chart}</div>`;
  }
}
