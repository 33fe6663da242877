import type {
  AlbumInput,
  AlbumWithSummary,
  LeaderboardBoard,
  LeaderboardPage,
  LeaderboardWindow,
  PageOptions,
  Rating,
  RatingStore,
  RatingStoreBackend,
  StaleAlbum,
  UserRatingsPage,
} from '../rating-store.types';
import type { RatingStoreLogger } from '../logger.types';
import { RatingStoreError } from '../rating-store.errors';
import {
  albumBatchSchema,
  albumIdSchema,
  leaderboardWindowSchema,
  pageSchema,
  parseInput,
  scoreSchema,
  staleAlbumsQuerySchema,
  userIdSchema,
} from '../inputs.schema';
import type { RpcCaller } from './rpc-functions';
import { toAlbumWithSummary, toBoard, toLeaderboardPage, toRating, toStaleAlbums, toUserRatingsPage } from './row-mappers';
import { secretRedactor } from './secret-redactor';

export interface RpcRatingStoreOptions {
  backend: RatingStoreBackend;
  description: string;
  caller: RpcCaller;
  logger: RatingStoreLogger;
  /** Strings that must never appear in an error message or log line (keys, passwords). */
  secrets: string[];
}

/** The RatingStore of every back end: validate, call the SQL function, map the rows. */
export class RpcRatingStore implements RatingStore {
  readonly backend: RatingStoreBackend;
  readonly description: string;
  private readonly caller: RpcCaller;
  private readonly logger: RatingStoreLogger;
  private readonly redact: (text: string) => string;

  constructor(options: RpcRatingStoreOptions) {
    this.backend = options.backend;
    this.description = options.description;
    this.caller = options.caller;
    this.logger = options.logger;
    this.redact = secretRedactor(options.secrets);
  }

  /** Run `work`, turning every failure into a RatingStoreError with a redacted message. */
  private async run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const mapped =
        error instanceof RatingStoreError
          ? error
          : new RatingStoreError('internal', `${operation}: unexpected failure`, { operation });
      const message = this.redact(mapped.message);
      const safe =
        message === mapped.message
          ? mapped
          : new RatingStoreError(mapped.code, message, {
              operation: mapped.operation ?? operation,
              sqlstate: mapped.sqlstate,
              httpStatus: mapped.httpStatus,
            });
      if (safe.code === 'internal' || safe.code === 'unavailable') {
        const fields = { operation, code: safe.code, sqlstate: safe.sqlstate, httpStatus: safe.httpStatus };
        this.logger.error({ ...fields, reason: safe.message }, 'rating store call failed');
      }
      throw safe;
    }
  }

  async submitRating(userId: string, albumId: string, score: number): Promise<Rating> {
    const p_user_id = parseInput('submitRating', userIdSchema, userId);
    const p_album_id = parseInput('submitRating', albumIdSchema, albumId);
    const p_score = parseInput('submitRating', scoreSchema, score);
    return this.run('submitRating', async () =>
      toRating(await this.caller.rows('submit_rating', { p_user_id, p_album_id, p_score })),
    );
  }

  async deleteRating(userId: string, albumId: string): Promise<boolean> {
    const p_user_id = parseInput('deleteRating', userIdSchema, userId);
    const p_album_id = parseInput('deleteRating', albumIdSchema, albumId);
    return this.run('deleteRating', async () => {
      const deleted = await this.caller.scalar('delete_rating', { p_user_id, p_album_id });
      return deleted === true;
    });
  }

  async listUserRatings(userId: string, page: PageOptions = {}): Promise<UserRatingsPage> {
    const p_user_id = parseInput('listUserRatings', userIdSchema, userId);
    const { limit, offset } = parseInput('listUserRatings', pageSchema, page);
    return this.run('listUserRatings', async () =>
      toUserRatingsPage({ limit, offset }, await this.caller.rows('get_user_ratings', { p_user_id, p_limit: limit, p_offset: offset })),
    );
  }

  async upsertAlbums(albums: AlbumInput[]): Promise<number> {
    const valid = parseInput('upsertAlbums', albumBatchSchema, albums);
    if (valid.length === 0) return 0;
    const p_albums = valid.map((a) => ({
      id: a.id,
      name: a.name,
      artists: a.artists.map((artist) => ({ id: artist.id, name: artist.name })),
      image_url: a.imageUrl,
      release_date: a.releaseDate,
      album_type: a.albumType,
      total_tracks: a.totalTracks,
      spotify_url: a.spotifyUrl,
    }));
    return this.run('upsertAlbums', async () => Number(await this.caller.scalar('upsert_albums', { p_albums })));
  }

  async getAlbum(albumId: string): Promise<AlbumWithSummary | null> {
    const p_album_id = parseInput('getAlbum', albumIdSchema, albumId);
    return this.run('getAlbum', async () =>
      toAlbumWithSummary(await this.caller.rows('get_album_summary', { p_album_id })),
    );
  }

  async listStaleAlbums(olderThanSeconds: number, limit = 100): Promise<StaleAlbum[]> {
    const q = parseInput('listStaleAlbums', staleAlbumsQuerySchema, { olderThanSeconds, limit });
    return this.run('listStaleAlbums', async () =>
      toStaleAlbums(await this.caller.rows('get_stale_album_ids', { p_older_than_s: q.olderThanSeconds, p_limit: q.limit })),
    );
  }

  async recomputeLeaderboard(window: LeaderboardWindow): Promise<LeaderboardBoard> {
    const p_window = parseInput('recomputeLeaderboard', leaderboardWindowSchema, window);
    return this.run('recomputeLeaderboard', async () =>
      toBoard(p_window, await this.caller.rows('recompute_leaderboard', { p_window })),
    );
  }

  async getLeaderboard(window: LeaderboardWindow, page: PageOptions = {}): Promise<LeaderboardPage> {
    const p_window = parseInput('getLeaderboard', leaderboardWindowSchema, window);
    const { limit, offset } = parseInput('getLeaderboard', pageSchema, page);
    return this.run('getLeaderboard', async () => {
      const rows = await this.caller.rows('get_leaderboard', { p_window, p_limit: limit, p_offset: offset });
      return toLeaderboardPage(p_window, { limit, offset }, rows);
    });
  }

  async ping(): Promise<void> {
    return this.run('ping', async () => {
      const ok = await this.caller.scalar('rating_store_health', {});
      if (ok !== true) {
        throw new RatingStoreError('unavailable', 'ping: unexpected health answer', { operation: 'ping' });
      }
    });
  }

  async close(): Promise<void> {
    return this.run('close', () => this.caller.close());
  }
}
