/**
 * The benchmarks' reading of V8's GC trace (`--trace-gc`, `--trace-gc-nvp`): a line's stamp, an
 * nvp line's collection, a line put short, and the collections of a measured span, placed by the
 * offset between V8's clock and the runtime's (`lockstep_gc.ts`).
 */
import assert from "node:assert/strict";
import { gcLineShort, gcStampMs, nvpCollection } from "./bench/chat_timeline_report.ts";
import { collectionsInSpan } from "./bench/lockstep_gc.ts";

/** A `--trace-gc-nvp` line at `stamp` ms. */
function nvpLine(stamp: number, entry: Record<string, unknown>): string {
  return `[4242:0x5555aaaa0000]   ${stamp} ms: GC: ${JSON.stringify(entry)}`;
}

const SCAVENGE = {
  pause: 1.5,
  gc: "s",
  allocated: 32 * 1048576,
  new_space_survived: 1048576,
  promoted: 524288,
};

Deno.test("a trace line's stamp: ms since the isolate began, whole or not", () => {
  assert.equal(gcStampMs("[1:0x1]     1234 ms: Scavenge 4.1 (5.0) -> 3.9 (6.0) MB"), 1234);
  assert.equal(gcStampMs("[1:0x1]   12.5 ms: Mark-Compact 4.1 (5.0) -> 3.9 (6.0) MB"), 12.5);
  assert.equal(gcStampMs("Memory pool: Removed pages: 0"), undefined);
});

Deno.test("an nvp line's collection: a scavenge keeps what survived, a mark-compact nothing", () => {
  assert.deepEqual(nvpCollection(nvpLine(10, SCAVENGE)), {
    kind: "s",
    pauseMs: 1.5,
    allocated: 32 * 1048576,
    survived: 1048576,
    promoted: 524288,
  });
  assert.deepEqual(
    nvpCollection(nvpLine(10, { ...SCAVENGE, gc: "mc", pause: 40 })),
    { kind: "mc", pauseMs: 40, allocated: 32 * 1048576, survived: 0, promoted: 524288 },
  );
  // Fields a V8 leaves out count as none.
  assert.deepEqual(nvpCollection(nvpLine(10, { gc: "s" })), {
    kind: "s",
    pauseMs: 0,
    allocated: 0,
    survived: 0,
    promoted: 0,
  });
  assert.equal(nvpCollection("[1:0x1] 10 ms: Scavenge 4.1 (5.0) -> 3.9 (6.0) MB"), undefined);
  assert.equal(nvpCollection('[1:0x1] 10 ms: GC: {"gc":'), undefined);
});

Deno.test("a line put short: an nvp line in MB, another as it is from its stamp on", () => {
  assert.equal(
    gcLineShort(nvpLine(10, SCAVENGE)),
    "s pause 1.5 ms, kept 1.0 MB, promoted 0.5 MB, allocated before it 32.0 MB",
  );
  assert.equal(
    gcLineShort("[1:0x1]    10 ms: Scavenge 4.1 (5.0) -> 3.9 (6.0) MB, 0.50 / 0.00 ms"),
    "Scavenge 4.1 (5.0) -> 3.9 (6.0) MB, 0.50 / 0.00 ms",
  );
});

Deno.test("a span's collections: placed by the forced collection's offset, ends included", () => {
  // The child forced its first collection at 40 ms of its own clock; V8 stamped it 100.
  const lines = [
    nvpLine(100, { ...SCAVENGE, gc: "mc" }),
    nvpLine(150, { ...SCAVENGE, pause: 1 }),
    nvpLine(160, { ...SCAVENGE, pause: 2 }),
    "Memory pool: Removed pages: 0",
    nvpLine(200, { ...SCAVENGE, pause: 3 }),
    nvpLine(260, { ...SCAVENGE, gc: "mc", pause: 4 }),
    nvpLine(261, { ...SCAVENGE, pause: 5 }),
  ];
  const found = collectionsInSpan(lines, { fromMs: 100, toMs: 200, forcedAtMs: 40 });
  assert.deepEqual(found.map((c) => [c.kind, c.pauseMs]), [["s", 2], ["s", 3], ["mc", 4]]);
  // Without a forced collection the clocks cannot be matched: nothing is placed.
  assert.deepEqual(
    collectionsInSpan(lines.slice(1, 3), { fromMs: 0, toMs: 1e9, forcedAtMs: 0 }),
    [],
  );
});
