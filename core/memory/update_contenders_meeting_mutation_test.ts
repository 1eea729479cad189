import assert from "node:assert/strict";
import { updateContenders } from "./update_contenders.ts";
import { updateItem } from "./testing/update_items.ts";

const INTERVIEW = "Next Friday I have a job interview at a design agency.";
const WENT = "The interview went well and the agency offered me the job.";

Deno.test("updateContenders: another persona's line naming a thing awaited here meets nothing", () => {
  const older = updateItem("older", INTERVIEW, { relevance: 0.9, minute: 1 });
  const went = updateItem("went", WENT, { relevance: 0.5, minute: 2, voice: "other" });
  went.record = { ...went.record, persona_id: "q" };
  const { contenders, meeting } = updateContenders([older, went], {
    compared: 10,
    linked: () => false,
  });
  assert.deepEqual(contenders.map((contender) => contender.item.record.id), ["older"]);
  assert.equal(meeting.size, 0);
});

Deno.test("updateContenders: a line naming a thing awaited, going on with no fact, is a meeting line", () => {
  const car = updateItem("car", "I drive a rusty old subaru outback", {
    relevance: 0.95,
    minute: 1,
  });
  const older = updateItem("older", INTERVIEW, { relevance: 0.9, minute: 2 });
  const went = updateItem("went", WENT, { relevance: 0.5, minute: 3, voice: "other" });
  const { continuing, meeting } = updateContenders([car, older, went], {
    compared: 10,
    linked: () => false,
  });
  assert.equal(continuing.items.has(went), false);
  assert.deepEqual([...meeting], [went]);
});
