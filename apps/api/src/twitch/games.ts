/** What the product knows about a Twitch category (game), by Twitch's own id. */
export interface GameMeta {
  id: string;
  name: string;
  /** Twitch's box-art URL template; {width}×{height} are filled in by the client (Twitch asks 285×380). */
  box_art_url: string;
  genres: string[];
}

/**
 * Where game metadata comes from. The product ships with a bundled catalogue; a client of the
 * Twitch Helix API (`GET /helix/games?id=`) implements the same interface for live data.
 */
export interface GameMetadataProvider {
  /** The game, or undefined when the provider has none with this id. */
  get(id: string): Promise<GameMeta | undefined>;
}

const boxArt = (id: string) => `https://static-cdn.jtvnw.net/ttv-boxart/${id}-{width}x{height}.jpg`;
const game = (id: string, name: string, genres: string[]): GameMeta => ({ id, name, box_art_url: boxArt(id), genres });

/** The most streamed categories, bundled so the product works without Twitch credentials. */
export const BUNDLED_GAMES: readonly GameMeta[] = [
  game('509658', 'Just Chatting', ['IRL']),
  game('21779', 'League of Legends', ['MOBA', 'Strategy']),
  game('33214', 'Fortnite', ['Shooter', 'Battle Royale']),
  game('27471', 'Minecraft', ['Sandbox', 'Survival']),
  game('32982', 'Grand Theft Auto V', ['Action', 'Open World']),
  game('516575', 'VALORANT', ['Shooter', 'Tactical']),
  game('511224', 'Apex Legends', ['Shooter', 'Battle Royale']),
  game('29595', 'Dota 2', ['MOBA', 'Strategy']),
  game('18122', 'World of Warcraft', ['MMORPG']),
  game('138585', 'Hearthstone', ['Card Game', 'Strategy']),
  game('30921', 'Rocket League', ['Sports', 'Racing']),
  game('491487', 'Dead by Daylight', ['Horror', 'Survival']),
  game('26936', 'Music', ['Creative']),
  game('509660', 'Art', ['Creative']),
  game('1469308723', 'Software and Game Development', ['Creative', 'Science & Technology']),
];

export class BundledGameCatalogue implements GameMetadataProvider {
  private readonly byId: Map<string, GameMeta>;

  constructor(games: readonly GameMeta[] = BUNDLED_GAMES) {
    this.byId = new Map(games.map((entry) => [entry.id, entry]));
  }

  async get(id: string): Promise<GameMeta | undefined> {
    return this.byId.get(id);
  }
}
