/**
 * JSON-RPC over stdio, as MCP clients (Claude Desktop, Inspector) launch local servers: one
 * JSON message per line on stdin, answers and notifications one per line on stdout, nothing
 * else on stdout (logs go to stderr). One session for the whole process. At end of input the
 * requests already read are answered, then the transport ends.
 *
 * @module
 */
import { failure } from "../rpc/envelope.ts";
import { decodeUtf8, notUtf8 } from "../rpc/utf8.ts";
import { RpcCode, toWireError } from "../rpc/wire_errors.ts";
import { Connection } from "./connection.ts";
import type { ConnectionDeps } from "./connection_options.ts";

const NEWLINE = 0x0a;

/** Where the transport reads and writes (the process's stdin and stdout in production). */
export interface StdioStreams {
  input: ReadableStream<Uint8Array>;
  output: WritableStream<Uint8Array>;
}

/** The console methods that write to stdout (the others already write to stderr). */
const STDOUT_CONSOLE = [
  "log",
  "info",
  "debug",
  "dir",
  "dirxml",
  "table",
  "count",
  "timeLog",
  "timeEnd",
] as const;

/**
 * Sends every console method that writes to stdout to stderr instead, for the whole process: while
 * stdout carries the protocol, a library's stray `console.log` (npm:ollama logs "Getting text from
 * response" when an error body is not JSON) would corrupt the stream. Call it before serving.
 */
export function keepStdoutForProtocol(target: Console = console): void {
  const methods = target as unknown as Record<string, unknown>;
  const toStderr = target.error.bind(target);
  for (const name of STDOUT_CONSOLE) methods[name] = toStderr;
}

/** What {@linkcode boundedLines} yields for a line that is not valid UTF-8. */
export const NOT_UTF8: unique symbol = Symbol("not UTF-8");

/**
 * Splits a byte stream into lines of at most `limit` bytes. A longer line is skipped (without
 * holding it in memory) and reported as `null`, a line that is not UTF-8 as
 * {@linkcode NOT_UTF8}, so the caller can answer either with an error.
 */
export async function* boundedLines(
  input: ReadableStream<Uint8Array>,
  limit: number,
): AsyncGenerator<string | null | typeof NOT_UTF8> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let skipping = false;
  const take = (): string | typeof NOT_UTF8 => {
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const part of parts) {
      bytes.set(part, offset);
      offset += part.byteLength;
    }
    parts = [];
    size = 0;
    try {
      return decodeUtf8(bytes);
    } catch {
      return NOT_UTF8;
    }
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

/**
 * Serves one MCP/JSON-RPC session over `streams` until the input ends. The framing: one message
 * per line; a line too long is skipped and answered with -32600.
 */
export async function serveStdio(deps: ConnectionDeps, streams: StdioStreams): Promise<void> {
  const writer = streams.output.getWriter();
  const encoder = new TextEncoder();
  const connection = Connection.open(deps, {
    kind: "stdio",
    // WritableStream writes are queued in order, so concurrent answers never interleave.
    outbound: (text) =>
      writer.write(encoder.encode(`${text}\n`)).catch((error) =>
        deps.log.debug("stdout closed", { error: (error as Error).message })
      ),
  });
  const limit = connection.options.maxMessageBytes;
  for await (const line of boundedLines(streams.input, limit)) {
    if (line === null) {
      deps.log.warn("Input line too large; skipped", { limit });
      connection.send(failure(null, {
        code: RpcCode.InvalidRequest,
        message: `Message larger than ${limit} bytes`,
      }));
      continue;
    }
    if (line === NOT_UTF8) {
      connection.send(failure(null, toWireError(notUtf8()).error));
      continue;
    }
    if (line.trim() === "") continue;
    connection.receive(line);
  }
  // End of input: answer what was asked (subscriptions end, or they would wait forever), then
  // end the session.
  deps.dispatcher.endSubscriptions?.(connection.session);
  await connection.settled();
  connection.close("input closed");
  await writer.close().catch(() => {});
}
