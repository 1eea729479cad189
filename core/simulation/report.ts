/**
 * The simulation report (the JSON file) and its summary. Everything except `run` follows from
 * the scenario and the seed; `run` holds the wall-clock figures of this particular run.
 *
 * @module
 */
import type { Config } from "../config.ts";
import type { ResponseType } from "../dialogue/mod.ts";
import type { PersonalityTraits } from "../personas/mod.ts";
import type { RelationshipType } from "../relationships/mod.ts";
import type { Scenario } from "./scenario.ts";

/** The report format's name and version. */
export const REPORT_FORMAT = "persona-mcp.simulation/1";

/** One turn as the report keeps it. */
export interface TurnRecord {
  turn_number: number;
  tick: number;
  at: string;
  speaker_id: string;
  speaker: string;
  /** Why this persona spoke (mentioned, most_willing, alone). */
  speaker_reason: string;
  content: string;
  continue_score: number;
  factors: Record<string, number>;
  reasons: string[];
  response_type: ResponseType;
  quality: number;
}

/** One conversation with every turn. */
export interface ConversationRecord {
  /** 1, 2, ... in order of start. */
  index: number;
  /** The engine's conversation id. */
  id: string;
  participants: Array<{ id: string; name: string }>;
  topic: string;
  started_tick: number;
  started_at: string;
  ended_tick: number | null;
  ended_at: string | null;
  end_reason: string | null;
  turns: TurnRecord[];
  /** Per participant name: when its cooldown after this conversation ends. */
  cooldown_until: Record<string, string | null>;
  /** The error that ended it, when the model failed. */
  error?: string;
}

/** A pair's relationship at one tick. */
export interface RelationshipPoint {
  tick: number;
  minute: number;
  strength: number;
  affinity: number;
  trust: number;
  type: RelationshipType;
  interactions: number;
}

/** A persona's state at one tick. */
export interface EnergyPoint {
  tick: number;
  minute: number;
  social_energy: number;
  fatigue: number;
  mood: number;
  available: boolean;
}

/** The per-persona and per-pair totals at the end. */
export interface Summary {
  ticks_run: number;
  simulated_minutes: number;
  conversations: number;
  turns: number;
  end_reasons: Record<string, number>;
  response_types: Record<ResponseType, number>;
  mean_continue_score: number | null;
  personas: Array<{
    name: string;
    conversations: number;
    turns_spoken: number;
    social_energy: number;
    fatigue: number;
    mood: number;
    memories: number | null;
  }>;
  relationships: Array<{
    pair: string;
    type: RelationshipType;
    strength: number;
    interactions: number;
  }>;
}

/** The engine settings a report records (those that shape a run). */
export type ReportSettings = Pick<
  Config,
  | "DIALOGUE_MAX_TURNS"
  | "DIALOGUE_MAX_MINUTES"
  | "DIALOGUE_COOLDOWN_S"
  | "CONTINUE_HIGH"
  | "CONTINUE_LOW"
  | "MIN_SOCIAL_ENERGY"
  | "MAX_FATIGUE"
  | "SOCIAL_ENERGY_REGEN_PER_HOUR"
  | "FATIGUE_RECOVERY_PER_HOUR"
>;

/** The whole report. */
export interface SimulationReport {
  format: typeof REPORT_FORMAT;
  scenario: Scenario;
  seed: number;
  model: { kind: "ollama" | "scripted"; label: string; notice: string | null };
  clock: { start: string; end: string; tick_seconds: number; ticks_planned: number };
  /** The engine settings that shape the run. */
  settings: ReportSettings;
  personas: Array<{
    id: string;
    name: string;
    personality_traits: PersonalityTraits;
    topic_preferences: Record<string, number>;
  }>;
  conversations: ConversationRecord[];
  relationships: Array<
    { pair: string; persona_ids: [string, string]; points: RelationshipPoint[] }
  >;
  energy: Array<{ persona_id: string; name: string; points: EnergyPoint[] }>;
  summary: Summary;
  run: {
    data_dir: string;
    wall_ms: number;
    turns_per_second: number;
    turn_ms: { p50: number; p99: number; mean: number };
  };
}

/** The `p`-th percentile (0-100) of `values` (nearest rank); NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? NaN;
}

/** Summarises the conversations and the last samples of a report. */
export function summarize(
  report: Pick<SimulationReport, "conversations" | "relationships" | "energy">,
  extra: { ticksRun: number; minutes: number; memories?: Record<string, number> },
): Summary {
  const turns = report.conversations.flatMap((c) => c.turns);
  const endReasons: Record<string, number> = {};
  for (const c of report.conversations) {
    const reason = c.end_reason ?? "active";
    endReasons[reason] = (endReasons[reason] ?? 0) + 1;
  }
  const responseTypes: Record<ResponseType, number> = { full: 0, short: 0, closing: 0 };
  for (const turn of turns) responseTypes[turn.response_type]++;
  const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;
  return {
    ticks_run: extra.ticksRun,
    simulated_minutes: round(extra.minutes, 2),
    conversations: report.conversations.length,
    turns: turns.length,
    end_reasons: endReasons,
    response_types: responseTypes,
    mean_continue_score: turns.length
      ? round(turns.reduce((sum, t) => sum + t.continue_score, 0) / turns.length, 2)
      : null,
    personas: report.energy.map((series) => {
      const last = series.points.at(-1);
      return {
        name: series.name,
        conversations: report.conversations.filter((c) =>
          c.participants.some((p) => p.id === series.persona_id)
        ).length,
        turns_spoken: turns.filter((t) => t.speaker_id === series.persona_id).length,
        social_energy: last?.social_energy ?? 0,
        fatigue: last?.fatigue ?? 0,
        mood: last?.mood ?? 0,
        memories: extra.memories?.[series.persona_id] ?? null,
      };
    }),
    relationships: report.relationships.map((series) => {
      const last = series.points.at(-1);
      return {
        pair: series.pair,
        type: last?.type ?? "stranger",
        strength: last?.strength ?? 0,
        interactions: last?.interactions ?? 0,
      };
    }),
  };
}
