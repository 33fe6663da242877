import { createPostgresRatingStore, type RatingStore } from '@albumboard/rating-store';
import { createTestDatabase } from '@albumboard/test-support';

/** A port nothing listens on: a store pointed there cannot connect. */
export const DEAD_DATABASE_URL = 'postgres://postgres@127.0.0.1:1/albumboard_down';

export interface TestStore {
  url: string;
  store: RatingStore;
  /** Closes the store and drops its database. */
  drop(): Promise<void>;
}

/** A fresh, uniquely named database with the migrations applied, and a PostgreSQL rating store on it. */
export async function createTestStore(label: string): Promise<TestStore> {
  const database = await createTestDatabase(`api_${label}`);
  const store = await createPostgresRatingStore({ databaseUrl: database.url, poolMax: 4 });
  return {
    url: database.url,
    store,
    async drop() {
      await store.close();
      await database.drop();
    },
  };
}

/** A store on a closed port (no migrations attempted): every call fails as `unavailable`. */
export function deadStore(): Promise<RatingStore> {
  return createPostgresRatingStore({ databaseUrl: DEAD_DATABASE_URL, migrate: false });
}
