import { type Adapter, Wire, WireProfile } from "@nordscreen/core"
import { classifyIdentifier, noIdentityNumbers } from "@nordscreen/identifiers"
import { describePerson } from "./describePerson.js"
import { parsePersonRow } from "./internal/parsePersonRow.js"
import { splitName } from "./internal/splitName.js"
import type { PersonInput } from "./PersonInput.js"
import { PersonInputSchema } from "./PersonInput.js"
import { PersonResultNO } from "./PersonResultNO.js"
import { summarizePerson } from "./summarizePerson.js"

/** Contract §5.4, in the order of the table. */
export const personExpands: ReadonlyArray<string> = [
  "keyInformation",
  "keyInformation.birthplace",
  "keyInformation.citizenship",
  "keyInformation.historicNames",
  "address.national",
  "address.postal",
  "address.historic",
  "address.numberOfResidents",
  "aml",
  "roles",
  "links.reports.aml"
]

/** Who the person is, where they live, PEP/sanction screening and positions held. */
export const personDefaultExpands: ReadonlyArray<string> = [
  "keyInformation",
  "address.national",
  "aml",
  "roles",
  "links.reports.aml"
]

/** A Norwegian person number in the row, or (with no identifier at all) a name and a birth date. */
const fitsShape = (row: Adapter.PortfolioRow, country: string | undefined): boolean => {
  const field = Wire.firstPresent(row, ["ssn", "identifier"])
  if (field !== undefined) {
    return classifyIdentifier(row.cells[field]?.text ?? "", country).includes("NO_PERSON_NUMBER")
  }
  const named = Wire.firstPresent(row, ["name", "lastName", "firstName"]) !== undefined
  return named && Wire.presentCell(row, "dateOfBirth") !== undefined
}

const facts: Adapter.CountryFacts = {
  countryWords: ["nor", "norge", "norway", "noreg", "norja", "norwegen"],
  // Norwegian, and the neighbours' words a Nordic portfolio may use for a Norwegian person.
  kindWords: ["privatperson", "fysiskperson", "privat", "henkilo", "yksityishenkilo"],
  identityNumbers: noIdentityNumbers,
  // Contract §5.1.
  languages: ["no", "nb", "nn", "en"]
}

/** Norwegian persons: `POST /person/session/no`, by national identity number and/or date of birth. */
export const personNoAdapter: Adapter.Adapter<PersonInput, PersonResultNO> = {
  id: "person-no",
  kind: "person",
  country: "NO",
  facts,
  sessionPath: "/person/session/no",
  scopes: ["aml_person/basic"],
  expands: { all: personExpands, defaults: personDefaultExpands },
  reports: { all: ["aml"], defaults: ["aml"] },
  claim: Wire.makeClaim({
    kind: "person",
    country: "NO",
    fitsShape,
    words: { kind: facts.kindWords, country: facts.countryWords }
  }),
  parseRow: parsePersonRow,
  inputSchema: PersonInputSchema,
  describe: describePerson,
  requestBody: (input, options, profile = WireProfile.BUILT_IN_PROFILES.simulator) => {
    const { name, firstName, lastName, ssn, dateOfBirth } = input
    const names =
      name !== undefined && profile.personFullName === "split"
        ? splitName(name)
        : {
            ...(firstName === undefined ? {} : { firstName }),
            ...(lastName === undefined ? {} : { lastName }),
            ...(name === undefined ? {} : { name })
          }
    const person = {
      ...names,
      ...(ssn === undefined ? {} : { ssn }),
      dateOfBirth,
      ...(ssn !== undefined && profile.personCountry ? { country: "NO" } : {})
    }
    return {
      ...(profile.personShape === "nested" ? { identifier: person } : person),
      ...Wire.selectionFields(Wire.chooseExpands(personNoAdapter, options).expands, profile),
      language: options.language ?? "en"
    }
  },
  resultSchema: Wire.fromWire(PersonResultNO),
  summarize: summarizePerson
}
