/**
 * Test support for fuzzing: the checker of the server's replies ({@linkcode checkReply}): valid
 * JSON-RPC 2.0, never -32603. Re-exported by `_fuzz.ts`, whose arbitraries make the frames.
 *
 * @module
 */
/** What a reply check found. */
export interface ReplyCheck {
  /** Error codes answered, in order. */
  codes: number[];
  /** Ids answered (results and errors). */
  ids: unknown[];
}

function isId(value: unknown): boolean {
  return value === null || typeof value === "string" ||
    (typeof value === "number" && Number.isFinite(value));
}

/** Checks one reply frame: valid JSON, JSON-RPC 2.0 responses, never -32603. Throws otherwise. */
export function checkReply(text: string): ReplyCheck {
  const value = JSON.parse(text);
  const responses = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) throw new Error("an empty batch reply");
  const check: ReplyCheck = { codes: [], ids: [] };
  for (const response of responses) {
    if (response === null || typeof response !== "object") {
      throw new Error(`not an object: ${text}`);
    }
    if (response.jsonrpc !== "2.0") throw new Error(`no jsonrpc 2.0: ${text.slice(0, 300)}`);
    if ("method" in response) continue; // A notification the server sent (progress, chunks).
    if (!("id" in response) || !isId(response.id)) throw new Error(`bad id: ${text.slice(0, 300)}`);
    if (("result" in response) === ("error" in response)) {
      throw new Error(`needs exactly one of result and error: ${text.slice(0, 300)}`);
    }
    check.ids.push(response.id);
    if ("error" in response) {
      const { code, message } = response.error ?? {};
      if (!Number.isInteger(code) || typeof message !== "string") {
        throw new Error(`bad error object: ${text.slice(0, 300)}`);
      }
      if (code === -32603) throw new Error(`internal error: ${text.slice(0, 300)}`);
      check.codes.push(code);
    }
  }
  return check;
}
