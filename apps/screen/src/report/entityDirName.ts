import { classifyIdentifier, isNationalIdType } from "@nordscreen/identifiers"

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/**
 * Directory name of an entity's artifacts under `entities/`: the customer reference when it is a
 * plain token that cannot be a national identity number (some banks use those as customer
 * numbers), else the entity's keyed hash. `taken` keeps names unique within a run.
 */
export const entityDirName = (reference: string | null, keyHash: string, taken: Set<string>): string => {
  const ref = reference?.trim() ?? ""
  const usable =
    SAFE.test(ref) &&
    !classifyIdentifier(ref).some(isNationalIdType) &&
    ref.replace(/\D/g, "").length < 10 &&
    !taken.has(ref.toLowerCase())
  const name = usable ? ref : taken.has(keyHash) ? `${keyHash}-${taken.size}` : keyHash
  taken.add(name.toLowerCase())
  return name
}
