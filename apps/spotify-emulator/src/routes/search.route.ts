import { Router } from 'express';
import { parseSearchQuery } from '../catalog/search-query';
import { buildHref, paging } from '../http/paging';
import { parsePaging, single } from '../http/params';
import { artistObject, simplifiedAlbum } from '../http/serializers';
import { SPOTIFY_MESSAGES as MSG, sendSpotifyError } from '../http/spotify-error';
import type { EmulatorState } from '../services/emulator-state';
import { renderContext } from './render-context';

const SEARCH_TYPES = ['album', 'artist', 'playlist', 'track', 'show', 'episode', 'audiobook'] as const;
type SearchType = (typeof SEARCH_TYPES)[number];
const isSearchType = (value: string): value is SearchType => (SEARCH_TYPES as readonly string[]).includes(value);

/**
 * `GET /v1/search`: artists and albums come from the catalog; the other Spotify types are valid
 * but always empty. limit 0–10 (default 5), offset 0–1000 (the 2026 limits).
 */
export function searchRouter(state: EmulatorState): Router {
  const router = Router();
  router.get('/search', (req, res) => {
    // Spotify's own next/previous links spell the query `query=`; both spellings work there.
    const q = single(req.query.q) ?? single(req.query.query);
    if (!q?.trim()) return sendSpotifyError(res, 400, MSG.noSearchQuery);
    const typeParam = single(req.query.type);
    if (!typeParam) return sendSpotifyError(res, 400, MSG.missingType);
    const types = [...new Set(typeParam.split(','))];
    const badType = types.find((t) => !isSearchType(t));
    if (badType !== undefined) return sendSpotifyError(res, 400, `Bad search type field ${badType}`);
    const page = parsePaging(req, res, { limit: { fallback: 5, min: 0, max: 10 }, maxOffset: 1000 });
    if (!page) return;
    const { limit, offset, market } = page;

    const ctx = renderContext(req, state, market);
    const query = parseSearchQuery(q);
    const hrefFor = (type: string) => (o: number) =>
      buildHref(`${ctx.apiBase}/search`, [['offset', o], ['limit', limit], ['query', q], ['type', type], ['market', market]]);
    const body: Record<string, unknown> = {};
    for (const type of types as SearchType[]) {
      if (type === 'artist') {
        body.artists = paging(state.catalog.searchArtists(query), offset, limit, hrefFor(type), (a) => artistObject(ctx, a));
      } else if (type === 'album') {
        body.albums = paging(state.catalog.searchAlbums(query), offset, limit, hrefFor(type), (a) => simplifiedAlbum(ctx, a));
      } else {
        body[`${type}s`] = paging([] as never[], offset, limit, hrefFor(type), (x) => x);
      }
    }
    res.json(body);
  });
  return router;
}
