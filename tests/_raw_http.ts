/**
 * HTTP over a plain TCP connection ({@linkcode rawHttp}), for requests fetch cannot make.
 * Re-exported by `_helpers.ts`.
 *
 * @module
 */
/** An HTTP answer read off a raw socket. */
export interface RawResponse {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * Sends one HTTP/1.1 request over a plain TCP connection, with exactly the headers given: fetch
 * and WebSocket cannot set `Host` or `Origin`, which the security tests need.
 */
export async function rawHttp(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const target = new URL(url);
  const body = options.body ?? "";
  const headers: Record<string, string> = {
    Host: target.host,
    Connection: "close",
    ...(body ? { "Content-Length": String(new TextEncoder().encode(body).length) } : {}),
    ...options.headers,
  };
  const head = [`${options.method ?? "GET"} ${target.pathname}${target.search} HTTP/1.1`]
    .concat(Object.entries(headers).map(([name, value]) => `${name}: ${value}`))
    .join("\r\n");
  const connection = await Deno.connect({
    hostname: target.hostname.replace(/^\[|\]$/g, ""),
    port: Number(target.port),
  });
  try {
    await connection.write(new TextEncoder().encode(`${head}\r\n\r\n${body}`));
    let text = "";
    const decoder = new TextDecoder();
    // Read until the head is complete, then as much body as Content-Length announces.
    for await (const chunk of connection.readable) {
      text += decoder.decode(chunk, { stream: true });
      const end = text.indexOf("\r\n\r\n");
      if (end < 0) continue;
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end))?.[1] ?? 0);
      if (new TextEncoder().encode(text.slice(end + 4)).length >= length) break;
    }
    const end = text.indexOf("\r\n\r\n");
    const [statusLine, ...lines] = text.slice(0, end).split("\r\n");
    const parsed = new Headers();
    for (const line of lines) {
      const colon = line.indexOf(":");
      parsed.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    return {
      status: Number(statusLine!.split(" ")[1]),
      headers: parsed,
      body: text.slice(end + 4),
    };
  } finally {
    try {
      connection.close();
    } catch {
      // Already closed by the reader.
    }
  }
}
