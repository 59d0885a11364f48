import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { Field } from '../../components/Field';
import { ColorsSection } from '../../brand-kits/ColorsSection';
import { GuidelinesSection } from '../../brand-kits/GuidelinesSection';
import { LogosSection } from '../../brand-kits/LogosSection';
import { kitPath, type BrandKit } from '../../brand-kits/model';
import { SectionForm } from '../../brand-kits/SectionForm';
import { TypographySection } from '../../brand-kits/TypographySection';
import { useSave } from '../../brand-kits/useSave';
import { VoiceSection } from '../../brand-kits/VoiceSection';

/** One brand kit: its name, colours, typography, voice, guidelines and logos, each saved on its own. */
export default function BrandKitEditPage({ title }: { title: string }) {
  const { id = '' } = useParams();
  const [kit, setKit] = useState<BrandKit>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    let current = true;
    setKit(undefined);
    setProblem(undefined);
    api<BrandKit>(kitPath(id), { auth: true }).then(
      (found) => current && setKit(found),
      (error: unknown) =>
        current &&
        setProblem(
          error instanceof ApiError && (error.status === 404 || error.status === 422)
            ? 'This brand kit does not exist, or is not yours.'
            : 'Could not load the brand kit. Try again.',
        ),
    );
    return () => {
      current = false;
    };
  }, [id]);

  return (
    <section aria-labelledby="page-title" className="kit-editor">
      <p>
        <Link to="/dashboard/brand-kits">← All brand kits</Link>
      </p>
      <h1 id="page-title">{title}</h1>
      {problem && (
        <p role="alert" className="form-error">
          {problem}
        </p>
      )}
      {!kit && !problem && (
        <p role="status" className="loading">
          Loading…
        </p>
      )}
      {kit && (
        // Keyed by id: another kit starts from fresh form state.
        <div key={kit.id}>
          <NameSection kit={kit} />
          <ColorsSection kitId={kit.id} initial={kit.colors} />
          <TypographySection kitId={kit.id} initial={kit.typography} />
          <VoiceSection kitId={kit.id} initial={kit.voice} />
          <GuidelinesSection kitId={kit.id} initial={kit.guidelines} />
          <LogosSection kitId={kit.id} />
        </div>
      )}
    </section>
  );
}

function NameSection({ kit }: { kit: BrandKit }) {
  const [name, setName] = useState(kit.name);
  const form = useSave(async () => {
    setName((await api<BrandKit>(kitPath(kit.id), { method: 'PUT', body: { name }, auth: true })).name);
  });
  return (
    <SectionForm title="Name" {...form}>
      <Field
        label="Kit name"
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={form.fields.name}
      />
      {kit.is_active && <p className="badge">Active kit</p>}
    </SectionForm>
  );
}
