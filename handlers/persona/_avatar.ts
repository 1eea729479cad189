/**
 * The `avatar` field of `persona.create` and `persona.update`: an image in base64 (or a base64
 * `data:` URL) sets it, null removes it, and the object `persona.get` shows is read-only.
 *
 * @module
 */
import { z } from "zod";
import { fromBase64, imageExt, imageProblem } from "../../core/characters/mod.ts";
import { InvalidInput } from "../../core/errors.ts";

/** The avatar param. */
export const avatarParam = z.union([
  z.string().min(1).max(30_000_000).describe(
    "base64 image; a request carries at most MAX_FRAME_BYTES (1 MiB: an image of about 750 KB), larger avatars go to PUT /api/personas/{id}/avatar as bytes",
  ),
  z.null(),
  z.looseObject({}).describe("read-only (as persona.get shows it): ignored"),
]);

/** What the param asks: an image to set, null to remove, undefined to leave as it is. */
export function avatarImage(
  value: z.output<typeof avatarParam> | undefined,
): Uint8Array | null | undefined {
  if (value === undefined || (value !== null && typeof value === "object")) return undefined;
  if (value === null) return null;
  const image = fromBase64(value);
  if (!image) {
    throw new InvalidInput("The avatar must be a PNG, JPEG, WebP or GIF image in base64", [
      { field: "avatar", message: "is not base64" },
    ]);
  }
  // Bytes decoded (a REST upload arrives here as its bytes in base64): the refusal speaks of the
  // image, not of base64.
  if (!imageExt(image)) {
    throw new InvalidInput("The avatar must be a PNG, JPEG, WebP or GIF image", [
      { field: "avatar", message: "is not a PNG, JPEG, WebP or GIF image" },
    ]);
  }
  assertWholeImage(image);
  return image;
}

/**
 * Refuses avatar bytes whose structure is not a whole PNG, JPEG, WebP or GIF file (a header
 * followed by junk, a truncated file): -32602 naming `avatar`.
 */
export function assertWholeImage(image: Uint8Array): void {
  const problem = imageProblem(image);
  if (problem) {
    throw new InvalidInput(`The avatar ${problem}`, [{ field: "avatar", message: problem }]);
  }
}
