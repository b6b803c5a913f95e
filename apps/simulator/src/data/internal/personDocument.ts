import { type JsonObject, metadata, text } from "./json.js"
import { FOREIGN_PLACES } from "./names.js"
import type { PersonFacts, PostalLine } from "./personModel.js"
import { Rng } from "./Rng.js"
import type { Fixture } from "../fixtures.js"
import {
  type HitSubject,
  PEP_LISTS,
  pepHit,
  pinnedPepHit,
  pinnedSanctionHit,
  sanctionHits,
  sanctionListsSearched
} from "./screening.js"

export interface PersonIdentity {
  readonly name: string
  readonly firstName: string
  readonly middleName: string | null
  readonly lastName: string
  readonly dateOfBirth: string | null
  readonly ssn: string | null
  readonly gender: "Male" | "Female" | null
}

export interface PersonDocumentRequest {
  readonly expands: ReadonlySet<string>
  readonly language: string
  readonly ofac: boolean
  /** Registry-sourced fields are filled only with registry access and an ssn (contract §13). */
  readonly registry: boolean
  readonly pep: boolean
  readonly sanction: boolean
  /** Number of list addresses per sanction hit. */
  readonly sanctionAddresses: number
  readonly amlKey: string
  /** Hits a fixture pins hit by hit; then `pep` and `sanction` are not consulted. */
  readonly hits?: Fixture["hits"]
  /** The registry holds neither a national nor a postal address. */
  readonly noAddress?: boolean
}

const REGISTRY = "NO_NATIONAL_REGISTRY"
const OTHER_SOURCE = "BISNODE"

const keyInformation = (
  who: PersonIdentity,
  facts: PersonFacts,
  request: PersonDocumentRequest
): JsonObject => {
  const { expands, registry } = request
  const source = registry ? REGISTRY : OTHER_SOURCE
  return {
    name: who.name,
    firstName: who.firstName,
    middleName: who.middleName,
    lastName: who.lastName,
    dateOfBirth: who.dateOfBirth,
    ssn: who.ssn,
    gender: registry ? who.gender : null,
    ...(expands.has("keyInformation.birthplace") ? { birthplace: registry ? facts.birthplace : null } : {}),
    ...(expands.has("keyInformation.citizenship") ? { citizenship: registry ? facts.citizenship : [] } : {}),
    ...(expands.has("keyInformation.historicNames")
      ? {
          historicNames: registry
            ? facts.historicNames.map((h) => ({
                name: `${who.firstName} ${h.lastName}`,
                from: h.from,
                to: h.to
              }))
            : []
        }
      : {}),
    metadata: metadata({ sources: [source], lastChanged: facts.lastChanged })
  }
}

const line = (value: PostalLine, source: string, lastChanged: string): JsonObject => ({
  address: value.address,
  address2: value.address2,
  postalcode: value.postalcode,
  city: value.city,
  country: value.country,
  registeredDate: value.registeredDate,
  metaData: metadata({ sources: [source], lastChanged })
})

const residents = (facts: PersonFacts, expands: ReadonlySet<string>): JsonObject =>
  expands.has("address.numberOfResidents")
    ? {
        numberOfResidents: {
          residents: facts.residents,
          houseType: facts.houseType,
          metaData: metadata({ sources: [OTHER_SOURCE], lastChanged: facts.lastChanged })
        }
      }
    : {}

const EMPTY_LINE: JsonObject = {
  address: null,
  address2: null,
  postalcode: null,
  city: null,
  country: null,
  registeredDate: null,
  metaData: null
}

const ADDRESS_STATUS: Record<string, string> = {
  RESIDENT: "ORDINARY_RESIDENT",
  DECEASED: "UNKNOWN",
  EMIGRATED: "ABROAD"
}

const national = (facts: PersonFacts, request: PersonDocumentRequest): JsonObject =>
  request.registry
    ? {
        ...line(facts.national, REGISTRY, facts.lastChanged),
        personStatus: facts.status,
        addressStatus: ADDRESS_STATUS[facts.status] ?? "UNKNOWN",
        ...residents(facts, request.expands)
      }
    : {
        ...EMPTY_LINE,
        personStatus: null,
        addressStatus: null,
        ...(request.expands.has("address.numberOfResidents") ? { numberOfResidents: null } : {})
      }

/** No national or postal address registered: the person is known, the address lines are empty. */
const withoutAddress = (facts: PersonFacts, request: PersonDocumentRequest): JsonObject => {
  const { expands, registry } = request
  return {
    ...(expands.has("address.national")
      ? {
          national: {
            ...EMPTY_LINE,
            personStatus: registry ? facts.status : null,
            addressStatus: null,
            ...(expands.has("address.numberOfResidents") ? { numberOfResidents: null } : {})
          }
        }
      : {}),
    ...(expands.has("address.postal") ? { postal: null } : {}),
    ...(expands.has("address.historic") ? { historic: [] } : {}),
    matchStatus: null
  }
}

const address = (facts: PersonFacts, request: PersonDocumentRequest): JsonObject => {
  const { expands, registry } = request
  if (request.noAddress === true) return withoutAddress(facts, request)
  const withNational = expands.has("address.national")
  const withPostal = expands.has("address.postal")
  const equal =
    facts.postal.address === facts.national.address && facts.postal.postalcode === facts.national.postalcode
  return {
    ...(withNational ? { national: national(facts, request) } : {}),
    ...(withPostal
      ? { postal: { ...line(facts.postal, OTHER_SOURCE, facts.lastChanged), ...residents(facts, expands) } }
      : {}),
    ...(expands.has("address.historic")
      ? { historic: registry ? facts.historic.map((h) => line(h, REGISTRY, facts.lastChanged)) : [] }
      : {}),
    matchStatus: withNational && withPostal && registry ? (equal ? "Equal" : "NonEqual") : null
  }
}

const STATUS_TEXT: Record<string, readonly [no: string, en: string]> = {
  NONE: ["Ingen treff på PEP- eller sanksjonslister.", "No matches on PEP or sanction lists."],
  PEP: ["Treff på PEP-lister.", "Matches on PEP lists."],
  SANCTION: ["Treff på sanksjonslister.", "Matches on sanction lists."],
  PEP_AND_SANCTION: ["Treff på PEP- og sanksjonslister.", "Matches on PEP and sanction lists."]
}

const countryName = (code: string): string =>
  code === "NO" ? "Norway" : (FOREIGN_PLACES.find(([c]) => c === code)?.[1] ?? code)

const aml = (who: PersonIdentity, facts: PersonFacts, request: PersonDocumentRequest): JsonObject => {
  const rng = new Rng(request.amlKey)
  const subject: HitSubject = {
    name: who.name,
    dateOfBirth: who.dateOfBirth,
    gender: who.gender,
    identityMatch: who.ssn !== null,
    exactName: false,
    countryCode: facts.national.country,
    countryName: countryName(facts.national.country),
    city: facts.national.city
  }
  // Separate streams keep the PEP hit identical whether or not sanction hits are drawn too.
  const pinned = request.hits
  const pepRng = new Rng(`${request.amlKey}|pep`)
  const pepResults =
    pinned !== undefined
      ? pinned.pep.map((pin) => pinnedPepHit(pepRng, subject, request.language, pin))
      : request.pep
        ? [pepHit(pepRng, subject, request.language)]
        : []
  const sanctionResults =
    pinned !== undefined
      ? pinned.sanction.map((pin) =>
          pinnedSanctionHit(rng, subject, request.language, pin, request.sanctionAddresses)
        )
      : request.sanction
        ? sanctionHits(rng, subject, request.language, {
            ofac: request.ofac,
            addresses: request.sanctionAddresses,
            isOrganization: false
          })
        : []
  const status =
    pepResults.length > 0 && sanctionResults.length > 0
      ? "PEP_AND_SANCTION"
      : pepResults.length > 0
        ? "PEP"
        : sanctionResults.length > 0
          ? "SANCTION"
          : "NONE"
  const [no, en] = STATUS_TEXT[status] ?? ["", ""]
  const lists = [...sanctionListsSearched(request.ofac), ...PEP_LISTS]
  return {
    pepResults,
    sanctionResults,
    status,
    statusMessage: text(request.language, no, en),
    list: lists,
    metadata: metadata({ sources: lists, lastChanged: facts.lastChanged })
  }
}

const hasPrefix = (expands: ReadonlySet<string>, prefix: string): boolean =>
  [...expands].some((e) => e.startsWith(prefix))

export const personDocument = (
  who: PersonIdentity,
  facts: PersonFacts,
  request: PersonDocumentRequest
): JsonObject => ({
  keyInformation: keyInformation(who, facts, request),
  ...(hasPrefix(request.expands, "address.") ? { address: address(facts, request) } : {}),
  ...(request.expands.has("aml") ? { aml: aml(who, facts, request) } : {}),
  ...(request.expands.has("roles")
    ? {
        roles: facts.roles.map((r) => ({
          ...r,
          metadata: metadata({ sources: ["BRREG"], lastChanged: facts.lastChanged })
        }))
      }
    : {})
})
