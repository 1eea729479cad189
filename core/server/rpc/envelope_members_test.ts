import assert from "node:assert/strict";
import {
  mayRepeat,
  repeatedEnvelopeMember,
  RepeatedItem,
  withRepeatedItems,
} from "./envelope_members.ts";
import { parseJson, RepeatedMember, unparsedFrameId } from "./json_depth.ts";

Deno.test("an envelope member twice in a message or a batch item is found, however it is spelled", () => {
  const cases: Array<[string, string]> = [
    ['{"jsonrpc":"2.0","id":1,"method":"ping","method":"system.status"}', "method"],
    ['{"jsonrpc":"2.0","id":1,"id":2,"method":"ping"}', "id"],
    ['{"jsonrpc":"2.0","jsonrpc":"1.0","id":1,"method":"ping"}', "jsonrpc"],
    ['{"jsonrpc":"2.0","id":1,"method":"ping","params":{},"params":[]}', "params"],
    ['{"jsonrpc":"2.0","id":1,"method":"ping","\\u006dethod":"system.status"}', "method"],
    ['{"jsonrpc":"2.0","id":1,"\\u006dethod":"a", "\\u006d\\u0065thod" :"b"}', "method"],
    [
      '[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"id":3,"method":"ping"}]',
      "id",
    ],
  ];
  for (const [text, member] of cases) assert.equal(repeatedEnvelopeMember(text), member, text);
});

Deno.test("a repeated member is found past blanks before its colon and in a long message", () => {
  const pad = `"params":{"pad":"${"x".repeat(5_000)}"}`;
  const cases: Array<[string, string]> = [
    ['{"jsonrpc":"2.0","id":1,"method":"ping","method"\r\n\t :"x"}', "method"],
    [`{"jsonrpc":"2.0","id":1,"method":"ping",${pad},"method":"x"}`, "method"],
    [`{"jsonrpc":"2.0","id":1,"method":"ping",${pad},"\\u006dethod":"x"}`, "method"],
  ];
  for (const [text, member] of cases) {
    assert.equal(repeatedEnvelopeMember(text), member, text.slice(0, 60));
  }
  // A member's value that spells a member's name is no member.
  const value = '{"jsonrpc":"2.0","id":1,"method":"params","params":{}}';
  assert.equal(repeatedEnvelopeMember(value), undefined);
});

Deno.test("names inside params, in strings, or once per batch item are no repetition", () => {
  const texts = [
    '{"jsonrpc":"2.0","id":1,"method":"ping"}',
    '{"jsonrpc":"2.0","id":1,"method":"ping","params":{"method":"a","id":2,"params":{"id":3}}}',
    '{"jsonrpc":"2.0","id":1,"method":"memory.store","params":{"content":"\\"method\\" \\"method\\" \\u0041"}}',
    '{"jsonrpc":"2.0","id":"\\"id\\"","method":"ping","params":["\\"method\\"",{"method":1}]}',
    '[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"ping"}]',
    '[[{"method":1,"method":2}]]',
    '{"persona_id":"aria","persona_id":"kira"}',
  ];
  for (const text of texts) assert.equal(repeatedEnvelopeMember(text), undefined, text);
});

Deno.test("parseJson refuses a repeated member with -32600, naming the request's id unless the id repeats", () => {
  const refused = (text: string) => {
    try {
      parseJson(text);
    } catch (error) {
      assert.ok(error instanceof RepeatedMember);
      return { code: error.code, id: unparsedFrameId(error), data: error.data };
    }
    assert.fail(`not refused: ${text}`);
  };
  assert.deepEqual(refused('{"jsonrpc":"2.0","id":7,"method":"ping","method":"x"}'), {
    code: -32600,
    id: 7,
    data: { member: "method" },
  });
  assert.equal(refused('{"jsonrpc":"2.0","id":7,"id":8,"method":"ping"}').id, null);
  // Invalid JSON is a parse error first.
  assert.throws(
    () => parseJson('{"method":"a","method":'),
    (error: { code: number }) => error.code === -32700,
  );
});

Deno.test("the one-regex prefilter passes every repeat and escape on, and skips plain messages", () => {
  const pad = "x".repeat(5_000);
  const mayHold = [
    '{"jsonrpc":"2.0","id":1,"method":"ping","method":"system.status"}',
    '{"id":1,"jsonrpc":"2.0","method":"ping","id":2}',
    '{"jsonrpc":"2.0","jsonrpc":"1.0","id":1,"method":"ping"}',
    '{"jsonrpc":"2.0","id":1,"method":"ping","params":{},"params":[]}',
    '{"jsonrpc":"2.0","id":1,"method":"ping","\\u006dethod":"x"}',
    '{"params":{"a":"b"},"jsonrpc":"2.0","method":"a","params"\n:{}}',
    // A name twice anywhere (here inside params) goes to the exact walk, which decides.
    '{"jsonrpc":"2.0","id":1,"method":"ping","params":{"id":2}}',
    `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"${pad}"},"method":"x"}`,
  ];
  for (const text of mayHold) assert.equal(mayRepeat(text), true, text.slice(0, 80));
  const plain = [
    '{"jsonrpc":"2.0","method":"ping","id":1}',
    '{"jsonrpc":"2.0","method":"persona.get","params":{"persona_id":"aria"},"id":"a-1"}',
    '{"jsonrpc":"2.0","method":"ping"}',
    '{"jsonrpc":"2.0","method":"idle","id":"methods","params":{"ids":["jsonrpcs", "i\\\\d"]}}',
    `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"${pad}"}}`,
  ];
  for (const text of plain) assert.equal(mayRepeat(text), false, text.slice(0, 80));
});

Deno.test("in a batch, each item holding a member twice is put in its place, with its id when that is not repeated", () => {
  const text = '[1,"a,b",{"id":1,"id":2},[{"method":1,"method":2}],' +
    '{"jsonrpc":"2.0","id":7,"method":"a","\\u006dethod":"b"},{"jsonrpc":"2.0","id":8,"method":"c"},' +
    '{"method":"d","params":{},"params":{}}]';
  const batch = parseJson(text) as unknown[];
  assert.equal(batch.length, 7);
  const marked = batch.map((item) =>
    item instanceof RepeatedItem ? { member: item.member, id: item.id, hasId: "id" in item } : item
  );
  assert.deepEqual(marked, [
    1,
    "a,b",
    { member: "id", id: undefined, hasId: false },
    [{ method: 2 }],
    { member: "method", id: 7, hasId: true },
    { jsonrpc: "2.0", id: 8, method: "c" },
    { member: "params", id: undefined, hasId: false },
  ]);
  // A batch with no repeat is kept as it is.
  const plain = [{ id: 1 }];
  assert.equal(withRepeatedItems(plain, '[{"id":1}]'), plain);
});
