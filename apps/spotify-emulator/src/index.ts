/**
 * Public API of @albumboard/spotify-emulator. Importing this module never starts a server;
 * the CLI lives in main.ts.
 */
export {
  createEmulatorApp,
  EMULATOR_DEFAULT_CLIENT_ID,
  EMULATOR_DEFAULT_CLIENT_SECRET,
  type EmulatorHandle,
  startEmulator,
  type StartEmulatorOptions,
} from './emulator';
export type { EmulatorOptions } from './options';
export {
  DEFAULT_RUNTIME_CONFIG,
  EmulatorConfigError,
  type EmulatorConfigPatch,
  type EmulatorRuntimeConfig,
  FAULT_KINDS,
  type FaultKind,
  type FaultRates,
} from './runtime-config';
export type { EmulatorStats } from './services/stats.service';
export type { EmulatorState } from './services/emulator-state';
export { generatedAlbumName, generatedArtistId, generatedArtistName } from './catalog/generated-artists';
