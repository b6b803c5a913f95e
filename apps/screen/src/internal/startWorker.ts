import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"
import { Worker, type WorkerOptions } from "node:worker_threads"

/**
 * Starts the worker module `relative` (a path without extension, relative to the module `from`,
 * its `import.meta.url`). Built code runs the compiled `.js`. Tests run the TypeScript sources,
 * and Node 20 does not apply ESM loader hooks inside worker threads, so there the worker is
 * started through tsx's in-thread CommonJS hook instead.
 */
export const startWorker = (from: string, relative: string, options: WorkerOptions): Worker => {
  if (!from.endsWith(".ts")) return new Worker(new URL(`${relative}.js`, from), options)
  const hook = createRequire(from).resolve("tsx/cjs")
  const entry = fileURLToPath(new URL(`${relative}.ts`, from))
  return new Worker(`require(${JSON.stringify(hook)}); require(${JSON.stringify(entry)})`, {
    ...options,
    eval: true
  })
}
