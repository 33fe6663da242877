import { HEAVY_CLIENT, LIGHT_CLIENTS, fairnessScenario } from '../scenarios/fairness.scenario';
import { PREFER_WAIT_S, preferWaitScenario } from '../scenarios/prefer-wait.scenario';

const settings = { budgetPer30s: 60, quick: false, artistCount: 2000, seed: 42 };

describe('the fairness scenario', () => {
  const scenario = fairnessScenario(settings);

  it('names a client on every search: one heavy, sending 13× as often as each of four light ones, 5× the budget together', () => {
    const byClient = new Map<string, number>();
    for (const search of scenario.plan) byClient.set(search.client!, (byClient.get(search.client!) ?? 0) + 1);
    expect([...byClient.keys()].sort()).toEqual([HEAVY_CLIENT, ...LIGHT_CLIENTS].sort());
    const light = scenario.plan.length - byClient.get(HEAVY_CLIENT)!;
    // 4/17 of the load, give or take the randomness of 300 arrivals.
    expect(light / scenario.plan.length).toBeGreaterThan(0.15);
    expect(light / scenario.plan.length).toBeLessThan(0.32);
    expect(scenario.loadFactor).toBeGreaterThanOrEqual(4);
    expect(new Set(scenario.plan.map((s) => s.query)).size).toBe(scenario.plan.length);
  });

  it("turns albumboard's per-client search limit off, so the budget's share is what is measured", () => {
    expect(scenario.apiSettings).toEqual({ API_RATE_LIMIT_SEARCH_PER_MIN: '0' });
  });
});

describe('the prefer-wait scenario', () => {
  it('sends every search of a 5× overload with Prefer: wait=1', () => {
    const scenario = preferWaitScenario(settings);
    expect(scenario.loadFactor).toBe(5);
    expect(scenario.plan.length).toBeGreaterThan(0);
    expect(scenario.plan.every((s) => s.preferWaitS === PREFER_WAIT_S)).toBe(true);
  });
});
