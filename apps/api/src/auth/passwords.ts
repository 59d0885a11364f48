import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (OWASP's minimum: m=19 MiB, t=2, p=1): ~25 ms a hash here.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified when an account is unknown or has no password (OAuth-only), so such a login takes as
// long as a wrong password and the answer time does not reveal which accounts exist.
const DECOY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$jjqUaC3f9EXNwCo203Hzag$rezTZdwbk9gP27nNcTMsNvli6tU7L32Iz0Ca+JO1AIE';

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    await verify(DECOY_HASH, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash is a failed login, not a 500
  }
}
