-- Up Migration
-- The shapes of a brand kit's sections, as the API reads and writes them (apps/api/src/brand-kits/
-- schemas.ts). A new kit starts from these defaults, so every kit read back is complete; the
-- generation worker reads the same shapes:
--   colors      {"palette": [{"name", "hex": "#rrggbb", "role"}]}
--   typography  {"heading": {"family", "weight", "size"}, "body": {...}}
--   voice       {"tone", "traits": [], "sample_phrases": []}
--   guidelines  {"dos": [], "donts": [], "notes"}
alter table public.brand_kits
  alter column colors set default '{"palette": []}',
  alter column typography set default
    '{"heading": {"family": "Inter", "weight": 700, "size": 32}, "body": {"family": "Inter", "weight": 400, "size": 16}}',
  alter column voice set default '{"tone": "", "traits": [], "sample_phrases": []}',
  alter column guidelines set default '{"dos": [], "donts": [], "notes": ""}';

-- Kits written before these shapes (the first schema's role-keyed colour lists, a bare font name
-- per role) are carried over rather than dropped.
update public.brand_kits k
   set colors = jsonb_build_object('palette', coalesce((
         select jsonb_agg(jsonb_build_object(
                  'name', initcap(role.key) || ' ' || hex.n,
                  'hex', lower(hex.value),
                  'role', case when role.key in ('primary', 'secondary', 'accent', 'background', 'text') then role.key else 'extended' end)
                order by role.key, hex.n)
           from jsonb_each(k.colors) role,
                jsonb_array_elements_text(case when jsonb_typeof(role.value) = 'array' then role.value else '[]' end)
                  with ordinality hex(value, n)
          where hex.value ~* '^#[0-9a-f]{6}$'), '[]'))
 where not k.colors ? 'palette';

update public.brand_kits k
   set typography = jsonb_build_object(
         'heading', jsonb_build_object('family', coalesce(k.typography->>'heading', 'Inter'), 'weight', 700, 'size', 32),
         'body', jsonb_build_object('family', coalesce(k.typography->>'body', 'Inter'), 'weight', 400, 'size', 16))
 where jsonb_typeof(k.typography->'heading') is distinct from 'object'
    or jsonb_typeof(k.typography->'body') is distinct from 'object';

update public.brand_kits k
   set voice = jsonb_build_object('tone', coalesce(left(k.voice->>'tone', 60), ''), 'traits', '[]'::jsonb, 'sample_phrases', '[]'::jsonb)
 where not (k.voice ? 'traits' and k.voice ? 'sample_phrases');

update public.brand_kits k
   set guidelines = '{"dos": [], "donts": [], "notes": ""}'
 where not (k.guidelines ? 'dos' and k.guidelines ? 'donts');

-- Down Migration
alter table public.brand_kits
  alter column colors set default '{"primary": [], "secondary": [], "accent": [], "extended": []}',
  alter column typography set default '{}',
  alter column voice set default '{}',
  alter column guidelines set default '{}';
