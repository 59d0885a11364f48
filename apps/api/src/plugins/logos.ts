import fp from 'fastify-plugin';
import { Logos } from '../brand-kits/logos.ts';
import { deriveKey } from '../auth/tokens.ts';

/** The logos service: brand kits' logo rows and their objects in the `logos` bucket. */
export default fp(
  async (app) => {
    app.decorate('logos', new Logos(app.db, app.storage, deriveKey(app.config.JWT_SECRET, 'logo-url'), app.log));
  },
  { name: 'logos', dependencies: ['database', 'storage'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    logos: Logos;
  }
}
