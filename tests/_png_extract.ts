/**
 * `png-chunks-extract` for tests anywhere in the tree: it builds and reads fixtures; the server
 * reads PNG chunks in place (`core/characters/png_chunks.ts`), so the package is test-only.
 *
 * @module
 */
export { default } from "png-chunks-extract";
