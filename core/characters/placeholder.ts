/**
 * A placeholder avatar for personas without an image: a PNG (encoded with `fast-png`) in a
 * colour of the persona's own, so a card exported as PNG always has an image to live in.
 *
 * @module
 */
import { encode } from "fast-png";
import { fnv1a } from "../numbers.ts";

/** Side of the placeholder, in pixels (cards are usually 400×600; a square is fine). */
export const PLACEHOLDER_SIZE = 256;

function hslToRgb(
  { hue, saturation, lightness }: { hue: number; saturation: number; lightness: number },
): [number, number, number] {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const x = chroma * (1 - Math.abs(((hue / 60) % 2) - 1));
  const m = lightness - chroma / 2;
  const [r, g, b] = hue < 60
    ? [chroma, x, 0]
    : hue < 120
    ? [x, chroma, 0]
    : hue < 180
    ? [0, chroma, x]
    : hue < 240
    ? [0, x, chroma]
    : hue < 300
    ? [x, 0, chroma]
    : [chroma, 0, x];
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}

/** A PNG placeholder for `name`: a vertical gradient of a hue derived from the name. */
export function placeholderAvatar(name: string): Uint8Array {
  const size = PLACEHOLDER_SIZE;
  const hue = fnv1a(name.toLowerCase()) % 360;
  const data = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    const [r, g, b] = hslToRgb({ hue, saturation: 0.45, lightness: 0.65 - 0.3 * (y / size) });
    for (let x = 0; x < size; x++) {
      const at = (y * size + x) * 3;
      data[at] = r;
      data[at + 1] = g;
      data[at + 2] = b;
    }
  }
  return encode({ width: size, height: size, data, channels: 3, depth: 8 });
}
