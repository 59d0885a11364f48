import { useState } from 'react';
import { api } from '../api/client';
import { COLOR_ROLES, kitPath, type Colors, type PaletteColor } from './model';
import { FieldMessage, SectionForm } from './SectionForm';
import { useSave } from './useSave';

const HEX = /^#[0-9a-fA-F]{6}$/;

/** The palette: a row per colour (name, picker, hex, role) with a swatch that follows the edit. */
export function ColorsSection({ kitId, initial }: { kitId: string; initial: Colors }) {
  const [palette, setPalette] = useState<PaletteColor[]>(initial.palette);
  const form = useSave(async () => {
    const saved = await api<Colors>(kitPath(kitId, '/colors'), { method: 'PUT', body: { palette }, auth: true });
    setPalette(saved.palette);
  });

  const update = (index: number, change: Partial<PaletteColor>) =>
    setPalette((rows) => rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const add = () =>
    setPalette((rows) => [
      ...rows,
      { name: `Colour ${rows.length + 1}`, hex: '#6d28d9', role: rows.length ? 'accent' : 'primary' },
    ]);
  const remove = (index: number) => setPalette((rows) => rows.filter((_, i) => i !== index));

  return (
    <SectionForm title="Colours" {...form}>
      {palette.length === 0 && <p className="muted">No colours yet.</p>}
      <ol className="palette">
        {palette.map((color, i) => {
          const error = (field: string) => form.fields[`palette.${i}.${field}`];
          const label = `Colour ${i + 1}`;
          return (
            <li key={i} className="palette-row">
              <span
                className="swatch"
                role="img"
                aria-label={`${label} swatch`}
                data-hex={color.hex}
                // A hex being typed is not a colour yet: the swatch keeps the last one that was.
                style={HEX.test(color.hex) ? { backgroundColor: color.hex } : undefined}
              />
              <input
                aria-label={`${label} name`}
                value={color.name}
                aria-invalid={error('name') ? true : undefined}
                onChange={(e) => update(i, { name: e.target.value })}
              />
              <input
                type="color"
                aria-label={`${label} picker`}
                value={HEX.test(color.hex) ? color.hex.toLowerCase() : '#000000'}
                onChange={(e) => update(i, { hex: e.target.value })}
              />
              <input
                aria-label={`${label} hex`}
                value={color.hex}
                size={8}
                aria-invalid={error('hex') ? true : undefined}
                aria-describedby={error('hex') ? `color-${i}-hex-error` : undefined}
                onChange={(e) => update(i, { hex: e.target.value.trim() })}
              />
              <select
                aria-label={`${label} role`}
                value={color.role}
                onChange={(e) => update(i, { role: e.target.value as PaletteColor['role'] })}
              >
                {COLOR_ROLES.map((role) => (
                  <option key={role}>{role}</option>
                ))}
              </select>
              <button type="button" className="link-button" onClick={() => remove(i)}>
                Remove {label.toLowerCase()}
              </button>
              <FieldMessage id={`color-${i}-name-error`} error={error('name')} />
              <FieldMessage id={`color-${i}-hex-error`} error={error('hex')} />
              <FieldMessage id={`color-${i}-role-error`} error={error('role')} />
            </li>
          );
        })}
      </ol>
      <FieldMessage id="palette-error" error={form.fields.palette} />
      <button type="button" className="button" onClick={add}>
        Add colour
      </button>
    </SectionForm>
  );
}
