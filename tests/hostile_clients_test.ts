/**
 * Issue 11's attacks replayed against a real server process, its memory read from /proc:
 * reply amplification, a client that never reads, a flood of sessions, and oversized frames.
 * Figures are logged (TEST_LOG=1) for the security page.
 */
import assert from "node:assert/strict";
import { PERSONA_LIMITS } from "../core/personas/mod.ts";
import { cpuShare, RawWebSocket, rssMiB, RssWatch } from "./_attack.ts";
import { startPingProbe } from "./_ping_probe.ts";
import { delay, MCP_INITIALIZE, RpcClient, spawnServer } from "./_helpers.ts";

function figures(ping: { median: number; p99: number; max: number; count: number }): string {
  return `median ${ping.median.toFixed(1)} ms, p99 ${ping.p99.toFixed(1)} ms, max ` +
    `${ping.max.toFixed(1)} ms (${ping.count} pings)`;
}

const report = (line: string) => Deno.env.get("TEST_LOG") && console.log(`  ${line}`);

/**
 * A persona as large as the (a 19,000-character text: its card description) with the
 * fields only this server keeps at their limits: about 30 KB on the wire.
 */
function largePersona(index: number): Record<string, unknown> {
  const text = (length: number) => `${index} `.padEnd(length, "lorem ipsum dolor sit amet ");
  const topics: Record<string, number> = {};
  for (let i = 0; i < 64; i++) topics[`topic ${index} ${i}`.padEnd(64, "x")] = 50;
  return {
    name: `Giant ${index}`,
    description: text(19_000),
    backstory: text(PERSONA_LIMITS.backstory),
    goals: Array.from(
      { length: PERSONA_LIMITS.goals },
      (_, i) => `${i} ${text(PERSONA_LIMITS.goal)}`.slice(0, PERSONA_LIMITS.goal),
    ),
    speaking_style: text(PERSONA_LIMITS.speaking_style),
    topic_preferences: topics,
  };
}

function listBatch(size: number): string {
  return JSON.stringify(
    Array.from({ length: size }, (_, id) => ({ jsonrpc: "2.0", id, method: "persona.list" })),
  );
}

Deno.test("reply amplification: big batches are refused or cut to the budget; memory and pings hold", async () => {
  const server = await spawnServer({ LOG_LEVEL: "error" });
  // The same probe on an idle server, at the same time: the machine's own noise, side by side.
  const reference = await spawnServer({ LOG_LEVEL: "error" });
  let watch: RssWatch | undefined;
  const admin = await RpcClient.connect(server.wsUrl);
  const attacker = await RpcClient.connect(server.wsUrl);
  try {
    for (let i = 0; i < 20; i++) await admin.call("persona.create", largePersona(i));
    const listed = await admin.call<{ personas: Array<{ id: string }> }>("persona.list");
    const one = JSON.stringify(listed).length;
    report(`persona.list of 22 personas: ${(one / 1024).toFixed(0)} KiB`);
    // What every search needs (the word vectors, loaded in the background after start) is in
    // memory before the baseline: on a loaded machine that load can land inside the window.
    await admin.call("memory.search", { persona_id: listed.personas[0]!.id, query: "warm up" });
    await delay(300);
    const shareBefore = cpuShare();
    // Ordinary use first: one client reading the list, one call at a time, as any dashboard does.
    // V8 lets its young generation (semi-spaces and young large objects, ~32 MiB here) fill with
    // garbage before a scavenge, and keeps those pages resident after the first fill: 3 s of
    // such plain persona.list calls grew RSS by 38 MiB on a server that never served before, the
    // attack or not. Measured from there, the growth is what the attack adds to ordinary use
    // (~1 MiB of garbage per call: 80 calls fill the young generation twice over). Right before
    // the baseline: an idle server may give those pages back.
    for (let i = 0; i < 80; i++) await admin.call("persona.list");
    watch = new RssWatch(server.pid);
    const probe = await startPingProbe(server.wsUrl, 2);
    const quiet = await startPingProbe(reference.wsUrl, 2);

    // For three seconds: the frames, 300 calls (15 KiB) and 1,500 calls (75 KiB) in one
    // batch, then the largest batch allowed; each reply stays within MAX_REPLY_BYTES.
    let largest = 0;
    let rounds = 0;
    const until = performance.now() + 3_000;
    while (performance.now() < until) {
      for (const size of [300, 1_500]) {
        const reply = await attacker.sendRaw(listBatch(size)) as { error: { code: number } };
        assert.equal(reply.error.code, -32600, `a batch of ${size}`);
      }
      const replies = await attacker.sendRaw(listBatch(50)) as Array<Record<string, unknown>>;
      assert.equal(replies.length, 50);
      const size = JSON.stringify(replies).length;
      largest = Math.max(largest, size);
      assert.ok(size <= 1024 * 1024 + 50 * 300, `reply of ${size} bytes`);
      const refused = replies.filter((reply) => "error" in reply);
      assert.ok(refused.length > 0 && refused.length < 50);
      for (const reply of refused) assert.equal((reply.error as { code: number }).code, -32005);
      // Once the budget is spent, the rest of the batch does not even run (data.ran false).
      const unrun = refused.filter((reply) =>
        (reply.error as { data: { ran: boolean } }).data.ran === false
      );
      assert.ok(unrun.length >= 40, `${unrun.length} of 50 did not run`);
      rounds++;
    }
    const [ping, idle] = await Promise.all([probe.stop(), quiet.stop()]);
    const growth = await watch.stop();
    const share = Math.min(shareBefore, cpuShare());
    report(
      `amplification: RSS +${growth.toFixed(1)} MiB over ${watch.baseline.toFixed(0)} MiB; ` +
        `${rounds} rounds, largest reply ${(largest / 1048576).toFixed(2)} MiB; ping ${
          figures(ping)
        }`,
    );
    report(`an idle server meanwhile: ${figures(idle)}; CPU share ${share.toFixed(2)}`);
    assert.ok(growth < 50, `server RSS grew ${growth.toFixed(1)} MiB`);
    // 50 ms on a machine of our own. On a shared one, each step takes 1/share as long, and the
    // idle server's p99 is the machine's own noise. (Before the reply budget: 1.6-2 s.)
    const bound = Math.max(50 / Math.max(share, 0.1), 50 + idle.p99);
    assert.ok(ping.p99 < bound, `ping p99 ${ping.p99.toFixed(1)} ms (bound ${bound.toFixed(1)})`);
    assert.deepEqual(await attacker.call("ping"), {}, "the attacker is still served");
  } finally {
    await watch?.stop();
    await admin.close();
    await attacker.close();
    await server.stop();
    await reference.stop();
  }
});

/** A client that sends `persona.list` 1,000 times without reading, then reads to the close. */
async function nonReadingClient(url: string, pauseMs: number, whileUnread?: () => Promise<void>) {
  const raw = await RawWebSocket.open(url);
  for (let id = 0; id < 1_000; id++) {
    await raw.sendText(JSON.stringify({ jsonrpc: "2.0", id, method: "persona.list" }));
  }
  await delay(pauseMs);
  await whileUnread?.();
  // Now read what the server queued: the replies it sent, then its close frame.
  const closed = await raw.readUntilClose();
  raw.close();
  // Cut off either way: with 1008 once the client pauses its writes, or dropped without a close
  // frame when it still writes OVERFLOW_CLOSE_MS after the cut (Deno's way with a client that
  // keeps sending after the server's close; on a loaded machine its 1,000 sends can take that long).
  if (closed.code !== null) {
    assert.ok(closed.code === 1008 || closed.code === 1013, `close code ${closed.code}`);
    assert.match(closed.reason, /does not read/);
  }
  return closed;
}

/**
 * Nothing of a client is kept once it is gone; RSS cannot show that by falling back to where it
 * was. An idle server allocates nothing, so V8 collects the dead replies only at its next
 * allocation, and what it frees stays mapped for reuse (V8's pages, glibc's arenas). Measured in
 * the server with a full GC after each such client: the JS heap is back at 40.2, 40.2, 40.3 MiB
 * while RSS stays 22-27 MiB up. What a leak does instead is grow with every client; so after the
 * first one, sixteen more come and go, and together they must add less than 40 MiB: keeping even
 * just the 4 MiB each leaves queued (MAX_QUEUED_BYTES) would add 64, while memory mapped for
 * reuse stays within a bound however many come (−18..+29 MiB seen after eight, the last beside the
 * parallel suite on a loaded machine).
 */
const MORE_CLIENTS = 16;
const ADDED_BOUND_MIB = 40;

Deno.test("a client that never reads is closed with 1008 and nothing of it is kept", async () => {
  const server = await spawnServer({ LOG_LEVEL: "error" });
  let watch: RssWatch | undefined;
  const admin = await RpcClient.connect(server.wsUrl);
  // Ordinary work after the clients left: the allocation that lets V8 collect what they left.
  const traffic = async () => {
    for (let i = 0; i < 40; i++) await admin.call("persona.list");
  };
  try {
    for (let i = 0; i < 20; i++) await admin.call("persona.create", largePersona(i));
    await delay(300);
    watch = new RssWatch(server.pid);
    let growth = 0;
    const closed = await nonReadingClient(server.wsUrl, 2_000, async () => {
      growth = await watch!.stop();
      assert.deepEqual(await admin.call("ping"), {}, "others are served meanwhile");
    });
    report(
      `non-reading client: RSS +${growth.toFixed(1)} MiB over ${watch.baseline.toFixed(0)} MiB, ` +
        `${closed.frames.length} replies queued before close ${closed.code} "${closed.reason}"`,
    );
    assert.ok(growth < 50, `server RSS grew ${growth.toFixed(1)} MiB`);
    await traffic();
    const settled = rssMiB(server.pid);
    for (let i = 0; i < MORE_CLIENTS; i++) await nonReadingClient(server.wsUrl, 1_000);
    await traffic();
    let added = rssMiB(server.pid) - settled;
    // Under a loaded machine V8 may not have given the young generation back yet: a leak stays
    // after more traffic, garbage does not.
    if (added >= ADDED_BOUND_MIB) {
      await traffic();
      await delay(500);
      added = Math.min(added, rssMiB(server.pid) - settled);
    }
    report(
      `after the first client: RSS +${(settled - watch.baseline).toFixed(1)} MiB; ` +
        `${MORE_CLIENTS} more clients added ${added.toFixed(1)} MiB`,
    );
    assert.ok(
      added < ADDED_BOUND_MIB,
      `${MORE_CLIENTS} more clients added ${added.toFixed(1)} MiB`,
    );
  } finally {
    await watch?.stop();
    await admin.close();
    await server.stop();
  }
});

/** `count` requests from 16 clients at once, `request(n)` making the n-th; counts statuses. */
async function flood(
  count: number,
  request: (n: number) => Promise<Response>,
  statuses = new Map<number, number>(),
): Promise<Map<number, number>> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const response = await request(next++);
      await response.body?.cancel();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return statuses;
}

function mcpPost(url: string, body: string): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body,
  });
}

Deno.test("10,000 session-creating requests leave the session count at MAX_SESSIONS, the rest refused", async () => {
  // The cap alone: one address's allowance a minute would refuse all but 60 of them first
  // (tests/session_openings_test.ts), and loopback clients all share one address.
  const server = await spawnServer({
    LOG_LEVEL: "error",
    MAX_SESSIONS: "1000",
    MAX_SESSIONS_PER_CLIENT_PER_MIN: "0",
  });
  try {
    const mcpUrl = server.wsUrl.replace("ws:", "http:");
    await delay(300);
    const start = rssMiB(server.pid);
    const statuses = await flood(
      10_000,
      (n) =>
        n % 2 === 0
          ? mcpPost(mcpUrl, MCP_INITIALIZE)
          : fetch(`${server.apiUrl}/sessions`, { method: "POST" }),
    );
    const growth = rssMiB(server.pid) - start;
    const client = await RpcClient.connect(server.wsUrl);
    const status = await client.call<{ sessions_by_transport: Record<string, number> }>(
      "system.status",
    );
    await client.close();
    const { http = 0, rest = 0 } = status.sessions_by_transport;
    report(
      `session flood: ${JSON.stringify(Object.fromEntries(statuses))}; ${http} MCP + ${rest} ` +
        `REST sessions kept; RSS +${growth.toFixed(1)} MiB`,
    );
    assert.equal(http + rest, 1_000);
    // Past the cap every session was used within EVICTION_GRACE_MS: newcomers are refused.
    assert.deepEqual([...statuses.keys()].sort(), [200, 201, 503], "served, or refused at the cap");
    assert.equal((statuses.get(200) ?? 0) + (statuses.get(201) ?? 0), 1_000);
    // The heap grows with any traffic of this size (about +35 MiB for the same number of requests
    // that open no session); what sessions keep is pinned, after a forced GC, by
    // tests/session_memory_test.ts. This bound only catches a gross per-request leak (10 KiB
    // kept per request would add ~100 MiB more): the young generation's growth alone measured
    // +84 to +96 MiB here at load 7-8 (session 20), so a bound of 100 failed now and then.
    assert.ok(growth < 130, `server RSS grew ${growth.toFixed(1)} MiB`);
  } finally {
    await server.stop();
  }
});

Deno.test("frame size: Deno buffers a frame up to 64 MiB before the server can refuse it", async () => {
  const server = await spawnServer({ LOG_LEVEL: "error" });
  let watch: RssWatch | undefined;
  try {
    // Announced over 64 MiB: the runtime refuses it at the header, before any payload.
    const huge = await RawWebSocket.open(server.wsUrl);
    await huge.announce(65 * 1024 * 1024);
    const started = performance.now();
    const refused = await huge.readUntilClose(5_000);
    huge.close();
    report(`65 MiB announced: closed after ${(performance.now() - started).toFixed(0)} ms`);
    assert.ok(performance.now() - started < 3_000);

    // Announced at 4 MiB (over MAX_FRAME_BYTES, 1 MiB): the connection stays open while the
    // payload trickles in, so the runtime holds it; once complete, it is closed with 1009.
    watch = new RssWatch(server.pid, 10);
    const slow = await RawWebSocket.open(server.wsUrl);
    const size = 4 * 1024 * 1024;
    await slow.announce(size);
    let sent = 0;
    while (sent < size) {
      assert.ok(await slow.trickle(256 * 1024, sent), `still open after ${sent} bytes`);
      sent += 256 * 1024;
      await delay(20);
    }
    const closed = await slow.readUntilClose(5_000);
    slow.close();
    const growth = await watch.stop();
    report(
      `4 MiB trickled in ${sent / 262144} pieces: RSS +${
        growth.toFixed(1)
      } MiB, then ${closed.code}`,
    );
    assert.equal(closed.code, 1009);
    assert.match(closed.reason, /larger than 1048576 bytes/);
    assert.equal(refused.code === null || refused.code === 1009 || refused.code === 1002, true);
    const client = await RpcClient.connect(server.wsUrl);
    assert.deepEqual(await client.call("ping"), {});
    await client.close();
  } finally {
    await watch?.stop();
    await server.stop();
  }
});
