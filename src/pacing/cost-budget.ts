// The --max-cost cap of one job: the USD spent by the calls the job has stored so far. Checked
// before a section starts; a section already running finishes (and may cross the cap), since
// stopping it would waste what it has already paid for.

export interface CostBudget {
  readonly capUsd: number | undefined;
  spentUsd(): number;
  add(usd: number): void;
  /** True once the spent cost has reached the cap: start nothing new. */
  isExhausted(): boolean;
}

export function createCostBudget(capUsd: number | undefined): CostBudget {
  let spent = 0;
  return {
    capUsd,
    spentUsd: () => spent,
    add(usd) {
      spent += usd;
    },
    isExhausted: () => capUsd !== undefined && spent >= capUsd,
  };
}
