// A small logistic regression: standardized features, L2 penalty, optional class balancing. Fitted
// offline by bench/verifier-fit.ts; the verifier only calls predictProbability.

export interface LogisticModel {
  features: string[];
  /** Per-feature mean and standard deviation of the training data, applied before the weights. */
  means: number[];
  scales: number[];
  weights: number[];
  bias: number;
}

export interface FitOptions {
  /** L2 penalty on the (standardized) weights. */
  l2: number;
  iterations: number;
  learningRate: number;
  /** Weight each class so both contribute equally to the loss. */
  balanceClasses: boolean;
}

export const DEFAULT_FIT_OPTIONS: FitOptions = { l2: 0.01, iterations: 3000, learningRate: 0.2, balanceClasses: true };

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function predictProbability(model: LogisticModel, values: Record<string, number>): number {
  let z = model.bias;
  model.features.forEach((name, k) => {
    const scale = model.scales[k] ?? 1;
    z += (model.weights[k] ?? 0) * (((values[name] ?? 0) - (model.means[k] ?? 0)) / scale);
  });
  return sigmoid(z);
}

/** Full-batch gradient descent on the penalized, optionally class-weighted log loss. Deterministic. */
export function fitLogisticModel(args: { features: string[]; rows: Record<string, number>[]; labels: boolean[]; options?: Partial<FitOptions> }): LogisticModel {
  const options = { ...DEFAULT_FIT_OPTIONS, ...args.options };
  const { features, rows, labels } = args;
  const n = rows.length;
  const d = features.length;
  const means = features.map((name) => rows.reduce((total, row) => total + (row[name] ?? 0), 0) / Math.max(1, n));
  const scales = features.map((name, k) => {
    const variance = rows.reduce((total, row) => total + ((row[name] ?? 0) - (means[k] ?? 0)) ** 2, 0) / Math.max(1, n);
    return Math.sqrt(variance) || 1;
  });
  const x = rows.map((row) => features.map((name, k) => ((row[name] ?? 0) - (means[k] ?? 0)) / (scales[k] ?? 1)));
  const positives = labels.filter(Boolean).length;
  const negatives = n - positives;
  const sampleWeight = labels.map((label) => {
    if (!options.balanceClasses || positives === 0 || negatives === 0) return 1;
    return label ? n / (2 * positives) : n / (2 * negatives);
  });
  const weights = new Array<number>(d).fill(0);
  let bias = 0;
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const gradient = new Array<number>(d).fill(0);
    let biasGradient = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number[];
      let z = bias;
      for (let k = 0; k < d; k++) z += (weights[k] as number) * (xi[k] as number);
      const error = (sigmoid(z) - (labels[i] ? 1 : 0)) * (sampleWeight[i] as number);
      for (let k = 0; k < d; k++) gradient[k] = (gradient[k] as number) + error * (xi[k] as number);
      biasGradient += error;
    }
    for (let k = 0; k < d; k++) {
      weights[k] = (weights[k] as number) - options.learningRate * ((gradient[k] as number) / n + options.l2 * (weights[k] as number));
    }
    bias -= options.learningRate * (biasGradient / n);
  }
  return { features, means, scales, weights, bias };
}
