/**
 * A bundle relationship that lands on the imported persona itself (attack11, read in the code):
 * it was said to be with "no persona of that name here", although the persona was right there.
 * Now, as `relationship.update` refuses a persona's relationship with itself (-32602):
 * - a relationship naming the bundle's own persona is refused, -32602 naming
 *   `bundle.relationships.N.other_id`, before anything is created;
 * - one naming another persona whose name the import itself took here is not restored, and the
 *   note says why (the imported persona has that name), apart from the personas missing here.
 */
import assert from "node:assert/strict";
import { type RpcCallError, withTestServer } from "./_helpers.ts";

interface Imported {
  persona_id: string;
  restored: { relationships: number };
  notes: string[];
}

type Bond = { other_id: string } & Record<string, unknown>;

Deno.test("a bundle relationship with the imported persona itself: refused or noted as such", async () => {
  await withTestServer(async ({ client }) => {
    const made = async (name: string) =>
      (await client.call<{ persona_id: string }>("persona.create", { name })).persona_id;
    const selfie = await made("Selfie");
    const other = await made("Other");
    // relationship.update with oneself: -32602, the rule the import follows.
    await assert.rejects(
      client.call("relationship.update", {
        persona1_id: selfie,
        persona2_id: selfie,
        interaction_quality: 0.5,
      }),
      (error: RpcCallError) => error.code === -32602 && /itself/.test(error.message),
    );
    await client.call("relationship.update", {
      persona1_id: selfie,
      persona2_id: other,
      interaction_quality: 0.5,
      duration_minutes: 5,
    });
    const { bundle } = await client.call<{
      bundle: { persona: { id: string }; personas: unknown[]; relationships: Bond[] };
    }>("persona.export", { persona_id: selfie });
    const [bond] = bundle.relationships;
    assert.ok(bond);

    // The bundle's own persona as the other one (listed among the others or not): refused.
    for (const personas of [bundle.personas, [{ id: bundle.persona.id, name: "Selfie" }]]) {
      const own = {
        ...bundle,
        personas,
        relationships: [bond, { ...bond, other_id: bundle.persona.id }],
      };
      await assert.rejects(
        client.call("persona.import", { bundle: own, name: "Selfie Two" }),
        (error: RpcCallError) => {
          const fields =
            (error.data as { fields: Array<{ field: string; message: string }> }).fields;
          return error.code === -32602 && fields[0]?.field === "bundle.relationships.1.other_id" &&
            /itself/.test(fields[0].message);
        },
      );
    }
    const names = await client.call<{ personas: Array<{ name: string }> }>("persona.list", {});
    assert.ok(!names.personas.some((p) => p.name === "Selfie Two"), "nothing was created");

    // Imported under the name of the persona it relates to: that one is itself here.
    await client.call("persona.delete", { persona_id: other });
    const missing = { ...bond, other_id: "gone" };
    const imported = await client.call<Imported>("persona.import", {
      bundle: {
        ...bundle,
        personas: [...bundle.personas, { id: "gone", name: "Nobody Here" }],
        relationships: [bond, missing],
      },
      name: "Other",
    });
    assert.equal(imported.restored.relationships, 0);
    assert.deepEqual(imported.notes, [
      'The relationship with "Nobody Here" was not restored: no persona of that name here',
      'The relationship with "Other" was not restored: the imported persona itself has that ' +
      'name here ("Other"), and a persona has no relationship with itself',
    ]);
    const listed = await client.call<{ relationships: unknown[] }>("relationship.list", {
      persona_id: imported.persona_id,
    });
    assert.deepEqual(listed.relationships, []);
  });
});
