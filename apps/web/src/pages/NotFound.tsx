import { Link, useLocation } from 'react-router';
import { NOT_FOUND_TITLE } from '../routes';

export default function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{NOT_FOUND_TITLE}</h1>
      <p>
        There is no page at <code>{pathname}</code>.
      </p>
      <Link to="/" className="button">
        Back to the home page
      </Link>
    </section>
  );
}
