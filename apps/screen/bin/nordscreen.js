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

await import("../dist/bin.js")
