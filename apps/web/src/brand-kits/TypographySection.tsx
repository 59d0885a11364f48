import { useState, type CSSProperties } from 'react';
import { api } from '../api/client';
import { fieldError, FONT_WEIGHTS, kitPath, type Font, type Typography } from './model';
import { FieldMessage, SectionForm } from './SectionForm';
import { useSave } from './useSave';

const SUGGESTED_FONTS = ['Inter', 'Roboto', 'Poppins', 'Montserrat', 'Bebas Neue', 'Nunito', 'Georgia', 'DejaVu Serif'];

/** Inputs hold text while typing; the API gets numbers (and says so at the field if they are not). */
type FontDraft = { family: string; weight: string; size: string };
const draftOf = (font: Font): FontDraft => ({
  family: font.family,
  weight: String(font.weight),
  size: String(font.size),
});
const fontOf = (draft: FontDraft) => ({
  family: draft.family,
  weight: Number(draft.weight),
  size: draft.size === '' ? null : Number(draft.size),
});

export const previewStyle = (draft: FontDraft): CSSProperties => ({
  fontFamily: `"${draft.family}", system-ui, sans-serif`,
  fontWeight: Number(draft.weight) || undefined,
  fontSize: Number(draft.size) > 0 ? `${Number(draft.size)}px` : undefined,
});

/** Heading and body fonts, with a preview set in them as they are chosen. */
export function TypographySection({ kitId, initial }: { kitId: string; initial: Typography }) {
  const [heading, setHeading] = useState(draftOf(initial.heading));
  const [body, setBody] = useState(draftOf(initial.body));
  const form = useSave(async () => {
    const saved = await api<Typography>(kitPath(kitId, '/typography'), {
      method: 'PUT',
      body: { heading: fontOf(heading), body: fontOf(body) },
      auth: true,
    });
    setHeading(draftOf(saved.heading));
    setBody(draftOf(saved.body));
  });

  return (
    <SectionForm title="Typography" {...form}>
      <datalist id="suggested-fonts">
        {SUGGESTED_FONTS.map((font) => (
          <option key={font} value={font} />
        ))}
      </datalist>
      <div className="font-grid">
        <FontFields role="heading" label="Heading" draft={heading} onChange={setHeading} fields={form.fields} />
        <FontFields role="body" label="Body" draft={body} onChange={setBody} fields={form.fields} />
      </div>
      <div className="type-preview">
        <p style={previewStyle(heading)}>Going live tonight</p>
        <p style={previewStyle(body)}>Join the stream for speedruns, giveaways and good company.</p>
      </div>
    </SectionForm>
  );
}

interface FontFieldsProps {
  role: 'heading' | 'body';
  label: string;
  draft: FontDraft;
  onChange: (draft: FontDraft) => void;
  fields: Record<string, string>;
}

function FontFields({ role, label, draft, onChange, fields }: FontFieldsProps) {
  const error = (name: string) => fieldError(fields, `${role}.${name}`);
  return (
    <fieldset>
      <legend>{label}</legend>
      <label>
        {label} font
        <input
          list="suggested-fonts"
          value={draft.family}
          aria-invalid={error('family') ? true : undefined}
          onChange={(e) => onChange({ ...draft, family: e.target.value })}
        />
      </label>
      <FieldMessage id={`${role}-family-error`} error={error('family')} />
      <label>
        {label} weight
        <select value={draft.weight} onChange={(e) => onChange({ ...draft, weight: e.target.value })}>
          {FONT_WEIGHTS.map((weight) => (
            <option key={weight}>{weight}</option>
          ))}
        </select>
      </label>
      <FieldMessage id={`${role}-weight-error`} error={error('weight')} />
      <label>
        {label} size (px)
        <input
          type="number"
          min={8}
          max={160}
          value={draft.size}
          aria-invalid={error('size') ? true : undefined}
          onChange={(e) => onChange({ ...draft, size: e.target.value })}
        />
      </label>
      <FieldMessage id={`${role}-size-error`} error={error('size')} />
    </fieldset>
  );
}
