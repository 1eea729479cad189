/**
 * Test support for the write-behind queue's unit tests (`write_behind_mutation_test.ts`,
 * `write_behind_pieces_test.ts`): the persona Aria, a silent log, Aria's exchanges, and a queue
 * that records the messages of each batch it stores.
 *
 * @module
 */
import type { ExchangeRecord } from "../../chat/memory_port.ts";
import type { Persona } from "../../personas/mod.ts";
import { WriteBehind } from "../write_behind.ts";

/** The persona whose exchanges the queue holds. */
export const ARIA = { id: "p_aria", name: "Aria" } as unknown as Persona;

/** A log that says nothing. */
export const SILENT = { warn: () => {}, debug: () => {} };

/** An exchange of Aria's with Tam, in no room, whose message is `message`. */
export function exchange(message: string): ExchangeRecord {
  return { persona: ARIA, sender: "Tam", roomId: null, message, response: "Hi." };
}

/** A queue whose follow-up work goes to `later`, and the messages of each batch it stored. */
export function batchRecordingQueue(
  later: (work: () => Promise<void>, since: number) => unknown,
): { behind: WriteBehind; batches: string[][] } {
  const batches: string[][] = [];
  const behind = new WriteBehind({
    store: (records) => {
      batches.push(records.map((record) => record.message));
      return Promise.resolve();
    },
    log: SILENT,
    later,
  });
  return { behind, batches };
}
