import type { IdentifierType } from "./Validation.js"

/**
 * BankID's published AML test subjects (bankid-aml-api.md §16.7, BankID's "AML test users" page).
 * They exist in BankID's test environment only; they are public test data, not real persons or
 * organisations. The five organisation numbers fail the mod-11 check, so only this table lets
 * them through, and only in test mode.
 */
export interface BankIdTestSubject {
  readonly type: Extract<IdentifierType, "NO_ORGANIZATION_NUMBER" | "NO_PERSON_NUMBER">
  /** Canonical form: 9 or 11 digits. */
  readonly identifier: string
  readonly name: string
  /** What BankID says the test environment answers for this subject (or, for organisations, its legal form). */
  readonly documented: string
}

const subject = (
  type: BankIdTestSubject["type"],
  identifier: string,
  name: string,
  documented: string
): BankIdTestSubject => ({ type, identifier, name, documented })

export const bankIdTestSubjects: ReadonlyArray<BankIdTestSubject> = [
  subject(
    "NO_PERSON_NUMBER",
    "01010750160",
    "Tomas Topstad",
    "sanction and PEP hits with different matchIndicator"
  ),
  subject("NO_PERSON_NUMBER", "01010750241", "Kari Klaven", "no PEP or sanction hits"),
  subject(
    "NO_PERSON_NUMBER",
    "01010750322",
    "Kris Psa Granum",
    "fuzzy-search hits; the name must be given exactly"
  ),
  subject(
    "NO_PERSON_NUMBER",
    "01010751388",
    "Morten Holm",
    "no national or postal address; PEP hit marked expired"
  ),
  subject("NO_PERSON_NUMBER", "01010751469", "Mia Holm", "UN_CONSOLIDATED sanction hit"),
  subject("NO_ORGANIZATION_NUMBER", "123456789", "Utleie Gruppen AS", "AS"),
  subject("NO_ORGANIZATION_NUMBER", "234567891", "TEST2", "AS"),
  subject("NO_ORGANIZATION_NUMBER", "345678912", "Test3", "NUF"),
  subject("NO_ORGANIZATION_NUMBER", "456789123", "HANSEN LEIF", "ENK"),
  subject("NO_ORGANIZATION_NUMBER", "567891234", "FRIVILLIG SOL", "association")
]

const byKey = new Map(bankIdTestSubjects.map((s) => [`${s.type}|${s.identifier}`, s]))

/** The test subject with this canonical identifier, if BankID publishes one. */
export function bankIdTestSubject(type: IdentifierType, identifier: string): BankIdTestSubject | undefined {
  return byKey.get(`${type}|${identifier}`)
}

/** The detail of the `W_BANKID_TEST_SUBJECT` warning. */
export function testSubjectDetail(subject: BankIdTestSubject): string {
  return `one of BankID's published test subjects (${subject.name}), known only in BankID's test environment`
}
