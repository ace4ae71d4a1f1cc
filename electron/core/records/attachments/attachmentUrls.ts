/**
 * Where attachment bytes may be downloaded from: Airtable serves attachments and thumbnails
 * over https from its content hosts (`dl.airtable.com`, `v5.airtableusercontent.com` and its
 * siblings). A URL anywhere else in a record (a person typed it, an unsent edit holds it) is
 * never fetched by main. Hosts that run core against another Airtable (the sandbox in tests and
 * previews) add its origin.
 */
export type AttachmentUrlPolicy = (url: string) => boolean;

export function attachmentUrlPolicy(extraOrigins: readonly string[] = []): AttachmentUrlPolicy {
  return (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (url.username || url.password) return false;
    if (extraOrigins.includes(url.origin)) return true;
    if (url.protocol !== 'https:' || url.port) return false;
    return url.hostname === 'dl.airtable.com' || /^[a-z0-9-]+\.airtableusercontent\.com$/.test(url.hostname);
  };
}
