import { useState } from 'react';
import { api } from '../api/client';
import { Field } from '../components/Field';
import { fieldError, kitPath, linesOf, type Voice } from './model';
import { SectionForm } from './SectionForm';
import { TextAreaField } from './TextFields';
import { useSave } from './useSave';

/** Tone, personality traits and sample phrases (the lists one entry per line). */
export function VoiceSection({ kitId, initial }: { kitId: string; initial: Voice }) {
  const [tone, setTone] = useState(initial.tone);
  const [traits, setTraits] = useState(initial.traits.join('\n'));
  const [phrases, setPhrases] = useState(initial.sample_phrases.join('\n'));
  const form = useSave(async () => {
    const saved = await api<Voice>(kitPath(kitId, '/voice'), {
      method: 'PUT',
      body: { tone, traits: linesOf(traits), sample_phrases: linesOf(phrases) },
      auth: true,
    });
    setTraits(saved.traits.join('\n'));
    setPhrases(saved.sample_phrases.join('\n'));
  });

  return (
    <SectionForm title="Voice" {...form}>
      <Field
        label="Tone"
        name="tone"
        value={tone}
        onChange={(e) => setTone(e.target.value)}
        error={form.fields.tone}
        hint="e.g. friendly, hype, calm"
      />
      <TextAreaField
        label="Personality traits"
        value={traits}
        onChange={setTraits}
        error={fieldError(form.fields, 'traits')}
        hint="One per line, up to 10."
      />
      <TextAreaField
        label="Sample phrases"
        value={phrases}
        onChange={setPhrases}
        error={fieldError(form.fields, 'sample_phrases')}
        hint="One per line, up to 10."
      />
    </SectionForm>
  );
}
