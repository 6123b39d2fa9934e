import { createRng, type Rng } from '../../common/rng.js';
import { nn, type Tensor } from '../../nn/index.js';
import type { CsrMatrix } from './csr-matrix.js';
import type { ItemItemScorer } from './item-item.js';
import { stateArray, type ModelState } from './model-state.js';
import { BaseRecommender, type FitContext, type ModelConfig } from './recommender.js';

/** Hyper-parameters of {@link MultVae}. */
export interface MultVaeArgs {
  /** Width of the encoder's and decoder's hidden layer (default 600, as in the paper). */
  hidden?: number;
  /** Latent dimensions (default 100). */
  latent?: number;
  /** Input dropout rate (default 0.5). */
  dropout?: number;
  /** Passes over the users (default 50). */
  epochs?: number;
  /** Users per step (default 100). */
  batchSize?: number;
  /** Adam learning rate (default 1e-3). */
  learningRate?: number;
  /** Largest KL weight β of the annealing schedule (default 1; the paper's 0.2 overfits small data). */
  betaCap?: number;
  /** Steps over which β grows linearly from 0 to `betaCap` (default 500). */
  annealSteps?: number;
  /** Seed of the initial weights, the shuffles, the dropout masks and the reparameterisation noise. */
  seed?: number;
}

// The paper's 200 latent dimensions and β 0.2 are for MovieLens-20M (136k users); with a thousand users a
// smaller latent space, a stronger KL weight and fewer epochs generalise better. Chosen on a validation split
// of the MovieLens-100k training rows (docs/recommendations.md, "Mult-VAE").
const DEFAULTS: Required<MultVaeArgs> = {
  hidden: 600,
  latent: 100,
  dropout: 0.5,
  epochs: 50,
  batchSize: 100,
  learningRate: 1e-3,
  betaCap: 1,
  annealSteps: 500,
  seed: 42,
};

/** Training users decoded together by `scoreUser` (one GEMM per layer instead of one GEMV per user). */
const SCORE_BLOCK = 256;

/** Single-item rows kept by `itemRow` (512 rows of a 10,000-item catalogue are 20 MB). */
const ITEM_ROW_CACHE = 512;

/** Parameter names in the order of `toState` and the forward pass. */
const PARAMS = ['w1', 'b1', 'wMu', 'bMu', 'wLogVar', 'bLogVar', 'w2', 'b2', 'w3', 'b3'] as const;
type ParamName = (typeof PARAMS)[number];

/**
 * Mult-VAE (Liang, Krishnan, Hoffman & Jebara 2018, "Variational Autoencoders for Collaborative Filtering"):
 * a user's item row, L2-normalised with input dropout, is encoded to a Gaussian q(z | x) (tanh hidden layer,
 * mean and log-variance heads), a sample z = μ + σ·ε is decoded to logits over every item, and training
 * minimises the multinomial negative log-likelihood −Σ xᵢ·log softmax(logits)ᵢ plus β·KL(q ‖ N(0, I)) with β
 * annealed from 0. Scoring decodes μ (no sampling, no dropout). Built on Northstar's NN engine: `dense`,
 * `exp`, `dropout`, `softmaxCrossEntropy` ops, autograd and Adam.
 */
export class MultVae extends BaseRecommender implements ItemItemScorer {
  readonly name = 'multvae';
  readonly args: Required<MultVaeArgs>;
  private params: Record<ParamName, Tensor> | undefined;
  /** The last block of training users scored together (see {@link scoreUser}). */
  private blockCache: { first: number; rows: number; scores: Float32Array } | undefined;
  /** Decoded single-item rows (see {@link itemRow}), oldest first. */
  private itemRows = new Map<number, Float32Array>();
  /** Mean training loss (NLL + β·KL) per epoch, for progress reports and tests. */
  losses: number[] = [];

  constructor(args: MultVaeArgs = {}) {
    super();
    this.args = { ...DEFAULTS, ...args };
  }

  protected fitModel(matrix: CsrMatrix, _context: FitContext): void {
    const { hidden, latent, epochs, batchSize, learningRate, betaCap, annealSteps, dropout } = this.args;
    if (!(dropout >= 0 && dropout < 1)) throw new RangeError(`multvae: dropout must be in [0, 1), got ${dropout}`);
    const rng = createRng(this.args.seed);
    const n = matrix.nCols;
    const p = initParams(n, hidden, latent, rng);
    this.params = p;
    this.blockCache = undefined;
    this.itemRows.clear();
    const all = PARAMS.map((k) => p[k]);
    const optimizer = new nn.Adam({ learningRate });
    const users: number[] = [];
    for (let u = 0; u < matrix.nRows; u++) if (matrix.indptr[u + 1]! > matrix.indptr[u]!) users.push(u);
    this.losses = [];
    let step = 0;
    for (let epoch = 0; epoch < epochs; epoch++) {
      rng.shuffle(users);
      let total = 0;
      for (let start = 0; start < users.length; start += batchSize) {
        const batch = users.slice(start, start + batchSize);
        const beta = annealSteps > 0 ? Math.min(betaCap, (betaCap * step) / annealSteps) : betaCap;
        total += this.trainStep(matrix, batch, beta, rng, optimizer, all) * batch.length;
        step++;
      }
      this.losses.push(total / Math.max(1, users.length));
    }
  }

  /** One Adam step on a batch of users; returns the batch's loss. */
  private trainStep(matrix: CsrMatrix, batch: number[], beta: number, rng: Rng, optimizer: nn.Optimizer, all: Tensor[]): number {
    const p = this.params!;
    const n = matrix.nCols;
    const rows = batch.length;
    const counts = new nn.Tensor(new Float32Array(rows * n), [rows, n]);
    for (let r = 0; r < rows; r++) {
      const u = batch[r]!;
      for (let q = matrix.indptr[u]!; q < matrix.indptr[u + 1]!; q++) counts.data[r * n + matrix.indices[q]!] = 1;
    }
    const { indices, scale } = bagOf(matrix, batch, this.args.dropout, rng);
    const h = this.encodeHidden(indices, scale);
    const mu = nn.ops.dense(h, p.wMu, p.bMu);
    const logVar = nn.ops.dense(h, p.wLogVar, p.bLogVar);
    const eps = nn.randomNormal([rows, this.args.latent], rng);
    const z = nn.ops.add(mu, nn.ops.mul(eps, nn.ops.exp(nn.ops.mul(logVar, 0.5))));
    const logits = nn.ops.dense(nn.ops.dense(z, p.w2, p.b2, 'tanh'), p.w3, p.b3);
    // Multinomial NLL: softmaxCrossEntropy is the mean over rows of −Σ x·log softmax, x unnormalised counts.
    const nll = nn.ops.softmaxCrossEntropy(logits, counts);
    // KL(N(μ, σ²) ‖ N(0, 1)) summed over latent dimensions = ½ Σ (μ² + σ² − log σ² − 1), averaged over rows.
    const klTerms = nn.ops.sub(nn.ops.add(nn.ops.mul(mu, mu), nn.ops.exp(logVar)), nn.ops.add(logVar, 1));
    const loss = nn.ops.add(nll, nn.ops.mul(nn.ops.sum(klTerms), (0.5 * beta) / rows));
    const value = loss.data[0]!;
    const order = loss.backward();
    optimizer.step(all);
    for (const t of all) t.zeroGrad();
    for (const t of order) if (!t.isVariable) t.dispose();
    for (const t of [counts, indices, scale, eps]) t.dispose();
    return value;
  }

  /**
   * The first encoder layer, tanh(x̂·W₁ + b₁) for the L2-normalised (and dropped-out) rows x̂: x̂ is sparse, so
   * it is a scaled sum of W₁'s rows (the engine's `embedding` op in `sum` mode, index 0 = padding) instead of
   * a dense GEMM over every item; forward and backward cost O(interactions × hidden), not O(users × items ×
   * hidden).
   */
  private encodeHidden(indices: Tensor, scale: Tensor): Tensor {
    const p = this.params!;
    const summed = nn.ops.embedding(indices, p.w1, { mode: 'sum', maskZero: true });
    return nn.ops.tanh(nn.ops.biasAdd(nn.ops.mul(summed, scale), p.b1));
  }

  /**
   * Scores of a training user. Users are decoded in blocks of {@link SCORE_BLOCK} with one batched forward
   * pass (GEMMs instead of matrix-vector products), since evaluation asks for every user in order.
   */
  scoreUser(user: number, out: Float32Array): void {
    const m = this.matrix;
    if (user >= m.nRows) {
      this.scoreRow([], [], out);
      return;
    }
    const n = m.nCols;
    const cache = this.blockCache;
    if (cache === undefined || user < cache.first || user >= cache.first + cache.rows) {
      const first = user - (user % SCORE_BLOCK);
      const rows = Math.min(SCORE_BLOCK, m.nRows - first);
      const users = Array.from({ length: rows }, (_, r) => first + r);
      const scores = new Float32Array(rows * n);
      nn.tidy(() =>
        nn.noGrad(() => {
          const { indices, scale } = bagOf(m, users, 0, createRng(0));
          scores.set(this.decode(indices, scale).data.subarray(0, scores.length));
        }),
      );
      this.blockCache = { first, rows, scores };
    }
    const block = this.blockCache!;
    out.set(block.scores.subarray((user - block.first) * n, (user - block.first + 1) * n));
  }

  /** Softmax over items of the decoded μ of bags of item indices (inference: no sampling, no dropout). */
  private decode(indices: Tensor, scale: Tensor): Tensor {
    const p = this.params;
    if (p === undefined) throw new Error('multvae: fit() must be called before scoring');
    const mu = nn.ops.dense(this.encodeHidden(indices, scale), p.wMu, p.bMu);
    return nn.ops.softmax(nn.ops.dense(nn.ops.dense(mu, p.w2, p.b2, 'tanh'), p.w3, p.b3));
  }

  /**
   * Softmax probabilities of every item for a row given outside the training matrix (serving folds in new
   * events this way): the row is encoded to μ and decoded. Probabilities rather than logits, so every score is
   * positive and one user's scores sum to 1. Items outside the training catalogue are ignored.
   */
  scoreRow(items: ArrayLike<number>, _values: ArrayLike<number>, out: Float32Array): void {
    const bag: number[] = [];
    for (let t = 0; t < items.length; t++) {
      const i = items[t] as number;
      if (i >= 0 && i < out.length) bag.push(i + 1);
    }
    nn.tidy(() =>
      nn.noGrad(() => {
        const indices = nn.tensor(bag.length > 0 ? bag : [0], [1, Math.max(1, bag.length)]);
        const scale = nn.tensor([bag.length > 0 ? 1 / Math.sqrt(bag.length) : 0], [1, 1]);
        out.set(this.decode(indices, scale).data.subarray(0, out.length));
      }),
    );
  }

  /**
   * Item i's pull on every item: the probabilities the model gives a user who has only item i. Serving asks
   * for the row of every item a user has seen (explanations), so the latest {@link ITEM_ROW_CACHE} rows are kept.
   */
  itemRow(item: number, out: Float32Array): void {
    let row = this.itemRows.get(item);
    if (row === undefined || row.length !== out.length) {
      row = new Float32Array(out.length);
      this.scoreRow([item], [1], row);
      if (this.itemRows.size >= ITEM_ROW_CACHE) this.itemRows.delete(this.itemRows.keys().next().value as number);
      this.itemRows.set(item, row);
    }
    out.set(row);
  }

  /** Mult-VAE reads rows as binary (clicked or not), so every interaction weighs 1. */
  rowWeight(_value: number): number {
    return 1;
  }

  protected override saveState(): ModelState {
    const p = this.params;
    if (p === undefined) throw new Error('multvae: fit() must be called before toState()');
    return Object.fromEntries(PARAMS.map((k) => [k, p[k].data]));
  }

  protected override restoreState(state: ModelState): void {
    const get = (k: ParamName): Float32Array => stateArray(state, k, Float32Array);
    const { hidden, latent } = this.args;
    const n = get('b3').length;
    const shapes: Record<ParamName, number[]> = {
      w1: [n + 1, hidden], b1: [hidden], wMu: [hidden, latent], bMu: [latent], wLogVar: [hidden, latent],
      bLogVar: [latent], w2: [latent, hidden], b2: [hidden], w3: [hidden, n], b3: [n],
    };
    const params = {} as Record<ParamName, Tensor>;
    for (const k of PARAMS) params[k] = nn.variable(new nn.Tensor(get(k), shapes[k]), k);
    this.params = params;
    this.blockCache = undefined;
    this.itemRows.clear();
  }

  getConfig(): ModelConfig {
    return { ...this.args };
  }
}

/** Glorot-uniform weights, N(0, 0.001²) biases (the paper's initialisation). */
function initParams(n: number, hidden: number, latent: number, rng: Rng): Record<ParamName, Tensor> {
  const weight = (rows: number, cols: number, name: string): Tensor => {
    const limit = Math.sqrt(6 / (rows + cols));
    return nn.variable(nn.randomUniform([rows, cols], rng, -limit, limit), name);
  };
  const bias = (size: number, name: string): Tensor => nn.variable(nn.randomNormal([size], rng, 0, 0.001), name);
  return {
    // Row 0 is the padding row of the sparse first layer (see encodeHidden); item i is row i + 1.
    w1: weight(n + 1, hidden, 'w1'),
    b1: bias(hidden, 'b1'),
    wMu: weight(hidden, latent, 'wMu'),
    bMu: bias(latent, 'bMu'),
    wLogVar: weight(hidden, latent, 'wLogVar'),
    bLogVar: bias(latent, 'bLogVar'),
    w2: weight(latent, hidden, 'w2'),
    b2: bias(hidden, 'b2'),
    w3: weight(hidden, n, 'w3'),
    b3: bias(n, 'b3'),
  };
}

/**
 * The batch's rows as padded bags of item indices + 1 (0 pads) and per-row scales 1/√nᵤ/(1 − p): the
 * L2-normalised binary row with inverted input dropout (each item dropped with probability p).
 */
function bagOf(m: CsrMatrix, batch: readonly number[], dropout: number, rng: Rng): { indices: Tensor; scale: Tensor } {
  let width = 1;
  for (const u of batch) width = Math.max(width, m.indptr[u + 1]! - m.indptr[u]!);
  const idx = new Float32Array(batch.length * width);
  const scale = new Float32Array(batch.length);
  batch.forEach((u, r) => {
    const s = m.indptr[u]!;
    const e = m.indptr[u + 1]!;
    let w = r * width;
    for (let q = s; q < e; q++) if (dropout === 0 || rng.next() >= dropout) idx[w++] = m.indices[q]! + 1;
    scale[r] = e > s ? 1 / Math.sqrt(e - s) / (1 - dropout) : 0;
  });
  return { indices: new nn.Tensor(idx, [batch.length, width]), scale: new nn.Tensor(scale, [batch.length, 1]) };
}
