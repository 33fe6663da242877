export type RatingStoreErrorCode =
  | 'validation'
  | 'album_not_found'
  | 'forbidden'
  | 'unavailable'
  | 'internal';

export interface RatingStoreErrorInit {
  operation?: string;
  sqlstate?: string;
  httpStatus?: number;
}

/** Every failure the store reports. Messages never contain secrets or raw stack traces. */
export class RatingStoreError extends Error {
  readonly code: RatingStoreErrorCode;
  /** Store method or SQL function that failed. */
  readonly operation?: string;
  /** SQLSTATE or PostgREST code, when the database answered. */
  readonly sqlstate?: string;
  /** HTTP status of the Supabase response, for the Supabase back end. */
  readonly httpStatus?: number;

  constructor(code: RatingStoreErrorCode, message: string, init: RatingStoreErrorInit = {}) {
    super(message);
    this.name = 'RatingStoreError';
    this.code = code;
    this.operation = init.operation;
    this.sqlstate = init.sqlstate;
    this.httpStatus = init.httpStatus;
  }
}

export interface ValidationIssue {
  path: string;
  message: string;
}

/** Bad input rejected before any database call. */
export class RatingStoreValidationError extends RatingStoreError {
  readonly issues: ValidationIssue[];

  constructor(operation: string, issues: ValidationIssue[]) {
    const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    super('validation', `invalid input for ${operation}: ${summary}`, { operation });
    this.name = 'RatingStoreValidationError';
    this.issues = issues;
  }
}

/** A migration file or the migration history is not in a state the runner can apply. */
export class RatingStoreMigrationError extends RatingStoreError {
  constructor(message: string) {
    super('internal', message, { operation: 'migrate' });
    this.name = 'RatingStoreMigrationError';
  }
}

export function isRatingStoreError(value: unknown): value is RatingStoreError {
  return value instanceof RatingStoreError;
}
