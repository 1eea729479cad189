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
  operation: "chat" | "json" | "embed";
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

/**
 * Runs `work`, timing it; `report` gets the outcome and the seconds it took. A report that
 * throws is ignored: metrics never fail the work they measure.
 */
export async function timed<T>(
  work: () => Promise<T>,
  report: (outcome: CallOutcome, seconds: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  const started = performance.now();
  const tell = (outcome: CallOutcome) => {
    try {
      report(outcome, (performance.now() - started) / 1000);
    } catch {
      // See above: the measured call's own result or error is what matters.
    }
  };
  try {
    const result = await work();
    tell("ok");
    return result;
  } catch (error) {
    tell(outcomeOf(error, signal));
    throw error;
  }
}
