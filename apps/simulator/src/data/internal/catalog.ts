import type { Country } from "../types.js"

export type FormKind =
  | "company"
  | "public"
  | "sole"
  | "partnership"
  | "limitedPartnership"
  | "cooperative"
  | "foundation"

export interface LegalForm {
  readonly kind: FormKind
  /** Written after the name ("AS", "AB", "Oy"); a foundation is written as a prefix instead. */
  readonly suffix: string
  readonly organizationType: string
  readonly weight: number
  /** Registry legal-form code where the country has one (SE "juridisk form", FI company form). */
  readonly nationalCode: string | null
  readonly nationalName: string
}

export const LEGAL_FORMS: Record<Country, ReadonlyArray<LegalForm>> = {
  NO: [
    {
      kind: "company",
      suffix: "AS",
      organizationType: "LIMITED_COMPANY",
      weight: 62,
      nationalCode: "AS",
      nationalName: "Aksjeselskap"
    },
    {
      kind: "public",
      suffix: "ASA",
      organizationType: "PUBLIC_LIMITED_COMPANY",
      weight: 3,
      nationalCode: "ASA",
      nationalName: "Allmennaksjeselskap"
    },
    {
      kind: "sole",
      suffix: "ENK",
      organizationType: "SOLE_PROPRIETORSHIP",
      weight: 14,
      nationalCode: "ENK",
      nationalName: "Enkeltpersonforetak"
    },
    {
      kind: "partnership",
      suffix: "ANS",
      organizationType: "GENERAL_PARTNERSHIP",
      weight: 6,
      nationalCode: "ANS",
      nationalName: "Ansvarlig selskap"
    },
    {
      kind: "partnership",
      suffix: "DA",
      organizationType: "GENERAL_PARTNERSHIP_WITH_SHARED_LIABILITY",
      weight: 5,
      nationalCode: "DA",
      nationalName: "Selskap med delt ansvar"
    },
    {
      kind: "cooperative",
      suffix: "SA",
      organizationType: "COOPERATIVE",
      weight: 4,
      nationalCode: "SA",
      nationalName: "Samvirkeforetak"
    },
    {
      kind: "foundation",
      suffix: "STIFTELSEN",
      organizationType: "FOUNDATION",
      weight: 3,
      nationalCode: "STI",
      nationalName: "Stiftelse"
    },
    // Never drawn (weight 0): only fixtures pin them (BankID's test subjects).
    {
      kind: "company",
      suffix: "NUF",
      organizationType: "NORWEGIAN_REGISTERED_FOREIGN_BUSINESS",
      weight: 0,
      nationalCode: "NUF",
      nationalName: "Norskregistrert utenlandsk foretak"
    },
    {
      kind: "foundation",
      suffix: "",
      organizationType: "ASSOCIATION_CLUB_ORGANIZATION",
      weight: 0,
      nationalCode: "FLI",
      nationalName: "Forening/lag/innretning"
    }
  ],
  SE: [
    {
      kind: "company",
      suffix: "AB",
      organizationType: "AKTIEBOLAG",
      weight: 80,
      nationalCode: "49",
      nationalName: "Aktiebolag"
    },
    {
      kind: "public",
      suffix: "AB (publ)",
      organizationType: "AKTIEBOLAG",
      weight: 3,
      nationalCode: "49",
      nationalName: "Publikt aktiebolag"
    },
    {
      kind: "partnership",
      suffix: "HB",
      organizationType: "HANDELSBOLAG",
      weight: 10,
      nationalCode: "31",
      nationalName: "Handelsbolag"
    },
    {
      kind: "limitedPartnership",
      suffix: "KB",
      organizationType: "KOMMANDITBOLAG",
      weight: 7,
      nationalCode: "31",
      nationalName: "Kommanditbolag"
    }
  ],
  FI: [
    {
      kind: "company",
      suffix: "Oy",
      organizationType: "OSAKEYHTIO",
      weight: 80,
      nationalCode: "16",
      nationalName: "Osakeyhtiö"
    },
    {
      kind: "public",
      suffix: "Oyj",
      organizationType: "JULKINEN_OSAKEYHTIO",
      weight: 3,
      nationalCode: "17",
      nationalName: "Julkinen osakeyhtiö"
    },
    {
      kind: "partnership",
      suffix: "Ay",
      organizationType: "AVOIN_YHTIO",
      weight: 7,
      nationalCode: "13",
      nationalName: "Avoin yhtiö"
    },
    {
      kind: "limitedPartnership",
      suffix: "Ky",
      organizationType: "KOMMANDIITTIYHTIO",
      weight: 10,
      nationalCode: "14",
      nationalName: "Kommandiittiyhtiö"
    }
  ],
  DK: [
    {
      kind: "company",
      suffix: "ApS",
      organizationType: "ANPARTSSELSKAB",
      weight: 70,
      nationalCode: "80",
      nationalName: "Anpartsselskab"
    },
    {
      kind: "public",
      suffix: "A/S",
      organizationType: "AKTIESELSKAB",
      weight: 12,
      nationalCode: "60",
      nationalName: "Aktieselskab"
    },
    {
      kind: "partnership",
      suffix: "I/S",
      organizationType: "INTERESSENTSKAB",
      weight: 8,
      nationalCode: "30",
      nationalName: "Interessentskab"
    },
    {
      kind: "limitedPartnership",
      suffix: "K/S",
      organizationType: "KOMMANDITSELSKAB",
      weight: 10,
      nationalCode: "40",
      nationalName: "Kommanditselskab"
    }
  ]
}

/** The suffix of a synthetic company name (a firm, a holding, a subsidiary). */
export const COMPANY_SUFFIX: Record<Country, string> = { NO: "AS", SE: "AB", FI: "Oy", DK: "ApS" }

export interface Industry {
  readonly code: string
  readonly no: string
  readonly en: string
  /** Second word of a synthetic company name, per country. */
  readonly word: Record<Country, string>
  /** Registry purpose text, per country and in that country's language. */
  readonly activity: Record<Country, string>
}

export const INDUSTRIES: ReadonlyArray<Industry> = [
  {
    code: "41.200",
    no: "Oppføring av bygninger",
    en: "Construction of buildings",
    word: { NO: "BYGG", SE: "Bygg", FI: "Rakennus", DK: "BYG" },
    activity: {
      NO: "oppføring av bygninger og annen byggevirksomhet",
      SE: "byggverksamhet",
      FI: "rakentaminen",
      DK: "byggevirksomhed"
    }
  },
  {
    code: "68.209",
    no: "Utleie av egen eller leid fast eiendom ellers",
    en: "Renting and operating of own or leased real estate",
    word: { NO: "EIENDOM", SE: "Fastigheter", FI: "Kiinteistöt", DK: "EJENDOMME" },
    activity: {
      NO: "kjøp, salg og utleie av fast eiendom",
      SE: "förvaltning av fastigheter",
      FI: "kiinteistöjen vuokraus",
      DK: "udlejning af fast ejendom"
    }
  },
  {
    code: "64.200",
    no: "Holdingselskaper",
    en: "Activities of holding companies",
    word: { NO: "HOLDING", SE: "Invest", FI: "Invest", DK: "HOLDING" },
    activity: {
      NO: "eie aksjer og andeler i andre selskaper",
      SE: "förvaltning av värdepapper",
      FI: "arvopapereiden omistaminen",
      DK: "besiddelse af værdipapirer"
    }
  },
  {
    code: "62.010",
    no: "Programmeringstjenester",
    en: "Computer programming activities",
    word: { NO: "DATA", SE: "Data", FI: "Data", DK: "DATA" },
    activity: {
      NO: "utvikling av programvare og tilhørende tjenester",
      SE: "programvaruutveckling",
      FI: "ohjelmistokehitys",
      DK: "softwareudvikling"
    }
  },
  {
    code: "70.220",
    no: "Bedriftsrådgivning og annen administrativ rådgivning",
    en: "Business and other management consultancy activities",
    word: { NO: "KONSULT", SE: "Konsult", FI: "Konsultointi", DK: "KONSULT" },
    activity: {
      NO: "rådgivning innen ledelse og økonomi",
      SE: "konsultverksamhet",
      FI: "liikkeenjohdon konsultointi",
      DK: "virksomhedsrådgivning"
    }
  },
  {
    code: "49.410",
    no: "Godstransport på vei",
    en: "Freight transport by road",
    word: { NO: "TRANSPORT", SE: "Transport", FI: "Kuljetus", DK: "TRANSPORT" },
    activity: {
      NO: "godstransport på vei",
      SE: "godstransporter på väg",
      FI: "tieliikenteen tavarankuljetus",
      DK: "godstransport ad landevej"
    }
  },
  {
    code: "46.900",
    no: "Uspesifisert engroshandel",
    en: "Non-specialised wholesale trade",
    word: { NO: "HANDEL", SE: "Handel", FI: "Kauppa", DK: "HANDEL" },
    activity: {
      NO: "import, eksport og engroshandel",
      SE: "partihandel",
      FI: "tukkukauppa",
      DK: "engroshandel"
    }
  },
  {
    code: "69.201",
    no: "Regnskap og bokføring",
    en: "Accounting and bookkeeping activities",
    word: { NO: "REGNSKAP", SE: "Redovisning", FI: "Tilitoimisto", DK: "REGNSKAB" },
    activity: {
      NO: "regnskapsføring og økonomitjenester",
      SE: "redovisningstjänster",
      FI: "tilitoimistopalvelut",
      DK: "bogføring og regnskabsassistance"
    }
  },
  {
    code: "43.221",
    no: "Rørleggerarbeid",
    en: "Plumbing",
    word: { NO: "RØRLEGGER", SE: "VVS", FI: "LVI", DK: "VVS" },
    activity: {
      NO: "rørleggerarbeid og tilhørende tjenester",
      SE: "VVS-installationer",
      FI: "LVI-asennukset",
      DK: "VVS-installation"
    }
  },
  {
    code: "03.211",
    no: "Produksjon av matfisk og skalldyr i hav- og kystbasert fiskeoppdrett",
    en: "Marine aquaculture",
    word: { NO: "MARIN", SE: "Marin", FI: "Meri", DK: "MARINE" },
    activity: { NO: "oppdrett av fisk og skalldyr", SE: "vattenbruk", FI: "kalankasvatus", DK: "akvakultur" }
  },
  {
    code: "56.101",
    no: "Drift av restauranter og kafeer",
    en: "Restaurants and cafés",
    word: { NO: "MAT OG CAFÉ", SE: "Restaurang", FI: "Ravintola", DK: "CAFÉ" },
    activity: {
      NO: "drift av restaurant og kafé",
      SE: "restaurangverksamhet",
      FI: "ravintolatoiminta",
      DK: "restaurant- og cafédrift"
    }
  }
]

export interface Sector {
  readonly code: string
  readonly description: string
}

export const INSTITUTIONAL_SECTORS: Record<FormKind, Sector> = {
  company: { code: "2100", description: "Private aksjeselskaper mv." },
  public: { code: "2100", description: "Private aksjeselskaper mv." },
  sole: { code: "8200", description: "Personlig næringsdrivende" },
  partnership: { code: "2300", description: "Personlige foretak" },
  limitedPartnership: { code: "2300", description: "Personlige foretak" },
  cooperative: { code: "2100", description: "Private aksjeselskaper mv." },
  foundation: { code: "7000", description: "Ideelle organisasjoner" }
}

export const EMPLOYEE_BANDS: ReadonlyArray<readonly [from: number, to: number | null]> = [
  [0, 0],
  [1, 4],
  [5, 9],
  [10, 19],
  [20, 49],
  [50, 99],
  [100, 249],
  [250, 499],
  [500, 999],
  [1000, null]
]

export const CURRENCY_SCALE: Record<Country, number> = { NO: 1, SE: 1, FI: 0.09, DK: 0.65 }
