/** Options of the `phase` generator; Nx fills the defaults from schema.json. */
export interface PhaseGeneratorSchema {
  /** `e2e-…`; a Playwright phase ends in `-ui`. */
  name: string;
  runner: 'vitest' | 'playwright';
  /** The phase this one runs after. */
  after: string;
  skipInstall?: boolean;
}
