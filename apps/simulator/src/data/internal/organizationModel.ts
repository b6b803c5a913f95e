import type { Country } from "../types.js"
import { type Authority, makeProcuration, makeSignatureRights } from "./authority.js"
import {
  EMPLOYEE_BANDS,
  type FormKind,
  INDUSTRIES,
  type Industry,
  LEGAL_FORMS,
  type LegalForm
} from "./catalog.js"
import { makeLei } from "./checksums.js"
import { type Firm, makeFirm, makeOrganizationNumber, type Role } from "./firms.js"
import { type AccountingYear, makeAccounts } from "./accounts.js"
import type { CompanyStatus } from "./CompanyStatus.js"
import { NAME_POOLS } from "./names.js"
import { type Ownership, makeOwnership } from "./ownership.js"
import { makePerson, type SyntheticPerson } from "./people.js"
import { Rng } from "./Rng.js"

export interface CompanyAddress {
  readonly street: string
  readonly postalCode: string
  readonly city: string
  readonly country: Country
}

export interface Company {
  readonly country: Country
  readonly organizationNumber: string
  readonly dunsNumber: string | null
  readonly leiNumber: string | null
  readonly name: string
  readonly form: LegalForm
  readonly industry: Industry
  readonly status: CompanyStatus
  readonly registeredDate: string
  readonly establishedDate: string
  readonly phoneNumber: string | null
  readonly webpage: string | null
  readonly employees: readonly [number, number | null]
  readonly visitingAddress: CompanyAddress
  readonly postalAddress: CompanyAddress
  readonly roles: ReadonlyArray<Role>
  readonly ownership: Ownership
  readonly signatureRights: Authority | null
  readonly procuration: Authority | null
  readonly shareCapital: number | null
  readonly accounts: ReadonlyArray<AccountingYear>
  readonly auditor: Firm | null
  readonly accountant: Firm | null
  readonly sanctioned: boolean
  readonly lastChanged: string
  readonly vatRegistered: boolean
}

/** What a fixture pins; everything else stays synthetic. */
export interface CompanyOverrides {
  readonly name?: string
  readonly kind?: FormKind
  /** A national legal-form code (`NUF`, `ENK`…); wins over `kind`. */
  readonly legalForm?: string
  readonly status?: CompanyStatus
  readonly sanctioned?: boolean
  readonly ownership?: "majority" | "dispersed"
}

export interface CompanyKey {
  readonly seed: number
  readonly country: Country
  readonly identifier: string
  readonly identifierType: "ORGANIZATION_NUMBER" | "DUNS"
  readonly sanctioned: boolean
}

const pickStatus = (rng: Rng, country: Country): CompanyStatus =>
  rng.weighted<CompanyStatus>([
    ["ACTIVE", 92],
    ["BANKRUPT", 3],
    ["BANKRUPT_ESTATE", country === "NO" ? 1 : 0],
    ["UNDER_LIQUIDATION", 2],
    ["DISSOLVED", 2]
  ])

const pickForm = (rng: Rng, country: Country, overrides: CompanyOverrides): LegalForm => {
  const forms = LEGAL_FORMS[country]
  const { kind, legalForm } = overrides
  const pinned =
    legalForm !== undefined
      ? forms.find((form) => form.nationalCode === legalForm)
      : kind === undefined
        ? undefined
        : forms.find((form) => form.kind === kind)
  return (
    pinned ??
    rng.weighted(forms.filter((form) => form.weight > 0).map((form) => [form, form.weight] as const))
  )
}

/** National format of a (valid, normalized) identifier: SE gets its hyphen back. */
const nationalFormat = (country: Country, identifier: string): string => {
  if (country !== "SE") return identifier
  const digits = identifier.replace("-", "")
  return `${digits.slice(0, 6)}-${digits.slice(6)}`
}

const companyName = (
  rng: Rng,
  country: Country,
  form: LegalForm,
  industry: Industry,
  owner: SyntheticPerson
): string => {
  if (form.kind === "sole")
    return `${owner.firstName} ${owner.lastName} ${industry.word[country]} ${form.suffix}`.toUpperCase()
  const first = rng.pick(NAME_POOLS[country].companyFirst)
  if (form.kind === "foundation") return `${form.suffix} ${first}`
  return `${first} ${industry.word[country]} ${form.suffix}`
}

const slug = (name: string): string =>
  name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/[^a-z0-9]+/g, "")

const phone = (rng: Rng, country: Country): string =>
  country === "NO"
    ? `+47 ${rng.int(2, 9)}${rng.digits(7)}`
    : country === "SE"
      ? `+46 8 ${rng.digits(3)} ${rng.digits(2)} ${rng.digits(2)}`
      : country === "DK"
        ? `+45 ${rng.int(3, 9)}${rng.digits(1)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`
        : `+358 9 ${rng.digits(4)} ${rng.digits(3)}`

const makeAddress = (rng: Rng, country: Country): CompanyAddress => {
  const pool = NAME_POOLS[country]
  const [postalCode, city] = rng.pick(pool.cities)
  return { street: `${rng.pick(pool.streets)} ${rng.int(1, 80)}`, postalCode, city, country }
}

const employeesFor = (rng: Rng, kind: FormKind): readonly [number, number | null] => {
  const range: readonly [number, number] =
    kind === "public" ? [6, 9] : kind === "sole" ? [0, 1] : kind === "foundation" ? [1, 4] : [0, 5]
  return EMPLOYEE_BANDS[rng.int(range[0], range[1])] ?? [0, 0]
}

const makeRoles = (
  rng: Rng,
  company: { country: Country; kind: FormKind; people: SyntheticPerson[] }
): Role[] => {
  const { country, kind, people } = company
  const person = (): SyntheticPerson => {
    const next = makePerson(rng, country)
    people.push(next)
    return next
  }
  if (kind === "sole") return [{ role: "PROPRIETOR", person: people[0] ?? person() }]
  if (kind === "partnership" || kind === "limitedPartnership") {
    const liability =
      kind === "partnership" && rng.chance(0.4)
        ? "PARTICIPANT_WITH_SHARED_LIABILITY"
        : "PARTICIPANT_WITH_UNLIMITED_LIABILITY"
    const roles: Role[] = people.map((p) => ({ role: liability, person: p }))
    if (kind === "limitedPartnership") roles.push({ role: "COMPLEMENTARY", person: person() })
    return [...roles, { role: "CONTACT", person: people[0] ?? person() }]
  }
  const roles: Role[] = []
  const hasCeo = kind === "public" || kind === "foundation" || rng.chance(0.7)
  const founder = people[0] ?? person()
  if (hasCeo) roles.push({ role: "CEO", person: founder })
  // Small companies often have one person as both CEO and chair; larger ones rarely do.
  const chair = hasCeo && (kind !== "company" || rng.chance(0.5)) ? person() : founder
  roles.push({ role: "CHAIRMAN_OF_THE_BOARD", person: chair })
  const members = kind === "public" ? rng.int(4, 6) : rng.int(0, 3)
  for (let i = 0; i < members; i++) roles.push({ role: "BOARD_MEMBER", person: person() })
  if (rng.chance(0.3)) roles.push({ role: "DEPUTY_BOARD_MEMBER", person: person() })
  if (kind === "public" && rng.chance(0.5)) roles.push({ role: "EMPLOYEES_REPRESENTATIVE", person: person() })
  return roles
}

const firmRoles = (
  rng: Rng,
  country: Country,
  kind: FormKind
): { auditor: Firm | null; accountant: Firm | null } => {
  const needsAuditor =
    kind === "public" || kind === "foundation" || kind === "cooperative" || rng.chance(0.55)
  const auditor = kind !== "sole" && needsAuditor ? makeFirm(rng, country, AUDIT_WORD) : null
  const accountant = rng.chance(kind === "public" ? 0.1 : 0.6)
    ? makeFirm(rng, country, ACCOUNTING_WORD)
    : null
  return { auditor, accountant }
}

const AUDIT_WORD: Record<Country, string> = {
  NO: "REVISJON",
  SE: "Revision",
  FI: "Tilintarkastus",
  DK: "Revision"
}
const ACCOUNTING_WORD: Record<Country, string> = {
  NO: "REGNSKAPSKONTOR",
  SE: "Redovisning",
  FI: "Tilipalvelu",
  DK: "Regnskab"
}

const statusNote = (rng: Rng, country: Country, status: CompanyStatus): Role[] =>
  status === "BANKRUPT" || status === "BANKRUPT_ESTATE"
    ? [{ role: "TRUSTEE", person: makePerson(rng, country, 1950, 1990) }]
    : status === "UNDER_LIQUIDATION"
      ? [{ role: "CONTACT", person: makePerson(rng, country, 1950, 1990) }]
      : []

/** The full synthetic company behind an identifier. Built whole, independent of the requested
 * expands, so every projection of it tells the same story. */
export const makeCompany = (key: CompanyKey, overrides: CompanyOverrides): Company => {
  const { country } = key
  const rng = new Rng(`${key.seed}|org|${country}|${key.identifierType}|${key.identifier.replace("-", "")}`)
  const form = pickForm(rng, country, overrides)
  const industry = rng.pick(INDUSTRIES)
  const status = overrides.status ?? pickStatus(rng, country)
  const founder = makePerson(rng, country)
  const baseName = overrides.name ?? companyName(rng, country, form, industry, founder)
  const isDuns = key.identifierType === "DUNS"
  const organizationNumber = isDuns
    ? makeOrganizationNumber(
        rng,
        country,
        form.kind === "partnership" || form.kind === "limitedPartnership" ? "969" : "559"
      )
    : nationalFormat(country, key.identifier)
  const registeredDate = rng.date(1965, 2023)
  const people = [founder]
  const partnerCount = form.kind === "partnership" || form.kind === "limitedPartnership" ? rng.int(2, 3) : 1
  for (let i = 1; i < partnerCount; i++) people.push(makePerson(rng, country))
  const roles = [...makeRoles(rng, { country, kind: form.kind, people }), ...statusNote(rng, country, status)]
  const { auditor, accountant } = firmRoles(rng, country, form.kind)
  if (auditor !== null) roles.push({ role: "AUDITOR", firm: auditor })
  if (accountant !== null) roles.push({ role: "CERTIFIED_ACCOUNTANT", firm: accountant })
  const ownership = makeOwnership(rng, { country, kind: form.kind, roles, mode: overrides.ownership })
  const employees = employeesFor(rng, form.kind)
  const accounts = makeAccounts(rng, { country, kind: form.kind, employees, status })
  const dunsNumber = isDuns ? key.identifier : rng.chance(0.5) ? rng.digits(9) : null
  const leiNumber =
    form.kind === "public" || (form.kind === "company" && rng.chance(0.35)) ? makeLei(rng) : null
  const visitingAddress = makeAddress(rng, country)
  const name =
    status === "BANKRUPT_ESTATE" && !baseName.endsWith("KONKURSBO") ? `${baseName} KONKURSBO` : baseName
  return {
    country,
    organizationNumber,
    dunsNumber,
    leiNumber,
    name,
    form,
    industry,
    status,
    registeredDate,
    establishedDate: rng.chance(0.7) ? registeredDate : rng.date(1950, Number(registeredDate.slice(0, 4))),
    phoneNumber: form.kind === "sole" && rng.chance(0.5) ? null : phone(rng, country),
    webpage:
      form.kind === "sole" || rng.chance(0.2) ? null : `www.${slug(baseName)}.${country.toLowerCase()}`,
    employees,
    visitingAddress,
    postalAddress: rng.chance(0.6) ? visitingAddress : makeAddress(rng, country),
    roles,
    ownership,
    signatureRights: makeSignatureRights(rng, country, form.kind, roles),
    procuration: makeProcuration(rng, country, form.kind, roles),
    shareCapital: accounts.shareCapital,
    accounts: accounts.years,
    auditor,
    accountant,
    sanctioned: overrides.sanctioned ?? key.sanctioned,
    lastChanged: `${rng.date(2024, 2024)}T${String(rng.int(6, 18)).padStart(2, "0")}:00:00`,
    vatRegistered: form.kind !== "foundation" && rng.chance(0.8)
  }
}
