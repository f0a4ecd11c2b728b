/** Learning-rate policies (kept as an entry point; the policies live in ./lr/, one module each). */
export * from './lr/index.js';
