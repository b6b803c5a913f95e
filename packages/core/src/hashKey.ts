import { createHmac } from "node:crypto"
import { Redacted } from "effect"

/**
 * A short keyed digest (HMAC-SHA256, 20 hex chars = 80 bits) of an entity key. Safe for file
 * names, log lines and the API's `reference`: without the secret it cannot be reversed by
 * enumerating the small space of national identity numbers.
 */
export const hashKey = (key: string, secret: string | Redacted.Redacted<string>): string =>
  createHmac("sha256", Redacted.isRedacted(secret) ? Redacted.value(secret) : secret)
    .update(key, "utf8")
    .digest("hex")
    .slice(0, 20)
