import { randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { IdentityErrors } from '../identity.errors';

// argon2id (the library's default algorithm), OWASP's second recommended profile: 19 MiB, t=2, p=1.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (plain: string) => hash(plain, OPTIONS);

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** Verified against when the user does not exist, so timing does not reveal which usernames do. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => (dummyHash ??= hashPassword('dummy-password-for-timing-1A!'));

/** ≥ 8 characters and at least three of: lower case, upper case, digits, other characters. */
export function assertPasswordPolicy(password: string, field = 'password'): void {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length < 8 || password.length > 128 || classes < 3) {
    throw IdentityErrors.field('weak_password', field);
  }
}

/** A password an admin's reset hands out once: random letters and digits, and all four classes of the policy. */
export function generateOneTimePassword(): string {
  const body = randomBytes(12).toString('base64url').replace(/[-_]/g, '');
  return `Ff${body.slice(0, 11)}${randomInt(10)}!${'abcdefghjkmnpqrstuvwxyz'[randomInt(23)]}`;
}
