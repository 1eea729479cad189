/**
 * The part of a kept exchange that tells something: the sender's message. The server keeps each
 * chat turn as `"<sender> said: <message>\n<persona> replied: <reply>"` (`records.ts`,
 * `exchangeInput`). The persona knows nothing of the user's world but what the user told it, so
 * its reply only echoes the message's names ("Bea! Perfect. Welcome home, Bea."), asks ("Will
 * Maja and Elsie be there too?") or brings a place in as small talk ("Proper Sheffield!"): none
 * of it is news of the names it says. What the update readings take for a memory's names
 * (`update_facts.ts`, `namesOfText`) is read from the message alone, so a reply's echo makes no
 * two exchanges share a name (recall75's misses, set 20: "Proper Sheffield! Does he miss it?"
 * made "Dad was a steelworker ... he's retired now" the update of "Theo's running the Sheffield
 * half marathon").
 *
 * @module
 */
import { exchangeSender, lastReplyStart } from "./user_names.ts";

/**
 * The sender's message of `text` when it is a kept exchange (`exchangeSender`): after the first
 * " said: ", up to the last reply line (a reply line the sender quoted stays in the message).
 * Any other text is returned whole.
 */
export function senderMessage(text: string): string {
  if (exchangeSender(text) === undefined) return text;
  const start = text.indexOf(" said: ") + " said: ".length;
  const rest = text.slice(start);
  const reply = lastReplyStart(rest);
  return reply < 0 ? rest : rest.slice(0, reply);
}
