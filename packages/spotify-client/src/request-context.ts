/**
 * What the client attaches to each Web API request config (axios carries unknown config keys through
 * interceptors and through axios-retry's re-sent requests).
 */
export interface SpotifyRequestContext {
  /** Endpoint label for logs and metrics, e.g. `GET /v1/artists/{id}/albums`. */
  endpoint: string;
  /** The caller's deadline (epoch ms). */
  deadline?: number;
  /** Set per attempt by the request interceptor: the access token sent (to invalidate it after a 401). */
  token?: string;
  /** Set per attempt by the request interceptor: when the HTTP request left. */
  startedAt?: number;
}

declare module 'axios' {
  interface AxiosRequestConfig {
    albumboard?: SpotifyRequestContext;
  }
}
