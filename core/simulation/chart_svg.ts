/**
 * Line charts as inline SVG, drawn here rather than in the browser so that the report page
 * needs no script and no network to show them. Every point carries a `<title>` tooltip.
 *
 * @module
 */

/** One line of a chart. */
export interface Series {
  name: string;
  /** [x, y] pairs, x ascending. */
  points: Array<[number, number]>;
  /** Tooltip text per point (same length as points), optional. */
  labels?: string[];
}

/** A horizontal band (e.g. the score zones) or line (from = to). */
export interface Band {
  from: number;
  to: number;
  label: string;
  kind: "low" | "mid" | "high" | "line";
}

/** What a chart shows. */
export interface ChartSpec {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** Fixed y range; by default 0 to a rounded-up maximum. */
  yMin?: number;
  yMax?: number;
  bands?: Band[];
  /** Draw a dot at every point (for charts with few points per line). */
  markers?: boolean;
}

/** Distinct colours, assigned to series in order (they cycle after ten). */
export const PALETTE = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#9467bd",
  "#ff7f0e",
  "#17becf",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
];

const WIDTH = 760;
const HEIGHT = 300;
const PAD = { left: 56, right: 16, top: 16, bottom: 44 };

/** Escapes text for HTML and SVG content and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/** A "nice" upper bound ≥ `value` (1, 2, 2.5, 5 times a power of ten). */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= value)!;
  return step * power;
}

function ticks(min: number, max: number, count: number): number[] {
  const step = niceCeiling((max - min) / count);
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    out.push(Math.round(v * 1e6) / 1e6);
  }
  return out;
}

const fmt = (value: number) => String(Math.round(value * 1000) / 1000);

/** Renders `spec` as an `<svg>` element (series get `data-series` for the page's legend). */
export function lineChart(spec: ChartSpec): string {
  const xs = spec.series.flatMap((s) => s.points.map(([x]) => x));
  const ys = spec.series.flatMap((s) => s.points.map(([, y]) => y));
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs, xMin + 1) : 1;
  const yMin = spec.yMin ?? Math.min(0, ...ys);
  const yMax = spec.yMax ?? niceCeiling(Math.max(...ys, yMin + 1e-9));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const sx = (x: number) => PAD.left + (x - xMin) / (xMax - xMin) * plotW;
  const sy = (y: number) => PAD.top + (1 - (y - yMin) / (yMax - yMin)) * plotH;
  const parts: string[] = [];
  for (const band of spec.bands ?? []) {
    const top = sy(Math.min(yMax, Math.max(band.from, band.to)));
    const bottom = sy(Math.max(yMin, Math.min(band.from, band.to)));
    parts.push(
      band.kind === "line"
        ? `<line class="band-line" x1="${PAD.left}" x2="${
          WIDTH - PAD.right
        }" y1="${top}" y2="${top}"><title>${escapeHtml(band.label)}</title></line>`
        : `<rect class="band band-${band.kind}" x="${PAD.left}" y="${top}" width="${plotW}" height="${
          bottom - top
        }"><title>${escapeHtml(band.label)}</title></rect>`,
    );
  }
  for (const y of ticks(yMin, yMax, 5)) {
    parts.push(
      `<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${sy(y)}" y2="${
        sy(y)
      }"/><text class="tick" x="${PAD.left - 6}" y="${sy(y) + 4}" text-anchor="end">${
        fmt(y)
      }</text>`,
    );
  }
  for (const x of ticks(xMin, xMax, 8)) {
    parts.push(
      `<text class="tick" x="${sx(x)}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle">${
        fmt(x)
      }</text>`,
    );
  }
  spec.series.forEach((series, i) => {
    const color = PALETTE[i % PALETTE.length];
    const path = series.points.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(" ");
    const dots = spec.markers
      ? series.points.map(([x, y], j) =>
        `<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="3"><title>${
          escapeHtml(series.labels?.[j] ?? `${series.name}: ${fmt(y)} at ${fmt(x)}`)
        }</title></circle>`
      ).join("")
      : "";
    parts.push(
      `<g class="series" data-series="${i}" stroke="${color}" fill="${color}"><title>${
        escapeHtml(series.name)
      }</title><polyline fill="none" stroke-width="2" points="${path}"/>${dots}</g>`,
    );
  });
  parts.push(
    `<line class="axis" x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${
      HEIGHT - PAD.bottom
    }"/><line class="axis" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${
      HEIGHT - PAD.bottom
    }" y2="${HEIGHT - PAD.bottom}"/>`,
    `<text class="label" x="${PAD.left + plotW / 2}" y="${HEIGHT - 6}" text-anchor="middle">${
      escapeHtml(spec.xLabel)
    }</text>`,
    `<text class="label" transform="translate(14 ${
      PAD.top + plotH / 2
    }) rotate(-90)" text-anchor="middle">${escapeHtml(spec.yLabel)}</text>`,
  );
  const legend = spec.series.map((series, i) =>
    `<li data-series="${i}"><span class="swatch" style="background:${
      PALETTE[i % PALETTE.length]
    }"></span>${escapeHtml(series.name)}</li>`
  ).join("");
  return `<figure class="chart-box" id="${spec.id}"><figcaption>${
    escapeHtml(spec.title)
  }</figcaption><svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${
    escapeHtml(spec.title)
  }">${parts.join("")}</svg>${
    spec.series.length ? `<ul class="legend">${legend}</ul>` : `<p class="empty">No data.</p>`
  }</figure>`;
}
