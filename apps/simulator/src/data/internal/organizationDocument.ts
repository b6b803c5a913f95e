import type { Country } from "../types.js"
import { LATEST_ACCOUNTING_YEAR } from "./accounts.js"
import type { Authority } from "./authority.js"
import { INSTITUTIONAL_SECTORS } from "./catalog.js"
import type { Firm, Role } from "./firms.js"
import { isNorwegian, type JsonObject, metadata, text } from "./json.js"
import type { CompanyStatus } from "./CompanyStatus.js"
import type { Company, CompanyAddress } from "./organizationModel.js"
import type { Beneficial } from "./ownership.js"
import { Rng } from "./Rng.js"
import { sanctionHits, sanctionListsSearched } from "./screening.js"

export interface DocumentRequest {
  readonly expands: ReadonlySet<string>
  readonly language: string
  readonly ofac: boolean
  /** Without National Registry access, beneficial owners lack citizenship and birthplace (§13). */
  readonly nationalRegistry: boolean
  /** Key of the generator stream for screening hits, so hits are as stable as the company. */
  readonly amlKey: string
}

const REGISTRY_SOURCE: Record<Country, string> = { NO: "BRREG", SE: "BOLAGSVERKET", FI: "PRH", DK: "CVR" }
const COUNTRY_NAME: Record<Country, string> = { NO: "Norway", SE: "Sweden", FI: "Finland", DK: "Denmark" }

const STATUS_CODES: Record<CompanyStatus, ReadonlyArray<string>> = {
  ACTIVE: [],
  BANKRUPT: ["BANKRUPT"],
  BANKRUPT_ESTATE: ["BANKRUPT"],
  UNDER_LIQUIDATION: ["UNDER_LIQUIDATION"],
  DISSOLVED: ["DISSOLVED"]
}

/** The Danish registry (CVR) states its status in Danish; the client maps the words to its flags. */
const STATUS_CODES_DK: Record<CompanyStatus, ReadonlyArray<string>> = {
  ACTIVE: [],
  BANKRUPT: ["UNDER KONKURS"],
  BANKRUPT_ESTATE: ["UNDER KONKURS"],
  UNDER_LIQUIDATION: ["UNDER FRIVILLIG LIKVIDATION"],
  DISSOLVED: ["OPLØST EFTER KONKURS"]
}

const registryMeta = (company: Company, extra: ReadonlyArray<string> = []): JsonObject =>
  metadata({ sources: [REGISTRY_SOURCE[company.country], ...extra], lastChanged: company.lastChanged })

const address = (a: CompanyAddress): JsonObject => ({
  street: a.street,
  postalCode: a.postalCode,
  city: a.city,
  country: a.country
})

const purposeOf = (company: Company): string => {
  const activity = company.industry.activity[company.country]
  if (company.country === "SE") return `Bolaget ska bedriva ${activity} samt därmed förenlig verksamhet.`
  if (company.country === "FI") return `Yhtiön toimiala on ${activity}.`
  if (company.country === "DK")
    return `Selskabets formål er at drive ${activity} og dermed beslægtet virksomhed.`
  return `Selskapets formål er ${activity}, og det som naturlig står i forbindelse med dette.`
}

const registriesOf = (company: Company): string[] => {
  const { country, form, vatRegistered } = company
  if (country === "SE")
    return [
      form.kind === "company" || form.kind === "public" ? "AKTIEBOLAGSREGISTRET" : "HANDELSREGISTRET",
      "F_SKATT",
      ...(vatRegistered ? ["MOMSREGISTRET"] : [])
    ]
  if (country === "FI")
    return ["KAUPPAREKISTERI", "ENNAKKOPERINTAREKISTERI", ...(vatRegistered ? ["ALV_REKISTERI"] : [])]
  if (country === "DK") return ["CVR", ...(vatRegistered ? ["MOMSREGISTRERET"] : [])]
  const trade = form.kind === "foundation" ? "STIFTELSESREGISTERET" : "FORETAKSREGISTERET"
  return ["ENHETSREGISTERET", trade, ...(vatRegistered ? ["MERVERDIAVGIFTSREGISTERET"] : [])]
}

const nationalFields = (company: Company): JsonObject => {
  const digits = company.organizationNumber.replace("-", "")
  const industryCode = company.industry.code.replace(".", "")
  const common = { legalFormCode: company.form.nationalCode, legalForm: company.form.nationalName }
  if (company.country === "SE") {
    return {
      ...common,
      sniCode: industryCode,
      registeredOffice: company.visitingAddress.city,
      fTaxRegistered: company.status === "ACTIVE",
      vatNumber: company.vatRegistered ? `SE${digits}01` : null,
      publicCompany: company.form.kind === "public"
    }
  }
  if (company.country === "DK") {
    return {
      ...common,
      branchekode: industryCode,
      municipality: company.visitingAddress.city,
      vatNumber: company.vatRegistered ? `DK${digits}` : null,
      advertisingProtected: false
    }
  }
  return {
    ...common,
    tolCode: industryCode,
    domicile: company.visitingAddress.city,
    vatNumber: company.vatRegistered ? `FI${digits}` : null,
    prepaymentRegister: company.status === "ACTIVE",
    employerRegister: company.employees[0] > 0
  }
}

const keyInformation = (company: Company, request: DocumentRequest): JsonObject => {
  const [from, to] = company.employees
  const sector = INSTITUTIONAL_SECTORS[company.form.kind]
  return {
    name: company.name,
    organizationNumber: company.organizationNumber,
    dunsNumber: company.dunsNumber,
    leiNumber: request.expands.has("lei") ? company.leiNumber : null,
    // A bankrupt estate is a legal form in Norway's registers only; elsewhere the status says it.
    organizationType:
      company.status === "BANKRUPT_ESTATE" && company.country === "NO"
        ? "BANKRUPT_ESTATE"
        : company.form.organizationType,
    phoneNumber: company.phoneNumber,
    country: company.country,
    registeredDate: company.registeredDate,
    establishedDate: company.establishedDate,
    webpage: company.webpage,
    purpose: purposeOf(company),
    employees: { from, to },
    memberOfRegistries: registriesOf(company),
    institutionalSector:
      company.country === "NO" ? { code: sector.code, description: sector.description } : null,
    industrySector: {
      code: company.industry.code,
      description: isNorwegian(request.language) ? company.industry.no : company.industry.en
    },
    statusCodes: (company.country === "DK" ? STATUS_CODES_DK : STATUS_CODES)[company.status],
    metadata: registryMeta(company, company.dunsNumber === null ? [] : ["BISNODE"]),
    ...(company.country === "NO" ? {} : { nationalFields: nationalFields(company) })
  }
}

const roleJson = (company: Company, role: Role): JsonObject =>
  "person" in role
    ? {
        role: role.role,
        name: role.person.name,
        firstName: role.person.firstName,
        lastName: role.person.lastName,
        dateOfBirth: role.person.dateOfBirth,
        organizationNumber: null,
        country: company.country,
        metadata: registryMeta(company)
      }
    : {
        role: role.role,
        name: role.firm.name,
        firstName: null,
        lastName: null,
        dateOfBirth: null,
        organizationNumber: role.firm.organizationNumber,
        country: role.firm.country,
        metadata: registryMeta(company)
      }

const REASON_PHRASE: Record<string, readonly [no: string, en: string]> = {
  DIRECT_OWNERSHIP: ["Direkte eierskap", "Direct ownership"],
  INDIRECT_CONTROL_OR_OWNERSHIP: ["Indirekte kontroll eller eierskap", "Indirect control or ownership"],
  ROLE_IN_FOUNDATION: ["Rolle i stiftelse", "Role in foundation"],
  INDIRECT_CONTROL_THROUGH_FOUNDATION_ROLE: [
    "Indirekte kontroll gjennom rolle i stiftelse",
    "Indirect control through a role in a foundation"
  ],
  VOTING_RIGHTS: ["Stemmerettigheter", "Voting rights"],
  VOTING_RIGHTS_AND_DIRECT_OWNERSHIP: [
    "Stemmerettigheter og direkte eierskap",
    "Voting rights and direct ownership"
  ]
}

const beneficialJson = (company: Company, b: Beneficial, request: DocumentRequest): JsonObject => {
  const { language, nationalRegistry } = request
  const [no, en] = REASON_PHRASE[b.reason] ?? [b.reason, b.reason]
  // Swedish and Finnish beneficial-owner registers carry citizenship but no birthplace.
  const birthplace = nationalRegistry && company.country === "NO" ? b.birthplace : null
  return {
    name: b.person.name,
    firstName: b.person.firstName,
    lastName: b.person.lastName,
    dateOfBirth: b.person.dateOfBirth,
    address: {
      street: b.person.street,
      postalCode: b.person.postalCode,
      city: b.person.city,
      country: company.country
    },
    percentageControl: b.percentageControl,
    integratedOwnership: b.integratedOwnership,
    reason: b.reason,
    reasonPhrase: text(language, no, en),
    citizenship: nationalRegistry ? b.citizenship : [],
    birthplace,
    otherInformation: { deceased: false, deceasedDate: null }
  }
}

const ownership = (company: Company, request: DocumentRequest): JsonObject => {
  const { expands } = request
  const o = company.ownership
  // No public shareholder register in Sweden or Finland: those elements stay empty there.
  const hasRegister = company.country === "NO"
  return {
    ...(expands.has("ownership.beneficials")
      ? { beneficials: o.beneficials.map((b) => beneficialJson(company, b, request)) }
      : {}),
    ...(expands.has("ownership.shareholders")
      ? {
          shareholders: hasRegister
            ? o.shareholders.map((s) => ({
                name: s.name,
                organizationNumber: s.organizationNumber,
                dateOfBirth: s.dateOfBirth,
                percentage: s.percentage,
                type: s.type
              }))
            : []
        }
      : {}),
    ...(expands.has("ownership.subsidiaries")
      ? { subsidiaries: hasRegister ? o.subsidiaries.map((s) => ({ ...s })) : [] }
      : {}),
    ...(expands.has("ownership.indicators")
      ? {
          indicators: hasRegister
            ? o.indicators
            : { ...o.indicators, numberOfShareholders: null, hasSubsidiaries: null }
        }
      : {}),
    metadata: registryMeta(
      company,
      request.nationalRegistry && company.country === "NO"
        ? ["NO_BANK_ID", "NO_NATIONAL_REGISTRY"]
        : ["NO_BANK_ID"]
    )
  }
}

const EMPTY_AUTHORITY: JsonObject = {
  status: null,
  description: null,
  options: [],
  remarks: [],
  metadata: null
}

const authority = (company: Company, value: Authority | null, language: string): JsonObject =>
  value === null
    ? EMPTY_AUTHORITY
    : {
        status: value.status,
        description: value.description,
        options: value.options.map((signers) => ({
          required: signers.map((s) => ({
            name: s.person.name,
            dateOfBirth: s.person.dateOfBirth,
            role: s.role
          }))
        })),
        remarks: value.remarks.map((r) => ({ category: r.category, comment: text(language, r.no, r.en) })),
        metadata: registryMeta(company)
      }

const firm = (company: Company, value: Firm | null): JsonObject =>
  value === null
    ? { name: null, organizationNumber: null, metadata: null }
    : { name: value.name, organizationNumber: value.organizationNumber, metadata: registryMeta(company) }

const keyFigures = (company: Company): JsonObject => {
  const latest = company.accounts[0]
  const meta =
    latest === undefined && company.shareCapital === null
      ? null
      : metadata({
          sources: [REGISTRY_SOURCE[company.country]],
          lastChanged: company.lastChanged,
          accountingYear: latest?.year ?? LATEST_ACCOUNTING_YEAR
        })
  const income = latest?.incomeStatement
  return {
    shareCapital: company.shareCapital,
    turnOver: income?.["totalRevenues"] ?? null,
    operatingProfit: income?.["operatingProfits"] ?? null,
    equity: latest?.balanceSheet["equity"] ?? null,
    earnings: income?.["netProfits"] ?? null,
    financialIncome: latest?.financialIncome ?? null,
    metadata: meta
  }
}

const financials = (company: Company, expands: ReadonlySet<string>): JsonObject => {
  const years = company.accounts
  return {
    ...(expands.has("financials.accounting")
      ? {
          accounting: {
            years: years.map((y) => ({
              year: y.year,
              incomeStatement: y.incomeStatement,
              balanceSheet: y.balanceSheet
            })),
            metadata:
              years.length === 0
                ? null
                : metadata({
                    sources: [REGISTRY_SOURCE[company.country]],
                    lastChanged: company.lastChanged,
                    accountingYear: years[0]?.year ?? LATEST_ACCOUNTING_YEAR
                  })
          }
        }
      : {}),
    ...(expands.has("financials.keyFigures") ? { keyFigures: keyFigures(company) } : {}),
    ...(expands.has("financials.auditor") ? { auditor: firm(company, company.auditor) } : {}),
    ...(expands.has("financials.accountant") ? { accountant: firm(company, company.accountant) } : {})
  }
}

const aml = (company: Company, request: DocumentRequest): JsonObject => {
  const lists = sanctionListsSearched(request.ofac)
  const hits = company.sanctioned
    ? sanctionHits(
        new Rng(request.amlKey),
        {
          name: company.name,
          dateOfBirth: null,
          gender: null,
          identityMatch: false,
          exactName: true,
          countryCode: company.country,
          countryName: COUNTRY_NAME[company.country],
          city: company.visitingAddress.city
        },
        request.language,
        { ofac: request.ofac, addresses: 2, isOrganization: true }
      )
    : []
  return {
    sanctionResults: hits,
    status: hits.length > 0 ? "SANCTION" : "NONE",
    message:
      hits.length > 0
        ? text(
            request.language,
            "Organisasjonen har treff på sanksjonslister.",
            "The organization matches entries on sanction lists."
          )
        : null,
    metadata: metadata({ sources: lists, lastChanged: company.lastChanged })
  }
}

const hasPrefix = (expands: ReadonlySet<string>, prefix: string): boolean =>
  [...expands].some((e) => e.startsWith(prefix))

/** Projects the company onto the result document: only requested elements appear, and a
 * requested element without data is an empty node (lists [], scalars null). */
export const organizationDocument = (company: Company, request: DocumentRequest): JsonObject => {
  const { expands, language } = request
  return {
    keyInformation: keyInformation(company, request),
    ...(expands.has("lei")
      ? {
          lei: {
            leiNumber: company.leiNumber,
            metadata:
              company.leiNumber === null
                ? null
                : metadata({ sources: ["GLEIF"], lastChanged: company.lastChanged })
          }
        }
      : {}),
    ...(expands.has("addresses")
      ? {
          addresses: {
            visitingAddress: address(company.visitingAddress),
            postalAddress: address(company.postalAddress),
            metadata: registryMeta(company)
          }
        }
      : {}),
    ...(expands.has("roles") ? { roles: company.roles.map((role) => roleJson(company, role)) } : {}),
    ...(hasPrefix(expands, "ownership.") ? { ownership: ownership(company, request) } : {}),
    ...(expands.has("signatureRights")
      ? { signatureRights: authority(company, company.signatureRights, language) }
      : {}),
    ...(expands.has("procuration") ? { procuration: authority(company, company.procuration, language) } : {}),
    ...(hasPrefix(expands, "financials.") ? { financials: financials(company, expands) } : {}),
    ...(expands.has("aml") ? { aml: aml(company, request) } : {})
  }
}
