import { describe, expect, it } from "vitest"
import { bankIdTestSubject, bankIdTestSubjects } from "../src/BankIdTestSubjects.js"
import {
  issueDescriptions,
  resolveNineDigits,
  validateIdentifier,
  validateNoOrganizationNumber,
  validateNoPersonNumber
} from "../src/index.js"
import { outcome, PROD, TEST } from "./support.js"

// bankid-aml-api.md §16.7: BankID's published test subjects.
const organizations: ReadonlyArray<readonly [string, string]> = [
  ["123456789", "Utleie Gruppen AS"],
  ["234567891", "TEST2"],
  ["345678912", "Test3"],
  ["456789123", "HANSEN LEIF"],
  ["567891234", "FRIVILLIG SOL"]
]
const persons: ReadonlyArray<readonly [string, string]> = [
  ["01010750160", "Tomas Topstad"],
  ["01010750241", "Kari Klaven"],
  ["01010750322", "Kris Psa Granum"],
  ["01010751388", "Morten Holm"],
  ["01010751469", "Mia Holm"]
]

describe("BankID test organisations (fail mod-11)", () => {
  it.each(organizations)("%s passes in test mode with W_BANKID_TEST_SUBJECT naming %s", (number, name) => {
    const v = validateNoOrganizationNumber(number, TEST)
    expect(outcome(v)).toBe("ok + W_BANKID_TEST_SUBJECT")
    expect(v.ok && v.value).toBe(number)
    expect(v.warnings[0]?.message).toBe(
      `Norwegian organisation number ${number}: one of BankID's published test subjects (${name}), known only in BankID's test environment`
    )
  })

  it.each(organizations)("%s is refused in production mode (check digit)", (number) => {
    expect(outcome(validateNoOrganizationNumber(number, PROD))).toBe("E_CHECKSUM")
  })

  it.each(organizations)(
    "%s passes decorated, through the dispatcher and the 9-digit rule (country NO)",
    (number) => {
      expect(outcome(validateNoOrganizationNumber(`NO ${number} MVA`, TEST))).toBe(
        "ok + W_BANKID_TEST_SUBJECT"
      )
      expect(outcome(validateIdentifier("NO_ORGANIZATION_NUMBER", number, TEST))).toBe(
        "ok + W_BANKID_TEST_SUBJECT"
      )
      const resolved = resolveNineDigits(number, "NO", TEST)
      expect(resolved.ok && resolved.type).toBe("NO_ORGANIZATION_NUMBER")
      expect(outcome(resolveNineDigits(number, "NO", PROD))).toBe("E_AMBIGUOUS")
    }
  )

  it("lets exactly these five through: every single-digit neighbour still fails the check digit", () => {
    for (const [number] of organizations) {
      for (let i = 0; i < 9; i++) {
        for (let d = 0; d <= 9; d++) {
          const changed = number.slice(0, i) + d + number.slice(i + 1)
          if (changed === number || bankIdTestSubject("NO_ORGANIZATION_NUMBER", changed) !== undefined)
            continue
          const v = validateNoOrganizationNumber(changed, TEST)
          expect(v.warnings.map((w) => w.code)).not.toContain("W_BANKID_TEST_SUBJECT")
        }
      }
    }
  })
})

describe("BankID test persons (valid numbers)", () => {
  it.each(persons)(
    "%s passes in test mode with W_BANKID_TEST_SUBJECT naming %s, number masked",
    (number, name) => {
      const v = validateNoPersonNumber(number, TEST)
      expect(outcome(v)).toBe("ok + W_BANKID_TEST_SUBJECT")
      expect(v.ok && v.dateOfBirth).toBe("2007-01-01")
      const message = v.warnings[0]?.message ?? ""
      expect(message).toContain(`(${name})`)
      expect(message).not.toContain(number)
    }
  )

  it.each(persons)("%s is an ordinary number in production mode, without the test warning", (number) => {
    expect(outcome(validateNoPersonNumber(number, PROD))).toBe("ok")
  })
})

describe("the table", () => {
  it("holds the ten published subjects and nothing else", () => {
    expect(bankIdTestSubjects.map((s) => [s.identifier, s.name])).toEqual([...persons, ...organizations])
  })

  it("describes the warning code", () => {
    expect(issueDescriptions.W_BANKID_TEST_SUBJECT).toMatch(/BankID's published test subjects/)
  })
})
