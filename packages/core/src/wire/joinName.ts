/** "First Last" from the parts that are there; null when there are none. */
export const joinName = (...parts: ReadonlyArray<string | null | undefined>): string | null => {
  const present = parts.filter((part): part is string => typeof part === "string" && part.trim() !== "")
  return present.length > 0 ? present.join(" ") : null
}
