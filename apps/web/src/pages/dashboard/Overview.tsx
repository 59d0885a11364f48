import { Placeholder } from '../../components/Placeholder';
import { useSession } from '../../session/session';

export default function OverviewPage({ title }: { title: string }) {
  const { user } = useSession();
  return (
    <Placeholder title={title}>
      <p>Welcome, {user?.display_name}.</p>
    </Placeholder>
  );
}
