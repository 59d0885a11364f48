import type { AxiosInstance, AxiosResponse } from 'axios';
import { describeExchange } from './api-client.ts';
import { uniqueName } from './unique.ts';

export const BRAND_KITS_PATH = '/api/v1/brand-kits';

/** A brand kit as the API answers it (the fields the tests use). */
export interface BrandKit {
  id: string;
  name: string;
  is_active: boolean;
  colors: { palette: { name: string; hex: string; role: string }[] };
  typography: Record<'heading' | 'body', { family: string; weight: number; size: number }>;
  voice: { tone: string; traits: string[]; sample_phrases: string[] };
  guidelines: { dos: string[]; donts: string[]; notes: string };
  created_at: string;
  updated_at: string;
}

/** Who owns a kit: anything holding an access token (a `TestUser` does). */
export interface KitOwner {
  accessToken: string;
}

export interface BrandKitsFixture {
  /** Creates a kit for `owner` through the API, with a unique name unless one is given. */
  create(owner: KitOwner, input?: Record<string, unknown>): Promise<BrandKit>;
  /** A kit this fixture created. */
  get(id: string): BrandKit;
  readonly created: readonly BrandKit[];
  /**
   * Deletes every kit made here through the API, which also removes their logos' stored files
   * (deleting the owner would drop the rows but leave the files). Kits the test already deleted
   * are skipped. Safe to call twice.
   */
  cleanup(): Promise<void>;
}

export const bearer = (owner: KitOwner) => ({ headers: { authorization: `Bearer ${owner.accessToken}` } });

/** A multipart body for POST /brand-kits/{id}/logos; the name and declared type are what a browser would send. */
export function logoForm(
  type: string,
  bytes: Uint8Array,
  { filename = 'logo.png', contentType = 'image/png' } = {},
): FormData {
  const form = new FormData();
  form.set('type', type);
  // A copy on its own ArrayBuffer: the DOM's BlobPart (the UI phases type-check with it) refuses a shared one.
  form.set('file', new Blob([new Uint8Array(bytes)], { type: contentType }), filename);
  return form;
}

/**
 * Brand kits for one test, runner-neutral. Compose it after `users` so it is torn down first:
 * kits go through the API while their owners still exist.
 */
export function createBrandKitsFixture({ api }: { api: AxiosInstance }): BrandKitsFixture {
  const created: (BrandKit & { owner: KitOwner })[] = [];

  return {
    created,

    async create(owner, input = {}) {
      const response = await api.post(BRAND_KITS_PATH, { name: uniqueName('kit'), ...input }, bearer(owner));
      if (response.status !== 201)
        throw new Error(`brandKits.create: creating a brand kit failed\n${describeExchange(response)}`);
      const kit = response.data as BrandKit;
      created.push({ ...kit, owner });
      return kit;
    },

    get(id) {
      const found = created.find((kit) => kit.id === id);
      if (!found) throw new Error(`brandKits.get: no brand kit ${id} was created by this fixture`);
      return found;
    },

    async cleanup() {
      const failures: AxiosResponse[] = [];
      for (const kit of created.splice(0)) {
        const response = await api.delete(`${BRAND_KITS_PATH}/${kit.id}`, bearer(kit.owner));
        // 404: the test deleted it; 401: its owner's session was ended by the test (the rows go with the user).
        if (![204, 401, 404].includes(response.status)) failures.push(response);
      }
      if (failures.length > 0) {
        throw new Error(
          `brandKits.cleanup: deleting ${failures.length} kit(s) failed\n${failures.map(describeExchange).join('\n\n')}`,
        );
      }
    },
  };
}
