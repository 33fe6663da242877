/** Paths of the operations routes (one place, so routes and the OpenAPI document cannot disagree). */
export const READINESS_PATH = '/readyz';
export const STATUS_PATH = '/api/v1/status';
export const METRICS_PATH = '/metrics';
export const ADMIN_QUEUES_PATH = '/admin/queues';
export const DOCS_PATH = '/docs';
