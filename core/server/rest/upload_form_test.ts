/**
 * Upload bodies read by `readUpload` and refused by `uploadLimit` (attack28 F5-F7): a body that
 * is no valid form is 400 on every upload route, a card sent as a form's text field is read, a
 * form without a file says so, and an oversize body declared within reach is read and dropped
 * after its 413 (cancelled) so clients that write it whole see the answer.
 *
 * @module
 */
import assert from "node:assert/strict";
import { buildServer } from "../server.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";

async function restApp(env: Record<string, string> = {}) {
  const parts = await buildServer(testConfig(env), { log: testLogger(), databasePath: ":memory:" });
  return { ...parts, [Symbol.asyncDispose]: () => parts.services.db.close() };
}

const ROUTES = [
  ["POST", "/api/personas/import"],
  ["POST", "/api/lorebooks/import"],
  ["POST", "/api/personas/bundles"],
  ["PUT", "/api/personas/Aria/avatar"],
] as const;

const CARD = JSON.stringify({
  spec: "chara_card_v2",
  spec_version: "2.0",
  data: { name: "CurlText", description: "d" },
});

Deno.test("a malformed multipart body is 400 -32602 on `file` on every upload route (attack28 F5)", async () => {
  await using app = await restApp();
  const bodies: Array<[string, string]> = [
    ["multipart/form-data", "garbage"],
    ["multipart/form-data; boundary=zz", "garbage"],
    [
      "multipart/form-data; boundary=zz",
      `--zz\r\nX-Pad: ${"p".repeat(70_000)}\r\n\r\nx\r\n--zz--\r\n`,
    ],
  ];
  for (const [method, path] of ROUTES) {
    for (const [type, body] of bodies) {
      const answer = await app.rest.request(path, {
        method,
        headers: { "Content-Type": type },
        body,
      });
      const what = `${method} ${path} ${type} ${body.slice(0, 12)}`;
      assert.equal(answer.status, 400, what);
      const { error } = await answer.json();
      assert.equal(error.code, -32602, what);
      assert.equal(error.data.fields[0].field, "file", what);
      assert.match(error.message, /not a valid multipart\/form-data body/, what);
    }
  }
});

Deno.test("a card sent as a form's text field is read; a form without a file says so (F6)", async () => {
  await using app = await restApp();
  const form = new FormData();
  form.set("file", CARD); // curl -F 'file=<card.json': a text part, no file name
  const imported = await app.rest.request("/api/personas/import", { method: "POST", body: form });
  assert.equal(imported.status, 201, await imported.clone().text());
  assert.equal((await imported.json()).persona.name, "CurlText");

  const empty = new FormData();
  empty.set("on_conflict", "rename");
  const refused = await app.rest.request("/api/personas/import", { method: "POST", body: empty });
  assert.equal(refused.status, 400);
  const { error } = await refused.json();
  assert.equal(error.data.fields[0].field, "file");
  assert.match(error.message, /has no file: send it as `-F file=@card.png`/);
});

/** A request whose body records whether it was cancelled. */
function oversize(declared: number) {
  const seen = { cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull: (controller) => controller.enqueue(new Uint8Array(1024)),
    cancel: () => {
      seen.cancelled = true;
    },
  });
  const request = new Request("http://localhost/api/personas/import", {
    method: "POST",
    headers: { "Content-Type": "application/zip", "Content-Length": String(declared) },
    body,
  });
  return { request, seen };
}

Deno.test("an oversize upload's 413 drops the body it declared within reach (F7)", async () => {
  await using app = await restApp({ CARD_MAX_BYTES: "100000" });
  const near = oversize(180_000);
  const answer = await app.rest.request(near.request);
  assert.equal(answer.status, 413);
  assert.equal(answer.headers.get("connection"), "close");
  assert.equal((await answer.json()).error.data.limit_bytes, 100_000);
  assert.equal(near.seen.cancelled, true, "the body is cancelled: Deno reads it and drops it");
  // Declared far past the limit: left unread rather than read in full.
  const far = oversize(10_000_000);
  assert.equal((await app.rest.request(far.request)).status, 413);
  assert.equal(far.seen.cancelled, false);
});

Deno.test("a form of more than 32 parts is refused before it is parsed", async () => {
  await using app = await restApp();
  const form = (extra: number) => {
    const body = new FormData();
    for (let i = 0; i < extra; i++) body.set(`x${i}`, "y");
    body.set("on_conflict", "rename");
    body.set("file", new File([CARD], "card.json"));
    return body;
  };
  const within = await app.rest.request("/api/personas/import", { method: "POST", body: form(30) });
  assert.equal(within.status, 201, "32 parts");
  const over = await app.rest.request("/api/personas/import", { method: "POST", body: form(31) });
  assert.equal(over.status, 400);
  const { error } = await over.json();
  assert.equal(error.data.fields[0].field, "file");
  assert.match(error.message, /more than 32 parts/);
});

/** A form written by hand: `fields` text parts, then the card as the file, with `boundary`. */
function handForm(boundary: string, fields: number, card = CARD, preamble = ""): string {
  let body = preamble;
  for (let i = 0; i < fields; i++) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`;
  }
  body += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.json"\r\n` +
    `Content-Type: application/json\r\n\r\n${card}\r\n`;
  return `${body}--${boundary}--\r\n`;
}

Deno.test("the 32-part limit holds however the Content-Type names its boundary (review38 F1)", async () => {
  await using app = await restApp();
  const types = [
    "multipart/form-data; boundary=real",
    // A decoy inside a quoted parameter, an escape inside a quoted boundary, a space before `;`.
    'multipart/form-data; x="a;boundary=zzz"; boundary=real',
    'multipart/form-data; boundary="re\\al"',
    "multipart/form-data; boundary=real ; x=y",
    "multipart/form-data; boundary=real\t",
    'multipart/form-data; boundary="real"; boundary=zzz',
  ];
  for (const type of types) {
    const send = (body: string) =>
      app.rest.request("/api/personas/import?on_conflict=rename", {
        method: "POST",
        headers: { "Content-Type": type },
        body,
      });
    for (const preamble of ["", "\r\n", "preamble\r\n"]) {
      const within = await send(handForm("real", 31, CARD, preamble));
      assert.equal(within.status, 201, `${type} ${JSON.stringify(preamble)}: 32 parts are read`);
      const over = await send(handForm("real", 32, CARD, preamble));
      assert.equal(over.status, 400, `${type} ${JSON.stringify(preamble)}: 33 parts`);
      assert.match((await over.json()).error.message, /more than 32 parts/);
    }
  }
});

Deno.test("the boundary's text inside a part's content is no part (review38 F2)", async () => {
  await using app = await restApp();
  const card = JSON.stringify({
    spec: "chara_card_v2",
    spec_version: "2.0",
    data: { name: "Dashy", description: "a--xb ".repeat(40) },
  });
  const answer = await app.rest.request("/api/personas/import", {
    method: "POST",
    headers: { "Content-Type": "multipart/form-data; boundary=x" },
    body: handForm("x", 0, card),
  });
  assert.equal(answer.status, 201, await answer.clone().text());
  assert.equal((await answer.json()).persona.name, "Dashy");
});

Deno.test("the form parser ends a part only at a delimiter line: the part count's premise", async () => {
  // Were Deno's parser to end parts at a boundary within a line, `\r\n--` would bound nothing.
  const part = (name: string) => `Content-Disposition: form-data; name="${name}"\r\n\r\nv`;
  const body = `--b\r\n${part("a")}--b\r\n${part("b")}--b\r\n${part("c")}\r\n--b--\r\n`;
  const form = await new Response(body, {
    headers: { "Content-Type": "multipart/form-data; boundary=b" },
  }).formData();
  assert.deepEqual([...form.keys()], ["a"]);
  assert.equal(form.get("a"), `v--b\r\n${part("b")}--b\r\n${part("c")}`);
});
