import { NavLink, Outlet } from 'react-router';
import { isNavigable, routes } from '../routes';
import { useSession } from '../session/session';
import { RequireAuth } from './RequireAuth';

const dashboardRoutes = routes.filter((route) => route.auth && isNavigable(route));

export function DashboardLayout() {
  return (
    <RequireAuth>
      <Shell />
    </RequireAuth>
  );
}

function Shell() {
  // Signing out is enough: RequireAuth then sends the visitor to /login.
  const { user, signOut } = useSession();
  return (
    <div className="dashboard">
      <aside className="sidebar">
        <p className="brand">StreamKit</p>
        <nav aria-label="Dashboard">
          <ul>
            {dashboardRoutes.map((route) => (
              <li key={route.id}>
                <NavLink to={route.path} end>
                  {route.title}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <p title={user?.email}>{user?.display_name}</p>
          <button type="button" onClick={() => void signOut()}>
            Log out
          </button>
        </div>
      </aside>
      <main id="main" className="dashboard-main">
        <Outlet />
      </main>
    </div>
  );
}
