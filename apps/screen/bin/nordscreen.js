#!/usr/bin/env node
import { setFlagsFromString } from "node:v8"

// V8's allocation-site pretenuring sometimes decides, from the survival of the first rows, to
// allocate per-row objects of a large portfolio directly in the old generation; those objects
// then keep the next rows alive through every young collection until a full one, so nearly every
// row is promoted (measured on 1M rows: ~330 MB promoted and ~400-480 MB peak RSS, against ~30 MB
// and ~240 MB without). Rows are short-lived here, so the CLI turns the heuristic off unless the
// command line of `node` says otherwise.
if (!process.execArgv.some((arg) => arg.includes("allocation-site-pretenuring")))
  setFlagsFromString("--no-allocation-site-pretenuring")

// After each full collection V8 lets the old generation grow to a multiple of what survived it
// (about twice, more while it judges the program busy) before the next one. A screening's live heap is
// flat (≈ 60-70 MB: the code, the sessions in flight), but it promotes a few MB a second, so the
// heap climbed to ≈ 200 MB between full collections and the RSS with it (358 MB peak at 6,000
// entities, 469 MB at 20,000). Growing by 20 % instead keeps the heap at ≈ 100 MB for a few more
// full collections of that small live set (see bench/README.md, screen-cpu).
if (!process.execArgv.some((arg) => arg.includes("heap-growing-percent")))
  setFlagsFromString("--heap-growing-percent=20")

await import("../dist/bin.js")
