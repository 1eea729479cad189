/**
 * JSON-RPC over stdio, as MCP clients (Claude Desktop, Inspector) launch local servers: one
 * JSON message per line on stdin, answers and notifications one per line on stdout, nothing
 * else on stdout (logs go to stderr). One session for the whole process. At end of input the
 * requests already read are answered, then the transport ends.
 *
 * @module
 */
import type { Services } from "../../services.ts";
import type { Dispatcher } from "../rpc/dispatcher.ts";
import { failure } from "../rpc/envelope.ts";
import { RpcCode } from "../rpc/wire_errors.ts";

const NEWLINE = 0x0a;

/** Where the transport reads and writes (the process's stdin and stdout in production). */
export interface StdioStreams {
  input: ReadableStream<Uint8Array>;
  output: WritableStream<Uint8Array>;
}

/**
 * Splits a byte stream into lines of at most `limit` bytes. A longer line is skipped (without
 * holding it in memory) and reported as `null`, so the caller can answer it with an error.
 */
export async function* boundedLines(
  input: ReadableStream<Uint8Array>,
  limit: number,
): AsyncGenerator<string | null> {
  const decoder = new TextDecoder();
  let parts: Uint8Array[] = [];
  let size = 0;
  let skipping = false;
  const take = (): string => {
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const part of parts) {
      bytes.set(part, offset);
      offset += part.byteLength;
    }
    parts = [];
    size = 0;
    return decoder.decode(bytes);
  };
  for await (const chunk of input) {
    let start = 0;
    while (start < chunk.byteLength) {
      const end = chunk.indexOf(NEWLINE, start);
      const piece = chunk.subarray(start, end < 0 ? chunk.byteLength : end);
      if (!skipping) {
        size += piece.byteLength;
        if (size > limit) {
          skipping = true;
          parts = [];
          size = 0;
        } else {
          parts.push(piece.slice());
        }
      }
      if (end < 0) break;
      if (skipping) yield null;
      else yield take();
      skipping = false;
      start = end + 1;
    }
  }
  if (skipping) yield null;
  else if (size > 0) yield take();
}

/** Serves one MCP/JSON-RPC session over `streams` until the input ends. */
export async function serveStdio(
  services: Services,
  dispatcher: Dispatcher,
  streams: StdioStreams,
): Promise<void> {
  const session = services.sessions.open("stdio");
  const writer = streams.output.getWriter();
  const encoder = new TextEncoder();
  // WritableStream writes are queued in order, so concurrent answers never interleave.
  const send = (text: string) =>
    writer.write(encoder.encode(`${text}\n`)).catch((error) =>
      services.log.debug("stdout closed", { error: (error as Error).message })
    );
  const inflight = new Set<Promise<unknown>>();
  const limit = services.config.MAX_FRAME_BYTES;
  for await (const line of boundedLines(streams.input, limit)) {
    if (line === null) {
      services.log.warn("Input line too large; skipped", { limit });
      send(JSON.stringify(failure(null, {
        code: RpcCode.InvalidRequest,
        message: `Message larger than ${limit} bytes`,
      })));
      continue;
    }
    if (line.trim() === "") continue;
    session.lastSeen = services.clock.now();
    const work = dispatcher.handleText(line, session, (message) => send(JSON.stringify(message)))
      .then((reply) => {
        if (reply !== undefined) return send(reply);
      })
      .catch((error) => services.log.error("Dispatch failed", { session: session.id, error }));
    inflight.add(work);
    work.finally(() => inflight.delete(work));
  }
  // End of input: answer what was asked, then end the session.
  await Promise.all(inflight);
  services.sessions.close(session, "input closed");
  await writer.close().catch(() => {});
}
