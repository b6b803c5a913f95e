/**
 * A single name column as first and last name, for a wire profile that never sends a full
 * `name` (contract §16.6). `Last, First` is read as written; otherwise the last word is the last
 * name and the words before it the first name(s) ("Kari Anne Nordmann" → "Kari Anne" +
 * "Nordmann"). A one-word name is a last name only. Compound surnames without a comma
 * ("Anne Berg Hansen") come out as first name "Anne Berg": write them `Berg Hansen, Anne`.
 */
export const splitName = (name: string): { readonly firstName?: string; readonly lastName: string } => {
  const comma = name.indexOf(",")
  if (comma >= 0) {
    const lastName = name.slice(0, comma).trim()
    const firstName = name.slice(comma + 1).trim()
    if (lastName !== "" && firstName !== "") return { firstName, lastName }
    return { lastName: lastName === "" ? firstName : lastName }
  }
  const words = name.trim().split(/\s+/)
  const lastName = words.pop() ?? ""
  return words.length === 0 ? { lastName } : { firstName: words.join(" "), lastName }
}
