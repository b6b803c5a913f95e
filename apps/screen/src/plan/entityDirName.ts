import { classifyIdentifier, containsNationalId, isNationalIdType } from "@nordscreen/identifiers"

/**
 * Portable on Windows, macOS and Linux: ASCII letters, digits, `.`, `_`, `-`; starts and ends with
 * a letter or digit (Windows drops a trailing dot or space, so `a.` would become `a`); at most 64.
 */
const SAFE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$/

/** Windows device names, reserved whatever the case and whatever extension follows (`CON.txt`). */
const DEVICE = /^(?:CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(?:\.|$)/i

/**
 * Directory name of an entity's artifacts under `entities/`: the customer reference when it is a
 * plain token that is portable and cannot be a national identity number (some banks use those as
 * customer numbers), else the entity's keyed hash. `taken` keeps names unique within a run, also
 * on the case-insensitive file systems of Windows and macOS.
 */
export const entityDirName = (reference: string | null, keyHash: string, taken: Set<string>): string => {
  const ref = reference?.trim() ?? ""
  const usable =
    SAFE.test(ref) &&
    !DEVICE.test(ref) &&
    !classifyIdentifier(ref).some(isNationalIdType) &&
    !containsNationalId(ref) &&
    ref.replace(/\D/g, "").length < 10 &&
    !taken.has(ref.toLowerCase())
  const name = usable ? ref : taken.has(keyHash) ? `${keyHash}-${taken.size}` : keyHash
  taken.add(name.toLowerCase())
  return name
}
