import fp from 'fastify-plugin';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** Outgoing mail over SMTP (`SMTP_URL`); MailDev captures it in the local stack. */
export default fp(
  async (app) => {
    const transport = nodemailer.createTransport(app.config.SMTP_URL);
    app.decorate('mailer', {
      async send(mail) {
        await transport.sendMail({ from: app.config.MAIL_FROM, ...mail });
      },
    } satisfies Mailer);
    app.addHook('onClose', async () => transport.close());
  },
  { name: 'mailer' },
);

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer;
  }
}
