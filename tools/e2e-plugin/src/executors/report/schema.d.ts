/** Options of the `report` executor; Nx fills the defaults from schema.json. */
export interface ReportExecutorOptions {
  /** Folder holding one `<phase>/results.json` per phase, relative to the workspace root. */
  resultsDir: string;
  /** Where to write the aggregated JSON report, relative to the workspace root. */
  outputFile: string;
  /** Where to write the merged JUnit XML, relative to the workspace root. */
  junitFile: string;
  /** Where to write the self-contained HTML report, relative to the workspace root. */
  htmlFile: string;
  /** The quarantine file, relative to the workspace root (default `e2e-quarantine.json`); a missing file quarantines nothing. */
  quarantineFile?: string;
  /** The target that makes a project a phase. */
  target: string;
  /** The phases this run selected (their dependencies are added); unset: every phase. */
  phases?: string[];
}
