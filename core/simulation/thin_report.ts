/**
 * A finished run's report thinned for keeping: a run samples every tick (up to 10,000), and a
 * kept report's series need only about as many points as a chart is pixels wide.
 *
 * @module
 */
import type { SimulationReport } from "./report.ts";

/** Most points per series of a kept report: about as many as a chart is pixels wide. */
export const KEPT_POINTS = 500;

/**
 * `report` with each series thinned evenly to at most `most` points, its first and last kept
 * (with `most` 1, the last point only).
 */
export function thinned(report: SimulationReport, most: number): SimulationReport {
  return {
    ...report,
    relationships: report.relationships.map((series) => ({
      ...series,
      points: evenly(series.points, most),
    })),
    energy: report.energy.map((series) => ({ ...series, points: evenly(series.points, most) })),
  };
}

function evenly<T>(points: readonly T[], most: number): T[] {
  if (points.length <= most) return [...points];
  if (most < 1) return [];
  if (most < 2) return points.slice(-most);
  const step = (points.length - 1) / (most - 1);
  return Array.from({ length: most }, (_, i) => points[Math.round(i * step)]!);
}
