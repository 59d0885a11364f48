/**
 * OAuth providers are configuration: `OAUTH_PROVIDERS=github,google` plus, per provider,
 * `OAUTH_<NAME>_CLIENT_ID` and `OAUTH_<NAME>_CLIENT_SECRET`. Known providers bring their endpoints;
 * any other one names an OIDC issuer (`OAUTH_<NAME>_ISSUER`, endpoints from its discovery document)
 * or its three endpoints (`OAUTH_<NAME>_AUTHORIZE_URL`, `_TOKEN_URL`, `_USERINFO_URL`).
 * `OAUTH_<NAME>_SCOPE` overrides the scope.
 */
export interface OAuthProviderConfig {
  name: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  issuer?: string;
  authorizeUrl?: string;
  tokenUrl?: string;
  userinfoUrl?: string;
}

type Preset = Omit<OAuthProviderConfig, 'name' | 'clientId' | 'clientSecret'>;

const PRESETS: Record<string, Preset> = {
  google: { issuer: 'https://accounts.google.com', scope: 'openid email profile' },
  github: {
    authorizeUrl: 'https://github.com/login/oauth/authorize',
    tokenUrl: 'https://github.com/login/oauth/access_token',
    userinfoUrl: 'https://api.github.com/user',
    scope: 'read:user user:email',
  },
};

const DEFAULT_SCOPE = 'openid email profile';

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

export function parseOAuthProviders(env: NodeJS.ProcessEnv): {
  providers: OAuthProviderConfig[];
  problems: string[];
} {
  const names = (env.OAUTH_PROVIDERS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const providers: OAuthProviderConfig[] = [];
  const problems: string[] = [];
  for (const name of new Set(names)) {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(name)) {
      problems.push(`OAUTH_PROVIDERS is invalid: "${name}" must be lower-case letters, digits and dashes`);
      continue;
    }
    const prefix = `OAUTH_${name.toUpperCase().replaceAll('-', '_')}_`;
    const read = (key: string) => env[prefix + key]?.trim() || undefined;
    const before = problems.length;
    const clientId = read('CLIENT_ID');
    const clientSecret = read('CLIENT_SECRET');
    if (!clientId) problems.push(`${prefix}CLIENT_ID is not set (needed by OAUTH_PROVIDERS=${name})`);
    if (!clientSecret) problems.push(`${prefix}CLIENT_SECRET is not set (needed by OAUTH_PROVIDERS=${name})`);

    const preset = PRESETS[name];
    const endpoints = {
      issuer: read('ISSUER') ?? preset?.issuer,
      authorizeUrl: read('AUTHORIZE_URL') ?? preset?.authorizeUrl,
      tokenUrl: read('TOKEN_URL') ?? preset?.tokenUrl,
      userinfoUrl: read('USERINFO_URL') ?? preset?.userinfoUrl,
    };
    for (const [key, value] of Object.entries(endpoints)) {
      const variable = `${prefix}${key.replace(/Url$/, '_URL').toUpperCase()}`;
      if (value !== undefined && !isHttpUrl(value)) problems.push(`${variable} is invalid: not an http(s) URL`);
    }
    const explicit = endpoints.authorizeUrl && endpoints.tokenUrl && endpoints.userinfoUrl;
    if (!endpoints.issuer && !explicit) {
      problems.push(
        `${prefix}ISSUER is not set (or set all of ${prefix}AUTHORIZE_URL, ${prefix}TOKEN_URL and ${prefix}USERINFO_URL)`,
      );
    }
    if (problems.length > before) continue;
    providers.push({
      name,
      clientId: clientId!,
      clientSecret: clientSecret!,
      scope: read('SCOPE') ?? preset?.scope ?? DEFAULT_SCOPE,
      ...Object.fromEntries(Object.entries(endpoints).filter(([, value]) => value !== undefined)),
    });
  }
  return { providers, problems };
}
