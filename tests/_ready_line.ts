/**
 * Reads a spawned server's stderr up to its READY line: the test helpers' and the benchmarks'
 * child servers (tests/_helpers.ts, tests/bench/_processes.ts).
 *
 * @module
 */

/** What the READY line gave, with the reader to go on draining stderr and the text read so far. */
export interface ReadyLine {
  wsUrl: string;
  apiUrl: string;
  /** The stderr reader, positioned after the READY line: keep reading so the pipe never fills. */
  reader: ReadableStreamDefaultReader<string>;
  /** Everything read from stderr up to and with the READY line. */
  text: string;
}

/**
 * Reads `child`'s piped stderr until `READY persona-mcp … websocket=… rest=…` appears; throws
 * (once the child has exited) with what it wrote if it exits before.
 */
export async function readReadyLine(child: Deno.ChildProcess): Promise<ReadyLine> {
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  const ready = /READY persona-mcp \S+ websocket=(\S+) rest=(\S+)/;
  let text = "";
  let match: RegExpExecArray | null = null;
  while (!match) {
    const { value, done } = await reader.read();
    if (done) {
      await child.status;
      throw new Error(`server exited before it was ready:\n${text}`);
    }
    text += value;
    match = ready.exec(text);
  }
  return { wsUrl: match[1]!, apiUrl: match[2]!, reader, text };
}
