import { validateDuns } from "./Duns.js"
import { isAllDigits, normalizeCell, removeDotsDashes } from "./internal/normalize.js"
import { shownValue } from "./internal/result.js"
import { validateNoOrganizationNumber } from "./NoOrganizationNumber.js"
import type { IdentifierType, ValidateOptions, Validation } from "./Validation.js"

const NO_DECORATED = /^(?:ORG\.?NR\.?:?|FORETAKSREGISTERET:?)|^NO[\d.,-]+(?:MVA)?$|MVA$|FORETAKSREGISTERET$/
const SE_VAT = /^SE\d{12}$/
const FI_VAT = /^FI\d{8}$/
const DK_DECORATED = /^DK[\d.-]{8,11}$|^CVR(?:-?NR)?\.?:?[\d.-]+$/
const HETU = /^[0-3]\d[01]\d{3}[-+A-FU-Y]\d{3}[0-9A-Y]$/
const SE_PERSON = /^(?:\d{6}|\d{8})[-+]\d{4}$/
const Y_TUNNUS = /^\d{6,7}-\d$/
const DIGITS_AND_SEPARATORS = /^[\d.,-]+$/

function countryFilter(country: string | undefined): (cc: string) => boolean {
  const c = country?.trim().toUpperCase() ?? ""
  return (cc) => c === "" || c === cc
}

/** The 10-digit core of a Swedish number decides org (digits 3–4 ≥ 20) or person. */
function swedishType(ten: string): IdentifierType {
  return ten.charCodeAt(2) >= 0x32 ? "SE_ORGANISATIONSNUMMER" : "SE_PERSONNUMMER"
}

/**
 * Which identifier types the shape of a raw value fits, most specific first (identifiers.md §1).
 * Shape only: a type listed here can still fail its own validation.
 */
export function classifyIdentifier(raw: string, country?: string): ReadonlyArray<IdentifierType> {
  const s = normalizeCell(raw)
  const allow = countryFilter(country)
  const types: Array<IdentifierType> = []
  const add = (cc: string, type: IdentifierType) => {
    if ((cc === "" || allow(cc)) && !types.includes(type)) types.push(type)
  }
  if (s === "") return types
  if (NO_DECORATED.test(s)) add("NO", "NO_ORGANIZATION_NUMBER")
  if (SE_VAT.test(s)) add("SE", "SE_ORGANISATIONSNUMMER")
  if (FI_VAT.test(s) || Y_TUNNUS.test(s)) add("FI", "FI_BUSINESS_ID")
  if (DK_DECORATED.test(s)) add("DK", "DK_CVR")
  if (HETU.test(s)) add("FI", "FI_HETU")
  if (SE_PERSON.test(s)) add("SE", swedishType(s.replace("-", "").replace("+", "").slice(-10)))
  if (types.length > 0 || !DIGITS_AND_SEPARATORS.test(s)) return types
  const digits = removeDotsDashes(s).replaceAll(",", "")
  switch (digits.length) {
    case 8:
      // A bare 8-digit value is a Y-tunnus without its hyphen or a CVR number; only the
      // country tells them apart, except that no CVR number starts with 0.
      add("FI", "FI_BUSINESS_ID")
      if (!digits.startsWith("0")) add("DK", "DK_CVR")
      break
    case 9:
      add("NO", "NO_ORGANIZATION_NUMBER")
      add("", "DUNS")
      break
    case 10:
      add("SE", swedishType(digits))
      break
    case 11:
      add("NO", "NO_PERSON_NUMBER")
      break
    case 12:
      if (digits.startsWith("16")) add("SE", "SE_ORGANISATIONSNUMMER")
      else if (digits.startsWith("18") || digits.startsWith("19") || digits.startsWith("20")) {
        add("SE", "SE_PERSONNUMMER")
      }
      break
    case 13:
      add("", "DUNS")
      break
  }
  return types
}

/**
 * identifiers.md §1, 9-digit values without a declared type: another country → DUNS; Norway →
 * organisation number if it passes §2, else E_AMBIGUOUS (a mistyped orgnr would otherwise be
 * paid for as a DUNS look-up); no country → E_AMBIGUOUS.
 */
export function resolveNineDigits(
  raw: string,
  country: string | undefined,
  options: ValidateOptions
): Validation {
  const c = country?.trim().toUpperCase() ?? ""
  if (c !== "" && c !== "NO") return validateDuns(raw, options)
  const orgnr = validateNoOrganizationNumber(raw, options)
  if (orgnr.ok && c === "NO") return orgnr
  const digits = removeDotsDashes(normalizeCell(raw))
  const nineDigits =
    isAllDigits(digits) && (digits.length === 9 || (digits.length === 8 && options.numeric === true))
  if (!nineDigits) return orgnr
  const reading = orgnr.ok
    ? "it passes the Norwegian organisation-number check"
    : "it fails the Norwegian organisation-number check"
  const where = c === "" ? "no country is given" : "the country is NO"
  const message = `Identifier ${shownValue("DUNS", raw)}: 9 digits could be a Norwegian organisation number or a DUNS number (${reading} and ${where}); add an identifier type column`
  return { ok: false, type: "NO_ORGANIZATION_NUMBER", error: { code: "E_AMBIGUOUS", message }, warnings: [] }
}
