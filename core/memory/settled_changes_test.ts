import assert from "node:assert/strict";
import { tellsChange } from "./query_now.ts";
import { rankedAfter } from "./testing/ranked_after.ts";

Deno.test("a debt cleared, a condition back to normal tell a change", () => {
  assert.ok(tellsChange("User cleared the Stima Sacco loan in full in September."));
  assert.ok(tellsChange("My doctor says my blood pressure is back to normal."));
  assert.ok(!tellsChange("My blood pressure is normal for my age."));
  assert.ok(!tellsChange("I went back to the shop for more milk."));
});

Deno.test("search: a loan cleared ranks above the loan, stored without a link (real SQLite)", async () => {
  assert.deepEqual(
    await rankedAfter(
      [
        "User has a KSh 400,000 loan from Stima Sacco and repays KSh 18,000 every month.",
        "User cleared the Stima Sacco loan in full in September; he is debt-free.",
      ],
      "does the user still owe Stima Sacco",
    ),
    [1, 0],
  );
  assert.deepEqual(
    await rankedAfter(
      [
        "My blood pressure has been high and I take medication for it.",
        "My doctor says my blood pressure is back to normal and took me off the pills.",
      ],
      "Is my blood pressure a problem?",
    ),
    [1, 0],
  );
});

Deno.test("search: the persona's own change replaces no relative's fact (real SQLite)", async () => {
  assert.deepEqual(
    await rankedAfter(
      [
        "My father takes pills for his cholesterol every morning.",
        "My doctor says my blood pressure is back to normal and took me off the pills.",
      ],
      "What does my father take pills for?",
    ),
    [0, 1],
  );
});
