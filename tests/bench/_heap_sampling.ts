/**
 * The heap a bench measures in process: its size after full collections (`--expose-gc`), an
 * inspector session to V8's sampling heap profiler, and a profile's allocating functions.
 *
 * @module
 */
import { Session } from "node:inspector";
import type { ProfileNode } from "./_alloc_stages.ts";

/** The heap in use after full collections (bytes; the process runs with `--expose-gc`). */
export function collectedHeap(): number {
  for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc!();
  return Deno.memoryUsage().heapUsed;
}

/** Bytes per allocating function (self) of a sampling heap profile, the `top` largest first. */
export function topAllocators(head: ProfileNode, top: number): [string, number][] {
  const sizes = new Map<string, number>();
  const walk = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || "(anonymous)"} ${url.replace(/^.*?\/core\//, "core/")}:${
      lineNumber + 1
    }`;
    if (node.selfSize > 0) sizes.set(name, (sizes.get(name) ?? 0) + node.selfSize);
    node.children.forEach(walk);
  };
  walk(head);
  return [...sizes].sort((a, b) => b[1] - a[1]).slice(0, top);
}

/** A connected inspector session, and `post`: one of its methods called, its result awaited. */
export function connectedInspector(): {
  inspector: Session;
  post: <T>(method: string, params?: object) => Promise<T>;
} {
  const inspector = new Session();
  inspector.connect();
  const post = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) =>
      inspector.post(
        method,
        params,
        (error, result) => error ? reject(error) : resolve(result as T),
      )
    );
  return { inspector, post };
}
