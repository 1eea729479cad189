/**
 * The WAL checkpointer's worker says when it starts (info), when it cannot start or stops
 * (warn, with the reason: commits then checkpoint inline) and when requests to it fail (warn,
 * at most one line a minute, counting the rest).
 */
import assert from "node:assert/strict";
import { createLogger } from "../log.ts";
import { FAILURE_LOG_INTERVAL_MS } from "./checkpointer_start.ts";
import { SqliteDatabase } from "./sqlite.ts";
import { type CheckpointerOptions, WalCheckpointer } from "./wal_checkpointer.ts";

function capture() {
  const lines: string[] = [];
  return { lines, log: createLogger("debug", { write: (line) => lines.push(line) }) };
}

/** The one line of `lines` that includes `text` (fails when there are none or more). */
function onlyLine(lines: string[], text: string, message = lines.join("\n")): string {
  const found = lines.filter((line) => line.includes(text));
  assert.equal(found.length, 1, message);
  return found[0]!;
}

async function withFile(test: (path: string) => Promise<void>): Promise<void> {
  const folder = await Deno.makeTempDir();
  try {
    await test(`${folder}/persona.db`);
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
}

Deno.test("the checkpointer's start is logged", async () => {
  await withFile(async (path) => {
    const { lines, log } = capture();
    const db = new SqliteDatabase(path, { checkpointInWorker: true, log });
    try {
      assert.ok(db.startCheckpointer());
      const started = onlyLine(lines, "WAL checkpointer started");
      assert.match(started, /INFO/i);
      assert.ok(started.includes(path));
    } finally {
      await db.close();
    }
  });
});

Deno.test("a checkpointer that cannot start is logged once, with the reason", async () => {
  await withFile(async (path) => {
    const { lines, log } = capture();
    const db = new SqliteDatabase(path, {
      checkpointInWorker: true,
      log,
      startCheckpointer: () => {
        throw new Error("no workers here");
      },
    });
    try {
      assert.equal(db.startCheckpointer(), null);
      assert.equal(db.startCheckpointer(), null);
      const warned = onlyLine(lines, "could not start");
      assert.match(warned, /WARN/i);
      assert.match(warned, /no workers here/);
    } finally {
      await db.close();
    }
  });
});

Deno.test("a checkpointer that stops, and requests that fail, are logged (rate-limited)", async () => {
  await withFile(async (path) => {
    const { lines, log } = capture();
    let given: CheckpointerOptions = {};
    const db = new SqliteDatabase(path, {
      checkpointInWorker: true,
      log,
      startCheckpointer: (file, options) => {
        given = options ?? {};
        return WalCheckpointer.start(file, options);
      },
    });
    try {
      assert.ok(db.startCheckpointer());
      for (let i = 0; i < 50; i++) given.onRequestFailure?.(new Error(`busy ${i}`));
      const requests = onlyLine(lines, "a request failed", "one line for a burst");
      assert.match(requests, /busy 0/);
      given.onFailure?.(new Error("worker died"));
      const stopped = onlyLine(lines, "checkpointer stopped");
      assert.match(stopped, /WARN/i);
      assert.match(stopped, /worker died/);
      const setting = db.connection.get<{ wal_autocheckpoint: number }>(
        "PRAGMA wal_autocheckpoint",
      );
      assert.equal(setting?.wal_autocheckpoint, 1000, "commits checkpoint inline again");
    } finally {
      await db.close();
    }
  });
});

Deno.test("a read aside that fails on the worker is logged", async () => {
  await withFile(async (path) => {
    const { lines, log } = capture();
    const db = new SqliteDatabase(path, { checkpointInWorker: true, log });
    try {
      const checkpointer = db.startCheckpointer()!;
      await assert.rejects(checkpointer.read([{ sql: "SELECT * FROM nowhere", params: [] }]));
      const failed = onlyLine(lines, "a request failed");
      assert.match(failed, /nowhere/);
    } finally {
      await db.close();
    }
  });
});

Deno.test("failed requests: one line a minute, saying how many were not logged", async () => {
  await withFile(async (path) => {
    const { lines, log } = capture();
    let given: CheckpointerOptions = {};
    let now = 0;
    const { CheckpointerStart } = await import("./checkpointer_start.ts");
    const db = new SqliteDatabase(path);
    const start = new CheckpointerStart(db.connection, path, {
      log,
      now: () => now,
      start: (file, options) => {
        given = options ?? {};
        return WalCheckpointer.start(file, options);
      },
    });
    try {
      const checkpointer = start.now();
      for (let i = 0; i < 5; i++) given.onRequestFailure?.(new Error(`busy ${i}`));
      now += FAILURE_LOG_INTERVAL_MS;
      given.onRequestFailure?.(new Error("busy again"));
      const requests = lines.filter((line) => line.includes("a request failed"));
      assert.equal(requests.length, 2);
      assert.match(requests[1]!, /busy again/);
      assert.match(requests[1]!, /not_logged_since_last=4/);
      // The next window counts its own failures only.
      for (let i = 0; i < 2; i++) given.onRequestFailure?.(new Error(`busy later ${i}`));
      now += FAILURE_LOG_INTERVAL_MS;
      given.onRequestFailure?.(new Error("busy at last"));
      const later = lines.filter((line) => line.includes("a request failed"));
      assert.equal(later.length, 3);
      assert.match(later[2]!, /busy at last/);
      assert.match(later[2]!, /not_logged_since_last=2\b/);
      await checkpointer?.close();
    } finally {
      start.stop();
      await db.close();
    }
  });
});
