import type { Adapter } from "@nordscreen/core"
import { maskNationalId } from "@nordscreen/identifiers"
import type { PersonInput } from "./PersonInput.js"

/**
 * What a report shows of a person: the national identity number (masked in `identifierMasked`),
 * or, for a person looked up by name and date of birth, those two; the name as the portfolio gave it.
 */
export const describePerson = (input: PersonInput): Adapter.InputDescription => {
  const joined = [input.firstName, input.lastName].filter((part) => part !== undefined).join(" ")
  const name = input.name ?? (joined === "" ? null : joined)
  const base = { name, country: "NO", kind: "person" } as const
  if (input.ssn !== undefined)
    return { ...base, identifier: input.ssn, identifierMasked: maskNationalId(input.ssn) }
  const label = [name, input.dateOfBirth].filter((part) => part !== null && part !== "").join(" ")
  return { ...base, identifier: label, identifierMasked: label }
}
