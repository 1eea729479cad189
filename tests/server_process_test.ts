/**
 * The server as a user runs it: `main.ts` in its own process, ready line, restarts, bad settings.
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import { DatabaseSync } from "node:sqlite";
import assert from "node:assert/strict";
import { delay, REPO_ROOT, RpcClient, spawnServer } from "./_helpers.ts";

Deno.test("the ready line reports real ws:// and http:// URLs for ephemeral ports", async () => {
  const server = await spawnServer();
  try {
    assert.match(server.wsUrl, /^ws:\/\/127\.0\.0\.1:\d+\/mcp$/);
    assert.match(server.apiUrl, /^http:\/\/127\.0\.0\.1:\d+\/api$/);
    assert.ok(!server.wsUrl.endsWith(":0/mcp"));
    const health = await fetch(`${server.apiUrl}/health`);
    assert.equal((await health.json()).status, "healthy");
    Deno.statSync(`${server.dataDir}/persona.db`);
    // The README's promise: READY is the one line a start prints (at the default LOG_LEVEL).
    assert.match(server.stderr().split("\n")[0]!, / READY persona-mcp /, server.stderr());
  } finally {
    await server.stop();
  }
});

Deno.test("personas and saved state survive a restart", async () => {
  const first = await spawnServer();
  let personaId: string;
  try {
    const client = await RpcClient.connect(first.wsUrl);
    personaId = (await client.call("persona.create", { name: "Durable", goals: ["persist"] }))
      .persona_id as string;
    await client.call("persona.switch", { persona_id: personaId });
    await client.call("visual.update", { type: "scene", data: { place: "vault" } });
    await client.call("state.save", { key: "slot" });
    await client.close();
  } finally {
    await first.stop();
  }

  const second = await spawnServer({ DATA_DIR: first.dataDir });
  try {
    const client = await RpcClient.connect(second.wsUrl);
    const { personas } = await client.call<{ personas: Array<{ id: string; name: string }> }>(
      "persona.list",
    );
    assert.deepEqual(personas.map((p) => p.name).sort(), ["Aria", "Durable", "Kira"]);
    const loaded = await client.call("state.load", { key: "slot" });
    assert.equal(loaded.active_persona_id, personaId);
    const info = await client.call<Record<string, unknown>>("session.get_info");
    assert.equal(info.active_persona_name, "Durable");
    assert.deepEqual((info.visual_context as { data: unknown }).data, { place: "vault" });
    await client.close();
  } finally {
    await second.stop();
  }
});

Deno.test("deleted seed personas are not seeded again on restart", async () => {
  const first = await spawnServer();
  try {
    const client = await RpcClient.connect(first.wsUrl);
    for (const name of ["Aria", "Kira"]) {
      const persona = await client.call<{ persona_id: string }>("persona.switch", {
        persona_id: name,
      });
      await client.call("persona.delete", { persona_id: persona.persona_id });
    }
    await client.close();
  } finally {
    await first.stop();
  }
  const second = await spawnServer({ DATA_DIR: first.dataDir });
  try {
    const client = await RpcClient.connect(second.wsUrl);
    assert.equal((await client.call("persona.list")).total_count, 0);
    await client.close();
  } finally {
    await second.stop();
  }
});

async function runMain(env: Record<string, string>, args: string[] = []) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${REPO_ROOT}/main.ts`, ...args],
    env: { ENV_FILE: "/nonexistent", DATA_DIR: tempDirSync("persona-proc-"), ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: output.code, stderr: new TextDecoder().decode(output.stderr).trim() };
}

Deno.test("invalid settings stop the server with one clear line", async () => {
  const samePort = await runMain({ SERVER_PORT: "9555", API_PORT: "9555" });
  assert.equal(samePort.code, 2);
  assert.equal(samePort.stderr.split("\n").length, 1, samePort.stderr);
  assert.match(samePort.stderr, /API_PORT=9555: must differ from SERVER_PORT/);

  const badLevel = await runMain({}, ["--log-level", "chatty"]);
  assert.equal(badLevel.code, 2);
  assert.match(badLevel.stderr, /LOG_LEVEL="chatty": expected one of debug, info, warn, error/);

  const badPlugin = await runMain({ SERVER_PORT: "0", API_PORT: "0", PLUGINS: "visual,nope" });
  assert.equal(badPlugin.code, 2);
  assert.match(badPlugin.stderr, /PLUGINS: unknown plugin "nope" \(available: visual\)/);
});

Deno.test("PLUGINS naming a plugin twice starts the server with the plugin once", async () => {
  const server = await spawnServer({ PLUGINS: "visual, visual" });
  try {
    const client = await RpcClient.connect(server.wsUrl);
    try {
      const persona = await client.call("persona.create", { name: "Twice" });
      await client.call("persona.switch", { persona_id: persona.persona_id });
      const scene = await client.call("visual.update", { type: "scene", data: { place: "vault" } });
      assert.equal(scene.visual_updated, true);
    } finally {
      await client.close();
    }
  } finally {
    await server.stop();
  }
});

Deno.test("a port already in use fails with a clear line", async () => {
  const blocker = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const { port } = blocker.addr as Deno.NetAddr;
    const result = await runMain({ SERVER_PORT: String(port), API_PORT: "0" });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /cannot start: .*(in use|AddrInUse)/i);
    // One line that names the port, the interface and the setting to change (flag and variable).
    assert.equal(result.stderr.split("\n").length, 1, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use \\(SERVER_PORT\\)`),
    );
    assert.match(result.stderr, /--server-port or SERVER_PORT \(0 picks a free one\)/);

    const api = await runMain({ SERVER_PORT: "0", API_PORT: String(port) });
    assert.equal(api.code, 1);
    assert.equal(api.stderr.split("\n").length, 1, api.stderr);
    assert.match(
      api.stderr,
      new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use \\(API_PORT\\)`),
    );
    assert.match(api.stderr, /--api-port or API_PORT/);
  } finally {
    blocker.close();
  }
});

Deno.test("--help lists every setting by group with its default, and --version the version", async () => {
  const { SETTINGS, SETTING_GROUPS } = await import("../core/settings.ts");
  const denoJson = JSON.parse(Deno.readTextFileSync(`${REPO_ROOT}/deno.json`));
  for (const flag of ["--help", "-h"]) {
    // Answered before settings are read: even a bad setting in the environment does not stop it.
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", `${REPO_ROOT}/main.ts`, flag],
      env: { ENV_FILE: "/nonexistent", LOG_LEVEL: "chatty" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(output.code, 0);
    const help = new TextDecoder().decode(output.stdout);
    assert.match(help, new RegExp(`^persona-mcp ${denoJson.version.replaceAll(".", "\\.")}`));
    for (const option of ["--stdio", "--help", "--version"]) assert.ok(help.includes(option));
    let at = -1;
    for (const title of Object.values(SETTING_GROUPS)) {
      const next = help.indexOf(`\n${title}:\n`);
      assert.ok(next > at, `group "${title}" comes in order`);
      at = next;
    }
    for (const [name, { schema }] of Object.entries(SETTINGS)) {
      const fallback = schema.parse(undefined);
      // No default at all (the description says what unset means) reads as (none) too.
      const shown = Array.isArray(fallback)
        ? fallback.join(",")
        : fallback === undefined
        ? ""
        : String(fallback);
      const flagName = `--${name.toLowerCase().replaceAll("_", "-")}`;
      const line = help.split("\n").find((text) => text.startsWith(`  ${flagName} <${name}>`));
      assert.ok(line, `--help lists ${name}`);
      assert.ok(line.endsWith(`default: ${shown === "" ? "(none)" : shown}`), line);
    }
  }
  for (const flag of ["--version", "-V"]) {
    const version = await runMain({}, [flag]);
    assert.equal(version.code, 0);
  }
  const printed = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${REPO_ROOT}/main.ts`, "--version"],
    stdout: "piped",
  }).output();
  assert.equal(new TextDecoder().decode(printed.stdout), `persona-mcp ${denoJson.version}\n`);
});

Deno.test("two servers sharing one data dir see each other's personas", async () => {
  const dataDir = tempDirSync("persona-shared-");
  const first = await spawnServer({ DATA_DIR: dataDir });
  const second = await spawnServer({ DATA_DIR: dataDir });
  try {
    const a = await RpcClient.connect(first.wsUrl);
    const b = await RpcClient.connect(second.wsUrl);
    assert.equal((await b.call("persona.list")).total_count, 2, "b has read its cache");
    await a.call("persona.create", { name: "Shared" });
    let names: string[] = [];
    for (let attempt = 0; attempt < 100 && !names.includes("Shared"); attempt++) {
      await delay(50);
      const list = await b.call<{ personas: Array<{ name: string }> }>("persona.list");
      names = list.personas.map((persona) => persona.name);
    }
    assert.ok(names.includes("Shared"), "the other process's write shows up");
    await a.close();
    await b.close();
  } finally {
    await first.stop();
    await second.stop();
  }
});

Deno.test("a DATA_DIR that cannot be made stops the server with one line naming the setting", async () => {
  // A regular file where a folder should be: mkdir fails as it does in a read-only folder.
  const file = Deno.makeTempFileSync({ prefix: "persona-not-a-dir-" });
  try {
    for (const args of [[], ["--stdio"]]) {
      const result = await runMain({ DATA_DIR: `${file}/data` }, args);
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stderr.split("\n").length, 1, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(`^persona-mcp: cannot start: cannot create DATA_DIR "${file}/data" \\(`),
      );
      assert.match(result.stderr, /set DATA_DIR \(or --data-dir\) to an absolute folder/);
    }
  } finally {
    Deno.removeSync(file);
  }
});

Deno.test("a persona.db that is not a database stops the server with one line naming it and a remedy", async () => {
  const dataDir = tempDirSync("persona-damaged-");
  try {
    Deno.writeTextFileSync(`${dataDir}/persona.db`, "not a database at all\n".repeat(500));
    for (const args of [[], ["--stdio"]]) {
      const result = await runMain({ DATA_DIR: dataDir }, args);
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stderr.split("\n").length, 1, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(`^persona-mcp: cannot start: database ${dataDir}/persona.db: file is not a`),
      );
      assert.match(result.stderr, /restore a backup/);
    }
  } finally {
    Deno.removeSync(dataDir, { recursive: true });
  }
});

Deno.test("a database a newer persona-mcp migrated stops the server with one line", async () => {
  const dataDir = tempDirSync("persona-newer-");
  try {
    const first = await spawnServer({ DATA_DIR: dataDir });
    await first.stop();
    const file = new DatabaseSync(`${dataDir}/persona.db`);
    file.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)")
      .run("memories_future_99", "2099-01-01");
    file.close();
    // Started as the suite starts servers: without the check it would come up READY, not hang.
    const error = await spawnServer({ DATA_DIR: dataDir }).then(
      async (server) => {
        await server.stop();
        return new Error("the server started");
      },
      (error: Error) => error,
    );
    const lines = error.message.replace(/^server exited before it was ready:\n/, "").trim();
    assert.equal(lines.split("\n").length, 1, lines);
    assert.match(
      lines,
      new RegExp(`^persona-mcp: cannot start: ${dataDir}/persona\\.db was written by a newer`),
    );
  } finally {
    Deno.removeSync(dataDir, { recursive: true });
  }
});
