/**
 * A `fetch` for `npm:ollama` whose abort really reaches Ollama.
 *
 * In Deno 2.9.6, once a fetch `Response` has been garbage-collected, aborting its signal no
 * longer stops the body, so `npm:ollama`'s own `abort()` can silently fail to close the
 * connection. This fetch keeps the body's reader referenced from the abort listener and
 * cancels it explicitly when the signal fires. It reads the body into one reused buffer
 * ({@linkcode chunkReader}) and passes on a copy of what each read filled: Deno's default reader
 * allocates 64 KiB per read.
 *
 * @module
 */
import { Redirected, ReplyTooLarge } from "./errors.ts";
import { errorBodyPrefix } from "./limits.ts";
import { chunkReader } from "./ndjson.ts";

/** Throws {@linkcode Redirected} for a redirect (fetched with `redirect: "manual"`). */
export function refuseRedirect(response: Response): void {
  if (response.status >= 300 && response.status < 400) {
    response.body?.cancel().catch(() => {});
    throw new Redirected(response.status, response.headers.get("location") ?? "");
  }
}

/** `response` (not OK) with only the first bytes of its body, for the client to read. */
async function boundedError(response: Response): Promise<Response> {
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  return new Response(await errorBodyPrefix(response), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/**
 * Returns a fetch bound to `signal`: aborting it cancels the request and its body. Redirects are
 * refused ({@linkcode Redirected}); an error's body is cut to its first bytes; a successful body
 * past `maxBytes` fails with {@linkcode ReplyTooLarge} (and is not read further).
 */
export function abortableFetch(signal: AbortSignal, maxBytes = Infinity): typeof fetch {
  return async (input, init) => {
    const signals = init?.signal ? [signal, init.signal] : [signal];
    const response = await fetch(input, {
      ...init,
      redirect: "manual",
      signal: AbortSignal.any(signals),
    });
    refuseRedirect(response);
    if (!response.ok) return await boundedError(response);
    if (!response.body) return response;
    const reader = chunkReader(response.body);
    // This listener holds `reader` (and with it the response) for as long as `signal` lives.
    const cancel = () => reader.cancel(signal.reason).catch(() => {});
    signal.addEventListener("abort", cancel, { once: true });
    let size = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const value = await reader.read();
          if (signal.aborted) controller.error(signal.reason);
          else if (value === null) {
            signal.removeEventListener("abort", cancel);
            controller.close();
          } else if ((size += value.length) > maxBytes) {
            signal.removeEventListener("abort", cancel);
            controller.error(new ReplyTooLarge(maxBytes));
            await reader.cancel();
          } else controller.enqueue(value.slice());
        } catch (error) {
          controller.error(signal.aborted ? signal.reason : error);
        }
      },
      cancel(reason) {
        signal.removeEventListener("abort", cancel);
        return reader.cancel(reason);
      },
    });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
