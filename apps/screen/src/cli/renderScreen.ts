import { SIMULATED_BANNER, type TakenOver } from "../report/RunReport.js"
import type { ScreenResult } from "../run/runScreen.js"

const EXIT_MEANING: Readonly<Record<number, string>> = {
  0: "every valid entity screened",
  3: "some entities failed or their create outcome is unknown (see Failures)",
  4: "interrupted: run the same command again to resume",
  5: "hits found (--fail-on-hits)"
}

const takeoverLines = (t: TakenOver | null): ReadonlyArray<string> => {
  if (t === null) return []
  const gone = t.gone === 0 ? "" : ` (${t.gone} gone: created again)`
  return [
    ...(t.sessions === 0 ? [] : [`  taken over      ${t.sessions} sessions from run ${t.fromRunId}${gone}`]),
    ...(t.unknown === 0
      ? []
      : [
          `  unknown         ${t.unknown} creates of run ${t.fromRunId} had no answer: not sent again (--retry-unknown)`
        ])
  ]
}

/** What `nordscreen screen` prints on stdout when a run ends. */
export const renderScreen = (result: ScreenResult): string => {
  const { report } = result
  const s = report.summary
  const outcomes = Object.entries(s.byOutcome)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ")
  const lines = [
    ...(report.run.simulated ? [`*** ${SIMULATED_BANNER} ***`] : []),
    `nordscreen screen — run ${result.runId}${result.resumed ? " (resumed)" : ""}${result.interrupted ? " INTERRUPTED" : ""}, ${report.run.environment}${result.embedded ? " (embedded simulator)" : ""}`,
    "",
    `  rows read       ${s.rows}`,
    `  entities        ${s.entities}${outcomes === "" ? "" : `  (${outcomes})`}`,
    `  duplicate rows  ${s.duplicateRows}`,
    `  rejected rows   ${s.rejectedRows}`,
    `  PEP hits        ${s.pepHits}`,
    `  sanction hits   ${s.sanctionHits}`,
    `  failures        ${s.failures}`,
    ...(s.createsRecovered + s.byOutcome.unknown === 0
      ? []
      : [
          `  lost creates    ${s.createsRecovered} recovered from webhooks, ${s.byOutcome.unknown} outcome unknown (not sent again)`
        ]),
    ...takeoverLines(report.run.takenOver),
    `  changes         ${report.run.previousRunId === null ? "- (no earlier completed run in this workspace)" : `${s.changes} since run ${report.run.previousRunId}`}`,
    "",
    `Report: ${result.runDir}/report.html`,
    `        ${result.runDir}/report.xlsx, report.csv, report.json, manifest.json, entities/`,
    `Exit code ${result.exitCode}: ${EXIT_MEANING[result.exitCode] ?? ""}`
  ]
  return lines.join("\n")
}
