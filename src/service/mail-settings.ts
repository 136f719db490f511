/** The e-mail configuration of notifications (DTMA_SMTP_URL, DTMA_MAIL_FROM, DTMA_PUBLIC_URL; src/config.ts). */
export interface MailSettings {
  /** smtp://host:port (or smtps://, with user:password if the server needs them). */
  url: string;
  /** The From address, e.g. "数字化转型评估平台 <noreply@example.org>". */
  from: string;
  /** The platform's address for links in e-mails (DTMA_PUBLIC_URL); none: the link path only. */
  publicUrl?: string | null;
}
