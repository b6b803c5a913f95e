import type { ApiErrorInput, ErrorDetail } from "./http.js"
import { isRecord } from "./http.js"
import {
  isDuns,
  isDanishCvr,
  isFinnishBusinessId,
  isNorwegianNationalId,
  isNorwegianOrganizationNumber,
  isSwedishNationalId,
  isSwedishOrganizationNumber,
  isValidDateOfBirth
} from "./identifiers.js"

export type OrgCountry = "NO" | "SE" | "FI" | "DK"
export type ReportType = "aml" | "certificate_of_incorporation"
export type WebhookEvent = "JsonDataReady" | "ReportReady" | "AllDone" | "Failed"

export const REPORT_TYPES: ReadonlyArray<ReportType> = ["aml", "certificate_of_incorporation"]
const WEBHOOK_EVENTS: ReadonlyArray<WebhookEvent> = ["JsonDataReady", "ReportReady", "AllDone", "Failed"]
const LANGUAGES = ["no", "nb", "nn", "en"]

export interface WebhookSpec {
  readonly url: string
  readonly events: ReadonlyArray<WebhookEvent>
  readonly authorization: string | null
}

interface CommonSpec {
  readonly expands: ReadonlyArray<string>
  readonly reports: ReadonlyArray<ReportType>
  readonly language: string
  readonly webhook: WebhookSpec | null
  readonly reference: string | null
}

export interface OrganizationSpec extends CommonSpec {
  readonly resource: "organization"
  readonly country: OrgCountry
  readonly identifier: string
  readonly identifierType: "ORGANIZATION_NUMBER" | "DUNS"
}

export interface PersonSpec extends CommonSpec {
  readonly resource: "person"
  readonly country: "NO"
  readonly firstName: string | null
  readonly lastName: string | null
  readonly name: string | null
  readonly ssn: string | null
  readonly dateOfBirth: string | null
  readonly ssnCountry: string
  readonly matchMode: string
}

export type SessionSpec = OrganizationSpec | PersonSpec

export type Validation<A> =
  | { readonly _tag: "Valid"; readonly value: A }
  | { readonly _tag: "Invalid"; readonly error: ApiErrorInput }

interface Issue extends ErrorDetail {
  readonly code: string
}

/** Collects every problem; the highest-priority code becomes the response's errorCode. */
class Issues {
  readonly list: Array<Issue> = []
  add(code: string, field: string, issue: string): void {
    this.list.push({ code, field, issue })
  }
  toError(priority: ReadonlyArray<string>): ApiErrorInput | null {
    const first = this.list[0]
    if (first === undefined) return null
    const code = priority.find((c) => this.list.some((i) => i.code === c)) ?? first.code
    const primary = this.list.find((i) => i.code === code) ?? first
    return {
      status: 400,
      errorCode: code,
      message: `${primary.field}: ${primary.issue}`,
      details: this.list.map(({ field, issue }) => ({ field, issue }))
    }
  }
}

type Read<A> = { readonly ok: true; readonly value: A } | { readonly ok: false }

/** An optional string field; null counts as absent. */
const optionalString = (
  body: Record<string, unknown>,
  field: string,
  issues: Issues
): Read<string | null> => {
  const value = body[field]
  if (value === undefined || value === null) return { ok: true, value: null }
  if (typeof value === "string") return { ok: true, value }
  issues.add("INVALID_REQUEST", field, "must be a string")
  return { ok: false }
}

const optionalStringArray = (
  body: Record<string, unknown>,
  field: string,
  issues: Issues
): ReadonlyArray<string> | null => {
  const value = body[field]
  if (value === undefined || value === null) return null
  if (Array.isArray(value) && value.every((v): v is string => typeof v === "string")) return value
  issues.add("INVALID_REQUEST", field, "must be an array of strings")
  return null
}

/** The guides' spelling of an expand → the one the data layer knows (contract §16.3). */
const EXPAND_ALIASES: Readonly<Record<string, string>> = { "keyInformation.lei": "lei" }

const readExpands = (
  body: Record<string, unknown>,
  valid: ReadonlySet<string>,
  issues: Issues,
  strict: boolean
): ReadonlyArray<string> => {
  const plural = optionalStringArray(body, "expands", issues)
  const singular = optionalStringArray(body, "expand", issues)
  if (plural !== null && singular !== null) {
    issues.add("INVALID_REQUEST", "expand", "send either expands or its alias expand, not both")
  }
  const field = plural === null && singular !== null ? "expand" : "expands"
  const list: Array<string> = []
  for (const value of plural ?? singular ?? []) {
    const canonical = EXPAND_ALIASES[value] ?? value
    if (!valid.has(canonical)) issues.add("UNSUPPORTED_EXPAND", field, `unsupported expand value '${value}'`)
    else if (strict && Object.values(EXPAND_ALIASES).includes(value))
      issues.add(
        "UNSUPPORTED_EXPAND",
        field,
        `unsupported expand value '${value}' (the guides spell it keyInformation.${value})`
      )
    else list.push(canonical)
  }
  // keyInformation is always delivered; keep the list unique and in the caller's order.
  return expandLists.intern(Array.from(new Set(["keyInformation", ...list])))
}

/**
 * The PDFs a create asks for: its `links.reports.*` expands and its `reports` parameter (contract
 * §16.1), each of the types the endpoint delivers.
 */
const readReports = (
  body: Record<string, unknown>,
  expands: ReadonlyArray<string>,
  valid: ReadonlySet<string>,
  issues: Issues
): ReadonlyArray<ReportType> => {
  const asked = optionalStringArray(body, "reports", issues) ?? []
  const deliverable = REPORT_TYPES.filter((type) => valid.has(`links.reports.${type}`))
  for (const type of asked) {
    if (!(deliverable as ReadonlyArray<string>).includes(type))
      issues.add("UNSUPPORTED_REPORT_TYPE", "reports", `unsupported report type '${type}'`)
  }
  return reportLists.intern(
    REPORT_TYPES.filter((type) => expands.includes(`links.reports.${type}`) || asked.includes(type))
  )
}

/**
 * Strict mode (simulator option): every field BankID's guides do not name is refused, so a wire
 * profile that relies on our conventions (contract §16.6) fails here as it might at BankID.
 */
const rejectUnnamed = (
  body: Record<string, unknown>,
  named: ReadonlyArray<string>,
  issues: Issues,
  prefix = ""
): void => {
  for (const key of Object.keys(body)) {
    if (!named.includes(key))
      issues.add(
        "UNKNOWN_FIELD",
        `${prefix}${key}`,
        `not a field BankID's guides name (strict simulator); the guides name ${named.join(", ")}`
      )
  }
}

const ORGANIZATION_NAMED = ["identifier", "nationality", "expands", "reports", "language"]
const PERSON_NAMED = [
  "identifier",
  "firstName",
  "lastName",
  "ssn",
  "dateOfBirth",
  "countryOfSsn",
  "expands",
  "language"
]
const PERSON_IDENTIFIER_NAMED = ["firstName", "lastName", "ssn", "dateOfBirth", "countryOfSsn"]

// Sessions keep their expand lists for their whole life; the same few combinations recur, so
// sharing one frozen array per combination keeps hundreds of thousands of sessions small.
class Interner<A extends string> {
  private readonly known = new Map<string, ReadonlyArray<A>>()
  intern(list: ReadonlyArray<A>): ReadonlyArray<A> {
    const key = list.join(" ")
    const found = this.known.get(key)
    if (found !== undefined) return found
    const frozen = Object.freeze([...list])
    if (this.known.size < 10_000) this.known.set(key, frozen)
    return frozen
  }
}
const expandLists = new Interner<string>()
const reportLists = new Interner<ReportType>()

const readLanguage = (body: Record<string, unknown>, issues: Issues): string => {
  const read = optionalString(body, "language", issues)
  if (!read.ok || read.value === null) return "en"
  const language = read.value.toLowerCase()
  if (LANGUAGES.includes(language)) return language
  issues.add("INVALID_LANGUAGE", "language", "must be one of no, nb, nn, en")
  return "en"
}

const isAllowedWebhookUrl = (text: string): boolean => {
  if (!URL.canParse(text)) return false
  const url = new URL(text)
  if (url.protocol === "https:") return url.hostname !== ""
  const local = ["localhost", "127.0.0.1", "[::1]"]
  return url.protocol === "http:" && local.includes(url.hostname)
}

const isWebhookEvent = (value: unknown): value is WebhookEvent =>
  typeof value === "string" && (WEBHOOK_EVENTS as ReadonlyArray<string>).includes(value)

const readWebhook = (body: Record<string, unknown>, issues: Issues): WebhookSpec | null => {
  const value = body["webhook"]
  if (value === undefined || value === null) return null
  if (!isRecord(value)) {
    issues.add("INVALID_REQUEST", "webhook", "must be an object")
    return null
  }
  const url = value["url"]
  const events = value["events"]
  const authorization = value["authorization"]
  if (typeof url !== "string") issues.add("INVALID_REQUEST", "webhook.url", "must be a string")
  else if (!isAllowedWebhookUrl(url)) {
    issues.add("INVALID_WEBHOOK_URL", "webhook.url", "must be an absolute https URL (or http to localhost)")
  }
  const eventsOk =
    events === undefined || events === null || (Array.isArray(events) && events.every(isWebhookEvent))
  if (!eventsOk) {
    issues.add("INVALID_REQUEST", "webhook.events", "must list JsonDataReady, ReportReady, AllDone or Failed")
  }
  const authOk = authorization === undefined || authorization === null || typeof authorization === "string"
  if (!authOk) issues.add("INVALID_REQUEST", "webhook.authorization", "must be a string")
  else if (typeof authorization === "string" && authorization.length > 512) {
    issues.add("INVALID_REQUEST", "webhook.authorization", "must be at most 512 characters")
  }
  if (typeof url !== "string") return null
  return {
    url,
    events: Array.isArray(events) ? Array.from(new Set(events.filter(isWebhookEvent))) : WEBHOOK_EVENTS,
    authorization: typeof authorization === "string" ? authorization : null
  }
}

const readReference = (body: Record<string, unknown>, issues: Issues): string | null => {
  const read = optionalString(body, "reference", issues)
  if (!read.ok || read.value === null) return null
  if (read.value.length > 100) issues.add("INVALID_REQUEST", "reference", "must be at most 100 characters")
  return read.value
}

const notAnObject = (): Validation<never> => ({
  _tag: "Invalid",
  error: { status: 400, errorCode: "INVALID_REQUEST", message: "the request body must be a JSON object" }
})

type IdentifierType = "ORGANIZATION_NUMBER" | "DUNS"

/** Strips spaces and one hyphen (contract §5.1); a DUNS written NN-NNN-NNNN loses both. */
const normalizeIdentifier = (raw: string): string => {
  const compact = raw.replace(/\s+/g, "")
  if (/^\d{2}-\d{3}-\d{4}$/.test(compact)) return compact.replace(/-/g, "")
  if (/^\d{6}-\d$/.test(compact)) return `0${compact.replace("-", "")}`
  return compact.replace("-", "")
}

/** The validated number in national format (SE `NNNNNN-NNNN`, FI `NNNNNNN-N`), or null. */
const nationalNumberValid = (country: OrgCountry, value: string): string | null => {
  if (country === "NO") return isNorwegianOrganizationNumber(value) ? value : null
  if (country === "FI") return isFinnishBusinessId(value) ? `${value.slice(0, 7)}-${value.slice(7)}` : null
  if (country === "DK") return isDanishCvr(value) ? value : null
  const ten = value.length === 12 && value.startsWith("16") ? value.slice(2) : value
  return isSwedishOrganizationNumber(ten) ? `${ten.slice(0, 6)}-${ten.slice(6)}` : null
}

const resolveIdentifier = (
  country: OrgCountry,
  raw: string,
  declared: IdentifierType | null
): { readonly identifier: string; readonly identifierType: IdentifierType } | null => {
  const value = normalizeIdentifier(raw)
  if (declared === "DUNS") return isDuns(value) ? { identifier: value, identifierType: "DUNS" } : null
  if (declared === null && isDuns(value)) {
    const orgnr = country === "NO" && isNorwegianOrganizationNumber(value)
    return { identifier: value, identifierType: orgnr ? "ORGANIZATION_NUMBER" : "DUNS" }
  }
  const national = nationalNumberValid(country, value)
  return national === null ? null : { identifier: national, identifierType: "ORGANIZATION_NUMBER" }
}

const readIdentifierType = (body: Record<string, unknown>, issues: Issues): IdentifierType | null => {
  const value = body["identifierType"]
  if (value === undefined || value === null) return null
  if (value === "ORGANIZATION_NUMBER" || value === "DUNS") return value
  issues.add("INVALID_REQUEST", "identifierType", "must be ORGANIZATION_NUMBER or DUNS")
  return null
}

const ORGANIZATION_PRIORITY = [
  "UNKNOWN_FIELD",
  "INVALID_REQUEST",
  "COUNTRY_MISMATCH",
  "INVALID_IDENTIFIER",
  "UNSUPPORTED_EXPAND",
  "UNSUPPORTED_REPORT_TYPE",
  "INVALID_LANGUAGE",
  "INVALID_WEBHOOK_URL"
]

export const validateOrganizationRequest = (
  body: unknown,
  country: OrgCountry,
  validExpands: ReadonlySet<string>,
  strict = false
): Validation<OrganizationSpec> => {
  if (!isRecord(body)) return notAnObject()
  const issues = new Issues()
  if (strict) rejectUnnamed(body, ORGANIZATION_NAMED, issues)
  const identifier = body["identifier"]
  const nationality = body["nationality"]
  if (typeof identifier !== "string") issues.add("INVALID_REQUEST", "identifier", "required string")
  // Only an older guide names nationality (contract §16.5): optional, but it must agree.
  if (nationality !== undefined && nationality !== null && typeof nationality !== "string")
    issues.add("INVALID_REQUEST", "nationality", "must be a string")
  else if (typeof nationality === "string" && nationality.toUpperCase() !== country) {
    issues.add("COUNTRY_MISMATCH", "nationality", `must equal the path country ${country}`)
  }
  const declared = readIdentifierType(body, issues)
  const resolved = typeof identifier === "string" ? resolveIdentifier(country, identifier, declared) : null
  if (typeof identifier === "string" && resolved === null) {
    issues.add(
      "INVALID_IDENTIFIER",
      "identifier",
      `not a valid ${declared ?? "organization"} identifier for ${country}`
    )
  }
  const expands = readExpands(body, validExpands, issues, strict)
  const reports = readReports(body, expands, validExpands, issues)
  const language = readLanguage(body, issues)
  const webhook = readWebhook(body, issues)
  const reference = readReference(body, issues)
  const error = issues.toError(ORGANIZATION_PRIORITY)
  if (error !== null || resolved === null) {
    return {
      _tag: "Invalid",
      error: error ?? { status: 400, errorCode: "INVALID_REQUEST", message: "invalid" }
    }
  }
  return {
    _tag: "Valid",
    value: {
      resource: "organization",
      country,
      identifier: resolved.identifier,
      identifierType: resolved.identifierType,
      expands,
      reports,
      language,
      webhook,
      reference
    }
  }
}

const PERSON_PRIORITY = [
  "UNKNOWN_FIELD",
  "INVALID_REQUEST",
  "MISSING_NAME",
  "MISSING_SSN_OR_DATE_OF_BIRTH",
  "INVALID_SSN",
  "INVALID_DATE_OF_BIRTH",
  "UNSUPPORTED_EXPAND",
  "UNSUPPORTED_REPORT_TYPE",
  "INVALID_LANGUAGE",
  "INVALID_WEBHOOK_URL"
]

const SSN_COUNTRIES = ["NO", "SE", "DK", "FI"]

const trimmed = (read: Read<string | null>): string | null => {
  if (!read.ok || read.value === null) return null
  const value = read.value.trim()
  return value === "" ? null : value
}

const readSsnCountry = (body: Record<string, unknown>, issues: Issues): string => {
  const country = trimmed(optionalString(body, "country", issues))
  const alias = trimmed(optionalString(body, "countryOfSsn", issues))
  if (country !== null && alias !== null && country.toUpperCase() !== alias.toUpperCase()) {
    issues.add("INVALID_REQUEST", "countryOfSsn", "differs from country")
  }
  const value = (country ?? alias ?? "NO").toUpperCase()
  if (SSN_COUNTRIES.includes(value)) return value
  issues.add("INVALID_REQUEST", country === null ? "countryOfSsn" : "country", "must be NO, SE, DK or FI")
  return "NO"
}

/** The ssn as the data layer sees it, or null when it breaks the issuing country's rules. */
const normalizeSsn = (ssn: string, country: string, nowMs: number): string | null => {
  if (country === "NO") {
    const digits = ssn.replace(/\s+/g, "")
    return isNorwegianNationalId(digits, nowMs) ? digits : null
  }
  if (country === "SE") {
    if (!isSwedishNationalId(ssn)) return null
    const digits = ssn.replace("-", "")
    const ten = digits.length === 12 ? digits.slice(2) : digits
    return `${ten.slice(0, 6)}-${ten.slice(6)}`
  }
  return /^[0-9A-Za-z+-]{4,20}$/.test(ssn) ? ssn.toUpperCase() : null
}

const readMatchMode = (body: Record<string, unknown>, issues: Issues): string => {
  const read = trimmed(optionalString(body, "matchMode", issues))
  if (read === null) return "exact"
  const mode = read.toLowerCase()
  if (mode === "exact" || mode === "fuzzy") return mode
  issues.add("INVALID_REQUEST", "matchMode", "must be exact or fuzzy")
  return "exact"
}

/**
 * The person's fields: at the top level (contract §5.3) or nested under `identifier` (the
 * guide's wording, §16.2); both are accepted, a nested field winning over a top-level one.
 */
const personFields = (
  body: Record<string, unknown>,
  issues: Issues,
  strict: boolean
): Record<string, unknown> => {
  const nested = body["identifier"]
  if (nested === undefined || nested === null) return body
  if (!isRecord(nested)) {
    issues.add("INVALID_REQUEST", "identifier", "must be an object with the person's fields")
    return body
  }
  if (strict) rejectUnnamed(nested, PERSON_IDENTIFIER_NAMED, issues, "identifier.")
  return { ...body, ...nested }
}

export const validatePersonRequest = (
  body: unknown,
  validExpands: ReadonlySet<string>,
  nowMs: number,
  strict = false
): Validation<PersonSpec> => {
  if (!isRecord(body)) return notAnObject()
  const issues = new Issues()
  if (strict) rejectUnnamed(body, PERSON_NAMED, issues)
  const person = personFields(body, issues, strict)
  const firstName = trimmed(optionalString(person, "firstName", issues))
  const lastName = trimmed(optionalString(person, "lastName", issues))
  const name = trimmed(optionalString(person, "name", issues))
  const rawSsn = trimmed(optionalString(person, "ssn", issues))
  const dateOfBirth = trimmed(optionalString(person, "dateOfBirth", issues))
  const ssnCountry = readSsnCountry(person, issues)
  const matchMode = readMatchMode(person, issues)
  if (name === null && (firstName === null || lastName === null)) {
    issues.add("MISSING_NAME", "lastName", "give firstName and lastName, or name")
  }
  if (rawSsn === null && dateOfBirth === null) {
    issues.add("MISSING_SSN_OR_DATE_OF_BIRTH", "ssn", "give ssn or dateOfBirth")
  }
  const ssn = rawSsn === null ? null : normalizeSsn(rawSsn, ssnCountry, nowMs)
  if (rawSsn !== null && ssn === null)
    issues.add("INVALID_SSN", "ssn", `not a valid national identity number for ${ssnCountry}`)
  if (dateOfBirth !== null && !isValidDateOfBirth(dateOfBirth, nowMs)) {
    issues.add("INVALID_DATE_OF_BIRTH", "dateOfBirth", "must be a real YYYY-MM-DD date, not in the future")
  }
  const expands = readExpands(body, validExpands, issues, strict)
  const reports = readReports(body, expands, validExpands, issues)
  const language = readLanguage(body, issues)
  const webhook = readWebhook(body, issues)
  const reference = readReference(body, issues)
  const error = issues.toError(PERSON_PRIORITY)
  if (error !== null) return { _tag: "Invalid", error }
  return {
    _tag: "Valid",
    value: {
      resource: "person",
      country: "NO",
      firstName,
      lastName,
      name,
      ssn,
      dateOfBirth,
      ssnCountry,
      matchMode,
      expands,
      reports,
      language,
      webhook,
      reference
    }
  }
}
