/**
 * The four states of a result element (contract §9.2 empty-node convention):
 * - `absent`: not in the document — not requested, so not searched;
 * - `null`: present but null — requested, nothing delivered;
 * - `empty`: `[]`, or an object whose lists are `[]` and scalars null — searched, nothing found;
 * - `filled`: carries data.
 */
export type NodeState = "absent" | "null" | "empty" | "filled"

// Metadata says where an element was looked up, not what was found, so it never fills a node.
const metadataKeys = new Set(["metadata", "metaData"])

const isEmptyValue = (value: unknown): boolean => {
  if (value === null || value === undefined) return true
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (!metadataKeys.has(key) && !isEmptyValue(inner)) return false
    }
    return true
  }
  return false
}

export const nodeState = (value: unknown): NodeState => {
  if (value === undefined) return "absent"
  if (value === null) return "null"
  return isEmptyValue(value) ? "empty" : "filled"
}

/** The value at a dotted path (`ownership.beneficials`), `undefined` when any step is missing. */
export const valueAtPath = (root: unknown, path: string): unknown => {
  let current: unknown = root
  for (const key of path.split(".")) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined
    current = Object.getOwnPropertyDescriptor(current, key)?.value
  }
  return current
}

/**
 * Element paths that are in the result but carry nothing. An element is only present when it was
 * requested, so a present-but-empty (or null) element is a requested one that came back empty.
 */
export const emptyElements = (result: unknown, paths: ReadonlyArray<string>): ReadonlyArray<string> =>
  paths.filter((path) => {
    const state = nodeState(valueAtPath(result, path))
    return state === "empty" || state === "null"
  })
