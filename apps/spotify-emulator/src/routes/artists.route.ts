import { Router } from 'express';
import type { AlbumGroup } from '../catalog/catalog.types';
import { buildHref, paging } from '../http/paging';
import { isSpotifyId, parsePaging, single } from '../http/params';
import { artistObject, simplifiedAlbum } from '../http/serializers';
import { SPOTIFY_MESSAGES as MSG, sendSpotifyError } from '../http/spotify-error';
import type { EmulatorState } from '../services/emulator-state';
import { renderContext } from './render-context';

const ALL_GROUPS: AlbumGroup[] = ['album', 'single', 'compilation', 'appears_on'];

/** `GET /v1/artists/{id}` and `GET /v1/artists/{id}/albums` (limit 1–10, default 5). */
export function artistsRouter(state: EmulatorState): Router {
  const router = Router();

  router.get('/artists/:id', (req, res) => {
    if (!isSpotifyId(req.params.id)) return sendSpotifyError(res, 400, MSG.invalidId);
    const artist = state.catalog.artists.get(req.params.id);
    if (!artist) return sendSpotifyError(res, 404, MSG.notFound);
    res.json(artistObject(renderContext(req, state, null), artist));
  });

  router.get('/artists/:id/albums', (req, res) => {
    const { id } = req.params;
    if (!isSpotifyId(id)) return sendSpotifyError(res, 400, MSG.invalidId);
    const page = parsePaging(req, res, { limit: { fallback: 5, min: 1, max: 10 }, maxOffset: 100_000 });
    if (!page) return;
    const { limit, offset, market } = page;
    const groupsParam = single(req.query.include_groups);
    const groups = groupsParam === undefined || groupsParam === '' ? ALL_GROUPS : groupsParam.split(',');
    const badGroup = groups.find((g) => !(ALL_GROUPS as string[]).includes(g));
    if (badGroup !== undefined) return sendSpotifyError(res, 400, `Invalid include_groups value: ${badGroup}`);
    if (!state.catalog.artists.has(id)) return sendSpotifyError(res, 404, MSG.notFound);

    const ctx = renderContext(req, state, market);
    const entries = state.catalog.artistDiscography(id, new Set(groups as AlbumGroup[]));
    const hrefAt = (o: number) =>
      buildHref(`${ctx.apiBase}/artists/${id}/albums`, [
        ['offset', o], ['limit', limit], ['include_groups', groupsParam ?? null], ['market', market],
      ]);
    res.json(paging(entries, offset, limit, hrefAt, (e) => simplifiedAlbum(ctx, e.album, e.group)));
  });
  return router;
}
