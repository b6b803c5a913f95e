// What the benchmarks that drive the built CLI and the simulator process share.
import { createServer } from "node:net"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

export const root = fileURLToPath(new URL("../../", import.meta.url))
export const cliBin = join(root, "apps/screen/bin/nordscreen.js")
export const simBin = join(root, "apps/simulator/bin/nordscreen-simulator.js")

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

/** Valid (mod 11), distinct, synthetic Norwegian organisation numbers from `from` on. */
export const orgNumberFrom =
  (from: number) =>
  (n: number): string => {
    const weights = [3, 2, 7, 6, 5, 4, 3, 2]
    for (let base = from + n * 13; ; base++) {
      const digits = String(base).split("").map(Number)
      const sum = digits.reduce((acc, d, i) => acc + d * (weights[i] ?? 0), 0)
      const check = 11 - (sum % 11)
      if (check === 10) continue
      return `${base}${check === 11 ? 0 : check}`
    }
  }
