/**
 * Writes failing for a full disk (attack24 F1): answered -32009 "Storage unavailable" with
 * `data.reason: "disk_full"` and a hint (REST 503 with Retry-After), not -32603; `/api/health`
 * says `degraded` until a write succeeds again (to a load balancer's check without the token
 * AUTH_TOKEN asks for as well, still 200). The disk is a real 3 MiB tmpfs where this
 * process may mount one (root), else SQLite's own limit on the file's pages (`PRAGMA
 * max_page_count` on the server's connection), which fails a write with the same SQLITE_FULL.
 *
 * @module
 */
import assert from "node:assert/strict";
import { startTestServer } from "./_helpers.ts";
import type { SqliteDatabase } from "../core/storage/mod.ts";

/** Mounts a `size` tmpfs at a fresh folder; null where this process may not. */
function tmpfs(size: string): { dir: string; grow(): void; unmount(): void } | null {
  const dir = Deno.makeTempDirSync({ prefix: "persona-full-" });
  const mount = (...args: string[]) =>
    new Deno.Command("mount", { args, stdout: "null", stderr: "null" }).outputSync().success;
  let mounted = false;
  try {
    mounted = mount("-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir);
  } catch { /* no mount command */ }
  if (!mounted) {
    Deno.removeSync(dir);
    return null;
  }
  return {
    dir,
    grow: () => assert.ok(mount("-o", "remount,size=64m", dir)),
    unmount() {
      new Deno.Command("umount", { args: [dir] }).outputSync();
      Deno.removeSync(dir, { recursive: true });
    },
  };
}

/** The server's AUTH_TOKEN: the health route's details need it, a balancer's check does not. */
const TOKEN = "faults-test-token-0123456789abcdef";
const AUTHORIZED = { authorization: `Bearer ${TOKEN}` };

/** POSTs a memory of Aria's over REST. */
async function store(apiUrl: string, content: string) {
  const response = await fetch(`${apiUrl}/personas/Aria/memories`, {
    method: "POST",
    headers: { "content-type": "application/json", ...AUTHORIZED },
    body: JSON.stringify({ content }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: await response.json(),
  };
}

/** GETs `/api/health`, with the token unless `anonymous`. */
async function health(apiUrl: string, anonymous = false) {
  const response = await fetch(`${apiUrl}/health`, { headers: anonymous ? {} : AUTHORIZED });
  return { status: response.status, body: await response.json() };
}

Deno.test({
  name:
    "disk full: writes answer -32009 disk_full with a hint, health is degraded until one succeeds",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  const disk = tmpfs("3m");
  const dir = disk ? `${disk.dir}/data` : Deno.makeTempDirSync({ prefix: "persona-full-" });
  const server = await startTestServer({
    DATA_DIR: dir,
    MEMORY_DECAY_ENABLED: "false",
    AUTH_TOKEN: TOKEN,
  });
  const raw = (server.services.db as SqliteDatabase).connection.raw;
  try {
    assert.equal((await health(server.apiUrl)).body.status, "healthy");
    if (!disk) {
      const { page_count } = raw.prepare("PRAGMA page_count").get() as { page_count: number };
      raw.exec(`PRAGMA max_page_count = ${page_count}`);
    }
    let full: Awaited<ReturnType<typeof store>> | undefined;
    const filler = "filler ".repeat(1_200);
    for (let i = 0; i < 2_000 && !full; i++) {
      const answer = await store(server.apiUrl, `memory ${i} ${filler}`);
      if (answer.status >= 300) full = answer;
    }
    assert.ok(full, "the disk never filled");
    assert.equal(full.status, 503, JSON.stringify(full.body));
    assert.equal(full.retryAfter, "5");
    assert.equal(full.body.error.code, -32009);
    assert.equal(full.body.error.data.reason, "disk_full");
    assert.match(full.body.error.message, /disk holding the database is full/);
    assert.match(full.body.error.data.hint, /free space/);

    const degraded = await health(server.apiUrl);
    assert.equal(degraded.status, 200, "the database answers: the node stays in rotation");
    assert.equal(degraded.body.status, "degraded");
    assert.deepEqual(degraded.body.storage, { status: "degraded", reason: "disk_full" });
    assert.deepEqual(await health(server.apiUrl, true), {
      status: 200,
      body: { status: "degraded" },
    });

    if (disk) disk.grow();
    else raw.exec("PRAGMA max_page_count = 1073741823");
    const after = await store(server.apiUrl, "space came back");
    assert.ok(after.status < 300, JSON.stringify(after.body));
    const healed = await health(server.apiUrl);
    assert.equal(healed.body.status, "healthy");
    assert.deepEqual(healed.body.storage, { status: "up" });
  } finally {
    await server.shutdown();
    if (disk) disk.unmount();
    else Deno.removeSync(dir, { recursive: true });
  }
});
