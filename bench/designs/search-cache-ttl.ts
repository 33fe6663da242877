/** The API's search cache lifetime (its SEARCH_CACHE_TTL_S default), used by the albumboard design. */
export const SEARCH_CACHE_TTL_S = 3600;
