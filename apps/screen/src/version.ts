import { createRequire } from "node:module"

const manifest: unknown = createRequire(import.meta.url)("../package.json")

/** Version of @nordscreen/screen (src/ and dist/ both sit one level below package.json). */
export const toolVersion: string =
  typeof manifest === "object" &&
  manifest !== null &&
  "version" in manifest &&
  typeof manifest.version === "string"
    ? manifest.version
    : "0.0.0"
