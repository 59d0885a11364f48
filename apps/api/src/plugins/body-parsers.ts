import fp from 'fastify-plugin';
import { HttpError } from './error-handler.ts';

/**
 * How a request body is read. The API takes JSON (and multipart for logo uploads, registered with
 * those routes); everything else is refused with 415 `unsupported_media_type` in the error
 * envelope, which the document declares for every operation that takes a body.
 *
 * A request with no body has no media type to refuse, whatever its Content-Type says (a bodiless
 * `fetch` POST sends `text/plain` or a form type): it counts as no body, so an operation whose body
 * is optional (logout) accepts it and the rest answer 422 with `fields`, as for an empty JSON body.
 * An operation that takes no body ignores one, of any type, as it ignores a JSON one.
 */
export default fp(
  async (app) => {
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) =>
      body === '' ? done(null, undefined) : parseJson(req, body as string, done),
    );
    // Fastify reads text/plain as a string by default; no operation takes one.
    app.removeContentTypeParser('text/plain');
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => {
      if ((body as Buffer).length === 0 || !req.routeOptions.schema?.body) return done(null, undefined);
      const type = (req.headers['content-type'] ?? 'none').slice(0, 100);
      // What the route's requestBody lists (multipart for a logo upload), JSON unless it says otherwise.
      const takes = (req.routeOptions.schema as { consumes?: string[] }).consumes ?? ['application/json'];
      const message = `This operation does not take a body of type ${type}; send ${takes.join(' or ')}`;
      done(new HttpError(415, 'unsupported_media_type', message));
    });
  },
  { name: 'body-parsers' },
);
