import { unconfiguredRatingStore } from '../../src/services/unconfigured-rating-store';

describe('unconfiguredRatingStore', () => {
  it('says it has no back end, and fails every call as unavailable', async () => {
    const store = unconfiguredRatingStore();
    expect(store.backend).toBe('none');
    await expect(store.getAlbum('4aawyAB9vmqN3uQ7FjRGTy')).rejects.toMatchObject({ name: 'RatingStoreError', code: 'unavailable' });
    await expect(store.ping()).rejects.toMatchObject({ code: 'unavailable' });
  });
});
