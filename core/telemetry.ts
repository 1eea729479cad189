/**
 * Timings the domain reports about its slow parts (the language model, memory search), so that
 * the edge can turn them into metrics without the domain knowing any metric format.
 *
 * @module
 */
import { Cancelled } from "./errors.ts";

/** How a timed call ended. */
export type CallOutcome = "ok" | "error" | "cancelled";

/** One call to the language model (chat or embed), from queueing to its last token. */
export interface LlmCallEvent {
  operation: "chat" | "embed";
  model: string;
  outcome: CallOutcome;
  /** Seconds from the call to its end, time in the queue included. */
  seconds: number;
}

/** One memory search (a `memory.search`, a cross-persona search or a chat's recall). */
export interface MemorySearchEvent {
  kind: "search" | "cross_persona";
  backend: string;
  outcome: CallOutcome;
  seconds: number;
}

/** Where the domain reports its timings. */
export interface Telemetry {
  llmCall(event: LlmCallEvent): void;
  memorySearch(event: MemorySearchEvent): void;
}

/** Reports nothing (the default: tests and the simulation need no metrics). */
export const NO_TELEMETRY: Telemetry = { llmCall() {}, memorySearch() {} };

/** Whether `error` (thrown by a call that `signal` governs) is a cancellation. */
export function outcomeOf(error: unknown, signal?: AbortSignal): CallOutcome {
  return signal?.aborted || error instanceof Cancelled ? "cancelled" : "error";
}

/** Runs `work`, timing it; `report` gets the outcome and the seconds it took. */
export async function timed<T>(
  work: () => Promise<T>,
  report: (outcome: CallOutcome, seconds: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  const started = performance.now();
  try {
    const result = await work();
    report("ok", (performance.now() - started) / 1000);
    return result;
  } catch (error) {
    report(outcomeOf(error, signal), (performance.now() - started) / 1000);
    throw error;
  }
}
