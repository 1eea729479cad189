/**
 * `relationshipSummary` over stubbed services (mut62): a relationship whose other persona is no
 * longer found (deleted meanwhile) is left out, the others kept in order.
 */
import assert from "node:assert/strict";
import type { Persona, PersonaService } from "./personas/mod.ts";
import type { RelationshipService } from "./relationships/mod.ts";
import { relationshipSummary } from "./relationship_summary.ts";

Deno.test("relationshipSummary leaves out a relationship whose other persona is gone", async () => {
  const tie = (other: string, type: string) => ({
    persona1_id: other,
    persona2_id: "p_aria",
    relationship_type: type,
    strength: 0.5,
    trust: 0.5,
    affinity: 0.5,
  });
  const relationships = {
    listFor: () => Promise.resolve([tie("p_gone", "rival"), tie("p_kira", "friend")]),
  } as unknown as RelationshipService;
  const personas = {
    find: (id: string) => Promise.resolve(id === "p_kira" ? { id, name: "Kira" } : undefined),
  } as unknown as PersonaService;
  const aria = { id: "p_aria", name: "Aria" } as unknown as Persona;
  const summary = await relationshipSummary({ relationships, personas }, aria);
  assert.deepEqual(summary, [{
    name: "Kira",
    relationship_type: "friend",
    strength: 0.5,
    trust: 0.5,
    affinity: 0.5,
  }]);
});
