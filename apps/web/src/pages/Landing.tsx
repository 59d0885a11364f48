import { Link } from 'react-router';

const features = [
  ['Brand kits', 'Colors, fonts, logos and voice in one place, applied to everything you make.'],
  ['Quick create', 'Overlays, panels and emotes rendered in seconds from a short prompt.'],
  ['Twitch-ready', 'Every asset at the exact size Twitch wants, as singles or as a pack.'],
  ['Coach', 'Tips on your stream’s look from a coach that knows your brand.'],
] as const;

export default function LandingPage() {
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">Stream graphics that stay on brand</h1>
        <p className="lead">
          StreamKit turns your brand kit into overlays, panels and emotes for your channel — in minutes, not evenings.
        </p>
        <div className="cta">
          <Link to="/signup" className="button primary">
            Get started
          </Link>
          <Link to="/login" className="button">
            Log in
          </Link>
        </div>
      </section>
      <section id="features" aria-labelledby="features-title" className="features">
        <h2 id="features-title">What you get</h2>
        <ul>
          {features.map(([name, text]) => (
            <li key={name}>
              <h3>{name}</h3>
              <p>{text}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
