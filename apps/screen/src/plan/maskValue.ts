import type { Adapter } from "@nordscreen/core"
import { classifyIdentifier, maskIdentifier, maskNationalId } from "@nordscreen/identifiers"

const identifierFields: ReadonlyArray<Adapter.RowField> = ["identifier", "organizationNumber", "ssn"]

/**
 * A cell value as it may appear in a report: any value that is or could be a national identity
 * number is masked. A value of unknown shape with ten or more digits is masked too — a rejected
 * row is exactly where a mistyped person number turns up.
 */
export const maskValue = (field: Adapter.RowField | undefined, raw: string, code?: string): string => {
  if (field === undefined || !identifierFields.includes(field)) return raw
  const value = raw.trim()
  if (field === "ssn") return maskNationalId(value)
  // A number damaged by a spreadsheet (a lost leading zero, E-notation) is most often a person
  // number, and its remaining digits may happen to fit an organisation number's shape.
  if (code === "E_LENGTH" || code === "E_PRECISION_LOST") return maskNationalId(value)
  const types = classifyIdentifier(value)
  if (types.some((type) => maskIdentifier(type, value) !== value)) return maskNationalId(value)
  if (types.length === 0 && value.replace(/\D/g, "").length >= 10) return maskNationalId(value)
  return value
}
