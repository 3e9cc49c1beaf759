import { fileURLToPath } from "node:url";

/** Absolute paths of the artifacts the pipeline stages read and write. */
export const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const SPEC_DIR = `${ROOT}openapi`;
export const GENERATED_DIR = `${ROOT}generated`;
export const BUNDLE_YAML = `${GENERATED_DIR}/openapi.yaml`;
export const BUNDLE_JSON = `${GENERATED_DIR}/openapi.json`;
