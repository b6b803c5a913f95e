import type { Adapter, AmlClient, Lookup } from "@nordscreen/core"
import type { OrganizationQuery } from "@nordscreen/organization"
import { orgDkAdapter, screenOrganizationDk, screenOrganizationDkEffect } from "@nordscreen/org-dk"
import { orgFiAdapter, screenOrganizationFi, screenOrganizationFiEffect } from "@nordscreen/org-fi"
import { orgNoAdapter, screenOrganizationNo, screenOrganizationNoEffect } from "@nordscreen/org-no"
import { orgSeAdapter, screenOrganizationSe, screenOrganizationSeEffect } from "@nordscreen/org-se"
import { personNoAdapter, screenPersonNo, screenPersonNoEffect } from "@nordscreen/person-no"
import { FIXTURES, type Fixture } from "@nordscreen/simulator"
import { expect } from "vitest"
import type { LookupRun } from "./simulatorEngine.js"

export type PromiseOptions = Lookup.LookupOptions & { readonly client: AmlClient.AmlClient }

/** One query, ready for either API of its adapter. */
export interface Lookups {
  readonly effect: (options?: Lookup.LookupOptions) => LookupRun
  readonly promise: (options: PromiseOptions) => Promise<Lookup.Lookup<unknown>>
}

/** What the shared suites need to know about one adapter package. */
export interface AdapterCase {
  readonly id: string
  readonly adapter: Adapter.AnyAdapter
  /** The folder under packages/ (README examples, recorded responses in test/fixtures). */
  readonly packageDir: string
  /** The simulator's pinned fixtures for this adapter's endpoint. */
  readonly fixtures: ReadonlyArray<Fixture>
  readonly minFixtures: number
  readonly minRecorded: number
  /** What `keyInformation` of a decoded result holds: national formats and fields. */
  readonly keyInformation: (fixture: Fixture) => object
  /** The identifier is a national identity number, which `subject` must mask. */
  readonly secretIdentifier: boolean
  /** The first value each README example prints. */
  readonly examples: { readonly effect: string; readonly promise: string }
  readonly ofFixture: (fixture: Fixture) => Lookups
  /** Queries the row rules refuse in every mode, with the code they are refused with. */
  readonly invalid: ReadonlyArray<{
    readonly label: string
    readonly code: string
    readonly lookups: Lookups
  }>
}

interface CaseSpec<Query, Result> {
  readonly adapter: Adapter.AnyAdapter
  readonly api: readonly [Lookup.LookupEffect<Query, Result>, Lookup.LookupPromise<Query, Result>]
  /** The query a caller would write for a fixture. */
  readonly query: (fixture: Fixture) => Query
  readonly invalid: ReadonlyArray<readonly [Query, string]>
  /** How many simulator fixtures and recorded responses there are at least. */
  readonly least: { readonly fixtures: number; readonly recorded: number }
  readonly keyInformation: (fixture: Fixture) => object
  readonly secretIdentifier: boolean
  readonly examples: AdapterCase["examples"]
}

const adapterCase = <Query, Result>(spec: CaseSpec<Query, Result>): AdapterCase => {
  const [effect, promise] = spec.api
  const lookupsOf = (query: Query): Lookups => ({
    effect: (options) => effect(query, options),
    promise: (options) => promise(query, options)
  })
  const { adapter } = spec
  return {
    ...spec,
    id: adapter.id,
    packageDir: adapter.id,
    minFixtures: spec.least.fixtures,
    minRecorded: spec.least.recorded,
    fixtures: FIXTURES.filter((f) => f.resource === adapter.kind && f.country === adapter.country),
    ofFixture: (fixture) => lookupsOf(spec.query(fixture)),
    invalid: spec.invalid.map(([query, code]) => ({
      label: JSON.stringify(query),
      code,
      lookups: lookupsOf(query)
    }))
  }
}

interface OrganizationDetails
  extends Pick<CaseSpec<OrganizationQuery, unknown>, "invalid" | "least" | "examples"> {
  /** The organization number as the registry formats it; Sweden and Finland add their own fields. */
  readonly registry: { readonly format: RegExp; readonly nationalFields: boolean }
}

/** An organization adapter, queried by its fixtures' organization number or DUNS. */
const organizationCase = <Result>(
  adapter: Adapter.AnyAdapter,
  api: CaseSpec<OrganizationQuery, Result>["api"],
  { registry, ...details }: OrganizationDetails
): AdapterCase => {
  const number = { country: adapter.country, organizationNumber: expect.stringMatching(registry.format) }
  const keyInformation = registry.nationalFields ? { ...number, nationalFields: expect.any(Object) } : number
  return adapterCase({
    ...details,
    adapter,
    api,
    query: (fixture) =>
      fixture.identifierType === "DUNS"
        ? { duns: fixture.identifier }
        : { organizationNumber: fixture.identifier },
    keyInformation: () => keyInformation,
    secretIdentifier: false
  })
}

const orgNoCase = organizationCase(orgNoAdapter, [screenOrganizationNoEffect, screenOrganizationNo], {
  invalid: [
    ["923609017", "E_CHECKSUM"],
    [{ identifier: "150000001", country: "NO" }, "E_AMBIGUOUS"]
  ],
  least: { fixtures: 10, recorded: 5 },
  examples: { effect: "FJORDLYS TEKNIKK AS", promise: "NORDKAPP HANDEL AS" },
  registry: { format: /^\d{9}$/, nationalFields: false }
})

const orgSeCase = organizationCase(orgSeAdapter, [screenOrganizationSeEffect, screenOrganizationSe], {
  invalid: [["556036-0794", "E_CHECKSUM"]],
  least: { fixtures: 3, recorded: 2 },
  examples: { effect: "Fjällbacka Verkstad AB", promise: "Östkust Handel AB" },
  registry: { format: /^\d{6}-\d{4}$/, nationalFields: true }
})

const orgFiCase = organizationCase(orgFiAdapter, [screenOrganizationFiEffect, screenOrganizationFi], {
  invalid: [["2077474-1", "E_CHECKSUM"]],
  least: { fixtures: 2, recorded: 1 },
  examples: { effect: "Koivulahti Rakennus Oy", promise: "Koivulahti Rakennus Oy" },
  registry: { format: /^\d{7}-\d$/, nationalFields: true }
})

const orgDkCase = organizationCase(orgDkAdapter, [screenOrganizationDkEffect, screenOrganizationDk], {
  invalid: [
    ["31000018", "E_CHECKSUM"],
    ["01000017", "E_PREFIX"]
  ],
  least: { fixtures: 4, recorded: 2 },
  examples: { effect: "Bøgely Rådgivning ApS", promise: "Lyngholm Byg ApS" },
  registry: { format: /^[1-9]\d{7}$/, nationalFields: true }
})

export const personNoCase = adapterCase({
  adapter: personNoAdapter,
  api: [screenPersonNoEffect, screenPersonNo],
  // The date of birth is left out on purpose: the adapter derives it from the number.
  query: (fixture) => ({ name: fixture.name ?? "Ukjent Person", ssn: fixture.identifier }),
  invalid: [[{ name: "A B", ssn: "15838549991" }, "E_CHECKSUM"]],
  least: { fixtures: 8, recorded: 4 },
  keyInformation: (fixture) => ({ dateOfBirth: fixture.dateOfBirth }),
  secretIdentifier: true,
  examples: { effect: "Ingrid Fjellstad", promise: "Sander Kvarme" }
})

export const organizationCases: ReadonlyArray<AdapterCase> = [orgNoCase, orgSeCase, orgFiCase, orgDkCase]

export const adapterCases: ReadonlyArray<AdapterCase> = [...organizationCases, personNoCase]
