export { buildBundle, sourcesRevision, type BuildOptions, type Toolchain } from './build.js';
export { collectSources, type PolicyModule, type PolicySources } from './sources.js';
export { loadBundle, EvaluationError, type LoadedBundle, type ResultSet } from './load.js';
export { packBundle, unpackBundle, type Bundle, type BundleManifest } from './bundle.js';
export { opaAvailable } from './opa-toolchain.js';
