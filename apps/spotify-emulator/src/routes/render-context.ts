import type { Request } from 'express';
import { apiBase } from '../http/params';
import type { RenderContext } from '../http/serializers';
import type { EmulatorState } from '../services/emulator-state';

export function renderContext(req: Request, state: EmulatorState, market: string | null): RenderContext {
  return {
    apiBase: apiBase(req),
    market,
    includeDeprecatedArtistFields: state.config().includeDeprecatedArtistFields,
    catalog: state.catalog,
  };
}
