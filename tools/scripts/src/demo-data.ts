/**
 * Demo data for trying the app by hand. Fixed ids and `demo+N@streamkit.dev` emails, which
 * match no test-data pattern, so `cleanup-test-data` never touches them.
 */

export interface DemoUser {
  id: string;
  email: string;
  display_name: string;
  tier: 'free' | 'pro' | 'studio';
  usage_count: number;
}

type Font = { family: string; weight: number; size: number };

/** Sections in the shapes the API reads and writes (apps/api/src/brand-kits/schemas.ts). */
export interface DemoKit {
  id: string;
  user_id: string;
  name: string;
  is_active: boolean;
  colors: { palette: { name: string; hex: string; role: string }[] };
  typography: { heading: Font; body: Font };
  voice: { tone: string; traits: string[]; sample_phrases: string[] };
  guidelines: { dos: string[]; donts: string[]; notes: string };
}

export interface DemoJob {
  id: string;
  user_id: string;
  brand_kit_id: string | null;
  asset_type: string;
  parameters: Record<string, unknown>;
  status: 'queued' | 'processing' | 'completed' | 'failed';
  progress: number;
  error: string | null;
}

export interface DemoAsset {
  id: string;
  user_id: string;
  job_id: string;
  bucket: 'assets';
  path: string;
  width: number;
  height: number;
  is_public: boolean;
  /** The colour of the seeded image. */
  rgb: [number, number, number];
}

const id = (kind: number, n: number) => `d${kind}000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const DEMO_USERS: DemoUser[] = [
  { id: id(0, 1), email: 'demo+1@streamkit.dev', display_name: 'Demo Free', tier: 'free', usage_count: 3 },
  { id: id(0, 2), email: 'demo+2@streamkit.dev', display_name: 'Demo Pro', tier: 'pro', usage_count: 120 },
  { id: id(0, 3), email: 'demo+3@streamkit.dev', display_name: 'Demo Studio', tier: 'studio', usage_count: 0 },
];

const [free, pro] = DEMO_USERS.map((user) => user.id) as [string, string, string];

const fonts = (heading: string, body: string) => ({
  heading: { family: heading, weight: 700, size: 40 },
  body: { family: body, weight: 400, size: 16 },
});

export const DEMO_KITS: DemoKit[] = [
  {
    id: id(1, 1),
    user_id: free,
    name: 'Starter',
    is_active: true,
    colors: {
      palette: [
        { name: 'Twitch Purple', hex: '#6441a5', role: 'primary' },
        { name: 'White', hex: '#ffffff', role: 'secondary' },
        { name: 'Cyan', hex: '#00e5ff', role: 'accent' },
      ],
    },
    typography: fonts('Inter', 'Inter'),
    voice: { tone: 'friendly', traits: ['welcoming'], sample_phrases: ['Welcome in, friends!'] },
    guidelines: { dos: ['Keep it simple'], donts: [], notes: '' },
  },
  {
    id: id(1, 2),
    user_id: pro,
    name: 'Neon Nights',
    is_active: true,
    colors: {
      palette: [
        { name: 'Hot Pink', hex: '#ff00aa', role: 'primary' },
        { name: 'Midnight', hex: '#1a1a2e', role: 'background' },
        { name: 'Acid Green', hex: '#39ff14', role: 'accent' },
        { name: 'Smoke', hex: '#f5f5f5', role: 'text' },
      ],
    },
    typography: fonts('Bebas Neue', 'Roboto'),
    voice: { tone: 'hype', traits: ['energetic', 'loud'], sample_phrases: ["LET'S GOOO", 'GG no re'] },
    guidelines: { dos: ['Glow on dark backgrounds'], donts: ['Pastel colours'], notes: 'Neon on black, always.' },
  },
  {
    id: id(1, 3),
    user_id: pro,
    name: 'Pastel Mornings',
    is_active: false,
    colors: {
      palette: [
        { name: 'Blush', hex: '#ffd1dc', role: 'primary' },
        { name: 'Powder Blue', hex: '#aec6cf', role: 'secondary' },
        { name: 'Butter', hex: '#fdfd96', role: 'accent' },
      ],
    },
    typography: fonts('Poppins', 'Nunito'),
    voice: { tone: 'calm', traits: ['cozy'], sample_phrases: ['Grab a tea and settle in'] },
    guidelines: { dos: [], donts: ['Harsh contrast'], notes: '' },
  },
];

export interface DemoLogo {
  brand_kit_id: string;
  type: 'primary' | 'secondary' | 'icon' | 'monochrome' | 'watermark';
  /** Width and height of the seeded square PNG. */
  size: number;
  rgb: [number, number, number];
}

/** Every demo kit has a primary logo; Neon Nights an icon too. Stored like the API stores them. */
export const DEMO_LOGOS: DemoLogo[] = [
  { brand_kit_id: id(1, 1), type: 'primary', size: 256, rgb: [100, 65, 165] },
  { brand_kit_id: id(1, 2), type: 'primary', size: 256, rgb: [255, 0, 170] },
  { brand_kit_id: id(1, 2), type: 'icon', size: 64, rgb: [57, 255, 20] },
  { brand_kit_id: id(1, 3), type: 'primary', size: 256, rgb: [255, 209, 220] },
];

/** Where the API keeps a kit's logo: `<owner id>/<kit id>/<type>-<unique>.<ext>` in the `logos` bucket. */
export const demoLogoPath = (ownerId: string, logo: DemoLogo) =>
  `${ownerId}/${logo.brand_kit_id}/${logo.type}-demo.png`;

export const DEMO_JOBS: DemoJob[] = [
  {
    id: id(2, 1),
    user_id: free,
    brand_kit_id: id(1, 1),
    asset_type: 'thumbnail',
    parameters: { title: 'First stream!' },
    status: 'completed',
    progress: 100,
    error: null,
  },
  {
    id: id(2, 2),
    user_id: pro,
    brand_kit_id: id(1, 2),
    asset_type: 'overlay',
    parameters: { game: 'Retro Racer' },
    status: 'completed',
    progress: 100,
    error: null,
  },
  {
    id: id(2, 3),
    user_id: pro,
    brand_kit_id: id(1, 3),
    asset_type: 'banner',
    parameters: {},
    status: 'failed',
    progress: 40,
    error: 'Demo failure: the renderer gave up',
  },
  {
    id: id(2, 4),
    user_id: pro,
    brand_kit_id: null,
    asset_type: 'emote',
    parameters: { text: 'GG' },
    status: 'queued',
    progress: 0,
    error: null,
  },
];

export const DEMO_ASSETS: DemoAsset[] = [
  {
    id: id(3, 1),
    user_id: free,
    job_id: id(2, 1),
    bucket: 'assets',
    path: `demo/${free}/${id(2, 1)}/thumbnail.png`,
    width: 1280,
    height: 720,
    is_public: true,
    rgb: [100, 65, 165],
  },
  {
    id: id(3, 2),
    user_id: pro,
    job_id: id(2, 2),
    bucket: 'assets',
    path: `demo/${pro}/${id(2, 2)}/overlay.png`,
    width: 1920,
    height: 1080,
    is_public: false,
    rgb: [255, 0, 170],
  },
];
