/**
 * Test support for the hostile-client tests: a server process's memory, and a raw WebSocket
 * client that writes frames by hand and reads only when told to.
 *
 * @module
 */
import process from "node:process";

/**
 * Resident memory of process `pid` in MiB (VmRSS of /proc/<pid>/status). Read by `cat`: Deno
 * lets only a fully privileged process read another process's /proc entries itself.
 */
export function rssMiB(pid: number): number {
  const output = new Deno.Command("cat", { args: [`/proc/${pid}/status`], stderr: "null" })
    .outputSync();
  const kib = /VmRSS:\s+(\d+) kB/.exec(new TextDecoder().decode(output.stdout));
  if (!kib) throw new Error(`process ${pid} is gone`);
  return Number(kib[1]) / 1024;
}

/** Samples a process's resident memory (one `sh` loop, every `everyMs`) and keeps the highest. */
export class RssWatch {
  readonly baseline: number;
  #peak: number;
  readonly #sampler: Deno.ChildProcess;
  readonly #reading: Promise<void>;

  constructor(pid: number, everyMs = 20) {
    this.baseline = rssMiB(pid);
    this.#peak = this.baseline;
    const file = `/proc/${pid}/status`;
    const sampler = new Deno.Command("sh", {
      args: ["-c", `while grep VmRSS ${file}; do sleep ${everyMs / 1000}; done 2>/dev/null`],
      stdout: "piped",
      stderr: "null",
    }).spawn();
    this.#sampler = sampler;
    this.#reading = this.#read(sampler.stdout);
  }

  async #read(stdout: Deno.ChildProcess["stdout"]): Promise<void> {
    for await (const chunk of stdout.pipeThrough(new TextDecoderStream())) {
      for (const match of chunk.matchAll(/VmRSS:\s+(\d+) kB/g)) {
        this.#peak = Math.max(this.#peak, Number(match[1]) / 1024);
      }
    }
  }

  /** Stops sampling; the growth over the baseline at its highest, in MiB. */
  async stop(): Promise<number> {
    try {
      this.#sampler.kill("SIGTERM");
    } catch {
      // Already ended (the process it watched is gone).
    }
    await this.#reading;
    await this.#sampler.status;
    return this.#peak - this.baseline;
  }
}

/**
 * The share of a CPU this process gets right now (0-1): CPU time over wall time of a busy loop.
 * On a machine shared with other work, every CPU-bound step takes 1/share times longer.
 */
export function cpuShare(ms = 200): number {
  const before = process.cpuUsage();
  const started = performance.now();
  while (performance.now() - started < ms) { /* spin */ }
  const used = process.cpuUsage(before);
  return Math.min(1, (used.user + used.system) / 1000 / (performance.now() - started));
}

const encoder = new TextEncoder();

/**
 * A client-side frame header (masked, as RFC 6455 requires of clients); `fin` false leaves the
 * message open for continuation frames.
 */
export function frameHeader(
  opcode: number,
  length: number,
  mask: Uint8Array,
  fin = true,
): Uint8Array {
  const extra = length < 126 ? 0 : length < 65_536 ? 2 : 8;
  const header = new Uint8Array(2 + extra + 4);
  header[0] = (fin ? 0x80 : 0) | opcode;
  const view = new DataView(header.buffer);
  if (extra === 0) header[1] = 0x80 | length;
  else if (extra === 2) {
    header[1] = 0x80 | 126;
    view.setUint16(2, length);
  } else {
    header[1] = 0x80 | 127;
    view.setBigUint64(2, BigInt(length));
  }
  header.set(mask, 2 + extra);
  return header;
}

/** A WebSocket spoken by hand over TCP: frames are written as given and read only on demand. */
export class RawWebSocket {
  readonly #conn: Deno.Conn;
  readonly #mask = new Uint8Array([0x12, 0x34, 0x56, 0x78]);
  #buffer: Uint8Array = new Uint8Array(0);

  private constructor(conn: Deno.Conn, rest: Uint8Array) {
    this.#conn = conn;
    this.#buffer = rest;
  }

  /** Opens a socket to `url` (ws://host:port/path?query); throws unless the server answers 101. */
  static async open(url: string): Promise<RawWebSocket> {
    const target = new URL(url);
    const conn = await Deno.connect({ hostname: target.hostname, port: Number(target.port) });
    await conn.write(encoder.encode(
      `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\n` +
        "Upgrade: websocket\r\nConnection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
    ));
    let head: Uint8Array = new Uint8Array(0);
    while (true) {
      const chunk = new Uint8Array(4096);
      const read = await conn.read(chunk);
      if (read === null) throw new Error("closed during the handshake");
      head = concat(head, chunk.subarray(0, read));
      const text = new TextDecoder().decode(head);
      const end = text.indexOf("\r\n\r\n");
      if (end < 0) continue;
      if (!text.startsWith("HTTP/1.1 101")) throw new Error(text.split("\r\n")[0]);
      return new RawWebSocket(conn, head.subarray(encoder.encode(text.slice(0, end + 4)).length));
    }
  }

  /** Sends one text frame. */
  async sendText(text: string): Promise<void> {
    const payload = encoder.encode(text);
    await this.#conn.write(
      concat(frameHeader(0x1, payload.length, this.#mask), this.#masked(payload, 0)),
    );
  }

  /** Sends only the header of a text frame announcing `length` payload bytes. */
  async announce(length: number): Promise<void> {
    await this.#conn.write(frameHeader(0x1, length, this.#mask));
  }

  /** Sends `length` more payload bytes of an announced frame; false once the server hung up. */
  async trickle(length: number, offset: number): Promise<boolean> {
    try {
      await this.#conn.write(this.#masked(new Uint8Array(length).fill(0x61), offset));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Reads frames until the server's close frame (or the end of the stream); resolves to the
   * close code and reason (null when the connection ended without one) and the data frames.
   */
  async readUntilClose(
    timeoutMs = 10_000,
  ): Promise<{ code: number | null; reason: string; frames: string[] }> {
    const frames: string[] = [];
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      const frame = this.#takeFrame();
      if (frame) {
        if (frame.opcode === 0x8) {
          const view = new DataView(frame.payload.buffer, frame.payload.byteOffset);
          const code = frame.payload.length >= 2 ? view.getUint16(0) : null;
          return { code, reason: new TextDecoder().decode(frame.payload.subarray(2)), frames };
        }
        if (frame.opcode === 0x1) frames.push(new TextDecoder().decode(frame.payload));
        continue;
      }
      const chunk = new Uint8Array(1 << 16);
      const read = await this.#conn.read(chunk).catch(() => null);
      if (read === null) return { code: null, reason: "", frames };
      this.#buffer = concat(this.#buffer, chunk.subarray(0, read));
    }
    throw new Error("no close frame in time");
  }

  /** Closes the TCP connection. */
  close(): void {
    try {
      this.#conn.close();
    } catch {
      // Already closed.
    }
  }

  #masked(payload: Uint8Array, offset: number): Uint8Array {
    const out = new Uint8Array(payload.length);
    const mask = this.#mask;
    // Four bytes at a time when aligned on the mask (megabytes of payload are masked here).
    if ((offset & 3) === 0 && payload.byteOffset % 4 === 0) {
      const words = payload.length >> 2;
      const source = new Uint32Array(payload.buffer, payload.byteOffset, words);
      const target = new Uint32Array(out.buffer, 0, words);
      const key = new DataView(mask.buffer, mask.byteOffset).getUint32(0, true);
      for (let i = 0; i < words; i++) target[i] = source[i]! ^ key;
      for (let i = words * 4; i < payload.length; i++) out[i] = payload[i]! ^ mask[i & 3]!;
      return out;
    }
    for (let i = 0; i < payload.length; i++) out[i] = payload[i]! ^ mask[(offset + i) & 3]!;
    return out;
  }

  #takeFrame(): { opcode: number; payload: Uint8Array } | null {
    const data = this.#buffer;
    if (data.length < 2) return null;
    let length = data[1]! & 0x7f;
    let at = 2;
    if (length === 126) {
      if (data.length < 4) return null;
      length = new DataView(data.buffer, data.byteOffset).getUint16(2);
      at = 4;
    } else if (length === 127) {
      if (data.length < 10) return null;
      length = Number(new DataView(data.buffer, data.byteOffset).getBigUint64(2));
      at = 10;
    }
    if (data.length < at + length) return null;
    this.#buffer = data.subarray(at + length);
    return { opcode: data[0]! & 0x0f, payload: data.slice(at, at + length) };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
