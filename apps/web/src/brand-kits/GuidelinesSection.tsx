import { useState } from 'react';
import { api } from '../api/client';
import { fieldError, kitPath, linesOf, type Guidelines } from './model';
import { SectionForm } from './SectionForm';
import { TextAreaField } from './TextFields';
import { useSave } from './useSave';

/** Do and don't lists (one entry per line) and free usage notes. */
export function GuidelinesSection({ kitId, initial }: { kitId: string; initial: Guidelines }) {
  const [dos, setDos] = useState(initial.dos.join('\n'));
  const [donts, setDonts] = useState(initial.donts.join('\n'));
  const [notes, setNotes] = useState(initial.notes);
  const form = useSave(async () => {
    const saved = await api<Guidelines>(kitPath(kitId, '/guidelines'), {
      method: 'PUT',
      body: { dos: linesOf(dos), donts: linesOf(donts), notes },
      auth: true,
    });
    setDos(saved.dos.join('\n'));
    setDonts(saved.donts.join('\n'));
  });

  return (
    <SectionForm title="Guidelines" {...form}>
      <TextAreaField
        label="Do"
        value={dos}
        onChange={setDos}
        error={fieldError(form.fields, 'dos')}
        hint="One per line, up to 20."
      />
      <TextAreaField
        label="Don't"
        value={donts}
        onChange={setDonts}
        error={fieldError(form.fields, 'donts')}
        hint="One per line, up to 20."
      />
      <TextAreaField label="Usage notes" value={notes} onChange={setNotes} error={form.fields.notes} />
    </SectionForm>
  );
}
