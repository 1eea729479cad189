/**
 * What an oversized WebSocket frame can cost (`deno task bench:attack`). Deno's WebSocket
 * buffers a whole frame (up to its own 64 MiB ceiling) before the server sees any of it, so the
 * server cannot refuse a frame over MAX_FRAME_BYTES earlier than its last byte. Measured against
 * the server in its own process (VmRSS sampled every 20 ms):
 *
 * 1. a frame announcing more than 64 MiB: refused by the runtime at its header;
 * 2. `--sockets` frames of `--mib` MiB sent at full speed: each buffered, then closed with 1009;
 * 3. the same frames trickled (`--trickle-kib` per 100 ms): held until the ping timeout
 *    (IDLE_TIMEOUT_S) closes them, since a client in the middle of a frame cannot answer a ping.
 *
 *   deno task bench:attack [--sockets 4] [--mib 32] [--trickle-kib 64]
 */
import { RawWebSocket, rssMiB, RssWatch } from "../_attack.ts";
import { spawnServer } from "../_helpers.ts";
import { numberFlag } from "./_load.ts";

const sockets = numberFlag(Deno.args, "sockets", 4);
const mib = numberFlag(Deno.args, "mib", 32);
const trickleKiB = numberFlag(Deno.args, "trickle-kib", 64);
const size = mib * 1024 * 1024;

const server = await spawnServer({ LOG_LEVEL: "error" });
const rows: string[] = [];

async function phase(label: string, run: () => Promise<string>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const watch = new RssWatch(server.pid, 20);
  const before = watch.baseline;
  const started = performance.now();
  const outcome = await run();
  const seconds = (performance.now() - started) / 1000;
  const peak = before + await watch.stop();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  rows.push(
    `| ${label} | ${before.toFixed(0)} | +${(peak - before).toFixed(0)} | ` +
      `${(rssMiB(server.pid) - before).toFixed(0)} | ${seconds.toFixed(1)} | ${outcome} |`,
  );
  console.log(rows.at(-1));
}

try {
  console.log(`${sockets} sockets, ${mib} MiB frames, ${Deno.build.target}`);
  await phase("1 frame announcing 65 MiB", async () => {
    const raw = await RawWebSocket.open(server.wsUrl);
    await raw.announce(65 * 1024 * 1024);
    const closed = await raw.readUntilClose(10_000);
    raw.close();
    return `closed at the header (${closed.code ?? "connection dropped"})`;
  });
  await phase(`${sockets} × ${mib} MiB at full speed`, async () => {
    const codes = await Promise.all(Array.from({ length: sockets }, async () => {
      const raw = await RawWebSocket.open(server.wsUrl);
      await raw.announce(size);
      for (let sent = 0; sent < size; sent += 1 << 20) {
        if (!await raw.trickle(Math.min(1 << 20, size - sent), sent)) break;
      }
      const closed = await raw.readUntilClose(60_000);
      raw.close();
      return closed.code;
    }));
    return `closed with ${[...new Set(codes)].join(", ")} once complete`;
  });
  await phase(`${sockets} × ${mib} MiB trickled, ${trickleKiB} KiB / 100 ms`, async () => {
    const results = await Promise.all(Array.from({ length: sockets }, async () => {
      const raw = await RawWebSocket.open(server.wsUrl);
      await raw.announce(size);
      let sent = 0;
      const started = performance.now();
      while (sent < size && await raw.trickle(trickleKiB * 1024, sent)) {
        sent += trickleKiB * 1024;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const seconds = (performance.now() - started) / 1000;
      raw.close();
      return { sent, seconds };
    }));
    const most = Math.max(...results.map((result) => result.sent)) / 1048576;
    const longest = Math.max(...results.map((result) => result.seconds));
    const cut = most < mib;
    return cut
      ? `dropped by the server after ${longest.toFixed(0)} s, at ${most.toFixed(1)} MiB per socket`
      : `all ${mib} MiB sent in ${longest.toFixed(0)} s (not cut)`;
  });
  console.log(`
| Attack | RSS before (MiB) | Peak growth (MiB) | Growth after (MiB) | Seconds | Outcome |
| ------ | ---------------: | ----------------: | -----------------: | ------: | ------- |
${rows.join("\n")}`);
} finally {
  await server.stop();
}
