import { useEffect, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { DashboardLayout } from './components/DashboardLayout';
import { PublicLayout } from './components/PublicLayout';
import BrandKitsPage from './pages/dashboard/BrandKits';
import BrandKitEditPage from './pages/dashboard/BrandKitEdit';
import CoachPage from './pages/dashboard/Coach';
import AssetsPage from './pages/dashboard/Assets';
import JobsPage from './pages/dashboard/Jobs';
import OverviewPage from './pages/dashboard/Overview';
import QuickCreatePage from './pages/dashboard/QuickCreate';
import SettingsPage from './pages/dashboard/Settings';
import TwitchPage from './pages/dashboard/Twitch';
import ForgotPasswordPage from './pages/ForgotPassword';
import LandingPage from './pages/Landing';
import LoginPage from './pages/Login';
import NotFoundPage from './pages/NotFound';
import OAuthCallbackPage from './pages/OAuthCallback';
import PublicAssetPage from './pages/PublicAsset';
import ResetPasswordPage from './pages/ResetPassword';
import SignupPage from './pages/Signup';
import { NOT_FOUND_TITLE, routes, type RouteEntry, type RouteId } from './routes';

// Every manifest entry needs a page, and a page without an entry cannot be routed: the manifest
// stays the one list of pages.
const pages: Record<RouteId, ComponentType<{ title: string }>> = {
  landing: LandingPage,
  login: LoginPage,
  signup: SignupPage,
  forgotPassword: ForgotPasswordPage,
  resetPassword: ResetPasswordPage,
  oauthCallback: OAuthCallbackPage,
  publicAsset: PublicAssetPage,
  overview: OverviewPage,
  brandKits: BrandKitsPage,
  brandKitEdit: BrandKitEditPage,
  quickCreate: QuickCreatePage,
  jobs: JobsPage,
  assets: AssetsPage,
  twitch: TwitchPage,
  coach: CoachPage,
  settings: SettingsPage,
};

function Titled({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = title === 'StreamKit' ? title : `${title} · StreamKit`;
  }, [title]);
  return children;
}

function toRoute(entry: RouteEntry): RouteObject {
  const Page = pages[entry.id as RouteId];
  return {
    path: entry.path,
    element: (
      <Titled title={entry.title}>
        <Page title={entry.title} />
      </Titled>
    ),
  };
}

export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    errorElement: <NotFoundPage />,
    children: [
      ...routes.filter((r) => !r.auth).map(toRoute),
      {
        path: '*',
        element: (
          <Titled title={NOT_FOUND_TITLE}>
            <NotFoundPage />
          </Titled>
        ),
      },
    ],
  },
  { element: <DashboardLayout />, children: routes.filter((r) => r.auth).map(toRoute) },
]);
