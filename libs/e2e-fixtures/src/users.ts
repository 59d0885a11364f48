import type { AxiosInstance } from 'axios';
import type pg from 'pg';
import { describeExchange } from './api-client.ts';
import { uniqueName } from './unique.ts';

/** A user the fixture signed up through the API, with the session the signup returned. */
export interface TestUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  tier: Tier;
  accessToken: string;
  refreshToken: string;
}

/** The tiers of `users.tier`. */
export type Tier = 'free' | 'pro' | 'studio';

export interface NewUserOptions {
  email?: string;
  password?: string;
  displayName?: string;
  /**
   * The user's tier (signup makes `free`). Set through the database: the API lets nobody change
   * a tier, as billing would in production.
   */
  tier?: Tier;
}

export interface UsersFixture {
  /** Signs up a fresh user (unique email) and remembers it for cleanup. */
  create(options?: NewUserOptions): Promise<TestUser>;
  /** A user this fixture created. */
  get(id: string): TestUser;
  /** Everything this fixture created, oldest first. */
  readonly created: readonly TestUser[];
  /**
   * A fresh email, remembered for cleanup: for accounts made another way (the signup form,
   * OAuth), which the fixture then deletes by email.
   */
  newEmail(): string;
  /** Deletes every user made or handed out here (their rows cascade). Safe to call twice. */
  cleanup(): Promise<void>;
}

export const TEST_EMAIL_DOMAIN = 'e2e.streamkit.dev';

/**
 * Users for one test, runner-neutral (Vitest and Playwright both compose it). Users are made
 * through the API, the way a client would; they are deleted through the database, since the
 * API has no delete-account endpoint.
 */
export function createUsersFixture({ api, db }: { api: AxiosInstance; db: Pick<pg.Pool, 'query'> }): UsersFixture {
  const created: TestUser[] = [];
  const emails = new Set<string>();

  const newEmail = () => {
    const email = `${uniqueName('user')}@${TEST_EMAIL_DOMAIN}`;
    emails.add(email);
    return email;
  };

  return {
    created,
    newEmail,

    async create({
      email = newEmail(),
      password = `pw-${uniqueName('secret')}`,
      displayName = 'E2E User',
      tier = 'free',
    } = {}) {
      emails.add(email);
      // Setting a test up, not testing signup: it does not count as covering the endpoint.
      const response = await api.post(
        '/api/v1/auth/signup',
        { email, password, display_name: displayName },
        { fixtureSetup: true },
      );
      if (response.status !== 201) {
        throw new Error(`users.create: signing up ${email} failed\n${describeExchange(response)}`);
      }
      const { user, access_token, refresh_token } = response.data as {
        user: { id: string };
        access_token: string;
        refresh_token: string;
      };
      if (tier !== 'free') await db.query('update users set tier = $2 where id = $1', [user.id, tier]);
      const made = {
        id: user.id,
        email,
        password,
        displayName,
        tier,
        accessToken: access_token,
        refreshToken: refresh_token,
      };
      created.push(made);
      return made;
    },

    get(id) {
      const found = created.find((user) => user.id === id);
      if (!found) throw new Error(`users.get: no user ${id} was created by this fixture`);
      return found;
    },

    async cleanup() {
      if (emails.size === 0) return;
      await db.query('delete from users where id = any($1::uuid[]) or email = any($2::citext[])', [
        created.map((user) => user.id),
        [...emails],
      ]);
      created.length = 0;
      emails.clear();
    },
  };
}
