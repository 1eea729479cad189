/**
 * Reading a streamed HTTP body line by line (Ollama's NDJSON chat stream) straight from the
 * `fetch` response: one reader, one decoder, no stream layered on top. A chat's reply crosses it
 * on every chat; in profiles of the server under 32 concurrent chats, the general path
 * (`npm:ollama`'s async iterators over the body re-wrapped by `abortable_fetch.ts`) was the
 * largest cost of the model client.
 *
 * Aborting `signal` cancels the reader itself, which the abort listener keeps referenced: with
 * Deno 2.9.6 an abort that only goes through `fetch`'s signal is lost once the response object
 * has been garbage-collected (see `abortable_fetch.ts`).
 *
 * @module
 */

/**
 * Calls `onLine` with each non-empty line of `body` (without its newline), the last one too if
 * the body does not end with a newline. `onLine` returning `true` stops the reading (the rest of
 * the body is cancelled). Rejects with `signal.reason` once `signal` aborts.
 */
export async function readLines(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  onLine: (line: string) => boolean | void,
): Promise<void> {
  const reader = body.getReader();
  const cancel = () => reader.cancel(signal.reason).catch(() => {});
  if (signal.aborted) {
    await cancel();
    throw signal.reason;
  }
  signal.addEventListener("abort", cancel, { once: true });
  const decoder = new TextDecoder();
  let buffer = "";
  // Lines handed on so far; true once onLine asked to stop.
  const flush = (text: string): boolean => {
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      const line = text.slice(start, end);
      start = end + 1;
      if (line.trim() !== "" && onLine(line) === true) return true;
    }
    buffer = text.slice(start);
    return false;
  };
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (signal.aborted) throw signal.reason;
      if (done) break;
      if (flush(buffer + decoder.decode(value, { stream: true }))) {
        await reader.cancel().catch(() => {});
        return;
      }
    }
    const rest = buffer + decoder.decode();
    if (rest.trim() !== "") onLine(rest);
  } catch (error) {
    // A line the caller refused (an error in the stream) ends the request too.
    reader.cancel().catch(() => {});
    throw signal.aborted ? signal.reason : error;
  } finally {
    signal.removeEventListener("abort", cancel);
  }
}
