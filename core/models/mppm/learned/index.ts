/**
 * The trained networks of MPPM (arXiv 2510.00666 §3.3–3.5; derivations and architectures in
 * docs/theory/mppm-learned.md): the learned latent space (autoencoder + distance network, losses
 * L1–L8), the denoising-autoencoder baseline and the latent DDPM baseline, with their artifacts.
 *
 * How the mppm kind calls them (all synchronous inside `runPart`; every loop polls `isCancelled`
 * every batch or chain step and throws CancelledError; progress notes name the network and epoch).
 * Every network trains through the same epoch loop (./train-loop.ts: a seeded permutation per
 * epoch, mini-batches, epoch mean losses, optional early stopping) with its own batch step:
 *
 * Backend. The host selects it before parts run: the pool worker does (app/engine/pool/worker-main.ts),
 * tests call `useTensorBackend()` (test/support/tensor-backend.ts), anything else
 * `await initTensorBackend()` (app/engine/tensor-backend.ts; `tensorBackend()` then tells
 * { backend: 'wasm' | 'cpu', version, note? } for the run's provenance). Without it the networks
 * throw "no tensor backend".
 *
 * Images: Float64Array, n × (width·height·channels), row-major, channels interleaved, in [0, 1];
 * `shape` = { width, height, channels }. 28×28 grey uses the paper's convolutional autoencoder,
 * anything else (a user's folder) the fully connected fallback (`arch: 'dense'`; say so in the run's
 * notes: it is not the paper's architecture).
 *
 * 1. Learned latent (one model per digit in the paper):
 *    `trainLearnedLatent(images, n, shape, options, seed, { isCancelled, progress }) → LearnedLatent`
 *    options (defaults): latent 15, arch by shape, epochs 120, batchSize 128, trainNoise 0.4,
 *    lambda3 0 (the shipped MNIST config; > 0 or adaptiveLambda3: true for the Eikonal variant),
 *    eikonalEps 1e-10, alphas [0.1 … 0.5], lrAutoencoder 1e-3, lrDistance 1e-5, patience 0 (off).
 *    `LearnedLatent` implements `LatentSpace` (kind "learned"): encode / decode / distance (d_ψ and
 *    ∇_z d_ψ by autograd, evaluation mode). `epochLosses` holds L1..L8, the total and λ3 per epoch.
 *    Cost: eight encoder and two decoder passes per batch, forward and backward; the convolutional one is the slow
 *    part: measured 252 s per epoch at 1 000 digits (conv) against 5.8 s (dense) on the shared machine
 *    (docs/theory/mppm-learned.md, `npm run bench`); DDPM restoration of 100 digits ≈ 1 s.
 * 2. DAE: `trainDae(images, n, shape, { latent 15, arch, epochs 100, batchSize 128, trainNoise 0.4,
 *    lr 1e-3, patience 0 }, seed, hooks) → Dae`; `dae.restore(xt, n, out)` = clip(G(E(x̃))),
 *    also `encode`, `decode`.
 * 3. Latent DDPM on the DAE latent: `trainDdpm(dae, images, n, { trainSteps 1200, epochs 100,
 *    batchSize 128, lr 1e-3 }, seed, hooks) → LatentDdpm`;
 *    `ddpm.restore(dae, xt, n, out, { steps: 150, variant: 'consistent' | 'as_in_code', seed, isCancelled })`
 *    (chain from E(x̃), T_used = steps), `ddpm.generate(dae, n, out, { steps?, variant, seed })`
 *    (from N(0, I); steps default the sampler's whole schedule: 1000 as_in_code, 1200 consistent).
 *    Outputs vary with `seed` (the chain's noise), as they should.
 * 4. Artifacts: `learnedLatentToArtifact(m, name?)` / `learnedLatentFromArtifact(a)`,
 *    `daeToArtifact` / `daeFromArtifact`, `ddpmToArtifact` / `ddpmFromArtifact`; formats
 *    "mppm-learned-latent/v1", "mppm-dae/v1", "mppm-latent-ddpm/v1"; reading validates format,
 *    layout and size, and gives bit-identical outputs.
 * 5. Every model holds tfjs variables: call `dispose()` when the part is done with it.
 */
export { type AutoencoderArch, type AutoencoderConfig, type ImageShape, defaultArch } from './autoencoder.js';
export { DAE_FORMAT, DDPM_FORMAT, LEARNED_LATENT_FORMAT, daeFromArtifact, daeToArtifact, ddpmFromArtifact, ddpmToArtifact, learnedLatentFromArtifact, learnedLatentToArtifact } from './artifact.js';
export { Dae, type DaeConfig, type DaeOptions, daeOptions, trainDae } from './dae.js';
export { CODE_SAMPLER_STEPS, type DdpmConfig, type DdpmOptions, type DdpmVariant, LatentDdpm, ddpmOptions, trainDdpm } from './ddpm.js';
export { type Schedule, linearSchedule, reverseChain } from './ddpm-schedule.js';
export { type EpochLosses, LEARNED_DEFAULTS, LearnedLatent, type LearnedLatentConfig, type LearnedLatentOptions, learnedOptions, trainLearnedLatent } from './learned-latent.js';
export type { TrainHooks } from './training.js';
