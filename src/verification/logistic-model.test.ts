import { describe, expect, it } from "vitest";
import { fitLogisticModel, predictProbability } from "./logistic-model.ts";

describe("fitLogisticModel", () => {
  it("learns the direction of each feature and ranks held-out points accordingly", () => {
    const rows = [
      { cover: 0.9, missing: 0 }, { cover: 0.8, missing: 1 }, { cover: 0.95, missing: 0 }, { cover: 0.7, missing: 0 },
      { cover: 0.3, missing: 3 }, { cover: 0.5, missing: 2 }, { cover: 0.2, missing: 4 }, { cover: 0.6, missing: 3 },
      { cover: 0.4, missing: 2 }, { cover: 0.1, missing: 5 },
    ];
    const labels = [true, true, true, true, false, false, false, false, false, false];
    const model = fitLogisticModel({ features: ["cover", "missing"], rows, labels });
    const held = [{ cover: 1, missing: 0 }, { cover: 0.65, missing: 1 }, { cover: 0.35, missing: 3 }, { cover: 0, missing: 6 }];
    const probabilities = held.map((row) => predictProbability(model, row));
    expect({
      signs: model.weights.map(Math.sign),
      trainingPredictions: rows.map((row) => predictProbability(model, row) >= 0.5),
      ranked: [...probabilities].sort((a, b) => b - a),
    }).toEqual({ signs: [1, -1], trainingPredictions: labels, ranked: probabilities });
  });
});
