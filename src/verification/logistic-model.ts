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
  /** L2 penalty on the (standardized) weights; the bias is not penalized. */
  l2: number;
  /** Newton steps at most; the fit stops earlier once no weight moves by more than 1e-10. */
  maxIterations: number;
  /** Weight each class so both contribute equally to the loss. */
  balanceClasses: boolean;
}

export const DEFAULT_FIT_OPTIONS: FitOptions = { l2: 0.01, maxIterations: 100, balanceClasses: true };

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

/** Solves a x = b in place by Gaussian elimination with partial pivoting (a is small and positive definite). */
function solveLinear(a: number[][], b: number[]): number[] {
  const size = b.length;
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let row = col + 1; row < size; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    const head = a[col]!;
    for (let row = col + 1; row < size; row++) {
      const factor = a[row]![col]! / head[col]!;
      if (factor === 0) continue;
      const target = a[row]!;
      for (let k = col; k < size; k++) target[k] = target[k]! - factor * head[k]!;
      b[row] = b[row]! - factor * b[col]!;
    }
  }
  const x = new Array<number>(size).fill(0);
  for (let row = size - 1; row >= 0; row--) {
    let sum = b[row]!;
    for (let k = row + 1; k < size; k++) sum -= a[row]![k]! * x[k]!;
    x[row] = sum / a[row]![row]!;
  }
  return x;
}

/**
 * Newton's method on the penalized, optionally class-weighted mean log loss: the exact optimum in a
 * few steps (the nested cross-validation in bench/ fits thousands of these). Deterministic.
 */
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
  // Standardized features plus a constant 1 for the bias, which is the last coefficient.
  const x = rows.map((row) => [...features.map((name, k) => ((row[name] ?? 0) - (means[k] ?? 0)) / (scales[k] ?? 1)), 1]);
  const positives = labels.filter(Boolean).length;
  const negatives = n - positives;
  const sampleWeight = labels.map((label) => {
    if (!options.balanceClasses || positives === 0 || negatives === 0) return 1;
    return label ? n / (2 * positives) : n / (2 * negatives);
  });
  const beta = new Array<number>(d + 1).fill(0);
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    const gradient = beta.map((value, k) => (k < d ? options.l2 * value : 0));
    const hessian = beta.map((_, r) => beta.map((__, c) => (r === c && r < d ? options.l2 : 0)));
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      let z = 0;
      for (let k = 0; k <= d; k++) z += beta[k]! * xi[k]!;
      const p = sigmoid(z);
      const w = sampleWeight[i]! / n;
      const error = (p - (labels[i] ? 1 : 0)) * w;
      const curvature = p * (1 - p) * w;
      for (let r = 0; r <= d; r++) {
        gradient[r] = gradient[r]! + error * xi[r]!;
        const row = hessian[r]!;
        for (let c = 0; c <= d; c++) row[c] = row[c]! + curvature * xi[r]! * xi[c]!;
      }
    }
    const step = solveLinear(hessian, gradient);
    let largest = 0;
    for (let k = 0; k <= d; k++) {
      beta[k] = beta[k]! - step[k]!;
      largest = Math.max(largest, Math.abs(step[k]!));
    }
    if (largest < 1e-10) break;
  }
  return { features, means, scales, weights: beta.slice(0, d), bias: beta[d]! };
}
