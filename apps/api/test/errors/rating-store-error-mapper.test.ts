import { RatingStoreError, RatingStoreValidationError } from '@albumboard/rating-store';
import { apiErrorFromRatingStore } from '../../src/errors/rating-store-error-mapper';

describe('apiErrorFromRatingStore', () => {
  it.each([
    [new RatingStoreError('album_not_found', 'x'), 404, 'album_not_found', undefined],
    [new RatingStoreError('forbidden', 'submit_rating failed (42501)', { sqlstate: '42501' }), 403, 'forbidden', undefined],
    [new RatingStoreError('unavailable', 'connect ECONNREFUSED 10.0.0.5:5432'), 503, 'database_unavailable', 5],
  ])('%s → %i %s', (error, status, code, retryAfterS) => {
    const mapped = apiErrorFromRatingStore(error);
    expect(mapped).toMatchObject({ status, code });
    expect(mapped?.options.retryAfterS).toBe(retryAfterS);
    expect(mapped?.message).not.toMatch(/ECONNREFUSED|42501|10\.0\.0\.5/);
  });

  it('turns a store validation error into 400 with its issues', () => {
    const mapped = apiErrorFromRatingStore(new RatingStoreValidationError('submitRating', [{ path: 'score', message: 'must be at most 10' }]));
    expect(mapped).toMatchObject({ status: 400, code: 'invalid_request', options: { details: [{ path: 'score', message: 'must be at most 10' }] } });
  });

  it('leaves internal errors and anything else to the 500 path', () => {
    expect(apiErrorFromRatingStore(new RatingStoreError('internal', 'x'))).toBeNull();
    expect(apiErrorFromRatingStore(new Error('x'))).toBeNull();
  });
});
