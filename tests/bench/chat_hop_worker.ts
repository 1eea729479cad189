/**
 * Bench only (`chat_probe.ts`'s `hop` and `hop-echo` stubs): stands in for a memory worker, the
 * design in which recall and storing an exchange run on a thread of their own and the main thread
 * only posts the request and takes the answer. It answers a recall with the memories it was given
 * at the start (as a real worker's hits would come back: records, structured-cloned) and a store
 * with a new id. With `spinUs` it first keeps its thread busy as long as the work it stands in for
 * takes (the timeline's recall and store per chat), so the worker competes for the machine's cores
 * as a real one would; with zero it answers at once (the hop alone).
 *
 * @module
 */

/** A request to the stand-in worker. */
export type HopRequest =
  | { kind: "init"; memories: unknown[]; recallUs: number; storeUs: number }
  | { kind: "recall"; id: number; personaId: string; query: string; limit: number }
  | { kind: "store"; id: number; personaId: string; message: string; response: string };

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<HopRequest>) => void) | null;
  postMessage(message: unknown): void;
};
let memories: unknown[] = [];
let recallUs = 0;
let storeUs = 0;

/** Keeps this thread busy for `us` microseconds (the work the worker stands in for). */
function spin(us: number): void {
  const end = performance.now() + us / 1000;
  while (performance.now() < end) { /* busy, as the real work would be */ }
}

scope.onmessage = (event) => {
  const request = event.data;
  if (request.kind === "init") {
    ({ memories, recallUs, storeUs } = request);
  } else if (request.kind === "recall") {
    spin(recallUs);
    scope.postMessage({ id: request.id, memories: memories.slice(0, request.limit) });
  } else {
    spin(storeUs);
    scope.postMessage({ id: request.id, memory_id: `mem_${crypto.randomUUID()}` });
  }
};
