/**
 * Writes a report as `<report_dir>/<scenario name>-seed<seed>.json` and `.html`.
 *
 * @module
 */
import type { SimulationReport } from "./report.ts";
import { renderReportHtml } from "./report_html.ts";

/** The paths of a written report. */
export interface ReportPaths {
  json: string;
  html: string;
}

/** Writes the JSON and HTML files of `report` into `dir` (created if missing). */
export async function writeReport(report: SimulationReport, dir: string): Promise<ReportPaths> {
  await Deno.mkdir(dir, { recursive: true });
  const base = `${dir.replace(/\/+$/, "")}/${report.scenario.name}-seed${report.seed}`;
  const paths = { json: `${base}.json`, html: `${base}.html` };
  await Deno.writeTextFile(paths.json, JSON.stringify(report, null, 2) + "\n");
  await Deno.writeTextFile(paths.html, renderReportHtml(report));
  return paths;
}
