/**
 * Test support: how often `JSON.parse` read a big text while some work ran, to show an upload was
 * refused before it was parsed (attack32 M1, fix135).
 *
 * @module
 */

/** Calls of `JSON.parse` on texts of at least `chars` characters while `run` runs. */
export async function bigParses(chars: number, run: () => unknown): Promise<number> {
  const parse = JSON.parse;
  let calls = 0;
  JSON.parse = ((text: string, reviver?: never) => {
    if (typeof text === "string" && text.length >= chars) calls++;
    return parse(text, reviver);
  }) as typeof JSON.parse;
  try {
    await run();
  } finally {
    JSON.parse = parse;
  }
  return calls;
}
