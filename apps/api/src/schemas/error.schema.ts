import { z } from 'zod';

/** The body of every error answer. */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Stable machine-readable code, e.g. invalid_request, spotify_unavailable' }),
    message: z.string().meta({ description: 'Human-readable summary; never contains internals' }),
    details: z.unknown().optional().meta({ description: 'Validation issues for invalid_request' }),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** One validation issue in `error.details` of a 400 answer. */
export const validationIssueSchema = z.object({ path: z.string(), message: z.string() });
export type ValidationIssue = z.infer<typeof validationIssueSchema>;
