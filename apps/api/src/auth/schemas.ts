import { z } from 'zod';

export const email = z.email({ message: 'must be an email address' }).max(254);
export const newPassword = z
  .string()
  .min(8, 'must be at least 8 characters')
  // argon2 hashes anything, but a megabyte of "password" is a denial-of-service attempt.
  .max(256, 'must be at most 256 characters');
/**
 * Text a person sees: no control characters (PostgreSQL refuses NUL in text outright, and the
 * rest — newlines, escapes — have no place in a name).
 */
export const displayName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'must not contain control characters');

export const opaqueToken = z.string().min(1).max(512);

export const publicUser = z.object({
  id: z.uuid(),
  email: z.string(),
  display_name: z.string(),
  tier: z.string(),
  created_at: z.iso.datetime(),
});

export const tokenPair = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  expires_in: z.number().int().describe('Seconds until the access token expires'),
});

export const session = tokenPair.extend({ user: publicUser });

/** The error envelope every non-2xx answer uses (validation failures add `fields`). */
export const errorResponse = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    request_id: z.string(),
  }),
});

/** Marks an operation as needing `Authorization: Bearer <access token>`; the auth plugin enforces it. */
export const bearerAuth = [{ bearerAuth: [] as string[] }];

/**
 * Marks an operation as open to anyone. Written out on every public route (the document then
 * says `security: []`) rather than assumed from a missing `bearerAuth`: the openapi plugin
 * refuses a route that says neither, so forgetting one cannot make an operation public.
 */
export const publicAccess: { bearerAuth: string[] }[] = [];
