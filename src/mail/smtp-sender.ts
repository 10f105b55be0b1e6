// Sending one mail through SMTP with nodemailer. The settings come from the config's `mail` keys and
// the password from the environment (the CLI reads WIKIGEN_SMTP_PASSWORD); nothing here reads either.

export interface MailSettings {
  host: string;
  port: number;
  /** TLS from the first byte (465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string;
  /** Bounds each connection so a dead server fails the attempt instead of hanging the command. */
  timeoutMs: number;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface MailSender {
  /** What the sender goes to, for messages: "smtp://host:port". */
  describe: string;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export async function createSmtpSender(settings: MailSettings): Promise<MailSender> {
  // Loaded when there is mail to send: no command pays for nodemailer otherwise.
  const nodemailer = await import("nodemailer");
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? "" } } : {}),
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  });
  return {
    describe: `smtp://${settings.host}:${settings.port}`,
    async send(message) {
      await transport.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transport.close(),
  };
}
