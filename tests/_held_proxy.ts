/**
 * A TCP proxy in front of a real server (Chroma) that can hold back one HTTP request: a chosen
 * `POST .../add` (the first, or the one after `after` others) is kept from the server until
 * {@linkcode HoldingProxy.release}, even after its client died, then sent on. This makes deterministic what
 * Chroma does by itself now and then (tests/bench/chroma_late_add.ts): apply an add of a process
 * killed mid-request after that process is gone, and after whatever ran meanwhile.
 *
 * @module
 */

/** A proxy on 127.0.0.1 that forwards every byte, but can hold one add request. */
export interface HoldingProxy {
  /** `http://127.0.0.1:PORT`: where clients connect. */
  url: string;
  /**
   * Lets the next `after` add requests through (0 if absent) and holds the one after them;
   * resolves once it is held (its client waits for an answer). Counted by requests, not by
   * time: the holding happens at the same point of a client's writes however slow the machine.
   */
  holdAdd(options?: { after?: number }): Promise<void>;
  /**
   * Once the held request's client is gone, sends the request to the server and resolves when
   * the server answered it (the add is applied by then).
   */
  release(): Promise<void>;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

interface Held {
  bytes: Uint8Array[];
  upstream: Deno.Conn;
  /** Resolves when the client side ended (the process died). */
  clientGone: Promise<void>;
  /** Resolves when the server sent its first bytes back (nothing comes before the release). */
  answered: Promise<void>;
}

/** Starts a proxy to `upstreamUrl` (an `http://host:port` URL). */
export function startHoldingProxy(upstreamUrl: string): HoldingProxy {
  const { hostname, port } = new URL(upstreamUrl);
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.Conn>();
  let arm: ((held: Held) => void) | undefined;
  /** Adds still to let through before the one held. */
  let passing = 0;
  let held: Promise<Held> | undefined;
  const serve = async (client: Deno.Conn) => {
    const upstream = await Deno.connect({ hostname, port: Number(port) });
    conns.add(client).add(upstream);
    let holding: Held | undefined;
    let gone!: () => void;
    let answer: (() => void) | undefined;
    const answered = new Promise<void>((resolve) => answer = resolve);
    // The server's answers go back to the client (none comes for a held request until released).
    void (async () => {
      for await (const chunk of upstream.readable) {
        if (holding) answer?.();
        await writeAll(client, chunk).catch(() => {});
      }
    })().catch(() => {});
    const decoder = new TextDecoder();
    try {
      for await (const chunk of client.readable) {
        const add = !holding && arm &&
          /^POST \S+\/add HTTP/.test(decoder.decode(chunk.slice(0, 300)));
        if (add && passing > 0) passing--;
        else if (add) {
          holding = {
            bytes: [],
            upstream,
            clientGone: new Promise<void>((resolve) => gone = resolve),
            answered,
          };
          arm!(holding);
          arm = undefined;
        }
        if (holding) holding.bytes.push(chunk.slice());
        else await writeAll(upstream, chunk);
      }
    } catch {
      // The client was killed: what it sent was read.
    } finally {
      if (holding) gone();
      else upstream.close();
    }
  };
  const accepting = (async () => {
    for await (const client of listener) void serve(client).catch(() => {});
  })().catch(() => {});
  return {
    url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    holdAdd(options = {}) {
      passing = options.after ?? 0;
      held = new Promise<Held>((resolve) => arm = resolve);
      return held.then(() => {});
    },
    async release() {
      const request = await held!;
      await request.clientGone;
      for (const bytes of request.bytes) await writeAll(request.upstream, bytes);
      await request.answered;
    },
    async close() {
      listener.close();
      for (const conn of conns) {
        try {
          conn.close();
        } catch {
          // Closed already.
        }
      }
      await accepting;
    },
  };
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length;) at += await conn.write(bytes.subarray(at));
}
