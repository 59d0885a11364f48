import { Link, NavLink, Outlet } from 'react-router';
import { useSession } from '../session/session';

export function PublicLayout() {
  const { status } = useSession();
  return (
    <>
      <header className="site-header">
        <nav aria-label="Main">
          <Link to="/" className="brand">
            StreamKit
          </Link>
          <a href="/#features">Features</a>
          {status === 'signedIn' ? (
            <NavLink to="/dashboard">Dashboard</NavLink>
          ) : (
            <>
              <NavLink to="/login">Log in</NavLink>
              <NavLink to="/signup">Sign up</NavLink>
            </>
          )}
        </nav>
      </header>
      <main id="main">
        <Outlet />
      </main>
      <footer className="site-footer">© StreamKit</footer>
    </>
  );
}
