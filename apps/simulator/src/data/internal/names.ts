import type { Country } from "../types.js"

export interface NamePool {
  readonly female: ReadonlyArray<string>
  readonly male: ReadonlyArray<string>
  readonly last: ReadonlyArray<string>
  readonly companyFirst: ReadonlyArray<string>
  readonly companySecond: ReadonlyArray<string>
  readonly cities: ReadonlyArray<readonly [postalCode: string, city: string]>
  readonly streets: ReadonlyArray<string>
}

const NO: NamePool = {
  female: [
    "Kari",
    "Ingrid",
    "Anne",
    "Marte",
    "Silje",
    "Ida",
    "Nora",
    "Hanne",
    "Astrid",
    "Solveig",
    "Camilla",
    "Tone"
  ],
  male: ["Ola", "Lars", "Per", "Jon", "Erik", "Henrik", "Magnus", "Knut", "Bjørn", "Sindre", "Håkon", "Tor"],
  last: [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Berg",
    "Haugen",
    "Bakke",
    "Lunde",
    "Dahl",
    "Solberg",
    "Strand",
    "Moen",
    "Eide",
    "Aasen",
    "Nygård",
    "Lie",
    "Sæther"
  ],
  companyFirst: [
    "FJORD",
    "NORDLYS",
    "VESTKYST",
    "FJELLTOPP",
    "HAVBRIS",
    "SKOGLY",
    "BRATTLI",
    "ELVEBREDD",
    "SOLSIDEN",
    "STORHAUG",
    "MÅKESKJÆR",
    "LYNGHEIM"
  ],
  companySecond: [
    "BYGG",
    "EIENDOM",
    "HOLDING",
    "INVEST",
    "TEKNIKK",
    "TRANSPORT",
    "MARIN",
    "KONSULT",
    "HANDEL",
    "REGNSKAP",
    "DATA",
    "RØRLEGGER"
  ],
  cities: [
    ["0150", "OSLO"],
    ["0368", "OSLO"],
    ["5003", "BERGEN"],
    ["7010", "TRONDHEIM"],
    ["4006", "STAVANGER"],
    ["9008", "TROMSØ"],
    ["3015", "DRAMMEN"],
    ["4610", "KRISTIANSAND"],
    ["8006", "BODØ"],
    ["2317", "HAMAR"]
  ],
  streets: [
    "Storgata",
    "Kirkegata",
    "Strandveien",
    "Skolegata",
    "Parkveien",
    "Fjordgata",
    "Industriveien",
    "Bakkeveien"
  ]
}

const SE: NamePool = {
  female: ["Anna", "Maria", "Karin", "Sara", "Emma", "Elin", "Linnea", "Johanna", "Sofia", "Eva"],
  male: ["Erik", "Lars", "Anders", "Johan", "Karl", "Per", "Nils", "Magnus", "Oskar", "Gustav"],
  last: [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Lindqvist",
    "Lindström",
    "Bergström"
  ],
  companyFirst: [
    "Fjällbacka",
    "Norrsken",
    "Skärgårds",
    "Björkvik",
    "Älvdals",
    "Sjöstad",
    "Granlunda",
    "Östkust"
  ],
  companySecond: ["Bygg", "Fastigheter", "Konsult", "Transport", "Invest", "Verkstad", "Handel", "Data"],
  cities: [
    ["111 52", "Stockholm"],
    ["411 04", "Göteborg"],
    ["211 20", "Malmö"],
    ["753 20", "Uppsala"],
    ["581 83", "Linköping"],
    ["903 26", "Umeå"]
  ],
  streets: ["Storgatan", "Drottninggatan", "Kungsgatan", "Sveavägen", "Järnvägsgatan", "Hamngatan"]
}

const FI: NamePool = {
  female: ["Anna", "Maria", "Aino", "Helmi", "Sanna", "Laura", "Emilia", "Kaisa", "Tiina", "Minna"],
  male: ["Juha", "Mikko", "Timo", "Jari", "Antti", "Ville", "Matti", "Pekka", "Eero", "Jussi"],
  last: [
    "Korhonen",
    "Virtanen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Saarinen"
  ],
  companyFirst: [
    "Koivulahti",
    "Revontuli",
    "Järvenpää",
    "Kallio",
    "Saaristo",
    "Pohjola",
    "Kuusimäki",
    "Tunturi"
  ],
  companySecond: [
    "Rakennus",
    "Kiinteistöt",
    "Konsultointi",
    "Kuljetus",
    "Invest",
    "Tekniikka",
    "Kauppa",
    "Data"
  ],
  cities: [
    ["00100", "Helsinki"],
    ["02100", "Espoo"],
    ["33100", "Tampere"],
    ["20100", "Turku"],
    ["90100", "Oulu"],
    ["40100", "Jyväskylä"]
  ],
  streets: ["Mannerheimintie", "Hämeenkatu", "Aleksanterinkatu", "Kauppakatu", "Rantatie", "Asemakatu"]
}

const DK: NamePool = {
  female: ["Anne", "Mette", "Kirsten", "Hanne", "Camilla", "Louise", "Sofie", "Ida", "Freja", "Maja"],
  male: ["Jens", "Søren", "Niels", "Lars", "Mads", "Rasmus", "Anders", "Frederik", "Mikkel", "Henrik"],
  last: [
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Madsen",
    "Kristensen"
  ],
  companyFirst: [
    "Bøgely",
    "Havblik",
    "Lyngholm",
    "Skovbrynet",
    "Fjordglimt",
    "Strandvang",
    "Kløverhøj",
    "Egedal"
  ],
  companySecond: ["Byg", "Ejendomme", "Rådgivning", "Transport", "Invest", "Teknik", "Handel", "Data"],
  cities: [
    ["1050", "København K"],
    ["8000", "Aarhus C"],
    ["5000", "Odense C"],
    ["9000", "Aalborg"],
    ["6700", "Esbjerg"],
    ["7100", "Vejle"]
  ],
  streets: ["Vestergade", "Østergade", "Nørregade", "Søndergade", "Strandvejen", "Algade"]
}

export const NAME_POOLS: Record<Country, NamePool> = { NO, SE, FI, DK }

/** Foreign places used in screening-list addresses (lists carry foreign addresses of lower quality). */
export const FOREIGN_PLACES: ReadonlyArray<
  readonly [countryCode: string, countryName: string, city: string]
> = [
  ["CY", "Cyprus", "Limassol"],
  ["AE", "United Arab Emirates", "Dubai"],
  ["LV", "Latvia", "Riga"],
  ["TR", "Turkey", "Istanbul"],
  ["RS", "Serbia", "Belgrade"],
  ["GE", "Georgia", "Tbilisi"]
]
