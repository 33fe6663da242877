import type { DesignDefinition, DesignName } from './design';

/**
 * Designs are loaded lazily: a design whose packages are not built (or fail to load) is reported as failed in
 * the results instead of stopping the other designs.
 */
// `require` (not `import()`): the bench runs as CommonJS under tsx and ts-jest alike.
const loaders: Record<DesignName, () => DesignDefinition> = {
  direct: () => (require('./direct.design') as typeof import('./direct.design')).directDesign,
  seed: () => (require('./seed-bullmq.design') as typeof import('./seed-bullmq.design')).seedDesign,
  bottleneck: () => (require('./bottleneck.design') as typeof import('./bottleneck.design')).bottleneckDesign,
  albumboard: () => (require('./albumboard.design') as typeof import('./albumboard.design')).albumboardDesign,
};

/** The design, or a stand-in whose `start` throws the load error (so the failure shows up in the report). */
export function loadDesign(name: DesignName): DesignDefinition {
  try {
    return loaders[name]();
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      name,
      describe: () => `could not be loaded (${why})`,
      start: () => Promise.reject(new Error(`design ${name} could not be loaded: ${why}`)),
    };
  }
}
