/**
 * Who the user may speak as in a room (attack18 F5): not as one of its members. A `sender` named
 * like a member (its name or nickname: the same name or a look-alike, as persona names are
 * compared, `core/personas/name_key.ts`) was taken for that persona's words in the others'
 * prompts and memories, and in its own memory as something it said.
 *
 * @module
 */
import { characterName } from "../chat/prompt.ts";
import { InvalidInput } from "../errors.ts";
import type { Persona } from "../personas/mod.ts";
import { namedRow } from "../personas/name_key.ts";
import { cutText } from "../text_cut.ts";

/** Throws {@linkcode InvalidInput} (field `sender`) when `sender` names one of `members`. */
export function assertSenderNotMember(sender: string, members: readonly Persona[]): void {
  const names = members.flatMap((persona) => [
    { name: persona.name },
    { name: characterName(persona) },
  ]);
  const named = namedRow(names, sender);
  if (!named) return;
  throw new InvalidInput(
    `The sender cannot be named like "${cutText(named.name, 64)}", a member of the room`,
    [{ field: "sender", message: "is the name of a member of the room" }],
  );
}
