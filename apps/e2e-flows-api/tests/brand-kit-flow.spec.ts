import { randomUUID } from 'node:crypto';
import { bearer, BRAND_KITS_PATH, type BrandKit, uniqueName } from '@streamkit/e2e-fixtures';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';

const KIT_LIMIT = 10; // from the product's specification, not read back from the API

const kitUrl = (id: string, rest = '') => `${BRAND_KITS_PATH}/${id}${rest}`;
const fieldsOf = (data: { error: { fields?: { field: string }[] } }) => (data.error.fields ?? []).map((f) => f.field);

/** Each section: a valid value, and bad values with the field each must be refused at. */
const SECTIONS = [
  {
    name: 'colors',
    valid: {
      palette: [
        { name: 'Grape', hex: '#6441a5', role: 'primary' },
        { name: 'Snow', hex: '#FFFFFF', role: 'background' },
        { name: 'Ink', hex: '#17152b', role: 'text' },
      ],
    },
    invalid: [
      {
        what: 'a bad hex colour',
        value: { palette: [{ name: 'Nope', hex: '#12345g', role: 'primary' }] },
        field: 'body.palette.0.hex',
      },
      {
        what: 'an unknown role',
        value: {
          palette: [
            { name: 'Ok', hex: '#123456', role: 'primary' },
            { name: 'Odd', hex: '#654321', role: 'border' },
          ],
        },
        field: 'body.palette.1.role',
      },
      {
        what: 'an over-long list',
        value: { palette: Array.from({ length: 25 }, (_, i) => ({ name: `C${i}`, hex: '#000000', role: 'extended' })) },
        field: 'body.palette',
      },
    ],
  },
  {
    name: 'typography',
    valid: {
      heading: { family: 'Bebas Neue', weight: 800, size: 48 },
      body: { family: 'Roboto', weight: 400, size: 18 },
    },
    invalid: [
      {
        what: 'an unknown weight',
        value: {
          heading: { family: 'Inter', weight: 450, size: 32 },
          body: { family: 'Inter', weight: 400, size: 16 },
        },
        field: 'body.heading.weight',
      },
      {
        what: 'a font name with CSS in it',
        value: {
          heading: { family: 'Inter', weight: 700, size: 32 },
          body: { family: 'x; color: red', weight: 400, size: 16 },
        },
        field: 'body.body.family',
      },
    ],
  },
  {
    name: 'voice',
    valid: { tone: 'hype', traits: ['energetic', 'funny'], sample_phrases: ["Let's gooo!", 'GG everyone'] },
    invalid: [
      {
        what: 'an over-long list',
        value: { tone: 'calm', traits: Array.from({ length: 11 }, (_, i) => `trait ${i}`), sample_phrases: [] },
        field: 'body.traits',
      },
      {
        what: 'an empty phrase',
        value: { tone: 'calm', traits: [], sample_phrases: ['  '] },
        field: 'body.sample_phrases.0',
      },
    ],
  },
  {
    name: 'guidelines',
    valid: { dos: ['Use the logo on dark backgrounds'], donts: ['Stretch the logo'], notes: 'Keep a margin of 16 px.' },
    invalid: [
      {
        what: 'an over-long list',
        value: { dos: Array.from({ length: 21 }, (_, i) => `do ${i}`), donts: [], notes: '' },
        field: 'body.dos',
      },
      { what: 'a missing list', value: { dos: [], notes: '' }, field: 'body.donts' },
    ],
  },
] as const;

describe.concurrent('brand kit flow', () => {
  test('create → read → update → delete', async ({ api, user }) => {
    const name = uniqueName('kit');
    const created = await api.post(BRAND_KITS_PATH, { name }, bearer(user));
    expect(created).toHaveStatus(201);
    const kit = created.data as BrandKit;
    expect(kit).toMatchObject({ id: expect.any(String), name, is_active: false, colors: { palette: [] } });
    expect(kit.typography.heading).toEqual({
      family: expect.any(String),
      weight: expect.any(Number),
      size: expect.any(Number),
    });

    const read = await api.get(kitUrl(kit.id), bearer(user));
    expect(read).toHaveStatus(200);
    expect(read.data).toEqual(kit);
    const list = await api.get(BRAND_KITS_PATH, bearer(user));
    expect(list.data.brand_kits.map((k: BrandKit) => k.id)).toEqual([kit.id]);

    const renamed = `${name}-renamed`;
    const updated = await api.put(
      kitUrl(kit.id),
      { name: renamed, voice: { tone: 'calm', traits: [], sample_phrases: [] } },
      bearer(user),
    );
    expect(updated).toHaveStatus(200);
    expect(updated.data).toMatchObject({
      id: kit.id,
      name: renamed,
      voice: { tone: 'calm' },
      colors: kit.colors,
      created_at: kit.created_at,
    });
    expect((await api.get(kitUrl(kit.id), bearer(user))).data.name).toBe(renamed);

    for (const bad of ['', ' ', 'a\u0000b', 'x'.repeat(101)]) {
      const refused = await api.put(kitUrl(kit.id), { name: bad }, bearer(user));
      expect(refused, `name ${JSON.stringify(bad)}`).toHaveStatus(422);
      expect(fieldsOf(refused.data)).toEqual(['body.name']);
    }
    expect(await api.delete(kitUrl(kit.id), bearer(user))).toHaveStatus(204);
    expect(await api.get(kitUrl(kit.id), bearer(user))).toHaveStatus(404);
    expect(await api.delete(kitUrl(kit.id), bearer(user)), 'deleting twice').toHaveStatus(404);
    expect((await api.get(BRAND_KITS_PATH, bearer(user))).data.brand_kits).toEqual([]);
  });

  test.for(SECTIONS)(
    '$name round-trips, and bad input is refused at its field, changing nothing',
    async (section, { api, user, brandKits }) => {
      const kit = await brandKits.create(user);
      const url = kitUrl(kit.id, `/${section.name}`);

      const put = await api.put(url, section.valid, bearer(user));
      expect(put).toHaveStatus(200);
      expect(put.data).toEqual(section.valid);
      const got = await api.get(url, bearer(user));
      expect(got).toHaveStatus(200);
      expect(got.data).toEqual(section.valid);
      expect((await api.get(kitUrl(kit.id), bearer(user))).data[section.name], 'the kit shows the section').toEqual(
        section.valid,
      );

      for (const bad of section.invalid) {
        const refused = await api.put(url, bad.value, bearer(user));
        expect(refused, bad.what).toHaveStatus(422);
        expect(fieldsOf(refused.data), bad.what).toContain(bad.field);
      }
      expect((await api.get(url, bearer(user))).data, 'refused writes left the section as it was').toEqual(
        section.valid,
      );
    },
  );

  test('activation switches the active kit and leaves exactly one', async ({ api, user, brandKits, db }) => {
    const [first, second] = [await brandKits.create(user), await brandKits.create(user)];
    const activate = (id: string) => api.post(kitUrl(id, '/activate'), {}, bearer(user));

    const one = await activate(first.id);
    expect(one).toHaveStatus(200);
    expect(one.data).toMatchObject({ id: first.id, is_active: true });
    expect((await api.get(`${BRAND_KITS_PATH}/active`, bearer(user))).data.id).toBe(first.id);

    expect(await activate(second.id)).toHaveStatus(200);
    expect((await api.get(`${BRAND_KITS_PATH}/active`, bearer(user))).data.id).toBe(second.id);
    expect((await api.get(kitUrl(first.id), bearer(user))).data.is_active, 'the first kit is no longer active').toBe(
      false,
    );

    const activeRows = await db.query('select id from brand_kits where user_id = $1 and is_active', [user.id]);
    expect(activeRows.rows).toEqual([{ id: second.id }]);
  });

  test('concurrent activations all succeed and leave exactly one active kit', async ({ api, user, brandKits, db }) => {
    const kits = [await brandKits.create(user), await brandKits.create(user), await brandKits.create(user)];
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => api.post(kitUrl(kits[i % kits.length]!.id, '/activate'), {}, bearer(user))),
    );
    for (const answer of answers) expect(answer).toHaveStatus(200);

    const { rows } = await db.query<{ id: string }>('select id from brand_kits where user_id = $1 and is_active', [
      user.id,
    ]);
    expect(rows, 'active kits in the database').toHaveLength(1);
    const active = await api.get(`${BRAND_KITS_PATH}/active`, bearer(user));
    expect(active.data.id).toBe(rows[0]!.id);
  });

  test(`at most ${KIT_LIMIT} kits: concurrent creates past the limit are refused and create nothing`, async ({
    api,
    user,
    db,
  }) => {
    const attempts = KIT_LIMIT + 3;
    const answers = await Promise.all(
      Array.from({ length: attempts }, () => api.post(BRAND_KITS_PATH, { name: uniqueName('kit') }, bearer(user))),
    );
    const created = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(created, 'kits created').toHaveLength(KIT_LIMIT);
    expect(refused).toHaveLength(attempts - KIT_LIMIT);
    for (const answer of refused) {
      expect(answer).toHaveStatus(409);
      expect(answer.data.error).toMatchObject({
        code: 'brand_kit_limit_reached',
        message: expect.stringContaining(String(KIT_LIMIT)),
      });
    }
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from brand_kits where user_id = $1', [
      user.id,
    ]);
    expect(rows[0]!.n, 'kits in the database').toBe(KIT_LIMIT);

    // Deleting one makes room for exactly one more.
    expect(await api.delete(kitUrl(created[0]!.data.id), bearer(user))).toHaveStatus(204);
    expect(await api.post(BRAND_KITS_PATH, { name: uniqueName('kit') }, bearer(user))).toHaveStatus(201);
    expect(await api.post(BRAND_KITS_PATH, { name: uniqueName('kit') }, bearer(user))).toHaveStatus(409);
  });

  test('another user gets 404 for every operation on my kit, and changes nothing', async ({
    api,
    users,
    brandKits,
  }) => {
    const [owner, stranger] = await Promise.all([users.create(), users.create()]);
    const kit = await brandKits.create(owner);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const form = new FormData();
    form.set('type', 'primary');
    form.set('file', new Blob([png]), 'logo.png');

    const attempts = [
      ['GET', kitUrl(kit.id)],
      ['PUT', kitUrl(kit.id), { name: 'stolen' }],
      ['DELETE', kitUrl(kit.id)],
      ['POST', kitUrl(kit.id, '/activate'), {}],
      ...SECTIONS.flatMap((s) => [
        ['GET', kitUrl(kit.id, `/${s.name}`)],
        ['PUT', kitUrl(kit.id, `/${s.name}`), s.valid],
      ]),
      ['GET', kitUrl(kit.id, '/logos')],
      ['POST', kitUrl(kit.id, '/logos'), form],
      ['DELETE', kitUrl(kit.id, '/logos/primary')],
    ] as [string, string, unknown?][];
    for (const [method, url, data] of attempts) {
      const response = await api.request({ method, url, data, ...bearer(stranger) });
      expect(response, `${method} ${url} as another user`).toHaveStatus(404);
      expect(response.data.error.code).toBe('not_found');
    }

    expect((await api.get(BRAND_KITS_PATH, bearer(stranger))).data.brand_kits, "the stranger's list").toEqual([]);
    const after = await api.get(kitUrl(kit.id), bearer(owner));
    expect(after).toHaveStatus(200);
    expect(after.data).toEqual(kit);
  });

  test('an unknown kit is a 404 for its owner too', async ({ api, user }) => {
    expect(await api.post(kitUrl(randomUUID(), '/activate'), {}, bearer(user))).toHaveStatus(404);
  });
});
