import type { Country } from "../types.js"
import type { FormKind } from "./catalog.js"
import type { Role } from "./firms.js"
import { makePerson, type SyntheticPerson } from "./people.js"
import type { Rng } from "./Rng.js"

export interface Signer {
  readonly person: SyntheticPerson
  readonly role: string
}

export interface Remark {
  readonly category: "EXCEPTIONS_POSSIBLE" | "SUPPLEMENTED" | "INCOMPLETE_DATA"
  readonly no: string
  readonly en: string
}

export interface Authority {
  readonly status: "CONCLUSIVE" | "IN_CONCLUSIVE"
  /** Registry text of the rule, in the registry's own language. */
  readonly description: string
  /** Each option is one sufficient combination of signers. */
  readonly options: ReadonlyArray<ReadonlyArray<Signer>>
  readonly remarks: ReadonlyArray<Remark>
}

type Rule =
  | "chairAlone"
  | "ceoAlone"
  | "twoBoard"
  | "chairAndCeo"
  | "boardComplex"
  | "proprietor"
  | "partnersEach"

const RULE_TEXT: Record<Rule, Record<Country, string>> = {
  chairAlone: {
    NO: "Styrets leder alene.",
    SE: "Firman tecknas av styrelsens ordförande ensam.",
    FI: "Hallituksen puheenjohtaja yksin.",
    DK: "Bestyrelsesformanden alene."
  },
  ceoAlone: {
    NO: "Daglig leder alene.",
    SE: "Firman tecknas av verkställande direktören ensam.",
    FI: "Toimitusjohtaja yksin.",
    DK: "Direktionen alene."
  },
  twoBoard: {
    NO: "To styremedlemmer i fellesskap.",
    SE: "Firman tecknas av två styrelseledamöter i förening.",
    FI: "Kaksi hallituksen jäsentä yhdessä.",
    DK: "To bestyrelsesmedlemmer i forening."
  },
  chairAndCeo: {
    NO: "Styrets leder og daglig leder i fellesskap.",
    SE: "Firman tecknas av ordföranden och verkställande direktören i förening.",
    FI: "Hallituksen puheenjohtaja ja toimitusjohtaja yhdessä.",
    DK: "Bestyrelsesformanden og en direktør i forening."
  },
  boardComplex: {
    NO: "Daglig leder og ett styremedlem i fellesskap, eller styrets leder alene. Styret kan meddele prokura.",
    SE: "Firman tecknas av styrelsen. Därutöver har styrelsen bemyndigat andra att teckna firman.",
    FI: "Hallitus. Lisäksi hallitus voi myöntää edustamisoikeuksia.",
    DK: "Den samlede bestyrelse. Bestyrelsen kan meddele prokura."
  },
  proprietor: {
    NO: "Innehaver alene.",
    SE: "Innehavaren ensam.",
    FI: "Elinkeinonharjoittaja yksin.",
    DK: "Indehaveren alene."
  },
  partnersEach: {
    NO: "Deltakerne hver for seg.",
    SE: "Bolagsmännen var för sig.",
    FI: "Yhtiömiehet kukin erikseen.",
    DK: "Interessenterne hver for sig."
  }
}

const EXCEPTIONS: Remark = {
  category: "EXCEPTIONS_POSSIBLE",
  no: "Regelen kan ikke tolkes entydig; kontroller registerteksten.",
  en: "The rule cannot be interpreted unambiguously; check the registry text."
}

const signers = (roles: ReadonlyArray<Role>, ...wanted: string[]): Signer[] =>
  roles.flatMap((r) => ("person" in r && wanted.includes(r.role) ? [{ person: r.person, role: r.role }] : []))

const pairs = (people: ReadonlyArray<Signer>): Signer[][] =>
  people.flatMap((a, i) => people.slice(i + 1).map((b) => [a, b]))

const optionsFor = (rule: Rule, roles: ReadonlyArray<Role>): Signer[][] => {
  const chair = signers(roles, "CHAIRMAN_OF_THE_BOARD")
  const ceo = signers(roles, "CEO")
  switch (rule) {
    case "chairAlone":
      return chair.map((s) => [s])
    case "ceoAlone":
      return ceo.map((s) => [s])
    case "twoBoard":
      return pairs(signers(roles, "CHAIRMAN_OF_THE_BOARD", "BOARD_MEMBER"))
    case "chairAndCeo":
      return [[...chair, ...ceo]]
    case "boardComplex":
      return chair.map((s) => [s])
    case "proprietor":
      return signers(roles, "PROPRIETOR").map((s) => [s])
    case "partnersEach":
      return signers(roles, "PARTICIPANT_WITH_UNLIMITED_LIABILITY", "PARTICIPANT_WITH_SHARED_LIABILITY").map(
        (s) => [s]
      )
  }
}

const ruleFor = (rng: Rng, kind: FormKind, roles: ReadonlyArray<Role>): Rule => {
  if (kind === "sole") return "proprietor"
  if (kind === "partnership" || kind === "limitedPartnership") return "partnersEach"
  const hasCeo = signers(roles, "CEO").length > 0
  const boardSize = signers(roles, "CHAIRMAN_OF_THE_BOARD", "BOARD_MEMBER").length
  return rng.weighted<Rule>([
    ["chairAlone", 3],
    ["ceoAlone", hasCeo ? 2 : 0],
    ["twoBoard", boardSize >= 2 ? 3 : 0],
    ["chairAndCeo", hasCeo ? 2 : 0],
    ["boardComplex", 2]
  ])
}

export const makeSignatureRights = (
  rng: Rng,
  country: Country,
  kind: FormKind,
  roles: ReadonlyArray<Role>
): Authority => {
  const rule = ruleFor(rng, kind, roles)
  const complex = rule === "boardComplex"
  return {
    status: complex ? "IN_CONCLUSIVE" : "CONCLUSIVE",
    description: RULE_TEXT[rule][country],
    options: optionsFor(rule, roles),
    remarks: complex ? [EXCEPTIONS] : []
  }
}

const PROCURATION_TEXT: Record<Country, readonly [each: string, joint: string]> = {
  NO: ["Prokura hver for seg.", "Prokura i fellesskap."],
  SE: ["Prokura var för sig.", "Prokura två i förening."],
  FI: ["Prokura kumpikin yksin.", "Prokura yhdessä."],
  DK: ["Prokura hver for sig.", "Prokura i forening."]
}

/** Only some companies grant procuration; null means "none registered" (an empty node when asked). */
export const makeProcuration = (
  rng: Rng,
  country: Country,
  kind: FormKind,
  roles: ReadonlyArray<Role>
): Authority | null => {
  if ((kind !== "company" && kind !== "public") || !rng.chance(0.35)) return null
  const holders: Signer[] = [
    ...signers(roles, "CEO"),
    { person: makePerson(rng, country), role: "PROCURATION_HOLDER" }
  ]
  const joint = holders.length > 1 && rng.chance(0.4)
  const [each, together] = PROCURATION_TEXT[country]
  return {
    status: "CONCLUSIVE",
    description: joint ? together : each,
    options: joint ? [holders] : holders.map((h) => [h]),
    remarks: rng.chance(0.15)
      ? [
          {
            category: "SUPPLEMENTED",
            no: "Supplert med opplysninger fra styret.",
            en: "Supplemented with information from the board."
          }
        ]
      : []
  }
}
