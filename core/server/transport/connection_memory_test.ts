import assert from "node:assert/strict";
import { writeHeapSnapshot } from "node:v8";
import { z } from "zod";
import { ManualClock } from "../../clock.ts";
import { SessionRegistry } from "../../sessions/mod.ts";
import { Dispatcher } from "../rpc/dispatcher.ts";
import type { Handler } from "../rpc/handler.ts";
import { HandlerRegistry } from "../rpc/registry.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";
import { Connection } from "./connection.ts";
import { type ConnectionDeps, connectionOptions } from "./connection_options.ts";
import type { LoopContext } from "./testing.ts";

const ping: Handler<LoopContext, z.ZodObject<Record<string, never>>, Record<string, never>> = {
  method: "test.ping",
  description: "Answers at once",
  params: z.strictObject({}),
  handle: () => ({}),
};
const later: Handler<LoopContext, z.ZodObject<Record<string, never>>, Record<string, never>> = {
  method: "test.later",
  description: "Answers on a later macrotask: messages sent together overlap",
  params: z.strictObject({}),
  handle: () => new Promise((resolve) => setTimeout(() => resolve({}), 0)),
};

/**
 * Closures, and objects of each constructor in `named`, in this process's JS heap (a snapshot,
 * which V8 takes after a full GC).
 */
async function heapCount(named: readonly string[] = []): Promise<Map<string, number>> {
  const dir = await Deno.makeTempDir({ prefix: "persona-connection-heap-" });
  try {
    const snapshot = JSON.parse(await Deno.readTextFile(writeHeapSnapshot(`${dir}/heap`)));
    const fields = snapshot.snapshot.meta.node_fields as string[];
    const types = snapshot.snapshot.meta.node_types[0] as string[];
    const [closure, object] = [types.indexOf("closure"), types.indexOf("object")];
    const [type, name] = [fields.indexOf("type"), fields.indexOf("name")];
    const strings = snapshot.strings as string[];
    const nodes = snapshot.nodes as number[];
    const counts = new Map<string, number>([["closure", 0], ...named.map((n) => [n, 0] as const)]);
    for (let at = 0; at < nodes.length; at += fields.length) {
      const kind = nodes[at + type];
      let key: string | undefined;
      if (kind === closure) key = "closure";
      else if (kind === object) key = strings[nodes[at + name]!];
      if (key !== undefined && counts.has(key)) counts.set(key, counts.get(key)! + 1);
    }
    return counts;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Closures in this process's JS heap. */
async function closures(): Promise<number> {
  return (await heapCount()).get("closure")!;
}

function testDeps(): ConnectionDeps {
  const clock = new ManualClock();
  return {
    dispatcher: new Dispatcher<LoopContext>({
      registry: new HandlerRegistry<LoopContext>([ping, later]),
      context: (scope) => scope,
      log: testLogger(),
    }),
    sessions: new SessionRegistry(() => clock.now()),
    clock,
    log: testLogger(),
    options: connectionOptions(testConfig({})),
  };
}

const call = (id: number, method: string) =>
  JSON.stringify({ jsonrpc: "2.0", id, method, params: {} });

Deno.test("an idle connection holds no closure of its own: its turns, replies and outbound queue call back through one object", async () => {
  const deps = testDeps();
  // One channel function for every connection: what is counted is the connection's own.
  let answered = 0;
  const outbound = () => void answered++;
  const held: Connection[] = [];
  const open = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const connection = Connection.open(deps, { kind: "websocket", outbound });
      connection.receive(call(1, "test.ping"));
      await connection.settled();
      held.push(connection);
    }
  };
  await open(100);
  const before = await closures();
  await open(200);
  const after = await closures();
  assert.equal(answered, 300);
  // Without the shared host object each connection held six (the turns' four callbacks and the
  // reply sender's one), and until session 45 one more: Outbound's cut-off.
  assert.ok((after - before) / 200 <= 0.05, `${(after - before) / 200} closures a connection`);
});

Deno.test("an idle connection holds no turns: none after one call, and those made for overlapping messages are let go", async () => {
  const deps = testDeps();
  const outbound = () => {};
  const held: Connection[] = [];
  const before = await heapCount(["MessageTurns"]);
  // 100 clients that wait for each reply (the alone path) and 100 that send three at once: the
  // second and third find the first in flight, so turns are made while they run.
  for (let i = 0; i < 200; i++) {
    const connection = Connection.open(deps, { kind: "websocket", outbound });
    const together = i < 100 ? 1 : 3;
    for (let id = 1; id <= together; id++) connection.receive(call(id, "test.later"));
    assert.equal(connection.inflight, together);
    await connection.settled();
    // The next message comes alone again, after the turns were let go.
    connection.receive(call(9, "test.later"));
    await connection.settled();
    held.push(connection);
  }
  const after = await heapCount(["MessageTurns"]);
  assert.equal(held.length, 200);
  assert.equal(after.get("MessageTurns")! - before.get("MessageTurns")!, 0, "MessageTurns held");
});
