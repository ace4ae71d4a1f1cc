/** The keychain service name every Airvault process uses, so the app and the CLI share entries. */
export const KEYCHAIN_SERVICE = 'Airvault';
