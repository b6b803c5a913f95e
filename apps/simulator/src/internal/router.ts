import type { OrgCountry } from "./requests.js"

export const REALM_PATH = "/auth/realms/sim"
export const TOKEN_PATH = `${REALM_PATH}/protocol/openid-connect/token`
export const JWKS_PATH = `${REALM_PATH}/protocol/openid-connect/certs`
const DISCOVERY_PATH = `${REALM_PATH}/.well-known/openid-configuration`

export interface SessionAddress {
  readonly resource: "organization" | "person"
  /** null for the country-less alias `/organization/session/{id}`. */
  readonly country: OrgCountry | null
  readonly id: string
}

export type Route =
  | { readonly kind: "discovery" }
  | { readonly kind: "jwks" }
  | { readonly kind: "token" }
  | { readonly kind: "accessRights" }
  | { readonly kind: "createOrganization"; readonly country: OrgCountry }
  | { readonly kind: "createPerson" }
  | { readonly kind: "info"; readonly address: SessionAddress }
  | { readonly kind: "json"; readonly address: SessionAddress }
  | { readonly kind: "report"; readonly address: SessionAddress; readonly reportType: string }
  | { readonly kind: "admin"; readonly name: string }
  | { readonly kind: "notFound" }
  | { readonly kind: "methodNotAllowed"; readonly allow: string }

const COUNTRIES: Readonly<Record<string, OrgCountry>> = { no: "NO", se: "SE", fi: "FI", dk: "DK" }

const only = (method: string, wanted: string, route: Route): Route =>
  method === wanted || (wanted === "GET" && method === "HEAD")
    ? route
    : { kind: "methodNotAllowed", allow: wanted }

/** Routes of an existing session: `{id}`, `{id}/json`, `{id}/report/{type}`. */
const sessionRoute = (method: string, address: SessionAddress, rest: ReadonlyArray<string>): Route => {
  if (rest.length === 0) return only(method, "GET", { kind: "info", address })
  if (rest.length === 1 && rest[0] === "json") return only(method, "GET", { kind: "json", address })
  if (rest.length === 2 && rest[0] === "report") {
    return only(method, "GET", { kind: "report", address, reportType: rest[1] ?? "" })
  }
  return { kind: "notFound" }
}

const resourceRoute = (method: string, segments: ReadonlyArray<string>): Route => {
  const [resource, session, first, second, ...rest] = segments
  if (session !== "session" || first === undefined || first === "") return { kind: "notFound" }
  const country = COUNTRIES[first]
  if (resource === "person") {
    if (country !== "NO") return { kind: "notFound" }
    if (second === undefined) return only(method, "POST", { kind: "createPerson" })
    return sessionRoute(method, { resource, country: "NO", id: second }, rest)
  }
  if (country === undefined) {
    if (method !== "GET" && method !== "HEAD") return { kind: "notFound" }
    const tail = second === undefined ? [] : [second, ...rest]
    return sessionRoute(method, { resource: "organization", country: null, id: first }, tail)
  }
  if (second === undefined) return only(method, "POST", { kind: "createOrganization", country })
  return sessionRoute(method, { resource: "organization", country, id: second }, rest)
}

export const matchRoute = (method: string, path: string): Route => {
  switch (path) {
    case DISCOVERY_PATH:
      return only(method, "GET", { kind: "discovery" })
    case JWKS_PATH:
      return only(method, "GET", { kind: "jwks" })
    case TOKEN_PATH:
      return only(method, "POST", { kind: "token" })
    case "/access-rights":
      return only(method, "GET", { kind: "accessRights" })
  }
  const segments = path.split("/").slice(1)
  const head = segments[0]
  if (head === "_sim") return { kind: "admin", name: segments.slice(1).join("/") }
  if (head === "organization" || head === "person") return resourceRoute(method, segments)
  return { kind: "notFound" }
}
