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

/** Closures in this process's JS heap (a snapshot, which V8 takes after a full GC). */
async function closures(): Promise<number> {
  const dir = await Deno.makeTempDir({ prefix: "persona-connection-heap-" });
  try {
    const snapshot = JSON.parse(await Deno.readTextFile(writeHeapSnapshot(`${dir}/heap`)));
    const fields = snapshot.snapshot.meta.node_fields as string[];
    const closure = (snapshot.snapshot.meta.node_types[0] as string[]).indexOf("closure");
    const type = fields.indexOf("type");
    const nodes = snapshot.nodes as number[];
    let count = 0;
    for (let at = type; at < nodes.length; at += fields.length) if (nodes[at] === closure) count++;
    return count;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("an idle connection holds no closure of its own: its turns and replies call back through one object", async () => {
  const clock = new ManualClock();
  const deps: ConnectionDeps = {
    dispatcher: new Dispatcher<LoopContext>({
      registry: new HandlerRegistry<LoopContext>([ping]),
      context: (scope) => scope,
      log: testLogger(),
    }),
    sessions: new SessionRegistry(() => clock.now()),
    clock,
    log: testLogger(),
    options: connectionOptions(testConfig({})),
  };
  // One channel function for every connection: what is counted is the connection's own.
  let answered = 0;
  const outbound = () => void answered++;
  const held: Connection[] = [];
  const open = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const connection = Connection.open(deps, { kind: "websocket", outbound });
      connection.receive('{"jsonrpc":"2.0","id":1,"method":"test.ping","params":{}}');
      await connection.settled();
      held.push(connection);
    }
  };
  await open(100);
  const before = await closures();
  await open(200);
  const after = await closures();
  assert.equal(answered, 300);
  // The one left is Outbound's cut-off for a client that does not read; without the shared host
  // object each connection held six (the turns' four callbacks and the reply sender's one).
  assert.ok((after - before) / 200 <= 1.05, `${(after - before) / 200} closures a connection`);
});
