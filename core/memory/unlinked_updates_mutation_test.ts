import assert from "node:assert/strict";
import { findUnlinkedUpdates } from "./unlinked_updates.ts";
import { updateItem } from "./testing/update_items.ts";

Deno.test("findUnlinkedUpdates: a memory a fact's own words found is the older one of no pair", () => {
  // The rent was found by the home fact's own words (`fact_updates.ts`): it is compared with
  // that fact alone, as its newer one, so the later compared rent replaces the home fact only.
  const home = updateItem("home", "I live in Lyon near the river.", { relevance: 0.9, minute: 1 });
  const rent = {
    ...updateItem("rent", "My rent in Lyon is 900 euros a month.", { relevance: 0.1, minute: 5 }),
    fact: "home",
  };
  const rise = updateItem("rise", "My rent in Lyon is 950 euros a month now.", {
    relevance: 0.8,
    minute: 10,
  });
  findUnlinkedUpdates([home, rent, rise], {
    sameSubject: () => ({ words: 1, meaning: 0.9 }),
    compared: 2,
    linked: () => false,
  });
  assert.equal(home.replacedBy, rise);
  assert.equal(rent.replacedBy, undefined);
});

Deno.test("findUnlinkedUpdates: a line naming an awaited thing, going on with no fact, meets the memory awaiting it", () => {
  // The car is the best compared fact and the line shares no word with it: it is no
  // continuation, only a line naming the interview the older memory awaits (`awaited_names.ts`).
  const car = updateItem("car", "I drive a rusty old subaru outback", {
    relevance: 0.9,
    minute: 1,
  });
  const interview = updateItem(
    "interview",
    "Next Friday I have a job interview at a design agency.",
    { relevance: 0.8, minute: 2 },
  );
  const went = updateItem(
    "went",
    "The interview went well and the agency offered me the position.",
    { relevance: 0.8, minute: 4, voice: "other" },
  );
  findUnlinkedUpdates([car, interview, went], {
    sameSubject: () => ({ words: 0.5, meaning: 0.5 }),
    compared: 30,
    queryTerms: [],
    linked: () => false,
  });
  assert.equal(interview.replacedBy, went);
  assert.equal(car.replacedBy, undefined);
});
