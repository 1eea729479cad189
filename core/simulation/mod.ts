/**
 * The chatroom simulation: scenarios, the tick loop over the dialogue engine, the scripted model
 * and the report (JSON and a self-contained HTML page). `cli.ts` is `deno task sim`.
 *
 * @module
 */
export { type ChoiceInput, chooseModel, type ModelChoice } from "./model_choice.ts";
export { hashText, SeededRandom } from "./random.ts";
export {
  type ConversationRecord,
  type EnergyPoint,
  percentile,
  type RelationshipPoint,
  REPORT_FORMAT,
  type SimulationReport,
  summarize,
  type Summary,
  type TurnRecord,
} from "./report.ts";
export { type ReportPaths, writeReport } from "./report_files.ts";
export { renderReportHtml } from "./report_html.ts";
export { resolvePersonas, Sampler } from "./room.ts";
export { type RunOptions, runSimulation, simulationConfig, TEMP_PREFIX } from "./runner.ts";
export {
  loadScenario,
  MODEL_CHOICES,
  parseScenario,
  SAMPLE_SCENARIO,
  Scenario,
  ScenarioError,
  tickCount,
} from "./scenario.ts";
export { chooseGroup, chooseTopic, groupInterest, groupSize } from "./scheduler.ts";
export { SCRIPTED_LABEL, SCRIPTED_MODEL_NAME, ScriptedModel } from "./scripted_model.ts";
export { tickLoop, type TickProgress } from "./tick_loop.ts";
