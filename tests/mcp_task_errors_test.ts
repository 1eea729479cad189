/**
 * An internal error inside an MCP task (a tool call run as a task, 2026-07-28 tasks extension)
 * is logged once with the task's id, and the client sees -32603 "Internal error" alone, as for a
 * request (attack8 F8: it was not logged at all).
 */
import assert from "node:assert/strict";
import { createLogger } from "../core/log.ts";
import { startServer } from "../core/server/server.ts";
import { SimulationRuns } from "../core/simulation/runs.ts";
import { RpcClient, testConfig } from "./_helpers.ts";
import { tasksMeta } from "./_mcp_modern.ts";

type Json = Record<string, unknown>;

Deno.test("an internal error in an MCP task is logged once with its id; the client sees -32603 only", async () => {
  const lines: string[] = [];
  const server = await startServer(testConfig(), {
    log: createLogger("error", { write: (line) => lines.push(line) }),
  });
  const play = SimulationRuns.prototype.play;
  SimulationRuns.prototype.play = () => Promise.reject(new Error("disk sector 7 is on fire"));
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    const created = await client.call("tools/call", {
      name: "simulation_run",
      arguments: { model: "scripted", ticks: 5 },
      _meta: tasksMeta(),
    });
    assert.equal(created.resultType, "task");
    const taskId = created.taskId as string;
    let task: Json = created;
    for (let i = 0; task.status !== "failed" && i < 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      task = await client.call("tasks/get", { taskId, _meta: tasksMeta() });
    }
    assert.equal(task.status, "failed");
    const error = task.error as { code: number; message: string };
    assert.deepEqual([error.code, error.message], [-32603, "Internal error"]);
    assert.doesNotMatch(JSON.stringify(task), /on fire/, "the message is not echoed");
    const logged = lines.filter((line) => line.includes("disk sector 7 is on fire"));
    assert.equal(logged.length, 1, lines.join("\n"));
    assert.match(logged[0]!, /ERROR Internal error in a task/);
    assert.ok(logged[0]!.includes(`task_id=${taskId}`), logged[0]);
  } finally {
    SimulationRuns.prototype.play = play;
    await client.close();
    await server.shutdown();
  }
});
