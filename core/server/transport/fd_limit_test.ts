import assert from "node:assert/strict";
import {
  connectionsUnder,
  descriptorReserve,
  fileLimitFor,
  MIN_DESCRIPTOR_RESERVE,
} from "./fd_limit.ts";

Deno.test("a tenth of the open-file limit, at least 192, stays free of WebSockets", () => {
  assert.equal(MIN_DESCRIPTOR_RESERVE, 192);
  assert.equal(descriptorReserve(256), 192);
  assert.equal(descriptorReserve(1920), 192);
  assert.equal(descriptorReserve(1930), 193);
  assert.equal(descriptorReserve(4096), 410);
  assert.equal(descriptorReserve(20_000), 2000);
  assert.equal(connectionsUnder(256), 64);
  assert.equal(connectionsUnder(4096), 3686);
  assert.equal(connectionsUnder(1024), 832);
});

Deno.test("at least 16 WebSockets are allowed however low the limit", () => {
  assert.equal(connectionsUnder(128), 16);
  assert.equal(connectionsUnder(208), 16);
  assert.equal(connectionsUnder(209), 17);
});

Deno.test("the ulimit -n a number of connections needs: the README's table", () => {
  assert.equal(fileLimitFor(64), 256);
  assert.equal(fileLimitFor(128), 320);
  assert.equal(fileLimitFor(1000), 1192);
  assert.equal(fileLimitFor(3686), 4096);
  assert.equal(fileLimitFor(10_000), 11_112);
  assert.equal(fileLimitFor(16), 208, "never below the 192 kept free");
  for (const connections of [17, 500, 1728, 1729, 9999, 10_001, 50_000]) {
    const limit = fileLimitFor(connections);
    assert.ok(connectionsUnder(limit) >= connections, `${connections} fit under ${limit}`);
    assert.ok(connectionsUnder(limit - 1) < connections, `${limit} is the lowest`);
  }
});

/** Runs `openFileLimit()` in a child process under `ulimit -n <limit>` (soft and hard). */
async function limitUnder(limit: number, permissions: string[]): Promise<string> {
  const script = await Deno.makeTempFile({ suffix: ".ts" });
  try {
    await Deno.writeTextFile(
      script,
      `import { openFileLimit } from "${new URL("./fd_limit.ts", import.meta.url).href}";\n` +
        "console.log(String(openFileLimit()));\n",
    );
    const { stdout, success } = await new Deno.Command("sh", {
      args: [
        "-c",
        `ulimit -n ${limit} && exec "$0" run ${permissions.join(" ")} "$1"`,
        Deno.execPath(),
        script,
      ],
    }).output();
    assert.ok(success);
    return new TextDecoder().decode(stdout).trim();
  } finally {
    await Deno.remove(script);
  }
}

Deno.test("the open-file limit is read from the process (ulimit -n)", {
  ignore: Deno.build.os !== "linux",
}, async () => {
  assert.equal(await limitUnder(512, ["--allow-ffi", "--allow-read"]), "512");
  assert.equal(await limitUnder(1000, ["--allow-ffi", "--allow-read"]), "1000");
});

Deno.test("without FFI permission the limit is unknown, not an error", {
  ignore: Deno.build.os !== "linux",
}, async () => {
  assert.equal(await limitUnder(512, ["--allow-read"]), "undefined");
});
