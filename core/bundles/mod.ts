/**
 * Persona bundles: one JSON document to move a persona with its memories, relationships,
 * lorebooks and assets to another server.
 *
 * @module
 */
export type { CoreBlockStore } from "./blocks_port.ts";
export { Bundle, BUNDLE_FORMAT, BUNDLE_PARTS, BUNDLE_VERSION, type BundlePart } from "./schema.ts";
export { type BundleMemoryStore, BundleService, type ImportedBundle } from "./service.ts";
